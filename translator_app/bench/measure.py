"""``translator-app bench``: speed, measured (the run; see report.py for the table).

Measures, in one run on this machine, the engine (``engine.translator.Translator``) and the
seed-faithful naive decoder (``engine.naive``) and prints one Markdown table with the goals:

* latency of one sentence (20 words, beam 5: p50/p95; 5 and 50 words, beam 1 and 5);
* batched throughput on a seed-fixed sample of dev sentences, beam 5 and greedy, in source
  words per second, at 1 and 2 threads (the faster count is used for the rest);
* the naive decoder's throughput on a subset of the same sample, and the speed-up;
* cold start of the desktop app (process start -> window painted -> first translation);
* peak RSS of a process that loads the model and translates a few sentences;
* the int8 dynamic-quantised model: speed-up and BLEU/chrF change on dev sentences.

``--json`` adds one JSON object with the same figures as the last line of the output
(null where a figure could not be measured). Progress goes to stderr.

The sentence cache of the Translator is cleared before every timed call, so the figures
measure decoding, not the cache.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import statistics
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

from ..training.readers.tabular import load_tsv
from .engine_view import plain_decoding, translator_units
from .lookups import dictionary_lookup, examples_lookup
from .processes import busy_cores, gui_cold_start, peak_rss_mb
from .sample import n_words, sample_sentences, sentence_of

# a corpus built by `translator-app corpus build --out DIR`: set TRANSLATOR_CORPUS=DIR or pass --dev
DEFAULT_DEV = Path(os.environ.get("TRANSLATOR_CORPUS", "corpus")) / "dev.tsv"
FALLBACK_DEV = Path(__file__).resolve().parents[2] / "tests" / "data" / "tiny" / "dev.tsv"

# sizes of the full run and of --quick
FULL = dict(latency_runs=50, other_runs=20, throughput_n=1000, tune_n=100, naive_n=100, int8_n=300,
            cold_runs=3, busy_n=200)
QUICK = dict(latency_runs=5, other_runs=3, throughput_n=40, tune_n=20, naive_n=5, int8_n=20, cold_runs=1,
             busy_n=10)

BLOCK = 500  # texts per translate_many call (the Translator's sentence cache holds 512)

def _log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# -- timing helpers --------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[k]


def latency_ms(translator, text: str, beam: int, runs: int) -> dict:
    cfg = replace(translator.config, beam=beam, n_best=1)
    translator.clear_cache()
    translator.translate(text, "de", "en", cfg)  # warm-up
    times = []
    for _ in range(runs):
        translator.clear_cache()
        t0 = time.perf_counter()
        translator.translate(text, "de", "en", cfg)
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "runs": runs}


def translate_all(translator, sentences: list[str], beam: int, tgt: str = "en") -> tuple[list[str], float]:
    """Translate (cache cleared, in blocks of BLOCK texts); returns (translations, seconds)."""
    src = "en" if tgt == "de" else "de"
    cfg = replace(translator.config, beam=beam, n_best=1)
    out = []
    translator.clear_cache()
    t0 = time.perf_counter()
    for start in range(0, len(sentences), BLOCK):
        results = translator.translate_many(sentences[start:start + BLOCK], src, tgt, cfg)
        out.extend(r.translation for r in results)
    seconds = time.perf_counter() - t0
    translator.clear_cache()
    return out, seconds


def wps(sentences: list[str], seconds: float) -> float:
    return sum(n_words(s) for s in sentences) / max(seconds, 1e-9)


def machine_info(torch) -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable, "torch": torch.__version__,
            "python": platform.python_version(), "load_average": load}


# -- measurements used by the run -------------------------------------------------------------
def busy_neighbour(translator, text: str, sentences: list[str], runs: int, thread_counts) -> dict:
    """20-word beam-5 latency and beam-5 throughput idle and then with one core kept busy by
    another process, at each thread count; ratios are busy / idle time (1 = no slowdown)."""
    import torch

    before = torch.get_num_threads()
    out = {}
    try:
        for n in thread_counts:
            torch.set_num_threads(n)
            row = {}
            for load in ("idle", "busy"):
                with busy_cores(1) if load == "busy" else contextlib.nullcontext():
                    lat = latency_ms(translator, text, 5, runs)
                    _, seconds = translate_all(translator, sentences, beam=5)
                row[f"{load}_latency_p50_ms"], row[f"{load}_latency_p95_ms"] = lat["p50"], lat["p95"]
                row[f"{load}_throughput_wps"] = wps(sentences, seconds)
            row["latency_ratio"] = row["busy_latency_p50_ms"] / row["idle_latency_p50_ms"]
            row["throughput_ratio"] = row["idle_throughput_wps"] / row["busy_throughput_wps"]
            out[str(n)] = row
            _log(f"busy neighbour, {n} thread(s): 20-word p50 {row['idle_latency_p50_ms']:.0f} -> "
                 f"{row['busy_latency_p50_ms']:.0f} ms ({row['latency_ratio']:.2f}x), throughput "
                 f"{row['idle_throughput_wps']:.0f} -> {row['busy_throughput_wps']:.0f} words/s "
                 f"({row['throughput_ratio']:.2f}x)")
    finally:
        torch.set_num_threads(before)
    return out


# -- the run ---------------------------------------------------------------------------------
def measure(args) -> dict:
    """The whole run, step by step (each step adds its figures to the result, in this order):
    the dev pairs, the machine, the model and sample, the thread count, latency, throughput,
    the busy neighbour, the naive decoder, int8, fresh processes, dictionary and example lookups."""
    import torch

    warnings.filterwarnings("ignore", message=".*quantize_per_tensor.*")
    warnings.filterwarnings("ignore", message=".*torch.ao.quantization.*")
    plan = QUICK if args.quick else FULL
    dev_path, pairs = _load_dev(args.dev)
    sources = [de for de, _ in pairs]
    r: dict = {"quick": bool(args.quick), "model": str(args.model or "(bundled)"), "dev": str(dev_path)}
    r["default_torch_threads"] = torch.get_num_threads()
    r["machine"] = machine_info(torch)
    _log(f"machine: {r['machine']}")

    translator, sample, figures = _load_model(args, plan, pairs)
    r.update(figures)
    r.update(_choose_threads(translator, sample, plan, args.threads, r["machine"]["usable_cores"] or 1))
    threads = r["threads"]
    r["machine"]["torch_threads"] = torch.get_num_threads()
    r["latency"] = _latency(translator, sources, plan, args.seed)
    r.update(_throughput(translator, sample))
    r.update(_busy(translator, sources, sample, plan, args.seed, threads))
    r.update(_naive(translator, sample, plan, r))
    r.update(_int8(args, translator, pairs, sources, plan, threads))
    r.update(_fresh_processes(args, plan, threads, r["default_torch_threads"]))
    r["lookup"] = dictionary_lookup(sources, build=not args.quick)
    _log(f"dictionary lookup: {r['lookup']}")
    r["examples_lookup"] = examples_lookup(sources, build=not args.quick)
    _log(f"example lookup: {r['examples_lookup']}")

    lat = r["latency"]["20w_beam5"]
    r["latency20_beam5_p50_ms"] = lat["p50"]
    r["latency20_beam5_p95_ms"] = lat["p95"]
    return r


def _load_dev(dev) -> tuple[Path, list[tuple[str, str]]]:
    """--dev, else the corpus's dev.tsv, else the tiny test dev set; an empty file is an error."""
    dev_path = Path(dev) if dev else (DEFAULT_DEV if DEFAULT_DEV.is_file() else FALLBACK_DEV)
    pairs = load_tsv(dev_path)
    if not pairs:
        raise ValueError(f"no German<TAB>English pairs in {dev_path}")
    return dev_path, pairs


