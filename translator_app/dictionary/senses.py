"""How common a translation is: sentence-pair counts of Ding word pairs, to rank senses.

"Haus" has two headword entries, "Haus; Zuhause -> home" and "Haus -> house"; the index's
length rule put "home" first. Counts of single English words alone would too ("home" is
more frequent than "house" in the training data), so the table counts, per Ding word pair,
the training sentence pairs whose German side has the German word and whose English side
has the English one: (haus, house) 186, (haus, home) 14. It ships as
``resources/dictionary/de-en-senses.xz``, made by

    python -m translator_app.dictionary.senses ~/.cache/translator-app/corpus5 resources/dictionary/de-en-senses.xz

from the corpus's train.tsv without its Ding rows (``train.origin`` "ding-*": those are the
dictionary itself, not evidence of use) and without the game dialogue (origin "games": its
fantasy register has roads where everyday German has streets, 132 to 9 for "Straße"), pairs
with a held-out side left out again, and the Ding pairs from the shipped data less its
held-out sub-entries. Format: ``#`` header lines, then ``de<TAB>en<TAB>count`` per pair
counted at least MIN_COUNT times, keys ``ding.fold``ed single words (English ``to`` dropped).
"""

from __future__ import annotations

import argparse
import functools
import logging
import lzma
import re
import sys
from collections import Counter
from pathlib import Path

from .. import heldout
from . import ding

FILE_NAME = "de-en-senses.xz"
MIN_COUNT = 2
SKIPPED_ORIGINS = {"games"}  # besides Ding's own rows
_WORD = re.compile(r"[\w'-]+")
_NONE: frozenset = frozenset()
log = logging.getLogger(__name__)


def key(word: str, lang: str) -> str:
    """The table's form of a Ding word: folded, English ``to`` dropped; "" if not one word."""
    k = ding.fold(ding.reduced(word, lang))
    return k if k and " " not in k else ""


def ding_pairs(lines, hashes: set) -> dict[str, set[str]]:
    """German key -> English keys it translates, over every kept sub-entry."""
    pairs: dict[str, set[str]] = {}
    for _line, kept, _dropped in ding.kept_lines(lines, hashes):
        for words in kept:
            en = {key(w, "en") for w in words["en"]} - {""}
            for w in words["de"]:
                if en and (k := key(w, "de")):
                    pairs.setdefault(k, set()).update(en)
    return pairs


def count(corpus: Path, pairs: dict[str, set[str]], hashes: set) -> Counter:
    """Sentence pairs of ``corpus``/train.tsv (Ding and game rows skipped) per Ding word pair."""
    counts: Counter = Counter()
    with open(corpus / "train.tsv", encoding="utf-8") as tsv, open(corpus / "train.origin") as origin:
        for row, where in zip(tsv, origin):
            if where.startswith("ding") or where.strip() in SKIPPED_ORIGINS:
                continue
            de, _, en = row.rstrip("\n").partition("\t")
            if hashes and (heldout.heldout_hash(de) in hashes or heldout.heldout_hash(en) in hashes):
                continue
            en_words = {ding.fold(w) for w in _WORD.findall(en)}
            for d in {ding.fold(w) for w in _WORD.findall(de)}:
                for e in pairs.get(d, _NONE) & en_words:
                    counts[d, e] += 1
    return counts


def write(counts: Counter, out: Path, corpus: Path) -> int:
    rows = sorted((d, e, n) for (d, e), n in counts.items() if n >= MIN_COUNT)
    with lzma.open(out, "wt", encoding="utf-8", preset=9) as fh:
        fh.write(f"# translator-app senses 1: training sentence pairs per Ding word pair\n"
                 f"# corpus {corpus.name}, Ding rows skipped, held-out pairs skipped; count >= {MIN_COUNT}\n")
        fh.writelines(f"{d}\t{e}\t{n}\n" for d, e, n in rows)
    return len(rows)


@functools.lru_cache(maxsize=2)
def table(path: Path | None = None) -> dict[tuple[str, str], int]:
    """(German key, English key) -> count; empty (logged) when the file is missing or damaged:
    senses then keep the index's order."""
    if path is None:
        from ..paths import resources_dir

        path = resources_dir() / "dictionary" / FILE_NAME
    out: dict[tuple[str, str], int] = {}
    try:
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    d, e, n = line.rstrip("\n").split("\t")
                    out[d, e] = int(n)
    except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
        log.warning("sense frequencies unavailable (%s): %s", path, exc)
        return {}
    return out


@functools.lru_cache(maxsize=2)
def _by_word(lang: str, path: Path | None = None) -> dict[str, frozenset]:
    side, other = (0, 1) if lang == "de" else (1, 0)
    out: dict[str, set] = {}
    for pair in table(path):
        out.setdefault(pair[side], set()).add(pair[other])
    return {k: frozenset(v) for k, v in out.items()}


# an inflected word's headword: the ending off, the infinitive's or the singular's on
# ("kommt" -> "kommen": Ding pairs "kommt" with "happens" only; "comes" -> "come")
_INFLECTED = {"de": ("st", "et", "t", "te", "ten", "en", "e", "n", "s"), "en": ("es", "s", "ed", "ing")}
_HEADWORD = {"de": ("en", "n", ""), "en": ("", "e")}


def translations(word: str, lang: str) -> frozenset:
    """The other side's words (table keys) that ``word`` (on side ``lang``) or its headword
    (_INFLECTED) was translated by in the training data; empty if the table knows neither.
    The engine's glossary for words copied, not translated (engine/copied.py)."""
    mine = key(word, lang)
    if not mine:
        return _NONE
    table = _by_word(lang)
    found = set(table.get(mine, _NONE))
    for ending in _INFLECTED.get(lang, ()):
        stem = mine[:-len(ending)]
        if mine.endswith(ending) and len(stem) >= 3:
            for head in _HEADWORD[lang]:
                if stem + head != mine:
                    found |= table.get(stem + head, _NONE)
    return frozenset(found)


def glossary():
    """The engine's Glossary (engine/copied.py) over this table."""
    from ..engine.copied import Glossary

    return Glossary(translations, ding.fold)


def commonness(term: str, lang: str, translations, counts: dict | None = None) -> int:
    """How often ``term`` (on side ``lang``) was translated by the commonest of
    ``translations`` (Ding words of the other side) in the training data; 0 if unknown."""
    counts = table() if counts is None else counts
    mine = key(term, lang)
    if not mine:
        return 0
    other = "en" if lang == "de" else "de"
    best = 0
    for word in translations:
        theirs = key(word, other)
        pair = (mine, theirs) if lang == "de" else (theirs, mine)
        best = max(best, counts.get(pair, 0))
    return best


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m translator_app.dictionary.senses", description=__doc__.split("\n")[0])
    p.add_argument("corpus", type=Path, help="a built corpus folder (train.tsv, train.origin)")
    p.add_argument("out", type=Path, help=f"the table to write (resources/dictionary/{FILE_NAME})")
    args = p.parse_args(argv)
    from ..paths import dictionary_data

    hashes = heldout.load_hashes(heldout.default_hash_files())
    pairs = ding_pairs(ding.read_file(dictionary_data()).lines, hashes)
    counts = count(args.corpus.expanduser(), pairs, hashes)
    n = write(counts, args.out, args.corpus)
    print(f"{n} pairs -> {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
