"""`translator-app bench` in its --quick mode, and the seed-faithful naive decoder.

No timing assertions: the figures depend on the machine and its load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from helpers import TINY_CORPUS, subprocess_env
from translator_app import bench
from translator_app.engine import naive, search
from translator_app.engine.config import DecodeConfig
from translator_app.engine.translator import Translator
from translator_app.training.readers.tabular import load_tsv

DEV = TINY_CORPUS / "dev.tsv"


def _sources(n: int) -> list[str]:
    return [de for de, _ in load_tsv(DEV)][:n]


def test_bench_quick_prints_table_and_json(tiny_bundle):
    proc = subprocess.run([sys.executable, "-m", "translator_app.bench", "--model", str(tiny_bundle),
                           "--dev", str(DEV), "--quick", "--json", "--no-gui", "--threads", "1"],
                          capture_output=True, text=True, env=subprocess_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    for key in bench.REQUIRED_KEYS:
        assert key in figures
    positive = [k for k in bench.REQUIRED_KEYS if not k.startswith("cold_start") and k != "int8_chrf_delta"]
    for key in positive:
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, key
    assert isinstance(figures["int8_chrf_delta"], (int, float))
    # --no-gui: not measured is null, never a made-up number
    assert figures["cold_start_window_s"] is None and figures["cold_start_first_translation_s"] is None
    assert figures["threads"] == 1 and figures["machine"]["torch_threads"] == 1
    assert figures["naive_agreement_greedy"] == 1.0
    table = "\n".join(lines[:-1])
    assert "| figure | measured | goal |" in table
    assert "not measured (skipped (--no-gui))" in table
    assert "int8 verdict:" in table
    # the busy-neighbour rows: measured at the bench's thread count, judged against idle
    assert figures["busy"]["by_threads"]["1"]["busy_throughput_wps"] == figures["busy_throughput_beam5_wps"]
    assert "fp32, one core kept busy, 1 thread(s) (the count used above)" in table and "× idle" in table


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_busy_neighbour_spins_a_core_and_is_gone_after():
    with bench.busy_cores(1) as pids:
        time.sleep(1.0)
        used = _cpu_seconds(pids[0])
    assert used > 0.3  # it computes (a sleeping process would show ~0)
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)


def test_naive_greedy_matches_engine_greedy(tiny_bundle):
    t = Translator.load(tiny_bundle, device="cpu", quantize=False)
    sentences = _sources(8)
    ids = [t.tokenizer.encode_source(s, "en") for s in sentences]
    # one sentence at a time (the naive decoder's batch size)
    for row in ids:
        src, lens = torch.tensor([row]), torch.tensor([len(row)])
        assert naive.greedy(t.model, row) == search.greedy(t.model, src, lens)[0].ids
        assert naive.beam_search(t.model, row, beam=3)[0][0] == search.beam_search(t.model, src, lens, beam=3)[0][0].ids
    # and through the Translator (batched, sentences and chunks as the app cuts them)
    t.clear_cache()
    with bench.plain_decoding(t):  # no text post-processing: the decoder's own output
        assert t.config.copy_through is False
        engine = [r.translation for r in t.translate_many(sentences, "de", "en", replace(t.config, beam=1))]
    assert t.config.copy_through is True
    assert naive.translate(t.model, t.tokenizer, sentences, "en", beam=1,
                           segment=bench.translator_units(t)) == engine


def test_naive_guards_follow_the_engine():
    assert naive._banned([5, 6, 7, 5, 6], 3) == {7}
    assert naive._banned([5, 6, 3, 5, 6], 3) == set()   # EOS is never banned
    assert naive._banned([5, 6], 3) == set()
    logp = torch.zeros(8)
    naive._guard(logp, [], step=4, limit=5, no_repeat_ngram=0)
    assert int(logp.argmax()) == 3 and torch.isinf(logp).sum() == 7


def test_sentence_helpers():
    assert bench.percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert bench.percentile([3.0], 50) == 3.0
    sources = _sources(40)
    for words in (5, 20, 50):
        text = bench.sentence_of(sources, words, seed=0)
        assert bench.n_words(text) == words
        from translator_app.engine.segment import split_sentences

        assert len(split_sentences(text)) == 1
    a = bench.sample_sentences(load_tsv(DEV), 10, seed=0)
    assert a == bench.sample_sentences(load_tsv(DEV), 10, seed=0) and len(set(a)) == 10


@pytest.mark.slow
def test_cold_start_hook_sees_window_and_first_translation(tiny_bundle, monkeypatch):
    pytest.importorskip("PySide6")
    env = subprocess_env()
    for key in ("PYTHONPATH", "TRANSLATOR_NO_NETWORK"):  # the app runs under the no-network guard
        monkeypatch.setenv(key, env[key])
    result = bench.gui_cold_start(str(tiny_bundle), runs=1)
    assert result["error"] == ""
    assert 0 < result["window_s"] <= result["first_translation_s"]


def test_dev_parts_compares_length_penalties(tiny_bundle, tmp_path):
    pairs = DEV.read_text(encoding="utf-8").splitlines()
    (tmp_path / "dev-everyday.tsv").write_text("\n".join(pairs[:6]) + "\n", encoding="utf-8")
    (tmp_path / "dev-technical.tsv").write_text("\n".join(pairs[6:12]) + "\n", encoding="utf-8")
    script = Path(__file__).parent / "benchmarks" / "dev_parts.py"
    proc = subprocess.run([sys.executable, str(script), str(tiny_bundle), "--corpus", str(tmp_path), "--beam", "2",
                           "--threads", "1", "--length-penalty", "0.5", "2.0"],
                          capture_output=True, text=True, env=subprocess_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [("length penalty 0.5" in lines[0]), ("length penalty 2.0" in lines[1])] == [True, True]
    for line in lines:
        assert line.count(" len ") == 4 and line.count("/") >= 4


def test_length_penalty_reaches_the_beam_and_the_cache_tells_them_apart(tiny_bundle):
    translator = Translator.load(tiny_bundle, device="cpu", quantize=False)
    text = "Die Straße wird gerade ausgebessert."
    per_token = translator.translate(text, cfg=DecodeConfig(beam=3)).alternatives[0].score
    # rank by the plain sum of log-probabilities
    total = translator.translate(text, cfg=DecodeConfig(beam=3, length_penalty=0.0)).alternatives[0].score
    assert total < per_token < 0  # several tokens: the sum is below the per-token mean


def test_latency_goal_is_judged_on_what_the_app_runs():
    slow, fast = {"p50": 76.0, "p95": 86.0}, {"p50": 40.0, "p95": 50.0}
    shipped_int8 = {"latency20_beam5_p50_ms": 19.0, "latency20_beam5_p95_ms": 20.0,
                    "chrf_delta": -0.06, "speedup_beam5": 1.85}
    assert bench._latency_check(fast, {}) == "met"
    check = bench._latency_check(slow, shipped_int8)
    assert check.startswith("met by int8") and "19 / 20 ms" in check and "fp32 **not met**" in check
    # int8 that does not ship (chrF drops too far) cannot rescue the goal
    assert bench._latency_check(slow, dict(shipped_int8, chrf_delta=-1.2)) == "**not met**"
    assert bench._latency_check(slow, dict(shipped_int8, latency20_beam5_p50_ms=70.0)) == "**not met**"
    assert bench._latency_check(slow, {}) == "**not met**"


def test_busy_rows_judge_the_ratio_at_the_thread_count_in_use():
    row = {"idle_latency_p50_ms": 20.0, "idle_latency_p95_ms": 22.0, "busy_latency_p50_ms": 50.0,
           "busy_latency_p95_ms": 60.0, "idle_throughput_wps": 900.0, "busy_throughput_wps": 500.0}
    row.update(latency_ratio=2.5, throughput_ratio=1.8)
    r = {"threads": 2, "busy": {"sentences": 10, "words": 90, "latency_runs": 3,
                                "by_threads": {"2": row, "1": dict(row, latency_ratio=1.1)}}}
    rows = []
    bench.report.busy_rows(r, lambda *cells: rows.append(cells))
    assert len(rows) == 4
    latency2, throughput2, latency1, throughput1 = rows
    assert latency2[3] == "**not met**" and "2.50× idle" in latency2[1]
    assert throughput2[3] == "met" and "1.80× faster" in throughput2[1]
    assert latency1[2:] == ("report", "–") and throughput1[2:] == ("report", "–")
    assert bench.report.busy_rows({"threads": 1}, rows.append) is None  # not measured: no rows


def test_dictionary_lookup_row(tmp_path, monkeypatch):
    from helpers import DATA
    from translator_app.bench.measure import dictionary_lookup

    monkeypatch.setenv("TRANSLATOR_DICTIONARY_DATA", str(DATA / "dictionary" / "de-en-tiny"))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    sentences = ["Das Haus ist alt.", "Guten Morgen, Strasse und Haus!"]
    assert "error" in dictionary_lookup(sentences, build=False)  # never builds unless asked
    r = dictionary_lookup(sentences, build=True)
    assert r["terms"] == 8 and 0 < r["p50_ms"] <= r["p95_ms"] and r["batch_s"] >= 0