def _load_model(args, plan: dict, pairs: list):
    """The fp32 Translator on the CPU (its load timed) and the seed-fixed throughput sample."""
    from ..engine.translator import Translator

    t0 = time.perf_counter()
    translator = Translator.load(args.model, device="cpu", threads=args.threads, quantize=False)
    figures = {"load_s": time.perf_counter() - t0, "model_name": translator.model_name,
               "parameters": sum(p.numel() for p in translator.model.parameters())}
    sample = [de for de, _ in sample_sentences(pairs, plan["throughput_n"], args.seed)]
    lengths = sorted(n_words(s) for s in sample)
    figures["sample"] = {"sentences": len(sample), "words": sum(lengths), "min_words": lengths[0],
                         "median_words": statistics.median(lengths), "max_words": lengths[-1]}
    return translator, sample, figures


def _choose_threads(translator, sample: list[str], plan: dict, requested, cores: int) -> dict:
    """Greedy throughput at 1 and 2 threads (or the requested count); torch keeps the faster."""
    import torch

    translate_all(translator, sample[:5], beam=1)  # warm-up
    candidates = [requested] if requested else sorted({1, min(2, cores)})
    tune = sample[:plan["tune_n"]]
    by_threads = {}
    for n in candidates:
        torch.set_num_threads(n)
        _, seconds = translate_all(translator, tune, beam=1)
        by_threads[n] = wps(tune, seconds)
        _log(f"threads {n}: greedy {by_threads[n]:.0f} words/s on {len(tune)} sentences")
    threads = max(by_threads, key=by_threads.get)
    torch.set_num_threads(threads)
    return {"threads_greedy_wps": {str(k): v for k, v in by_threads.items()}, "threads_sentences": len(tune),
            "threads": threads, "threads_chosen_by": "--threads" if requested else "fastest greedy throughput"}


