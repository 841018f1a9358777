"""The wrong-language note: a script check and a character-trigram score from the corpus."""

import ast
import json
import random
from pathlib import Path

import pytest

from helpers import DATA, run_cli
from translator_app.engine import langid
from translator_app.languages import CODES, other
from translator_app.engine.config import DecodeConfig


def test_the_table_is_small_plain_json():
    assert langid.TABLE.stat().st_size < 400_000
    data = json.loads(langid.TABLE.read_text(encoding="utf-8"))
    assert data["n"] == 3 and len(data["logp"]) > 1000


def _pairs():
    for line in (DATA / "tiny" / "dev.tsv").read_text(encoding="utf-8").splitlines():
        yield from zip(CODES, line.split("\t")[:2])


def test_no_false_alarms_and_swaps_caught_on_the_tiny_dev_set():
    texts = list(_pairs())
    assert len(texts) >= 60
    assert [t for lang, t in texts if langid.check(t, lang)] == []
    judged = [(lang, t) for lang, t in texts if langid.ratio(t, lang) is not None]
    caught = [t for lang, t in judged if (note := langid.check(t, other(lang))) and note.detected == lang]
    assert len(caught) >= 0.7 * len(judged)


@pytest.mark.parametrize("start, end, script", [(0x05D0, 0x05EA, "Hebrew"), (0x0627, 0x064A, "Arabic"),
                                                (0x4E00, 0x9FFF, "Chinese or Japanese"), (0x0430, 0x044F, "Cyrillic")])
def test_foreign_scripts_are_named(start, end, script):
    rng = random.Random(start)
    for _ in range(50):
        text = " ".join("".join(chr(rng.randint(start, end)) for _ in range(rng.randint(2, 7)))
                        for _ in range(rng.randint(2, 8)))
        note = langid.check(text, "de")
        assert note is not None and script in note.message and note.detected is None


def test_short_text_names_and_bad_bytes():
    assert langid.check("Tom", "de") is None and langid.check("OK", "en") is None and langid.check("", "de") is None
    assert langid.check("Hallo \ufffd\ufffd\ufffd", "de").message.startswith("The input is not valid text")


def test_the_translation_carries_the_note(tiny_translator):
    result = tiny_translator.translate("The road is being repaired right now, please drive slowly.", "de", "en", cfg=DecodeConfig(beam=1))
    assert result.language_note is not None and result.language_note.detected == "en"
    assert tiny_translator.translate("Die Straße wird gerade ausgebessert.", "de", "en", cfg=DecodeConfig(beam=1)).language_note is None


def test_the_cli_warns_once_per_run(tiny_bundle):
    text = "The road is being repaired right now.\nHello my friend, how are you today?\n" * 40
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1"], input_text=text)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 80
    warnings = [line for line in proc.stderr.splitlines() if "look like English" in line]
    assert len(warnings) == 1 and "--from en" in warnings[0], proc.stderr
    calm = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1"],
                   input_text="Die Straße wird gerade ausgebessert.\n")
    assert "warning" not in calm.stderr


def test_without_its_table_only_the_script_check_runs(monkeypatch, tmp_path):
    monkeypatch.setattr(langid, "TABLE", tmp_path / "missing.json")
    langid._table.cache_clear()
    try:
        assert langid.check("The road is being repaired right now.", "de") is None
        assert "Hebrew" in langid.check("שלום עולם, מה שלומך היום?", "de").message
    finally:
        langid._table.cache_clear()


def test_the_table_tool_is_training_code_and_the_engine_imports_none(tmp_path, capsys):
    from translator_app.training import langid_table

    out = tmp_path / "langid.json"
    assert langid_table.main(["--build", str(DATA / "tiny" / "train.tsv"), "--out", str(out),
                              "--measure", str(DATA / "tiny" / "dev.tsv")]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["n"] == langid.N and data["logp"] and len(data["floor"]) == len(CODES)
    assert "false alarms 0 " in capsys.readouterr().out
    for path in Path(langid.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for n in names:
                assert not n.startswith(("..training", "translator_app.training")), f"{path.name} imports {n}"
