"""Corpus building, training and evaluation. No Qt here."""
