"""Training-step speed: the reference step (before) against the production step (after).

Real batches: pairs drawn from CORPUS/train.tsv, encoded with the bundle's tokenizer in both
directions and batched as ``train`` batches them; the model is warm-started from the bundle.
Each variant runs the same batches from the same weights and seed (Adam, lr 5e-4), and the
table gives target tokens/s (the first 2 steps excluded) and the mean loss of the last steps.
Run it once plainly and once with tcmalloc preloaded to compare allocators:

    python tests/benchmarks/step_speed.py --corpus CORPUS --threads 1 2 [--steps 20] [--bf16] [--compile]
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 python tests/benchmarks/step_speed.py ...
    python tests/benchmarks/step_speed.py --corpus CORPUS --profile after   # top ops of one step
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_step import reference_loss  # noqa: E402

from translator_app.engine.checkpoint import load_bundle  # noqa: E402
from translator_app.engine.model import build_model  # noqa: E402
from translator_app.engine.tokenizer import PAD, Tokenizer  # noqa: E402
from translator_app.training.batching import collate, make_examples, token_batches  # noqa: E402
from translator_app.training.readers.tabular import load_tsv  # noqa: E402


def step_loss(variant, model, batch):
    src, lens, tgt_in, tgt_out = batch
    if variant == "before":
        return reference_loss(model, src, lens, tgt_in, tgt_out, 0.1)
    return model(src, lens, tgt_in, tgt_out, 0.1)


def run(variant, bundle, batches, threads, bf16=False, compiled=False):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = build_model(bundle.config)
    model.load_state_dict(bundle.state_dict)
    model.train()
    fn = model
    if compiled:
        fn = torch.compile(model)
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    tokens, seconds, losses = 0, 0.0, []
    for i, batch in enumerate(batches):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        ntok = int((batch[3] != PAD).sum())
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = step_loss(variant, fn, batch) / ntok
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 2:
            seconds += time.perf_counter() - t0
            tokens += ntok
        losses.append(float(loss.detach()))
    tail = losses[-max(5, len(losses) // 10):]
    return tokens / max(seconds, 1e-9), sum(tail) / len(tail)


def profile(variant, bundle, batches, threads):
    torch.set_num_threads(threads)
    model = build_model(bundle.config)
    model.load_state_dict(bundle.state_dict)
    model.train()
    for batch in batches[:2]:
        step_loss(variant, model, batch).backward()
    from torch.profiler import ProfilerActivity, profile as prof

    with prof(activities=[ProfilerActivity.CPU], record_shapes=True) as p:
        for batch in batches[2:4]:
            step_loss(variant, model, batch).backward()
    print(p.key_averages(group_by_input_shape=True).table(sort_by="self_cpu_time_total", row_limit=15,
                                                         max_name_column_width=40, max_shapes_column_width=50))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--model", default="models/de-en")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--max-tokens", type=int, default=6000)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--variants", nargs="+", default=["before", "after"], choices=["before", "after"])
    ap.add_argument("--bf16", action="store_true", help="also the 'after' step under bf16 autocast")
    ap.add_argument("--compile", action="store_true", help="also the 'after' step through torch.compile")
    ap.add_argument("--profile", choices=["before", "after"], help="print the top ops of two steps instead")
    args = ap.parse_args()
    bundle = load_bundle(args.model)
    tok = Tokenizer(bundle.spm_proto)
    pairs = load_tsv(Path(args.corpus) / "train.tsv")
    random.Random(0).shuffle(pairs)
    examples = make_examples(pairs[: args.pairs], tok)
    batches = [collate(examples, b) for b in token_batches(examples, args.max_tokens, seed=1)[: args.steps]]
    if args.profile:
        profile(args.profile, bundle, batches, args.threads[0])
        return
    rows = []
    for threads in args.threads:
        for variant in args.variants:
            rows.append((variant, threads, "fp32") + run(variant, bundle, batches, threads))
        if args.bf16:
            rows.append(("after", threads, "bf16") + run("after", bundle, batches, threads, bf16=True))
        if args.compile:
            rows.append(("after", threads, "compile") + run("after", bundle, batches, threads, compiled=True))
    alloc = "tcmalloc" if "tcmalloc" in os.environ.get("LD_PRELOAD", "") else "glibc malloc"
    print(f"\n{args.steps} steps of real batches (max {args.max_tokens} tokens), {alloc}, torch {torch.__version__}")
    print("| step | threads | mode | target tokens/s | vs before | mean loss, last 10% of steps |")
    print("|---|---|---|---|---|---|")
    base = {t: tps for v, t, m, tps, _ in rows if v == "before"}
    for v, t, m, tps, loss in rows:
        ratio = f"{tps / base[t]:.2f}x" if t in base else "-"
        print(f"| {v} | {t} | {m} | {tps:,.0f} | {ratio} | {loss:.4f} |")


if __name__ == "__main__":
    main()
