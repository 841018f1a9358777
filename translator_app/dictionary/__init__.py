"""Offline dictionary from Ding: parsing, the SQLite FTS5 index, lookup and exact matches. No Qt."""
