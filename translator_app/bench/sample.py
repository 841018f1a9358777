"""The sentences the bench times: a seed-fixed sample of dev pairs, and sentences of an exact
word count."""

from __future__ import annotations

import random


def sample_sentences(pairs: list[tuple[str, str]], n: int, seed: int) -> list[tuple[str, str]]:
    """A reproducible sample of up to n pairs with distinct sources (mixed lengths, as in dev)."""
    seen, unique = set(), []
    for de, en in pairs:
        if de not in seen:
            seen.add(de)
            unique.append((de, en))
    return random.Random(seed).sample(unique, min(n, len(unique)))


def n_words(text: str) -> int:
    return len(text.split())


def sentence_of(sources: list[str], words: int, seed: int) -> str:
    """A single sentence of exactly ``words`` words: a dev sentence of that length if there is
    one (and it is one sentence for the splitter), else dev words run together without
    sentence-ending marks (so the Translator keeps it as one sentence)."""
    from ..engine.segment import split_sentences

    exact = [s for s in sources if n_words(s) == words and len(split_sentences(s)) == 1]
    if exact:
        return random.Random(seed).choice(sorted(exact))
    stream = []
    for s in sources:
        stream.extend(w.rstrip(".!?…") or w for w in s.split())
    while len(stream) < words:
        stream = stream + stream if stream else ["Wort"] * words
    text = " ".join(stream[:words]).rstrip(".!?…,;:")
    return text + "."
