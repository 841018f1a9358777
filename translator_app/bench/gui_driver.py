"""``python -m translator_app.bench.gui_driver FILE [app options]``: start the desktop app as
``translator-app gui FILE`` does and print wall-clock stamps when the main window first
paints, when the model is ready and when the first translation (of FILE, sent automatically
once the model is ready) is shown; then quit."""

from __future__ import annotations

import sys
import time

from .processes import hwm_kb, stamp


def watch(window) -> None:
    """Stamp the window's milestones ("window_shown", "model_ready", "first_translation");
    quit after the first translation, or at the first error."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def _milestone(name: str) -> None:
        stamp(name, f"{time.time():.6f}")
        if name == "first_translation":
            stamp("rss_kb", hwm_kb())
            QTimer.singleShot(0, QApplication.instance().quit)

    def _error(message):
        stamp("error", " ".join(str(message).split()))
        QTimer.singleShot(0, QApplication.instance().quit)

    window.milestone.connect(_milestone)
    window.error_shown.connect(_error)


def main(argv: list[str]) -> int:
    from ..gui import app as gui_app

    code = gui_app.main(argv, on_window=watch)  # the app's supported hook, called before show()
    stamp("exit", code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
