"""Copy-through of names and numbers (copying.py), on hand-made attention."""

import pytest

from translator_app.engine.copying import (copy_protected, group_words, insert_inner_emoji, is_protected,
                                          restore_edge_emoji)


def test_protected_words():
    de = "Herr Maier kommt um 17:30 Uhr mit LibreOffice und foo_bar.".split()
    assert [w for i, w in enumerate(de) if is_protected(de, i, "de")] == ["Maier", "17:30", "LibreOffice", "foo_bar."]
    en = "The dog of Anna runs. Then it sleeps.".split()
    assert [w for i, w in enumerate(en) if is_protected(en, i, "en")] == ["Anna"]


def test_group_words_follows_word_marks():
    assert group_words(["▁Her", "r", "▁Ma", "ier", "▁1", "7"]) == [[0, 1], [2, 3], [4, 5]]


def test_missing_number_replaces_the_most_attending_word():
    source = ["um", "17:30", "Uhr."]
    src_groups = [[0], [1, 2], [3]]
    target = ["at", "1000", "o'clock."]
    tgt_groups = [[0], [1], [2]]
    attention = [[0.9, 0.05, 0.05, 0.0], [0.1, 0.4, 0.4, 0.1], [0.1, 0.1, 0.1, 0.7]]
    words, replaced = copy_protected(source, src_groups, target, tgt_groups, attention, "de")
    assert words == ["at", "17:30", "o'clock."] and replaced == [1]


def test_present_words_and_punctuation_are_left_alone():
    words, replaced = copy_protected(["um", "17:30."], [[0], [1]], ["at", "17:30."], [[0], [1]],
                                     [[1.0, 0.0], [0.0, 1.0]], "de")
    assert replaced == [] and words == ["at", "17:30."]
    words, replaced = copy_protected(["Version", "2.0"], [[0], [1]], ["version", "."], [[0], [1]],
                                     [[0.9, 0.1], [0.0, 1.0]], "de")
    assert words == ["2.0", "."]  # the punctuation-only word is skipped


@pytest.mark.parametrize("source, text, expected", [
    ("Guten Morgen! 😀", "Good morning!", "Good morning! 😀"),
    ("Danke!😀", "Thanks!", "Thanks!😀"),
    ("🎉🎉 Alles Gute", "All the best", "🎉🎉 All the best"),
    ("👩‍💻 Ich arbeite 🇩🇪", "I work", "👩‍💻 I work 🇩🇪"),  # ZWJ sequence and flag stay whole
    ("Guten Morgen! 😀", "Good morning! 😀", "Good morning! 😀"),  # the model kept it: no double
    ("😀😀", "Hello", "😀😀"),  # nothing but emoji
    ("Firefox™ läuft bei 20 °C", "Firefox runs at 20 °C", "Firefox runs at 20 °C"),  # not emoji
    ("Ich 😀 liebe dich", "I love you", "I love you"),  # inside a sentence: not at an edge
])
def test_edge_emoji_are_put_back(source, text, expected):
    assert restore_edge_emoji(source, text) == expected


def test_inner_emoji_go_after_the_word_aligned_with_their_left_neighbour():
    source = ["Ich", "😀", "liebe", "dich", "🇩🇪🇩🇪"]
    groups = [[0], [1, 2], [3], [4], [5, 6]]
    target = ["I", "love", "you"]
    rows = [[0], [1], [2]]
    attention = [[0.9, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0],   # I    <- Ich
                 [0.0, 0.1, 0.0, 0.8, 0.1, 0.0, 0.0],   # love <- liebe
                 [0.1, 0.0, 0.0, 0.1, 0.8, 0.0, 0.0]]   # you  <- dich
    assert insert_inner_emoji(source, groups, target, rows, attention) == ["I", "😀", "love", "you"]
    # the trailing flag pair is restore_edge_emoji's job; one the model kept is not doubled
    assert insert_inner_emoji(source, groups, ["I", "😀", "love", "you"], [[0], [1], [2], [2]],
                              attention) == ["I", "😀", "love", "you"]
