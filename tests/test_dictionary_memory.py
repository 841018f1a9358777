"""Exact translation memory and forced decoding, with the bundled model and the tiny Ding file."""

from __future__ import annotations

import json
import sys

import pytest

from translator_app.dictionary import memory
from translator_app.dictionary.lookup import Dictionary

from helpers import DATA, run_cli
from translator_app.engine.config import DecodeConfig

TINY = DATA / "dictionary" / "de-en-tiny"


@pytest.fixture(scope="module")
def translator():
    from translator_app.engine.translator import Translator

    return Translator.load(device="cpu", quantize=False)


@pytest.fixture(scope="module")
def mem():
    """The memory over the tiny Ding file: its phrase table is built in memory on the first
    lookup (the shipped one is of other data); no index is built or read."""
    m = memory.Memory(source=TINY, hash_files=[])
    yield m
    m.close()


class OnlyTheDoor:
    """A Translator seen only through the two calls the memory may make."""

    def __init__(self, translator):
        self._translator = translator

    def translate_many(self, *args, **kwargs):
        return self._translator.translate_many(*args, **kwargs)

    def score(self, *args, **kwargs):
        return self._translator.score(*args, **kwargs)


def one(translator, mem, text, src, tgt, cfg=None):
    return memory.translate_many(OnlyTheDoor(translator), mem, [text], src, tgt, cfg)[0]


def _check_matrix(attention, target_tokens, source_tokens):
    assert len(attention) == len(target_tokens) > 0
    for row in attention:
        assert len(row) == len(source_tokens)
        assert sum(row) == pytest.approx(1.0, abs=1e-5)
        assert min(row) >= 0.0


def test_forced_scores_match_the_models_own_greedy_choice(translator):
    own = translator.translate("Das Haus ist alt.", "de", "en", cfg=DecodeConfig(beam=1))
    forced = translator.score("Das Haus ist alt.", own.translation, "de", "en", DecodeConfig(beam=1))
    assert forced.translation == own.translation and forced.source == "Das Haus ist alt."
    assert forced.alternatives[0].score == pytest.approx(own.alternatives[0].score, abs=1e-3)
    assert forced.target_tokens == own.target_tokens
    assert forced.source_tokens == own.source_tokens
    assert forced.token_probs == pytest.approx(own.token_probs, abs=1e-4)
    for mine, theirs in zip(forced.attention, own.attention, strict=True):
        assert mine == pytest.approx(theirs, abs=1e-4)
    _check_matrix(forced.attention, forced.target_tokens, forced.source_tokens)


def test_forced_decoding_of_another_translation(translator):
    forced = translator.score("Guten Morgen!", "Good morning, dear friend!", "de", "en")
    assert forced.translation == "Good morning, dear friend!"
    assert [a.translation for a in forced.alternatives] == ["Good morning, dear friend!"]
    assert len(forced.token_probs) == len(forced.target_tokens)
    assert all(0.0 < p <= 1.0 for p in forced.token_probs) and forced.alternatives[0].score < 0
    _check_matrix(forced.attention, forced.target_tokens, forced.source_tokens)
    flat = translator.score("Guten Morgen!", "Good morning, dear friend!", "de", "en", DecodeConfig(length_penalty=0.0))
    assert flat.alternatives[0].score < forced.alternatives[0].score  # the plain sum of log-probabilities
    with pytest.raises(ValueError):
        translator.score("Guten Morgen!", "Guten Morgen!", "de", "de")


def test_exact_match_becomes_the_answer_with_the_model_as_first_alternative(translator, mem):
    own = translator.translate("guten morgen", "de", "en")
    result = one(translator, mem, "guten morgen", "de", "en")
    assert result.origin == "dictionary"
    assert result.translation == "Good morning!"
    assert result.alternatives[0].translation == "Good morning!"
    if own.translation != "Good morning!":
        assert result.alternatives[1].translation == own.translation
    _check_matrix(result.attention, result.target_tokens, result.source_tokens)
    assert len(result.token_probs) == len(result.target_tokens)
    assert result.segments[0].attention == result.attention
    assert result.confidence is None  # a human translation: no model confidence
    assert json.loads(json.dumps(result.to_json_dict()))["origin"] == "dictionary"


def test_english_to_german_and_no_match(translator, mem):
    result = one(translator, mem, "Enjoy your meal!", "en", "de")
    assert (result.origin, result.translation) == ("dictionary", "Guten Appetit!")
    plain = one(translator, mem, "Der Zug ist spät.", "de", "en")
    assert plain.origin == "model" and plain.to_json_dict()["origin"] == "model"
    assert one(translator, None, "Guten Morgen!", "de", "en").origin == "model"
    many = memory.translate_many(OnlyTheDoor(translator), mem, ["Guten Morgen!", "Haus"], "de", "en")
    assert [r.origin for r in many] == ["dictionary", "model"]


