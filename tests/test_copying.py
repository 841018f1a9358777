"""Copy-through of names and numbers (copying.py), on hand-made attention."""

import pytest

from translator_app.engine.copying import copy_protected, group_words, is_protected, place_emoji, split_emoji


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


@pytest.mark.parametrize("source, plain", [
    ("Guten Morgen! 😀", "Guten Morgen!"),
    ("Ich liebe dich❤️!", "Ich liebe dich!"),
    ("Hallo😀Welt", "Hallo Welt"),            # glued between letters: still two words
    ("👩‍💻 Ich  arbeite 🇩🇪 🇩🇪", "Ich arbeite"),  # ZWJ sequence and flags go whole
    ("Firefox™ läuft bei 20 °C", "Firefox™ läuft bei 20 °C"),  # not emoji
    ("😀😀", ""),
    ("Drücke 1️⃣ oder #️⃣ jetzt", "Drücke oder jetzt"),  # a keycap goes whole, digit included
    ("Ich habe 1 Hund, Platz #1", "Ich habe 1 Hund, Platz #1"),  # a plain digit or # stays
    ("England 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f ist schön", "England ist schön"),
])
def test_split_emoji_leaves_the_model_plain_text(source, plain):
    assert split_emoji(source)[0] == plain


def _place(source: str, target: list[str], alignment: dict[int, int]) -> str:
    plain, runs = split_emoji(source)
    return place_emoji(target, runs, lambda i: alignment.get(i, -1))


@pytest.mark.parametrize("source, target, alignment, expected", [
    ("Guten Morgen! 😀", ["Good", "morning!"], {}, "Good morning! 😀"),
    ("Danke!😀", ["Thanks!"], {}, "Thanks!😀"),
    ("🎉🎉 Alles Gute", ["All", "the", "best"], {}, "🎉🎉 All the best"),
    ("👩‍💻 Ich arbeite 🇩🇪 🇩🇪", ["I", "work"], {}, "👩‍💻 I work 🇩🇪 🇩🇪"),
    # inner emoji follow the target word aligned with the source word before them
    ("Ich 😀 liebe dich", ["I", "love", "you"], {0: 0}, "I 😀 love you"),
    ("Ich liebe dich❤️!", ["I", "love", "you!"], {2: 2}, "I love you❤️!"),  # before the "!", as in the source
    ("Hallo😀 Welt", ["Hello", "world"], {0: 0}, "Hello😀 world"),
    ("Ich 😀 liebe dich", [], {}, "😀"),
    ("Wähle 1️⃣ bitte", ["Choose", "please"], {0: 0}, "Choose 1️⃣ please"),  # the model wrote nothing: the emoji are not lost
])
def test_emoji_are_put_back_where_the_source_had_them(source, target, alignment, expected):
    assert _place(source, target, alignment) == expected


def test_group_words_keeps_special_tokens_alone():
    assert group_words(["▁Die", "▁Stra", "ße", "</s>"]) == [[0], [1, 2], [3]]
    assert group_words(["ße", "▁a"]) == [[0], [1]]
    assert group_words(["<2en>", "Stra", "ße", "▁⟨URL⟩", "."]) == [[0], [1, 2], [3, 4]]
    assert group_words([]) == []
