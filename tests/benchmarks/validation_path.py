"""Does the validation decode during training give what `evaluate` gives? Scores one bundle's
dev sample both ways: the trainer's old plain greedy path (greedy_translate below: no sentence
splitting, cleaning or copy-through) and the Translator path that `evaluate` and the app use
(greedy too, fp32 as in training), and prints chrF and seconds for each.

    python tests/benchmarks/validation_path.py --corpus /path/to/corpus --model models/de-en [--size 300]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch

from translator_app.engine import search
from translator_app.engine.config import DecodeConfig
from translator_app.engine.translator import Translator
from translator_app.training import evaluate
from translator_app.training.pipeline import dev_parts_sample
from translator_app.training.readers.tabular import load_tsv


def greedy_translate(model, tokenizer, sentences, tgt_lang, device, batch_size=64) -> list[str]:
    """The trainer's old validation decode: plain greedy, no splitting, cleaning or copy-through
    (it lived in training/validation.py until the trainer moved to the Translator path)."""
    out = [""] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        ids = [tokenizer.encode_source(sentences[i], tgt_lang)[:150] for i in idx]
        src = torch.zeros((len(ids), max(map(len, ids))), dtype=torch.long)
        for row, seq in enumerate(ids):
            src[row, :len(seq)] = torch.tensor(seq)
        hyps = search.greedy(model, src.to(device), torch.tensor([len(s) for s in ids]))
        for i, h in zip(idx, hyps):
            out[i] = tokenizer.decode(h.ids)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--size", type=int, default=300)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    samples = dev_parts_sample(corpus, load_tsv(corpus / "dev.tsv"), args.size)
    tr = Translator.load(args.model, device="cpu", quantize=False)
    greedy = DecodeConfig(beam=1, n_best=1)
    print("| part | direction | trainer path chrF | Translator path chrF | trainer s | Translator s |")
    print("|---|---|---|---|---|---|")
    totals = [0.0, 0.0]
    for part, pairs in samples.items():
        for src, tgt, a, b in (("de", "en", 0, 1), ("en", "de", 1, 0)):
            sources, refs = [p[a] for p in pairs], [p[b] for p in pairs]
            t0 = time.perf_counter()
            with torch.inference_mode():
                plain = greedy_translate(tr.model, tr.tokenizer, sources, tgt, "cpu")
            t1 = time.perf_counter()
            full = [r.translation for r in tr.translate_many(sources, src, tgt, cfg=greedy)]
            t2 = time.perf_counter()
            totals[0] += t1 - t0
            totals[1] += t2 - t1
            print(f"| {part} | {src}->{tgt} | {evaluate.score(plain, refs)['chrf']:.2f} | "
                  f"{evaluate.score(full, refs)['chrf']:.2f} | {t1 - t0:.1f} | {t2 - t1:.1f} |", flush=True)
    print(f"total seconds: trainer path {totals[0]:.1f}, Translator path {totals[1]:.1f}")


if __name__ == "__main__":
    main()
