"""Words lost to a guess (coverage.guessed): attended, but rendered by an unlikely word that
the beam's other hypotheses mostly do not say ("Achtung" -> "eight"); and a repair joined
from pieces keeps the words its pieces dropped (repair.join)."""

from __future__ import annotations

from translator_app.engine import coverage, repair
from translator_app.engine.coverage import Loss
from translator_app.engine.result import Alternative, Segment

SRC = ["▁Achtung", "▁der", "▁Zug", "</s>"]
TGT = ["▁eight", "▁the", "▁train", "</s>"]
ATT = [[0.85, 0.05, 0.05, 0.05], [0.1, 0.8, 0.05, 0.05], [0.05, 0.05, 0.85, 0.05], [0.05, 0.05, 0.05, 0.85]]


def _guessed(probs, others, translation="eight the train"):
    return coverage.guessed(SRC, TGT, ATT, probs, others, translation, "de")


def test_an_unlikely_word_the_other_hypotheses_do_not_say_loses_its_source_word():
    others = ["Attention: the train", "told: the train", "Caution, the train"]
    assert _guessed([0.04, 0.6, 0.8, 0.9], others) == ("Achtung",)
    losses = coverage.find_losses(SRC, TGT, ATT, "Achtung der Zug", "eight the train", "de",
                                  _guessed([0.04, 0.6, 0.8, 0.9], others))
    assert losses == [Loss("dropped", ["Achtung"])]


def test_no_guess_where_the_word_is_likely_shared_or_there_is_nothing_to_compare():
    others = ["Attention: the train", "told: the train", "Caution, the train"]
    assert _guessed([0.5, 0.6, 0.8, 0.9], others) == ()  # likely enough
    assert _guessed([0.07, 0.6, 0.8, 0.9], ["eight: the train", "eight, the train", "told"]) == ()  # most say it
    # under BARELY_ABOVE it is a guess however many say it ("Hinweis:" -> "Furry:" at 3 %)
    assert _guessed([0.04, 0.6, 0.8, 0.9], ["eight: the train", "eight, the train", "told"]) == ("Achtung",)
    assert _guessed([0.04, 0.6, 0.8, 0.9], []) == ()  # beam 1: no other hypothesis
    # an unlikely function word ("the", attending the content word "Zug") is no guess
    att = [ATT[0], [0.05, 0.05, 0.85, 0.05], ATT[2], ATT[3]]
    assert coverage.guessed(SRC, TGT, att, [0.6, 0.02, 0.8, 0.9], others, "eight the train", "de") == ()
    # a word the output has as written (a copied name) is never lost
    assert _guessed([0.04, 0.6, 0.8, 0.9], others, translation="Achtung the train") == ()


def test_a_joined_repair_keeps_the_words_its_pieces_dropped():
    first = Segment("Achtung", "eight", ["▁Achtung", "</s>"], ["▁eight", "</s>"], [[0.9, 0.1], [0.1, 0.9]],
                    [0.04, 0.9], [Alternative("eight", -1.0)], losses=[Loss("dropped", ["Achtung"])])
    second = Segment("der Zug fährt ab", "the train leaves", ["▁der", "▁Zug", "▁fährt", "▁ab", "</s>"],
                     ["▁the", "▁train", "▁leaves", "</s>"],
                     [[0.7, 0.1, 0.1, 0.05, 0.05], [0.1, 0.7, 0.1, 0.05, 0.05], [0.05, 0.05, 0.5, 0.35, 0.05],
                      [0.05, 0.05, 0.05, 0.05, 0.8]], [0.8, 0.9, 0.7, 0.9], [Alternative("the train leaves", -0.3)])
    chunk = "Achtung: der Zug fährt ab"
    parts = repair.pieces(chunk)
    assert parts == [("Achtung", True), (": ", False), ("der Zug fährt ab", True)]
    joined = repair.join(chunk, parts, {"Achtung": first, "der Zug fährt ab": second}, "de")
    assert joined.translation == "eight: the train leaves"
    assert coverage.dropped_words(joined.losses) == 1 and joined.losses[0].source_words == ["Achtung"]


def test_where_the_dictionary_translation_is_missing_a_fairly_unsure_word_is_a_guess():
    # "eight" at 15 %, said by most of the beam: no guess by the beam's rule ...
    probs, others = [0.15, 0.6, 0.8, 0.9], ["eight: the train", "eight, the train", "told"]
    assert _guessed(probs, others) == ()
    # ... but the dictionary translates "Achtung" and the output has none of its words
    missing = lambda word: word == "Achtung"
    assert coverage.guessed(SRC, TGT, ATT, probs, others, "eight the train", "de", missing) == ("Achtung",)
    # at 30 % it stands
    assert coverage.guessed(SRC, TGT, ATT, [0.3, 0.6, 0.8, 0.9], others, "eight the train", "de", missing) == ()
