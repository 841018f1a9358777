"""The offline dictionary: parsing, held-out exclusion, ranking, folding, rebuilds, packaged data.

Every test but the packaged-data ones builds its index from tests/data/dictionary/de-en-tiny.
"""

from __future__ import annotations

import lzma
import re
import shutil
import sqlite3

import pytest

from translator_app import heldout as heldout_rule
from translator_app.dictionary import ding, index
from translator_app.dictionary.lookup import TIERS, Dictionary, DictionaryError

from helpers import DATA

TINY = DATA / "dictionary" / "de-en-tiny"


@pytest.fixture
def heldout(tmp_path):
    """A held-out list naming one whole line's German side and one sub-entry's English side."""
    path = tmp_path / "heldout.sha256"
    path.write_text("# test list\n" + heldout_rule.heldout_hash("Guten Abend!") + "\n"
                    + heldout_rule.heldout_hash("to lay the table") + "\n")
    return path


@pytest.fixture
def tiny(tmp_path, heldout):
    d = Dictionary.open(source=TINY, db_path=tmp_path / "cache" / "de-en.sqlite", hash_files=[heldout])
    yield d
    d.close()


def heads(entries):
    return [(e.headword, e.match) for e in entries]


# -- parsing ---------------------------------------------------------------------------------
def test_synonyms_split_outside_annotations_and_terms_keep_them():
    assert ding.split_synonyms("über {prp; +Dat.}; oberhalb") == ["über {prp; +Dat.}", "oberhalb"]
    t = ding.parse_term("Spital {n} [Ös.] [Schw.] (veraltet)")
    assert (t.word, t.tags, t.regions, t.notes) == ("Spital", ("n",), ("Ös.", "Schw."), ("veraltet",))
    t = ding.parse_term("bust [Am.] [coll.]")
    assert (t.word, t.regions, t.labels) == ("bust", ("Am.",), ("coll.",))


def test_fold_umlauts_sharp_s_case_and_end_punctuation():
    assert ding.fold("Straße!") == ding.fold("STRASSE") == "strasse"
    assert ding.fold("Müller") == ding.fold("Mueller")
    assert ding.fold("  Guten   Morgen! ") == "guten morgen"


def test_bare_words_are_what_the_corpus_reader_pairs():
    assert ding.bare("beam(s) {n} [techn.] /Abl./") == "beam"
    assert ding.bare("grob gesprochen,") == "grob gesprochen"           # no trailing comma
    assert ding.bare("Mombi : Moment bitte!") == "Mombi: Moment bitte!"  # no space before punctuation
    assert ding.bare("was von … zu unterscheiden ist") == "was von … zu unterscheiden ist"  # a gap
    assert ding.side_words("in Abgrenzung zu; und nicht (nur); (sth.)") == ["in Abgrenzung zu", "und nicht"]


def test_one_heldout_rule_for_the_index_and_the_corpus(tmp_path):
    """A held-out list keeps the same Ding texts out of the index and out of the corpus build:
    one parser reads the lines, translator_app.heldout cleans, hashes and loads the list."""
    corpus = pytest.importorskip("translator_app.training.corpus")
    from translator_app.training import readers

    path = tmp_path / "h.sha256"
    path.write_text(heldout_rule.heldout_hash("guten  ABEND!") + "\n"    # normalised before hashing
                    + heldout_rule.heldout_hash("to lay the table") + "\n")
    hashes = heldout_rule.load_hashes(path)
    kept, counts = corpus.clean_pairs([corpus.ding_source(TINY, progress=False)], hashes)
    assert counts["ding"]["ratio"] - counts["ding"]["heldout"] == 2  # the two listed pairs
    sides = {t for k in kept for t in (k.de, k.en)}
    assert "Guten Morgen!" in sides and not {"Guten Abend!", "to lay the table"} & sides
    d = Dictionary.open(source=TINY, db_path=tmp_path / "d.sqlite", hash_files=[path])
    assert d.meta["dropped_subentries"] == "2"
    assert d.exact_match("Guten Morgen!") and not d.exact_match("Guten Abend!")
    assert not d.exact_match("to lay the table", "en") and d.lookup("Tisch", "de")[0].headword == "Tisch"
    d.close()
    # the corpus reader, run over what the dictionary keeps, finds none of the listed texts
    lines = [ding.filter_line(line, hashes)[0] for line in ding.read_file(TINY).lines]
    kept_file = tmp_path / "kept"
    kept_file.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")
    back = list(readers.read_ding(kept_file))
    assert back and not {heldout_rule.heldout_hash(t) for p in back for t in (p.de, p.en)} & hashes


