"""The confidence of a model translation, and its level (high / medium / low). No torch.

score = geometric mean of the token probabilities x n-best agreement, where the agreement
is the mean chrF (/100) of the next hypotheses of the beam against the best one: a model
that is sure of its tokens but could as well have said something else is not sure of the
sentence. tests/benchmarks/confidence.py measured it against sentence chrF on the dev parts
(README, "Confidence"): it tracks quality better than the geometric mean alone, the score
before it. A dictionary answer is not the model's, so it has none (Translation.confidence).
"""

from __future__ import annotations

import math

AGREEMENT_N = 5  # hypotheses compared (the best and 4 more; as measured), at most the beam

# Lower bounds of "high" and "medium": the dev parts' upper and lower quartiles of the score
# (tests/benchmarks/confidence.py, 900 sentences: 0.460/0.254 into English, 0.456/0.263 into
# German, so one pair serves both): "low" marks about as many as the worst quarter by chrF.
HIGH, MEDIUM = 0.46, 0.26


def search_n_best(beam: int, n_best: int) -> int:
    """How many hypotheses to keep from the search: the ones asked for, and enough to
    measure the agreement. The beam search finds ``beam`` finished ones anyway, so this
    costs only their post-editing (measured in the README)."""
    return min(beam, max(n_best, AGREEMENT_N))


def geometric_mean(probs: list[float]) -> float:
    """exp(mean log p) over the tokens, in [0, 1]; 1.0 for none."""
    if not probs:
        return 1.0
    return math.exp(sum(math.log(max(p, 1e-12)) for p in probs) / len(probs))


def agreement(texts: list[str]) -> float | None:
    """Mean chrF / 100 of texts[1:AGREEMENT_N] against texts[0]; None for fewer than two
    (greedy search, a single hypothesis: nothing to compare)."""
    from sacrebleu.metrics import CHRF

    best, others = (texts[0], texts[1:AGREEMENT_N]) if texts else ("", [])
    if not others:
        return None
    chrf = CHRF()
    return sum(1.0 if t == best else chrf.sentence_score(t, [best]).score / 100 for t in others) / len(others)


def segments_agreement(segments) -> float | None:
    """Several Segments' agreements as one, weighted by their token counts; None when no
    segment has one."""
    known = [(len(s.token_probs), s.agreement) for s in segments if s.source and s.agreement is not None]
    weight = sum(n for n, _ in known)
    if not known:
        return None
    return sum(n * a for n, a in known) / weight if weight else sum(a for _, a in known) / len(known)


def score(probs: list[float], agreement_value: float | None) -> float:
    """The confidence in [0, 1]. Without an agreement (beam 1) it is the geometric mean
    alone, which reads higher."""
    geo = geometric_mean(probs)
    return geo if agreement_value is None else geo * agreement_value


def level(value: float, words_lost: bool = False) -> str:
    """"high", "medium" or "low" for a score (HIGH, MEDIUM). A translation with a word
    dropped or left untranslated (``words_lost``: coverage.py warned) is never "high": its
    words may each be likely, but it does not say all of the source."""
    if value >= HIGH:
        return "medium" if words_lost else "high"
    if value >= MEDIUM:
        return "medium"
    return "low"
