"""The SQLite index of the Ding data: built once into the user cache, checked at every open.

Tables: ``entries`` (one Ding line each, held-out sub-entries already removed), ``keys`` (the
folded form of every synonym of every sub-entry, for exact and prefix search) and ``fts``
(FTS5 over each side's folded text, for "contains"). ``meta`` holds the schema version and
the sha256 of the data and of the held-out lists; ``complete`` is written last, so a build
that stopped half-way is never taken for a finished one.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .. import heldout
from . import ding

SCHEMA_VERSION = "2"
LANGS = {"de": 0, "en": 1}
Progress = Optional[Callable[[int, int], None]]   # (done, total) lines

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(id INTEGER PRIMARY KEY, line TEXT NOT NULL, de_len INTEGER, en_len INTEGER);
CREATE TABLE keys(lang INTEGER NOT NULL, key TEXT NOT NULL, entry INTEGER NOT NULL,
                  sub INTEGER NOT NULL, alt INTEGER NOT NULL, full INTEGER NOT NULL,
                  PRIMARY KEY(lang, key, entry, sub, alt, full)) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(de, en, content='', tokenize='unicode61');
"""


class IndexError_(Exception):
    """The index is missing, damaged, partial or outdated (the message says which)."""


@dataclass(frozen=True)
class BuildInfo:
    path: Path
    entries: int
    keys: int
    seconds: float
    bytes: int
    dropped_subentries: int


def source_digest(source: Path, hash_files: list[Path]) -> dict:
    return {"schema": SCHEMA_VERSION, "data_sha256": ding.files_digest([source]),
            "heldout_sha256": ding.files_digest(hash_files)}


def _stamp(path: Path) -> str:
    """Size, mtime and inode: any rewrite, truncation or rebuild of the file changes it."""
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _stamp_file(path: Path) -> Path:
    # beside the index: the full scan (6 s on a loaded 2-core CPU) runs once per file, not per open
    return path.with_name(path.name + ".checked")


def check(path: Path, expected: dict, counted: tuple[str, ...] = ("entries", "keys")) -> None:
    """Raise IndexError_ unless ``path`` is a complete index built from ``expected``'s data.
    ``counted``: the tables whose row counts the meta table holds under their names (the
    example index, examples_index.py, has its own)."""
    if not path.is_file():
        raise IndexError_("not built yet")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            page_size = con.execute("PRAGMA page_size").fetchone()[0]
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            if page_size * pages != path.stat().st_size:
                raise IndexError_(f"truncated ({path.stat().st_size} bytes, header says {page_size * pages})")
            meta = dict(con.execute("SELECT key, value FROM meta"))
            if meta.get("complete") != "1":
                raise IndexError_("partial build")
            for key, value in expected.items():
                if meta.get(key) != value:
                    raise IndexError_(f"outdated ({key} changed)")
            stamp = _stamp(path)
            try:
                if _stamp_file(path).read_text(encoding="ascii") == stamp:
                    return  # the full scan below passed for this very file already
            except (OSError, UnicodeDecodeError):
                pass
            for table in counted:
                n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                if str(n) != meta.get(table):
                    raise IndexError_("damaged (row counts differ from the build's)")
            result = con.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise IndexError_(f"damaged ({result})")
            try:
                _stamp_file(path).write_text(stamp, encoding="ascii")
            except OSError:
                pass  # a read-only cache dir: the scan simply runs again next time
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise IndexError_(f"damaged ({exc})") from None