def test_a_bad_heldout_list_is_an_error_naming_file_and_line(tmp_path):
    from translator_app.dictionary import package

    bad = tmp_path / "bad.sha256"
    bad.write_text(heldout_rule.heldout_hash("Guten Abend!") + "\nnot a digest\n")
    with pytest.raises(DictionaryError, match=r"bad\.sha256:2: not a sha256 hex digest"):
        Dictionary.open(source=TINY, db_path=tmp_path / "d.sqlite", hash_files=[bad])
    with pytest.raises(ValueError, match=r"bad\.sha256:2"):
        package.package(TINY, tmp_path / "out.xz", [bad])


# -- lookup ----------------------------------------------------------------------------------
def test_ranking_exact_then_prefix_then_contains(tiny):
    entries = tiny.lookup("Haus", "de", limit=10)
    assert heads(entries)[0] == ("Haus", "exact")
    assert heads(entries)[1] == ("Anwesen", "exact")   # "Haus" there is a sub-entry, not the headword
    assert ("Hausaufgabe", "prefix") in heads(entries)
    assert ("Er wohnt in einem großen Haus.", "contains") in heads(entries)
    tiers = [TIERS.index(e.match) for e in entries]
    assert tiers == sorted(tiers)
    assert "Gartenhaus" not in [e.headword for e in entries]  # "haus" is not a word of it


def test_limit_is_respected(tiny):
    assert len(tiny.lookup("Haus", "de", limit=1)) == 1
    assert tiny.lookup("Haus", "de", limit=0) == []
    assert tiny.lookup("   ", "de") == []


@pytest.mark.parametrize("term, head", [
    ("Strasse", "Straße"), ("STRASSE", "Straße"), ("strasse", "Straße"), ("Mueller", "Müller"),
    ("Muellerin", "Müller"), ("haeuser", "Haus"), ("ueber", "über"), ("Über", "über"),
])
def test_german_folding(tiny, term, head):
    assert tiny.lookup(term, "de", limit=1)[0].headword == head


@pytest.mark.parametrize("term, head, tier", [
    ("Häuser", "Haus", "exact"),        # the plural is a sub-entry of the line
    ("Häusern", "Haus", "inflected"),   # dative plural: -n stripped
    ("Tischen", "Tisch", "inflected"),
    ("schönen", "schön", "inflected"),
    ("Straßen", "Straße", "exact"),
])
def test_german_inflection(tiny, term, head, tier):
    first = tiny.lookup(term, "de", limit=1)[0]
    assert (first.headword, first.match) == (head, tier)


@pytest.mark.parametrize("term, head, tier", [
    ("house", "house", "exact"), ("HOUSES", "house", "exact"), ("go", "to go", "exact"),
    ("walks", "to go", "inflected"), ("benches", "bench", "exact"), ("litter", "to litter sth.", "exact"),
])
def test_english_direction(tiny, term, head, tier):
    first = tiny.lookup(term, "en", limit=1)[0]
    assert (first.headword, first.match) == (head, tier)
    assert first.lang == "en"


