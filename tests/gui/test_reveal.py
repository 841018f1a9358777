"""What opens inside an exchange (alternatives, a dictionary card) is scrolled into view, with
the top of its translation bubble where both fit (issue 26); offscreen, the tiny model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from translator_app.gui.conversation import least_scroll
from translator_app.gui.dictionary_card import DictionaryCard

pytestmark = pytest.mark.timeout(180)


def _send(qtbot, w, text: str):
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        w.send()
    return blocker.args[0]


def _in_viewport(w, widget) -> QRect:
    view = w.conversation.viewport()
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def _settle(qtbot, w):
    qtbot.wait(300)   # the reveal re-applies as the layout settles
    return w.conversation.viewport().rect()


def test_least_scroll_moves_only_as_far_as_needed():
    assert least_scroll(100, 300, 150, 250, 120) == 100         # already in view: stays
    assert least_scroll(0, 300, 500, 600, 350) == 300           # below: bottom to the bottom edge
    assert least_scroll(0, 300, 500, 600, 200) == 300           # both do not fit: the widget alone
    assert least_scroll(900, 300, 500, 600, 450) == 450         # above: the bubble's top to the top edge
    assert least_scroll(0, 300, 500, 900, 450) == 500           # taller than the view: its top


def test_alternatives_opened_below_the_view_are_scrolled_into_it(qtbot, make_window):
    w = make_window(n_best=5)
    for text in ("Guten Morgen.", "Der Hund spielt im Garten.", "Wir gehen morgen in die Stadt.",
                 "Ich habe leider keine Zeit."):
        ex = _send(qtbot, w, text)
    assert ex.alt_button.isEnabled(), "the tiny model gives alternatives at n-best 5"
    bar = w.conversation.verticalScrollBar()
    bar.setValue(0)                  # the user scrolled up to read: the last exchange is out of sight
    ex.alt_button.click()
    view = _settle(qtbot, w)
    assert view.contains(_in_viewport(w, ex.alt_box)), (_in_viewport(w, ex.alt_box), view)
    assert _in_viewport(w, ex.translation_bubble).top() >= 0    # both fit: the bubble's top too
    value = bar.value()
    ex.alt_button.click()            # closed and opened again: already in view, nothing moves
    ex.alt_button.click()
    _settle(qtbot, w)
    assert bar.value() == value


def _card_for(qtbot, w, ex, word: str):
    ex.source_word_clicked.emit(ex, word)             # as a click on a source word does
    card = ex.findChild(DictionaryCard)
    qtbot.waitUntil(lambda: bool(card.entries), timeout=30_000)
    return card


def test_a_card_for_a_clicked_word_opens_in_view_under_its_bubble(qtbot, make_window):
    w = make_window()
    for text in ("Guten Morgen.", "Der Hund spielt im Garten.", "Wir gehen nach Hause."):
        ex = _send(qtbot, w, text)
    w.conversation.verticalScrollBar().setValue(0)
    first_before = _in_viewport(w, w.conversation.exchanges[0]).top()
    card = _card_for(qtbot, w, ex, "Haus")
    view = _settle(qtbot, w)
    assert view.contains(_in_viewport(w, card)), (_in_viewport(w, card), view)
    assert _in_viewport(w, ex.translation_bubble).top() >= 0    # the card did not push it off the top
    assert _in_viewport(w, w.conversation.exchanges[0]).top() < first_before   # it did scroll


def test_when_both_do_not_fit_the_opened_widget_wins(qtbot, make_window):
    """At 800x550 the conversation is 343 px tall: the card and its bubble do not fit together."""
    w = make_window()
    w.resize(800, 550)
    for text in ("Guten Morgen.", "Wir gehen nach Hause."):
        ex = _send(qtbot, w, text)
    w.conversation.verticalScrollBar().setValue(0)
    card = _card_for(qtbot, w, ex, "Haus")
    view = _settle(qtbot, w)
    shown, bubble = _in_viewport(w, card), _in_viewport(w, ex.translation_bubble)
    assert shown.bottom() - bubble.top() > view.height(), "the case needs them taller than the view"
    if shown.height() <= view.height():
        assert view.contains(shown), (shown, view)
    else:
        assert shown.top() == 0      # taller than the view on its own: its top
    assert bubble.top() < 0          # it could not keep the bubble's top as well


def test_turning_to_another_exchange_ends_the_reveal(qtbot, make_window):
    w = make_window(n_best=5)
    first = _send(qtbot, w, "Guten Morgen.")
    second = _send(qtbot, w, "Der Hund spielt im Garten.")
    second.alt_button.click()
    assert w.conversation._reveal is not None
    w.conversation.select(second)            # the same exchange: it goes on
    assert w.conversation._reveal is not None
    w.conversation.select(first)
    assert w.conversation._reveal is None    # a later growth of the list does not pull the view back