def build(source: Path, path: Path, hash_files: list[Path], progress: Progress = None) -> BuildInfo:
    """Build the index into a temporary file next to ``path`` and rename it into place."""
    start = time.perf_counter()
    expected = source_digest(source, hash_files)
    hashes = heldout.load_hashes(hash_files)
    data = ding.read_file(source)
    entries, keys, fts = [], [], []
    dropped = 0
    # Progress in line units; the database writes after the parse count as a quarter more.
    lines = len(data.lines)
    total = lines + lines // 4
    step = max(1, lines // 50)

    def fill(con: sqlite3.Connection) -> dict:
        nonlocal dropped
        fold, reduced = ding.fold, ding.reduced
        if progress is not None:
            progress(0, total)
        for n, (line, sub_keys, held_out) in enumerate(ding.kept_lines(data.lines, hashes), 1):
            if progress is not None and n % step == 0:
                progress(n, total)
            dropped += held_out
            if line is None:
                continue
            entry_id = len(entries) + 1
            folded_sides = {"de": [], "en": []}
            for s_i, words in enumerate(sub_keys):
                for lang, code in LANGS.items():
                    for a_i, word in enumerate(words[lang]):
                        key = fold(word)
                        if not key:
                            continue
                        folded_sides[lang].append(key)
                        keys.append((code, key, entry_id, s_i, a_i, 1))
                        if "." in word or lang == "en":
                            short = fold(reduced(word, lang))
                            if short and short != key:
                                keys.append((code, short, entry_id, s_i, a_i, 0))
            de_text, en_text = " | ".join(folded_sides["de"]), " | ".join(folded_sides["en"])
            entries.append((entry_id, line, len(de_text), len(en_text)))
            fts.append((entry_id, de_text, en_text))
        keys.sort()  # insertion in key order: the WITHOUT ROWID tree is written once
        con.executemany("INSERT INTO entries VALUES (?, ?, ?, ?)", entries)
        if progress is not None:
            progress(lines + lines // 16, total)
        con.executemany("INSERT INTO keys VALUES (?, ?, ?, ?, ?, ?)", keys)
        if progress is not None:
            progress(lines + lines // 8, total)
        con.executemany("INSERT INTO fts(rowid, de, en) VALUES (?, ?, ?)", fts)
        con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        return dict(expected, entries=str(len(entries)), keys=str(len(keys)),
                    dropped_subentries=str(dropped), header="\n".join(data.header),
                    built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))

    write(path, _SCHEMA, fill)
    if progress is not None:
        progress(total, total)
    return BuildInfo(path, len(entries), len(keys), time.perf_counter() - start,
                     path.stat().st_size, dropped)


def write(path: Path, schema: str, fill: Callable[[sqlite3.Connection], dict]) -> None:
    """Make the database at ``path`` anew: a temporary file beside it gets ``schema``, what
    ``fill(con)`` writes and the meta rows it returns, then ``complete`` (last, so a build that
    stopped half-way is never taken for a finished one), and is renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    for stale in (tmp, Path(str(tmp) + "-journal")):
        stale.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
        con.executescript(schema)
        meta = fill(con)
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.commit()
        con.execute("INSERT INTO meta VALUES ('complete', '1')")
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)


def expected_digest(source: Path, hash_files: list[Path], digest: Callable[[Path, list[Path]], dict],
                    error: type, data: str) -> dict:
    """``digest(source, hash_files)``, what an index is checked against; ``error`` naming the
    ``data`` ("dictionary data", "example sentences") when the file is missing or unreadable."""
    if not source.is_file():
        raise error(f"{data} not found: {source}")
    try:
        return digest(source, hash_files)
    except OSError as exc:
        raise error(f"cannot read the {data}: {exc}") from None


def open_checked(path: Path, expected: dict, build: Callable[[str], object], error: type, what: str,
                 rebuild: bool = False, may_build: bool = True,
                 counted: tuple[str, ...] = ("entries", "keys")) -> tuple[sqlite3.Connection, dict]:
    """The read-only connection and meta table of the index at ``path``, after ``build(reason)``
    where it is missing, partial, damaged or outdated (:func:`check`) or ``rebuild`` asks;
    ``may_build=False`` makes that an error instead. Failures raise ``error`` (the caller's
    exception class) with a message naming the ``what`` index; meta["opened_because"] says why."""
    reason = "rebuild requested" if rebuild else None
    if not rebuild:
        try:
            check(path, expected, counted)
        except IndexError_ as exc:
            reason = str(exc)
    if reason is not None and not may_build:
        raise error(f"the {what} index is not ready ({reason})")
    if reason is not None:
        try:
            build(reason)
        except (OSError, sqlite3.Error, ValueError) as exc:
            raise error(f"cannot build the {what} index at {path}: {exc}") from None
    try:
        con = connect(path)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.Error as exc:
        raise error(f"cannot open the {what} index {path}: {exc}") from None
    meta["opened_because"] = reason or "up to date"
    return con, meta


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection usable from any one thread at a time."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only=1")
    con.execute("PRAGMA cache_size=-16000")
    return con
