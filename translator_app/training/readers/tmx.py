"""TMX reader for the corpus: the one TMX parser (tm/tmx.py: streamed expat; documents that
declare entities are refused), read leniently (a unit without German and English is counted
and skipped)."""

from __future__ import annotations

from collections import Counter
from typing import Dict, Iterator, Optional

from ...tm.tmx import UnsafeXMLError, lang_code, read_units
from .common import ORIGIN_TMX, Pair, _bump

__all__ = ["UnsafeXMLError", "read_tmx"]


def read_tmx(path, stats: Optional[Counter] = None) -> Iterator[Pair]:
    """For each ``<tu>`` the first ``<tuv>`` in German (``xml:lang`` or TMX 1.1 ``lang``:
    de, de-DE, DE...) with a ``<seg>`` and the first in English are paired. Inline
    native-code elements (``bpt ept it ph ut``) are dropped from the text."""
    for unit in read_units(path):
        texts: Dict[str, str] = {}
        for v in unit.variants:
            key = lang_code(v.lang)
            if key is not None and key not in texts and v.seg is not None:
                texts[key] = v.seg
        if "de" in texts and "en" in texts:
            yield Pair(texts["de"], texts["en"], ORIGIN_TMX)
        else:
            _bump(stats, "tmx_unit_without_de_en")
