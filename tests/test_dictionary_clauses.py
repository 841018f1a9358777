"""Texts made of Ding phrases (dictionary/clauses.py) and the question rule (ding.asks_otherwise)."""

import pytest

from translator_app.dictionary import ding, phrases
from translator_app.dictionary.clauses import compose
from translator_app.dictionary.memory import find

PHRASES = {"guten morgen": "Good morning!", "wie geht es dir": "How are you?", "vielen dank": "thanks a lot",
           "good morning": "Guten Morgen!", "how are you": "Wie geht es Ihnen?", "i am fine": "Mir geht es gut.",
           "thank you": "Danke!"}


def answer(text, lang):
    return PHRASES.get(ding.fold(text))


def test_every_clause_a_phrase_gives_their_translations_joined():
    assert compose("Guten Morgen, wie geht es dir?", "de", answer) == "Good morning, how are you?"
    assert compose("Vielen Dank, wie geht es dir", "de", answer) == "Thanks a lot, how are you"
    # German keeps a noun's capital and "Ihnen"; a first word it may lower is lowered
    assert compose("Good morning, how are you?", "en", answer) == "Guten Morgen, wie geht es Ihnen?"
    assert compose("Thank you, I am fine.", "en", answer) == "Danke, mir geht es gut."
    fine = {"mir geht es gut": "I am fine."}
    assert compose("Guten Morgen, mir geht es gut.", "de",
                   lambda t, l: fine.get(ding.fold(t)) or answer(t, l)) == "Good morning, I am fine."


def test_a_one_word_greeting_or_answer_may_be_a_clause_beside_a_phrase():
    assert compose("Hallo, wie geht es dir?", "de", answer) == "Hello, how are you?"
    assert compose("Ja, vielen Dank!", "de", answer) == "Yes, thanks a lot!"
    assert compose("Hello, how are you?", "en", answer) == "Hallo, wie geht es Ihnen?"
    # only greetings: no phrase, left to the model; so is a name
    assert compose("Hallo, danke", "de", answer) is None
    assert compose("Anna, wie geht es dir?", "de", answer) is None


@pytest.mark.parametrize("text", ["Guten Morgen, Anna", "Guten Morgen", "Guten Morgen,wie geht es dir",
                                  ", wie geht es dir", "Guten Morgen, wie geht es dir, " * 3])
def test_a_clause_that_is_no_phrase_leaves_the_text_to_the_model(text):
    assert compose(text, "de", answer) is None


def test_a_question_is_not_answered_by_a_statement_nor_the_reverse():
    assert ding.asks_otherwise("?", ".") and ding.asks_otherwise("!", "?")
    assert not ding.asks_otherwise("?", "?") and not ding.asks_otherwise(".", "!")
    assert not ding.asks_otherwise("", "?") and not ding.asks_otherwise("?", "")


def test_the_shipped_table_answers_the_readme_greeting_and_keeps_questions_apart():
    table = phrases.for_data()
    hit = find(table, "Guten Morgen, wie geht es dir?", "de")
    assert hit is not None and hit.translation == "Good morning, how are you?"
    assert table.answer("Ja, bitte?", "de") == "Yes?"
    assert table.answer("Ja, bitte.", "de") != "Yes?"
    assert find(table, "Ich glaube, dass er kommt.", "de") is None
    hit = find(table, "Hallo, wie geht es Ihnen?", "de")
    assert hit is not None and hit.translation == "Hello, how are you?"
    # the clause after the comma is asked as a sentence: the greeting, not the exercise
    hit = find(table, "Hello, good morning!", "en")
    assert hit is not None and hit.translation.startswith("Hallo, guten Morgen"), hit
