"""The example sentences: their shipped file's format, and their SQLite index in the user cache.

The file (``resources/examples/de-en-examples.xz``, made by ``training.examples_package``)
is UTF-8 text: ``#name value`` header lines (``#format``, one ``#source tag<TAB>name<TAB>
licence<TAB>credit`` per source, ``#pairs``), then one ``german<TAB>english<TAB>tag`` line
per pair. The index holds ``pairs`` (numbered shortest first, so FTS5's rowid order is the
lookup's length order), ``sources`` and ``fts`` (contentless FTS5 over each side's
``ding.fold``-ed text; ``vocab`` gives each word's pair count). Held-out pairs are left out again here, as the dictionary index
leaves out held-out sub-entries. It is built once and checked at every open with
``index.check`` (schema, data and held-out digests, row counts, completeness).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .. import heldout
from . import ding, index

FORMAT = "translator-app-examples 1"
SCHEMA_VERSION = "examples-3"
FILE_NAME = "de-en-examples.xz"
MIN_WORDS = 4   # shorter pairs ("Tom hat Zeit.") say little as examples: numbered after the rest

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(tag TEXT PRIMARY KEY, name TEXT NOT NULL, licence TEXT NOT NULL, credit TEXT NOT NULL);
CREATE TABLE pairs(id INTEGER PRIMARY KEY, de TEXT NOT NULL, en TEXT NOT NULL, source TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(de, en, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'col');
"""


@dataclass(frozen=True)
class Source:
    """Where example pairs come from, and how to credit it."""

    tag: str        # "tatoeba", "ding", "wesnoth", ...
    name: str       # shown beside an example: "Tatoeba", "The Battle for Wesnoth"
    licence: str    # "CC-BY 2.0 FR", "GPL-2+"
    credit: str     # "Tatoeba (tatoeba.org) and its contributors"


@dataclass
class ExampleFile:
    sources: list[Source]
    pairs: list[tuple[str, str, str]]   # (german, english, tag)


def heldout_pair(de: str, en: str, hashes: set) -> bool:
    """True when either side is in the held-out lists (training.cleaning's rule for a pair)."""
    return bool(hashes) and (heldout.heldout_hash(de) in hashes or heldout.heldout_hash(en) in hashes)


def read_header(path: Path) -> list[Source]:
    """The sources named in a file's header (cheap: only the first lines are decompressed)."""
    return _read(path, header_only=True).sources


def read_file(path: Path) -> ExampleFile:
    return _read(path, header_only=False)


def _read(path: Path, header_only: bool) -> ExampleFile:
    out = ExampleFile([], [])
    with ding.open_text(path) as fh:
        first = fh.readline().rstrip("\n")
        if first != f"#format {FORMAT}":
            raise ValueError(f"{path} is not an example file of format {FORMAT!r}")
        for n, line in enumerate(fh, 2):
            line = line.rstrip("\n")
            if line.startswith("#"):
                name, _, value = line[1:].partition(" ")
                if name == "source":
                    fields = value.split("\t")
                    if len(fields) != 4:
                        raise ValueError(f"{path}:{n}: a #source line needs 4 tab-separated fields")
                    out.sources.append(Source(*fields))
                continue
            if header_only:
                break
            fields = line.split("\t")
            if len(fields) != 3 or not fields[0] or not fields[1]:
                raise ValueError(f"{path}:{n}: not german<TAB>english<TAB>source")
            out.pairs.append((fields[0], fields[1], fields[2]))
    return out


def default_db_path() -> Path:
    from ..paths import user_cache_dir

    return user_cache_dir() / "examples" / "de-en-examples.sqlite"


def source_digest(source: Path, hash_files: list[Path]) -> dict:
    return {"schema": SCHEMA_VERSION, "data_sha256": ding.files_digest([source]),
            "heldout_sha256": ding.files_digest(hash_files)}


COUNTED = ("pairs",)   # the table whose row count index.check compares with the meta table


def _order(pair: tuple[str, str, str]) -> tuple:
    de_n, en_n = len(pair[0].split()), len(pair[1].split())
    return (min(de_n, en_n) < MIN_WORDS, de_n + en_n, len(pair[0]) + len(pair[1]))


def build(source: Path, path: Path, hash_files: list[Path], progress: index.Progress = None) -> dict:
    """Build the index into a temporary file next to ``path`` and rename it into place.
    ``progress(done, total)`` is called every 10,000 pairs (an exception from it ends the build).
    Returns the meta table (pairs, dropped_heldout, seconds)."""
    start_time = time.perf_counter()
    expected = source_digest(source, hash_files)
    hashes = heldout.load_hashes(hash_files)
    data = read_file(source)
    kept = [p for p in data.pairs if not heldout_pair(p[0], p[1], hashes)]
    kept.sort(key=_order)
    meta: dict = {}

    def fill(con: sqlite3.Connection) -> dict:
        con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)",
                        [(s.tag, s.name, s.licence, s.credit) for s in data.sources])
        con.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?)",
                        ((i, de, en, tag) for i, (de, en, tag) in enumerate(kept, 1)))
        for start in range(0, len(kept), 10_000):
            if progress is not None:
                progress(start, len(kept))
            con.executemany("INSERT INTO fts(rowid, de, en) VALUES (?, ?, ?)",
                            ((i, ding.fold(de), ding.fold(en))
                             for i, (de, en, _) in enumerate(kept[start:start + 10_000], start + 1)))
        con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        meta.update(expected, pairs=str(len(kept)), dropped_heldout=str(len(data.pairs) - len(kept)),
                    built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    seconds=f"{time.perf_counter() - start_time:.2f}")
        return meta

    index.write(path, _SCHEMA, fill)
    return meta
