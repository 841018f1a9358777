"""The recorded search (issue 26, DecodeConfig.trace): it replays to exactly the n-best list
and scores the search returned, greedy and beam, on the tiny model; long sentences keep
fewer candidates; the CLI writes it as JSON."""

import json
import math

import pytest

from helpers import encode_batch, run_cli
from translator_app.engine import search
from translator_app.engine.config import DecodeConfig, DecodeConfigError
from translator_app.engine.trace import LONG_TOP_K, TOP_K

SENTENCES = ["Die Straße wird gerade ausgebessert.", "Hallo", "Natives Build-Werkzeug für Node.js-Addons",
             "Er wäre um ein Haar auf dem Operationstisch gestorben, sagte der Arzt."]


def _check_replay(hyps, trace):
    finals = trace.finals()
    assert [f.ids for f in finals] == [h.ids for h in hyps]
    assert [f.score for f in finals] == [h.score for h in hyps]  # exactly: the same floats
    for f, h in zip(finals, hyps):
        rows = [trace.steps[s].hyps[f.path[s]].attention for s in range(len(h.ids))]
        for row, expected in zip(rows, h.attention, strict=True):
            assert row == pytest.approx(expected, abs=1e-6)
        for s, (tok, p) in enumerate(zip(h.ids, h.probs)):
            live = trace.steps[s].hyps[f.path[s]]
            cand = {c.token: c.prob for c in live.candidates}
            if tok in cand:
                assert cand[tok] == pytest.approx(p, rel=1e-5)
            nxt = trace.steps[s + 1].hyps[f.path[s + 1]]
            assert (nxt.parent, nxt.token) == (f.path[s], tok)
            # the summed log-prob grows by the chosen token's
            assert nxt.score == pytest.approx(live.score + math.log(p), abs=1e-4)
    assert finals[0].split_step is None
    for f in finals[1:]:
        best = finals[0].ids
        j = f.split_step
        assert f.ids[:j] == best[:j] and (j == len(f.ids) or j == len(best) or f.ids[j] != best[j])


@pytest.mark.parametrize("beam,n_best", [(1, 1), (4, 3), (5, 5)])
def test_the_trace_replays_to_the_nbest_list_and_scores(tiny_translator, beam, n_best):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    cfg = DecodeConfig(beam=beam, n_best=n_best, trace=True)
    results = search.decode(tiny_translator.model, src, lens, cfg)
    plain = search.decode(tiny_translator.model, src, lens, DecodeConfig(beam=beam, n_best=n_best))
    for i, (hyps, again, n) in enumerate(zip(results, plain, lens.tolist())):
        trace = hyps[0].trace
        assert trace is not None and all(h.trace is trace for h in hyps)
        assert trace.top_k == TOP_K
        assert trace.source == src[i, :n].tolist()  # the ids as the model read them
        _check_replay(hyps, trace)
        assert len(trace.steps[0].hyps) == 1 and trace.steps[0].hyps[0].parent == -1
        assert all(1 <= len(step.hyps) <= beam for step in trace.steps)
        for step in trace.steps:
            for h in step.hyps:
                probs = [c.prob for c in h.candidates]
                assert len(probs) == TOP_K and probs == sorted(probs, reverse=True)
                assert sum(h.attention) == pytest.approx(1.0, abs=1e-5) and len(h.attention) == n
        # recording changes nothing in what the search finds
        assert [h.ids for h in again] == [h.ids for h in hyps]
        assert [h.score for h in again] == [h.score for h in hyps]
        assert all(h.trace is None for h in again)


def test_a_batched_trace_equals_the_one_sentence_trace(tiny_translator):
    src, lens = encode_batch(tiny_translator, SENTENCES)
    cfg = DecodeConfig(beam=4, n_best=2, trace=True)
    batched = search.decode(tiny_translator.model, src, lens, cfg)
    for i in range(len(SENTENCES)):
        alone = search.decode(tiny_translator.model, src[i:i + 1, :lens[i]], lens[i:i + 1], cfg)[0]
        a, b = batched[i][0].trace, alone[0].trace
        assert len(a.steps) == len(b.steps)
        for sa, sb in zip(a.steps, b.steps):
            assert [(h.parent, h.token) for h in sa.hyps] == [(h.parent, h.token) for h in sb.hyps]
            assert [[c.token for c in h.candidates] for h in sa.hyps] == [[c.token for c in h.candidates] for h in sb.hyps]
            assert [e.hyp for e in sa.ended] == [e.hyp for e in sb.ended]


