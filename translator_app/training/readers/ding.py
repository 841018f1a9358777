"""Ding dictionary reader (``/usr/share/trans/de-en`` of Debian's trans-de-en).

The lines are parsed by the dictionary's parser (:mod:`translator_app.dictionary.ding`:
``split_line``, ``side_words``, ``is_sentence``); this module adds the training rules
(templates, slash variants, placeholders, origins).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from ...dictionary import ding as ding_format
from .common import ORIGIN_DING_SENTENCE, ORIGIN_DING_WORD, Pair, _bump, _open_text, _progress


_SLASH_VARIANT = re.compile(r"[^\W\d_]{2} ?/ ?[^\W\d_]{2}")  # gaging / gauging, seinen/ihren
_ELLIPSIS = re.compile(r"…|\.\.\.")

# Placeholders for objects in dictionary entries.
_DE_PLACEHOLDER = re.compile(r"(?<!\w)(?:etw|jdn|jdm|jds|jd)\.")
_EN_PLACEHOLDER = re.compile(r"(?<!\w)(?:sth|sb)\.")


def iter_ding_subentries(
    path, stats: Optional[Counter] = None, progress: bool = False
) -> Iterator[Tuple[List[str], List[str]]]:
    """Yield ``(german_alternatives, english_alternatives)`` for every Ding sub-entry.

    Lines starting with ``#`` are comments. A line is ``de :: en``; both sides
    are split on `` | `` into sub-entries, and the i-th German sub-entry pairs
    with the i-th English one (``dictionary.ding.split_line``). Lines whose sub-entry
    counts differ are skipped (``ding_subentry_mismatch``). The alternatives are
    ``dictionary.ding.side_words``; the markup it removes is described in :func:`read_ding`.
    """
    with _open_text(path) as fh:
        for line in _progress(fh, "ding", progress):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if ding_format.SIDE_SEP not in line:
                _bump(stats, "ding_malformed_line")
                continue
            subs = ding_format.split_line(line)
            if subs is None:
                _bump(stats, "ding_subentry_mismatch")
                continue
            for sub in subs:
                de_alts = ding_format.side_words(sub.de)
                en_alts = ding_format.side_words(sub.en)
                if not de_alts or not en_alts:
                    _bump(stats, "ding_empty_subentry")
                    continue
                yield de_alts, en_alts


def placeholders_line_up(de: str, en: str) -> bool:
    """True when both sides carry the same number of object placeholders.

    German ``etw. jdn. jdm. jds. jd.`` are counted against English ``sth. sb.``
    (``sb.’s`` counts as ``sb.``).
    """
    return len(_DE_PLACEHOLDER.findall(de)) == len(_EN_PLACEHOLDER.findall(en))


def read_ding(path, stats: Optional[Counter] = None, progress: bool = False) -> Iterator[Pair]:
    """Read the Ding dictionary (``/usr/share/trans/de-en`` of Debian's trans-de-en).

    Rules, applied to each ``de :: en`` line:

    * ``#`` lines are comments and skipped.
    * Sub-entries are separated by `` | ``; the i-th German sub-entry pairs with
      the i-th English one. Lines with different sub-entry counts are skipped.
    * Removed before pairing: grammar markup in braces (``{m} {f} {n} {pl}
      {vt} {adj}`` ...), domain/region tags in brackets (``[techn.]``,
      ``[Br.]`` ...), keyword markers in angle brackets (``<Ablösebetrag>``),
      every parenthesised note ``( … )`` (including nested ones and
      optional parts such as ``beam(s)`` -> ``beam``), and slash-delimited
      abbreviations (``/Abl./``, ``/HWRC/``); whitespace is collapsed and no
      space is left before punctuation (``dictionary.ding.bare``).
    * Word/phrase pairs with inline slash variants (``gaging / gauging``,
      ``eine Feier/ein Fest veranstalten``) are dropped
      (``ding_slash_variants``): the extent of each variant is ambiguous, and
      picking one would produce wrong text. A slash next to a single letter
      (``km/h``, ``a/the``) does not count. Example *sentences* with slash
      variants are kept verbatim for training (they are scarce), but the
      split never puts them into dev/test.
    * Templates containing an ellipsis (``von … zu unterscheiden``) are
      dropped (``ding_ellipsis_template``): the gap is not translatable text.
    * Alternatives are separated by ``;`` (not inside braces, brackets or
      parentheses, so a ``;`` inside a note does not split). Alternatives are paired by position
      - the first German alternative with the first English one, the second
      with the second, and so on up to the shorter list. No cross product, so
      each alternative appears in at most one pair.
    * Placeholders: German ``etw. jdn. jdm. jds. jd.`` and English ``sth. sb.``
      are kept verbatim, but a pair is dropped (``ding_placeholder_mismatch``)
      when the number of placeholders differs between the sides (e.g.
      ``etw. verschmutzen :: to litter``).
    * Origin: ``ding-sentence`` when both sides start uppercase, end with
      ``.``, ``!`` or ``?`` and have at least 4 words; ``ding-word`` otherwise.
    """
    for de_alts, en_alts in iter_ding_subentries(path, stats=stats, progress=progress):
        for de, en in zip(de_alts, en_alts):
            if _ELLIPSIS.search(de) or _ELLIPSIS.search(en):
                _bump(stats, "ding_ellipsis_template")
                continue
            sentence = ding_format.is_sentence(de, en)
            if not sentence and (_SLASH_VARIANT.search(de) or _SLASH_VARIANT.search(en)):
                _bump(stats, "ding_slash_variants")
                continue
            if not placeholders_line_up(de, en):
                _bump(stats, "ding_placeholder_mismatch")
                continue
            origin = ORIGIN_DING_SENTENCE if sentence else ORIGIN_DING_WORD
            yield Pair(de, en, origin)


def ding_version(path) -> str:
    """Best-effort version string: Debian package version and the file's ``# Version`` header."""
    parts = []
    path = Path(path)
    # <root>/usr/share/trans/de-en -> <root>/usr/share/doc/trans-de-en/changelog.Debian.gz
    for doc in (
        path.parent.parent / "doc" / "trans-de-en" / "changelog.Debian.gz",
        Path("/usr/share/doc/trans-de-en/changelog.Debian.gz"),
    ):
        try:
            with gzip.open(doc, "rt", encoding="utf-8", errors="replace") as fh:
                first = fh.readline()
            m = re.match(r"\S+ \(([^)]+)\)", first)
            if m:
                parts.append("trans-de-en " + m.group(1))
                break
        except OSError:
            continue
    try:
        with _open_text(path) as fh:
            for _ in range(20):
                line = fh.readline()
                m = re.match(r"#\s*Version\s*::\s*(.+)", line)
                if m:
                    parts.append("ding " + m.group(1).strip())
                    break
    except OSError:
        pass
    return "; ".join(parts) or "unknown"
