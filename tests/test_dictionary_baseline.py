"""Tests for the word-by-word Ding dictionary baseline (uses the small Ding sample)."""

from pathlib import Path

import pytest

from translator_app.training.dictionary_baseline import DictionaryBaseline

DING = Path(__file__).parent / "data" / "corpus" / "ding-sample.txt"


@pytest.fixture(scope="module")
def baseline():
    return DictionaryBaseline.from_ding(DING)


def test_lookup_uses_most_frequent_first_alternative(baseline):
    # "Hund :: dog" occurs in two entries; "Köter :: dog" in one
    assert baseline.lookup("Hund") == "dog"
    assert baseline.lookup("hund") == "dog"  # case-insensitive
    assert baseline.lookup("dog", "en", "de") == "Hund"
    # groß: "big" (first alternative of one entry) vs "large" (first of another): tie, then
    # target-side word frequency in the dictionary ("large" occurs twice) decides
    assert baseline.lookup("groß") == "large"
    # infinitive marker stripped
    assert baseline.lookup("gehen") == "go" and baseline.lookup("go", "en", "de") == "gehen"
    assert baseline.lookup("Abendbrot") is None  # its positional partner "evening meal" is two words
    assert baseline.lookup("cur", "en", "de") is None
    # multi-word entries are not single-word entries
    assert baseline.lookup("Amtszeit") is None


def test_translate_word_by_word_both_directions(baseline):
    assert baseline.translate("Der Hund und die Katze.") == "Der dog und die cat."
    assert baseline.translate("Hunde, Katzen!") == "Dogs, cats!"  # only sentence starts are capitalised
    assert baseline.translate("dogs and cats", src="en", tgt="de") == "Hunde and Katzen"
    assert baseline.translate("Ein  Aal?\n") == "Ein  eel?\n"  # spacing and punctuation kept
    assert baseline.translate("") == ""


def test_from_pairs_and_bad_direction():
    b = DictionaryBaseline.from_pairs([("Haus", "house"), ("Haus", "home"), ("Haus", "house")])
    assert b.translate("Das Haus") == "Das house"
    assert b.translate("home", "en", "de") == "Haus"
    with pytest.raises(ValueError):
        b.translate("x", src="de", tgt="fr")


def test_fallback_alternatives_only_fill_gaps():
    b = DictionaryBaseline.from_entries([
        (["Auto", "Wagen"], ["car", "automobile"]),
        (["Wagen"], ["wagon"]),
    ])
    assert b.lookup("Auto") == "car"
    assert b.lookup("Wagen") == "wagon"  # primary entry beats the 2nd-alternative pairing
    assert b.lookup("automobile", "en", "de") == "Wagen"  # only known as 2nd alternative