def test_entry_has_tags_senses_regions_examples(tiny):
    e = tiny.lookup("Krankenhaus", "de", limit=1)[0]
    assert e.tags == ["n"]
    assert [t.word for t in e.senses[0].synonyms] == ["Krankenhaus", "Spital"]
    assert e.senses[0].regions == ["Schw.", "Ös."]
    assert e.translations == ["hospital"]
    assert e.senses[1].synonyms[0].text == "Krankenhäuser {pl}"
    gehen = tiny.lookup("gehen", "de", limit=1)[0]
    assert [(x.source, x.target) for x in gehen.examples] == [("Wir gehen nach Hause.", "We are going home.")]
    assert gehen.translations == ["to go", "to walk"]
    en = tiny.lookup("bust", "en", limit=1)[0]
    assert en.headword == "broken" and en.translations == ["kaputt"]
    assert en.senses[0].synonyms[1].regions == ("Am.",) and en.senses[0].synonyms[1].labels == ("coll.",)


def test_lookup_rejects_unknown_language(tiny):
    with pytest.raises(ValueError):
        tiny.lookup("Haus", "fr")


# -- exact translation memory ----------------------------------------------------------------------
def test_exact_match_phrases_and_examples(tiny):
    m = tiny.exact_match("guten   morgen", "de")
    assert (m.source, m.translation, m.kind) == ("Guten Morgen!", "Good morning!", "phrase")
    m = tiny.exact_match("Wir gehen nach Hause", "de")
    assert (m.translation, m.kind) == ("We are going home.", "example")
    m = tiny.exact_match("Enjoy your meal.", "en")
    assert m.translation == "Guten Appetit!"
    assert tiny.exact_match("Haus", "de") is None          # a word: senses, not one answer
    assert tiny.exact_match("Guten Morgen, Anna", "de") is None


# -- held-out exclusion ----------------------------------------------------------------------------
def test_heldout_pairs_are_not_in_the_database(tiny):
    assert tiny.exact_match("Guten Abend!", "de") is None
    assert tiny.lookup("Guten Abend", "de") == []
    assert tiny.lookup("Good evening", "en") == []
    table = tiny.lookup("Tisch", "de", limit=1)[0]       # the rest of the line stays
    assert [s.text for s in table.senses] == ["Tisch {m}", "Tische {pl}"]
    assert tiny.exact_match("den Tisch decken", "de") is None
    con = sqlite3.connect(tiny.path)
    lines = [r[0] for r in con.execute("SELECT line FROM entries")]
    con.close()
    assert not any("Guten Abend" in line or "lay the table" in line for line in lines)
    assert tiny.meta["dropped_subentries"] == "2"


def test_without_the_list_the_pairs_are_there(tmp_path):
    d = Dictionary.open(source=TINY, db_path=tmp_path / "x.sqlite", hash_files=[])
    assert d.exact_match("Guten Abend!", "de").translation == "Good evening!"
    d.close()


def test_malformed_lines_are_skipped(tiny):
    assert tiny.lookup("Eins", "de") == []
    assert tiny.lookup("separator", "de") == []


# -- rebuilds --------------------------------------------------------------------------------------
def _open(tmp_path, heldout, **kw):
    return Dictionary.open(source=TINY, db_path=tmp_path / "cache" / "de-en.sqlite", hash_files=[heldout], **kw)


def test_second_open_reuses_the_index(tmp_path, heldout):
    _open(tmp_path, heldout).close()
    d = _open(tmp_path, heldout)
    assert d.meta["opened_because"] == "up to date"
    d.close()


