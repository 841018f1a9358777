"""Ding's ``German :: English`` line format: sub-entries, alternatives, annotations, folding.

A line is ``de :: en``; both sides split at `` | `` into sub-entries paired by position
(the headword, its plural or other forms, phrases, example sentences), and each sub-entry
splits at ``;`` into synonyms. ``{m}`` grammar, ``[Br.]`` labels, ``(...)`` notes and
``<...>`` search keywords belong to the entry: kept for display, removed from search keys.
This is the one Ding line parser: the training corpus's reader (``training.readers.ding``)
pairs the :func:`side_words` of :func:`split_line`'s sub-entries. Held-out sub-entries are
found with :mod:`translator_app.heldout`'s rule. No Qt and no torch here.
"""

from __future__ import annotations

import hashlib
import lzma
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .. import heldout as heldout_rule

SUB_SEP = " | "
SIDE_SEP = " :: "

# Dialect and national variety labels; every other [...] label is a domain or style label.
REGIONS = frozenset({
    "Br.", "Am.", "eAm.", "eBr.", "Austr.", "NZ", "Can.", "Sc.", "Ir.", "Irl.", "Ind.", "SAfr.",
    "Ös.", "Westös.", "Schw.", "Dt.", "Bayr.", "BW", "Norddt.", "Süddt.", "Mitteldt.", "Westdt.",
    "Ostdt.", "Mittelwestdt.", "Mittelostdt.", "Nordostdt.", "Nordwestdt.", "Südtirol", "Sachsen",
})

_BRACES = re.compile(r"\{([^{}]*)\}")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_ANNOTATION = re.compile(r"\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>")
_PARENS = re.compile(r"\(([^()]*)\)")
_SLASH_ABBR = re.compile(r"(?<!\S)/[^/\s][^/]*?/(?!\S)")  # /Abl./
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?:;])")  # not before …: "von … zu" is a gap
_PLACEHOLDER = re.compile(r"(?<!\w)(?:etw|jdn|jdm|jds|jd|sth|sb)\.(?:[’']s)?")
_MARKUP_CHARS = re.compile(r"[{\[(</]")
_FOLD_PUNCT = re.compile(r"[^\w\s\-']+")
# One translate() does umlauts and the common punctuation; the regex catches the rest.
_FOLD_TABLE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "’": "'", "‘": "'",
                             **{c: " " for c in "_!\"#$%&()*+,./:;<=>?@[\\]^`{|}~–—…„“”«»‚¡¿·•"}})


@dataclass(frozen=True)
class Term:
    """One synonym of one side of a sub-entry."""

    text: str                       # as Ding writes it, annotations kept: "Aal {m} [cook.]"
    word: str                       # without annotations: "Aal"
    tags: tuple[str, ...] = ()      # grammar in braces: ("m",), ("vt",), ("prp; +Dat.",)
    regions: tuple[str, ...] = ()   # ("Br.",), ("Ös.",)
    labels: tuple[str, ...] = ()    # other bracket labels: ("cook.",), ("coll.",)
    notes: tuple[str, ...] = ()     # parenthesised notes


@dataclass(frozen=True)
class SubEntry:
    de: str
    en: str

    def side(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


@dataclass
class DingFile:
    header: list[str] = field(default_factory=list)   # the leading '#' lines (copyright)
    lines: list[str] = field(default_factory=list)    # entry lines


def open_text(path: Path):
    """A Ding file as text; ``.xz`` files are decompressed on the fly."""
    path = Path(path)
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return open(path, "r", encoding="utf-8", errors="replace", newline="\n")


def read_file(path: Path) -> DingFile:
    out = DingFile()
    with open_text(path) as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                if not out.lines:
                    out.header.append(line)
                continue
            out.lines.append(line)
    return out


def split_line(line: str) -> Optional[list[SubEntry]]:
    """The sub-entries of one line; None for a malformed line (no ``::`` or unpaired ``|``)."""
    if SIDE_SEP not in line:
        return None
    de, en = line.split(SIDE_SEP, 1)
    de_subs, en_subs = de.split(SUB_SEP), en.split(SUB_SEP)
    if len(de_subs) != len(en_subs):
        return None
    return [SubEntry(d.strip(), e.strip()) for d, e in zip(de_subs, en_subs)]


def join_line(subs: Iterable[SubEntry]) -> str:
    subs = list(subs)
    return SUB_SEP.join(s.de for s in subs) + SIDE_SEP + SUB_SEP.join(s.en for s in subs)


def split_synonyms(side: str) -> list[str]:
    """Split at ``;`` outside braces, brackets and parentheses (``{prp; +Dat.}`` stays whole)."""
    if ";" not in side:
        return [side.strip()] if side.strip() else []
    if not _MARKUP_CHARS.search(side):
        return [p.strip() for p in side.split(";") if p.strip()]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(side):
        if ch in "{[(<":
            depth += 1
        elif ch in "}])>" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(side[start:i])
            start = i + 1
    parts.append(side[start:])
    return [p.strip() for p in parts if p.strip()]


def bare(text: str) -> str:
    """The words without annotations (what search keys, translations and the corpus's Ding
    pairs are made of): ``{...}``, ``[...]``, ``<...>``, every (nested) ``(...)`` note and
    ``/abbr./`` removed, whitespace collapsed, no space before ``, . ! ? : ;`` (but before
    ``…``, which stands for a gap: "von … zu"), and no leading or trailing ``;`` or ``,``."""
    if _MARKUP_CHARS.search(text):
        text = _ANNOTATION.sub(" ", text)
        if "(" in text:
            prev = None
            while prev != text:  # nested parentheses: innermost first
                prev = text
                text = _PARENS.sub(" ", text)
        if "/" in text:
            text = _SLASH_ABBR.sub(" ", text)
    text = " ".join(text.split())
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text).strip(" ;,")


