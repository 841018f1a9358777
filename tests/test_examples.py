"""Example sentences: packaging (held-out pairs out, games named), the index (held-out pairs
out again, checked at open), the lookup's ranking and highlights, and fuzzy_candidates."""

from __future__ import annotations

import lzma
import re
from pathlib import Path

import pytest

from helpers import DATA, write_mo
from translator_app import heldout, paths
from translator_app.dictionary import examples, examples_index
from translator_app.dictionary.examples import Examples
from translator_app.training import examples_package

ROOT = Path(__file__).resolve().parents[1]
EX = DATA / "examples"
DING = DATA / "dictionary" / "de-en-tiny"
SECRET = "Geheimnis bleibt geheim."          # in the made-up held-out list below


def _hash_file(tmp_path: Path, *texts: str) -> Path:
    path = tmp_path / "heldout.sha256"
    path.write_text("".join(heldout.heldout_hash(t) + "\n" for t in texts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("examples")
    root = tmp / "games"
    mo = root / "usr/share/games/wesnoth/translations/locale/de/LC_MESSAGES/wesnoth-l.mo"
    mo.parent.mkdir(parents=True)
    write_mo(mo, {"Leave the house at once, you fools!": "Verlasst sofort das Haus, Ihr Narren!"})
    out = tmp / "de-en-examples.xz"
    info = examples_package.package(EX / "tatoeba-tiny.tsv", EX / "games-tiny.tsv", DING, out,
                                    [_hash_file(tmp, SECRET)], games_root=root)
    return out, info


@pytest.fixture(scope="module")
def ex(packaged, tmp_path_factory):
    d = Examples.open(packaged[0], tmp_path_factory.mktemp("cache") / "ex.sqlite", hash_files=[])
    yield d
    d.close()


def test_packaging_drops_held_out_pairs_and_names_the_game(packaged):
    out, info = packaged
    data = examples_index.read_file(out)
    germans = [p[0] for p in data.pairs]
    assert SECRET not in germans and info["dropped_heldout"] == 1
    tags = {p[0]: p[2] for p in data.pairs}
    assert tags["Verlasst sofort das Haus, Ihr Narren!"] == "wesnoth"      # traced to its catalogue
    assert tags["Der Bahnhof ist weit weg von hier."] == "games"           # in no catalogue
    assert tags["Das ist mein Haus."] == "tatoeba"
    assert tags["Er wohnt in einem großen Haus."] == "ding"                # Ding's own sentences
    assert "Haus" not in germans and info["pairs"] == len(data.pairs) == 14   # Ding's words are not examples
    names = {s.tag: (s.name, s.licence) for s in data.sources}
    assert names["tatoeba"] == ("Tatoeba", "CC-BY 2.0 FR") and names["wesnoth"] == ("The Battle for Wesnoth", "GPL-2+")


def test_the_index_drops_held_out_pairs_again_and_is_checked_at_open(tmp_path, packaged):
    src = tmp_path / "ex.xz"
    src.write_bytes(packaged[0].read_bytes())
    db = tmp_path / "ex.sqlite"
    hashes = _hash_file(tmp_path, "The houses are big.")   # an English side this time
    d = Examples.open(src, db, hash_files=[hashes])
    assert d.meta["opened_because"] == "not built yet" and d.meta["dropped_heldout"] == "1"
    assert not any(e.german == "Die Häuser sind groß." for e in d.lookup("Häuser", limit=50))
    d.close()
    assert Examples.open(src, db, hash_files=[hashes]).meta["opened_because"] == "up to date"
    with lzma.open(src, "at", encoding="utf-8") as fh:   # the resource changes: rebuilt
        fh.write("Ein neues Haus.\tA new house.\ttatoeba\n")
    d = Examples.open(src, db, hash_files=[hashes])
    assert d.meta["opened_because"].startswith("outdated") and d.lookup("neues")
    d.close()
    with pytest.raises(examples.ExamplesError, match="not found"):
        Examples.open(tmp_path / "none.xz", db)
    bad = tmp_path / "bad.xz"
    bad.write_bytes(lzma.compress(b"#format something-else\n"))
    with pytest.raises(examples.ExamplesError, match="format"):
        Examples.open(bad, tmp_path / "bad.sqlite", hash_files=[])


def test_lookup_ranks_exact_words_and_short_pairs_first(ex):
    found = ex.lookup("Haus", "de", limit=10)
    germans = [e.german for e in found]
    assert germans[:4] == ["Das ist mein Haus.", "Er wohnt in einem großen Haus.",
                           "Verlasst sofort das Haus, Ihr Narren!", "Das Haus ist sehr alt und steht seit vielen Jahren leer."]
    assert germans[4] == "Haus!"                    # under three words: after the longer exact ones
    assert [e.match for e in found] == ["exact"] * 5 + ["stem"] * 3
    assert germans[5:] == ["Wir gehen nach Hause.", "Wir gehen jetzt nach Hause.", "Ich bin im Hause meiner Eltern."]
    assert "Die Haustür ist offen." not in germans  # a compound is not a form of the word
    assert germans.count("Das ist mein Haus.") == 1  # two translations of one sentence: shown once
    assert [e.source_name for e in found[:3]] == ["Tatoeba", "Ding", "The Battle for Wesnoth"]
    assert len(ex.lookup("Haus", "de")) == examples.LIMIT
    assert ex.lookup("", "de") == [] and ex.lookup("xyzzy", "de") == []
    with pytest.raises(ValueError):
        ex.lookup("Haus", "fr")


def test_highlights_on_both_sides(ex):
    first = ex.lookup("Haus", "de", translations=["house"])[0]
    assert first.marked("de") == "Das ist mein *Haus*."
    assert first.marked("en") in ("That is my *house*.", "This is my *house*.")
    plural = ex.lookup("Häuser", "de", translations=["house"])[0]
    assert plural.marked("de", "[", "]") == "Die [Häuser] sind groß." and plural.marked("en", "[", "]") == "The [houses] are big."
    phrase = ex.lookup("nach Hause", "de", translations=["home"])[0]
    assert phrase.marked("de") == "Wir gehen *nach Hause*." and phrase.marked("en") == "We are going *home*."
    assert phrase.german_spans == ((10, 20),)
    english = ex.lookup("station", "en", translations=["Bahnhof"])[0]
    assert english.marked("en") == "Where is the *station*?" and english.marked("de") == "Wo ist der *Bahnhof*?"
    bare = ex.lookup("Haus", "de")[0]               # no translations: the other side has no marks
    assert bare.english_spans == () and bare.german_spans
    d = bare.to_json_dict()
    assert d["german_spans"] == [[13, 17]] and d["source"] == "tatoeba" and d["source_name"] == "Tatoeba"


def test_fuzzy_candidates_share_words(ex, packaged, monkeypatch):
    found = ex.fuzzy_candidates("Wo ist der Bahnhof", "de")
    assert found[0].german == "Wo ist der Bahnhof?" and {e.match for e in found} == {"similar"}
    assert found[0].marked("de") == "*Wo* *ist* *der* *Bahnhof*?"
    assert "Wo ist die Bank?" in [e.german for e in found]
    assert len(ex.fuzzy_candidates("Wo ist der Bahnhof", "de", limit=1)) == 1
    en = ex.fuzzy_candidates("Where is the house?", "en")
    assert all(e.english_spans and not e.german_spans for e in en)
    assert ex.fuzzy_candidates("", "de") == [] and ex.fuzzy_candidates("qqq zzz", "de") == []
    # the module-level API over the default index (here: the packaged test data)
    monkeypatch.setenv("TRANSLATOR_EXAMPLES_DATA", str(packaged[0]))
    monkeypatch.setattr(examples, "_default", None)
    top = examples.fuzzy_candidates("Wo ist die Bank?", "de", limit=50)
    assert top[0].german == "Wo ist die Bank?" and top[0].english == "Where is the bank?"
    examples.default().close()
    monkeypatch.setattr(examples, "_default", None)


def test_exact_finds_the_pair_that_is_the_whole_sentence(ex):
    # case, spacing and end punctuation aside (ding.fold), as the memory matches
    hit = ex.exact("wo  ist der BAHNHOF", "de")
    assert (hit.german, hit.english, hit.source_name, hit.match) == \
        ("Wo ist der Bahnhof?", "Where is the station?", "Tatoeba", "exact")
    assert hit.german_spans == ((0, len(hit.german)),) and hit.english_spans == ()
    assert ex.exact("Where is the station", "en").german == "Wo ist der Bahnhof?"
    # two translations of one sentence: the shorter pair, the same every time
    assert ex.exact("Das ist mein Haus.", "de").english in ("That is my house.", "This is my house.")
    assert ex.exact("Das ist mein Haus.", "de") == ex.exact("das ist mein haus", "de")
    # a part of a sentence, a sentence inside a longer one, or a longer input: no pair
    assert ex.exact("Wo ist der", "de") is None
    assert ex.exact("Der Bahnhof", "de") is None
    assert ex.exact("Wo ist der Bahnhof heute?", "de") is None
    assert ex.exact("", "de") is None and ex.exact("?!", "de") is None
    with pytest.raises(ValueError):
        ex.exact("Haus", "fr")


def test_dictionary_translations_come_from_exact_and_inflected_entries(tmp_path):
    from translator_app.dictionary.lookup import Dictionary

    d = Dictionary.open(DING, tmp_path / "d.sqlite", hash_files=[])
    assert examples.dictionary_translations(d.lookup("gehen", "de")) == ["go", "walk"]
    assert "house" in examples.dictionary_translations(d.lookup("Häuser", "de"))
    d.close()


def test_the_shipped_examples_are_small_and_credited():
    path = paths.examples_data()
    assert path == paths.resources_dir() / "examples" / examples_index.FILE_NAME and path.is_file()
    assert path.stat().st_size < 4_000_000
    sources = {s.tag: s for s in examples_index.read_header(path)}
    assert sources["tatoeba"].licence == "CC-BY 2.0 FR" and sources["ding"].name == "Ding"
    assert {"wesnoth", "cataclysm", "freedroidrpg", "widelands"} <= set(sources)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"share/translator-app/resources/examples" = \["resources/examples/de-en-examples.xz"\]', pyproject)


def test_the_packaging_command_line(tmp_path, capsys):
    out = tmp_path / "ex.xz"
    hashes = _hash_file(tmp_path, SECRET)
    assert examples_package.main([str(EX / "tatoeba-tiny.tsv"), str(EX / "games-tiny.tsv"), str(DING), str(out),
                                  "--exclude-hashes", str(hashes)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("pairs=14, dropped_heldout=1, bytes=") and "tatoeba=10" in line and out.is_file()
    assert examples_package.main([str(tmp_path / "none.tsv"), str(EX / "games-tiny.tsv"), str(DING), str(out)]) == 1
    assert "error:" in capsys.readouterr().err


def test_forms_of_a_word():
    assert {"hause", "hauses"} <= examples.forms("haus", "de") and not {"haut", "haustuer"} & examples.forms("haus", "de")
    assert {"geht", "gehst", "gehe"} <= examples.forms("gehen", "de") and "gehoert" not in examples.forms("gehen", "de")
    assert {"houses", "housed"} <= examples.forms("house", "en") and "household" not in examples.forms("house", "en")
    assert examples.forms("go", "en") == frozenset()   # too short to have forms here


def test_the_bench_measures_example_lookups(tmp_path, monkeypatch, packaged):
    from translator_app.bench import report
    from translator_app.bench.measure import examples_lookup

    monkeypatch.setenv("TRANSLATOR_EXAMPLES_DATA", str(packaged[0]))
    monkeypatch.setenv("TRANSLATOR_DICTIONARY_DATA", str(DING))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    sentences = ["Das Haus ist alt.", "Wo ist der Bahnhof, bitte?"]
    assert "error" in examples_lookup(sentences, build=False)   # never builds unless asked
    r = examples_lookup(sentences, build=True)
    assert r["terms"] == 8 and r["limit"] == examples.LIMIT and 0 < r["p50_ms"] <= r["p95_ms"]
    rows = []
    report.lookup_rows({"examples_lookup": r}, lambda *cells: rows.append(cells))
    (figure, measured, goal, check), = rows
    assert figure.startswith("Example sentences lookup, warm, the same 8 words, top 5") and goal == "p95 ≤ 20 ms"
    assert measured.startswith(f"{r['p50_ms']:.2f} / {r['p95_ms']:.2f} ms") and check in ("met", "**not met**")
    rows.clear()
    report.lookup_rows({"examples_lookup": {"error": "ExamplesError: not ready"}}, lambda *cells: rows.append(cells))
    assert rows[0][1] == "not measured: ExamplesError: not ready"
