"""The shipped confidence (engine/confidence.py): geometric mean x n-best agreement, its
levels per target language, and no model confidence for a dictionary answer."""

from __future__ import annotations

import math

import pytest

from translator_app.engine import confidence
from translator_app.engine.config import DecodeConfig
from translator_app.engine.result import Segment, Translation


def _translation(probs, alternatives=None, origin="model", agreement=None) -> Translation:
    return Translation(source="s", translation="t", source_tokens=[], target_tokens=[], attention=[],
                       token_probs=probs, alternatives=[], segments=[], src_lang="de", tgt_lang="en",
                       device="cpu", ms=0.0, origin=origin,
                       agreement=confidence.agreement(alternatives) if alternatives else agreement)


def test_the_score_orders_made_up_hypotheses():
    sure_agreeing = _translation([0.9, 0.8, 0.9], ["I have no time today.", "I have no time today!",
                                                   "I have no time today."])
    # "time time": every token sure, but the beam's other hypotheses say something else
    sure_disagreeing = _translation([0.9, 0.8, 0.9], ["I don't have time time today.", "Today I am busy.",
                                                      "No, never."])
    unsure_agreeing = _translation([0.3, 0.2, 0.4], ["The house.", "The house.", "The house!"])
    scores = [t.confidence for t in (sure_agreeing, sure_disagreeing, unsure_agreeing)]
    assert scores[0] > scores[1] and scores[0] > scores[2]
    # the geometric mean alone (the score before) could not tell the first two apart
    assert math.isclose(confidence.geometric_mean(sure_agreeing.token_probs),
                        confidence.geometric_mean(sure_disagreeing.token_probs))
    assert math.isclose(sure_disagreeing.confidence,
                        confidence.geometric_mean([0.9, 0.8, 0.9]) * sure_disagreeing.agreement)


def test_agreement_needs_two_hypotheses_and_reads_only_the_first_few():
    assert confidence.agreement([]) is None and confidence.agreement(["only one"]) is None
    assert confidence.agreement(["same", "same"]) == 1.0
    far = ["a b c"] * confidence.AGREEMENT_N + ["completely different"] * 3
    assert confidence.agreement(far) == 1.0  # those past AGREEMENT_N are not compared
    assert 0.0 <= confidence.agreement(["Good morning.", "Morning."]) < 1.0
    # without one (beam 1) the score is the geometric mean alone
    assert math.isclose(confidence.score([0.25, 1.0], None), 0.5)


def test_segments_agreement_is_weighted_by_tokens():
    long = Segment("a", "a", [], [], [], [0.9] * 9, agreement=1.0)
    short = Segment("b", "b", [], [], [], [0.9], agreement=0.0)
    greedy = Segment("c", "c", [], [], [], [0.9] * 5)  # no agreement: left out
    assert math.isclose(confidence.segments_agreement([long, short, greedy]), 0.9)
    assert confidence.segments_agreement([greedy]) is None


def test_the_levels_map_scores_at_their_bounds():
    assert confidence.MEDIUM < confidence.HIGH
    assert confidence.level(confidence.HIGH) == "high" and confidence.level(1.0) == "high"
    assert confidence.level(confidence.HIGH - 1e-6) == "medium"
    assert confidence.level(confidence.MEDIUM) == "medium"
    assert confidence.level(confidence.MEDIUM - 1e-6) == "low" and confidence.level(0.0) == "low"
    assert confidence.level(1.0, words_lost=True) == "medium"  # a warned loss is never "high"
    assert confidence.level(confidence.MEDIUM - 1e-6, words_lost=True) == "low"
    # "time time" (issue 24): sure tokens, but an n-best that disagrees is no longer "high"
    time_time = _translation([0.9, 0.8, 0.9, 0.7], ["I don't have time time today.", "I have no time today.",
                                                    "Today I have no time.", "No time today."])
    assert confidence.level(confidence.geometric_mean(time_time.token_probs)) == "high"
    assert confidence.level(time_time.confidence) != "high"


def test_a_dictionary_answer_has_no_model_confidence():
    answer = _translation([0.01, 0.02], origin="dictionary")
    assert answer.confidence is None
    assert _translation([0.01, 0.02]).confidence == pytest.approx(math.sqrt(0.01 * 0.02))


def test_the_search_keeps_enough_hypotheses_for_the_agreement():
    assert confidence.search_n_best(beam=5, n_best=1) == min(5, confidence.AGREEMENT_N)
    assert confidence.search_n_best(beam=1, n_best=1) == 1
    assert confidence.search_n_best(beam=8, n_best=8) == 8


def test_a_real_translation_has_the_same_confidence_whatever_n_best_shows(tiny_translator):
    text = "Guten Morgen. Ich habe heute keine Zeit."
    one = tiny_translator.translate(text, "de", "en", DecodeConfig(beam=5, n_best=1))
    three = tiny_translator.translate(text, "de", "en", DecodeConfig(beam=5, n_best=3))
    assert len(one.alternatives) == 1 and all(len(s.alternatives) == 1 for s in one.segments if s.source)
    assert all(len(s.alternatives) <= 3 for s in three.segments)
    assert one.agreement is not None and 0.0 <= one.agreement <= 1.0
    assert one.confidence == pytest.approx(three.confidence)
    assert one.confidence == pytest.approx(confidence.geometric_mean(one.token_probs) * one.agreement)
    greedy = tiny_translator.translate(text, "de", "en", DecodeConfig(beam=1, n_best=1))
    assert greedy.agreement is None
    assert greedy.confidence == pytest.approx(confidence.geometric_mean(greedy.token_probs))
