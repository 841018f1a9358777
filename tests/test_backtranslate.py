"""Back-translation: which English sentences are chosen, the CLI, and that training uses the
synthetic pairs for de->en only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import TINY_ARGS, TINY_CORPUS

from translator_app.cli import main
from translator_app.heldout import heldout_hash
from translator_app.training import readers
from translator_app.training.backtranslate import select_sentences

GERMAN = """Package: paired
Description-md5: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
Description-de: Ein Werkzeug zum Verwalten von Paketen
 Dieses Werkzeug ist klein.

"""

ENGLISH = """Package: paired
Description-md5: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
Description-en: A tool to manage packages
 This tool is small.

Package: lonely
Description-md5: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
Description-en: library for reading spreadsheet files
 It reads many formats quickly. This sentence is held out of training.
 .
  for i in range(3): print(i)
 .
 Features:
  * fast parsing of large tables
  * Jabber

Package: other
Description-md5: cccccccccccccccccccccccccccccccc
Description-en: The road is under repair.
 It reads many formats quickly. {dev}
"""


def _ddtp(tmp_path: Path, dev_sentence: str) -> Path:
    d = tmp_path / "ddtp"
    d.mkdir()
    (d / "Translation-de").write_text(GERMAN, encoding="utf-8")
    (d / "Translation-en").write_text(ENGLISH.replace("{dev}", dev_sentence), encoding="utf-8")
    return d


def _corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    shutil.copytree(TINY_CORPUS, c)
    return c


def _dev_english(corpus: Path) -> str:
    return (corpus / "dev.tsv").read_text(encoding="utf-8").splitlines()[2].split("\t")[1]


def test_english_only_reader_skips_translated_descriptions_code_and_short_items(tmp_path):
    ddtp = _ddtp(tmp_path, "Nothing here.")
    got = list(readers.read_ddtp_english_only(ddtp / "Translation-de", ddtp / "Translation-en"))
    assert "A tool to manage packages" not in got and "This tool is small." not in got  # has a German side
    assert "library for reading spreadsheet files" in got
    assert "fast parsing of large tables" in got
    assert "Jabber" not in got  # a one-word item
    assert not any("print(i)" in s for s in got)  # verbatim block
    assert got.count("It reads many formats quickly.") == 1


def test_selection_leaves_out_held_out_dev_test_and_trained_sentences(tmp_path):
    corpus = _corpus(tmp_path)
    dev_en = _dev_english(corpus)
    ddtp = _ddtp(tmp_path, dev_en)
    heldout = {heldout_hash("THIS sentence is   held out of training.")}  # normalised before hashing
    chosen = select_sentences(ddtp, corpus, heldout)
    assert "This sentence is held out of training." not in chosen
    assert dev_en not in chosen
    assert "The road is under repair." not in chosen  # already a target in train.tsv
    assert set(chosen) >= {"library for reading spreadsheet files", "It reads many formats quickly.",
                           "fast parsing of large tables"}
    assert select_sentences(ddtp, corpus, heldout, limit=2) == chosen[:2]


def test_backtranslate_command_and_training_on_its_pairs(tiny_bundle, tmp_path, capsys):
    corpus = _corpus(tmp_path)
    ddtp = _ddtp(tmp_path, "Nothing here.")
    assert main(["corpus", "backtranslate", "--ddtp-dir", str(ddtp), "--corpus", str(corpus),
                 "--model", str(tiny_bundle), "--no-progress"]) == 0
    lines = (corpus / "backtranslated.tsv").read_text(encoding="utf-8").splitlines()
    info = json.loads((corpus / "backtranslated.json").read_text(encoding="utf-8"))
    assert info["pairs"] == len(lines) >= 1 and info["sentences"] == 4 and info["beam"] == 1
    assert len(info["model_sha256"]) == 64
    english = {line.split("\t")[1] for line in lines}
    assert english <= {"library for reading spreadsheet files", "It reads many formats quickly.",
                       "fast parsing of large tables", "This sentence is held out of training.",
                       "Nothing here."}
    capsys.readouterr()

    def examples(extra):
        out = tmp_path / ("run" + str(len(extra)))
        assert main(["train", "--corpus", str(corpus), "--out", str(out), "--max-steps", "1", *TINY_ARGS, *extra]) == 0
        err = capsys.readouterr().err
        return int(err.split("examples: ")[1].split(" training")[0].replace(",", "")), err

    plain, _ = examples([])
    with_bt, log = examples(["--backtranslated"])
    assert f"back-translated: {len(lines)} pairs (de->en only)" in log
    assert with_bt - plain == len(lines)  # one direction: synthetic German is never a target


def test_training_with_backtranslated_but_no_file_is_a_usage_error(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    assert main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "run"), "--backtranslated",
                 "--max-steps", "1", *TINY_ARGS]) == 2
    assert "corpus backtranslate" in capsys.readouterr().err


def test_backtranslate_without_a_corpus_is_a_usage_error(tmp_path, capsys):
    assert main(["corpus", "backtranslate", "--ddtp-dir", str(tmp_path), "--corpus", str(tmp_path)]) == 2
    assert "lacks train.tsv" in capsys.readouterr().err
