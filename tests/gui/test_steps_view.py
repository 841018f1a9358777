"""The attention panel's Steps view (issue 26): the slider, ← / → and play step through the
recorded search of a real (tiny) model; the heatmap grows a row per step; the chosen
candidate is highlighted; the n-best list says where each alternative split off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from translator_app.engine.config import DecodeConfig
from translator_app.engine.tokenizer import EOS
from translator_app.gui.attention_panel import AttentionPanel
from translator_app.gui.exchange_model import ExchangeModel
from translator_app.gui.steps_view import StepsView, prefix, words

pytestmark = pytest.mark.timeout(180)
TEXT = "Die Straße wird gerade ausgebessert."


@pytest.fixture(scope="module")
def traced(tiny_translator):
    cfg = DecodeConfig(beam=4, n_best=3, trace=True, repair=False)
    return tiny_translator.translate(TEXT, "de", "en", cfg)


def _view(qtbot, traced) -> StepsView:
    view = StepsView()
    qtbot.addWidget(view)
    view.resize(800, 420)
    view.show()
    view.show_model(ExchangeModel.from_translation(traced))
    return view


def _chosen(view):
    return [label for label, _, chosen in view.bars.rows if chosen]


def test_keys_and_slider_step_through_and_the_heatmap_grows(qtbot, traced):
    view = _view(qtbot, traced)
    trace = traced.traces[0]
    best = trace.finals()[0]
    n = len(best.path)
    assert view.slider.maximum() == n - 1 and view.step == n - 1  # opens at the finished sentence
    assert view.heatmap.rows_shown == n and len(view.heatmap.matrix.target) == n
    assert view.heatmap.matrix.source == trace.source_tokens
    assert _chosen(view) == ["</s>"]  # the last step chose the end
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.step == 0 and view.heatmap.rows_shown == 1
    assert view.cand_title.text() == "First token"
    first = trace.steps[0].hyps[0]
    assert [label for label, _, _ in view.bars.rows][:len(first.candidates)] == [c.piece for c in first.candidates]
    assert _chosen(view) == [trace.steps[1].hyps[best.path[1]].piece]
    for t in range(1, n):
        qtbot.keyClick(view, Qt.Key.Key_Right)
        assert view.step == t and view.heatmap.rows_shown == t + 1
        assert len(_chosen(view)) == 1
        assert words(prefix(trace, t, best.path[t]))[-40:] in view.cand_title.text()
        assert view.step_label.text() == f"Step {t + 1} of {n}"
    qtbot.keyClick(view, Qt.Key.Key_Right)  # past the end: stays
    assert view.step == n - 1
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.step == n - 2 and view.heatmap.rows_shown == n - 1
    view.slider.setValue(1)
    assert view.heatmap.rows_shown == 2
    alive = trace.steps[1].hyps
    assert view.alive.text().count("<br>") == len(alive) - 1


def test_play_runs_to_the_end_and_stops(qtbot, traced):
    view = _view(qtbot, traced)
    view.timer.setInterval(5)
    assert view.play_button.text() == "Play"
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)  # at the end: starts again from 0
    assert view.play_button.isChecked() and view.play_button.text() == "Pause"
    seen = []
    view.slider.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: not view.play_button.isChecked(), timeout=5000)
    assert view.step == view.slider.maximum()
    assert seen == list(range(1, view.slider.maximum() + 1))  # every step, in order
    assert view.play_button.text() == "Play"


def test_the_nbest_list_shows_where_each_alternative_split_off(qtbot, traced):
    view = _view(qtbot, traced)
    finals = traced.traces[0].finals()
    assert view.nbest.count() == len(finals) >= 2
    assert "split off" not in view.nbest.item(0).text()
    for rank in range(1, len(finals)):
        assert f"split off at step {finals[rank].split_step + 1}" in view.nbest.item(rank).text()
    view.nbest.setCurrentRow(1)  # follow the second: its path, its rows
    assert view.follow == 1 and view.path == finals[1].path
    assert view.chosen[-1] == EOS and view.chosen[:-1] == finals[1].ids
    split = finals[1].split_step
    view.slider.setValue(split)
    assert _chosen(view) == [view.heatmap.matrix.target[split]]


def test_the_panel_switches_to_steps_and_back(qtbot, traced):
    panel = AttentionPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    model = ExchangeModel.from_translation(traced)
    panel.show_exchange(model)
    qtbot.mouseClick(panel.steps_button, Qt.MouseButton.LeftButton)
    assert panel.pages.currentWidget() is panel.steps and panel.steps.trace is traced.traces[0]
    assert not panel.word_button.isEnabled() and panel.needed_width() > 0
    panel.show_exchange(None)
    assert panel.steps.empty.isVisible() and not panel.steps.slider.isVisible()
    qtbot.mouseClick(panel.steps_button, Qt.MouseButton.LeftButton)
    assert panel.pages.currentIndex() == 0 and panel.word_button.isEnabled()


def test_the_window_asks_the_worker_for_the_trace(qtbot, make_window):
    w = make_window()
    w.input.set_text(TEXT)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000):
        w.send()
    qtbot.waitUntil(lambda: w.panel.model is not None, timeout=5000)
    assert w.panel.model.traces, "a full translation carries its search"
    w.panel.set_steps(True)
    assert w.panel.steps.slider.maximum() >= 1


def test_the_worker_traces_full_translations_of_short_texts_only():
    from translator_app.gui.worker import TRACE_MAX_CHARS, Request, traced

    cfg = DecodeConfig(beam=3)
    assert traced(Request("Hallo Welt.", "de", "en", cfg)).trace
    assert traced(Request("Hallo Welt.", "de", "en", cfg)).beam == 3
    assert not traced(Request("Hallo", "de", "en", cfg, preview=True)).trace
    assert not traced(Request("x" * (TRACE_MAX_CHARS + 1), "de", "en", cfg)).trace
