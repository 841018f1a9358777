"""The phrase table of the translation memory (dictionary/phrases.py) and how the memory cuts an
input around its emoji and protected spans (memory.split_kept). No model here: the memory's
answers with the model are in test_dictionary_memory.py."""

from __future__ import annotations

import lzma
import re
import subprocess
import sys
from pathlib import Path

import pytest

from translator_app import heldout as heldout_rule
from translator_app import paths
from translator_app.dictionary import ding, memory, phrases
from translator_app.dictionary.lookup import Dictionary

from helpers import DATA, subprocess_env

TINY = DATA / "dictionary" / "de-en-tiny"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def heldout(tmp_path):
    path = tmp_path / "heldout.sha256"
    path.write_text("".join(heldout_rule.heldout_hash(t) + "\n" for t in ("Guten Abend!", "to lay the table")))
    return path


def _probes(key: str) -> list[str]:
    """Inputs that fold to ``key``, in each case and end punctuation the ranking tells apart."""
    cap = key[:1].upper() + key[1:]
    return [s + end for s in (key, cap, "  " + cap.replace(" ", "   ")) for end in ("", ".", "!", "?")]


@pytest.mark.parametrize("lists", ["none", "heldout"])
def test_the_table_answers_what_the_index_answers(tmp_path, heldout, lists):
    hash_files = [heldout] if lists == "heldout" else []
    table = phrases.build(TINY, hash_files)
    index = Dictionary.open(source=TINY, db_path=tmp_path / "d.sqlite", hash_files=hash_files)
    try:
        keys = {(lang, ding.fold(w)) for line in ding.read_file(TINY).lines for sub in ding.split_line(line) or []
                for lang in ("de", "en") for w in ding.side_words(sub.side(lang))}
        texts = [(t, lang) for lang, key in sorted(keys) for t in _probes(key)]
        texts += [("Haus", "de"), ("Guten Morgen, Anna", "de"), ("Der Zug ist spät.", "de"), ("", "en")]
        answered = 0
        for text, lang in texts:
            m = index.exact_match(text, lang)
            assert table.answer(text, lang) == (m.translation if m else None), (text, lang)
            answered += m is not None
        assert answered > 50
    finally:
        index.close()
    assert len(table) == (26 if lists == "none" else 22)  # both sides of "Guten Abend!" and the table gone
    assert table.answer("guten abend", "de") == (None if lists == "heldout" else "Good evening!")
    assert table.answer("Good evening!", "en") == (None if lists == "heldout" else "Guten Abend!")


def test_candidates_are_kept_only_where_some_input_picks_them():
    data = ding.DingFile(lines=["Guten Tag! :: Good day!", "guten Tag :: hello (informal)",
                                "Guten Tag. :: Good afternoon.", "guten Tag {adj} :: g'day"])
    lines = phrases.table_lines(data, set())
    # the longer line first among equals (lookup._memory_rank); "g'day" is never picked (annotated)
    assert lines["de"][0].split("\t") == ["guten tag", "l-hello", "U.Good afternoon.", "U!Good day!"]
    table = phrases.PhraseTable.from_lines(lines)
    assert [table.answer(t, "de") for t in ("Guten Tag!", "Guten Tag.", "guten tag", "Guten Tag")] == [
        "Good day!", "Good afternoon.", "hello", "Good afternoon."]


