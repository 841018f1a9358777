"""GUI entry point: ``translator_app.gui.app.main(argv) -> int``.

Qt is imported inside main(), so ``import translator_app.gui.app`` stays cheap; torch is
imported only by the worker thread when it loads the model.
"""

from __future__ import annotations

import argparse
import os
import sys

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="translator-app gui",
                                     description="Offline German <-> English translator (desktop window).")
    parser.add_argument("file", nargs="?", help="a .txt file to translate at start")
    parser.add_argument("--model", metavar="PATH", help="model bundle directory (default: the bundled model)")
    parser.add_argument("--device", choices=DEVICE_CHOICES, help="where to run the model (default: settings, else auto)")
    parser.add_argument("--screenshot", metavar="DIR", help="render the documented states to PNG files in DIR and exit")
    parser.add_argument("--ui-language", choices=("en", "de"), help="UI language (default: the system locale)")
    parser.add_argument("--new-instance", action="store_true",
                        help="start a separate window even if one is running (default: hand the file to it)")
    return parser


TIMINGS_ENV = "TRANSLATOR_TIMINGS"  # a file: one "<milestone> <unix time>" line per milestone


def main(argv: list[str] | None = None, on_window=None) -> int:
    """``on_window(window)`` is called with the main window before it is shown (the bench
    connects to its ``milestone`` signal); TRANSLATOR_TIMINGS=FILE writes the milestones."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .platform_check import problem

    message = problem()
    if message:  # Qt would abort (exit 134) with a misleading message
        sys.stderr.write(message)
        return 1

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..paths import resources_dir, user_data_dir
    from . import i18n, theme
    from .settings import APPLICATION, ORGANIZATION, load_settings

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "translator-app"])
    app.setApplicationDisplayName("Translator")
    app.setDesktopFileName(APPLICATION)  # Wayland matches the window to translator-app.desktop
    app.setWindowIcon(app_icon(QIcon, resources_dir() / "icons"))

    if args.screenshot:
        from .screenshots import render_all

        return render_all(app, args.screenshot, model_path=args.model, device=args.device or "cpu",
                          ui_language=args.ui_language or "en")

    from .single_instance import SingleInstance, open_in_window

    single = None if args.new_instance else SingleInstance()
    if single is not None:
        single.claim()  # held until listen(): a launch at the same moment waits, then hands over
    try:
        if single is not None and single.try_hand_over([args.file] if args.file else []):
            return 0  # the running window took the file (or was raised); no second model

        settings = load_settings()
        i18n.install(app, args.ui_language or settings.ui_language)
        theme.apply(app, settings.theme, settings.font_size)
        store = open_history(user_data_dir())
        window = create_window(settings, store, args.model, args.device)
        if os.environ.get(TIMINGS_ENV):
            window.milestone.connect(timings_writer(os.environ[TIMINGS_ENV]))
        if on_window is not None:
            on_window(window)
        if args.file:
            if window.input.edit.load_file(args.file):
                window.auto_send = True
        window.show()
        window.start()  # the model loads in the worker thread, after the window is up
        if single is not None:
            single.files_received.connect(lambda paths: open_in_window(window, paths))
            if not single.listen():
                print("translator-app: could not open the single-instance channel; "
                      "a second launch will start a second window", file=sys.stderr)
    finally:
        if single is not None:
            single.release()
    app.aboutToQuit.connect(window.shutdown)
    previous_hook = sys.excepthook
    sys.excepthook = error_bubble_hook(window, previous_hook)
    try:
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        if single is not None:
            single.close()
    window.shutdown()
    if not window.worker_stopped:
        # Settings and history are saved; only the worker is stuck (a model load, a driver).
        # Waiting longer would keep a closed app alive, and Qt aborts on a running QThread.
        print("translator-app: the model thread did not stop; exiting without it", file=sys.stderr)
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(code)
    return code


def error_bubble_hook(window, previous):
    """A bug in a slot becomes an error bubble (and a traceback on stderr), not a silent
    failure or a crash."""

    def hook(exc_type, exc, tb):
        previous(exc_type, exc, tb)
        try:
            from PySide6.QtCore import QCoreApplication

            window._add_error(QCoreApplication.translate("MainWindow", "Unexpected error"),
                              f"{exc_type.__name__}: {exc}")
        except Exception:  # the window may be gone; stderr has the details
            pass

    return hook


def timings_writer(path: str):
    """Appends "<milestone> <unix time>" lines (window_shown, model_ready, first_translation)."""
    import time

    def write(name: str) -> None:
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"{name} {time.time():.6f}\n")
        except OSError as exc:  # a timing file must never stop the app
            print(f"translator-app: cannot write {path}: {exc}", file=sys.stderr)

    return write


def app_icon(QIcon, directory):
    """The PNG renderings of the SVG: no dependency on Qt's SVG icon-engine plugin."""
    icon = QIcon()
    for png in sorted(directory.glob("translator-app-*.png")):
        icon.addFile(str(png))
    return icon


def open_history(directory):
    """The history store; see HistoryStore.open_or_recover for what happens to a bad file."""
    from .history import HistoryStore

    store = HistoryStore.open_or_recover(directory)
    if store.notice:
        print(f"translator-app: {store.notice}", file=sys.stderr)
    return store


def create_window(settings, store, model_path=None, device=None, persist: bool = True):
    from .main_window import MainWindow

    return MainWindow(settings, store, model_path=model_path, device=device, persist=persist)


if __name__ == "__main__":
    sys.exit(main())
