"""DecodeConfig is the one decoding contract: validated once, carried into the cache key."""

import pytest

from translator_app.engine import search
from translator_app.engine.config import MAX_BEAM, DecodeConfig, DecodeConfigError
from translator_app.engine.segment import sentences, split_sentences


@pytest.mark.parametrize("changes, option, words", [
    ({"beam": 0}, "beam", "between 1 and 64"),
    ({"beam": 100_000}, "beam", "not 100000"),
    ({"beam": 64, "n_best": 65}, "n_best", "between 1 and 64"),
    ({"beam": 2, "n_best": 3}, "n_best", "larger than beam 2"),
    ({"beam": 2.5}, "beam", "whole number"),
    ({"length_penalty": -1}, "length_penalty", "between 0 and 5"),
    ({"no_repeat_ngram": -2}, "no_repeat_ngram", "or more, not -2"),
])
def test_out_of_range_options_are_refused_with_their_name(changes, option, words):
    with pytest.raises(DecodeConfigError, match=words) as info:
        DecodeConfig(**changes).validated()
    assert info.value.option == option


def test_defaults_are_what_the_shipped_scores_used():
    cfg = DecodeConfig().validated()
    assert (cfg.beam, cfg.n_best, cfg.no_repeat_ngram, cfg.length_penalty, cfg.copy_through) == (5, 1, 6, 1.0, True)
    assert DecodeConfig(beam=MAX_BEAM, n_best=MAX_BEAM).validated().beam == 64


def test_decode_is_greedy_at_beam_one_and_beam_search_above(tiny_translator):
    tok = tiny_translator.tokenizer
    import torch

    ids = tok.encode_source("Die Straße wird gerade ausgebessert.", "en")
    src, lens = torch.tensor([ids]), torch.tensor([len(ids)])
    one = search.decode(tiny_translator.model, src, lens, DecodeConfig(beam=1))
    assert [h.ids for h in one[0]] == [search.greedy(tiny_translator.model, src, lens)[0].ids]
    three = search.decode(tiny_translator.model, src, lens, DecodeConfig(beam=3, n_best=3))
    assert 1 <= len(three[0]) <= 3
    assert three[0][0].ids == search.beam_search(tiny_translator.model, src, lens, beam=3)[0][0].ids


def test_the_config_reaches_the_cache_key(tiny_translator):
    text = "Er wäre um ein Haar auf dem Operationstisch gestorben."
    tiny_translator.clear_cache()
    a = tiny_translator.translate(text, "de", "en", DecodeConfig(beam=3))
    b = tiny_translator.translate(text, "de", "en", DecodeConfig(beam=3, length_penalty=0.0))
    assert tiny_translator.cache_info().misses == 2  # a different config is not a cache hit
    assert a.alternatives[0].score != b.alternatives[0].score
    tiny_translator.translate(text, "de", "en", DecodeConfig(beam=3))
    assert tiny_translator.cache_info().hits == 1
    with pytest.raises(DecodeConfigError):
        tiny_translator.translate(text, "de", "en", DecodeConfig(beam=500))


def test_options_travel_only_in_a_decode_config(tiny_translator):
    from translator_app.engine.translator import Translator

    with pytest.raises(TypeError):
        tiny_translator.translate("Guten Morgen.", "de", "en", beam=2)  # the old keywords are gone
    with pytest.raises(TypeError):
        tiny_translator.translate_many(["Guten Morgen."], "de", "en", n_best=1)
    for name in ("length_penalty", "copy_protected", "_chunks"):  # nor the mutable wrappers
        assert not hasattr(Translator, name)


def test_one_splitter_for_the_app_and_the_corpus():
    text = "Das ist z. B. gut. Und 500 v. Chr. war es so. Ende"
    assert sentences(text) == ["Das ist z. B. gut.", "Und 500 v. Chr. war es so.", "Ende"]
    assert sentences("Version 1.2. Next one.") == ["Version 1.2. Next one."]
    assert sentences("Siehe https://a.org/x. Dann weiter.") == ["Siehe https://a.org/x.", "Dann weiter."]
    assert sentences("Am 3. Mai kam er. Gut!") == ["Am 3. Mai kam er.", "Gut!"]
    text = "Er kam (sagt sie.) Dann ging er… Wirklich? \"Ja.\" Nein!\n\nAbsatz"
    assert "".join(s + sep for s, sep in split_sentences(text)) == text
    assert sentences(text) == ["Er kam (sagt sie.)", "Dann ging er…", "Wirklich?", "\"Ja.\"", "Nein!", "Absatz"]


@pytest.mark.parametrize("beam", ["0", str(MAX_BEAM + 1)])
def test_corpus_backtranslate_checks_its_beam_through_decode_config(tmp_path, capsys, beam):
    from translator_app.cli import main

    (tmp_path / "train.tsv").write_text("Hallo\tHello\n", encoding="utf-8")
    assert main(["corpus", "backtranslate", "--ddtp-dir", str(tmp_path), "--corpus", str(tmp_path),
                 "--beam", beam]) == 2
    err = capsys.readouterr().err
    assert "--beam" in err and f"between 1 and {MAX_BEAM}" in err and "Traceback" not in err
