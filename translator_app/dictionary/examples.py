"""Example sentences for a word or phrase, and fuzzy candidates for the translation memory (no Qt).

    ex = Examples.open()                        # builds the index on first use
    for e in ex.lookup("Haus", "de", translations=["house"]): print(e.marked("de"), e.source_name)
    fuzzy_candidates("Wo ist der Bahnhof?", "de")  # up to 50 pairs sharing words with the input
    ex.exact("wo ist der bahnhof", "de")       # the pair that is this sentence (ding.fold), or None

Ranking: pairs containing the term's words as they are ("exact"), then pairs containing a
form of them ("stem", :func:`forms`: "Hause", "Hauses" for "Haus", "geht" for "gehen", not
"Haustür", "gehört" or "Haut"), each tier shortest first (the index numbers pairs by length,
pairs under 4 words last); a German side seen already is not shown twice.

Highlights (``Example.german_spans`` / ``english_spans``, character offsets): on the term's
side, the words that matched; on the other side, the words of the term's translations
(``translations``: the caller passes the dictionary's, see :func:`dictionary_translations`),
a translation of several words only where all of them stand together, each word matched as
the term's words are (exact or a form). Without translations the other side has none.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from .. import heldout
from . import ding, examples_index, index

LIMIT = 5
MAX_TERM_CHARS = 200
MAX_FUZZY_WORDS = 32
_SCAN = 60          # FTS rows read per tier (shortest first) before filtering and de-duplicating
# what a word may lose, and what may then follow, in a "form" of it (forms())
_STRIP = {"de": ("ern", "en", "er", "es", "em", "e", "n"), "en": ("es", "s", "ed", "ing")}
_ENDINGS = {"de": frozenset(("", "e", "em", "en", "ens", "er", "ern", "es", "n", "s", "st", "t", "et", "te", "ten")),
            "en": frozenset(("", "s", "es", "d", "ed", "ing", "er", "est"))}
_WORD = re.compile(r"\w+")
Spans = tuple[tuple[int, int], ...]


class ExamplesError(Exception):
    """The example data or index cannot be used; the message says why."""


@dataclass(frozen=True)
class Example:
    """One example pair, with the matched words of each side as (start, end) character offsets."""

    id: int
    german: str
    english: str
    source: str             # the source's tag: "tatoeba", "ding", "wesnoth", "games", ...
    source_name: str        # what the card shows: "Tatoeba", "Ding", "The Battle for Wesnoth"
    match: str              # "exact", "stem" or "similar" (fuzzy_candidates)
    german_spans: Spans = ()
    english_spans: Spans = ()

    def text(self, lang: str) -> str:
        return self.german if lang == "de" else self.english

    def spans(self, lang: str) -> Spans:
        return self.german_spans if lang == "de" else self.english_spans

    def marked(self, lang: str, before: str = "*", after: str = "*") -> str:
        """The side's text with its highlighted words between ``before`` and ``after``."""
        text, out, pos = self.text(lang), [], 0
        for start, end in self.spans(lang):
            out += [text[pos:start], before, text[start:end], after]
            pos = end
        return "".join(out) + text[pos:]

    def to_json_dict(self) -> dict:
        d = asdict(self)
        d["german_spans"] = [list(s) for s in self.german_spans]
        d["english_spans"] = [list(s) for s in self.english_spans]
        return d


def default_source() -> Path:
    from ..paths import examples_data

    return examples_data()


def dictionary_translations(entries: Iterable, limit: int = 20) -> list[str]:
    """The translations of a lookup's exact and inflected entries (``lookup.Entry``), without
    annotations, placeholders or English "to", first entries first: what the other side's
    highlights are made of."""
    out: list[str] = []
    for entry in entries:
        if entry.match not in ("exact", "inflected"):
            continue
        other = "en" if entry.lang == "de" else "de"
        for sense in entry.senses:
            for term in sense.translations:
                word = ding.reduced(term.word, other)
                if word and word not in out:
                    out.append(word)
    return out[:limit]


