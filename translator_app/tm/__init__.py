"""Your translation memory: store.py, fuzzy.py, tmx.py, answer.py, cli.py (no Qt)."""
