"""Your translation memory: the pairs you corrected or imported, in SQLite (no Qt).

One row per (source, target, direction, time). ``key`` is the source folded as the Ding
memory folds it (``ding.fold``: case, spacing and punctuation aside), indexed per direction,
so an exact lookup is one index probe; the latest row of a key wins.

The window and the CLI may hold the file at once: WAL journal, a busy timeout, and every
write in one ``BEGIN IMMEDIATE`` transaction. A file that is missing reads as empty and is
created only by the first write, so translating never makes one. A damaged, unreadable or
read-only file raises MemoryStoreError (one line for the user) and is never replaced: the
rows in it are the user's own work.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from .. import languages
from ..dictionary.ding import fold

SCHEMA_VERSION = 1
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, target TEXT NOT NULL,"
    " src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, created TEXT NOT NULL, key TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS entries_key ON entries (src_lang, tgt_lang, key, id)",
)
_COLUMNS = "id, source, target, src_lang, tgt_lang, created"


class MemoryStoreError(Exception):
    """The memory file cannot be used (damaged, unreadable, read-only, from a newer app);
    ``str()`` is one line naming the file and the reason."""


@dataclass(frozen=True)
class Entry:
    """One stored translation. ``created`` is timezone-aware UTC."""

    id: int
    source: str
    target: str
    src_lang: str
    tgt_lang: str
    created: datetime


def normalise(text: str) -> str:
    """The lookup key: the Ding memory's rule (``ding.fold``), in one place."""
    return fold(text)


def _entry(row) -> Entry:
    return Entry(row[0], row[1], row[2], row[3], row[4], datetime.fromisoformat(row[5]))


def _check_pair(source: str, target: str, src_lang: str, tgt_lang: str) -> None:
    if src_lang not in languages.CODES or tgt_lang not in languages.CODES or src_lang == tgt_lang:
        raise ValueError(f"unknown direction {src_lang}->{tgt_lang} (give de->en or en->de)")
    if not normalise(source):
        raise ValueError("the source has no words")
    if not target.strip():
        raise ValueError("the translation is empty")


class MemoryStore:
    """The memory at ``path`` (default: ``paths.user_memory_path()``). Safe to share between
    threads (one connection behind a lock) and between processes (SQLite's locking)."""

    def __init__(self, path: Optional[Path] = None):
        if path is None:
            from ..paths import user_memory_path

            path = user_memory_path()
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db: Optional[sqlite3.Connection] = None

    # -- the connection ---------------------------------------------------------------------
    def _fail(self, exc: BaseException) -> MemoryStoreError:
        reason = str(exc)
        if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in reason or "malformed" in reason):
            reason = f"the file is damaged ({reason}); it was left as it is"
        elif "readonly" in reason or "read-only" in reason:
            reason = "the file or its folder is read-only"
        return MemoryStoreError(f"cannot use your translation memory {self.path}: {reason}")

    def _connect(self, create: bool) -> Optional[sqlite3.Connection]:
        """The open connection; None when the file does not exist and ``create`` is False."""
        if self._db is not None:
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise self._fail(exc) from None
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise MemoryStoreError(f"cannot use your translation memory {self.path}: it was written by a "
                                       f"newer translator-app (format {version}, this one reads {SCHEMA_VERSION})")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if version < SCHEMA_VERSION:
                db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                db.execute("COMMIT")
        except MemoryStoreError:
            db.close()
            raise
        except sqlite3.Error as exc:
            db.close()
            raise self._fail(exc) from None
        self._db = db
        return db

    def _read(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            db = self._connect(create=False)
            if db is None:
                return []
            try:
                return db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise self._fail(exc) from None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- writing ----------------------------------------------------------------------------
    def add_many(self, pairs: Iterable[tuple]) -> list[Entry]:
        """Store every (source, target, src_lang, tgt_lang[, created]) in one transaction: all
        or none. ``created`` (an aware datetime, e.g. a TMX unit's date) defaults to now.
        ValueError (nothing stored) for a pair without words or of an unknown direction."""
        rows, times = [], []
        now = datetime.now(timezone.utc).replace(microsecond=0)
        for source, target, src_lang, tgt_lang, *rest in pairs:
            _check_pair(source, target, src_lang, tgt_lang)
            created = (rest[0] if rest and rest[0] is not None else now).astimezone(timezone.utc)
            times.append(created)
            rows.append((source.strip(), target.strip(), src_lang, tgt_lang, created.isoformat(), normalise(source)))
        with self._lock:
            db = self._connect(create=True)
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    ids = [db.execute("INSERT INTO entries (source, target, src_lang, tgt_lang, created, key)"
                                      " VALUES (?, ?, ?, ?, ?, ?)", row).lastrowid for row in rows]
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise self._fail(exc) from None
        return [Entry(i, r[0], r[1], r[2], r[3], t) for i, r, t in zip(ids, rows, times)]

    def add(self, source: str, target: str, src_lang: str, tgt_lang: str) -> Entry:
        """Store one translation (the latest of a source wins the exact lookup)."""
        return self.add_many([(source, target, src_lang, tgt_lang)])[0]

    def remove(self, entry_id: int) -> bool:
        """Delete one row; False when there is no such id."""
        with self._lock:
            db = self._connect(create=False)
            if db is None:
                return False
            try:
                return db.execute("DELETE FROM entries WHERE id = ?", (int(entry_id),)).rowcount > 0
            except sqlite3.Error as exc:
                raise self._fail(exc) from None

    # -- reading ----------------------------------------------------------------------------
    def entries(self, src_lang: Optional[str] = None) -> list[Entry]:
        """Every row (of one source language), oldest first."""
        if src_lang is None:
            rows = self._read(f"SELECT {_COLUMNS} FROM entries ORDER BY id")
        else:
            rows = self._read(f"SELECT {_COLUMNS} FROM entries WHERE src_lang = ? ORDER BY id", (src_lang,))
        return [_entry(r) for r in rows]

    def exact(self, text: str, src_lang: str, tgt_lang: str) -> Optional[Entry]:
        """The latest row whose source normalises as ``text`` does, in this direction."""
        key = normalise(text)
        if not key:
            return None
        rows = self._read(f"SELECT {_COLUMNS} FROM entries WHERE src_lang = ? AND tgt_lang = ? AND key = ?"
                          " ORDER BY id DESC LIMIT 1", (src_lang, tgt_lang, key))
        return _entry(rows[0]) if rows else None

    def count(self) -> int:
        rows = self._read("SELECT COUNT(*) FROM entries")
        return rows[0][0] if rows else 0

    def last_id(self) -> int:
        """The highest id ever given (ids are never reused, removed rows included): rows with
        a larger id are new since a caller noted this value; 0 for an empty memory."""
        rows = self._read("SELECT seq FROM sqlite_sequence WHERE name = 'entries'")
        return int(rows[0][0]) if rows else 0
