"""ExchangeModel: what a bubble and the heatmap show, built from a Translation or a history
row, and written back to the history (no Qt)."""

from __future__ import annotations

import math

from translator_app.engine.coverage import Loss
from translator_app.engine.result import Alternative, Translation
from translator_app.gui import exchange_model
from translator_app.gui.exchange_model import ExchangeModel

SRC = ["▁Der", "▁Hund", "e", "</s>"]
TGT = ["▁The", "▁do", "g", "</s>"]
ATT = [[0.7, 0.1, 0.1, 0.1], [0.1, 0.5, 0.3, 0.1], [0.1, 0.3, 0.5, 0.1], [0.1, 0.1, 0.1, 0.7]]


def _translation(**kw) -> Translation:
    fields = dict(source="Der Hunde", translation="The dog", source_tokens=SRC, target_tokens=TGT,
                  attention=ATT, token_probs=[0.9, 0.5, 0.2, 0.8],
                  alternatives=[Alternative("The dog", -0.2), Alternative("The dogs", -0.9)],
                  segments=[], src_lang="de", tgt_lang="en", device="cpu", ms=12.5, warnings=["w"])
    fields.update(kw)
    return Translation(**fields)


def test_built_from_a_translation_with_the_engines_confidence():
    t = _translation()
    m = ExchangeModel.from_translation(t, created=100.0)
    assert m.confidence == t.confidence  # computed once, by the engine
    assert math.isclose(m.confidence, (0.9 * 0.5 * 0.2 * 0.8) ** 0.25)
    assert m.shown == "The dog" and m.created == 100.0 and m.device == "cpu"
    assert m.words.source == ["Der", "Hunde", "</s>"] and m.words.target == ["The", "dog", "</s>"]
    assert m.piece_groups() == ([[0], [1, 2], [3]], [[0], [1, 2], [3]])
    assert m.word_probs() == [0.9, 0.2, 0.8] and m.low_words() == {1}


def test_history_round_trip_keeps_what_is_shown():
    m = ExchangeModel.from_translation(_translation(), created=100.0)
    m.shown = "The dogs"  # the user chose an alternative
    row = m.to_history()
    back = ExchangeModel.from_history(m.source, m.shown, "de", "en", 100.0, row)
    assert back.shown == "The dogs" and back.translation == "The dog"
    assert back.alternatives == m.alternatives and back.attention == ATT
    assert back.confidence == m.confidence and back.warnings == ["w"]
    assert back.words == m.words


def test_a_long_matrix_is_shown_but_not_kept(monkeypatch):
    monkeypatch.setattr(exchange_model, "MAX_STORED_ATTENTION_CELLS", 10)
    m = ExchangeModel.from_translation(_translation())
    row = m.to_history()
    assert row["attention"] == [] and row["attention_not_kept"] is True and m.attention == ATT
    back = ExchangeModel.from_history(m.source, "", "de", "en", 0.0, row)
    assert back.attention_not_kept and not back.has_attention and back.shown == "The dog"


def test_an_old_row_without_newer_fields_still_loads():
    back = ExchangeModel.from_history("Hallo", "Hello", "de", "en", 0.0, {"token_probs": [0.25, 1.0]})
    assert back.translation == "Hello" and back.alternatives == [] and not back.has_attention
    assert math.isclose(back.confidence, 0.5)  # the engine's formula, from the stored probabilities
    assert back.words.source == [] and back.piece_groups() == ([], [])



def test_the_view_maps_display_words_to_labels_and_marks_unsure_ones():
    m = ExchangeModel.from_translation(_translation(source="Der\nHunde"))
    v = m.view()
    assert v.shown == "The dog" and v.model is m
    assert v.src_map == [0, None, 1] and v.tgt_map == [0, 1]  # a line break is an item without a label
    assert v.underline == {1}  # "dog": its weakest piece had 0.2
    assert v.word_probs == {0: 0.9, 1: 0.2}
    assert v.confidence_level == "high"  # 0.52, the engine's confidence and level (engine/confidence.py)
    m.origin = "yours"  # your own translation: the model's doubt is not marked on it
    assert m.view().underline == set() and m.view().word_probs == {0: 0.9, 1: 0.2}
    m.origin = "model"
    m.losses = [Loss("dropped", ["Hunde"])]
    assert m.view().confidence_level == "medium"  # a translation that lost a word is never "high"


