"""Sense order and the card's first page on the real shipped dictionary (issue 26): the
commonest translation first (senses.py's table), the other tiers behind "more"."""

from __future__ import annotations

import lzma

import pytest

from translator_app import heldout
from translator_app.dictionary import ding, senses
from translator_app.dictionary.lookup import Dictionary, paged
from translator_app.paths import resources_dir

TABLE = resources_dir() / "dictionary" / senses.FILE_NAME


@pytest.fixture(scope="session")
def real_dictionary(tmp_path_factory):
    """The shipped Ding data indexed once per session (about 50 s on one busy core)."""
    d = Dictionary.open(db_path=tmp_path_factory.mktemp("real-dict") / "de-en.sqlite")
    yield d
    d.close()


def _page(entries, top=5):
    ordered, shown = paged(entries, top)
    return ordered[:shown]


def _first(d, term, lang="de"):
    return [(e.headword, e.translations[0] if e.translations else "") for e in _page(d.lookup(term, lang, 10))]


@pytest.mark.slow
def test_haus_house_first_and_no_noise(real_dictionary):
    assert _first(real_dictionary, "Haus") == [("Haus", "house"), ("Haus", "home")]
    rest = real_dictionary.lookup("Haus", "de", 10)
    # still there, behind "more": the labelled sense and the combining form
    assert {"Einrichtung", "hauswirtschaftlich"} <= {e.headword for e in rest if e.match == "synonym"}


@pytest.mark.slow
def test_strasse_lists_street_first(real_dictionary):
    """Without the game dialogue's roads the table says street (33 sentence pairs) before road
    (20), and the card follows it."""
    counts = senses.table()
    assert counts["strasse", "street"] > counts["strasse", "road"]
    assert _first(real_dictionary, "Straße")[:2] == [("Straße", "street"), ("Straße", "road")]


@pytest.mark.slow
def test_bibliotheken_without_contains_matches(real_dictionary):
    first = _first(real_dictionary, "Bibliotheken")
    assert first[0] == ("Bibliothek", "library")
    heads = {h for h, _ in first}
    assert not heads & {"witzigerweise", "Zusammenarbeit"}
    everything = real_dictionary.lookup("Bibliotheken", "de", 10)
    assert "witzigerweise" in {e.headword for e in everything if e.match == "contains"}  # behind "more"


def test_the_best_tier_opens_the_card_whatever_its_place_in_the_list():
    contains = [_entry("a", "contains"), _entry("b", "contains")]
    assert paged(contains, 5) == (contains, 2)
    synonym, prefix = _entry("s", "synonym"), _entry("p", "prefix")
    assert paged([synonym, prefix] + contains, 5) == ([prefix, synonym] + contains, 1)
    exact = [_entry(str(i), "exact") for i in range(7)]
    assert paged(exact + [synonym], 5) == (exact + [synonym], 5)


def _entry(head, tier):
    from translator_app.dictionary.lookup import Entry

    return Entry(id=0, lang="de", headword=head, tags=[], senses=[], examples=[], match=tier, matched=head)


def test_the_table_is_small_and_holds_no_heldout_pair():
    assert TABLE.stat().st_size < 300_000
    hashes = heldout.load_hashes(heldout.default_hash_files())
    with lzma.open(TABLE, "rt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    assert len(rows) > 5000 and all(int(n) >= senses.MIN_COUNT for _, _, n in rows)
    assert not any(heldout.heldout_hash(d) in hashes and heldout.heldout_hash(e) in hashes for d, e, _ in rows)


def test_counts_are_sentence_pairs_of_ding_word_pairs(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "train.tsv").write_text("Das Haus ist alt.\tThe house is old.\n"
                                      "Ich bin zu Hause.\tI am at home.\n"
                                      "Das Haus ist mein Zuhause.\tThe house is my home.\n"
                                      "Haus\thouse\n", encoding="utf-8")
    (corpus / "train.origin").write_text("tsv\ntsv\ntsv\nding-word\n")
    pairs = senses.ding_pairs(["Haus {n} :: house", "Haus {n}; Zuhause {n} :: home"], set())
    assert pairs == {"haus": {"house", "home"}, "zuhause": {"home"}}
    counts = senses.count(corpus, pairs, set())
    assert counts == {("haus", "house"): 2, ("haus", "home"): 1, ("zuhause", "home"): 1}  # the Ding row not counted
    held = {heldout.heldout_hash("Das Haus ist alt.")}
    assert senses.count(corpus, pairs, held)[("haus", "house")] == 1
    assert senses.commonness("Häuser", "de", ["house"], counts) == 0
    assert senses.commonness("Haus", "de", ["home", "house"], counts) == 2
    assert senses.commonness("house", "en", ["Haus"], counts) == 2
    out = tmp_path / "t.xz"
    assert senses.write(counts, out, corpus) == 1      # only counts >= MIN_COUNT are kept
    assert senses.table(out) == {("haus", "house"): 2}
