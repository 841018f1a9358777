"""Swap, settings and history survive a restart: two real processes share one profile."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(180)

NONET = Path(__file__).resolve().parents[1] / "nonet"  # the suite's no-network sitecustomize


def child_env(**extra) -> dict:
    """Offscreen Qt, no network (when the suite provides the guard), plus ``extra``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if NONET.is_dir():
        env["PYTHONPATH"] = os.pathsep.join([str(NONET), env.get("PYTHONPATH", "")])
        env["TRANSLATOR_NO_NETWORK"] = "1"
    env.update({k: str(v) for k, v in extra.items()})
    return env

SCRIPT = textwrap.dedent('''
    import json, sys, time
    from dataclasses import replace
    from PySide6.QtWidgets import QApplication
    from translator_app.gui.app import create_window, open_history
    from translator_app.gui.settings import load_settings
    from translator_app.paths import user_data_dir

    phase, model = sys.argv[1], sys.argv[2]
    app = QApplication([])
    w = create_window(load_settings(), open_history(user_data_dir()), model, "cpu")
    w.show()
    w.start()

    def wait(cond, limit=60):
        end = time.monotonic() + limit
        while not cond() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        assert cond()

    wait(lambda: w.service.is_ready)
    if phase == "first":
        shown = []
        w.translation_shown.connect(shown.append)
        w.input.set_text("Guten Morgen.")
        w.send()
        wait(lambda: shown)
        w.swap()
        w.apply_settings(replace(w.settings, beam=3, n_best=2, theme="dark", font_size=11, live_preview=True))
        w.panel.set_level("word")
    state = {"pair": list(w.language_bar.pair()), "beam": w.settings.beam, "n_best": w.settings.n_best,
             "theme": w.settings.theme, "font_size": w.settings.font_size, "live": w.settings.live_preview,
             "level": w.panel.level, "history": [e.model.source for e in w.conversation.exchanges]}
    w.close()
    print("STATE " + json.dumps(state))
''')


def _run(phase, bundle, profile):
    env = child_env(TRANSLATOR_DATA_DIR=profile, TRANSLATOR_UI_LANG="en")
    out = subprocess.run([sys.executable, "-c", SCRIPT, phase, str(bundle)], env=env, capture_output=True,
                         text=True, timeout=150)
    assert out.returncode == 0, out.stderr[-3000:]
    line = next(line for line in out.stdout.splitlines() if line.startswith("STATE "))
    return json.loads(line[6:])


def test_swap_settings_and_history_persist_across_a_restart(tmp_path, gui_bundle):
    profile = tmp_path / "profile"
    first = _run("first", gui_bundle, profile)
    assert first["pair"] == ["en", "de"]
    second = _run("second", gui_bundle, profile)
    assert second == {"pair": ["en", "de"], "beam": 3, "n_best": 2, "theme": "dark", "font_size": 11,
                      "live": True, "level": "word", "history": ["Guten Morgen."]}
    assert (profile / "settings.ini").exists() and (profile / "history.sqlite3").exists()