def test_a_sentence_over_60_pieces_keeps_the_top_3(tiny_translator):
    long = " ".join(["Die Straße wird gerade ausgebessert, sagte der Arzt."] * 8)
    src, lens = encode_batch(tiny_translator, [long, "Hallo"])
    assert lens[0] - 2 > 60 >= lens[1] - 2
    res = search.decode(tiny_translator.model, src, lens, DecodeConfig(beam=3, n_best=3, trace=True,
                                                                        max_len_a=0.3, max_len_b=5))
    long_trace, short_trace = res[0][0].trace, res[1][0].trace
    assert long_trace.top_k == LONG_TOP_K == 3 and short_trace.top_k == TOP_K
    assert {len(h.candidates) for step in long_trace.steps for h in step.hyps} == {3}
    assert {len(h.candidates) for step in short_trace.steps for h in step.hyps} == {TOP_K}
    _check_replay(res[0], long_trace)


def test_the_translation_carries_a_labelled_trace(tiny_translator):
    cfg = DecodeConfig(beam=3, n_best=2, trace=True, repair=False)
    result = tiny_translator.translate("Die Straße wird gerade ausgebessert. Hallo Welt.", "de", "en", cfg)
    assert len(result.traces) == 2
    for seg, trace in zip(result.segments, result.traces):
        assert seg.trace is trace
        assert trace.source_tokens == seg.source_tokens  # the heatmap's columns: pieces and </s>
        for step in trace.steps:
            for h in step.hyps:
                assert len(h.attention) == len(seg.source_tokens)
                assert sum(h.attention) == pytest.approx(1.0, abs=1e-5)
                assert all(c.piece for c in h.candidates)
        best = trace.finals()[0]
        pieces = [trace.steps[s].hyps[best.path[s]].piece for s in range(1, len(best.path))]
        assert pieces == tiny_translator.tokenizer.pieces(best.ids)
    assert tiny_translator.translate("Hallo Welt.", "de", "en", DecodeConfig(beam=3)).traces == []


def test_trace_must_be_true_or_false():
    with pytest.raises(DecodeConfigError) as err:
        DecodeConfig(trace="yes").validated()
    assert err.value.option == "trace"


def test_translate_json_trace_shape(tiny_bundle):
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--json", "--trace", "--beam", "3", "--n-best", "2",
                    "--no-dictionary"], input_text="Die Straße wird gerade ausgebessert. Hallo Welt.\n\n")
    assert proc.returncode == 0, proc.stderr
    first, blank = [json.loads(line) for line in proc.stdout.splitlines()]
    assert blank["trace"] == []
    assert len(first["trace"]) == 2
    for trace in first["trace"]:
        assert set(trace) == {"source_tokens", "top_k", "n_best", "steps"}
        assert trace["source_tokens"][-1] == "</s>"
        assert 1 <= len(trace["n_best"]) <= 3 and trace["n_best"][0]["split_step"] is None
        for step in trace["steps"]:
            assert set(step) == {"hypotheses", "ended"}
            for h in step["hypotheses"]:
                assert set(h) == {"parent", "token", "score", "attention", "candidates"}
                assert len(h["attention"]) == len(trace["source_tokens"])
                assert len(h["candidates"]) == trace["top_k"]
                assert all(set(c) == {"token", "prob"} and 0 <= c["prob"] <= 1 for c in h["candidates"])
        best = trace["n_best"][0]
        assert len(best["path"]) == len(best["tokens"]) + 1 <= len(trace["steps"])
    plain = run_cli(["translate", "--model", str(tiny_bundle), "--json", "--beam", "1"], input_text="Hallo\n")
    assert "trace" not in json.loads(plain.stdout)


def test_trace_without_json_is_a_usage_error(tiny_bundle):
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--trace"], input_text="Hallo\n")
    assert proc.returncode == 2
    assert "--trace needs --json" in proc.stderr and "Traceback" not in proc.stderr
