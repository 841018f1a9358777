"""Fuzzy matches: sources in your memory (and the example corpus, once its index is built) that
are at least 75 % similar to the input, counted as CAT tools count it: word-level edit
distance, ``1 - distance / max(words)``. Words are compared folded (``store.normalise``: case
and punctuation aside), so "Hallo, Welt!" and "hallo welt" are the same two words.

A memory of 1,000 entries is searched in a few milliseconds: a bag-of-words bound skips the
entries whose shared words alone cannot reach the threshold, and only the rest get the
quadratic distance."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Optional

from ..engine.result import Similar
from .store import MemoryStore, normalise

THRESHOLD = 0.75
LIMIT = 3  # suggestions kept for one input


def words(text: str) -> tuple[list[str], list[int]]:
    """The folded words of ``text`` and, for each, its index in ``text.split()`` (a token that
    is only punctuation has no folded word and is not counted)."""
    keys, where = [], []
    for i, token in enumerate(text.split()):
        for key in normalise(token).split():
            keys.append(key)
            where.append(i)
    return keys, where


def _distance(a: list[str], b: list[str]) -> tuple[int, set[int]]:
    """Word edit distance of ``a`` to ``b`` and the positions of ``b`` not matched in one
    cheapest alignment (substituted or inserted words)."""
    rows = [list(range(len(b) + 1))]
    for i, wa in enumerate(a, 1):
        prev, row = rows[-1], [i]
        for j, wb in enumerate(b, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (wa != wb)))
        rows.append(row)
    differing, i, j = set(), len(a), len(b)
    while i and j:
        d = rows[i][j]
        if a[i - 1] == b[j - 1] and d == rows[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif d == rows[i - 1][j - 1] + 1:
            differing.add(j - 1)
            i, j = i - 1, j - 1
        elif d == rows[i][j - 1] + 1:
            differing.add(j - 1)
            j -= 1
        else:
            i -= 1
    differing.update(range(j))
    return rows[-1][-1], differing


def _bound(a: Counter, la: int, b: Counter, lb: int, threshold: float) -> float:
    """An upper bound of the similarity: no alignment matches more words than the shorter
    side has, nor more than the two bags share."""
    longer = max(la, lb)
    if not longer or min(la, lb) < threshold * longer:
        return min(la, lb) / longer if longer else 0.0
    return sum(min(n, b[w]) for w, n in a.items() if w in b) / longer


def similarity(text: str, other: str) -> tuple[float, tuple[int, ...]]:
    """(score, indices of ``other.split()`` that differ from ``text``); score in [0, 1]."""
    a, _ = words(text)
    b, where = words(other)
    return _score(a, b, where)


def _score(a: list[str], b: list[str], where: list[int]) -> tuple[float, tuple[int, ...]]:
    longer = max(len(a), len(b))
    if not longer:
        return 0.0, ()
    dist, differing = _distance(a, b)
    return 1.0 - dist / longer, tuple(sorted({where[j] for j in differing}))


class _Prepared:
    """The memory's entries of each direction with their folded words, kept while the store
    is unchanged (its count and last id say so: ids are never reused)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cache: dict = {}  # (path, src, tgt) -> (signature, rows)

    def rows(self, store: MemoryStore, src_lang: str, tgt_lang: str) -> list:
        where_key, signature = (store.path, src_lang, tgt_lang), (store.count(), store.last_id())
        with self._lock:
            cached = self._cache.get(where_key)
            if cached is None or cached[0] != signature:
                rows = []
                for entry in store.entries(src_lang):
                    if entry.tgt_lang == tgt_lang:
                        keys, where = words(entry.source)
                        rows.append((entry, keys, where, Counter(keys)))
                cached = self._cache[where_key] = (signature, rows)
            return cached[1]


_PREPARED = _Prepared()


def _example_candidates(text: str, src_lang: str) -> list:
    from ..dictionary import examples

    index = examples.BUILT.get()   # only once built: building would hold the translation up
    return [] if index is None else index.fuzzy_candidates(text, src_lang, limit=50)


def find(text: str, src_lang: str, tgt_lang: str, store: Optional[MemoryStore], *,
         with_examples: bool = True, limit: int = LIMIT, threshold: float = THRESHOLD) -> tuple[Similar, ...]:
    """The best ``limit`` sources at least ``threshold`` similar to ``text``: your memory's
    (latest first on a tie) before the example corpus's."""
    a, _ = words(text)
    if not a:
        return ()
    bag, found = Counter(a), []
    if store is not None:
        for entry, keys, where, entry_bag in _PREPARED.rows(store, src_lang, tgt_lang):
            if _bound(bag, len(a), entry_bag, len(keys), threshold) < threshold:
                continue
            score, differing = _score(a, keys, where)
            if score >= threshold:
                found.append(((-score, 0, -entry.id), Similar(entry.source, entry.target, score, "memory",
                                                              differing, entry_id=entry.id)))
    if with_examples:
        for rank, ex in enumerate(_example_candidates(text, src_lang)):
            source, target = (ex.german, ex.english) if src_lang == "de" else (ex.english, ex.german)
            keys, where = words(source)
            score, differing = _score(a, keys, where)
            if score >= threshold:
                found.append(((-score, 1, rank), Similar(source, target, score, "example", differing,
                                                         corpus=ex.source_name)))
    found.sort(key=lambda item: item[0])
    seen, out = set(), []
    for _, match in found:
        if normalise(match.source) not in seen:  # one suggestion per source
            seen.add(normalise(match.source))
            out.append(match)
    return tuple(out[:limit])
