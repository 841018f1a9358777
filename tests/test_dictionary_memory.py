"""Exact translation memory and forced decoding, with the bundled model and the tiny Ding file."""

from __future__ import annotations

import json

import pytest

from translator_app.dictionary import memory
from translator_app.dictionary.lookup import Dictionary

from helpers import DATA, run_cli

TINY = DATA / "dictionary" / "de-en-tiny"


@pytest.fixture(scope="module")
def translator():
    from translator_app.engine.translator import Translator

    return Translator.load(device="cpu", quantize=False)


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory):
    d = Dictionary.open(source=TINY, db_path=tmp_path_factory.mktemp("dict") / "d.sqlite", hash_files=[])
    yield d
    d.close()


def _check_matrix(attention, target_tokens, source_tokens):
    assert len(attention) == len(target_tokens) > 0
    for row in attention:
        assert len(row) == len(source_tokens)
        assert sum(row) == pytest.approx(1.0, abs=1e-5)
        assert min(row) >= 0.0


def test_forced_scores_match_the_models_own_greedy_choice(translator):
    from translator_app.engine.forced import forced_score

    own = translator.translate("Das Haus ist alt.", "de", "en", beam=1)
    forced = forced_score(translator.model, translator.tokenizer, "Das Haus ist alt.", own.translation, "en")
    assert forced.target_tokens == own.target_tokens
    assert forced.source_tokens == own.source_tokens
    assert forced.token_probs == pytest.approx(own.token_probs, abs=1e-4)
    for mine, theirs in zip(forced.attention, own.attention, strict=True):
        assert mine == pytest.approx(theirs, abs=1e-4)
    _check_matrix(forced.attention, forced.target_tokens, forced.source_tokens)


def test_forced_decoding_of_another_translation(translator):
    from translator_app.engine.forced import forced_score

    forced = forced_score(translator.model, translator.tokenizer, "Guten Morgen!", "Good morning, dear friend!", "en")
    assert translator.tokenizer.decode(forced.target_ids) == "Good morning, dear friend!"
    assert len(forced.token_probs) == len(forced.target_tokens)
    assert all(0.0 < p <= 1.0 for p in forced.token_probs) and forced.score < 0
    _check_matrix(forced.attention, forced.target_tokens, forced.source_tokens)


def test_exact_match_becomes_the_answer_with_the_model_as_first_alternative(translator, dictionary):
    own = translator.translate("guten morgen", "de", "en")
    result = memory.translate(translator, dictionary, "guten morgen", "de", "en")
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


def test_english_to_german_and_no_match(translator, dictionary):
    result = memory.translate(translator, dictionary, "Enjoy your meal!", "en", "de")
    assert (result.origin, result.translation) == ("dictionary", "Guten Appetit!")
    plain = memory.translate(translator, dictionary, "Der Zug ist spät.", "de", "en")
    assert plain.origin == "model" and plain.to_json_dict()["origin"] == "model"
    assert memory.translate(translator, None, "Guten Morgen!", "de", "en").origin == "model"
    many = memory.apply_many(translator, dictionary, ["Guten Morgen!", "Haus"],
                             translator.translate_many(["Guten Morgen!", "Haus"], "de", "en"), "de")
    assert [r.origin for r in many] == ["dictionary", "model"]


def test_translate_json_has_origin():
    proc = run_cli(["translate", "--json", "--from", "de", "--to", "en", "--beam", "1"], input_text="Hallo\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["origin"] == "model"


def test_worker_memory_waits_for_someone_else_to_build(translator, tmp_path):
    opts = {"source": TINY, "db_path": tmp_path / "m.sqlite", "hash_files": []}
    mem = memory.Memory(retry_s=0.0, **opts)
    model = translator.translate("Guten Morgen!", "de", "en")
    assert mem.apply(translator, "Guten Morgen!", "de", model).origin == "model"   # not built: no wait
    assert not opts["db_path"].exists()
    Dictionary.open(**opts).close()                                                # the card builds it
    assert mem.apply(translator, "Guten Morgen!", "de", model).origin == "dictionary"
    mem.close()
    opts["db_path"].write_bytes(b"garbage")                                        # damaged: model answer
    mem2 = memory.Memory(retry_s=0.0, **opts)
    assert mem2.apply(translator, "Guten Morgen!", "de", model).origin == "model"
