"""At 800 x 550 a small heatmap leaves the chat the width (issue 26: the panel's header kept
it at 412 px, the chat got 384, and the legend wrapped to five lines); in a real X window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

pytestmark = [pytest.mark.xcb, pytest.mark.timeout(180)]


def test_a_short_sentence_at_800x550_leaves_the_chat_the_wider_pane(qtbot, make_window):
    w = make_window()
    w.resize(800, 550)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == (800, 550), timeout=2000)
    w.input.set_text("Guten Morgen.")
    with qtbot.waitSignal(w.translation_shown, timeout=60_000):
        w.send()
    qtbot.wait(150)
    assert w.panel.heatmap.matrix is not None
    chat, panel = w.splitter.sizes()
    assert chat > panel, (chat, panel)
    legend = w.panel.legend
    assert legend.isVisible()
    assert legend.height() <= 1.5 * legend.fontMetrics().lineSpacing(), legend.height()
    from translator_app.gui.bubble_parts import confidence_legend, tooltip_lines

    assert legend.more.isVisible() and legend.more.toolTip() == tooltip_lines(confidence_legend())  # the "?": the rest
    # the folded header still shows every control, inside the panel
    for b in (w.panel.piece_button, w.panel.word_button, w.panel.steps_button, w.panel.export_button):
        assert b.isVisible() and w.panel.rect().contains(QRect(b.mapTo(w.panel, QPoint(0, 0)), b.size())), b.text()
