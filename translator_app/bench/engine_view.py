"""What the bench needs from a Translator beyond translating, through its public API: its
segmentation (so the naive decoder decodes the same units) and a switch for its text
post-processing. (The cache is cleared with ``Translator.clear_cache()``.)"""

from __future__ import annotations

import contextlib
from dataclasses import replace


def translator_units(translator):
    """text -> [(unit, separator)]: the sentences and chunks the Translator decodes, so the
    naive decoder decodes exactly the same units."""
    return translator.units


@contextlib.contextmanager
def plain_decoding(translator):
    """The decoder's own output: the Translator's default DecodeConfig (``config``, what
    translate() uses when it gets none, and the base of bench's configs) with
    ``copy_through`` off, for the comparison with the naive decoder."""
    old = translator.config
    translator.config = replace(old, copy_through=False).validated()
    try:
        yield translator
    finally:
        translator.config = old
