"""Your memory as the first answer layer (tm/answer.py), with the bundled model and the tiny
Ding file: an exact match wins over the dictionary and the model, keeps the model's output
as the first alternative and gets a forced-decoding heatmap; otherwise fuzzy matches ride
along; `translate` uses it unless --no-memory."""

from __future__ import annotations

import json

import pytest

from translator_app.dictionary.memory import Memory
from translator_app.tm.answer import YourMemory, translate_many
from translator_app.tm.store import MemoryStore

from helpers import DATA, run_cli, subprocess_env

TINY = DATA / "dictionary" / "de-en-tiny"


@pytest.fixture(scope="module")
def translator():
    from translator_app.engine.translator import Translator

    return Translator.load(device="cpu", quantize=False)


@pytest.fixture(scope="module")
def ding():
    m = Memory(source=TINY, hash_files=[])
    yield m
    m.close()


def _check_matrix(result):
    assert len(result.attention) == len(result.target_tokens) > 0
    assert len(result.token_probs) == len(result.target_tokens)
    for row in result.attention:
        assert len(row) == len(result.source_tokens) and sum(row) == pytest.approx(1.0, abs=1e-5)


def test_a_stored_translation_is_the_answer_with_the_model_as_first_alternative(translator, ding, memory_store):
    memory_store.add("Der Zug ist spät.", "The train is late, as usual.", "de", "en")
    mine = YourMemory(memory_store, examples=False)
    own = translator.translate("der zug ist spät", "de", "en")
    result = translate_many(translator, ding, mine, ["der  zug ist spät"], "de", "en")[0]
    assert (result.origin, result.translation) == ("memory", "The train is late, as usual.")
    assert [a.translation for a in result.alternatives][:2] == ["The train is late, as usual.", own.translation]
    assert own.translation != "The train is late, as usual."
    _check_matrix(result)
    assert result.similar == () and result.confidence is None
    out = json.loads(json.dumps(result.to_json_dict()))
    assert out["origin"] == "memory" and out["similar"] == []
    # emoji around the words are put back, as the Ding memory puts them back
    heart = translate_many(translator, ding, mine, ["Der Zug ist spät❤️!"], "de", "en")[0]
    assert (heart.origin, heart.translation) == ("memory", "The train is late, as usual❤️.")
    # the other direction is not answered
    assert translate_many(translator, ding, mine, ["Der Zug ist spät."], "en", "de")[0].origin != "memory"


def test_your_memory_wins_over_a_ding_match(translator, ding, memory_store):
    assert translate_many(translator, ding, None, ["Guten Morgen!"], "de", "en")[0].translation == "Good morning!"
    memory_store.add("guten morgen", "Top of the morning!", "de", "en")
    mine = YourMemory(memory_store, examples=False)
    results = translate_many(translator, ding, mine, ["Guten Morgen!", "Enjoy your meal!"], "de", "en")
    assert [(r.origin, r.translation) for r in results][0] == ("memory", "Top of the morning!")
    en = translate_many(translator, ding, mine, ["Enjoy your meal!"], "en", "de")[0]
    assert (en.origin, en.translation) == ("dictionary", "Guten Appetit!")   # not in your memory: Ding


def test_no_exact_match_carries_the_fuzzy_ones(translator, ding, memory_store):
    entry = memory_store.add("Der Zug ist spät.", "The train is late.", "de", "en")
    mine = YourMemory(memory_store, examples=False)
    result = translate_many(translator, ding, mine, ["Der Zug ist sehr spät."], "de", "en")[0]
    assert result.origin == "model"
    assert [(m.source, m.target, m.score, m.origin, m.entry_id) for m in result.similar] == [
        ("Der Zug ist spät.", "The train is late.", 0.8, "memory", entry.id)]
    assert result.to_json_dict()["similar"][0]["score"] == 0.8
    assert translate_many(translator, ding, mine, ["Das Haus ist alt."], "de", "en")[0].similar == ()


def test_a_damaged_memory_costs_no_translation(translator, ding, tmp_path):
    path = tmp_path / "memory.sqlite3"
    path.write_bytes(b"not a database" * 200)
    mine = YourMemory(MemoryStore(path), examples=False)
    result = translate_many(translator, ding, mine, ["Guten Morgen!"], "de", "en")[0]
    assert (result.origin, result.translation) == ("dictionary", "Good morning!")
    assert "damaged" in mine.error and str(path) in mine.error


def test_translate_uses_the_memory_unless_no_memory(tmp_path):
    env = subprocess_env(TRANSLATOR_DATA_DIR=tmp_path / "data", TRANSLATOR_DICTIONARY_DATA=TINY,
                         TRANSLATOR_CACHE_DIR=tmp_path / "cache")
    assert run_cli(["memory", "add", "Guten Morgen!", "Top of the morning!"], env=env).returncode == 0
    text = "guten morgen\nDer Zug ist spät.\n"
    on = run_cli(["translate", "--json", "--beam", "1"], input_text=text, env=env)
    assert on.returncode == 0, on.stderr
    first, second = [json.loads(line) for line in on.stdout.splitlines()]
    assert (first["origin"], first["translation"]) == ("memory", "Top of the morning!")
    assert len(first["attention"]) == len(first["target_tokens"]) > 0
    assert second["origin"] == "model"
    off = run_cli(["translate", "--json", "--beam", "1", "--no-memory"], input_text=text, env=env)
    assert [json.loads(line)["origin"] for line in off.stdout.splitlines()] == ["dictionary", "model"]
    plain = run_cli(["translate", "--beam", "1"], input_text="Guten Morgen!\n", env=env)
    assert plain.stdout == "Top of the morning!\n"
    (tmp_path / "data" / "memory.sqlite3").write_bytes(b"broken" * 300)
    broken = run_cli(["translate", "--beam", "1"], input_text="Guten Morgen!\nGuten Morgen!\n", env=env)
    assert broken.returncode == 0 and broken.stdout == "Good morning!\nGood morning!\n"
    assert broken.stderr.count("translation memory is not used") == 1 and "damaged" in broken.stderr


