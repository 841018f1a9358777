"""Dictionary lookup over the SQLite index (no Qt).

    d = Dictionary.open(progress=lambda done, total: ...)   # builds the index on first use
    for entry in d.lookup("Häuser", lang="de", limit=5): print(entry.headword, entry.translations)
    d.exact_match("Guten Morgen!", lang="de")                # -> Match or None

Ranking: the term itself as a plain synonym of a sub-entry ("exact"; the commonest
translation first, by senses.py's table), then as a labelled later synonym or a combining
form ("Einrichtung; Institution; Haus [adm.]", "Haus…": "synonym"), then a base form found by
stripping an inflection ending ("inflected"), then keys that begin with the term ("prefix"),
then entries whose text contains the term's words ("contains"). A card opens with the best
tier present only (paged): "Haus" shows its own entries, not "hauswirtschaftlich".
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Optional

from .. import heldout
from . import ding, index, senses
from .ding import Term

TIERS = ("exact", "synonym", "inflected", "prefix", "contains")   # the list's order
PAGE_ORDER = ("exact", "inflected", "prefix", "synonym", "contains")  # which tier a card opens with
MAX_TERM_CHARS = 200
_PREFIX_SCAN = 600     # key rows read for the prefix tier before sorting by length
_CONTAINS_SCAN = 1000  # FTS rows read for the contains tier


class DictionaryError(Exception):
    """The dictionary data or index cannot be used; the message says why."""


@dataclass
class Sense:
    """One sub-entry: its synonyms on the looked-up side and their translations."""

    text: str                 # the looked-up side as Ding writes it, annotations kept
    synonyms: list[Term]
    translations: list[Term]
    regions: list[str] = field(default_factory=list)


@dataclass
class Example:
    source: str
    target: str


@dataclass
class Entry:
    id: int                   # the entry's row in the index (one Ding line)
    lang: str                 # the looked-up side
    headword: str             # first synonym of the first sub-entry, without annotations
    tags: list[str]           # its grammar tags: ["m"], ["vt"], ...
    senses: list[Sense]
    examples: list[Example]
    match: str                # one of TIERS
    matched: str              # the synonym (or text) that matched, as Ding writes it

    @property
    def translations(self) -> list[str]:
        """The headword's translations, without annotations."""
        return [t.word for t in self.senses[0].translations] if self.senses else []

    def to_json_dict(self) -> dict:
        d = asdict(self)
        d["translations"] = self.translations
        return d


@dataclass
class Match:
    """The whole input equals a Ding phrase or example sentence."""

    source: str               # the Ding text that matched (annotations removed)
    translation: str          # its translation (annotations removed, placeholders kept)
    kind: str                 # "phrase" or "example"
    entry: Entry


def default_db_path() -> Path:
    from ..paths import user_cache_dir

    return user_cache_dir() / "dictionary" / "de-en.sqlite"


def default_source() -> Path:
    from ..paths import dictionary_data

    return dictionary_data()