@pytest.mark.parametrize("damage, reason", [
    ("truncate", "truncated|damaged"), ("garbage", "damaged"), ("not_sqlite", "damaged"),
    ("partial", "partial"), ("zero", "truncated|damaged"),
])
def test_rebuild_after_damage(tmp_path, heldout, damage, reason):
    d = _open(tmp_path, heldout)
    path = d.path
    d.close()
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zero":
        path.write_bytes(b"")
    elif damage == "garbage":  # same size, the pages after the first overwritten
        path.write_bytes(data[:4096] + bytes(range(256)) * ((len(data) - 4096) // 256) + data[len(data) // 256 * 256:][:0])
        path.write_bytes(path.read_bytes().ljust(len(data), b"\x07"))
    elif damage == "not_sqlite":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "partial":
        con = sqlite3.connect(path)
        con.execute("DELETE FROM meta WHERE key = 'complete'")
        con.commit()
        con.close()
    with pytest.raises(index.IndexError_, match=reason):
        index.check(path, index.source_digest(TINY, [heldout]))
    d = _open(tmp_path, heldout)
    assert re.search(reason, d.meta["opened_because"])
    assert d.lookup("Haus", "de", limit=1)[0].headword == "Haus"
    d.close()
    index.check(path, index.source_digest(TINY, [heldout]))  # whole again


def test_outdated_when_data_or_heldout_list_changes(tmp_path, heldout):
    src = tmp_path / "de-en"
    shutil.copy(TINY, src)
    db = tmp_path / "d.sqlite"
    Dictionary.open(source=src, db_path=db, hash_files=[heldout]).close()
    with src.open("a", encoding="utf-8") as fh:
        fh.write("Zebra {n} :: zebra\n")
    d = Dictionary.open(source=src, db_path=db, hash_files=[heldout])
    assert d.meta["opened_because"].startswith("outdated") and d.lookup("Zebra", "de")
    d.close()
    heldout.write_text(heldout_rule.heldout_hash("zebra") + "\n")
    d = Dictionary.open(source=src, db_path=db, hash_files=[heldout])
    assert d.meta["opened_because"].startswith("outdated") and not d.lookup("Zebra", "de")
    d.close()


def test_build_reports_progress_and_leaves_no_temp_file(tmp_path, heldout):
    seen = []
    d = _open(tmp_path, heldout, progress=lambda done, total: seen.append((done, total)))
    d.close()
    assert seen and seen[-1][0] == seen[-1][1]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["de-en.sqlite"]


def test_missing_data_is_a_clear_error(tmp_path):
    with pytest.raises(DictionaryError, match="not found"):
        Dictionary.open(source=tmp_path / "nope.xz", db_path=tmp_path / "d.sqlite", hash_files=[])


def test_xz_source_is_read(tmp_path):
    src = tmp_path / "de-en.xz"
    src.write_bytes(lzma.compress(TINY.read_bytes()))
    d = Dictionary.open(source=src, db_path=tmp_path / "d.sqlite", hash_files=[])
    assert d.meta["header"].startswith("# Version :: test")
    assert d.lookup("Haus", "de", limit=1)[0].headword == "Haus"
    d.close()


# -- the packaged data ---------------------------------------------------------------------------
def test_packaged_data_exists_with_the_copyright_header():
    from translator_app.paths import dictionary_data

    path = dictionary_data()
    assert path.is_file() and path.stat().st_size <= 8 * 1024 * 1024
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        head = [next(fh) for _ in range(8)]
    assert head[0].startswith("# Version ::")
    assert any("Copyright" in line and "Frank Richter" in line for line in head)
    assert any("GPL" in line for line in head)
    assert any(line.startswith("# Held-out ::") for line in head)


@pytest.mark.slow
def test_packaged_data_has_no_heldout_subentry():
    from translator_app.paths import dictionary_data

    hashes = heldout_rule.load_hashes(heldout_rule.default_hash_files())
    data = ding.read_file(dictionary_data())
    assert len(data.lines) > 200_000
    dropped = sum(ding.filter_line(line, hashes)[1] for line in data.lines)
    assert dropped == 0


def test_a_checked_index_damaged_later_is_still_caught(tmp_path, heldout):
    d = _open(tmp_path, heldout)
    path = d.path
    d.close()
    digest = index.source_digest(TINY, [heldout])
    index.check(path, digest)  # the full scan passes and is remembered beside the index
    assert path.with_name(path.name + ".checked").is_file()
    index.check(path, digest)  # and is skipped for the same file
    data = path.read_bytes()  # same size, pages after the first overwritten: a new mtime
    path.write_bytes(data[:4096] + b"\x07" * (len(data) - 4096))
    with pytest.raises(index.IndexError_, match="damaged"):
        index.check(path, digest)