def side_words(side: str) -> list[str]:
    """The bare synonyms of one sub-entry side, empty ones left out (what the training
    corpus pairs by position)."""
    return [w for w in (bare(s) for s in split_synonyms(side)) if w]


def parse_term(text: str) -> Term:
    text = text.strip()
    if not _MARKUP_CHARS.search(text):
        return Term(text=text, word=text)
    tags = tuple(t.strip() for t in _BRACES.findall(text))
    brackets = [b.strip() for b in _BRACKETS.findall(text)]
    regions = tuple(b for b in brackets if b in REGIONS)
    labels = tuple(b for b in brackets if b not in REGIONS)
    notes = tuple(n.strip() for n in _PARENS.findall(text))
    return Term(text=text, word=bare(text), tags=tags, regions=regions, labels=labels, notes=notes)


def parse_side(side: str) -> list[Term]:
    return [parse_term(s) for s in split_synonyms(side)]


def is_sentence(de: str, en: str) -> bool:
    """An example sentence (also the training reader's ``ding-sentence``): capital start on
    both sides, ends in . ! ?, >= 4 words."""
    for s in (de, en):
        if not s or not s[0].isupper() or s[-1] not in ".!?" or len(s.split()) < 4:
            return False
    return True


# -- folding ---------------------------------------------------------------------------------
def fold(text: str) -> str:
    """The search form: case folded, ä/ö/ü -> ae/oe/ue, ß -> ss, other accents dropped,
    punctuation (but not - and ') -> space, whitespace collapsed. "Straße!" == "strasse"."""
    s = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
        s = _FOLD_PUNCT.sub(" ", s)
    return " ".join(s.split()).strip("-' ")


def asks_otherwise(written_end: str, input_end: str) -> bool:
    """Whether a phrase Ding writes ending in ``written_end`` is a question where the input
    (ending in ``input_end``) is none, or the reverse: "Ja, bitte?" ("Yes?") does not answer
    "Ja, bitte.". Without end punctuation on either side, nothing is told apart."""
    return written_end in ".!?" and input_end in ".!?" and bool(written_end) and bool(input_end) \
        and (written_end == "?") != (input_end == "?")


def reduced(word: str, lang: str) -> str:
    """A second key without object placeholders and English ``to``: "to give sb. sth." -> "give"."""
    s = _PLACEHOLDER.sub(" ", word)
    s = " ".join(s.split())
    if lang == "en" and s.startswith("to ") and len(s) > 3:
        s = s[3:]
    return s


# German endings for plural and case forms; English plural/third-person -s/-es.
_ENDINGS = {"de": ("ern", "en", "er", "es", "em", "e", "n", "s"), "en": ("es", "s")}


def stems(folded: str, lang: str) -> list[str]:
    """Candidate base forms of a folded term by stripping one ending (the last word only)."""
    out = []
    for end in _ENDINGS.get(lang, ()):
        if folded.endswith(end) and len(folded) - len(end) >= 3:
            stem = folded[: -len(end)]
            if stem not in out and stem[-1] != " ":
                out.append(stem)
    if lang == "en" and folded.endswith("ies") and len(folded) > 4:
        out.append(folded[:-3] + "y")
    return out


# -- held-out exclusion -------------------------------------------------------------------------
def side_texts(side: str, words: Optional[list[str]] = None) -> Iterator[str]:
    """The texts of one sub-entry side that a held-out list could name: each synonym the way
    the corpus stores it (``heldout.clean_field`` of its bare form; ``words``: the bare
    forms, if already known)."""
    for w in (words if words is not None else [bare(s) for s in split_synonyms(side)]):
        w = heldout_rule.clean_field(w)
        if w:
            yield w


def is_heldout(sub: SubEntry, hashes: set, de_words=None, en_words=None) -> bool:
    if not hashes:
        return False
    for side, words in ((sub.de, de_words), (sub.en, en_words)):
        for text in side_texts(side, words):
            if heldout_rule.heldout_hash(text) in hashes:
                return True
    return False


def filter_line(line: str, hashes: set) -> tuple[Optional[str], int]:
    """(the line without held-out sub-entries or None if nothing is left, sub-entries dropped).
    A malformed line is returned unchanged (the index skips it)."""
    subs = split_line(line)
    if subs is None:
        return line, 0
    kept = [s for s in subs if not is_heldout(s, hashes)]
    if len(kept) == len(subs):
        return line, 0
    return (join_line(kept) if kept else None), len(subs) - len(kept)


def kept_lines(lines: Iterable[str], hashes: set):
    """Per Ding line, as the index and the phrase table read it: (the line without its held-out
    sub-entries, or None when nothing of it is kept; per kept sub-entry its bare synonyms by
    language {"de": [...], "en": [...]}; sub-entries dropped as held out)."""
    for line in lines:
        subs = split_line(line)
        if not subs:
            yield None, [], 0
            continue
        kept, words_list = [], []
        for sub in subs:
            words = {lang: [bare(s) for s in split_synonyms(sub.side(lang))] for lang in ("de", "en")}
            if hashes and is_heldout(sub, hashes, words["de"], words["en"]):
                continue
            kept.append(sub)
            words_list.append(words)
        dropped = len(subs) - len(kept)
        if not kept:
            yield None, [], dropped
        else:
            yield (join_line(kept) if dropped else line), words_list, dropped


def files_digest(paths: Iterable[Path]) -> str:
    """One sha256 over several files, for the index's meta table."""
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()
