"""Teach in the window: the button once there are new corrections, the progress bar and
Cancel while a background process runs (a quick fake `teach` here), the reload when done,
"Reset to the bundled model", and the model's name."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer

from translator_app.gui.bubbles import ErrorBubble

FAKE_TEACH = """
import sys, time
for step in range(1, {steps} + 1):
    print(f"progress {{step}} {steps}", flush=True)
    time.sleep({pause})
print("taught 2 corrections in 1 s ({steps} steps); the app now uses de-en + 2 of your corrections", flush=True)
"""


def _fake(steps: int, pause: float) -> list[str]:
    return [sys.executable, "-c", FAKE_TEACH.format(steps=steps, pause=pause)]


def _add_corrections(n: int = 2) -> None:
    from translator_app.tm.store import MemoryStore

    store = MemoryStore()
    for i in range(n):
        store.add(f"Satz Nummer {i}.", f"Sentence number {i}.", "de", "en")
    store.close()


def _teaching_window(make_window, monkeypatch, corrections: int):
    """(window, reloads): a window with ``corrections`` new corrections, running the bundled
    model, whose load_model only records the path it is asked to load."""
    w = make_window()
    _add_corrections(corrections)
    reloads = []
    monkeypatch.setattr(w, "load_model", lambda path: reloads.append(path))
    w.model_path = None  # the window runs the bundled model, so a taught one replaces it
    return w, reloads


def test_the_teach_button_appears_once_there_are_new_corrections(make_window):
    w = make_window()
    w.teach.refresh()
    assert not w.teach.button.isVisible()
    _add_corrections(2)
    w.teach.refresh()
    assert w.teach.button.isVisible() and w.teach.button.text() == "Teach the model (2 new)"
    assert {"teach", "reset_model"} <= set(w.acts)
    assert w.acts["teach"].text() == "Teach the model"


def test_teach_runs_in_the_background_shows_progress_and_reloads(qtbot, make_window, monkeypatch):
    w, reloads = _teaching_window(make_window, monkeypatch, 2)
    w.teach.runner.command = _fake(steps=5, pause=0.15)
    steps = []
    w.teach.runner.progress.connect(lambda step, total: steps.append((step, total)))
    w.acts["teach"].trigger()
    assert w.teach.bar.isVisible() and w.teach.cancel_button.isVisible() and not w.teach.button.isVisible()
    qtbot.waitUntil(lambda: w.teach.bar.maximum() == 5 and w.teach.bar.value() >= 2, timeout=20_000)
    qtbot.waitUntil(lambda: bool(reloads), timeout=20_000)
    assert steps == [(i, 5) for i in range(1, 6)]
    assert reloads == [None] and not w.teach.bar.isVisible() and not w.teach.cancel_button.isVisible()
    assert "learned your corrections" in w.statusBar().currentMessage()


def test_cancel_kills_the_teach_process_and_keeps_the_model(qtbot, make_window, monkeypatch):
    w = make_window()
    _add_corrections(1)
    reloads = []
    monkeypatch.setattr(w, "load_model", lambda path: reloads.append(path))
    w.teach.runner.command = _fake(steps=1000, pause=0.1)
    cancelled = []
    w.teach.runner.cancelled.connect(lambda: cancelled.append(True))
    w.teach.start()
    qtbot.waitUntil(lambda: w.teach.bar.value() >= 1, timeout=20_000)
    process = w.teach.runner.process
    qtbot.mouseClick(w.teach.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(cancelled), timeout=10_000)
    assert not w.teach.runner.running and process is not None
    assert reloads == [] and not w.teach.bar.isVisible()
    assert "cancelled" in w.statusBar().currentMessage()
    assert w.teach.button.isVisible()  # the corrections are still to be taught


FAKE_RESULT = """
import sys
print("progress 900 1000", flush=True)
print("progress 1000 1000", flush=True)
print("result {n} {learned} 21.4", flush=True)
print("taught {n} corrections in 21 s (55 steps, 321 edits); the app now uses de-en + {n} of your corrections")
"""


def test_the_result_is_said_and_outlasts_the_reload_and_a_missed_correction_is_told(qtbot, make_window,
                                                                                    monkeypatch):
    """The window says what teach did after the taught model is loaded (whose "Loading the
    model…" and "Ready" would hide it otherwise), and tells of corrections the model alone
    still does not give."""
    w = make_window()
    _add_corrections(3)
    reloads = []
    monkeypatch.setattr(w, "load_model", _loading_then_ready(w, reloads))
    w.model_path = None
    w.teach.runner.command = [sys.executable, "-c", FAKE_RESULT.format(n=3, learned=2)]
    w.teach.start()
    qtbot.waitUntil(lambda: bool(reloads), timeout=20_000)
    qtbot.wait(300)  # the taught model is ready
    assert w.statusBar().currentMessage().startswith("Taught the model 3 correction")
    assert "in 21 s" in w.statusBar().currentMessage()
    text = "\n".join(b.text() for b in _bubble_labels(w))
    assert "Not every correction was learned" in text and "1 of your corrections" in text
    assert w.teach.bar.value() == w.teach.bar.maximum() == 1000


LONG_SOURCE = "Dies ist ein sehr langer Satz, " * 12 + "der nicht gelernt wurde."
FAKE_UNLEARNED = """
import json
print("progress 1000 1000", flush=True)
for source, target, reason in {missed!r}:
    print("unlearned " + json.dumps(dict(source=source, target=target, src_lang="de", tgt_lang="en", reason=reason)))
print("result {n} {learned} 21.4", flush=True)
print("taught {n} corrections in 21 s; the app now uses de-en + {n} of your corrections")
"""


def test_the_warning_names_each_correction_not_learned_and_what_to_do(qtbot, make_window, monkeypatch):
    w, reloads = _teaching_window(make_window, monkeypatch, 6)
    missed = [("Satz Nummer 1.", "Sentence number 1.", "near"), (LONG_SOURCE, "A very long sentence.", "long"),
              ("Satz Nummer 3.", "Sentence number 3.", "near"), ("Satz Nummer 4.", "Sentence number 4.", "near")]
    w.teach.runner.command = [sys.executable, "-c", FAKE_UNLEARNED.format(missed=missed, n=6, learned=2)]
    w.teach.start()
    qtbot.waitUntil(lambda: bool(reloads), timeout=20_000)
    bubble = w.conversation.findChildren(ErrorBubble)[-1]
    lines = bubble.message.splitlines()
    assert lines[0] == "Not learned: “Satz Nummer 1.” → “Sentence number 1.” (too near other sentences to change safely)"
    # a long source is cut at a word, on one line
    assert lines[1].startswith("Not learned: “Dies ist ein sehr langer Satz, Dies ist") and "…” → “A very long" in lines[1]
    assert "(too long for the model to learn)" in lines[1] and len(lines[1]) < 160
    assert lines[2].startswith("Not learned: “Satz Nummer 3.”") and lines[3] == "…and 1 more."
    assert "Satz Nummer 4." not in bubble.message   # three named, the rest counted
    assert "Your memory still answers these exactly" in bubble.hint
    assert "a sentence at a time, then teach again" in bubble.hint   # what to do about the long one
    # a second run starts afresh: only its own misses are named
    reloads.clear()
    w.teach.runner.command = [sys.executable, "-c", FAKE_UNLEARNED.format(missed=missed[:1], n=6, learned=5)]
    w.teach.start()
    qtbot.waitUntil(lambda: bool(reloads), timeout=20_000)
    again = w.conversation.findChildren(ErrorBubble)[-1]
    assert again is not bubble and again.message.splitlines() == [lines[0]]
    assert "a sentence at a time" not in again.hint


def test_all_corrections_learned_adds_no_warning(qtbot, make_window, monkeypatch):
    w, reloads = _teaching_window(make_window, monkeypatch, 2)
    w.teach.runner.command = [sys.executable, "-c", FAKE_RESULT.format(n=2, learned=2)]
    w.teach.start()
    qtbot.waitUntil(lambda: bool(reloads), timeout=20_000)
    assert "Taught the model 2 correction" in w.statusBar().currentMessage()
    assert "Not every correction" not in "\n".join(b.text() for b in _bubble_labels(w))


def test_the_clicked_button_hides_without_moving_focus_to_the_first_exchange(qtbot, make_window, monkeypatch):
    """Hiding the focused button used to hand focus to the next widget in the chain: the first
    exchange, which was then selected and scrolled to (seen under Xvfb after a teach)."""
    w = make_window()
    _add_corrections(1)
    monkeypatch.setattr(w, "load_model", lambda path: None)
    w.teach.refresh()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
    w.teach.button.setFocus()
    qtbot.waitUntil(w.teach.button.hasFocus, timeout=5_000)
    w.teach.runner.command = _fake(steps=2, pause=0.05)
    w.teach.start()
    assert not w.teach.button.isVisible() and w.input.edit.hasFocus()
    assert w.teach.bar.text() == "Teaching… 0%"  # at once, not a busy bar without words
    full = w.teach.bar.format().replace("%p", "100")  # it fits, not wrapped into two cut lines
    assert w.teach.bar.minimumWidth() > w.teach.bar.fontMetrics().horizontalAdvance(full)
    w.teach.cancel_button.setFocus()
    qtbot.waitUntil(lambda: not w.teach.runner.running, timeout=20_000)
    assert w.input.edit.hasFocus()


def test_teach_with_an_empty_memory_says_so(make_window):
    w = make_window()
    w.teach.start()
    assert not w.teach.runner.running
    text = "\n".join(b.text() for b in _bubble_labels(w))
    assert "Your translation memory is empty" in text


def test_reset_removes_the_personal_model_and_reloads(qtbot, make_window, monkeypatch):
    from translator_app.engine import personal

    w = make_window()
    personal.personal_path().mkdir(parents=True)
    (personal.personal_path() / "config.json").write_text("{}")
    reloads = []
    monkeypatch.setattr(w, "load_model", _loading_then_ready(w, reloads))
    w.model_path = None
    w.acts["reset_model"].trigger()
    assert not personal.personal_path().exists() and reloads == [None]
    qtbot.wait(300)  # the bundled model is ready: the window said "Ready", and then this again
    assert w.statusBar().currentMessage() == "Back to the bundled model"


def test_a_taught_model_is_named_with_its_corrections():
    from translator_app.gui.model_info import model_display_name

    info = {"path": "/data/models/personal", "meta": {"personal": {"base_name": "de-en", "corrections": 40}}}
    assert model_display_name(info) == "de-en + 40 of your corrections"
    info["meta"]["personal"]["corrections"] = 1
    assert model_display_name(info) == "de-en + 1 of your corrections"


def _loading_then_ready(w, reloads):
    """A load_model as the real one: "Loading the model…", then ready (and the window's "Ready") later."""
    def load_model(path):
        reloads.append(path)
        w.statusBar().showMessage("Loading the model…")
        QTimer.singleShot(50, lambda: w.service.ready.emit({"path": "/data/models/de-en", "device": "cpu"}))

    return load_model


def _bubble_labels(w):
    from PySide6.QtWidgets import QLabel

    return w.conversation.findChildren(QLabel)