# -- matching words -------------------------------------------------------------------------
def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each word of a text (the FTS tokenizer's words)."""
    out = []
    for m in _WORD.finditer(text):
        for w in _WORD.findall(ding.fold(m.group())):  # "Straße" -> "strasse"; "don't" -> don, t
            out.append((m.start(), m.end(), w))
    return out


def forms(word: str, lang: str) -> frozenset[str]:
    """The other forms of a folded word this lookup accepts: the word, or the word without one
    of ``_STRIP`` (three letters or more left), plus one of ``_ENDINGS``. German keeps a final
    "s" ("Haus" is no "Hau-": no "Haut")."""
    stems = {word} | {word[:-len(e)] for e in _STRIP[lang] if word.endswith(e) and len(word) - len(e) >= 3}
    return frozenset(s + e for s in stems if len(s) >= 3 for e in _ENDINGS[lang]) - {word}


def _find(tokens, words: list[str], lang: str) -> tuple[Spans, Optional[str]]:
    """Spans of every run of ``tokens`` matching ``words`` in order (each word itself or one of
    its :func:`forms`), and the match kind of the best run ("exact" beats "stem"); ((), None)
    when there is none."""
    other_forms = [forms(w, lang) for w in words]
    spans, best = [], None
    i = 0
    while i + len(words) <= len(tokens):
        kinds = ["exact" if tokens[i + k][2] == w else "stem" if tokens[i + k][2] in f else None
                 for k, (w, f) in enumerate(zip(words, other_forms))]
        if all(kinds):
            kind = "stem" if "stem" in kinds else "exact"
            best = kind if best in (None, "stem") else best
            spans.append((tokens[i][0], tokens[i + len(words) - 1][1]))
            i += len(words)
        else:
            i += 1
    return tuple(spans), best


def _merge(spans: Iterable[tuple[int, int]]) -> Spans:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((a, b) for a, b in out)


def _fts_words(words: list[str]) -> list[str]:
    return ['"%s"' % w.replace('"', "") for w in words]


# -- the lookup -----------------------------------------------------------------------------
class Examples:
    """A read-only view of the example index; one instance may be shared by threads (locked)."""

    def __init__(self, con: sqlite3.Connection, path: Path, meta: dict, sources: dict):
        self._con = con
        self._lock = threading.Lock()
        self.path = path
        self.meta = meta
        self.sources = sources      # tag -> examples_index.Source

    @classmethod
    def open(cls, source: Optional[Path] = None, db_path: Optional[Path] = None,
             hash_files: Optional[list[Path]] = None, rebuild: bool = False,
             build: bool = True, on_build: Optional[Callable[[str], None]] = None,
             progress: index.Progress = None) -> "Examples":
        """Open the index, building it first when it is missing, partial, damaged or outdated
        (about 9 s; ``on_build(reason)`` is called first, ``progress(done, total)`` during it).
        With ``build=False`` an index that is not ready is an error instead. Raises
        ExamplesError when the data is missing or the index cannot be built."""
        source = Path(source) if source else default_source()
        db_path = Path(db_path) if db_path else examples_index.default_db_path()
        hash_files = list(hash_files) if hash_files is not None else heldout.default_hash_files()
        expected = index.expected_digest(source, hash_files, examples_index.source_digest, ExamplesError,
                                         "example sentences")

        def build_it(reason: str) -> None:
            if on_build is not None:
                on_build(reason)
            examples_index.build(source, db_path, hash_files, progress)

        con, meta = index.open_checked(db_path, expected, build_it, ExamplesError, "example",
                                       rebuild, build, counted=examples_index.COUNTED)
        try:
            sources = {r[0]: examples_index.Source(*r) for r in con.execute("SELECT * FROM sources")}
        except sqlite3.Error as exc:
            con.close()
            raise ExamplesError(f"cannot open the example index {db_path}: {exc}") from None
        return cls(con, db_path, meta, sources)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def lookup(self, term: str, lang: str = "de", limit: int = LIMIT,
               translations: Iterable[str] = ()) -> list[Example]:
        """Up to ``limit`` pairs whose ``lang`` side contains ``term``, best first (the module
        docstring gives the ranking and the highlight rule)."""
        if lang not in index.LANGS:
            raise ValueError(f"unknown language {lang!r}: use 'de' or 'en'")
        words = _WORD.findall(ding.fold(term[:MAX_TERM_CHARS]))
        if not words or limit <= 0:
            return []
        other = "en" if lang == "de" else "de"
        wanted = [w for w in (_WORD.findall(ding.fold(t)) for t in translations) if w]
        exact = "%s : %s" % (lang, " + ".join(_fts_words(words)))
        # a word under three letters has no forms here (a prefix query on "ha" reads every "ha…")
        # the forms tier: each word itself or one of its forms (adjacency is _find's to check)
        groups = [sorted(forms(w, lang) | {w}) for w in words]
        inflected = " AND ".join("%s : (%s)" % (lang, " OR ".join(_fts_words(g))) for g in groups)
        tiers = (("exact", exact), ("stem", inflected)) if any(len(g) > 1 for g in groups) else (("exact", exact),)
        out: list[Example] = []
        seen: set[str] = set()
        for tier, query in tiers:
            for row in self._query(query):
                pair_id, de, en, tag = row
                sides = {"de": de, "en": en}
                spans, kind = _find(_tokens(sides[lang]), words, lang)
                key = ding.fold(sides[lang])
                if kind != tier or key in seen:
                    continue   # a compound ("Haustür" for "Haus") or a repeat
                seen.add(key)
                other_tokens = _tokens(sides[other])
                other_spans = _merge(s for w in wanted for s in _find(other_tokens, w, other)[0])
                by_lang = {lang: spans, other: other_spans}
                out.append(self._example(row, tier, by_lang["de"], by_lang["en"]))
                if len(out) >= limit:
                    return out
        return out

    def fuzzy_candidates(self, text: str, src_lang: str, limit: int = 50) -> list[Example]:
        """Up to ``limit`` pairs whose ``src_lang`` side shares words with ``text`` (an FTS5 OR
        query over its words, bm25 order; every pair >= 75 % similar by word edit distance is
        among the matches, though the limit may cut it), one per distinct source side, the shared
        words highlighted on that side; match "similar". The caller judges the similarity."""
        if src_lang not in index.LANGS:
            raise ValueError(f"unknown language {src_lang!r}: use 'de' or 'en'")
        words = list(dict.fromkeys(_WORD.findall(ding.fold(text[:MAX_TERM_CHARS * 4]))))[:MAX_FUZZY_WORDS]
        if not words or limit <= 0:
            return []
        # A pair >= 75 % similar to n words (word edit distance) lacks at most n // 3 of them
        # (it has at most n / 0.75 words): it holds one of any n // 3 + 1 of them. Requiring one
        # of the rarest that many keeps bm25 off the thousands of pairs with "ich" or "der".
        rare = sorted(words, key=lambda w: self._pair_count(w, src_lang))[:len(words) // 3 + 1]
        query = "%s : (%s) AND %s : (%s)" % (src_lang, " OR ".join(_fts_words(words)),
                                             src_lang, " OR ".join(_fts_words(rare)))
        wanted = set(words)
        out, seen = [], set()
        for row in self._query(query, limit * 2, ranked=True):
            side = row[1] if src_lang == "de" else row[2]
            if ding.fold(side) in seen:
                continue   # one German sentence, several English translations: one candidate
            seen.add(ding.fold(side))
            spans = _merge((s, e) for s, e, w in _tokens(side) if w in wanted)
            out.append(self._example(row, "similar", *((spans, ()) if src_lang == "de" else ((), spans))))
        return out[:limit]

    def exact(self, text: str, src_lang: str) -> Optional[Example]:
        """The pair whose ``src_lang`` side is ``text`` as a whole (``ding.fold``: case, spacing
        and punctuation aside), match "exact"; of several, the one written as ``text`` is, else
        with its first letter's case and end punctuation, else the shortest. None: no such pair."""
        if src_lang not in index.LANGS:
            raise ValueError(f"unknown language {src_lang!r}: use 'de' or 'en'")
        key = ding.fold(text)
        words = _WORD.findall(key)
        if not words or len(text) > MAX_TERM_CHARS * 4:
            return None
        # the sentences that start with the words (FTS5 "^"); a side much longer than the text
        # cannot fold to it, so "ich bin" does not fold 2,500 longer sentences
        query = "%s : ^ %s" % (src_lang, " + ".join(_fts_words(words)))
        sql = ("SELECT p.id, p.de, p.en, p.source FROM (SELECT rowid AS id FROM fts WHERE fts MATCH ?) f "
               f"JOIN pairs p ON p.id = f.id WHERE length(p.{src_lang}) <= ? ORDER BY p.id")
        with self._lock:
            try:
                rows = self._con.execute(sql, (query, 2 * len(key) + 16)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise ExamplesError(f"the example index is damaged ({exc}); "
                                    "it is rebuilt at the next start") from None
        side = 1 if src_lang == "de" else 2
        found = [row for row in rows if ding.fold(row[side]) == key]
        if not found:
            return None
        text = text.strip()

        def rank(row) -> tuple:
            written = row[side].strip()
            return (written != text, written[:1].isupper() != text[:1].isupper(), written[-1:] != text[-1:])
        row = min(found, key=rank)   # min() keeps the first of equals: the shortest pair
        whole = ((0, len(row[side])),)
        return self._example(row, "exact", *((whole, ()) if src_lang == "de" else ((), whole)))

    # -- internals --------------------------------------------------------------------------
    def _query(self, query: str, limit: int = _SCAN, ranked: bool = False) -> list[tuple]:
        order = "rank" if ranked else "rowid"
        sql = ("SELECT p.id, p.de, p.en, p.source FROM "
               f"(SELECT rowid AS id FROM fts WHERE fts MATCH ? ORDER BY {order} LIMIT ?) f "
               "JOIN pairs p ON p.id = f.id")
        with self._lock:
            try:
                rows = self._con.execute(sql, (query, limit)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise ExamplesError(f"the example index is damaged ({exc}); "
                                    "it is rebuilt at the next start") from None
        return rows if ranked else sorted(rows)

    def _pair_count(self, word: str, lang: str = "de") -> int:
        with self._lock:
            row = self._con.execute("SELECT doc FROM vocab WHERE term = ? AND col = ?", (word, lang)).fetchone()
        return row[0] if row else 0

    def _example(self, row: tuple, match: str, de_spans: Spans, en_spans: Spans) -> Example:
        pair_id, de, en, tag = row
        src = self.sources.get(tag)
        return Example(pair_id, de, en, tag, src.name if src else tag, match, de_spans, en_spans)


_default: Optional[Examples] = None
_default_lock = threading.Lock()


def default() -> Examples:
    """The shared instance over the default data and index (opened, and built, on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Examples.open()
        return _default


class BuiltIndex:
    """The default index for translating (the memory's exact answers, tm/fuzzy.py's similar
    sentences), used only once it is built (by `lookup --examples` or the window's card):
    building it here would hold a translation up for seconds. Not ready: asked again at most
    every RETRY_S seconds."""

    RETRY_S = 30.0

    def __init__(self):
        self._lock = threading.Lock()
        self._index: Optional[Examples] = None
        self._tried = -self.RETRY_S

    def get(self) -> Optional[Examples]:
        with self._lock:
            if self._index is None and time.monotonic() - self._tried >= self.RETRY_S:
                self._tried = time.monotonic()
                try:
                    self._index = Examples.open(build=False)
                except ExamplesError:
                    pass
            return self._index


BUILT = BuiltIndex()


def fuzzy_candidates(text: str, src_lang: str, limit: int = 50) -> list[Example]:
    """Example pairs sharing words with ``text``, for the translation memory's fuzzy matches:
    ``Examples.fuzzy_candidates`` on the shared default index. Raises ExamplesError when the
    example data or index cannot be used."""
    return default().fuzzy_candidates(text, src_lang, limit)
