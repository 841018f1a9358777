"""Conversation history in SQLite, with no Qt.

WAL journal + one transaction per exchange: a crash or kill mid-write loses at most that
exchange and never corrupts the file. The full engine result (tokens, attention, ...) is
kept as JSON so exports can include the matrices.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_VERSION = 2  # 2: model_translation (the machine's answer a correction replaced)
FILE_NAME = "history.sqlite3"


@dataclass
class Exchange:
    id: int
    created: float  # unix seconds
    src_lang: str
    tgt_lang: str
    source: str
    translation: str  # the translation the user chose to show (may be an alternative)
    result: dict = field(default_factory=dict)  # Translation.to_json_dict() plus extras
    model_translation: str = ""  # the machine's answer the user replaced ("": not replaced)


class HistoryStore:
    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread stays on: only the GUI thread touches the store
        self.db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        # SQLite's LIKE folds ASCII only: "über" must find "Über"
        self.db.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s,
                                deterministic=True)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS exchanges ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL,"
                " src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,"
                " source TEXT NOT NULL, translation TEXT NOT NULL, result TEXT NOT NULL,"
                " model_translation TEXT)")
            _migrate(self.db)
        except sqlite3.Error:
            self.db.close()  # release the file, so a damaged one can be moved aside
            raise

    notice = ""  # set by open_or_recover when the user should hear about the file

    @classmethod
    def in_dir(cls, directory: str | Path) -> "HistoryStore":
        return cls(Path(directory) / FILE_NAME)

    @classmethod
    def open_or_recover(cls, directory: str | Path) -> "HistoryStore":
        """Open the history; a damaged file is moved aside (kept for the user) and a fresh
        one started; if even that fails (read-only home, ...), history lives in memory."""
        path = Path(directory) / FILE_NAME
        try:
            return cls(path)
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):  # locked, read-only, cannot open: the file itself is fine
                store = cls(":memory:")
                store.notice = f"History is not saved this session: {path} cannot be used ({exc})."
                return store
            aside = path.with_name(f"{FILE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                for suffix in ("", "-wal", "-shm"):
                    extra = Path(str(path) + suffix)
                    if extra.exists():
                        extra.replace(Path(str(aside) + suffix))
                store = cls(path)
                store.notice = f"The history file was damaged ({exc}); it was kept as {aside.name} and a new one started."
                return store
            except (OSError, sqlite3.Error) as again:
                exc = again
        except OSError as exc2:
            exc = exc2
        store = cls(":memory:")
        store.notice = f"History is not saved this session: {path} cannot be used ({exc})."
        return store

    def close(self) -> None:
        self.db.close()

    def add(self, src_lang: str, tgt_lang: str, source: str, translation: str,
            result: dict, created: float | None = None) -> int:
        created = time.time() if created is None else created
        with _transaction(self.db):
            cur = self.db.execute(
                "INSERT INTO exchanges (created, src_lang, tgt_lang, source, translation, result)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (created, src_lang, tgt_lang, source, translation, json.dumps(result, ensure_ascii=False)))
            return int(cur.lastrowid)

    def set_translation(self, exchange_id: int, translation: str) -> None:
        """Remember which alternative the user picked."""
        with _transaction(self.db):
            self.db.execute("UPDATE exchanges SET translation=? WHERE id=?", (translation, exchange_id))

    def set_correction(self, exchange_id: int, translation: str, model_translation: str, result: dict) -> None:
        """The user's translation replaced the machine's: both are kept (the machine's in
        its own column, so search finds it), with the exchange's new JSON."""
        with _transaction(self.db):
            self.db.execute("UPDATE exchanges SET translation=?, model_translation=?, result=? WHERE id=?",
                            (translation, model_translation, json.dumps(result, ensure_ascii=False), exchange_id))

    def all(self, limit: int | None = None) -> list[Exchange]:
        """Oldest first; with ``limit``, the most recent ``limit`` exchanges."""
        if limit is None:
            rows = self.db.execute("SELECT * FROM exchanges ORDER BY id").fetchall()
        else:
            rows = self.db.execute(
                "SELECT * FROM (SELECT * FROM exchanges ORDER BY id DESC LIMIT ?) ORDER BY id",
                (limit,)).fetchall()
        return [_row(r) for r in rows]

    def search(self, query: str, limit: int = 500) -> list[Exchange]:
        """Case-insensitive (Unicode) substring search over source and translation, newest
        first, at most ``limit`` matches."""
        needle = query.casefold()
        rows = self.db.execute(
            "SELECT * FROM exchanges WHERE instr(casefold(source), ?) > 0 OR instr(casefold(translation), ?) > 0"
            " OR instr(casefold(coalesce(model_translation, '')), ?) > 0"
            " ORDER BY id DESC LIMIT ?", (needle, needle, needle, limit)).fetchall()
        return [_row(r) for r in rows]

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM exchanges").fetchone()[0])

    def clear(self) -> None:
        with _transaction(self.db):
            self.db.execute("DELETE FROM exchanges")

    # -- export ----------------------------------------------------------------------
    def export_json(self, exchanges: list[Exchange] | None = None) -> str:
        items = self.all() if exchanges is None else exchanges
        return json.dumps({"format": "translator-app-conversation", "version": 1,
                           "exchanges": [_as_dict(e) for e in items]}, ensure_ascii=False, indent=2)

    def export_markdown(self, exchanges: list[Exchange] | None = None) -> str:
        items = self.all() if exchanges is None else exchanges
        lines = ["# Conversation", ""]
        for e in items:
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created))
            lines += [f"## {stamp} · {e.src_lang} → {e.tgt_lang}", "",
                      _quote(e.source), "", e.translation, ""]
            if e.model_translation:
                lines += [f"*Model:* {e.model_translation}", ""]
            src, tgt, att = (e.result.get("source_tokens"), e.result.get("target_tokens"),
                             e.result.get("attention"))
            if src and tgt and att:
                lines += ["<details><summary>Attention (rows: target pieces, columns: source pieces)</summary>",
                          "", _md_table(src, tgt, att), "", "</details>", ""]
        return "\n".join(lines)


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:  # SQLite may have rolled back already (a full disk)
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the first error is the one to report
        return False


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a file of an older schema up to this one; its rows stay as they were. A file
    from a newer version keeps its number (it has the columns this one reads)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(exchanges)")}
    if "model_translation" not in columns:  # version 1
        db.execute("ALTER TABLE exchanges ADD COLUMN model_translation TEXT")
    if int(db.execute("PRAGMA user_version").fetchone()[0]) < SCHEMA_VERSION:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Only a file that is not a database, or a malformed one, is moved aside."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _row(r) -> Exchange:
    try:
        result = json.loads(r[6])
    except ValueError:
        result = {}
    return Exchange(int(r[0]), float(r[1]), r[2], r[3], r[4], r[5], result, r[7] or "")


def _as_dict(e: Exchange) -> dict:
    return {"id": e.id, "created": e.created, "src_lang": e.src_lang, "tgt_lang": e.tgt_lang,
            "source": e.source, "translation": e.translation, "model_translation": e.model_translation,
            "result": e.result}


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() or [""])


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(src: list[str], tgt: list[str], att: list[list[float]]) -> str:
    head = "| | " + " | ".join(_md_cell(s) for s in src) + " |"
    rule = "|---" * (len(src) + 1) + "|"
    body = ["| " + _md_cell(t) + " | " + " | ".join(f"{w:.2f}" for w in row) + " |"
            for t, row in zip(tgt, att)]
    return "\n".join([head, rule] + body)