def test_screenshot_mode_renders_every_state(tmp_path, gui_bundle):
    out_dir = tmp_path / "shots"
    env = child_env(TRANSLATOR_DATA_DIR=tmp_path / "profile")
    code = ("import sys; from translator_app.gui.app import main; "
            f"sys.exit(main(['--screenshot', {str(out_dir)!r}, '--model', {str(gui_bundle)!r}]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=150)
    assert out.returncode == 0, out.stderr[-3000:]
    names = sorted(p.name for p in out_dir.glob("*.png"))
    states = ["01-first-launch", "02-translation-heatmap", "03-piece-heatmap", "04-alternatives", "05-dark-theme",
              "06-error", "07-dictionary-card", "08-steps-view", "09-dictionary-examples", "10-editing",
              "11-your-translation", "12-similar-sentence", "13-swap-selected"]
    assert names == sorted([*(f"{n}.png" for n in states), *(f"{n}-900x650.png" for n in states)])
    for name in (n for n in names if "900x650" in n):  # really 900 x 650 (PNG header: width, height)
        assert struct.unpack(">II", (out_dir / name).read_bytes()[16:24]) == (900, 650), name
    # screenshots never touch the profile: no history, and the correction went to the run's own memory
    assert not (tmp_path / "profile" / "history.sqlite3").exists()
    assert not (tmp_path / "profile" / "memory.sqlite3").exists()


def test_parser_accepts_the_documented_options():
    from translator_app.gui.app import build_parser

    args = build_parser().parse_args(["--model", "m", "--device", "cpu", "--screenshot", "d", "in.txt"])
    assert (args.model, args.device, args.screenshot, args.file) == ("m", "cpu", "d", "in.txt")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--device", "tpu"])


def test_imports_stay_lazy():
    """Importing the entry point loads neither Qt nor torch; the window loads no torch."""
    code = ("import sys; import translator_app.gui.app; "
            "assert 'PySide6' not in sys.modules and 'torch' not in sys.modules, 'eager import'; "
            "import translator_app.gui.main_window, translator_app.gui.screenshots; "
            "assert 'torch' not in sys.modules, 'torch imported by the GUI'")
    out = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]


def test_many_qt_calls_do_not_exhaust_none():
    """PySide6 6.12 on Python 3.11 drops a reference to None on every void call; the
    package guard keeps a long session (here: 100k paint calls) from aborting."""
    code = ("import sys, translator_app.gui; "
            "from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter; "
            "app = QGuiApplication([]); img = QImage(4, 4, QImage.Format.Format_RGB32); p = QPainter(img); "
            "[p.fillRect(0, 0, 1, 1, QColor(1, 2, 3)) for _ in range(100_000)]; p.end(); print('alive')")
    env = child_env()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "alive" in out.stdout, out.stderr[-2000:]


def test_app_sets_its_desktop_file_name_and_icon(tmp_path, gui_bundle):
    """The window manager groups the window with translator-app.desktop and shows its icon."""
    code = ("import sys; from translator_app.gui.app import main; "
            f"code = main(['--screenshot', {str(tmp_path / 'shots')!r}, '--model', {str(gui_bundle)!r}]); "
            "from PySide6.QtWidgets import QApplication; app = QApplication.instance(); "
            "print('desktop', app.desktopFileName()); "
            "print('icon sizes', len(app.windowIcon().availableSizes())); sys.exit(code)")
    env = child_env(TRANSLATOR_DATA_DIR=tmp_path / "profile")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=150)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "desktop translator-app" in out.stdout
    sizes = int(out.stdout.split("icon sizes")[1].split()[0])
    assert sizes >= 4, out.stdout


def test_the_window_reports_its_milestones_for_timings(qtbot, isolated_profile, gui_bundle, tmp_path):
    """The supported hook the bench uses: ``milestone`` (and TRANSLATOR_TIMINGS=FILE in main())."""
    from translator_app.gui.app import timings_writer
    from translator_app.gui.history import HistoryStore
    from translator_app.gui.main_window import MainWindow
    from translator_app.gui.settings import load_settings

    w = MainWindow(load_settings(), HistoryStore.in_dir(isolated_profile), model_path=str(gui_bundle), device="cpu")
    qtbot.addWidget(w)
    seen = []
    w.milestone.connect(seen.append)
    log = tmp_path / "timings.txt"
    w.milestone.connect(timings_writer(str(log)))
    try:
        w.show()
        w.start()
        qtbot.waitUntil(lambda: "model_ready" in seen, timeout=60_000)
        w.input.set_text("Guten Morgen.")
        with qtbot.waitSignal(w.translation_shown, timeout=60_000):
            w.send()
        w.input.set_text("Noch einmal.")
        with qtbot.waitSignal(w.translation_shown, timeout=60_000):
            w.send()
    finally:
        w.close()
    assert seen[0] == "window_shown" and seen.count("first_translation") == 1
    assert set(seen) == {"window_shown", "model_ready", "first_translation"}
    lines = [line.split() for line in log.read_text().splitlines()]
    assert [name for name, _ in lines] == seen and all(float(t) > 0 for _, t in lines)
