"""Replay pairs for `teach`: human translations mixed into every fine-tuning batch, so that
learning a few corrections does not make the model forget the rest.

The pool is the shipped example corpus (resources/examples: Tatoeba, game dialogue and
Ding's example sentences); without it, Ding's example sentences from the dictionary data.
A drawn pair with a side in the held-out lists is left out here again, as everywhere.
No torch here.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from .. import heldout
from ..dictionary import ding, examples_index
from ..paths import dictionary_data, examples_data

# A Ding line can hold an example sentence only where a side or sub-entry ends in . ! ?
# (skips 90 % of the lines before the slow parse: 2.1 s instead of 7.2 s for the whole file)
_MAY_HOLD_SENTENCE = re.compile(r"[.!?](?:\s*(?:\{[^}]*\}|\[[^\]]*\]))*\s*(?:\||::|;|$)")


def ding_sentences(path: Path | None = None, hashes: set | None = None) -> list[tuple[str, str]]:
    """(German, English) example sentences of the Ding data, held-out sub-entries left out."""
    hashes = _hashes() if hashes is None else hashes
    data = ding.read_file(Path(path) if path is not None else dictionary_data())
    lines = [line for line in data.lines if _MAY_HOLD_SENTENCE.search(line)]
    pairs = []
    for _, words_list, _ in ding.kept_lines(lines, hashes):
        for words in words_list:
            pairs.extend((de, en) for de, en in zip(words["de"], words["en"]) if ding.is_sentence(de, en))
    return pairs


def pool(path: Path | None = None) -> list[tuple[str, str]]:
    """Every candidate pair (held-out ones are dropped by ``draw``, which sees few of them)."""
    path = Path(path) if path is not None else examples_data()
    if path.is_file():
        return [(de, en) for de, en, _ in examples_index.read_file(path).pairs]
    return ding_sentences()


def draw(pairs: list[tuple[str, str]], count: int, rng: random.Random,
         exclude_sources=frozenset()) -> list[tuple[str, str]]:
    """Up to ``count`` pairs of ``pairs`` at random: none held out, and none with a side that
    is a corrected source (the correction, not the old translation, must win)."""
    hashes = _hashes()
    excluded = {ding.fold(s) for s in exclude_sources}
    order = list(range(len(pairs)))
    rng.shuffle(order)
    chosen = []
    for i in order:
        if len(chosen) >= count:
            break
        de, en = pairs[i]
        if examples_index.heldout_pair(heldout.clean_field(de), heldout.clean_field(en), hashes):
            continue
        if ding.fold(de) in excluded or ding.fold(en) in excluded:
            continue
        chosen.append((de, en))
    return chosen


def _hashes() -> set:
    return heldout.load_hashes(heldout.default_hash_files())
