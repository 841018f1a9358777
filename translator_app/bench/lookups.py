"""The bench's lookup steps: warm Ding lookups and example-sentence lookups of seeded words of
the sample (what the window's dictionary card asks), p50/p95 and the whole batch."""

from __future__ import annotations

import random
import time


def _terms(sentences: list[str], n: int) -> list[str]:
    words = sorted({w.strip(".,;:!?()\"'") for s in sentences for w in s.split()} - {""})
    return random.Random(0).sample(words, min(n, len(words)))


def _timed(terms: list[str], call) -> dict:
    from .measure import percentile

    for t in terms[:20]:  # warm the page cache and the parser
        call(t)
    times = []
    start = time.perf_counter()
    for t in terms:
        t0 = time.perf_counter()
        call(t)
        times.append((time.perf_counter() - t0) * 1000)
    batch = time.perf_counter() - start
    return {"terms": len(terms), "p50_ms": round(percentile(times, 50), 2),
            "p95_ms": round(percentile(times, 95), 2), "batch_s": round(batch, 2)}


def dictionary_lookup(sentences: list[str], build: bool, n: int = 300, limit: int = 10) -> dict:
    """Warm Ding lookups of ``n`` seeded words from the sample (what the dictionary card asks):
    p50/p95 of one lookup, and the whole batch. With ``build`` False an index that is not
    built yet is reported, not built (a build takes about 25 s)."""
    from ..dictionary.lookup import Dictionary, DictionaryError

    try:
        d = Dictionary.open(build=build)
    except (DictionaryError, OSError) as exc:
        return {"error": f"{exc.__class__.__name__}: {exc}"}
    try:
        return dict(_timed(_terms(sentences, n), lambda t: d.lookup(t, "de", limit)), limit=limit)
    finally:
        d.close()


def examples_lookup(sentences: list[str], build: bool, n: int = 300) -> dict:
    """Warm example lookups (the card's top 5) of the same ``n`` words, each with its Ding
    translations found beforehand (not timed; none when the dictionary index is not built).
    With ``build`` False an example index that is not built yet is reported, not built."""
    from ..dictionary.examples import LIMIT, Examples, ExamplesError, dictionary_translations
    from ..dictionary.lookup import Dictionary, DictionaryError

    try:
        ex = Examples.open(build=build)
    except (ExamplesError, OSError) as exc:
        return {"error": f"{exc.__class__.__name__}: {exc}"}
    terms = _terms(sentences, n)
    try:
        d = Dictionary.open(build=False)
        words = {t: dictionary_translations(d.lookup(t, "de", 10)) for t in terms}
        d.close()
    except (DictionaryError, OSError):
        words = {}
    try:
        return dict(_timed(terms, lambda t: ex.lookup(t, "de", LIMIT, words.get(t, ()))), limit=LIMIT)
    finally:
        ex.close()
