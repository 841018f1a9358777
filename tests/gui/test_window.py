"""The window with a real (tiny) model in its worker thread, offscreen."""

from __future__ import annotations

import json

import pytest

from translator_app.gui.bubbles import ErrorBubble, ExchangeWidget

GERMAN = ("Guten Morgen, wie geht es dir heute? Ich habe leider keine Zeit. "
          "Das Wetter ist schön und die Sonne scheint. Wir gehen morgen in die Stadt. ") * 20

pytestmark = pytest.mark.timeout(120)


def _send(qtbot, w, text: str) -> ExchangeWidget:
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        w.send()
    return blocker.args[0]


def test_window_shows_before_the_model_is_loaded(make_window):
    w = make_window(wait_ready=False)
    assert w.isVisible()
    assert not w.input.send_button.isEnabled() or w.service.is_ready
    w.input.set_text("Hallo")  # typing works while loading


def test_send_shows_a_translation_bubble(qtbot, make_window, isolated_profile, gui_bundle):
    from pathlib import Path

    w = make_window()
    assert w.input.send_button.isEnabled()
    assert "CPU" in w.status_device.text()
    # the bundle's directory names the model (not the config's generic "name"); the tooltip has the path
    assert w.status_model.text().startswith("Model: ") and Path(gui_bundle).name in w.status_model.text()
    assert Path(w.status_model.toolTip()) == Path(gui_bundle).resolve() or w.status_model.toolTip() == str(gui_bundle)
    ex = _send(qtbot, w, "Guten Morgen.")
    assert w.conversation.exchanges == [ex]
    assert ex.model.source == "Guten Morgen."
    assert ex.target_flow.text == ex.model.translation
    assert w.input.text() == ""  # sent text leaves the input
    assert "ms" in w.status_time.text()
    assert w.store.count() == 1
    # "Guten Morgen." is a Ding phrase: a dictionary answer shows no model confidence
    if ex.model.origin == "model":
        assert ex.confidence.level in ("high", "medium", "low")
    else:
        assert ex.confidence.level == "dictionary"


