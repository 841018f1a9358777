"""Start-up time of the desktop app: process start -> first painted window (-> model ready
-> first translation).

Each run starts ``python -m translator_app gui [FILE]`` in a fresh process (offscreen, a
fresh profile), the way a double-click would, with a small probe that hooks the window
``translator_app.gui.app.main()`` creates: it reports when the window first paints, when
the model is ready and (with --file) when the file's translation is shown, then quits.

    python tests/benchmarks/startup.py [--runs 5] [--model DIR] [--file some.txt] [--limit 1.5]

Exit status 1 when the median time to the window exceeds --limit seconds.
Not part of the test suite (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs in the child: hook create_window, then run the package's __main__ like `python -m`.
PROBE = r"""
import json, runpy, sys, time

def report(event, **extra):
    print("STARTUP " + json.dumps(dict(event=event, t=time.time(), **extra)), flush=True)

import translator_app.gui.app as gui_app

wait_ready = sys.argv.pop(1) == "1"
wait_translation = sys.argv.pop(1) == "1"
original = gui_app.create_window

def create_window(*args, **kwargs):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    window = original(*args, **kwargs)
    state = {"painted": False, "ready": False, "translated": not wait_translation}

    def maybe_quit():
        if state["painted"] and (state["ready"] or not wait_ready) and state["translated"]:
            QTimer.singleShot(0, QApplication.instance().quit)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not state["painted"]:
                state["painted"] = True
                report("window")
                maybe_quit()
            return False

    probe = FirstPaint(window)
    window.installEventFilter(probe)

    def poll():
        if not state["ready"] and window.service.is_ready:
            state["ready"] = True
            report("ready")
            maybe_quit()
        elif not state["ready"]:
            QTimer.singleShot(10, poll)

    def translated(*_):
        if not state["translated"]:
            state["translated"] = True
            report("translated")
            maybe_quit()

    window.translation_shown.connect(translated)
    window.error_shown.connect(lambda msg: report("error", message=str(msg)))
    QTimer.singleShot(0, poll)
    QTimer.singleShot(120_000, QApplication.instance().quit)
    window._startup_probe = probe
    return window

gui_app.create_window = create_window
sys.argv = ["translator_app"] + sys.argv[1:]
runpy.run_module("translator_app", run_name="__main__", alter_sys=True)
"""


def one_run(gui_args: list[str], wait_ready: bool, wait_translation: bool, env: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix="startup-profile-") as profile:
        run_env = dict(env, TRANSLATOR_DATA_DIR=profile)
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-c", PROBE, "1" if wait_ready else "0",
                               "1" if wait_translation else "0", "gui", *gui_args],
                              capture_output=True, text=True, env=run_env, timeout=300)
        wall = time.time() - t0
    events = {}
    for line in proc.stdout.splitlines():
        if line.startswith("STARTUP "):
            data = json.loads(line[len("STARTUP "):])
            events.setdefault(data["event"], data)
    result = {"exit": proc.returncode, "process_s": wall}
    for name in ("window", "ready", "translated"):
        if name in events:
            result[f"{name}_s"] = events[name]["t"] - t0
    if "error" in events:
        result["error"] = events["error"].get("message")
    if "window" not in events:
        result["stderr"] = proc.stderr[-2000:]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--model", help="model bundle (default: the bundled model; the window opens without one)")
    parser.add_argument("--file", help="a .txt file to open: also time its translation")
    parser.add_argument("--no-ready", action="store_true", help="quit at the first paint (do not wait for the model)")
    parser.add_argument("--limit", type=float, default=1.5, help="seconds allowed to the first painted window")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("TRANSLATOR_UI_LANG", "en")
    gui_args = []
    if args.model:
        gui_args += ["--model", args.model]
    if args.file:
        gui_args.append(str(Path(args.file).absolute()))
    wait_ready = not args.no_ready and (args.model is not None or args.file is not None)

    runs = []
    for i in range(args.runs):
        r = one_run(gui_args, wait_ready, args.file is not None, env)
        runs.append(r)
        shown = ", ".join(f"{k[:-2]} {r[k]:.2f} s" for k in ("window_s", "ready_s", "translated_s") if k in r)
        print(f"run {i + 1}: {shown or 'no window'} (process {r['process_s']:.2f} s, exit {r['exit']})"
              + (f"\n  error bubble: {r['error']}" if r.get("error") else "")
              + (f"\n  stderr: {r['stderr']}" if r.get("stderr") else ""), flush=True)
    windows = [r["window_s"] for r in runs if "window_s" in r]
    if args.json:
        print(json.dumps(runs, indent=2))
    if not windows:
        print("the window never painted")
        return 1
    summary = f"window: median {statistics.median(windows):.2f} s, min {min(windows):.2f} s, max {max(windows):.2f} s"
    for key in ("ready_s", "translated_s"):
        vals = [r[key] for r in runs if key in r]
        if vals:
            summary += f"; {key[:-2]}: median {statistics.median(vals):.2f} s"
    print(summary)
    if statistics.median(windows) > args.limit:
        print(f"slower than the {args.limit:.1f} s limit")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
