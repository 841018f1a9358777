"""Fuzzy matches: CAT-style word edit distance, the differing words marked, the 75 % floor,
memory before examples, and the speed on a memory of 1,000 entries."""

from __future__ import annotations

import random
import time

import pytest

from translator_app.tm import fuzzy


def test_scores_as_cat_tools_count_them():
    # one word of four substituted: 1 - 1/4
    score, differing = fuzzy.similarity("Ich sehe den Hund", "Ich sehe den Kater")
    assert score == pytest.approx(0.75) and differing == (3,)
    # case and punctuation aside: the same words
    assert fuzzy.similarity("Ich sehe den Hund!", "ich sehe, den hund")[0] == 1.0
    # one word inserted into the stored source: distance 1 over its 5 words
    score, differing = fuzzy.similarity("Ich sehe den Hund", "Ich sehe den großen Hund")
    assert score == pytest.approx(0.8) and differing == (3,)
    # one word missing from it: nothing of its own to mark, distance 1 over the input's 5
    score, differing = fuzzy.similarity("Ich sehe den großen Hund", "Ich sehe den Hund")
    assert score == pytest.approx(0.8) and differing == ()
    # reordered words cost their edits
    assert fuzzy.similarity("a b c d", "b a c d")[0] == pytest.approx(0.5)
    assert fuzzy.similarity("", "a")[0] == 0.0


def test_matches_at_or_over_the_floor_best_first(memory_store):
    memory_store.add("Ich sehe den Kater im Garten", "I see the tomcat in the garden", "de", "en")
    memory_store.add("Ich sehe den Hund im Park", "I see the dog in the park", "de", "en")
    memory_store.add("Wir sehen den Hund im Garten nicht", "We do not see the dog in the garden", "de", "en")
    memory_store.add("Ich sehe den Hund im Garten", "I see the dog in the garden", "en", "de")  # other direction
    found = fuzzy.find("Ich sehe den Hund im Garten.", "de", "en", memory_store, with_examples=False)
    assert [(m.source, round(m.score, 3), m.differing, m.origin) for m in found] == [
        ("Ich sehe den Hund im Park", 0.833, (5,), "memory"),      # a tie: the latest first
        ("Ich sehe den Kater im Garten", 0.833, (3,), "memory"),
    ]   # the third is 3 edits of 7 words (57 %): left out
    assert found[1].entry_id is not None and found[1].target == "I see the tomcat in the garden"
    assert fuzzy.find("Etwas ganz anderes", "de", "en", memory_store, with_examples=False) == ()


def test_a_tie_puts_the_latest_entry_first_and_the_cache_follows_the_store(memory_store):
    memory_store.add("eins zwei drei vier", "one two three four", "de", "en")
    second = memory_store.add("eins zwei drei fünf", "one two three five", "de", "en")
    found = fuzzy.find("eins zwei drei sechs", "de", "en", memory_store, with_examples=False)
    assert [m.entry_id for m in found][0] == second.id
    memory_store.remove(second.id)
    assert [m.source for m in fuzzy.find("eins zwei drei sechs", "de", "en", memory_store, with_examples=False)] == \
        ["eins zwei drei vier"]


def test_examples_come_after_the_memory(memory_store, monkeypatch):
    from types import SimpleNamespace

    memory_store.add("Ich habe einen Hund", "I have a dog", "de", "en")
    examples = [SimpleNamespace(german="Ich habe einen Vogel", english="I have a bird", source="tatoeba",
                                source_name="Tatoeba"),
                SimpleNamespace(german="Du hast einen Hund", english="You have a dog", source="ding",
                                source_name="Ding"),
                SimpleNamespace(german="Ganz anders", english="Quite different", source="ding",
                                source_name="Ding")]
    monkeypatch.setattr(fuzzy, "_example_candidates", lambda text, lang: examples)
    found = fuzzy.find("Ich habe einen Kater", "de", "en", memory_store)
    assert [(m.origin, m.source, m.corpus, m.score) for m in found] == [
        ("memory", "Ich habe einen Hund", "", 0.75), ("example", "Ich habe einen Vogel", "Tatoeba", 0.75)]
    # "Du hast einen Hund": 3 of its 4 words differ from "Ich habe einen Kater"


def test_lookup_in_a_memory_of_1000_entries_is_fast(memory_store, capsys):
    rng = random.Random(7)
    vocab = [f"wort{i}" for i in range(400)]
    rows = [(" ".join(rng.choice(vocab) for _ in range(rng.randint(4, 14))), "x", "de", "en") for _ in range(1000)]
    memory_store.add_many(rows)
    probe = rows[500][0].split()
    probe[1] = "anders"
    text = " ".join(probe)
    fuzzy.find(text, "de", "en", memory_store, with_examples=False)  # fills the cache
    times = []
    for _ in range(20):
        start = time.perf_counter()
        found = fuzzy.find(text, "de", "en", memory_store, with_examples=False)
        times.append((time.perf_counter() - start) * 1000)
    assert found and found[0].source == rows[500][0]
    times.sort()
    with capsys.disabled():
        print(f"\nfuzzy lookup, 1,000 entries: median {times[10]:.2f} ms, max {times[-1]:.2f} ms")
    assert times[10] < 50


def test_examples_from_the_real_index_once_it_is_built(memory_store, tmp_path, monkeypatch):
    from helpers import DATA
    from translator_app.dictionary import examples
    from translator_app.training import examples_package

    data = tmp_path / "examples.xz"
    examples_package.package(DATA / "examples" / "tatoeba-tiny.tsv", DATA / "examples" / "games-tiny.tsv",
                             DATA / "dictionary" / "de-en-tiny", data)
    monkeypatch.setenv("TRANSLATOR_EXAMPLES_DATA", str(data))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    waiting = examples.BuiltIndex()
    monkeypatch.setattr(examples, "BUILT", waiting)
    # not built yet: no examples, and translating does not build the index
    assert fuzzy.find("Wo ist der Bahnhof", "de", "en", memory_store) == ()
    assert not list((tmp_path / "cache").rglob("*.sqlite"))
    examples.Examples.open().close()          # the card (or `lookup --examples`) builds it
    waiting._tried -= examples.BuiltIndex.RETRY_S
    found = fuzzy.find("Wo ist der Bahnhof", "de", "en", memory_store)
    assert (found[0].source, found[0].score, found[0].origin, found[0].corpus) == \
        ("Wo ist der Bahnhof?", 1.0, "example", "Tatoeba")
    assert found[0].target == "Where is the station?"
    assert all(m.score >= 0.75 for m in found)
    en = fuzzy.find("Where is the train station", "en", "de", memory_store)
    assert (en[0].target, en[0].score, en[0].differing) == ("Wo ist der Bahnhof?", 0.8, ())
    waiting.get().close()
