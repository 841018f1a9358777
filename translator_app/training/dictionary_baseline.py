"""Word-by-word dictionary translator built from Ding - a floor for BLEU comparisons.

Building the table (both directions at once), over every Ding sub-entry after
the markup rules of :func:`translator_app.training.readers.read_ding`:

* Only *single-word* sub-entries count: the German alternative is one token
  and the English one is one token after stripping the infinitive marker
  ``to `` (``gehen :: to go`` counts as ``gehen -> go``).
* Primary table: the first German alternative paired with the first English
  alternative of each sub-entry; the translation of a word is the one seen in
  the most entries. Ties (common: most pairs occur once) go to the candidate
  that occurs most often anywhere in the dictionary's text on the target side
  (a cheap word-frequency proxy: ``Hund`` beats ``Bandhaken`` for ``dog``),
  then to the one seen first.
* Fallback table: the other alternatives, paired by position (2nd with 2nd,
  ...), used only for words that have no primary entry.

Translating: the text is split into word tokens (letters/digits, with inner
``-`` or apostrophes) and everything else; each word is looked up
case-insensitively and replaced, unknown words are copied, and punctuation and
spacing are kept as-is. A capitalised sentence-initial word gets a capitalised
translation; elsewhere the dictionary's own casing is used (German nouns stay
capitalised, English words lower case).

No torch, no Qt here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Dict, Iterable, Optional, Tuple

from translator_app.training.readers import iter_ding_subentries

LANGS = ("de", "en")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_SINGLE = re.compile(r"^\w+(?:[-'’]\w+)*$")


def _english_word(alt: str) -> Optional[str]:
    if alt.startswith("to "):
        alt = alt[3:]
    return alt if _SINGLE.match(alt) else None


def _german_word(alt: str) -> Optional[str]:
    return alt if _SINGLE.match(alt) else None


def _best(table: Dict[str, Counter], freq: Counter) -> Dict[str, str]:
    """Most frequent translation; ties go to the word more common in the dictionary's text, then first seen."""
    out = {}
    for k, c in table.items():
        order = {w: i for i, w in enumerate(c)}
        out[k] = max(c, key=lambda w: (c[w], freq[w.casefold()], -order[w]))
    return out


class DictionaryBaseline:
    """Word-by-word lookup translator. Build with :meth:`from_ding` or :meth:`from_pairs`."""

    def __init__(self, de_en: Dict[str, str], en_de: Dict[str, str]):
        self.tables: Dict[Tuple[str, str], Dict[str, str]] = {("de", "en"): de_en, ("en", "de"): en_de}

    @classmethod
    def from_entries(cls, entries: Iterable[Tuple[list, list]]) -> "DictionaryBaseline":
        """Build from ``(german_alternatives, english_alternatives)`` sub-entries."""
        primary = {("de", "en"): defaultdict(Counter), ("en", "de"): defaultdict(Counter)}
        fallback = {("de", "en"): defaultdict(Counter), ("en", "de"): defaultdict(Counter)}
        freq = {"de": Counter(), "en": Counter()}
        for de_alts, en_alts in entries:
            for lang, alts in (("de", de_alts), ("en", en_alts)):
                for alt in alts:
                    freq[lang].update(t.casefold() for t in _TOKEN.findall(alt))
            for i, (d, e) in enumerate(zip(de_alts, en_alts)):
                dw, ew = _german_word(d), _english_word(e)
                if dw is None or ew is None:
                    continue
                tables = primary if i == 0 else fallback
                tables[("de", "en")][dw.casefold()][ew] += 1
                tables[("en", "de")][ew.casefold()][dw] += 1
        merged = {}
        for direction in primary:
            tgt_freq = freq[direction[1]]
            table = _best(fallback[direction], tgt_freq)
            table.update(_best(primary[direction], tgt_freq))
            merged[direction] = table
        return cls(merged[("de", "en")], merged[("en", "de")])

    @classmethod
    def from_pairs(cls, pairs: Iterable[Tuple[str, str]]) -> "DictionaryBaseline":
        """Build from ``(german, english)`` pairs (each pair is one entry, first alternative)."""
        return cls.from_entries(([d], [e]) for d, e in pairs)

    @classmethod
    def from_ding(cls, path) -> "DictionaryBaseline":
        return cls.from_entries(iter_ding_subentries(path))

    def __len__(self) -> int:
        return len(self.tables[("de", "en")]) + len(self.tables[("en", "de")])

    def lookup(self, word: str, src: str = "de", tgt: str = "en") -> Optional[str]:
        return self._table(src, tgt).get(word.casefold())

    def _table(self, src: str, tgt: str) -> Dict[str, str]:
        try:
            return self.tables[(src, tgt)]
        except KeyError:
            raise ValueError("unsupported direction %s->%s (use de->en or en->de)" % (src, tgt)) from None

    def translate(self, text: str, src: str = "de", tgt: str = "en") -> str:
        table = self._table(src, tgt)
        out = []
        pos = 0
        sentence_start = True
        for m in _TOKEN.finditer(text):
            gap = text[pos:m.start()]
            out.append(gap)
            if re.search(r"[.!?]", gap):
                sentence_start = True
            word = m.group(0)
            trans = table.get(word.casefold())
            if trans is None:
                trans = word
            elif sentence_start and word[:1].isupper():
                trans = trans[:1].upper() + trans[1:]
            out.append(trans)
            sentence_start = False
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)
