"""What a person sees in a real X window (Xvfb + xcb): geometry at several window sizes,
scrolling, and drawing that must not go stale. Offscreen these are skipped: offscreen
rendering repaints everything and hid each of these defects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from translator_app.gui.bubbles import ExchangeWidget

pytestmark = [pytest.mark.xcb, pytest.mark.timeout(180)]
SIZES = [(1200, 740), (1000, 700), (800, 550)]
# (window size, font size in points; 0 = the default): a larger font is a common setting
LOOKS = [((1200, 740), 0), ((1000, 700), 0), ((800, 550), 0), ((1200, 740), 13), ((800, 550), 13)]
LONG = ("Der Server kann über eine einfache Weboberfläche konfiguriert werden, "
        "und die Einstellungen werden sofort gespeichert.")


@pytest.fixture(autouse=True)
def light_theme(qapp):
    """The app's own style sheet: frames, paddings and fonts come from it, as in main()."""
    from translator_app.gui import theme

    theme.apply(qapp, "light")
    yield
    theme.apply(qapp, "light")  # the default font again
    qapp.setStyleSheet("")


@pytest.fixture(scope="session")
def real_model():
    """The bundled model: its alternatives are real sentences that wrap (the tiny test
    model's are a few letters)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "models" / "de-en"
    if not (path / "model.safetensors").exists():
        pytest.skip("the bundled model is not in this checkout")
    return path


def _settle(qtbot, ms: int = 150) -> None:
    qtbot.wait(ms)


def _send(qtbot, w, text: str) -> ExchangeWidget:
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        w.send()
    _settle(qtbot)
    return blocker.args[0]


def _sized(qtbot, make_window, size, font: int = 0, **kw):
    if font:
        from PySide6.QtWidgets import QApplication
        from translator_app.gui import theme

        theme.apply(QApplication.instance(), "light", font)
    w = make_window(**kw)
    w.resize(*size)
    try:
        qtbot.waitUntil(lambda: (w.width(), w.height()) == size, timeout=2000)
    except Exception:  # a large font can make the window's minimum larger than the size
        pass
    _settle(qtbot)
    return w


def _rect_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _screen_pixels(widget):
    """What the X server shows for this widget now (not a fresh render of it)."""
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    shot = window.screen().grabWindow(window.winId(), top_left.x(), top_left.y(),
                                      widget.width(), widget.height())
    return shot.toImage()


def _repainted_pixels(qtbot, widget):
    from PySide6.QtWidgets import QWidget

    for w in (widget, *widget.findChildren(QWidget)):
        w.update()
    _settle(qtbot, 100)
    return _screen_pixels(widget)


@pytest.mark.parametrize("size,font", LOOKS)
def test_bubbles_reflow_to_the_conversation_width(qtbot, make_window, size, font):
    w = _sized(qtbot, make_window, size, font)
    ex = _send(qtbot, w, LONG)
    ex.alt_button.setChecked(True)
    _settle(qtbot)
    view = w.conversation.viewport()
    assert w.conversation.horizontalScrollBar().value() == 0
    assert w.conversation.widget().width() <= view.width()
    for child in [ex, ex.translation_bubble, ex.copy_button, ex.alt_button, ex.confidence,
                  ex.target_flow, ex.source_flow, *ex.alt_buttons]:
        r = _rect_in(child, view)
        assert r.left() >= 0 and r.right() < view.width(), (type(child).__name__, r, view.width())
    bubble = _rect_in(ex.translation_bubble, view)
    for child in (ex.copy_button, ex.alt_button, ex.confidence, ex.target_flow, *ex.alt_buttons):
        assert bubble.contains(_rect_in(child, view)), type(child).__name__


@pytest.mark.parametrize("size,font", LOOKS)
def test_alternative_rows_are_tall_enough_for_their_text(qtbot, make_window, real_model, size, font):
    w = _sized(qtbot, make_window, size, font, model_path=real_model)
    ex = _send(qtbot, w, LONG)
    assert ex.alt_buttons, "the test model gives n-best alternatives"
    ex.alt_button.setChecked(True)
    _settle(qtbot)
    for item in ex.alt_buttons:
        label = item.label
        assert label.height() >= label.heightForWidth(label.width()), (label.text(), label.height())
        assert item.score_label.height() >= item.score_label.sizeHint().height()
        assert QRect(QPoint(0, 0), item.size()).contains(label.geometry())
        bubble = QRect(QPoint(0, 0), ex.translation_bubble.size())
        assert bubble.contains(_rect_in(item, ex.translation_bubble)), "row cut off by its bubble"
        assert ex.rect().contains(_rect_in(item, ex)), "row cut off by its exchange"


@pytest.mark.parametrize("size,font", LOOKS)
def test_the_input_footer_never_overlaps_the_character_count(qtbot, make_window, size, font):
    w = _sized(qtbot, make_window, size, font)
    w.input.set_text("x" * 12345)
    _settle(qtbot)
    for chat_width in (None, 1):  # as laid out, and with the splitter dragged to the narrowest chat
        if chat_width:
            w.splitter.setSizes([chat_width, 10_000])
            _settle(qtbot)
        hint, counter = w.input.hint, w.input.counter
        gap = counter.geometry().left() - hint.geometry().right()
        assert gap >= 12, f"the hint runs into the count ({gap} px apart)"
        assert counter.width() >= counter.sizeHint().width()
        assert (hint.height() >= hint.heightForWidth(hint.width()) if hint.wordWrap()
                else hint.width() >= hint.sizeHint().width())
        assert w.input.rect().contains(counter.geometry()) and w.input.rect().contains(hint.geometry())


@pytest.mark.parametrize("size", SIZES[1:])
def test_a_narrow_window_gives_the_chat_the_width_the_panel_does_not_use(qtbot, make_window, size):
    w = _sized(qtbot, make_window, size)
    ex = _send(qtbot, w, LONG)
    chat, panel = w.splitter.sizes()
    wants = ex.sizeHint().width() + 30  # the bubbles at their natural width, plus margins
    assert chat >= min(wants, int(0.44 * w.width())), (chat, panel, wants)
    if chat < wants:  # the chat is short of room: the panel keeps none empty
        used = _rect_in(w.panel.colour_bar, w.panel).right() + w.panel.layout().contentsMargins().right()
        assert w.panel.width() - used <= 24, (w.panel.width(), used)


def test_a_new_answer_below_the_fold_is_scrolled_into_view(qtbot, make_window):
    w = _sized(qtbot, make_window, (800, 550))
    for i in range(4):
        ex = _send(qtbot, w, f"{LONG} Nummer {i}.")
        view = w.conversation.viewport()
        r = _rect_in(ex, view)
        assert r.bottom() <= view.height() + 2 and r.bottom() > 0, (i, r, view.height())


def test_after_a_restart_the_chat_opens_at_the_latest_exchange(qtbot, make_window):
    w = make_window()
    for i in range(5):
        _send(qtbot, w, f"{LONG} Nummer {i}.")
    w.close()
    again = _sized(qtbot, make_window, (800, 550))
    qtbot.waitUntil(lambda: len(again.conversation.exchanges) == 5, timeout=10_000)
    _settle(qtbot, 300)
    bar = again.conversation.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    last = again.conversation.exchanges[-1]
    assert _rect_in(last, again.conversation.viewport()).bottom() <= again.conversation.viewport().height() + 2


def test_only_the_selected_exchange_is_drawn_selected(qtbot, make_window):
    w = make_window()
    first = _send(qtbot, w, "Guten Morgen.")
    second = _send(qtbot, w, "Der Hund spielt im Garten.")
    for ex in (first, second, first):
        w.conversation.select(ex)
        _settle(qtbot)
        for other in (first, second):
            shown = _screen_pixels(other)
            assert shown == _repainted_pixels(qtbot, other), "stale selection frame on screen"


def test_the_input_stops_saying_loading_once_the_model_is_ready(qtbot, make_window):
    w = make_window(wait_ready=False)
    qtbot.waitUntil(lambda: w.service.is_ready, timeout=60_000)
    _settle(qtbot, 300)
    viewport = w.input.edit.viewport()
    shown = _screen_pixels(viewport)
    assert shown == _repainted_pixels(qtbot, viewport), "the old placeholder is still on screen"


def test_opening_alternatives_higher_up_does_not_jump_to_the_end(qtbot, make_window):
    w = _sized(qtbot, make_window, (800, 550))
    first = _send(qtbot, w, LONG)
    for i in range(3):
        _send(qtbot, w, f"{LONG} Nummer {i}.")
    qtbot.wait(1200)  # the new bubbles have settled
    w.conversation.ensureWidgetVisible(first, 0, 0)
    _settle(qtbot)
    before = w.conversation.verticalScrollBar().value()
    assert before < w.conversation.verticalScrollBar().maximum()
    first.alt_button.setChecked(True)
    _settle(qtbot, 300)
    assert w.conversation.verticalScrollBar().value() == before
