"""Exact translation memory and forced decoding, with the bundled model and the tiny Ding file."""

from __future__ import annotations

import json

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
def mem(tmp_path_factory):
    """The memory over the tiny Ding file's index, built first (the memory never builds it)."""
    opts = {"source": TINY, "db_path": tmp_path_factory.mktemp("dict") / "d.sqlite", "hash_files": []}
    Dictionary.open(**opts).close()
    m = memory.Memory(**opts)
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
    assert 0.0 < result.confidence <= 1.0
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


def test_worker_memory_waits_for_someone_else_to_build(translator, tmp_path):
    opts = {"source": TINY, "db_path": tmp_path / "m.sqlite", "hash_files": []}
    mem = memory.Memory(retry_s=0.0, **opts)
    assert one(translator, mem, "Guten Morgen!", "de", "en").origin == "model"   # not built: no wait
    assert not opts["db_path"].exists()
    Dictionary.open(**opts).close()                                              # the card builds it
    assert one(translator, mem, "Guten Morgen!", "de", "en").origin == "dictionary"
    mem.close()
    opts["db_path"].write_bytes(b"garbage")                                      # damaged: model answer
    mem2 = memory.Memory(retry_s=0.0, **opts)
    assert one(translator, mem2, "Guten Morgen!", "de", "en").origin == "model"
