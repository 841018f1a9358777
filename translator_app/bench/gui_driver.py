"""``python -m translator_app.bench.gui_driver FILE [app options]``: start the desktop app as
``translator-app gui FILE`` does and print wall-clock stamps when the main window first
paints, when the model is ready and when the first translation (of FILE, sent automatically
once the model is ready) is shown; then quit."""

from __future__ import annotations

import sys
import time

from .processes import hwm_kb, stamp

_seen: set = set()


def _once(name: str) -> None:
    if name not in _seen:
        _seen.add(name)
        stamp(name, f"{time.time():.6f}")


def watch(window) -> None:
    """Connect the stamps to a freshly created main window."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class _Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                _once("window_shown")
            return False

    window._bench_watch = _Watch(window)
    window.installEventFilter(window._bench_watch)

    def _done(*_):
        _once("first_translation")
        stamp("rss_kb", hwm_kb())
        QTimer.singleShot(0, QApplication.instance().quit)

    def _error(message):
        stamp("error", " ".join(str(message).split()))
        QTimer.singleShot(0, QApplication.instance().quit)

    window.translation_shown.connect(_done)
    window.error_shown.connect(_error)
    service = getattr(window, "service", None)
    if service is not None and hasattr(service, "ready"):
        service.ready.connect(lambda *_: _once("model_ready"))


def _install(gui_app) -> None:
    """Have ``watch`` called on the main window. The one place that wraps the app's window
    factory; it goes once gui.app offers a supported hook for it."""
    create = gui_app.create_window

    def create_window(*args, **kwargs):
        window = create(*args, **kwargs)
        watch(window)
        return window

    gui_app.create_window = create_window


def main(argv: list[str]) -> int:
    from ..gui import app as gui_app

    _install(gui_app)
    code = gui_app.main(argv)
    stamp("exit", code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
