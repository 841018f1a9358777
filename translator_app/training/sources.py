"""Corpus inputs: a :class:`Source` per file or directory, wrapping its reader.

No torch, no Qt here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from translator_app.training import readers
from translator_app.training.readers import Pair


@dataclass
class Source:
    """One input: a name, metadata for the manifest and a callable producing pairs."""

    name: str
    kind: str
    path: str
    open_pairs: Callable[[Counter], Iterable[Pair]]
    version: str = "unknown"
    licence: str = "unknown"
    reader_stats: Counter = field(default_factory=Counter)


def ding_source(path, progress: bool = True) -> Source:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError("Ding dictionary not found: %s" % path)
    return Source(
        name="ding",
        kind="ding",
        path=str(path),
        open_pairs=lambda st: readers.read_ding(path, stats=st, progress=progress),
        version=readers.ding_version(path),
        licence="GPL-2+ (Ding de-en dictionary, Frank Richter, TU Chemnitz; Debian package trans-de-en)",
    )


def ddtp_source(directory, progress: bool = True) -> Source:
    de, en = readers.find_ddtp_files(directory)
    return Source(
        name="ddtp",
        kind="ddtp",
        path=str(Path(directory)),
        open_pairs=lambda st: readers.read_ddtp(de, en, stats=st, progress=progress),
        version=readers.ddtp_version(directory),
        licence=(
            "Debian package descriptions (each under its package's DFSG-free licence) and their "
            "German translations from the Debian Description Translation Project"
        ),
    )


def _require_file(path, what: str) -> Path:
    """``path`` if it is a regular file; FileNotFoundError saying what it is instead (a
    missing path, a folder, or a device such as /dev/null)."""
    path = Path(path)
    if path.is_dir():
        raise FileNotFoundError("%s is a folder, not a file: %s" % (what, path))
    if path.exists() and not path.is_file():
        raise FileNotFoundError("%s is not a regular file (a device or pipe): %s" % (what, path))
    if not path.is_file():
        raise FileNotFoundError("%s not found: %s" % (what, path))
    return path


def po_source(path) -> Source:
    path = _require_file(path, "gettext file")
    if path.suffix == ".mo":
        fn = lambda st: readers.read_mo(path, stats=st)  # noqa: E731
    else:
        fn = lambda st: readers.read_po(path, stats=st)  # noqa: E731
    return Source("gettext:" + path.name, "gettext", str(path), fn)


def tsv_source(path, progress: bool = True) -> Source:
    path = _require_file(path, "TSV file")
    return Source("tsv:" + path.name, "tsv", str(path), lambda st: readers.read_tsv(path, stats=st, progress=progress))


def games_source(path, progress: bool = True) -> Source:
    """Game dialogue as ``German<TAB>English`` lines: its own origin, used for training only."""
    path = _require_file(path, "games TSV file")
    return Source("games:" + path.name, "games", str(path),
                  lambda st: readers.read_tsv(path, stats=st, progress=progress, origin=readers.ORIGIN_GAMES),
                  licence="per game: see the games table in the README (GPL-2+, GPL-3+, CC-BY-SA-3.0)")


def moses_source(de_path, en_path, progress: bool = True) -> Source:
    de_path = _require_file(de_path, "Moses German file")
    en_path = _require_file(en_path, "Moses English file")
    return Source(
        "moses:" + de_path.name,
        "moses",
        "%s %s" % (de_path, en_path),
        lambda st: readers.read_moses(de_path, en_path, stats=st, progress=progress),
    )


def tmx_source(path) -> Source:
    path = _require_file(path, "TMX file")
    return Source("tmx:" + path.name, "tmx", str(path), lambda st: readers.read_tmx(path, stats=st))
