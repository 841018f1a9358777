"""Decoding: greedy vs beam, batching, n-best, guards, cancellation."""

import pytest
import torch

from helpers import encode_batch
from translator_app.engine import search
from translator_app.engine.result import Cancelled

SENTENCES = ["Die Straße wird gerade ausgebessert.", "Hallo", "Natives Build-Werkzeug für Node.js-Addons",
             "Er wäre um ein Haar auf dem Operationstisch gestorben, sagte der Arzt."]


def test_beam_size_one_equals_greedy(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    greedy = search.greedy(tiny_translator.model, src, lens)
    beam = search.beam_search(tiny_translator.model, src, lens, beam=1)
    for g, b in zip(greedy, beam):
        assert g.ids == b[0].ids
        assert g.score == pytest.approx(b[0].score, abs=1e-5)
        assert g.probs == pytest.approx(b[0].probs, abs=1e-6)
        for row_g, row_b in zip(g.attention, b[0].attention, strict=True):
            assert row_g == pytest.approx(row_b, abs=1e-6)


@pytest.mark.parametrize("tgt", ["en", "de"])
def test_batched_beam_equals_one_sentence_at_a_time(tiny_translator, tgt):
    src, lens = encode_batch(tiny_translator, SENTENCES, tgt)
    batched = search.beam_search(tiny_translator.model, src, lens, beam=4, n_best=3)
    for i in range(len(SENTENCES)):
        alone = search.beam_search(tiny_translator.model, src[i:i + 1, :lens[i]], lens[i:i + 1], beam=4, n_best=3)[0]
        assert [h.ids for h in batched[i]] == [h.ids for h in alone]
        assert [h.score for h in batched[i]] == pytest.approx([h.score for h in alone], abs=1e-4)
        # finished sentences leave the live batch: backpointers must still find their rows
        for hb, ha in zip(batched[i], alone):
            assert hb.probs == pytest.approx(ha.probs, abs=1e-5)
            for row_b, row_a in zip(hb.attention, ha.attention, strict=True):
                assert row_b == pytest.approx(row_a, abs=1e-5)


def test_batched_greedy_equals_one_sentence_at_a_time(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    batched = search.greedy(tiny_translator.model, src, lens)
    for i in range(len(SENTENCES)):
        alone = search.greedy(tiny_translator.model, src[i:i + 1, :lens[i]], lens[i:i + 1])[0]
        assert batched[i].ids == alone.ids
        assert batched[i].probs == pytest.approx(alone.probs, abs=1e-5)
        for row_b, row_a in zip(batched[i].attention, alone.attention, strict=True):
            assert row_b == pytest.approx(row_a, abs=1e-5)


def test_hypotheses_carry_consistent_attention_probs_and_sorted_nbest(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    results = search.beam_search(tiny_translator.model, src, lens, beam=5, n_best=5)
    for hyps, n in zip(results, lens.tolist()):
        assert 1 <= len(hyps) <= 5
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True)
        for h in hyps:
            assert len(h.attention) == len(h.ids) == len(h.probs)
            for row in h.attention:
                assert len(row) == n
                assert sum(row) == pytest.approx(1.0, abs=1e-5)
            assert all(0.0 < p <= 1.0 for p in h.probs)


def test_maximum_length_is_relative_to_the_source(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    for hyp, n in zip(search.greedy(tiny_translator.model, src, lens, max_len_a=0.5, max_len_b=1), lens.tolist()):
        assert len(hyp.ids) + 1 <= int(n * 0.5 + 1)


def test_repetition_guard_bans_a_repeated_ngram():
    history = torch.tensor([[5, 6, 7, 5, 6], [1, 2, 3, 4, 5]])
    banned = search._banned_by_ngram(history, 3)
    assert banned == [(0, 7)]
    assert search._banned_by_ngram(history, 0) == []


def test_cancel_flag_is_polled_at_every_step(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        search.beam_search(tiny_translator.model, src, lens, beam=3, should_stop=stop)
    assert len(calls) == 3
