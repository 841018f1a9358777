"""The split between chat and heatmap stays where it is at the first translation (it jumped
607 -> 640 px, issue 26); offscreen, the tiny model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("size", [None, (800, 550)], ids=["default", "800x550"])
def test_the_splitter_keeps_still_at_the_first_translation(qtbot, make_window, size):
    w = make_window()
    if size is not None:
        w.resize(*size)
    qtbot.wait(50)
    before = w.splitter.sizes()
    w.input.set_text("Guten Morgen.")
    with qtbot.waitSignal(w.translation_shown, timeout=60_000):
        w.send()
    qtbot.wait(100)
    assert w.panel.heatmap.matrix is not None
    assert w.splitter.sizes() == before