def test_an_alternatives_view_has_no_word_mapping():
    m = ExchangeModel.from_translation(_translation())
    v = m.view("The big dogs")
    assert v.shown == "The big dogs" and v.tgt_map == [None, None, None]
    assert v.underline == set() and v.word_probs == {}
    assert v.src_map == [0, 1]  # the source is still the one the attention is about
    assert v.hover_source(1) == ({1}, {1})  # "dog" attended "Hunde", but is not on screen:
    assert v.strengths({1}, {1}) == ({1: 0.8}, {})  # only the source word lights up
    assert m.shown == "The dog"  # view() only reads; choosing is the widget's step
    assert m.view().tgt_map == [0, 1]


def test_a_hover_names_the_attended_labels_and_their_strengths():
    m = ExchangeModel.from_translation(_translation())
    v = m.view()
    # "dog" (target label 1) attends "Hunde" (source label 1): 0.5+0.3 and 0.3+0.5, averaged
    targets, sources = v.hover_target(1)
    assert targets == {1} and sources == {1}
    src, tgt = v.strengths(targets, sources)
    assert math.isclose(src[1], 0.8) and math.isclose(tgt[1], 0.8) and set(src) == set(tgt) == {1}
    targets, sources = v.hover_source(0)  # "Der": "The" attends it most
    assert sources == {0} and targets == {0}
    assert v.hover_target(-1) == (set(), set()) and v.hover_source(99) == (set(), set())
    # a label with nothing on the other side is shown at full strength
    assert v.strengths({0}, set()) == ({}, {0: 1.0})
    assert v.strengths(set(), set()) == ({}, {})


def test_a_view_without_attention_maps_nothing():
    back = ExchangeModel.from_history("Hallo Welt", "Hello world", "de", "en", 0.0, {"token_probs": [0.25, 1.0]})
    v = back.view()
    assert v.src_map == [None, None] and v.tgt_map == [None, None]
    assert v.hover_source(0) == (set(), set()) and v.strengths(set(), set()) == ({}, {})


def test_the_engines_losses_mark_source_words_and_survive_the_history():
    from translator_app.engine.coverage import Loss

    from translator_app.engine.result import Segment

    segment = Segment("Ich habe heute keine Zeit.", "I have no time time.", SRC, TGT, ATT, [0.9] * 4,
                      losses=[Loss("dropped", ["heute"]), Loss("repeated", ["Zeit"])])
    t = _translation(source="Ich habe heute keine Zeit.", translation="I have no time time.", segments=[segment])
    m = ExchangeModel.from_translation(t)
    assert m.view().source_marks == {2: "dropped", 4: "repeated"}  # "Zeit." is the word "Zeit"
    back = ExchangeModel.from_history(m.source, "", "de", "en", 0.0, m.to_history())
    assert back.losses == m.losses and back.view().source_marks == {2: "dropped", 4: "repeated"}


def test_an_old_row_is_judged_by_the_engines_rule():
    # stored before the engine judged losses: "Hunde" gets nothing from "The cat"
    row = {"translation": "The cat", "source_tokens": SRC, "target_tokens": ["▁The", "▁cat"],
           "attention": [[0.9, 0.0, 0.0, 0.1], [0.8, 0.0, 0.0, 0.2]], "token_probs": [0.9, 0.9]}
    back = ExchangeModel.from_history("Der Hunde", "", "de", "en", 0.0, row)
    assert [l.to_json() for l in back.losses] == [{"kind": "dropped", "source_words": ["Hunde"]}]
    assert back.view().source_marks == {1: "dropped"}
    assert back.coverage().untranslated == [1]  # the heatmap flags the same word


def test_a_dictionary_answer_is_not_flagged_as_dropping_words():
    # the forced-decoding matrix of a human translation can leave a source word unattended
    att = [[0.9, 0.0, 0.0, 0.1], [0.8, 0.0, 0.0, 0.2]]
    model_answer = ExchangeModel.from_translation(_translation(translation="The cat", target_tokens=["▁The", "▁cat"],
                                                               attention=att, token_probs=[0.9, 0.9]))
    assert model_answer.coverage().untranslated == [1]
    dictionary = ExchangeModel.from_translation(_translation(translation="The cat", target_tokens=["▁The", "▁cat"],
                                                             attention=att, token_probs=[0.9, 0.9],
                                                             origin="dictionary"))
    assert dictionary.coverage().untranslated == [] and dictionary.view().source_marks == {}
