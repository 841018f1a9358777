"""Shared fixtures: a tiny model trained in the test session, and a network guard."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from helpers import TINY_ARGS, TINY_CORPUS, NetworkAccess  # noqa: F401


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory):
    """The user's cache (the dictionary index) and data (the translation memory) never leak
    into a test, in process or in a child."""
    import os

    names = ("TRANSLATOR_CACHE_DIR", "TRANSLATOR_DATA_DIR")
    old = {name: os.environ.get(name) for name in names}
    os.environ["TRANSLATOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))
    os.environ.setdefault("TRANSLATOR_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
    yield
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Every test fails if any code path opens an internet socket."""
    real_connect = socket.socket.connect

    def guarded(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkAccess(f"network access attempted: connect to {address!r}")
        return real_connect(self, address, *args)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: (_ for _ in ()).throw(NetworkAccess(f"connect to {address!r}")))
    yield


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory) -> Path:
    """A real model trained by the real pipeline on 400 pairs (a few seconds on CPU)."""
    from translator_app.cli import main

    out = tmp_path_factory.mktemp("tiny-run") / "run"
    code = main(["train", "--corpus", str(TINY_CORPUS), "--out", str(out), "--max-steps", "60", *TINY_ARGS])
    assert code == 0
    assert (out / "best" / "config.json").is_file()
    return out / "best"


@pytest.fixture(scope="session")
def tiny_translator(tiny_bundle):
    from translator_app.engine.translator import Translator

    # fp32: int8 dynamic quantisation scales activations per batch, so the golden
    # batched-equals-single tests hold exactly only without it (int8 has its own tests)
    return Translator.load(tiny_bundle, device="cpu", quantize=False)


@pytest.fixture
def memory_store(tmp_path):
    """An empty translation memory (tm/store.py) in the test's own folder."""
    from translator_app.tm.store import MemoryStore

    store = MemoryStore(tmp_path / "memory.sqlite3")
    yield store
    store.close()
