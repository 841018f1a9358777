"""The rule for lost and repeated words (engine/coverage.py) on made-up attention matrices."""

from translator_app.engine import coverage
from translator_app.engine.coverage import Loss, analyse, find_losses


def test_a_content_word_no_output_word_attends_is_dropped():
    source = ["Ich", "habe", "heute", "keine", "Zeit.", "</s>"]
    target = ["I", "have", "no", "time."]
    # nothing looks at "heute" (column 2); "Ich" and "habe" get little, but are function words
    weights = [[0.9, 0.0, 0.02, 0.0, 0.0, 0.08], [0.0, 0.9, 0.02, 0.0, 0.0, 0.08],
               [0.0, 0.0, 0.02, 0.9, 0.0, 0.08], [0.0, 0.0, 0.02, 0.0, 0.9, 0.08]]
    cov = analyse(source, target, weights, "I have no time.", "de")
    assert cov.untranslated == [2]
    assert cov.loop_targets == [] and cov.warnings == ["untranslated"]


def test_nothing_is_flagged_when_every_word_is_some_output_words_peak():
    source = ["Guten", "Morgen", "</s>"]
    target = ["Good", "morning"]
    weights = [[0.6, 0.3, 0.1], [0.35, 0.55, 0.1]]
    cov = analyse(source, target, weights, "Good morning", "de")
    assert cov.untranslated == [] and cov.loop_sources == [] and cov.loop_targets == []
    assert find_losses(["▁Guten", "▁Morgen", "</s>"], ["▁Good", "▁morning"], weights, "Guten Morgen",
                       "Good morning", "de") == []


def test_a_word_the_output_has_as_written_is_not_dropped():
    source = ["Treffen", "um", "17:30", "</s>"]
    target = ["Meeting", "at"]
    weights = [[0.9, 0.05, 0.0, 0.05], [0.1, 0.85, 0.0, 0.05]]  # "17:30" got nothing ...
    assert analyse(source, target, weights, "Meeting at 17:30", "de").untranslated == []  # ... but is there
    assert analyse(source, target, weights, "Meeting at", "de").untranslated == [2]


def test_placeholders_punctuation_and_function_words_are_never_dropped():
    source = ["⟨tag⟩", "der", "!", "Zug", "</s>"]
    target = ["train"]
    weights = [[0.0, 0.0, 0.0, 1.0, 0.0]]
    assert analyse(source, target, weights, "train", "de").untranslated == []


def test_a_word_said_twice_in_a_row_is_a_repeat_unless_the_source_says_it_twice():
    source = ["keine", "Zeit", "</s>"]
    target = ["no", "time", "time"]
    weights = [[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.85, 0.1]]
    cov = analyse(source, target, weights, "no time time", "de")
    assert cov.loop_targets == [1, 2] and cov.loop_sources == [1] and cov.warnings == ["loop"]
    losses = find_losses(["▁keine", "▁Zeit", "</s>"], ["▁no", "▁time", "▁time"], weights, "keine Zeit",
                         "no time time", "de")
    assert losses == [Loss("repeated", ["Zeit"])]
    assert losses[0].to_json() == {"kind": "repeated", "source_words": ["Zeit"]}
    # "sehr sehr" -> "very very" repeats the source, and is no loss
    same = analyse(["sehr", "sehr", "gut", "</s>"], ["very", "very", "good"],
                   [[0.9, 0.05, 0.0, 0.05], [0.05, 0.9, 0.0, 0.05], [0.0, 0.0, 0.95, 0.05]], "very very good", "de")
    assert same.loop_targets == []


def test_a_run_of_words_said_twice_is_a_repeat():
    target = ["the", "train", "the", "train"]
    weights = [[0.5, 0.4, 0.1], [0.1, 0.8, 0.1], [0.5, 0.4, 0.1], [0.1, 0.8, 0.1]]
    cov = analyse(["der", "Zug", "</s>"], target, weights, "the train the train", "de")
    assert cov.loop_targets == [0, 1, 2, 3] and 1 in cov.loop_sources


def test_post_editing_that_removed_the_repeat_leaves_no_warning():
    weights = [[0.05, 0.9, 0.05], [0.05, 0.85, 0.1]]
    assert analyse(["keine", "Zeit", "</s>"], ["time", "time"], weights, "time", "de").loop_targets == []


def test_losses_name_the_words_as_the_input_wrote_them():
    # the model read "Der zug" (ALL-CAPS in sentence case) and wrote nothing for "zug"
    tokens = ["▁Der", "▁", "zug", "▁kommt", "</s>"]
    weights = [[0.9, 0.02, 0.02, 0.0, 0.06], [0.0, 0.02, 0.02, 0.9, 0.06]]
    losses = find_losses(tokens, ["▁THE", "▁COMES"], weights, "DER ZUG KOMMT", "THE COMES", "de")
    assert losses == [Loss("dropped", ["ZUG"])]
    assert coverage.describe(losses) == "not translated: ZUG"
    assert coverage.dropped_words(losses) == 1


