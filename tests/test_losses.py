"""Lost and repeated words on the tiny model: the `--json` ``warnings`` key, the model check
(forced.leave_one_out), a word said twice in a row (assemble.say_once) and the coverage
penalty of the beam (search.py)."""

import json

import pytest
import torch

from translator_app.engine import assemble, coverage, forced, search
from translator_app.engine.search import Hypothesis
from translator_app.engine.tokenizer import BOS

OLD_KEYS = {"source", "translation", "source_tokens", "target_tokens", "attention", "token_probs",
            "alternatives", "device", "ms", "origin"}


def test_the_json_gains_a_warnings_list_and_keeps_every_key(tiny_translator, monkeypatch):
    tiny_translator.clear_cache()
    plain = tiny_translator.translate("Die Straße wird gerade ausgebessert.", "de", "en").to_json_dict()
    # "similar" (the memory's fuzzy matches, tm/fuzzy.py), "corpus" and "licence" (an example
    # answer's credit) came later; no key was lost
    assert set(plain) == OLD_KEYS | {"warnings", "similar", "corpus", "licence"} and isinstance(plain["warnings"], list)
    # every content word judged not needed by the model check: each one missing from the
    # output is then a dropped word
    monkeypatch.setattr(coverage, "LEFT_OUT_BELOW", float("inf"))
    tiny_translator.clear_cache()
    try:
        result = tiny_translator.translate("Die Straße wird gerade ausgebessert.", "de", "en")
    finally:
        tiny_translator.clear_cache()
    data = json.loads(json.dumps(result.to_json_dict(), ensure_ascii=False))
    assert set(data) >= OLD_KEYS
    dropped = [w for item in data["warnings"] if item["kind"] == "dropped" for w in item["source_words"]]
    assert "Straße" in dropped and "Die" not in dropped  # a function word is never dropped
    for item in data["warnings"]:
        assert set(item) == {"kind", "source_words"} and item["kind"] in ("dropped", "repeated")
        assert all(w in result.source for w in item["source_words"])
    assert all(w.lower() not in result.translation.lower() for w in dropped)
    assert result.losses == [l for s in result.segments for l in s.losses]


def test_leave_one_out_finds_the_words_a_translation_needs(tiny_translator):
    tok, model = tiny_translator.tokenizer, tiny_translator.model
    src = tok.encode_source("Guten Morgen", "en")
    tgt = tok.encode("Good morning")
    groups = [[1], list(range(2, len(src) - 1))]
    (gains,) = forced.leave_one_out(model, [(src, tgt, groups)])
    assert len(gains) == 2
    # the same numbers as scoring each variant alone with forced_hypothesis
    full = forced.forced_hypothesis(model, src, tgt, length_penalty=0).score
    for g, gain in zip(groups, gains):
        variant = [t for i, t in enumerate(src) if i not in set(g)]
        assert gain == pytest.approx(full - forced.forced_hypothesis(model, variant, tgt, length_penalty=0).score,
                                     abs=1e-3)
    # several items share the batches, and come back in their order
    both = forced.leave_one_out(model, [(src, tgt, groups), (src, tok.encode("Hello"), groups[:1])])
    assert both[0] == pytest.approx(gains, abs=1e-4) and len(both[1]) == 1


def _pieces(tok, word_start: bool) -> list[int]:
    """Ids of single pieces of letters that start a word (or continue one)."""
    out = []
    for i in range(4, tok.vocab_size):
        p = tok.pieces([i])[0]
        core = p[1:] if p.startswith("\u2581") else p
        if p.startswith("\u2581") == word_start and core.isalpha() and len(core) >= 2:
            out.append(i)
    return out


def test_a_word_said_twice_in_a_row_is_said_once(tiny_translator):
    tok = tiny_translator.tokenizer
    w, z = _pieces(tok, True)[:2]
    cont = _pieces(tok, False)[0]
    tag, eos = tok.encode_source("", "en")

    def hyp(ids):
        return Hypothesis(ids=ids, score=-1.0, attention=[[float(i)] for i in range(len(ids))],
                          probs=[0.1 * (i + 1) for i in range(len(ids))])
    src = [tag, z, w, eos]
    once = assemble.say_once(tok, hyp([w, w, z]), src)
    assert once.ids == [w, z] and once.attention == [[0.0], [2.0]] and once.probs == [0.1, 0.30000000000000004]
    assert once.score == -1.0  # the model's own
    both = hyp([w, w, cont])  # the second one starts a longer word: not the same word twice
    assert assemble.say_once(tok, both, src) is both
    twice = hyp([w, w, z])  # a source that says a word twice itself keeps the output as it is
    assert assemble.say_once(tok, twice, [tag, w, w, eos]) is twice