class Dictionary:
    """A read-only view of the index. One instance may be shared by threads (a lock guards it)."""

    def __init__(self, con: sqlite3.Connection, path: Path, meta: dict):
        self._con = con
        self._lock = threading.Lock()
        self.path = path
        self.meta = meta

    @classmethod
    def open(cls, source: Optional[Path] = None, db_path: Optional[Path] = None,
             hash_files: Optional[list[Path]] = None, progress: index.Progress = None,
             rebuild: bool = False, build: bool = True) -> "Dictionary":
        """Open the index, building it first when it is missing, partial, damaged or outdated.

        ``progress(done, total)`` is called during a build (from the calling thread). With
        ``build=False`` an index that is not ready is an error instead (for callers that
        must not wait for a build, such as the translation worker).
        Raises DictionaryError when the data file is missing or the index cannot be built.
        """
        source = Path(source) if source else default_source()
        db_path = Path(db_path) if db_path else default_db_path()
        hash_files = list(hash_files) if hash_files is not None else heldout.default_hash_files()
        expected = index.expected_digest(source, hash_files, index.source_digest, DictionaryError, "dictionary data")
        con, meta = index.open_checked(db_path, expected,
                                       lambda reason: index.build(source, db_path, hash_files, progress),
                                       DictionaryError, "dictionary", rebuild, build)
        return cls(con, db_path, meta)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, term: str, lang: str = "de", limit: int = 10) -> list[Entry]:
        """Entries for ``term`` on the ``lang`` side ("de" or "en"), best first."""
        if lang not in index.LANGS:
            raise ValueError(f"unknown language {lang!r}: use 'de' or 'en'")
        folded = ding.fold(term[:MAX_TERM_CHARS])
        if not folded or limit <= 0:
            return []
        with self._lock:
            try:
                hits = self._rank(folded, lang, limit)
                rows = self._lines([h[0] for h in hits])
            except sqlite3.DatabaseError as exc:
                raise DictionaryError(f"the dictionary index is damaged ({exc}); "
                                      "it is rebuilt at the next start") from None
        return [_entry(i, rows[i], lang, tier, sub, alt) for i, tier, sub, alt in hits if i in rows]

    def exact_match(self, text: str, lang: str = "de") -> Optional[Match]:
        """The Ding phrase or example sentence that equals the whole input (case, spacing and
        end punctuation aside), if any. Single words are left to lookup(): they have senses."""
        folded = ding.fold(text[:MAX_TERM_CHARS * 2])
        if len(folded.split()) < 2:
            return None
        with self._lock:
            rows = self._con.execute(
                "SELECT k.entry, k.sub, k.alt, e.line FROM keys k JOIN entries e ON e.id = k.entry "
                "WHERE k.lang = ? AND k.key = ? AND k.full = 1 LIMIT 50",
                (index.LANGS[lang], folded)).fetchall()
        rows = [r for r in rows if not ding.asks_otherwise(_written(r, lang)[-1:], text.strip()[-1:])]
        if not rows:
            return None
        best = min(rows, key=lambda r: _memory_rank(r, lang, text.strip()))
        entry_id, sub_i, alt_i, line = best
        subs = ding.split_line(line)
        sub = subs[sub_i]
        other = "en" if lang == "de" else "de"
        source = ding.split_synonyms(sub.side(lang))[alt_i]
        targets = ding.split_synonyms(sub.side(other))
        target = targets[alt_i] if alt_i < len(targets) else targets[0]
        kind = "example" if ding.is_sentence(sub.de, sub.en) else "phrase"
        entry = _entry(entry_id, line, lang, "exact", sub_i, alt_i)
        return Match(ding.bare(source), ding.bare(target), kind, entry)

    # -- internals -------------------------------------------------------------------------
    def _rank(self, folded: str, lang: str, limit: int) -> list[tuple[int, str, int, int]]:
        code = index.LANGS[lang]
        seen: dict[int, tuple] = {}
        out: list[tuple[int, str, int, int]] = []

        def take(rows, tier):
            for entry, sub, alt in rows:
                if entry not in seen and len(out) < limit:
                    seen[entry] = ()
                    out.append((entry, tier, sub, alt))

        q = self._con.execute
        col = "de_len" if lang == "de" else "en_len"
        # Headword synonyms before sub-entries; among equals, the longer Ding line first:
        # common words have many sub-entries, so length stands in for frequency.
        exact = q(f"SELECT k.entry, k.sub, k.alt FROM keys k JOIN entries e ON e.id = k.entry "
                  f"WHERE k.lang = ? AND k.key = ? ORDER BY k.sub > 0, k.alt > 0, e.{col} DESC, k.entry",
                  (code, folded)).fetchall()
        heads, later = self._split_exact(exact, folded, lang)
        take(heads, "exact")
        take(later, "synonym")
        stems = ding.stems(folded, lang)
        if stems and len(out) < limit:
            marks = ",".join("?" * len(stems))
            take(q(f"SELECT k.entry, k.sub, k.alt FROM keys k JOIN entries e ON e.id = k.entry "
                   f"WHERE k.lang = ? AND k.key IN ({marks}) "
                   f"ORDER BY k.sub > 0, k.alt > 0, length(k.key) DESC, e.{col} DESC, k.entry",
                   (code, *stems)), "inflected")
        if len(out) < limit:
            rows = q("SELECT entry, sub, alt, key FROM keys WHERE lang = ? AND key > ? AND key < ? "
                     "LIMIT ?", (code, folded, folded + "\uffff", _PREFIX_SCAN)).fetchall()
            rows.sort(key=lambda r: (len(r[3]), r[1] > 0, r[2], r[0]))
            take(((e, s, a) for e, s, a, _ in rows), "prefix")
        if len(out) < limit:
            words = [w for w in folded.replace('"', " ").split() if w]
            if words:
                query = "%s : \"%s\"" % (lang, " ".join(words))
                rows = q(f"SELECT e.id, e.{col} FROM entries e JOIN "
                         f"(SELECT rowid AS id FROM fts WHERE fts MATCH ? LIMIT ?) f ON e.id = f.id",
                         (query, _CONTAINS_SCAN)).fetchall()
                rows.sort(key=lambda r: (r[1], r[0]))
                take(((e, -1, -1) for e, _ in rows), "contains")
        return out

    def _split_exact(self, rows, folded: str, lang: str) -> tuple[list, list]:
        """Exact rows -> (the term as a plain synonym, commonest translation first;
        as a labelled later synonym or a combining form "Haus…", in the index's order)."""
        lines = self._lines(sorted({r[0] for r in rows}))
        other = "en" if lang == "de" else "de"
        heads, later = [], []
        for n, (entry, sub_i, alt_i) in enumerate(rows):
            subs = ding.split_line(lines.get(entry, "")) or []
            if sub_i >= len(subs):
                continue
            syns = ding.parse_side(subs[sub_i].side(lang))
            term = syns[alt_i] if alt_i < len(syns) else ding.parse_term("")
            # a labelled later synonym is a special sense ("Haus [adm.]"); "to go; to walk" is not
            if term.word.endswith("…") or (alt_i > 0 and (term.labels or term.notes)):
                later.append((entry, sub_i, alt_i))
                continue
            words = [ding.bare(t) for t in ding.split_synonyms(subs[sub_i].side(other))]
            heads.append((-senses.commonness(folded, lang, words), n, (entry, sub_i, alt_i)))
        return [row for *_, row in sorted(heads)], later

    def _lines(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self._con.execute(f"SELECT id, line FROM entries WHERE id IN ({marks})", ids))


