"""What every reader shares: the :class:`Pair` record, origin names and file helpers."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

try:  # tqdm is a dependency, but keep the readers usable without it.
    from tqdm import tqdm as _tqdm
except Exception:  # pragma: no cover
    _tqdm = None


class Pair(NamedTuple):
    de: str
    en: str
    origin: str


ORIGIN_DING_SENTENCE = "ding-sentence"
ORIGIN_DING_WORD = "ding-word"
ORIGIN_DDTP = "ddtp"
ORIGIN_GETTEXT = "gettext"
ORIGIN_TSV = "tsv"
ORIGIN_MOSES = "moses"
ORIGIN_TMX = "tmx"
# game dialogue (gettext catalogues of free games): training only, in no dev/test part
ORIGIN_GAMES = "games"


def _progress(iterable, desc: str, enabled: bool, total: Optional[int] = None):
    if enabled and _tqdm is not None:
        return _tqdm(iterable, desc=desc, unit=" lines", mininterval=1.0, leave=False, total=total)
    return iterable


def _open_text(path) -> Iterable[str]:
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return open(path, "r", encoding="utf-8", errors="replace", newline="\n")


def _bump(stats: Optional[Counter], key: str, n: int = 1) -> None:
    if stats is not None:
        stats[key] += n
