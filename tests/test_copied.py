"""Words copied, not translated (engine/copied.py), with a made-up glossary and the shipped one."""

from translator_app.dictionary import ding
from translator_app.dictionary.senses import glossary as shipped_glossary
from translator_app.engine.copied import Glossary, copied_words, prefer_translated, rendered, unrendered
from translator_app.engine.coverage import FUNCTION_WORDS, find_losses

WORDS = {"bargeld": {"cash"}, "maler": {"painter"}, "butter": {"butter"}, "schneider": {"tailor"},
         "kaese": {"cheese"}, "was": {"what"}}
ENGLISH = {"cash": {"bargeld"}, "painter": {"maler"}, "was": {"wurde"}}
GLOSSARY = Glossary(lambda w, lang: frozenset((WORDS if lang == "de" else ENGLISH).get(ding.fold(w), ())), ding.fold)
DE = FUNCTION_WORDS["de"]


def test_a_copied_word_the_dictionary_translates_otherwise_is_named():
    assert copied_words("Ich will Bargeld.", "I want Bargeld.", "de", GLOSSARY) == ("Bargeld",)
    assert copied_words("Ich will Bargeld.", "I want cash.", "de", GLOSSARY) == ()
    # a word that translates to itself, an unknown one, and no glossary at all
    assert copied_words("Brot und Butter", "Brot and Butter", "de", GLOSSARY) == ()
    assert copied_words("Ich will Bargeld.", "I want Bargeld.", "de", None) == ()
    # an ending glued on is a copy too
    assert copied_words("Ich will Bargeld.", "I want Bargelds.", "de", GLOSSARY) == ("Bargeld",)
    # folded: "Käse" is the dictionary's "kaese"
    assert copied_words("Ich mag Käse.", "I like Käse.", "de", GLOSSARY) == ("Käse",)
    # inside markup, as the repair's pieces (cut at the tags) see it
    assert copied_words("<p>Ich will <b>Bargeld</b></p>", "<p>I want <b>Bargeld</b></p>", "de",
                        GLOSSARY) == ("Bargeld",)


def test_names_and_function_words_are_not_copies():
    assert copied_words("Herr Schneider kommt.", "Herr Schneider is coming.", "de", GLOSSARY) == ()
    assert copied_words("Tom Schneider kommt.", "Tom Schneider is coming.", "de", GLOSSARY) == ()
    assert copied_words("Der Schneider kommt.", "The Schneider is coming.", "de", GLOSSARY) == ("Schneider",)
    # "was" is an English word too
    assert copied_words("Was war das?", "What was that?", "de", GLOSSARY) == ()


def test_the_first_hypothesis_that_translates_the_copied_word_is_taken():
    texts = ["Tom isn't Maler.", "Tom is not Maler.", "Tom isn't a painter.", "Tom is a painter."]
    assert prefer_translated("Tom ist kein Maler.", texts, [-0.3, -0.4, -0.5, -0.6], "de", GLOSSARY) == 2
    # too unlikely, or much shorter, or nothing to replace: the best stays
    assert prefer_translated("Tom ist kein Maler.", texts, [-0.3, -0.4, -0.9, -0.95], "de", GLOSSARY) == 0
    short = ["1. Maler 2. Butter 3. cheese", "1th painter."]
    assert prefer_translated("1. Maler 2. Butter 3. Käse", short, [-0.4, -0.5], "de", GLOSSARY) == 0
    assert prefer_translated("Ich will Bargeld.", ["I want cash.", "I want money."], [-0.2, -0.3], "de", GLOSSARY) == 0


def test_a_copy_is_a_dropped_word_and_a_dictionary_rendering_is_not():
    tokens, weights = ["▁Ich", "▁will", "▁Bargeld", ".", "</s>"], [[0.8, 0.05, 0.05, 0.05, 0.05],
                                                                   [0.05, 0.8, 0.05, 0.05, 0.05],
                                                                   [0.05, 0.05, 0.8, 0.05, 0.05]]
    target = ["▁I", "▁want", "▁Bargeld."]
    assert find_losses(tokens, target, weights, "Ich will Bargeld.", "I want Bargeld.", "de") == []
    losses = find_losses(tokens, target, weights, "Ich will Bargeld.", "I want Bargeld.", "de", copied=("Bargeld",))
    assert [(l.kind, l.source_words) for l in losses] == [("dropped", ["Bargeld"])]
    assert rendered("Maler", "Tom isn't a painter.", "de", GLOSSARY)
    assert not rendered("Maler", "Tom isn't a Maler.", "de", GLOSSARY) and not rendered("Maler", "x", "de", None)
    # an ending aside, built from the translation only: "painters", not "paint"
    assert rendered("Maler", "They are painters.", "de", GLOSSARY)
    assert not rendered("Maler", "They paint.", "de", GLOSSARY)
    note = Glossary(lambda w, lang: frozenset({"note", "taxes", "come"}), ding.fold)
    assert rendered("Hinweis", "Noted.", "de", note) and rendered("Steuern", "with tax", "de", note)
    assert rendered("kommt", "He is coming.", "de", note) and not rendered("nicht", "not", "de", note)
    assert rendered("comes", "Er kommt.", "en", Glossary(lambda w, lang: frozenset({"kommen"}), ding.fold))
    # what coverage.guessed is told: known to the dictionary, and none of its translations there
    assert unrendered("Maler,", "Tom isn't Maler.", "de", GLOSSARY)
    assert not unrendered("Maler", "Tom isn't a painter.", "de", GLOSSARY) and not unrendered("Tom", "x", "de", GLOSSARY)


def test_the_shipped_glossary_knows_everyday_words_both_ways():
    g = shipped_glossary()
    assert "cash" in g.translations("Bargeld", "de") and "bread" in g.translations("Brot", "de")
    assert "kaese" in g.translations("cheese", "en")
    assert g.translations("Tom", "de") == frozenset()
    # an inflected word gets its headword's translations too: Ding pairs "kommt" with "happens" only
    assert {"come", "happens"} <= g.translations("kommt", "de") and "kommen" in g.translations("comes", "en")
    assert copied_words("Ich spiele gern Schach.", "I like playing Schach.", "de", g, DE) == ("Schach",)
