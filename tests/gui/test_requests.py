"""TranslationQueue: one full translation at a time, the rest queued; cancel and a failed
load give every held text back; failures arrive as exceptions."""

from __future__ import annotations

import pytest

from translator_app.engine.config import DecodeConfig
from translator_app.gui.error_text import describe_error
from translator_app.gui.requests import TranslationQueue, joined

pytestmark = pytest.mark.timeout(120)
LONG = "Guten Morgen, wie geht es dir heute? Ich habe leider keine Zeit. " * 30


@pytest.fixture
def queue(qtbot):
    q = TranslationQueue()
    yield q
    q.shutdown()


def test_texts_run_one_at_a_time_in_the_order_sent(qtbot, queue, gui_bundle):
    queue.load(str(gui_bundle), "cpu")
    qtbot.waitUntil(lambda: queue.is_ready, timeout=60_000)
    started, done = [], []
    queue.started.connect(started.append)
    queue.finished.connect(lambda result, item: done.append((item.text, result.source)))
    for text in ("Eins.", "Zwei.", "Drei."):
        queue.submit(text, "de", "en", DecodeConfig(beam=2))
    assert queue.running and queue.waiting == 2
    assert queue.unsent_texts() == ["Eins.", "Zwei.", "Drei."]
    qtbot.waitUntil(lambda: len(done) == 3, timeout=60_000)
    assert started == ["Eins.", "Zwei.", "Drei."] and [d[0] for d in done] == started
    assert not queue.running and queue.unsent_texts() == []


def test_cancel_gives_back_the_running_and_the_queued_texts(qtbot, queue, gui_bundle):
    queue.load(str(gui_bundle), "cpu")
    qtbot.waitUntil(lambda: queue.is_ready, timeout=60_000)
    given = []
    queue.cancelled.connect(given.append)
    queue.finished.connect(lambda *a: given.append("finished"))
    queue.submit(LONG, "de", "en", DecodeConfig(beam=4))
    queue.submit("Zweiter.", "de", "en", DecodeConfig(beam=4))
    assert queue.cancel() == [LONG, "Zweiter."]
    qtbot.waitUntil(lambda: not queue.busy, timeout=30_000)
    assert given == [[LONG, "Zweiter."]]  # and the stopped one's result never shows up
    assert queue.cancel() == []  # nothing left to give back


def test_a_failed_load_gives_back_what_waited_for_it(qtbot, queue, tmp_path):
    failures, given = [], []
    queue.load_failed.connect(failures.append)
    queue.cancelled.connect(given.append)
    queue.submit("Hallo.", "de", "en", DecodeConfig())  # sent while the model loads: waits
    queue.load(str(tmp_path / "no-such-model"), "cpu")
    qtbot.waitUntil(lambda: bool(failures), timeout=30_000)
    assert isinstance(failures[0], Exception)  # the exception itself; the window words it
    assert "no-such-model" in describe_error(failures[0])
    assert given == [["Hallo."]] and queue.waiting == 0


def test_a_config_the_engine_refuses_fails_like_any_error(qtbot, queue, gui_bundle):
    """The queue passes a config on as it is (Settings.clamp validated the window's): one
    the engine refuses comes back as ``failed``, with its text, and the queue goes on."""
    from translator_app.engine.config import DecodeConfigError

    queue.load(str(gui_bundle), "cpu")
    qtbot.waitUntil(lambda: queue.is_ready, timeout=60_000)
    failures, done = [], []
    queue.failed.connect(lambda exc, text: failures.append((exc, text)))
    queue.finished.connect(lambda result, item: done.append(item.text))
    queue.submit("Hallo.", "de", "en", DecodeConfig(beam=2, n_best=3))
    queue.submit("Welt.", "de", "en", DecodeConfig(beam=2))
    qtbot.waitUntil(lambda: len(done) == 1, timeout=60_000)
    assert isinstance(failures[0][0], DecodeConfigError) and failures[0][1] == "Hallo."
    assert done == ["Welt."] and queue.unsent_texts() == []


def test_describe_error_keeps_expected_messages_plain():
    assert describe_error(ValueError("bad input")) == "bad input"
    try:
        raise KeyError("x")
    except KeyError as exc:
        text = describe_error(exc)
    assert text.startswith("KeyError: 'x' (test_describe_error_keeps_expected_messages_plain, line ")
    assert joined([" a ", "", "b"]) == "a\n\nb"
