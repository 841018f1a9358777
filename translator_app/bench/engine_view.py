"""What the bench needs from a Translator beyond translating, through its public API: its
segmentation (so the naive decoder decodes the same units) and a switch for its text
post-processing. (The cache is cleared with ``Translator.clear_cache()``.)"""

from __future__ import annotations

import contextlib


def translator_units(translator):
    """text -> [(unit, separator)]: the sentences and chunks the Translator decodes, so the
    naive decoder decodes exactly the same units."""
    return translator.units


@contextlib.contextmanager
def plain_decoding(translator):
    """The decoder's own output: switch off the Translator's post-processing of the text
    (``copy_protected``, where it exists) for the comparison with the naive decoder."""
    old = getattr(translator, "copy_protected", None)
    if old is not None:
        translator.copy_protected = False
    try:
        yield translator
    finally:
        if old is not None:
            translator.copy_protected = old