def _latency(translator, sources: list[str], plan: dict, seed: int) -> dict:
    """One sentence of 5, 20 and 50 words at beam 1 and 5 (20 words beam 5 runs the most)."""
    out = {}
    for words, beam, runs in ((20, 5, plan["latency_runs"]), (20, 1, plan["other_runs"]),
                              (5, 1, plan["other_runs"]), (5, 5, plan["other_runs"]),
                              (50, 1, plan["other_runs"]), (50, 5, plan["other_runs"])):
        text = sentence_of(sources, words, seed)
        lat = latency_ms(translator, text, beam, runs)
        lat["words"] = n_words(text)
        lat["pieces"] = len(translator.tokenizer.encode(text))
        out[f"{words}w_beam{beam}"] = lat
        _log(f"latency {words} words beam {beam}: p50 {lat['p50']:.1f} ms p95 {lat['p95']:.1f} ms ({runs} runs)")
    return out


def _throughput(translator, sample: list[str]) -> dict:
    out = {}
    for beam, key in ((5, "throughput_beam5_wps"), (1, "throughput_greedy_wps")):
        _, seconds = translate_all(translator, sample, beam=beam)
        out[key] = wps(sample, seconds)
        _log(f"throughput beam {beam}: {out[key]:.0f} words/s ({len(sample)} sentences, {seconds:.1f} s)")
    return out


def _busy(translator, sources: list[str], sample: list[str], plan: dict, seed: int, threads: int) -> dict:
    """One core kept busy by another process (a desktop where something else computes), at the
    chosen thread count and at 1."""
    busy_set = sample[:plan["busy_n"]]
    counts = [threads] + ([1] if threads != 1 else [])
    busy = {"cores_busy": 1, "sentences": len(busy_set), "words": sum(n_words(s) for s in busy_set),
            "latency_runs": plan["other_runs"],
            "by_threads": busy_neighbour(translator, sentence_of(sources, 20, seed), busy_set,
                                         plan["other_runs"], counts)}
    row = busy["by_threads"][str(threads)]
    return {"busy": busy, "busy_latency20_beam5_p50_ms": row["busy_latency_p50_ms"],
            "busy_throughput_beam5_wps": row["busy_throughput_wps"], "busy_latency_ratio": row["latency_ratio"],
            "busy_throughput_ratio": row["throughput_ratio"]}


def _naive(translator, sample: list[str], plan: dict, throughput: dict) -> dict:
    """The naive decoder on a fixed subset of the sample, the engine on the same subset, and the
    speed-up of the engine's ``throughput`` over the naive decoder."""
    from ..engine import naive

    subset = sample[:plan["naive_n"]]
    out: dict = {"naive_subset": {"sentences": len(subset), "words": sum(n_words(s) for s in subset)}}
    for beam, tag in ((5, "beam5"), (1, "greedy")):
        t0 = time.perf_counter()
        naive_out = naive.translate(translator.model, translator.tokenizer, subset, "en", beam=beam,
                                    segment=translator_units(translator))
        naive_s = time.perf_counter() - t0
        out[f"naive_throughput_{tag}_wps"] = wps(subset, naive_s)
        with plain_decoding(translator):  # the naive decoder has no post-processing either
            engine_out, engine_s = translate_all(translator, subset, beam=beam)
        out[f"engine_subset_{tag}_wps"] = wps(subset, engine_s)
        out[f"naive_agreement_{tag}"] = sum(a == b for a, b in zip(naive_out, engine_out)) / max(len(subset), 1)
        _log(f"naive {tag}: {out[f'naive_throughput_{tag}_wps']:.0f} words/s; engine on the same "
             f"{len(subset)} sentences {out[f'engine_subset_{tag}_wps']:.0f} words/s; "
             f"same output {out[f'naive_agreement_{tag}']:.0%}")
    out["speedup_vs_naive_beam5"] = throughput["throughput_beam5_wps"] / out["naive_throughput_beam5_wps"]
    out["speedup_vs_naive_greedy"] = throughput["throughput_greedy_wps"] / out["naive_throughput_greedy_wps"]
    return out


