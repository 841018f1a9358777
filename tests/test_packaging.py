"""The PyInstaller spec and the frozen entry script, checked without building the bundle
(building takes minutes: packaging/build.sh, not CI)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "translator-app.spec"
NONET = Path(__file__).resolve().parent / "nonet"


class _Analysis:
    def __init__(self, scripts, **kwargs):
        self.scripts = scripts
        self.kwargs = kwargs
        self.datas = list(kwargs["datas"]) + [("torch/include/x.h", "/x.h", "DATA")]
        self.binaries = [("torch/bin/test_api", "/t", "BINARY"), ("torch/bin/torch_shm_manager", "/s", "BINARY"),
                         ("torch/lib/libc10.so", "/c", "BINARY")]
        self.pure = []


def _run_spec(monkeypatch, model=None):
    made = {}
    if model is not None:
        monkeypatch.setenv("TRANSLATOR_BUNDLE_MODEL", str(model))
    else:
        monkeypatch.delenv("TRANSLATOR_BUNDLE_MODEL", raising=False)

    def record(kind):
        def make(*args, **kwargs):
            made.setdefault(kind, []).append(kwargs)
            return kwargs.get("name", kind)
        return make

    ns = dict(SPECPATH=str(SPEC.parent), Analysis=_Analysis, PYZ=record("PYZ"), EXE=record("EXE"),
              COLLECT=record("COLLECT"), BUNDLE=record("BUNDLE"))
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), ns)
    return ns, made


def test_spec_ships_resources_and_the_model(monkeypatch, tiny_bundle):
    ns, made = _run_spec(monkeypatch, model=tiny_bundle)
    analysis = ns["a"]
    dests = {(Path(src).name, dest) for src, dest in analysis.kwargs["datas"]}
    assert ("translator-app.desktop", "resources") in dests
    assert ("translator-app.svg", "resources/icons") in dests
    assert ("translator-app-256.png", "resources/icons") in dests
    assert ("translator_app_de.qm", "resources/translations") in dests
    assert ("de-en-examples.xz", "resources/examples") in dests   # the dictionary card's example sentences
    assert ("config.json", "models/de-en") in dests
    assert any(dest == "resources/styles" for _, dest in dests)
    # build and test material of torch is dropped, its libraries are kept
    assert [d[0] for d in analysis.binaries] == ["torch/bin/torch_shm_manager", "torch/lib/libc10.so"]
    assert not any(d[0].startswith("torch/include/") for d in analysis.datas)
    # a console executable and a windowed one (no console window on Windows) in one folder
    exes = {e["name"]: e["console"] for e in made["EXE"]}
    assert exes == {"translator-app": True, "translator-app-gui": False}
    assert made["COLLECT"][0]["name"] == "translator-app"
    assert Path(analysis.scripts[0]).name == "entry.py"


def test_spec_without_a_model_still_builds(monkeypatch, tmp_path, capsys):
    ns, _ = _run_spec(monkeypatch, model=tmp_path / "none")
    assert not any(dest.startswith("models") for _, dest in ns["a"].kwargs["datas"])
    assert "ships without one" in capsys.readouterr().out


CHECK_EXCLUDES = r"""
import io, json, pkgutil, importlib, sys
import translator_app
from translator_app import selftest
for m in pkgutil.walk_packages(translator_app.__path__, "translator_app."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
assert selftest.run(sys.argv[2], out=io.StringIO()) == 0
excludes = json.loads(sys.argv[1])
print(json.dumps(sorted({e for e in excludes for m in sys.modules if m == e or m.startswith(e + ".")})))
"""


def test_excluded_modules_are_not_used_by_the_app(monkeypatch, tiny_bundle):
    """What the spec leaves out is never imported by any translator_app module or a translation."""
    ns, _ = _run_spec(monkeypatch)
    env = dict(__import__("os").environ, PYTHONPATH=str(NONET), TRANSLATOR_NO_NETWORK="1",
               QT_QPA_PLATFORM="offscreen", OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, "-c", CHECK_EXCLUDES, json.dumps(ns["EXCLUDES"]), str(tiny_bundle)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


def test_entry_script_routes_self_test(tiny_bundle):
    env = dict(__import__("os").environ, PYTHONPATH=str(NONET), TRANSLATOR_NO_NETWORK="1", OMP_NUM_THREADS="1")
    entry = ROOT / "packaging" / "entry.py"
    proc = subprocess.run([sys.executable, str(entry), "--self-test", "--model", str(tiny_bundle)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "self-test passed" in proc.stdout
    proc = subprocess.run([sys.executable, str(entry), "--version"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0 and re.match(r"translator-app \d", proc.stdout)


def test_build_script_is_valid_bash():
    script = ROOT / "packaging" / "build.sh"
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    assert script.stat().st_mode & 0o111