class _Stutter:
    """The tiny model, with a decoder that starts with the word ``first`` and loves to say
    the token it just said again."""

    def __init__(self, model, first: int):
        self.inner, self.first = model, first
        self.decoder = self

    def encode(self, src, lens):
        return self.inner.encode(src, lens)

    def step(self, prev, hidden, keys, enc_out, mask):
        logits, hidden, weights = self.inner.decoder.step(prev, hidden, keys, enc_out, mask)
        logits = logits.clone()
        again = torch.where(prev == BOS, torch.full_like(prev, self.first), prev)
        logits[torch.arange(prev.numel()), again] += 50.0
        return logits, hidden, weights


def test_a_stuttering_model_says_each_word_once(tiny_translator, monkeypatch):
    """search.decode on the tiny model made to repeat itself: the Translator's output has
    no whole word twice in a row, unless no_word_twice is off."""
    real = search.decode
    first = _pieces(tiny_translator.tokenizer, True)[0]
    monkeypatch.setattr(search, "decode", lambda model, *a, **k: real(_Stutter(model, first), *a, **k))
    cfg = tiny_translator.config.with_(beam=1, copy_through=False, repair=False, check_left_out=False,
                                       no_repeat_ngram=0)
    tiny_translator.clear_cache()
    try:
        stutter = tiny_translator.translate("Guten Morgen", "de", "en", cfg.with_(no_word_twice=False))
        once = tiny_translator.translate("Guten Morgen", "de", "en", cfg)
    finally:
        tiny_translator.clear_cache()
    words = stutter.translation.split()
    assert len(words) >= 3 and len(set(words)) == 1  # it did stutter
    assert once.translation == words[0]
    assert len(once.target_tokens) == len(once.attention) == len(once.token_probs)


def test_the_coverage_penalty_reranks_but_keeps_the_models_scores(tiny_translator):
    sentences = ["Die Straße wird gerade ausgebessert.", "Hallo"]
    ids = [tiny_translator.tokenizer.encode_source(s, "en") for s in sentences]
    src = torch.zeros((2, max(map(len, ids))), dtype=torch.long)
    for i, row in enumerate(ids):
        src[i, :len(row)] = torch.tensor(row)
    lens = torch.tensor([len(r) for r in ids])
    plain = search.beam_search(tiny_translator.model, src, lens, beam=4, n_best=4)
    penalised = search.beam_search(tiny_translator.model, src, lens, beam=4, n_best=4, coverage_penalty=1.0)
    for a, b, row in zip(plain, penalised, ids):
        assert 1 <= len(b) <= 4
        for h in b:  # the score is still the length-normalised log-probability of its ids
            forced_score = forced.forced_hypothesis(tiny_translator.model, row, h.ids).score
            assert h.score == pytest.approx(forced_score, abs=1e-3)
            assert len(h.attention) == len(h.ids) == len(h.probs)


def test_the_cli_warns_once_per_line_on_stderr(tiny_bundle, monkeypatch, capsys, tmp_path):
    from translator_app.cli import main

    src = tmp_path / "in.txt"
    src.write_text("Die Straße wird gerade ausgebessert.\n\nDie Straße wird gerade ausgebessert.\n", encoding="utf-8")
    monkeypatch.setattr(coverage, "LEFT_OUT_BELOW", float("inf"))  # every missing content word is dropped
    assert main(["translate", "--model", str(tiny_bundle), "--beam", "2", "-i", str(src), "--json",
                 "--no-dictionary"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and lines[1]["warnings"] == []
    warned = [line for line in err.splitlines() if line.startswith("warning: line ")]
    assert [w.split(":")[1].strip() for w in warned] == ["line 1", "line 3"]  # once per line, the blank one not
    assert all("not translated: " in w and "Straße" in w for w in warned)
    assert lines[0]["warnings"][0]["kind"] == "dropped"
