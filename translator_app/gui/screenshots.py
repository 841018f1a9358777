"""``--screenshot DIR``: drive the real window through the documented states and save a
PNG of each, at the default size and again at NARROW. Uses an in-memory history and
default settings, so the user's data is never touched. On a real display (xcb) the PNGs
are what the screen shows, not a fresh rendering: stale drawing shows up in them too."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtGui import QGuiApplication

from . import i18n, screenshots_yours, theme
from .history import HistoryStore
from .settings import Settings

# One everyday and one technical sentence: the chat shows both kinds of result the bundled
# model gives (weak on the first, good on the second); the heatmap shows the last.
EXAMPLES = ("Ich habe heute leider keine Zeit, aber morgen komme ich gern vorbei.",
            "Der Server kann über eine einfache Weboberfläche konfiguriert werden.")


DICTIONARY_EXAMPLE = "Guten Appetit"
EXAMPLES_TERM = "Bahnhof"   # a word with example pairs from Tatoeba and Ding


def _wait(app, condition, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _settle(app, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


NARROW = (900, 650)


def _save(app, window, out: Path, name: str, done: list[str]) -> None:
    _settle(app)
    path = out / name
    screen = window.screen()
    on_screen = QGuiApplication.platformName() not in ("offscreen", "minimal") and screen is not None \
        and screen.geometry().contains(window.frameGeometry())
    shot = screen.grabWindow(window.winId()) if on_screen else window.grab()
    shot.save(str(path), "PNG")
    done.append(str(path))


def _resize(app, window, size) -> None:
    window.resize(*size)
    _wait(app, lambda: (window.width(), window.height()) == tuple(size), timeout=3.0)
    _settle(app, 20)


def _sizes(window):
    """(size, file suffix) of each size a state is rendered at: the window's own, then NARROW."""
    return (((window.width(), window.height()), ""), (NARROW, f"-{NARROW[0]}x{NARROW[1]}"))


def _save_sizes(app, window, out: Path, stem: str, done: list[str], sizes) -> None:
    for size, suffix in sizes:
        _resize(app, window, size)
        _save(app, window, out, f"{stem}{suffix}.png", done)
    _resize(app, window, sizes[0][0])


def _window(model_path, device):
    from .main_window import MainWindow

    w = MainWindow(Settings(theme="light"), HistoryStore(":memory:"), model_path=model_path,
                   device=device, persist=False)
    return w  # at the default window size: what a user sees first