def _int8(args, translator, pairs: list, sources: list[str], plan: dict, threads: int) -> dict:
    """int8 dynamic quantisation: speed and quality on the same dev sentences, greedy (+ beam-5
    speed and the 20-word latency). "int8" is what Translator.load ships on the CPU by default:
    Linear/GRU layers and the tied output projection (quantize_dynamic(output_layer=True)).
    A failure is reported as the figure's error, never invented."""
    import torch

    from ..engine.translator import Translator
    from ..training import evaluate

    out: dict = {"int8": {}, "int8_speedup": None, "int8_chrf_delta": None, "int8_bleu_delta": None}
    try:
        scored = sample_sentences(pairs, plan["int8_n"], args.seed + 1)
        src = [de for de, _ in scored]
        refs = [en for _, en in scored]
        text20 = sentence_of(sources, 20, args.seed)
        hyp_f, sec_f = translate_all(translator, src, beam=1)
        _, sec_f5 = translate_all(translator, src, beam=5)
        fp32 = evaluate.score(hyp_f, refs)
        try:
            quant = Translator.load(args.model, device="cpu", threads=threads, quantize=True)
            torch.set_num_threads(threads)
            translate_all(quant, src[:5], beam=1)  # warm-up
            hyp_q, sec_q = translate_all(quant, src, beam=1)
            _, sec_q5 = translate_all(quant, src, beam=5)
            lat_q = latency_ms(quant, text20, 5, plan["other_runs"])
            del quant
        except Exception as exc:  # report, do not invent
            out["int8"] = {"error": f"{exc.__class__.__name__}: {exc}"}
            _log(f"int8 failed: {out['int8']['error']}")
            return out
        q = evaluate.score(hyp_q, refs)
        row = {"sentences": len(src), "fp32": fp32, "int8": q,
               "speedup_greedy": sec_f / sec_q, "speedup_beam5": sec_f5 / sec_q5,
               "fp32_greedy_wps": wps(src, sec_f), "int8_greedy_wps": wps(src, sec_q),
               "fp32_beam5_wps": wps(src, sec_f5), "int8_beam5_wps": wps(src, sec_q5),
               "latency20_beam5_p50_ms": lat_q["p50"], "latency20_beam5_p95_ms": lat_q["p95"],
               "latency_runs": lat_q["runs"],
               "chrf_delta": q["chrf"] - fp32["chrf"], "bleu_delta": q["bleu"] - fp32["bleu"],
               "same_output": sum(a == b for a, b in zip(hyp_f, hyp_q)) / max(len(src), 1)}
        out["int8"] = row
        _log(f"int8: beam-5 speed-up {row['speedup_beam5']:.2f}x, greedy {row['speedup_greedy']:.2f}x, "
             f"20-word beam-5 p50 {lat_q['p50']:.0f} ms; chrF {fp32['chrf']} -> {q['chrf']}, "
             f"BLEU {fp32['bleu']} -> {q['bleu']}")
        out.update(int8_speedup=row["speedup_beam5"], int8_chrf_delta=row["chrf_delta"],
                   int8_bleu_delta=row["bleu_delta"])
    except Exception as exc:  # report, do not invent
        out["int8"] = {"error": f"{exc.__class__.__name__}: {exc}"}
        _log(f"int8 failed: {out['int8']['error']}")
    return out


def _fresh_processes(args, plan: dict, threads: int, default_threads: int) -> dict:
    """Peak RSS (fp32 and int8) and the desktop app's cold start, each in fresh processes."""
    out: dict = {}
    out["peak_rss_mb"], err = peak_rss_mb(args.model, False, threads)
    out["peak_rss_int8_mb"], err8 = peak_rss_mb(args.model, True, threads)
    out["peak_rss_error"] = "; ".join(e for e in (err, err8) if e)
    _log(f"peak RSS: {out['peak_rss_mb']} MB (int8: {out['peak_rss_int8_mb']} MB) {out['peak_rss_error']}")
    if args.no_gui:
        out["cold_start"] = {"error": "skipped (--no-gui)"}
    else:
        out["cold_start"] = gui_cold_start(args.model, plan["cold_runs"])
        if threads != default_threads:
            # the app leaves torch at its default thread count; the same start with the bench's choice
            out["cold_start_with_threads"] = gui_cold_start(args.model, plan["cold_runs"], threads=threads)
            out["cold_start_with_threads"]["threads"] = threads
            _log(f"cold start with OMP_NUM_THREADS={threads}: {out['cold_start_with_threads']}")
    out["cold_start_window_s"] = out["cold_start"].get("window_s")
    out["cold_start_first_translation_s"] = out["cold_start"].get("first_translation_s")
    _log(f"cold start: {out['cold_start']}")
    return out
