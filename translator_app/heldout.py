"""The held-out rule, in one place: which texts must stay out of training and the dictionary.

A text is held out when the hash of its normalised form is in one of the held-out lists. The
corpus build (``training.cleaning``) drops a pair when either side's hash is listed; the
dictionary (``dictionary.ding``) drops a sub-entry when any synonym's is. Both clean a text
with :func:`clean_field` first (the form the corpus stores, which the lists were made from).

- :func:`normalise_for_hash`: NFKC, casefold, whitespace runs to one space, strip;
- :func:`heldout_hash`: the hex SHA-256 of the normalised text's UTF-8 bytes;
- :func:`load_hashes`: the one loader of hash-list files (strict: a line that is not a digest
  is an error naming the file and the line);
- :func:`default_hash_files`: the packaged lists in ``translator_app/data``.

Ground floor: stdlib only, imports nothing from the package's subpackages.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import List

NORMALISATION_RULE = (
    'unicodedata.normalize("NFKC", s), then str.casefold(), then collapse whitespace runs to one '
    "space and strip; sha256 of the UTF-8 bytes; hex digest"
)
HELDOUT_RESOURCES = ("heldout-de-en.sha256", "heldout-external.sha256")

_WS = re.compile(r"\s+")
_DIGEST = re.compile(r"[0-9a-f]{64}")


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
    cleans corpus fields before they are stored (and dictionary synonyms before their
    held-out check); text typed by a user goes through ``engine.tokenizer.clean_text``
    instead, which keeps emoji sequences whole.
    """
    s = unicodedata.normalize("NFC", s)
    # a printable string has no character of a C* category: nothing to drop
    if not s.isprintable() and any(_is_dropped_char(ch) for ch in s):
        s = "".join(ch for ch in s if not _is_dropped_char(ch))
    return _WS.sub(" ", s).strip()


def normalise_for_hash(s: str) -> str:
    """The held-out normalisation: NFKC, casefold, collapse whitespace, strip."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", s).casefold()).strip()


def heldout_hash(s: str) -> str:
    """Hex SHA-256 of the normalised text (what the held-out lists hold)."""
    return hashlib.sha256(normalise_for_hash(s).encode("utf-8")).hexdigest()


def load_hashes(paths) -> set:
    """Hex sha256 digests, one per line (blank lines and ``#`` comments ignored; text after
    the digest, such as a file name, is ignored too), from one file or a list of files (the
    union). Raises ValueError naming the file and line of a line that is not a digest."""
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
            if not _DIGEST.fullmatch(digest):
                raise ValueError("%s:%d: not a sha256 hex digest: %r" % (path, n, line[:80]))
            hashes.add(digest)
    return hashes


def default_hash_files() -> List[Path]:
    """The packaged held-out hash lists (the project's and the external one), which both
    ``corpus build`` and the dictionary exclude by default."""
    return [Path(__file__).resolve().parent / "data" / name for name in HELDOUT_RESOURCES]