def test_the_command_writes_a_table_that_reads_back(tmp_path):
    out = tmp_path / "phrases.xz"
    proc = subprocess.run([sys.executable, "-m", "translator_app.dictionary.phrases", str(TINY), str(out),
                           "--exclude-hashes"], capture_output=True, text=True, env=subprocess_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"keys=26, de_keys=9, en_keys=17, text_bytes=\d+, bytes=\d+, seconds=[\d.]+\n", proc.stdout)
    table = phrases.for_data(TINY, [], table=out)
    assert table.origin == "shipped" and len(table) == 26 and table.loaded == []   # the header only
    assert table.answer("Guten Morgen!", "de") == "Good morning!" and table.loaded == ["de"]
    assert table.meta["data_sha256"] == ding.files_digest([TINY])
    # one .xz file: xz -dc gives the header and both sides as one text
    text = lzma.open(out, "rt", encoding="utf-8").read()
    assert text.startswith("#format " + phrases.FORMAT + "\n") and "\nguten morgen\tU!Good morning!\n" in text
    assert "\ngood morning\tU!Guten Morgen!\n" in text
    # a damaged side: the memory answers the same from a table built from the data
    data = bytearray(out.read_bytes())
    data[-30] ^= 0xFF
    broken = tmp_path / "broken.xz"
    broken.write_bytes(bytes(data))
    mem = memory.Memory(TINY, [], table=broken)
    assert mem.lookup("Guten Morgen!", "de").plain == "Good morning!" and mem.table().origin == "shipped"
    assert mem.lookup("Good morning!", "en").plain == "Guten Morgen!" and mem.table().origin == "built"
    # other held-out lists, or a damaged file: the same table, built from the data in memory
    other = phrases.for_data(TINY, [ROOT / "translator_app" / "data" / "heldout-de-en.sha256"], table=out)
    assert other.origin == "built"
    out.write_bytes(out.read_bytes()[:40])
    assert phrases.for_data(TINY, [], table=out).origin == "built"
    with pytest.raises(phrases.PhraseTableError):
        phrases.for_data(tmp_path / "nope.xz", [])
    bad = subprocess.run([sys.executable, "-m", "translator_app.dictionary.phrases", str(tmp_path / "nope"),
                          str(out)], capture_output=True, text=True, env=subprocess_env(), timeout=120)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


def _header(path: Path) -> dict:
    meta = {}
    with lzma.open(path, "rt", encoding="utf-8") as fh:   # the header only: no need to read it all
        for line in fh:
            if not line.startswith("#"):
                break
            name, _, value = line[1:].rstrip("\n").partition(" ")
            meta[name] = value
    return meta


def test_the_shipped_table_is_made_from_the_shipped_data():
    path = phrases.shipped_path()
    assert path == paths.resources_dir() / "dictionary" / "de-en-phrases.xz" and path.is_file()
    meta = _header(path)
    data = paths.resources_dir() / "dictionary" / "de-en.xz"
    assert meta == {"format": phrases.FORMAT, **phrases.digests(data, heldout_rule.default_hash_files()),
                    "keys": meta["keys"], "candidates": meta["candidates"], "streams": meta["streams"]}
    assert re.fullmatch(r"de=\d+ en=\d+", meta["streams"])
    assert 400_000 < int(meta["keys"]) <= int(meta["candidates"]) and path.stat().st_size < 6_000_000
    # a wheel installs it beside de-en.xz (paths.py's sys.prefix/share/translator-app)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"share/translator-app/resources/dictionary" = \[[^]]*"resources/dictionary/de-en-phrases.xz"',
                     pyproject)


# -- cutting an input around what must come back exactly ---------------------------------------
@pytest.mark.parametrize("text, matched, answer", [
    ("Guten Morgen!", "Guten Morgen!", "Good morning!"),
    ("  guten   morgen ", "guten   morgen", "Good morning!"),
    ("Ich liebe dich❤️!", "Ich liebe dich!", "Good morning❤️!"),
    ("Guten Morgen ❤️ !", "Guten Morgen!", "Good morning ❤️ !"),
    ("😀 Guten Morgen", "Guten Morgen", "😀 Good morning!"),
    ("Guten Morgen! 👍🏽", "Guten Morgen!", "Good morning! 👍🏽"),
    ("<b>Guten Morgen!</b>", "Guten Morgen!", "<b>Good morning!</b>"),
    ("Guten Morgen https://example.org/x", "Guten Morgen", "Good morning! https://example.org/x"),
    ("Guten Morgen, %s!", "Guten Morgen,!", "Good morning %s!"),
])
def test_emoji_and_spans_are_cut_off_and_put_back(text, matched, answer):
    parts = memory.split_kept(text)
    assert parts.matched == matched
    assert parts.put_back("Good morning!") == answer


@pytest.mark.parametrize("text", ["Guten ❤️ Morgen!", "Guten <b>Morgen</b>", "❤️", "<p></p>",
                                  "Guten Morgen!❤️!"])
def test_a_span_among_the_words_is_left_to_the_model(text):
    assert memory.split_kept(text) is None
