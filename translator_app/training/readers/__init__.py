"""Readers for the parallel German/English sources used to build the corpus.

One module per format: :mod:`.ding`, :mod:`.ddtp`, :mod:`.gettext` (po, mo),
:mod:`.tabular` (tsv, moses) and :mod:`.tmx`. Every reader yields
:class:`Pair` objects ``(de, en, origin)``. Readers only parse and pair;
Unicode normalisation, length filters, de-duplication and the held-out
exclusion happen later in :mod:`translator_app.training.corpus`.

Readers may record why they skipped input in an optional ``stats`` dict
(``collections.Counter``); the corpus report prints those counts.

No torch, no Qt here.
"""

from .common import (
    ORIGIN_DDTP,
    ORIGIN_DING_SENTENCE,
    ORIGIN_DING_WORD,
    ORIGIN_GAMES,
    ORIGIN_GETTEXT,
    ORIGIN_MOSES,
    ORIGIN_TMX,
    ORIGIN_TSV,
    Pair,
)
from .ddtp import (
    align_ddtp_description,
    ddtp_version,
    find_ddtp_files,
    identifier_tokens,
    read_ddtp,
    read_ddtp_english_only,
)
from .ding import (
    ding_version,
    iter_ding_subentries,
    placeholders_line_up,
    read_ding,
)
from .gettext import placeholders, read_mo, read_po, strip_accelerators
from .tabular import load_tsv, read_moses, read_tsv
from .tmx import UnsafeXMLError, read_tmx

__all__ = [
    "ORIGIN_DDTP", "ORIGIN_DING_SENTENCE", "ORIGIN_DING_WORD", "ORIGIN_GAMES", "ORIGIN_GETTEXT", "ORIGIN_MOSES",
    "ORIGIN_TMX", "ORIGIN_TSV", "Pair", "UnsafeXMLError", "align_ddtp_description", "ddtp_version",
    "ding_version", "find_ddtp_files", "identifier_tokens", "iter_ding_subentries",
    "load_tsv", "placeholders", "placeholders_line_up", "read_ddtp", "read_ddtp_english_only",
    "read_ding", "read_mo", "read_moses", "read_po", "read_tmx", "read_tsv",
    "strip_accelerators",
]
