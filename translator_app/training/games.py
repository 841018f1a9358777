"""Game dialogue from the German gettext catalogues of free Debian games.

:data:`GAMES` names the packages, :func:`catalogues` finds their ``de`` catalogues in an
unpacked tree, and :func:`dialogue_pairs` keeps the full-sentence dialogue and narration
by the pairing rules of the shipped data: whole sentences only, no markup or placeholders,
a multi-sentence entry split only where both sides line up. No torch, no Qt here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..engine.segment import sentences
from .readers import Pair, read_mo
from .readers.common import ORIGIN_GAMES, _bump


@dataclass(frozen=True)
class Game:
    name: str
    packages: tuple[str, ...]
    licence: str


_WESNOTH_CAMPAIGNS = ("did", "dm", "dw", "ei", "httt", "l", "low", "nr", "sof", "sota", "sotbe", "thot",
                      "trow", "tsg", "ttb", "utbs")
GAMES = (
    Game("The Battle for Wesnoth",
         ("wesnoth-1.16-data", "wesnoth-1.16-core") + tuple("wesnoth-1.16-" + c for c in _WESNOTH_CAMPAIGNS),
         "GPL-2+"),
    Game("Cataclysm: Dark Days Ahead", ("cataclysm-dda-data",), "CC-BY-SA-3.0"),
    Game("FreedroidRPG", ("freedroidrpg-data",), "GPL-2+"),
    Game("Widelands", ("widelands-data",), "GPL-2+"),
    Game("Warzone 2100", ("warzone2100-data",), "GPL-2+"),
    Game("Flare", ("flare-game",), "CC-BY-SA-3.0+"),
    Game("SuperTux", ("supertux-data",), "GPL-3+"),
)

MIN_WORDS = 4
MAX_WHOLE_WORDS = 40           # an entry that cannot be split is kept whole up to this length
SPLIT_RATIO = (0.5, 2.0)       # German/English characters of each split sentence pair
PAIR_RATIO = (0.45, 2.2)       # German/English characters of every kept pair
_MARKUP = re.compile(r"\$\w|\{[^}]*\}|<[^>]*>|%\w|%\(|@\w|\[\w[^\]]*\]|\\")


def catalogues(root: Path) -> list[Path]:
    """The German ``.mo`` catalogues under an unpacked package tree, in a stable order."""
    return sorted(p for p in Path(root).rglob("*.mo") if "/locale/de/" in p.as_posix())


def _sentence(text: str, min_words: int = MIN_WORDS) -> bool:
    return len(text.split()) >= min_words and text.rstrip("\"'”“»)").endswith((".", "!", "?"))


def _ratio_ok(de: str, en: str, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= len(de) / max(len(en), 1) <= bounds[1]


def _split(de: str, en: str) -> Optional[list[tuple[str, str]]]:
    """The entry as sentence pairs, when both sides split alike; else None."""
    de_s, en_s = sentences(de), sentences(en)
    if len(de_s) != len(en_s) or len(de_s) < 2:
        return None
    for d, e in zip(de_s, en_s):
        if not _ratio_ok(d, e, SPLIT_RATIO) or (d.endswith("?") != e.endswith("?")):
            return None
    return list(zip(de_s, en_s))


def dialogue_pairs(pairs: Iterable[Pair], stats: Optional[Counter] = None) -> Iterator[Pair]:
    """Full-sentence dialogue pairs (origin ``games``) out of catalogue pairs, duplicates left out."""
    seen = set()
    for p in pairs:
        de, en = " ".join(p.de.split()), " ".join(p.en.split())
        if _MARKUP.search(de) or _MARKUP.search(en):
            _bump(stats, "games_markup")
            continue
        if not (_sentence(de) and _sentence(en)):
            _bump(stats, "games_not_a_sentence")
            continue
        parts = _split(de, en)
        if parts is None:
            if len(en.split()) > MAX_WHOLE_WORDS or len(de.split()) > MAX_WHOLE_WORDS:
                _bump(stats, "games_too_long_to_keep_whole")
                continue
            parts = [(de, en)]
        for d, e in parts:  # the word minimum is the entry's: a split sentence may be short ("Take this!")
            if not (_sentence(d, 1) and _sentence(e, 1)):
                _bump(stats, "games_not_a_sentence")
            elif not _ratio_ok(d, e, PAIR_RATIO):
                _bump(stats, "games_length_ratio")
            elif (d, e) in seen:
                _bump(stats, "games_duplicate")
            else:
                seen.add((d, e))
                yield Pair(d, e, ORIGIN_GAMES)


def read_games(root: Path, stats: Optional[Counter] = None) -> Iterator[Pair]:
    """Dialogue pairs from every German catalogue under ``root``, duplicates across them left out."""
    def catalogue_pairs():
        for path in catalogues(root):
            try:
                yield from read_mo(path, stats=stats)
            except ValueError:
                _bump(stats, "games_bad_catalogue")

    yield from dialogue_pairs(catalogue_pairs(), stats)