def paged(entries: list[Entry], top: int) -> tuple[list[Entry], int]:
    """What a card shows: (the entries with its first page in front, that page's length). The
    first page is the best tier present by PAGE_ORDER, at most ``top``: "Haus" opens with its
    own entries; its labelled senses, prefix and contains matches wait behind "more"."""
    best = min((PAGE_ORDER.index(e.match) for e in entries), default=0)
    page = [e for e in entries if PAGE_ORDER.index(e.match) == best][:top]
    return page + [e for e in entries if not any(e is p for p in page)], len(page)


def _memory_rank(row, lang: str, text: str) -> tuple:
    """Prefer the candidate written like the input (first letter's case, end punctuation if it
    has one), without labels or notes (a plain phrase, not a technical sense), alone in its
    sub-entry, from a common word."""
    _, sub_i, alt_i, line = row
    subs = ding.split_line(line) or []
    if sub_i >= len(subs):
        return (9,)
    syns = ding.split_synonyms(subs[sub_i].side(lang))
    syn_text = syns[alt_i] if alt_i < len(syns) else ""
    word = ding.bare(syn_text)
    end = text[-1:]
    same_end = end not in ".!?" or word[-1:] == end
    same_case = word[:1].isupper() == text[:1].isupper()
    return (not same_case, not same_end, word != syn_text, len(syns) > 1, -len(line), row[0])


def _written(row, lang: str) -> str:
    """The synonym a key row matched, as Ding writes it (labels and notes taken off)."""
    _, sub_i, alt_i, line = row
    subs = ding.split_line(line) or []
    if sub_i >= len(subs):
        return ""
    syns = ding.split_synonyms(subs[sub_i].side(lang))
    return ding.bare(syns[alt_i]) if alt_i < len(syns) else ""


@functools.lru_cache(maxsize=4096)
def _parsed(line: str, lang: str):
    """A line's senses and examples from one side (cached: parsing is most of a lookup)."""
    subs = ding.split_line(line) or []
    other = "en" if lang == "de" else "de"
    senses, examples = [], []
    for sub in subs:
        if ding.is_sentence(sub.de, sub.en):
            examples.append(Example(sub.side(lang), sub.side(other)))
            continue
        synonyms = ding.parse_side(sub.side(lang))
        translations = ding.parse_side(sub.side(other))
        regions = sorted({r for t in synonyms + translations for r in t.regions})
        senses.append(Sense(sub.side(lang), synonyms, translations, regions))
    head = ding.parse_side(subs[0].side(lang))[:1] if subs else []
    return subs, head, tuple(senses), tuple(examples)


def _entry(entry_id: int, line: str, lang: str, tier: str, sub_i: int, alt_i: int) -> Entry:
    subs, head, senses, examples = _parsed(line, lang)
    matched = ""
    if 0 <= sub_i < len(subs):
        syns = ding.split_synonyms(subs[sub_i].side(lang))
        matched = syns[alt_i] if 0 <= alt_i < len(syns) else subs[sub_i].side(lang)
    # Copies of the senses: the cached ones stay as parsed whatever a caller does with these.
    return Entry(id=entry_id, lang=lang, headword=head[0].word if head else "",
                 tags=list(head[0].tags) if head else [],
                 senses=[replace(s, synonyms=list(s.synonyms), translations=list(s.translations),
                                 regions=list(s.regions)) for s in senses],
                 examples=[replace(x) for x in examples], match=tier, matched=matched)
