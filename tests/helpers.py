"""Helpers shared by the test modules (a unique module name, so that it cannot be
shadowed by tests/gui/conftest.py the way a plain `from conftest import` can)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
TINY_CORPUS = DATA / "tiny"

TINY_ARGS = ["--vocab-size", "400", "--emb-dim", "32", "--enc-hid", "32", "--dec-hid", "48",
             "--attn-dim", "32", "--dropout", "0.1", "--max-tokens", "1500", "--lr", "0.005",
             "--warmup", "0", "--dev-size", "20", "--validate-every", "1e9", "--threads", "1"]


class NetworkAccess(RuntimeError):
    pass


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


def encode_batch(translator, sentences, tgt="en"):
    """A padded batch as search.decode takes it: src [B, S] and lengths [B]."""
    import torch

    ids = [translator.tokenizer.encode_source(s, tgt) for s in sentences]
    src = torch.zeros((len(ids), max(map(len, ids))), dtype=torch.long)
    for i, row in enumerate(ids):
        src[i, :len(row)] = torch.tensor(row)
    return src, torch.tensor([len(r) for r in ids])


def write_mo(path, messages):
    """Write a little-endian gettext .mo file from {msgid: msgstr}."""
    import struct

    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    n = len(keys)
    orig_off = 28
    trans_off = orig_off + 8 * n
    data_off = trans_off + 8 * n
    blob = b""
    otab, ttab = [], []
    for s in ids:
        otab.append((len(s), data_off + len(blob)))
        blob += s + b"\0"
    for s in strs:
        ttab.append((len(s), data_off + len(blob)))
        blob += s + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, n, orig_off, trans_off, 0, 0)
    for ln, off in otab + ttab:
        out += struct.pack("<2I", ln, off)
    Path(path).write_bytes(out + blob)
