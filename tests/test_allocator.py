"""`translator-app train` re-executes itself once with tcmalloc preloaded, when the system has it."""

from __future__ import annotations

import sys

from translator_app import allocator


def _lib(tmp_path):
    (tmp_path / "libtcmalloc_minimal.so.4").write_bytes(b"")
    return [str(tmp_path)]


def test_preloads_tcmalloc_once_and_keeps_other_preloads(tmp_path):
    exe, args, env = allocator.reexec_command(["train", "--out", "R"], {"LD_PRELOAD": "/x/libfoo.so", "A": "1"},
                                              platform="linux", dirs=_lib(tmp_path))
    assert exe == sys.executable and args[1:] == ["-m", "translator_app", "train", "--out", "R"]
    assert env["LD_PRELOAD"] == f"{tmp_path}/libtcmalloc_minimal.so.4 /x/libfoo.so" and env["A"] == "1"
    assert allocator.reexec_command(["train"], env, platform="linux", dirs=_lib(tmp_path)) is None  # no loop


def test_no_reexec_when_off_missing_or_not_linux(tmp_path):
    assert allocator.reexec_command(["train"], {"TRANSLATOR_MALLOC": "system"}, "linux", _lib(tmp_path)) is None
    assert allocator.reexec_command(["train"], {}, "linux", [str(tmp_path / "empty")]) is None
    assert allocator.reexec_command(["train"], {}, "darwin", _lib(tmp_path)) is None


def test_active_reads_the_preload(monkeypatch):
    monkeypatch.setenv("LD_PRELOAD", "/usr/lib/libtcmalloc_minimal.so.4")
    assert allocator.active() == "tcmalloc"
    monkeypatch.delenv("LD_PRELOAD")
    assert allocator.active() == "system"