def render_all(app, out_dir: str, model_path: str | None = None, device: str = "cpu",
               ui_language: str = "en") -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # your memory (corrections, similar sentences) starts empty here and is never the user's
    os.environ["TRANSLATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="translator-app-screenshots-")
    i18n.install(app, ui_language)
    theme.apply(app, "light")
    done: list[str] = []
    w = _window(model_path, device)
    try:
        w.show()
        w.start()
        sizes = _sizes(w)
        _save_sizes(app, w, out, "01-first-launch", done, sizes)
        if not _wait(app, lambda: w.service.is_ready or w.conversation.errors()):
            print("translator-app: the model did not load in time", file=sys.stderr)
            return 1
        if not w.service.is_ready:  # no usable model: the error is the only state to show
            _save_sizes(app, w, out, "06-error", done, sizes)
            print("translator-app: the model failed to load; only the error state was rendered", file=sys.stderr)
            return 1
        shown = []
        w.translation_shown.connect(shown.append)
        for n, text in enumerate(EXAMPLES, 1):
            w.input.set_text(text)
            w.send()
            if not _wait(app, lambda: len(shown) >= n):
                return 1
        ex = shown[-1]
        for size, suffix in sizes:
            _resize(app, w, size)
            w.panel.set_level("word")  # the default: what a person reads
            _demo_hover(w, ex)
            _save(app, w, out, f"02-translation-heatmap{suffix}.png", done)
            w.panel.set_level("piece")
            _demo_hover(w, ex)
            _save(app, w, out, f"03-piece-heatmap{suffix}.png", done)
            w.panel.set_level("word")
            ex.alt_button.setChecked(True)
            _save(app, w, out, f"04-alternatives{suffix}.png", done)
            ex.alt_button.setChecked(False)
            _steps_state(app, w, out, f"08-steps-view{suffix}.png", done)
            theme.apply(app, "dark")
            _save(app, w, out, f"05-dark-theme{suffix}.png", done)
            theme.apply(app, "light")
        _resize(app, w, sizes[0][0])
        _dictionary_state(app, w, out, shown, done, sizes)
        screenshots_yours.render(app, w, out, shown, done, sizes)
        _swap_state(app, w, out, done, sizes)
    finally:
        w.close()
    # A bundle that does not exist: the error bubble, not a traceback.
    broken = _window(str(out / "no-such-model"), device)
    try:
        broken.show()
        broken.start()
        _wait(app, lambda: bool(broken.conversation.errors()))
        _save_sizes(app, broken, out, "06-error", done, sizes)
    finally:
        broken.close()
    QCoreApplication.processEvents()
    for path in done:
        print(path)
    return 0


def _dictionary_state(app, window, out: Path, shown: list, done: list[str], sizes) -> None:
    """A short input: Ding's entries in a card under the translation (the first run builds
    the dictionary index, about 30 s)."""
    from .dictionary_card import DictionaryCard

    window.input.set_text(DICTIONARY_EXAMPLE)
    window.send()
    if not _wait(app, lambda: len(shown) > len(EXAMPLES)):
        return
    card = shown[-1].findChild(DictionaryCard)
    if card is None or not _wait(app, lambda: bool(card.entries), timeout=120.0):
        print("translator-app: the dictionary card did not fill in time", file=sys.stderr)
        return
    for size, suffix in sizes:  # the card in view with the top of its translation bubble
        _resize(app, window, size)
        window.conversation.select(shown[-1])
        window.conversation.reveal(card, shown[-1].translation_bubble)
        _save(app, window, out, f"07-dictionary-card{suffix}.png", done)
    _examples_state(app, window, out, shown, done, sizes)


def _examples_state(app, window, out: Path, shown: list, done: list[str], sizes) -> None:
    """A word's card with its Examples section (matched words bold), at both sizes."""
    from .dictionary_card import DictionaryCard

    before = len(shown)
    window.input.set_text(EXAMPLES_TERM)
    window.send()
    if not _wait(app, lambda: len(shown) > before):
        return
    card = shown[-1].findChild(DictionaryCard)
    if card is None or not _wait(app, lambda: bool(card.examples.labels), timeout=120.0):
        print("translator-app: the card's examples did not come in time", file=sys.stderr)
        return
    for size, suffix in sizes:
        _resize(app, window, size)
        window.conversation.select(shown[-1])
        _settle(app)
        window.conversation.ensureWidgetVisible(card.examples)
        _save(app, window, out, f"09-dictionary-examples{suffix}.png", done)
    _resize(app, window, sizes[0][0])


def _swap_state(app, window, out: Path, done: list[str], sizes) -> None:
    """The Swap button after a translation: the direction reversed, the last translation in
    the input, selected (typing replaces it)."""
    pair = window.language_bar.pair()
    last = window.conversation.exchanges[-1]
    for size, suffix in sizes:
        _resize(app, window, size)
        window.conversation.select(last)  # the translation that moves, above the input
        window.conversation.reveal(last.translation_bubble, last.translation_bubble)
        window.language_bar.set_pair(*pair)
        window.input.set_text("")
        window.language_bar.swap.click()
        _save(app, window, out, f"13-swap-selected{suffix}.png", done)
    window.language_bar.set_pair(*pair)


def _steps_state(app, window, out: Path, name: str, done: list[str]) -> None:
    """The Steps view mid-sentence: the heatmap half grown, the candidates of that step."""
    panel = window.panel
    panel.set_steps(True)  # the window re-balances the split (matrix_changed)
    steps = panel.steps
    steps.slider.setValue(steps.slider.maximum() // 2)
    _save(app, window, out, name, done)
    panel.set_steps(False)


def _demo_hover(window, ex) -> None:
    """Show the hover link as a user would see it: the first real word of the output."""
    labels = [i for i, lab in enumerate(ex.view.tgt_map) if lab is not None]
    if not labels:
        return
    ex._on_target_hover(labels[0])
    hm = window.panel.heatmap
    if hm.matrix and hm.matrix.weights:  # and the crosshair on the strongest cell of row 0
        row = hm.matrix.weights[0]
        hm.hover = (0, max(range(len(row)), key=row.__getitem__))
        hm.update()
