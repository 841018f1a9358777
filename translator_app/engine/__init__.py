"""The translation engine. No Qt here; torch is imported by the submodules that need it."""
