"""Fixtures for the GUI tests: offscreen Qt, isolated settings/history, a model bundle,
windows that are always closed, and a check that no QThread outlives its test."""

from __future__ import annotations

import gc
import os
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GERMAN = ("Guten Morgen, wie geht es dir heute? Ich habe leider keine Zeit. "
          "Das Wetter ist schön und die Sonne scheint. Wir gehen morgen in die Stadt. "
          "Der Hund spielt im Garten mit dem Ball. Meine Mutter kocht eine Suppe. ") * 12


def _random_bundle(directory: Path) -> Path:
    """A random-weights bundle (gibberish output, but every code path runs)."""
    from translator_app.engine.checkpoint import save_bundle
    from translator_app.engine.config import ModelConfig
    from translator_app.engine.model import build_model
    from translator_app.engine.tokenizer import Tokenizer

    import torch

    torch.manual_seed(0)
    text = directory / "text.txt"
    text.write_text("\n".join(s.strip() + "." for s in GERMAN.split(".") if s.strip()) + "\n"
                    + "Good morning, how are you today? I have no time. The weather is nice.\n" * 20,
                    encoding="utf-8")
    model_file = Tokenizer.train(text, directory / "spm", vocab_size=300)
    tok = Tokenizer.from_file(model_file)
    model = build_model(ModelConfig(vocab_size=tok.vocab_size, emb_dim=16, enc_hid=16, dec_hid=16, attn_dim=16))
    return save_bundle(directory / "bundle", model, tok.proto, card="# Tiny test model\n\nRandom weights.\n")


@pytest.fixture(scope="session")
def gui_bundle(request, tmp_path_factory) -> Path:
    """The lead's session-trained ``tiny_bundle`` when it exists, else a random one."""
    try:
        return Path(request.getfixturevalue("tiny_bundle"))
    except Exception:  # not defined (yet), or defined with a narrower scope
        return _random_bundle(tmp_path_factory.mktemp("gui-bundle"))


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path, monkeypatch):
    """Settings (INI) and history (SQLite) go to tmp_path; the UI language is English."""
    data = tmp_path / "profile"
    data.mkdir()
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(data))
    monkeypatch.setenv("TRANSLATOR_UI_LANG", "en")
    # The dictionary card: the tiny made-up Ding file, indexed into tmp_path, never ~/.cache
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSLATOR_DICTIONARY_DATA",
                       str(Path(__file__).resolve().parent.parent / "data" / "dictionary" / "de-en-tiny"))
    monkeypatch.setenv("TRANSLATOR_EXAMPLES_DATA",   # made from tests/data/examples/*-tiny.tsv
                       str(Path(__file__).resolve().parent.parent / "data" / "examples" / "de-en-examples-tiny.xz"))
    return data


def _running_qthreads() -> list:
    try:
        from PySide6.QtCore import QThread
    except ImportError:
        return []
    gc.collect()
    out = []
    with warnings.catch_warnings():  # isinstance() pokes deprecated torch module attributes
        warnings.simplefilter("ignore")
        for obj in gc.get_objects():
            try:
                if isinstance(obj, QThread) and obj.isRunning():
                    out.append(obj)
            except RuntimeError:  # the C++ object is already gone
                continue
    return out


@pytest.fixture(autouse=True)
def no_dangling_threads():
    """Fail a test that leaves a QThread running (windows must join their worker)."""
    yield
    running = _running_qthreads()
    for thread in running:  # clean up so one failure does not cascade
        thread.quit()
        thread.wait(5000)
    assert not running, f"QThreads still running after the test: {[t.objectName() for t in running]}"


@pytest.fixture
def make_window(qtbot, isolated_profile, gui_bundle):
    """Create MainWindows (shown, model loading started) that are closed at teardown."""
    from translator_app.gui.history import HistoryStore
    from translator_app.gui.main_window import MainWindow
    from translator_app.gui.settings import load_settings

    windows = []

    def make(model_path=None, wait_ready: bool = True, **settings_overrides):
        settings = load_settings()
        for key, value in settings_overrides.items():
            setattr(settings, key, value)
        settings.clamp()  # as the settings dialog does: n-best never above the beam
        store = HistoryStore.in_dir(isolated_profile)
        path = str(gui_bundle) if model_path is None else str(model_path)
        w = MainWindow(settings, store, model_path=path, device="cpu")
        qtbot.addWidget(w)
        windows.append(w)
        w.show()
        w.start()
        if wait_ready:
            qtbot.waitUntil(lambda: w.service.is_ready, timeout=60_000)
        return w

    yield make
    for w in windows:
        w.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "xcb: needs a real X window (Xvfb, QT_QPA_PLATFORM=xcb); "
                                       "skipped offscreen, where nothing is drawn to a screen")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] == "xcb":
        return
    skip = pytest.mark.skip(reason="needs a real X window: run under xvfb-run with QT_QPA_PLATFORM=xcb")
    for item in items:
        if "xcb" in item.keywords:
            item.add_marker(skip)
