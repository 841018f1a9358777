"""Your translations in the window (issue 25, part 2): correcting a translation in place,
answers from your memory, and similar sentences. A real (tiny) model in the worker thread,
offscreen; the memory and the history live in the test's profile (conftest.isolated_profile)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from translator_app.engine.result import Alternative, Credit, Similar, Translation
from translator_app.gui.bubbles import ExchangeWidget
from translator_app.gui.exchange_model import ExchangeModel
from translator_app.gui.history import HistoryStore
from translator_app.tm.store import MemoryStore

pytestmark = pytest.mark.timeout(180)

CORRECTED = "Good morning to all of you"


def _send(qtbot, w, text: str) -> ExchangeWidget:
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        w.send()
    ex = blocker.args[0]
    qtbot.waitUntil(ex.isVisible, timeout=5_000)  # the conversation's layout shows it at its next pass
    return ex


def _type_in_editor(qtbot, ex: ExchangeWidget, text: str, key=Qt.Key.Key_Return) -> None:
    assert ex.editor is not None and ex.editor.isVisible() and not ex.target_flow.isVisible()
    ex.editor.selectAll()
    qtbot.keyClicks(ex.editor, text)
    qtbot.keyClick(ex.editor, key)


def _scored(qtbot, ex: ExchangeWidget) -> None:
    qtbot.waitUntil(lambda: ex.model.has_attention, timeout=30_000)


def test_double_click_edits_and_enter_saves_everywhere(qtbot, make_window, isolated_profile):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    machine = ex.model.translation
    assert CORRECTED != machine
    qtbot.mouseDClick(ex.target_flow, Qt.MouseButton.LeftButton)
    assert ex.editor.toPlainText() == machine  # the editor starts from the shown text
    _type_in_editor(qtbot, ex, CORRECTED)
    # the bubble: your text, marked, the machine's answer among the alternatives
    assert ex.editor is None and ex.target_flow.isVisible()
    assert ex.target_flow.text == CORRECTED and ex.shown == CORRECTED
    assert "your translation" in ex.translation_meta.text()
    assert ex.confidence.text() == "no model confidence"  # the model's confidence was in its own answer
    assert ex.model.origin == "yours" and ex.model.model_translation == machine
    assert [b.text() for b in ex.alt_buttons][:2] == [CORRECTED, machine]
    assert ex.alt_box.layout().count() == len(ex.alt_buttons) == len(ex.model.alternatives)  # old rows gone at once
    assert ex.alt_button.isEnabled()
    # your memory
    entries = MemoryStore(isolated_profile / "memory.sqlite3").entries()
    assert [(e.source, e.target, e.src_lang, e.tgt_lang) for e in entries] == [("Guten Morgen.", CORRECTED, "de", "en")]
    # the heatmap: the model's forced decoding of your text
    _scored(qtbot, ex)
    assert "".join(ex.model.target_tokens).replace("▁", " ").replace("</s>", "").strip() == CORRECTED
    w.panel.set_level("piece")
    assert w.panel.matrix_shape() == (len(ex.model.target_tokens), len(ex.model.source_tokens))
    assert ex.view.tgt_map and any(label is not None for label in ex.view.tgt_map)  # hover maps your words
    assert "score –" not in " ".join(b.score_label.text() for b in ex.alt_buttons)  # scored: a number
    # the history keeps both
    row = w.store.all()[-1]
    assert row.translation == CORRECTED and row.model_translation == machine
    assert row.result["origin"] == "yours" and row.result["attention"]


def test_edit_button_then_escape_changes_nothing(qtbot, make_window, isolated_profile):
    w = make_window()
    ex = _send(qtbot, w, "Der Hund spielt im Garten.")
    machine = ex.shown
    before = w.store.all()[-1]
    qtbot.mouseClick(ex.edit_button, Qt.MouseButton.LeftButton)
    assert ex.editor is not None and not ex.edit_button.isEnabled()
    _type_in_editor(qtbot, ex, "Something else entirely", key=Qt.Key.Key_Escape)
    assert ex.editor is None and ex.edit_button.isEnabled()
    assert ex.shown == machine and ex.model.origin == "model" and "your translation" not in ex.translation_meta.text()
    assert not (isolated_profile / "memory.sqlite3").exists() or MemoryStore(isolated_profile / "memory.sqlite3").count() == 0
    after = w.store.all()[-1]
    assert (after.translation, after.model_translation) == (before.translation, "")
    assert not w.service.running  # Esc in the editor did not reach the window's cancel


def test_f2_edits_the_selected_translation(qtbot, make_window):
    w = make_window()
    first = _send(qtbot, w, "Guten Morgen.")
    _send(qtbot, w, "Der Hund spielt im Garten.")
    w.conversation.select(first)
    w.activateWindow()  # a window shortcut: under xcb the window must be the active one
    w.input.edit.setFocus()
    qtbot.waitUntil(w.input.edit.hasFocus, timeout=2000)
    qtbot.keyClick(w.input.edit, Qt.Key.Key_F2)  # works while the input has the focus
    assert first.editor is not None
    qtbot.waitUntil(first.editor.hasFocus, timeout=2000)
    assert w.input.text() == ""  # and types nothing
    assert ("Edit the selected translation", "F2") in w.shortcut_rows()


def test_shift_enter_breaks_the_line_and_an_unchanged_text_is_no_correction(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    ex.start_edit()
    ex.editor.selectAll()
    qtbot.keyClicks(ex.editor, "Line one")
    qtbot.keyClick(ex.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(ex.editor, "line two")
    assert ex.editor.toPlainText() == "Line one\nline two"
    qtbot.keyClick(ex.editor, Qt.Key.Key_Return)
    assert ex.shown == "Line one\nline two" and ex.model.origin == "yours"
    ex.start_edit()
    qtbot.keyClick(ex.editor, Qt.Key.Key_Return)  # saved as it was: nothing new
    assert [b.text() for b in ex.alt_buttons].count("Line one\nline two") == 1


def test_a_correction_survives_a_restart_and_answers_from_your_memory(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    machine = ex.shown
    ex.start_edit()
    _type_in_editor(qtbot, ex, CORRECTED)
    _scored(qtbot, ex)
    shape = (len(ex.model.target_tokens), len(ex.model.source_tokens))
    w.close()
    again = make_window()
    qtbot.waitUntil(lambda: bool(again.conversation.exchanges), timeout=10_000)
    restored = again.conversation.exchanges[-1]
    assert restored.shown == CORRECTED and restored.model.origin == "yours"
    assert "your translation" in restored.translation_meta.text()
    assert machine in [b.text() for b in restored.alt_buttons]
    assert (len(restored.model.target_tokens), len(restored.model.source_tokens)) == shape
    # the same input again (any case, spacing, end punctuation): your memory answers
    answer = _send(qtbot, again, "guten  morgen")
    assert answer.model.origin == "memory" and answer.shown == CORRECTED
    assert "from your memory" in answer.translation_meta.text()
    assert answer.model.has_attention and answer.confidence.text() == "no model confidence"
    alts = [a.translation for a in answer.model.alternatives]
    assert alts[0] == CORRECTED and len(alts) >= 2  # the model's own output stays behind it


def test_a_similar_sentence_is_shown_and_one_click_uses_it(qtbot, make_window, isolated_profile):
    MemoryStore(isolated_profile / "memory.sqlite3").add("Ich habe heute keine Zeit.", "I have no time today.", "de", "en")
    w = make_window()
    ex = _send(qtbot, w, "Ich habe morgen keine Zeit.")
    assert ex.model.origin == "model" and ex.model.similar
    assert ex.similar_box.isVisible() and len(ex.similar_buttons) == 1
    item = ex.similar_buttons[0]
    assert item.text() == "similar: Ich habe heute keine Zeit. → I have no time today."
    assert '<u style="color:#d55e00">heute</u>' in item.label.text()  # the differing word is marked
    assert item.score_label.text() == "80%"
    machine = ex.shown
    qtbot.mouseClick(item, Qt.MouseButton.LeftButton)
    assert ex.shown == "I have no time today." and ex.model.origin == "similar"
    assert "from a similar sentence (80%)" in ex.translation_meta.text()
    assert ex.similar_buttons[0].isChecked()
    assert machine in [b.text() for b in ex.alt_buttons]
    assert MemoryStore(isolated_profile / "memory.sqlite3").count() == 1  # a suggestion is not a correction
    _scored(qtbot, ex)
    row = w.store.all()[-1]
    assert (row.translation, row.model_translation, row.result["origin"]) == ("I have no time today.", machine, "similar")
    assert row.result["similar"][0]["differing"] == [2]


def _widget(origin: str, similar=(), credit=None) -> ExchangeWidget:
    t = Translation(source="Ich habe morgen keine Zeit.", translation="I have no time tomorrow.",
                    source_tokens=[], target_tokens=[], attention=[], token_probs=[],
                    alternatives=[Alternative("I have no time tomorrow.", -0.3)], segments=[],
                    src_lang="de", tgt_lang="en", device="cpu", ms=5.0, origin=origin, similar=tuple(similar),
                    credit=credit)
    return ExchangeWidget(ExchangeModel.from_translation(t))


TATOEBA = Credit("tatoeba", "Tatoeba", "CC-BY 2.0 FR")
LABELS = ("from your memory", "from the dictionary", "from the example sentences (Tatoeba, CC-BY 2.0 FR)",
          "your translation", "similar sentence")


@pytest.mark.parametrize("origin, label", [("memory", LABELS[0]), ("dictionary", LABELS[1]),
                                           ("example", LABELS[2]), ("model", None)])
def test_the_meta_line_says_where_the_answer_came_from(qtbot, origin, label):
    ex = _widget(origin, credit=TATOEBA if origin == "example" else None)
    qtbot.addWidget(ex)
    meta = ex.translation_meta.text()
    for other in LABELS:
        assert (other in meta) == (other == label)


def test_an_example_sentence_is_answered_in_the_window_and_kept_in_the_history(qtbot, make_window, monkeypatch):
    from translator_app.dictionary import examples

    examples.Examples.open().close()     # the card (or `lookup --examples`) built the index
    monkeypatch.setattr(examples, "BUILT", examples.BuiltIndex())
    w = make_window()
    ex = _send(qtbot, w, "Wo ist der Bahnhof?")     # the worker's path: tm/answer.translate_many
    assert (ex.model.origin, ex.shown, ex.model.credit) == ("example", "Where is the station?", TATOEBA)
    assert "from the example sentences (Tatoeba, CC-BY 2.0 FR)" in ex.translation_meta.text()
    assert ex.confidence.text() == "no model confidence" and ex.model.has_attention
    assert not ex.similar_buttons       # an answer, not a similar row
    assert len(ex.model.alternatives) >= 2   # the model's own output stays behind it
    w.close()
    again = make_window()
    qtbot.waitUntil(lambda: bool(again.conversation.exchanges), timeout=10_000)
    restored = again.conversation.exchanges[-1]
    assert (restored.model.origin, restored.model.credit) == ("example", TATOEBA)
    assert "from the example sentences (Tatoeba, CC-BY 2.0 FR)" in restored.translation_meta.text()
    examples.BUILT.get().close()


def test_at_most_three_similar_rows_and_none_without_matches(qtbot):
    sims = [Similar(f"Ich habe {w} keine Zeit.", f"I have no time {w}.", 0.8, "memory", (2,)) for w in "abcd"]
    ex = _widget("model", sims)
    qtbot.addWidget(ex)
    ex.show()
    assert [b.text().split(" → ")[0] for b in ex.similar_buttons] == [f"similar: Ich habe {w} keine Zeit." for w in "abc"]
    plain = _widget("model")
    qtbot.addWidget(plain)
    plain.show()
    assert plain.similar_buttons == [] and not plain.similar_box.isVisible()


def test_a_replaced_answer_round_trips_through_the_history(tmp_path):
    sim = Similar("Ich habe heute keine Zeit.", "I have no time today.", 0.8, "memory", (2,), entry_id=7)
    t = Translation(source="Ich habe morgen keine Zeit.", translation="I have no time tomorrow.",
                    source_tokens=["▁Ich", "</s>"], target_tokens=["▁I", "</s>"], attention=[[0.9, 0.1], [0.2, 0.8]],
                    token_probs=[0.5, 0.9], alternatives=[Alternative("I have no time tomorrow.", -0.3)],
                    segments=[], src_lang="de", tgt_lang="en", device="cpu", ms=5.0, similar=(sim,))
    model = ExchangeModel.from_translation(t)
    model.replace_translation("I have no time today.", "similar", 0.8)
    assert model.scoring and not model.has_attention  # the old matrix described the old text
    store = HistoryStore(tmp_path / "h.sqlite3")
    rid = store.add("de", "en", model.source, model.shown, model.to_history())
    store.set_correction(rid, model.shown, model.model_translation, model.to_history())
    store.close()
    row = HistoryStore(tmp_path / "h.sqlite3").all()[0]
    back = ExchangeModel.from_history(row.source, row.translation, row.src_lang, row.tgt_lang, row.created, row.result)
    assert (back.origin, back.match, back.model_translation) == ("similar", 0.8, "I have no time tomorrow.")
    assert back.similar == [sim]
    assert [a.translation for a in back.alternatives] == ["I have no time today.", "I have no time tomorrow."]
    assert back.alternatives[0].score != back.alternatives[0].score  # NaN: not scored yet, not 0
    assert back.wants_score and not back.scoring  # the window asks for the score again


def test_the_bubble_speaks_german(qtbot, qapp):
    """The new strings are in the compiled German catalogue, under the contexts tr() uses
    (AnswerEditing is a mixin: its strings are ExchangeWidget's)."""
    from translator_app.gui import i18n

    i18n.install(qapp, "de")
    try:
        sim = Similar("Ich habe heute keine Zeit.", "I have no time today.", 0.8, "memory", (2,))
        ex = _widget("memory", [sim])
        qtbot.addWidget(ex)
        assert "aus Ihrem Übersetzungsspeicher" in ex.translation_meta.text()
        assert ex.edit_button.text() == "Bearbeiten"
        assert ex.similar_buttons[0].text().startswith("ähnlich: ")
        ex.use_similar(sim)
        assert "aus einem ähnlichen Satz (80%)" in ex.translation_meta.text()
        ex.start_edit()
        assert ex.editor.accessibleName() == "Ihre Übersetzung"
    finally:
        i18n.install(qapp, "en")


def test_a_restored_correction_is_scored_again_or_says_why_not(qtbot, make_window, isolated_profile, tmp_path):
    """A correction saved before its score came back: the next window asks the model again;
    with no model to ask, the panel stops promising a heatmap."""
    model = ExchangeModel.from_history("Guten Morgen.", "Hello there", "de", "en", 100.0,
                                       {"translation": "Good morning.", "alternatives": [
                                           {"translation": "Good morning.", "score": -0.2}]})
    model.replace_translation("Morning, all!", "yours")
    store = HistoryStore.in_dir(isolated_profile)
    rid = store.add("de", "en", model.source, model.shown, model.to_history())
    store.set_correction(rid, model.shown, model.model_translation, model.to_history())
    store.close()
    w = make_window()
    qtbot.waitUntil(lambda: bool(w.conversation.exchanges), timeout=10_000)
    ex = w.conversation.exchanges[-1]
    _scored(qtbot, ex)
    assert not ex.model.scoring and ex.model.target_tokens and w.store.all()[-1].result["attention"]
    w.close()
    store = HistoryStore.in_dir(isolated_profile)  # the same row, now scored: drop its matrix again
    row = store.all()[-1]
    store.set_correction(row.id, row.translation, row.model_translation, dict(row.result, attention=[]))
    store.close()
    again = make_window(model_path=tmp_path / "no-such-model", wait_ready=False)
    qtbot.waitUntil(lambda: bool(again.conversation.exchanges) and bool(again.conversation.errors()), timeout=30_000)
    ex = again.conversation.exchanges[-1]
    assert ex.shown == "Morning, all!" and ex.model.wants_score
    qtbot.waitUntil(lambda: not ex.model.scoring, timeout=10_000)  # the score failed: no heatmap is coming


@pytest.mark.parametrize("width", [600, 400, 300])
def test_the_example_answers_meta_line_is_never_cut(qtbot, width):
    """The credit made the meta line wrap inside a bubble as narrow as its buttons, and the
    bubble's height, taken at the exchange's width, cut the second line (1200 x 800, Xvfb)."""
    from translator_app.gui.conversation import ConversationView

    view = ConversationView()
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    ex = view.add_exchange(_widget("example", credit=TATOEBA))
    qtbot.waitUntil(ex.isVisible)
    qtbot.wait(50)
    meta = ex.translation_meta
    assert meta.height() >= meta.heightForWidth(meta.width()) > 0
    assert ex.translation_bubble.width() <= view.viewport().width()
