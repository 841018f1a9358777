"""Training throughput: the production loop against the seed-faithful naive loop.

All loops train from the same seed on the same examples for the same number of steps, in
this one process; the naive loop runs twice, on its own batches and on the production batches. Prints target tokens/s and the loss at each step.

    python tests/benchmarks/train_speed.py --corpus /path/to/corpus --steps 30 [--threads 2]
"""

from __future__ import annotations

import argparse
import random
import time

import torch

from translator_app.engine.config import ModelConfig
from translator_app.engine.model import build_model
from translator_app.engine.tokenizer import Tokenizer
from translator_app.training.batching import make_examples, token_batches
from translator_app.training.readers.tabular import load_tsv
from translator_app.training.pipeline import make_step_fn, sentence_batches


def run(label, model, step_fn, batches, steps, lr, warmup=0):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses, tokens, seconds = [], 0, 0.0
    for i, batch in enumerate(batches[:steps]):
        for group in opt.param_groups:  # the same linear warm-up for every loop
            group["lr"] = lr * min(1.0, (i + 1) / warmup) if warmup else lr
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss, n = step_fn(model, batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 2:  # the first steps warm up the allocator
            seconds += time.perf_counter() - t0
            tokens += n
        losses.append(float(loss.detach()))
    return {"label": label, "tok_s": tokens / max(seconds, 1e-9), "losses": losses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--spm", help="SentencePiece model (default: train one with 8000 pieces)")
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--max-tokens", type=int, default=8000)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=0, help="linear warm-up steps (same for every loop)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    pairs = load_tsv(f"{args.corpus}/train.tsv")
    random.Random(0).shuffle(pairs)
    pairs = pairs[: args.pairs]
    tok = Tokenizer.from_file(args.spm) if args.spm else None
    if tok is None:
        import tempfile
        from pathlib import Path

        tmp = Path(tempfile.mkdtemp())
        (tmp / "text.txt").write_text("\n".join(a + "\n" + b for a, b in pairs), encoding="utf-8")
        tok = Tokenizer.from_file(Tokenizer.train(tmp / "text.txt", tmp / "spm", 8000))
    examples = make_examples(pairs, tok)
    prod_batches = token_batches(examples, args.max_tokens, seed=1)
    # the naive loop gets the same examples in the seed's random 64-sentence batches
    naive_batches = sentence_batches(len(examples), 64, seed=1)
    base = dict(vocab_size=tok.vocab_size, emb_dim=256, enc_hid=256, dec_hid=512, attn_dim=256, dropout=0.2)
    results = []
    naive_cfg = ModelConfig(**base, tie_output=False, share_embeddings=False)
    naive_step = make_step_fn(examples, 0.0, naive=True, use_bf16=False, device="cpu")
    torch.manual_seed(0)
    results.append(run("seed-faithful naive loop, the seed's unbucketed 64-sentence batches",
                       build_model(naive_cfg), naive_step, naive_batches, args.steps, args.lr, args.warmup))
    torch.manual_seed(0)
    results.append(run("seed-faithful naive loop, the production batches", build_model(naive_cfg),
                       naive_step, prod_batches, args.steps, args.lr, args.warmup))
    torch.manual_seed(0)
    results.append(run("production loop (fp32), the production batches", build_model(ModelConfig(**base)),
                       make_step_fn(examples, 0.0, naive=False, use_bf16=False, device="cpu"),
                       prod_batches, args.steps, args.lr, args.warmup))
    print(f"\nthreads: {torch.get_num_threads()}, steps: {args.steps}, examples: {len(examples):,}, "
          f"lr {args.lr} with {args.warmup} warm-up steps")
    print("Loss is per target token. Rows 2 and 3 see the same batches in the same order, so their")
    print("losses compare step by step; row 1 is the seed's own batching (no length bucketing).")
    print(f"| loop | target tokens/s | speed-up | loss at step 1 / {args.steps // 2} / {args.steps} |")
    print("|---|---|---|---|")
    for r in results:
        ls = r["losses"]
        print(f"| {r['label']} | {r['tok_s']:,.0f} | {r['tok_s'] / results[0]['tok_s']:.2f}x | "
              f"{ls[0]:.2f} / {ls[len(ls) // 2 - 1]:.2f} / {ls[-1]:.2f} |")
    print("\nmean loss per 10 steps (rows 2 and 3, same batches):")
    a_l, b_l = results[1]["losses"], results[2]["losses"]
    for i in range(0, len(a_l), 10):
        print(f"  steps {i + 1:3d}-{min(i + 10, len(a_l)):3d}: naive {sum(a_l[i:i + 10]) / len(a_l[i:i + 10]):.3f}  "
              f"production {sum(b_l[i:i + 10]) / len(b_l[i:i + 10]):.3f}")
    print("\nloss per step (rows 2 and 3, same batches):")
    for i, (a, b) in enumerate(zip(results[1]["losses"], results[2]["losses"]), 1):
        print(f"  step {i:3d}: naive {a:.3f}  production {b:.3f}")


if __name__ == "__main__":
    main()