def test_the_model_check_adds_words_the_attention_rests_on():
    # all the attention is on "Update", yet the model found the output does not need it
    tokens = ["▁Das", "▁Update", "▁ist", "▁da", "</s>"]
    weights = [[0.0, 0.9, 0.0, 0.0, 0.1], [0.0, 0.0, 0.0, 0.9, 0.1]]
    assert find_losses(tokens, ["▁It", "▁is"], weights, "Das Update ist da", "It is", "de") == []
    assert find_losses(tokens, ["▁It", "▁is"], weights, "Das Update ist da", "It is", "de",
                       left_out=("Update",)) == [Loss("dropped", ["Update"])]
    # ... unless the translation has it as written
    assert find_losses(tokens, ["▁The", "▁Update"], weights, "Das Update ist da", "The Update", "de",
                       left_out=("Update",)) == []


def test_placeholders_lost_by_the_model_are_counted():
    assert coverage.placeholders_lost(["▁⟨tag⟩", "▁Hallo", "▁⟨tag⟩", "</s>"], ["▁⟨tag⟩", "▁Hello"]) == 1
    assert coverage.placeholders_lost(["▁Hallo", "</s>"], ["▁Hello"]) == 0


def test_an_empty_translation_drops_every_content_word():
    losses = find_losses(["▁Guten", "▁Morgen", "</s>"], [], [], "Guten Morgen", "", "de")
    assert losses == [Loss("dropped", ["Guten", "Morgen"])]


def test_a_word_rendered_only_by_an_echo_of_another_words_translation_is_dropped():
    # "Der Zug fährt ab" -> "to train the train": the first "train" rests on "fährt", the
    # second, surer one on "Zug" (the bundled model's word-level attention, rounded)
    source = ["Der", "Zug", "fährt", "ab", "</s>"]
    weights = [[0.52, 0.12, 0.19, 0.10, 0.07], [0.07, 0.28, 0.36, 0.17, 0.12],
               [0.30, 0.23, 0.11, 0.23, 0.13], [0.04, 0.82, 0.09, 0.02, 0.03]]
    assert analyse(source, ["to", "train", "the", "train"], weights, "to train the train", "de").untranslated == [2]
    assert coverage.echoed(source, ["to", "train", "the", "train"], weights) == [2]
    # a word that has a rendering of its own besides the echo is not dropped: "station"
    weights2 = [[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.9, 0.05, 0.05]]
    assert coverage.echoed(["Zug", "Bahnhof", "</s>"], ["train", "station", "train"], weights2) == []
    # nor one said twice for a word the source says twice
    weights3 = [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]]
    assert coverage.echoed(["Zug,", "Zug", "</s>"], ["train", "train"], weights3) == []


def test_a_translation_that_is_its_source_word_for_word_drops_its_content_words():
    tokens = ["▁⟨tag⟩", "▁Hallo", "▁⟨tag⟩", "▁ACHTUNG:", "▁ZUG", "</s>"]
    diagonal = [[1.0 if c == r else 0.0 for c in range(6)] for r in range(5)]
    losses = find_losses(tokens, tokens[:-1], diagonal, "<b>Hallo</b> ACHTUNG: ZUG", "<b>Hallo</b> ACHTUNG: ZUG", "de")
    assert losses == [Loss("dropped", ["Hallo", "ACHTUNG", "ZUG"])]
    assert coverage.is_copy("Hallo ACHTUNG: ZUG", "Hallo  ACHTUNG ZUG") and not coverage.is_copy("Hallo Zug", "Hallo train")
    # one content word copied (a name, a word both languages share) is no warning
    assert find_losses(["▁Berlin", "</s>"], ["▁Berlin"], [[1.0, 0.0]], "Berlin", "Berlin", "de") == []


def test_a_lower_case_word_copied_letter_by_letter_is_dropped():
    # "(sehr" glued to its bracket is cut into letters, and the model copied them
    tokens = ["▁(", "s", "e", "hr", "▁müde", ")", "</s>"]
    diagonal = [[1.0 if c == r else 0.0 for c in range(7)] for r in range(6)]
    target = ["▁(", "s", "e", "hr", "▁tired", ")"]
    assert find_losses(tokens, target, diagonal, "(sehr müde)", "(sehr tired)", "de") == [Loss("dropped", ["sehr"])]
    assert coverage.spelled(["▁(", "s", "e", "hr"]) and not coverage.spelled(["▁sehr"])
    # a word the vocabulary knows, and a capitalised one (a name, an acronym), are no loss
    known = ["▁(", "▁sehr", "▁müde", ")", "</s>"]
    assert find_losses(known, known[:-1], [[1.0 if c == r else 0.0 for c in range(5)] for r in range(4)],
                       "( sehr müde)", "( sehr tired)", "de") == []
    acronym = ["▁(", "K", "D", "E", "▁Paket", ")", "</s>"]
    assert find_losses(acronym, ["▁(", "K", "D", "E", "▁package", ")"], diagonal, "(KDE Paket)", "(KDE package)", "de") == []


def test_a_one_word_source_whose_attention_rests_on_the_end_marker_is_not_dropped():
    # the bundled model's own matrix for "Haus" -> "house": 0.76 of it on </s>
    source, weights = ["Haus", "</s>"], [[0.235, 0.765]]
    assert analyse(source, ["house"], weights, "house", "de").untranslated == []
    # a function word resting on </s> does not vouch for a word; two content words still compete
    assert analyse(source, ["the"], weights, "the", "de").untranslated == [0]
    two = analyse(["Haus", "Garten", "</s>"], ["house"], [[0.3, 0.1, 0.6]], "house", "de")
    assert two.untranslated == [1]