def test_enter_sends_and_shift_enter_breaks_the_line(qtbot, make_window):
    from PySide6.QtCore import Qt

    w = make_window()
    w.input.edit.setFocus()
    qtbot.keyClicks(w.input.edit, "Hallo")
    qtbot.keyClick(w.input.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(w.input.edit, "Welt")
    assert w.input.text() == "Hallo\nWelt"
    assert "2" not in w.input.counter.text() or "10" in w.input.counter.text()
    with qtbot.waitSignal(w.translation_shown, timeout=60_000):
        qtbot.keyClick(w.input.edit, Qt.Key.Key_Return)
    assert w.conversation.exchanges[-1].model.source == "Hallo\nWelt"


def test_heatmap_shape_matches_the_tokens(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Der Hund spielt im Garten.")
    d = ex.model
    assert w.conversation.current is ex
    w.panel.set_level("piece")
    assert w.panel.matrix_shape() == (len(d.target_tokens), len(d.source_tokens))
    assert w.panel.heatmap.matrix.source == d.source_tokens
    assert "“▁” starts a word" in w.panel.caption.text()  # the raw markers are explained
    w.panel.set_level("word")
    assert "▁" not in w.panel.caption.text()
    rows, cols = w.panel.matrix_shape()
    assert cols == len(ex.model.words.source) and rows == len(ex.model.words.target)
    assert 0 < cols <= len(d.source_tokens) and 0 < rows <= len(d.target_tokens)
    # the hover tooltip names the cell in words a person reads (the merge rule is in the export)
    tip = w.panel.heatmap.tooltip_for(0, 0)
    assert "weight" in tip and "piece" not in tip


def test_colour_bar_sits_next_to_the_grid(qtbot, make_window):
    """A small matrix leaves the panel's spare width to the right of the legend, not
    between the grid and the legend."""
    from PySide6.QtCore import QPoint

    w = make_window()
    _send(qtbot, w, "Guten Morgen.")
    panel, hm = w.panel, w.panel.heatmap

    def gap() -> int:
        grid = hm._layout(hm.size())["grid"]
        return panel.colour_bar.mapTo(panel, QPoint(0, 0)).x() - hm.mapTo(panel, grid.topRight()).x()

    for level in ("word", "piece"):
        panel.set_level(level)
        qtbot.waitUntil(lambda: 0 <= gap() <= 40, timeout=2000)
    panel.show_exchange(None)  # no matrix: the empty-state text uses the whole width again
    qtbot.waitUntil(lambda: panel.scroll.width() > panel.width() * 0.8, timeout=2000)


def test_heatmap_exports(qtbot, make_window, tmp_path):
    w = make_window()
    _send(qtbot, w, "Das Wetter ist schön.")
    for kind in ("png", "svg", "csv", "json"):
        path = tmp_path / f"att.{kind}"
        assert w.panel.export(str(path)), kind
        assert path.stat().st_size > 0
    assert (tmp_path / "att.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    data = json.loads((tmp_path / "att.json").read_text(encoding="utf-8"))
    assert len(data["attention"]) == w.panel.matrix_shape()[0]


def test_hovering_a_word_links_bubbles_and_heatmap(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    src_index = next(i for i, lab in enumerate(ex.view.src_map) if lab is not None)
    ex._on_source_hover(src_index)
    assert ex.source_flow.highlight  # the hovered word itself
    assert w.panel.heatmap.marked_cols  # and its column(s) in the heatmap
    tips = ex.target_flow.word_tips
    assert all("sure" in t for t in tips.values())
    ex._on_source_hover(-1)
    assert not ex.source_flow.highlight and not w.panel.heatmap.marked_cols
    w.panel._heatmap_hover(0, 0)  # a heatmap cell highlights words in the bubbles
    assert ex.current_highlight == ({0}, {0}) and (ex.source_flow.highlight or ex.target_flow.highlight)
    w.panel._heatmap_hover(-1, -1)
    assert ex.current_highlight == (set(), set()) and not ex.source_flow.highlight


def test_the_hover_link_follows_the_selected_exchange(qtbot, make_window):
    """Only the selected exchange's bubbles and the heatmap mark each other; its highlight
    stays across a switch to pieces."""
    w = make_window()
    first = _send(qtbot, w, "Guten Morgen.")
    second = _send(qtbot, w, "Der Hund spielt.")
    assert w.conversation.current is second and w.panel.model is second.model
    first._on_source_hover(next(i for i, lab in enumerate(first.view.src_map) if lab is not None))
    # not the selected one: neither its bubble nor the heatmap (which shows the second) marks it
    assert not first.source_flow.highlight and not first.target_flow.highlight
    assert not w.panel.heatmap.marked_cols and first.current_highlight == (set(), set())
    first._on_source_hover(-1)
    second._on_source_hover(next(i for i, lab in enumerate(second.view.src_map) if lab is not None))
    targets, sources = second.current_highlight
    assert w.panel.heatmap.marked_rows == targets and w.panel.heatmap.marked_cols == sources
    w.panel.set_level("piece")  # the same words, now as their pieces
    src_groups, tgt_groups = second.model.piece_groups()
    assert w.panel.heatmap.marked_rows == {p for t in targets for p in tgt_groups[t]}
    assert w.panel.heatmap.marked_cols == {p for s in sources for p in src_groups[s]}
    w.panel.set_level("word")
    w.conversation.select(first)
    assert w.panel.model is first.model and not w.panel.heatmap.marked_rows
    assert not second.source_flow.highlight  # its highlight went with the selection
    first._on_source_hover(next(i for i, lab in enumerate(first.view.src_map) if lab is not None))
    assert first.source_flow.highlight and w.panel.heatmap.marked_cols  # selected now: both mark it


def test_a_cancelled_translation_never_shows_up(qtbot, make_window):
    """Its result may still arrive from the worker: it is dropped; the next one is shown."""
    from translator_app.engine.config import DecodeConfig

    w = make_window()
    q = w.service
    shown = []
    q.finished.connect(lambda result, item: shown.append(item.text))
    q.submit(GERMAN, "de", "en", DecodeConfig(beam=2))
    assert q.cancel() == [GERMAN]
    q.submit("Hallo.", "de", "en", DecodeConfig(beam=2))
    qtbot.waitUntil(lambda: not q.busy and not q.running, timeout=60_000)
    assert shown == ["Hallo."]


def test_cancel_interrupts_long_work(qtbot, make_window):
    w = make_window(beam=4)
    w.input.set_text(GERMAN)
    w.send()
    assert w.conversation.progress is not None and w.service.running
    with qtbot.waitSignal(w.service.cancelled, timeout=10_000):
        w.cancel()
    qtbot.waitUntil(lambda: not w.service.busy, timeout=10_000)
    assert w.conversation.exchanges == []
    assert w.conversation.progress is None
    assert w.input.text() == GERMAN  # the cancelled text is back in the input


def test_a_second_send_waits_its_turn(qtbot, make_window):
    """Enter while a translation runs queues the new text instead of dropping the old."""
    w = make_window(beam=2)
    for text in (GERMAN, "Der Hund spielt im Garten."):
        w.input.set_text(text)
        w.send()
    assert w.input.text() == "" and w.service.waiting == 1
    qtbot.waitUntil(lambda: len(w.conversation.exchanges) == 2, timeout=120_000)
    assert [ex.model.source for ex in w.conversation.exchanges] == [GERMAN, "Der Hund spielt im Garten."]
    assert not w.service.waiting and not w.service.running


def test_cancel_gives_back_the_queue_too(qtbot, make_window):
    w = make_window(beam=4)
    for text in (GERMAN, "Zweiter Text."):
        w.input.set_text(text)
        w.send()
    qtbot.keyClicks(w.input.edit, "neu")  # typed since: kept, below the returned text
    w.cancel()
    qtbot.waitUntil(lambda: not w.service.busy, timeout=60_000)
    assert w.input.text() == GERMAN.strip() + "\n\nZweiter Text.\n\nneu"
    assert w.conversation.exchanges == [] and not w.service.waiting


def test_long_input_reports_progress_before_the_result(qtbot, make_window):
    """Many distinct sentences are decoded in several batches; the progress bubble turns
    determinate and its value climbs before the translation arrives."""
    sentences = [s.strip() + "." for s in GERMAN.split(".") if s.strip()]
    # distinct sentences (repeats are translated once) of growing length: several batches
    text = " ".join(f"{sentences[i % len(sentences)][:-1]} {'und noch einmal ' * (i // 6)}Nummer {i}."
                    for i in range(90))
    w = make_window(beam=4)
    seen: list[tuple[int, int, int, int]] = []  # done, total, bar value, bar maximum
    events: list[str] = []

    def on_progress(done, total):  # runs after the window's own slot has updated the bar
        bubble = w.conversation.progress
        if bubble is not None:
            seen.append((done, total, bubble.bar.value(), bubble.bar.maximum()))
            events.append("progress")

    w.service.progress.connect(on_progress)
    w.translation_shown.connect(lambda ex: events.append("result"))
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=90_000):
        w.send()
    assert events[-1] == "result" and events.count("result") == 1
    assert len(seen) >= 2, seen
    values = [v for _, _, v, _ in seen]
    assert all(b > a for a, b in zip(values, values[1:])), values  # it only climbs
    assert values[0] < seen[0][3]  # the first update is partial, not already the end
    assert all(v == done and m == total for done, total, v, m in seen)  # the bar shows the counts
    assert w.conversation.progress is None  # and the bubble is gone once the result is shown


def test_closing_during_a_translation_joins_the_thread(qtbot, make_window):
    import time

    w = make_window(beam=4)
    w.input.set_text(GERMAN)
    w.send()
    start = time.monotonic()
    w.close()
    assert time.monotonic() - start < 10
    assert not w.service.thread.isRunning()


def test_missing_model_shows_an_error_bubble(qtbot, make_window, tmp_path, gui_bundle):
    w = make_window(model_path=tmp_path / "nope", wait_ready=False)
    qtbot.waitUntil(lambda: bool(w.conversation.errors()), timeout=60_000)
    bubble = w.conversation.errors()[0]
    assert isinstance(bubble, ErrorBubble)
    assert "nope" in bubble.message and "Traceback" not in bubble.message
    assert "--model PATH" in bubble.hint and "--model" not in bubble.message
    assert not w.input.send_button.isEnabled()
    # the status bar states the result once; the bubble explains it
    assert w.status_model.text() == "No model loaded"
    assert w.statusBar().currentMessage() == ""
    assert w.panel.heatmap.empty_text.startswith("No model is loaded")  # not "select a translation"
    # the way out: load a working bundle from the error bubble's action
    assert bubble.action_button is not None
    w.load_model(str(gui_bundle))
    qtbot.waitUntil(lambda: w.service.is_ready, timeout=60_000)
    assert w.input.send_button.isEnabled()
    assert w.panel.heatmap.empty_text.startswith("Translate something")


def test_corrupt_bundle_shows_an_error_bubble(qtbot, make_window, tmp_path, gui_bundle):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(gui_bundle, broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    w = make_window(model_path=broken, wait_ready=False)
    qtbot.waitUntil(lambda: bool(w.conversation.errors()), timeout=60_000)
    assert "Traceback" not in w.conversation.errors()[0].message


def test_swap_moves_the_last_translation_into_the_input(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    w.swap()
    assert w.language_bar.pair() == ("en", "de")
    assert w.input.text() == ex.shown
    assert w.input.edit.textCursor().selectedText() == ex.shown  # selected: typing replaces it
    w.activateWindow()
    qtbot.waitUntil(w.input.edit.hasFocus, timeout=2000)
    qtbot.keyClicks(w.input.edit, "Wo ist der Bahnhof?")
    assert w.input.text() == "Wo ist der Bahnhof?"  # not glued onto the moved text
    assert (w.settings.src_lang, w.settings.tgt_lang) == ("en", "de")
    w.input.set_text("new typing")
    w.swap()  # back to de -> en; unsent typing is kept
    assert w.language_bar.pair() == ("de", "en") and w.input.text() == "new typing"


def test_swap_shortcut_is_not_save_as(qtbot, make_window):
    """Ctrl+Shift+S means "Save As"; swapping uses Ctrl+Shift+X, everywhere it is shown."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    w = make_window()
    native = QKeySequence("Ctrl+Shift+X").toString(QKeySequence.SequenceFormat.NativeText)
    assert [k.toString() for k in w.acts["swap"].shortcuts()] == ["Ctrl+Shift+X"]
    save_as = {k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.SaveAs)} | {"Ctrl+Shift+S"}
    taken = [k.toString() for a in w.acts.values() for k in a.shortcuts()]
    assert not save_as & set(taken) and len(taken) == len(set(taken))  # and no binding twice
    assert dict(w.shortcut_rows())["Swap languages"] == native  # the shortcuts dialog
    assert native in w.language_bar.swap.toolTip()  # and the swap button's tooltip
    w.activateWindow()
    w.input.edit.setFocus()
    qtbot.waitUntil(w.input.edit.hasFocus, timeout=2000)
    qtbot.keyClick(w.input.edit, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.language_bar.pair() == ("en", "de")  # works while typing in the input
    assert w.input.text() == ""  # and types nothing


def test_alternatives_can_be_chosen(qtbot, make_window):
    w = make_window(beam=4, n_best=3)
    ex = _send(qtbot, w, "Guten Morgen.")
    alts = ex.model.alternatives
    # a phrase of the tiny Ding file: the dictionary's answer comes first, then the model's n-best
    assert ex.model.origin == "dictionary" and alts[0].translation == "Good morning!"
    assert 1 <= len(alts) - 1 <= 3
    ex.alt_button.setChecked(True)
    assert ex.alt_box.isHidden() != ex.alt_button.isEnabled()
    last = alts[-1].translation
    ex.alt_buttons[-1].click()
    assert ex.shown == last and ex.target_flow.text == last
    assert w.store.all()[-1].translation == last


def test_copy_last_translation(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, "Guten Morgen.")
    w.acts["copy_last"].trigger()
    assert w.clipboard_text() == ex.shown


def test_shortcuts_are_listed_and_controls_are_named(qtbot, make_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    w = make_window(beam=3, n_best=3)
    rows = dict(w.shortcut_rows())
    for name in ("Swap languages", "Focus the input", "Copy last translation", "Search history", "Settings"):
        assert rows.get(name), name
    ex = _send(qtbot, w, "Guten Morgen.")
    ex.alt_button.setChecked(True)
    qtbot.wait(20)  # let the new widgets show
    focusable = [c for c in w.findChildren(QWidget)
                 if c.isVisible() and c.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and c.metaObject().className() not in ("QScrollBar", "QSplitterHandle", "QMenuBar")]
    assert ex in focusable and ex.copy_button in focusable
    unnamed = [c.metaObject().className() for c in focusable if not c.accessibleName()]
    assert not unnamed, unnamed


def test_history_is_restored_in_a_new_window(qtbot, make_window):
    w = make_window()
    _send(qtbot, w, "Guten Morgen.")
    w.close()
    w2 = make_window(wait_ready=False)
    qtbot.waitUntil(lambda: w2.history_restored)
    assert [e.model.source for e in w2.conversation.exchanges] == ["Guten Morgen."]
    assert w2.conversation.current is w2.conversation.exchanges[0]


def test_live_preview_uses_greedy_decoding(qtbot, make_window):
    w = make_window(live_preview=True)
    w.preview_timer.setInterval(10)
    w.input.set_text("Guten Morgen.")
    requests = []
    w.service.previewed.connect(requests.append)
    w.service.finished.connect(requests.append)
    qtbot.waitUntil(lambda: bool(w.preview.text()), timeout=60_000)
    # greedy: one hypothesis of the model's (after the dictionary's answer: "Guten Morgen." is a
    # phrase of the tiny Ding file)
    assert requests and all(len(r.alternatives) - (r.origin == "dictionary") <= 1 for r in requests)
    assert w.conversation.exchanges == []  # a preview is not an exchange
    assert w.store.count() == 0


def test_german_ui(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from translator_app.gui import i18n

    app = QApplication.instance()
    assert i18n.install(app, "de") == "de"
    try:
        w = make_window(wait_ready=False)
        assert w.input.send_button.text() == "Übersetzen"
        assert "Eingabe" in w.input.hint.text()
        assert w.menuBar().actions()[0].text() == "&Datei"
    finally:
        i18n.install(app, "en")


def test_a_stuck_worker_does_not_hold_the_closed_window(qtbot, monkeypatch):
    """A model load cannot be interrupted: shutdown waits a bounded time, says so, and the
    window is hidden at once."""
    import time

    from translator_app.engine.translator import Translator
    from translator_app.gui.requests import TranslationQueue

    release = []

    def slow_load(*args, **kwargs):  # runs in the worker thread, inside its load slot
        for _ in range(200):  # "loads" for up to 10 s, until released
            if release:
                break
            time.sleep(0.05)
        raise RuntimeError("no model in this test")

    monkeypatch.setattr(Translator, "load", slow_load)
    service = TranslationQueue()
    service.load(None, "cpu")
    qtbot.wait(100)  # the worker is inside load now
    start = time.monotonic()
    assert service.shutdown(timeout_ms=300) is False
    assert time.monotonic() - start < 3
    release.append(True)
    assert service.thread.wait(10_000)  # and it does end: no thread is left behind


def test_a_long_texts_attention_is_shown_but_not_stored(qtbot, make_window, monkeypatch):
    from translator_app.gui import exchange_model
    from translator_app.gui.exchange_model import ExchangeModel

    monkeypatch.setattr(exchange_model, "MAX_STORED_ATTENTION_CELLS", 10)  # "long" for a tiny model
    w = make_window()
    ex = _send(qtbot, w, "Der Hund spielt im Garten.")
    assert ex.model.attention and w.panel.matrix is not None  # on screen: the heatmap
    row = w.store.all()[-1]
    stored = row.result
    assert stored["attention"] == [] and stored["attention_not_kept"] is True
    assert stored["source_tokens"] == ex.model.source_tokens  # the rest is kept
    restored = ExchangeModel.from_history(row.source, row.translation, row.src_lang,
                                          row.tgt_lang, row.created, row.result)
    w.panel.show_exchange(restored)
    assert w.panel.matrix is None and "not kept in the history" in w.panel.heatmap.empty_text


def test_unsent_text_survives_closing_the_window(qtbot, make_window):
    """Typed text, and a translation still running or queued at close, come back into the
    input at the next start."""
    w = make_window(beam=4)
    w.input.set_text(GERMAN)
    w.send()
    w.input.set_text("Zweiter Text.")
    w.send()  # queued behind the first
    qtbot.keyClicks(w.input.edit, "noch getippt")
    w.close()
    again = make_window()
    assert again.input.text() == GERMAN.strip() + "\n\nZweiter Text.\n\nnoch getippt"
    again.input.edit.clear()
    again.close()
    assert make_window().input.text() == ""  # an emptied input leaves no draft behind


def test_the_heatmap_opens_at_word_level_with_pieces_one_click_away(qtbot, make_window):
    w = make_window()
    assert w.panel.level == "word" and w.panel.word_button.isChecked()
    ex = _send(qtbot, w, "Der Hund spielt im Garten.")
    assert w.panel.heatmap.matrix.source == ex.model.words.source  # words, not "▁Der"-style pieces
    assert not any(label.startswith("\u2581") for label in w.panel.heatmap.matrix.source)
    qtbot.mouseClick(w.panel.piece_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    assert w.panel.level == "piece" and w.panel.heatmap.matrix.source == ex.model.source_tokens
    assert w.settings.heatmap_level == "piece"  # and the choice is kept