@pytest.fixture
def example_index(tmp_path):
    """The tiny example corpus's index, as examples.BUILT gives it once it is built."""
    from types import SimpleNamespace

    from translator_app.dictionary.examples import Examples

    ex = Examples.open(DATA / "examples" / "de-en-examples-tiny.xz", tmp_path / "ex.sqlite", hash_files=[])
    yield SimpleNamespace(get=lambda: ex)
    ex.close()


def test_an_example_sentence_is_answered_from_the_corpus_after_your_memory_and_ding(
        translator, example_index, memory_store):
    from translator_app.engine.result import Credit

    ding = Memory(source=TINY, hash_files=[], example_index=example_index)
    own = translator.translate("wo ist der  Bahnhof", "de", "en")
    mine = YourMemory(memory_store, examples=True)
    result = translate_many(translator, ding, mine, ["wo ist der  Bahnhof"], "de", "en")[0]
    assert (result.origin, result.translation) == ("example", "Where is the station?")
    assert result.credit == Credit("tatoeba", "Tatoeba", "CC-BY 2.0 FR")
    assert own.translation != "Where is the station?"     # else the test would not show the answer
    assert [a.translation for a in result.alternatives][:2] == ["Where is the station?", own.translation]
    _check_matrix(result)
    assert result.similar == () and result.confidence is None   # an answer, not a "similar" row
    out = json.loads(json.dumps(result.to_json_dict()))
    assert (out["origin"], out["corpus"], out["licence"], out["similar"]) == ("example", "Tatoeba", "CC-BY 2.0 FR", [])
    assert translate_many(translator, ding, None, ["Wo ist der Bahnhof❤️?"], "de", "en")[0].translation == \
        "Where is the station❤️?"
    # the English side answers the other direction; a part of a sentence, a single word: the model's
    assert translate_many(translator, ding, None, ["Where is the station?"], "en", "de")[0].translation == \
        "Wo ist der Bahnhof?"
    assert [r.origin for r in translate_many(translator, ding, None, ["Wo ist der", "Haus!"], "de", "en")] == \
        ["model", "model"]
    # Ding first (its example sentence is in the corpus too), your memory before both
    assert translate_many(translator, ding, None, ["Wir gehen nach Hause."], "de", "en")[0].origin == "dictionary"
    memory_store.add("Wo ist der Bahnhof?", "Where's the train station?", "de", "en")
    assert translate_many(translator, ding, mine, ["Wo ist der Bahnhof?"], "de", "en")[0].origin == "memory"
    off = Memory(source=TINY, hash_files=[], with_examples=False, example_index=example_index)
    assert translate_many(translator, off, None, ["Wo ist der Bahnhof?"], "de", "en")[0].origin == "model"


def test_translate_answers_an_example_sentence_once_the_index_is_built(tmp_path):
    env = subprocess_env(TRANSLATOR_DATA_DIR=tmp_path / "data", TRANSLATOR_DICTIONARY_DATA=TINY,
                         TRANSLATOR_CACHE_DIR=tmp_path / "cache",
                         TRANSLATOR_EXAMPLES_DATA=DATA / "examples" / "de-en-examples-tiny.xz")
    text = "Wo ist der Bahnhof?\nDer Bahnhof ist weit weg von hier.\n\nWo ist der\n"
    before = run_cli(["translate", "--json", "--beam", "1"], input_text=text, env=env)
    assert before.returncode == 0, before.stderr
    assert [json.loads(line)["origin"] for line in before.stdout.splitlines()] == ["model"] * 4  # no index yet
    assert run_cli(["lookup", "--examples", "Bahnhof"], env=env).returncode == 0   # builds the index
    on = run_cli(["translate", "--json", "--beam", "1"], input_text=text, env=env)
    rows = [json.loads(line) for line in on.stdout.splitlines()]
    assert len(rows) == 4   # one line per input line
    assert [(r["origin"], r["translation"], r["corpus"], r["licence"]) for r in rows[:2]] == [
        ("example", "Where is the station?", "Tatoeba", "CC-BY 2.0 FR"),
        ("example", "The station is far away from here.", "game dialogue", "per game (see the README)")]
    model_own = json.loads(before.stdout.splitlines()[0])["translation"]   # stays an alternative
    assert model_own in [a["translation"] for a in rows[0]["alternatives"]], rows[0]["alternatives"]
    assert [(r["origin"], r["corpus"]) for r in rows[2:]] == [("model", "")] * 2
    plain = run_cli(["translate", "--beam", "1"], input_text=text, env=env)
    assert plain.stdout.splitlines()[:2] == ["Where is the station?", "The station is far away from here."]
    assert len(plain.stdout.splitlines()) == 4
    off = run_cli(["translate", "--json", "--beam", "1", "--no-dictionary"], input_text=text, env=env)
    assert [json.loads(line)["origin"] for line in off.stdout.splitlines()] == ["model"] * 4
