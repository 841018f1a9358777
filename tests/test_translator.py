"""The Translator facade: sentences, paragraphs, bad input, devices."""

import subprocess
import sys

import pytest

from translator_app.device import DeviceError, requested_device, resolve_device
from translator_app.engine.segment import split_sentences
from translator_app.engine.translator import Translator
from translator_app.engine.config import DecodeConfig


def test_split_sentences_round_trips_the_text():
    text = "Guten Tag. Wie geht es? Das ist z.B. gut.\n\nNeuer Absatz!\nZeile zwei"
    parts = split_sentences(text)
    assert "".join(s + sep for s, sep in parts) == text
    assert [s for s, _ in parts] == ["Guten Tag.", "Wie geht es?", "Das ist z.B. gut.", "Neuer Absatz!", "Zeile zwei"]


def test_multi_sentence_input_keeps_paragraphs_and_block_diagonal_attention(tiny_translator):
    text = "Die Straße wird gerade ausgebessert. Er kommt.\n\nNatives Build-Werkzeug\nfür Node.js"
    result = tiny_translator.translate(text, cfg=DecodeConfig(beam=2))
    assert result.translation.count("\n") == 3
    assert "\n\n" in result.translation
    assert len([s for s in result.segments if s.source]) == 4
    assert len(result.attention) == len(result.target_tokens) == len(result.token_probs)
    for row in result.attention:
        assert len(row) == len(result.source_tokens)
        assert sum(row) == pytest.approx(1.0, abs=1e-5)
    # block-diagonal: the first target token attends only to the first sentence
    first = result.segments[0]
    assert sum(result.attention[0][len(first.source_tokens):]) == 0.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t\n"])
def test_empty_input_gives_an_empty_result(tiny_translator, text):
    result = tiny_translator.translate(text)
    assert result.translation.strip() == ""
    assert result.attention == [] and result.target_tokens == []


@pytest.mark.parametrize("text", ["Hallo\x00 Welt\x07\x1b[31m", "Ich 😀 liebe 🇩🇪 Emoji 👩‍💻", "\u202e\ufeffText\u200b",
                                  "a" * 3000, "€ ½ ² Ω 中文 ﬁ"])
def test_strange_input_never_crashes(tiny_translator, text):
    result = tiny_translator.translate(text, cfg=DecodeConfig(beam=2))
    assert isinstance(result.translation, str)
    assert all(len(r) == len(result.source_tokens) for r in result.attention)


def test_byte_fallback_keeps_every_character(tiny_translator):
    text = "Herr Maier 😀 ñ 中"
    ids = tiny_translator.tokenizer.encode(text)
    assert tiny_translator.tokenizer.decode(ids) == text


def test_huge_input_finishes_with_progress(tiny_translator):
    # ~100k characters, 300 distinct sentences (repeats come from the cache)
    text = "".join(f"Die Straße {i % 300} wird gerade ausgebessert. Er wäre um ein Haar gestorben.\n"
                   for i in range(1400))
    assert len(text) >= 100_000
    seen = []
    result = tiny_translator.translate(text, cfg=DecodeConfig(beam=2), progress=lambda done, total: seen.append((done, total)))
    assert result.translation.count("\n") == 1400
    assert seen and seen[-1][0] == seen[-1][1] == 301
    assert len([s for s in result.segments if s.source]) == 2800
    # the whole-text matrix is capped; every sentence keeps its own
    assert any("attention matrix covers the first" in w for w in result.warnings)
    assert len(result.attention) * len(result.source_tokens) <= 1_000_000
    assert all(len(r) == len(result.source_tokens) for r in result.attention)


def test_unsupported_language_pair_is_a_clear_error(tiny_translator):
    with pytest.raises(ValueError, match="unsupported language pair"):
        tiny_translator.translate("Hallo", src_lang="de", tgt_lang="fr")


def test_device_choice_and_fallback(monkeypatch, tiny_bundle):
    monkeypatch.setenv("TRANSLATOR_DEVICE", "cpu")
    assert requested_device(None) == "cpu"
    assert requested_device("cuda") == "cuda"
    with pytest.raises(DeviceError, match="unknown device"):
        requested_device("tpu")
    import torch

    if not torch.cuda.is_available():
        device, warnings = resolve_device("cuda")
        assert device == "cpu" and "not available" in warnings[0]
        translator = Translator.load(tiny_bundle, device="cuda")
        assert translator.device == "cpu" and translator.warnings
        assert translator.translate("Hallo").device == "cpu"
    assert resolve_device("auto")[0] in {"cpu", "cuda", "mps"}


def test_import_loads_neither_torch_nor_qt():
    code = "import sys, translator_app, translator_app.cli; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_more_distinct_sentences_than_the_cache_holds(tiny_translator):
    texts = [f"Satz Nummer {i}." for i in range(600)]
    results = tiny_translator.translate_many(texts, "de", "en", cfg=DecodeConfig(beam=1))
    assert len(results) == 600 and all(r.source == t for r, t in zip(results, texts))


