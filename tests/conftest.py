"""Shared fixtures: a tiny model trained in the test session, and a network guard."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
TINY_CORPUS = DATA / "tiny"

TINY_ARGS = ["--vocab-size", "400", "--emb-dim", "32", "--enc-hid", "32", "--dec-hid", "48",
             "--attn-dim", "32", "--dropout", "0.1", "--max-tokens", "1500", "--lr", "0.005",
             "--warmup", "0", "--dev-size", "20", "--validate-every", "1e9", "--threads", "1"]


class NetworkAccess(RuntimeError):
    pass


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


def subprocess_env(**extra) -> dict:
    """Environment for child processes: the same network guard, isolated user dirs."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS / "nonet"), env.get("PYTHONPATH", "")])
    env["TRANSLATOR_NO_NETWORK"] = "1"
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_cli(args, input_text=None, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "translator_app", *args], input=input_text,
                          capture_output=True, text=True, env=env or subprocess_env(), timeout=timeout)


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

    return Translator.load(tiny_bundle, device="cpu")
