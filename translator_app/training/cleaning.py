"""Corpus cleaning: field normalisation, the held-out hashes, de-duplication keys and the
filter pipeline (``read`` -> ``clean`` -> ``length`` -> ``ratio`` -> ``heldout`` ->
``dedup_exact`` -> ``dedup_normalised``), with counts per source after every stage.

No torch, no Qt here.
"""

from __future__ import annotations

import hashlib
import os
import re
import string
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

from translator_app.training.sources import Source


NORMALISATION_RULE = (
    'unicodedata.normalize("NFKC", s), then str.casefold(), then collapse whitespace runs to one '
    "space and strip; sha256 of the UTF-8 bytes; hex digest"
)
HELDOUT_RESOURCES = ("heldout-de-en.sha256", "heldout-external.sha256")
STAGES = ("read", "clean", "length", "ratio", "heldout", "dedup_exact", "dedup_normalised")

_WS = re.compile(r"\s+")


def normalise_for_hash(s: str) -> str:
    """The held-out normalisation: NFKC, casefold, collapse whitespace, strip."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", s).casefold()).strip()


def heldout_hash(s: str) -> str:
    return hashlib.sha256(normalise_for_hash(s).encode("utf-8")).hexdigest()


def _is_dropped_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return ch not in "\t\n\r"  # whitespace controls become spaces below
    if cat == "Cf":  # soft hyphen, zero-width space/joiners, bidi marks, BOM
        return True
    return cat in ("Cs", "Co", "Cn")


def clean_field(s: str) -> str:
    """NFC normalisation, control/format characters removed, whitespace collapsed and stripped.

    Tabs and newlines become spaces, so a cleaned field never contains them. This
    cleans corpus fields before they are stored; text typed by a user goes through
    ``engine.tokenizer.clean_text`` instead, which keeps emoji sequences whole.
    """
    s = unicodedata.normalize("NFC", s)
    if any(_is_dropped_char(ch) for ch in s):
        s = "".join(ch for ch in s if not _is_dropped_char(ch))
    return _WS.sub(" ", s).strip()


def dedup_key(s: str) -> str:
    """Casefolded, punctuation-insensitive key used for normalised de-duplication."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(" " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch for ch in s)
    return _WS.sub(" ", s).strip()


def load_hashes(paths) -> set:
    """Load hex sha256 digests, one per line (blank lines and ``#`` comments ignored), from
    one file or a list of files (the union)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    hashes: set = set()
    for path in paths:
        hashes |= _load_hash_file(path)
    return hashes


def _load_hash_file(path) -> set:
    hashes = set()
    with open(path, "r", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            digest = line.split()[0].lower()
            if not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise ValueError("%s:%d: not a sha256 hex digest: %r" % (path, n, line[:80]))
            hashes.add(digest)
    return hashes


def default_hash_files() -> List[Path]:
    """The packaged held-out hash lists (the project's and the external one)."""
    return [Path(__file__).resolve().parent.parent / "data" / name for name in HELDOUT_RESOURCES]


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
            de, en = clean_field(pair.de), clean_field(pair.en)
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
            if heldout and (heldout_hash(de) in heldout or heldout_hash(en) in heldout):
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