def test_a_cached_sentence_survives_its_eviction_in_the_same_call(tiny_translator, monkeypatch):
    """A sentence found in the cache, then pushed out by the new results of the same call,
    is still returned (it used to raise KeyError)."""
    from translator_app.engine import translator as translator_module

    monkeypatch.setattr(translator_module, "CACHE_SIZE", 3)
    tiny_translator.clear_cache()
    first = tiny_translator.translate("Ja.", "de", "en", cfg=DecodeConfig(beam=1)).translation
    texts = ["Ja.", "Der Hund.", "Die Katze.", "Das Haus.", "Der Baum.", "Ja."]
    results = tiny_translator.translate_many(texts, "de", "en", cfg=DecodeConfig(beam=1))
    assert [r.source for r in results] == texts
    assert results[0].translation == results[-1].translation == first
    info = tiny_translator.cache_info()
    assert (info.size, info.hits, info.misses) == (3, 2, 5)


def test_int8_is_the_cpu_default_and_the_environment_can_turn_it_off(tiny_bundle, monkeypatch):
    from torch import nn

    from translator_app.engine.translator import Translator

    def has_float_linear(model):
        return any(type(m) is nn.Linear for m in model.modules())

    monkeypatch.delenv("TRANSLATOR_INT8", raising=False)
    quantised = Translator.load(tiny_bundle, device="cpu")
    assert not has_float_linear(quantised.model)
    assert hasattr(quantised.model.decoder, "output_int8")  # the tied projection too
    monkeypatch.setenv("TRANSLATOR_INT8", "0")
    fp32 = Translator.load(tiny_bundle, device="cpu")
    assert has_float_linear(fp32.model)
    text = "Die Straße wird gerade ausgebessert."
    assert quantised.translate(text).translation.strip()
    assert fp32.translate(text).translation.strip()


def test_emoji_at_the_edges_of_a_message_survive_translation(tiny_translator):
    result = tiny_translator.translate("😀 Die Straße wird gerade ausgebessert. Danke!🎉", cfg=DecodeConfig(beam=2))
    assert result.translation.startswith("😀 ")
    assert result.translation.endswith("🎉")
    assert tiny_translator.translate("👍👍", cfg=DecodeConfig(beam=1)).translation == "👍👍"
    inner = tiny_translator.translate("Die Straße 😀 wird gerade ausgebessert.", cfg=DecodeConfig(beam=2)).translation
    assert inner.count("😀") == 1  # where it goes is test_copying.py's business


def test_emoji_do_not_change_what_the_model_reads(tiny_translator):
    # the first decoding; a repair of dropped words may read the emoji as placeholders (repair.py)
    cfg = DecodeConfig(beam=2, repair=False)
    plain_result = tiny_translator.translate("Die Straße wird gerade ausgebessert!", cfg=cfg)
    plain = plain_result.translation
    glued = tiny_translator.translate("Die Straße❤️ wird gerade👍 ausgebessert😀!", cfg=cfg)
    assert [glued.translation.count(e) for e in ("❤️", "👍", "😀")] == [1, 1, 1]
    for emoji in ("❤️", "👍", "😀"):
        glued.translation = glued.translation.replace(emoji, "")
    assert glued.translation.split() == plain.split()
    assert glued.source_tokens == plain_result.source_tokens  # the model never saw the emoji
    repaired = tiny_translator.translate("Die Straße❤️ wird gerade👍 ausgebessert😀!", cfg=DecodeConfig(beam=2))
    assert [repaired.translation.count(e) for e in ("❤️", "👍", "😀")] == [1, 1, 1]  # repaired or not


def test_flags_keycaps_and_terminal_codes_do_not_reach_the_model(tiny_translator):
    england = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    cfg = DecodeConfig(beam=2, repair=False)  # the first decoding, as above
    plain = tiny_translator.translate("Die Straße wird gerade ausgebessert!", cfg=cfg)
    for text, kept in ((f"Die Straße {england} wird gerade ausgebessert!", england),
                       ("Die Straße 1️⃣ wird gerade ausgebessert!", "1️⃣"),
                       ("\x1b[31mDie Straße wird gerade\x1b[0m ausgebessert!\x1b]0;title\x07", None)):
        result = tiny_translator.translate(text, cfg=cfg)
        assert result.source_tokens == plain.source_tokens, text
        if kept is None:
            assert result.translation == plain.translation and "[" not in result.translation
        else:
            assert result.translation.count(kept) == 1
            assert result.translation.replace(kept, "").split() == plain.translation.split()


def test_cpu_threads_default_to_one_and_can_be_set(monkeypatch):
    from translator_app.device import cpu_threads

    monkeypatch.delenv("TRANSLATOR_THREADS", raising=False)
    assert cpu_threads() == 1  # robust with a busy neighbour: see device.cpu_threads
    assert cpu_threads(1) == 1
    monkeypatch.setenv("TRANSLATOR_THREADS", "many")
    with pytest.raises(DeviceError, match="whole number"):
        cpu_threads()
    with pytest.raises(DeviceError, match="at least 1"):
        cpu_threads(-3)


def test_loading_warms_up_and_leaves_the_cache_empty(tiny_bundle, monkeypatch):
    import torch

    from translator_app.engine import langid

    monkeypatch.delenv("TRANSLATOR_THREADS", raising=False)
    langid._table.cache_clear()
    translator = Translator.load(tiny_bundle, device="cpu", quantize=False)
    assert torch.get_num_threads() == 1
    assert langid._table.cache_info().currsize == 1  # the first check does not read the table
    info = translator.cache_info()
    assert (info.size, info.hits, info.misses) == (0, 0, 0)
