"""Corpus cleaning: de-duplication keys and the filter pipeline (``read`` -> ``clean`` ->
``length`` -> ``ratio`` -> ``heldout`` -> ``dedup_exact`` -> ``dedup_normalised``), with
counts per source after every stage. Field cleaning and the held-out hash are
:mod:`translator_app.heldout`'s (the dictionary uses the same rule).

No torch, no Qt here.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from translator_app import heldout as heldout_rule
from translator_app.training.sources import Source


STAGES = ("read", "clean", "length", "ratio", "heldout", "dedup_exact", "dedup_normalised")

_WS = re.compile(r"\s+")


def dedup_key(s: str) -> str:
    """Casefolded, punctuation-insensitive key used for normalised de-duplication."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(" " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch for ch in s)
    return _WS.sub(" ", s).strip()


@dataclass
class CleanConfig:
    max_chars: int = 250
    max_words: int = 80
    max_ratio: float = 3.0


@dataclass
class Kept:
    de: str
    en: str
    origin: str
    source: str


def clean_pairs(
    sources: Sequence[Source],
    heldout: set,
    config: CleanConfig = CleanConfig(),
) -> Tuple[List[Kept], "OrderedDict[str, Counter]"]:
    """Run every source through the pipeline; return kept pairs and per-source stage counts.

    De-duplication is global across sources: the first occurrence (in source
    order) wins.
    """
    counts: "OrderedDict[str, Counter]" = OrderedDict()
    seen_exact: set = set()
    seen_norm: set = set()
    kept: List[Kept] = []
    for src in sources:
        c = counts.setdefault(src.name, Counter())
        for pair in src.open_pairs(src.reader_stats):
            c["read"] += 1
            de, en = heldout_rule.clean_field(pair.de), heldout_rule.clean_field(pair.en)
            if not de or not en:
                continue
            c["clean"] += 1
            ld, le = len(de), len(en)
            if (
                ld > config.max_chars
                or le > config.max_chars
                or len(de.split()) > config.max_words
                or len(en.split()) > config.max_words
            ):
                continue
            c["length"] += 1
            if (max(ld, le) + 5) / (min(ld, le) + 5) > config.max_ratio:
                continue
            c["ratio"] += 1
            if heldout and (heldout_rule.heldout_hash(de) in heldout or heldout_rule.heldout_hash(en) in heldout):
                continue
            c["heldout"] += 1
            exact = de + "\t" + en
            if exact in seen_exact:
                continue
            seen_exact.add(exact)
            c["dedup_exact"] += 1
            norm = dedup_key(de) + "\t" + dedup_key(en)
            if norm in seen_norm:
                continue
            seen_norm.add(norm)
            c["dedup_normalised"] += 1
            c["origin:" + pair.origin] += 1
            kept.append(Kept(de, en, pair.origin, src.name))
    return kept, counts
