"""`train --fine-tune` names what is wrong with its file: missing, a folder, a device such
as /dev/null (it said "not found"), or empty; exit status 2, no traceback, no run folder."""

from __future__ import annotations

import os

import pytest

from translator_app.cli import main


@pytest.mark.parametrize("kind, expected", [
    ("missing", "TSV file not found"),
    ("folder", "TSV file is a folder, not a file"),
    ("device", "TSV file is not a regular file (a device or pipe)"),
    ("empty", "is empty; it needs German<TAB>English lines"),
])
def test_a_bad_fine_tune_file_is_named(tmp_path, capsys, kind, expected):
    path = {"missing": tmp_path / "nope.tsv", "folder": tmp_path, "device": os.devnull,
            "empty": tmp_path / "empty.tsv"}[kind]
    if kind == "empty":
        path.write_text("", encoding="utf-8")
    out = tmp_path / "run"
    assert main(["train", "--fine-tune", str(path), "--out", str(out), "--max-steps", "1"]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (out / "corpus").exists()
