"""Measurements in fresh processes: peak RSS, the desktop app's cold start, and a busy
neighbour. The drivers are real modules run with ``python -m``: :mod:`.rss_driver`,
:mod:`.gui_driver` and :mod:`.busy`. Stdlib only (the drivers import the app themselves).
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A German sentence for the cold-start and memory runs.
PROBE = "Das Wetter ist heute schön, und wir gehen am Nachmittag mit den Kindern in den Park."


# Peak RSS is VmHWM from /proc/self/status: the high-water mark of this process's own memory.
# ru_maxrss is not used as the figure because Linux carries it across fork + exec, so a child of
# the (large) bench process would report at least the parent's peak.
def hwm_kb() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def stamp(name: str, value="") -> None:
    """A driver's report line, read back by :func:`_stamps`."""
    print(f"BENCH {name} {value}".rstrip(), flush=True)


def _child_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["TRANSLATOR_DATA_DIR"] = str(tmp / "profile")   # fresh settings and history
    env["TRANSLATOR_UI_LANG"] = "en"
    env.setdefault("PYTHONWARNINGS", "ignore")
    # the drivers run as `python -m translator_app.bench...`: find this copy of the package
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _stamps(stdout: str) -> dict:
    out = {}
    for line in stdout.splitlines():
        if line.startswith("BENCH "):
            parts = line.split(" ", 2)
            out[parts[1]] = parts[2] if len(parts) > 2 else ""
    return out


def peak_rss_mb(model: str | None, quantize: bool, threads: int) -> tuple[float | None, str]:
    texts = [PROBE, "Guten Morgen, wie geht es dir?", "Der Hund spielt im Garten mit dem Ball."]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run([sys.executable, "-m", "translator_app.bench.rss_driver", model or "", "1" if quantize else "0",
                                   str(threads)], input=json.dumps(texts), capture_output=True, text=True,
                                  env=_child_env(Path(tmp)), timeout=300)
        except subprocess.TimeoutExpired:
            return None, "timed out"
    stamps = _stamps(proc.stdout)
    if proc.returncode != 0 or "rss_kb" not in stamps:
        return None, f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1:] or ''}"
    return int(stamps["rss_kb"]) / 1024, ""


def gui_cold_start(model: str | None, runs: int, timeout: float = 120.0, threads: int | None = None) -> dict:
    """Median over ``runs`` of (window painted, first translation shown) seconds after Popen.
    ``threads`` sets OMP_NUM_THREADS for the app (default: what the app does by itself)."""
    try:
        import PySide6  # noqa: F401
    except ImportError as exc:
        return {"error": f"PySide6 missing ({exc})"}
    windows, readies, firsts, rss, errors = [], [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "profile").mkdir()
            text_file = tmp / "probe.txt"
            text_file.write_text(PROBE + "\n", encoding="utf-8")
            cmd = [sys.executable, "-m", "translator_app.bench.gui_driver", str(text_file), "--device", "cpu"]
            if model:
                cmd += ["--model", str(model)]
            env = _child_env(tmp)
            if threads:
                env["OMP_NUM_THREADS"] = str(threads)
            t0 = time.time()
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
                st = _stamps(out)
                if "window_shown" in st:
                    windows.append(float(st["window_shown"]) - t0)
                errors.append(f"no translation within {timeout:.0f} s")
                continue
        st = _stamps(proc.stdout)
        if "window_shown" in st:
            windows.append(float(st["window_shown"]) - t0)
        if "first_translation" in st:
            firsts.append(float(st["first_translation"]) - t0)
        if "model_ready" in st:
            readies.append(float(st["model_ready"]) - t0)
        if "rss_kb" in st:
            rss.append(int(st["rss_kb"]) / 1024)
        if "error" in st:
            errors.append(st["error"])
        elif "first_translation" not in st:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            errors.append(f"exit {proc.returncode}: {tail}")
    return {
        "window_s": statistics.median(windows) if windows else None,
        "first_translation_s": statistics.median(firsts) if firsts else None,
        "model_ready_s": statistics.median(readies) if readies else None,
        "gui_rss_mb": max(rss) if rss else None,
        "runs": runs,
        "error": "; ".join(errors),
    }


@contextlib.contextmanager
def busy_cores(n: int = 1, limit_s: float = 900.0):
    """Keep ``n`` cores busy (one spinning process each) while the block runs: a desktop
    where another program computes. Each spinner also stops by itself after ``limit_s``."""
    procs = [subprocess.Popen([sys.executable, "-m", "translator_app.bench.busy", str(limit_s)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
             for _ in range(n)]
    try:
        time.sleep(0.3)  # let them start spinning before anything is timed
        yield [p.pid for p in procs]
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait()