def test_translate_json_has_origin():
    proc = run_cli(["translate", "--json", "--from", "de", "--to", "en", "--beam", "1"], input_text="Hallo\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["origin"] == "model"


def test_at_a_terminal_the_cli_says_when_the_example_sentences_are_not_used_yet(tiny_bundle, monkeypatch, capsys):
    from translator_app import cli, cli_translate

    args = ["translate", "--model", str(tiny_bundle), "--from", "de", "--to", "en", "--beam", "1", "Haus"]
    monkeypatch.setattr(cli_translate, "_isatty", lambda stream: stream is not sys.stdout)
    # not built (another test of the session may have built the shared index: not relied on)
    monkeypatch.setattr(memory.examples.BUILT, "get", lambda: None)
    assert cli.main(args) == 0
    assert cli_translate.EXAMPLES_NOTE in capsys.readouterr().err
    assert cli.main(args + ["--no-dictionary"]) == 0
    assert cli_translate.EXAMPLES_NOTE not in capsys.readouterr().err  # nothing of the corpus is asked
    monkeypatch.setattr(memory.examples.BUILT, "get", lambda: object())
    assert cli.main(args) == 0
    assert cli_translate.EXAMPLES_NOTE not in capsys.readouterr().err  # built: it answers
    monkeypatch.setattr(cli_translate, "_isatty", lambda stream: False)
    monkeypatch.setattr(memory.examples.BUILT, "get", lambda: None)
    assert cli.main(args) == 0
    assert cli_translate.EXAMPLES_NOTE not in capsys.readouterr().err  # a pipe or a log: no note


INPUTS = ["Guten Morgen!", "guten morgen", "Der Zug ist spät.", "Guten Morgen❤️!", "😀 Enjoy your meal",
          "Guten ❤️ Morgen!", "<b>Guten Morgen!</b>", "Wir gehen nach Hause.", "Haus"]


def _outputs(translator, texts, src, tgt):
    out = []
    for r in memory.translate_many(OnlyTheDoor(translator), memory.Memory(source=TINY, hash_files=[]), texts, src, tgt):
        d = r.to_json_dict()
        d.pop("ms")
        out.append(d)
    return out


def test_the_same_answers_with_an_empty_cache_and_with_a_built_index(translator, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    de = [t for t in INPUTS if "Enjoy" not in t]
    empty = _outputs(translator, de, "de", "en"), _outputs(translator, ["😀 Enjoy your meal"], "en", "de")
    assert not (tmp_path / "cache").exists()                               # the memory built nothing
    Dictionary.open(source=TINY, hash_files=[]).close()                    # `lookup` or the card builds it
    assert list((tmp_path / "cache").rglob("*.sqlite"))
    built = _outputs(translator, de, "de", "en"), _outputs(translator, ["😀 Enjoy your meal"], "en", "de")
    assert built == empty
    (tmp_path / "cache" / "dictionary" / "de-en.sqlite").write_bytes(b"garbage")   # a damaged index: the same
    assert (_outputs(translator, de, "de", "en"), _outputs(translator, ["😀 Enjoy your meal"], "en", "de")) == empty
    origins = [d["origin"] for d in empty[0]]
    assert origins == ["dictionary", "dictionary", "model", "dictionary", "model", "dictionary", "dictionary", "model"]
    assert empty[1][0]["translation"] == "😀 Guten Appetit!"


def test_emoji_and_spans_come_back_exactly(translator, mem):
    own = translator.translate("Guten Morgen❤️!", "de", "en")
    result = one(translator, mem, "Guten Morgen❤️!", "de", "en")
    assert (result.origin, result.translation) == ("dictionary", "Good morning❤️!")
    assert result.alternatives[0].translation == "Good morning❤️!" and result.source == "Guten Morgen❤️!"
    if own.translation != "Good morning❤️!":
        assert result.alternatives[1].translation == own.translation
    scored = translator.score("Guten Morgen!", "Good morning!", "de", "en")
    assert result.source_tokens == scored.source_tokens                 # scored as the model reads it
    assert result.alternatives[0].score == scored.alternatives[0].score
    _check_matrix(result.attention, result.target_tokens, result.source_tokens)
    tagged = one(translator, mem, "<b>Guten Morgen!</b>", "de", "en")
    assert (tagged.origin, tagged.translation) == ("dictionary", "<b>Good morning!</b>")
    assert one(translator, mem, "Guten ❤️ Morgen!", "de", "en").origin == "model"   # the model places it


def test_the_issues_example_keeps_its_heart(translator):
    """The shipped table (no TRANSLATOR_DICTIONARY_DATA here): "Ich liebe dich❤️!" was "Love you!"
    with the index built and "I love you❤️!" without it."""
    shipped = memory.Memory()
    result = one(translator, shipped, "Ich liebe dich❤️!", "de", "en")
    assert shipped.table().origin == "shipped"
    assert result.origin == "dictionary" and result.translation == "Love you❤️!"
    assert one(translator, shipped, "Ich liebe dich!", "de", "en").translation == "Love you!"


def test_a_dictionary_answer_does_not_carry_the_models_lost_words(translator, mem):
    from dataclasses import replace

    from translator_app.engine.coverage import Loss

    class LosesWords(OnlyTheDoor):
        def translate_many(self, *args, **kwargs):
            return [replace(r, segments=[replace(s, losses=[Loss("dropped", ["Morgen"])]) for s in r.segments])
                    for r in super().translate_many(*args, **kwargs)]

    texts = ["Der Zug ist spät.", "Guten Morgen!"]
    lossy, result = memory.translate_many(LosesWords(translator), mem, texts, "de", "en")
    assert lossy.origin == "model"
    assert lossy.to_json_dict()["warnings"] == [{"kind": "dropped", "source_words": ["Morgen"]}]
    assert result.origin == "dictionary" and result.losses == [] and result.to_json_dict()["warnings"] == []
