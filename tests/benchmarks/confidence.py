"""Does the confidence track quality? Candidate scores against sentence chrF on the dev parts.

For a seeded sample of each dev part and direction, the bundle translates (int8, beam 5,
n-best 5, as the app) and every candidate score is computed from the result alone. Printed:
Spearman's rank correlation with sentence-level chrF, and the AUROC of telling the worst
quarter (lowest chrF) from the rest (1.0 perfect, 0.5 chance), per candidate, over all cells.

Then the geometric mean (the score before) against the shipped Translation.confidence per
direction, and the share, mean chrF and worst-quarter share of each level, old and shipped.

    python tests/benchmarks/confidence.py --corpus CORPUS [--model models/de-en] [--pairs 200] [--cost N]
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from sacrebleu.metrics import CHRF

from translator_app.engine import confidence
from translator_app.engine.config import DecodeConfig
from translator_app.engine.translator import Translator
from translator_app.training.readers.tabular import load_tsv

DIRECTIONS = (("de", "en", 0, 1), ("en", "de", 1, 0))
_CHRF = CHRF()


def _chrf(hyp: str, ref: str) -> float:
    return _CHRF.sentence_score(hyp, [ref]).score


def candidates(r) -> dict:
    """Every candidate confidence of one Translation (higher = more confident)."""
    probs = r.token_probs
    src = r.source_tokens
    end = [i for i, t in enumerate(src) if t == "</s>"]
    words = [i for i, t in enumerate(src) if t not in ("</s>",) and not t.startswith("<2")]
    received = [sum(row[i] for row in r.attention) for i in range(len(src))] if r.attention else []
    end_share = (sum(received[i] for i in end) / max(len(r.attention), 1)) if received else 0.0
    covered = (sum(min(1.0, received[i]) for i in words) / len(words)) if words and received else 1.0
    alts = [a.translation for a in r.alternatives]
    agree = (sum(_chrf(a, alts[0]) for a in alts[1:]) / (100 * (len(alts) - 1))) if len(alts) > 1 else 1.0
    geo = confidence.geometric_mean(probs)
    return {
        "geometric mean of token probs (before)": geo,
        "minimum token prob": min(probs) if probs else 1.0,
        "mean token prob": sum(probs) / len(probs) if probs else 1.0,
        "n-best agreement (chrF of alternatives vs best)": agree,
        "attention coverage of source words": covered,
        "1 - attention on the source end token": 1.0 - end_share,
        "geometric mean x coverage": geo * covered,
        "geometric mean x n-best agreement": geo * agree,
        "sqrt(geometric mean x agreement) x coverage": math.sqrt(geo * agree) * covered,
    }


def _ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a, b) -> float:
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    return cov / math.sqrt(sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb) or 1)


def auroc_worst_quarter(conf, quality) -> float:
    """P(a worst-quarter sentence gets a lower confidence than a sentence of the rest)."""
    cut = sorted(quality)[len(quality) // 4]
    worst = [c for c, q in zip(conf, quality) if q < cut]
    rest = [c for c, q in zip(conf, quality) if q >= cut]
    if not worst or not rest:
        return float("nan")
    ranks = _ranks([-c for c in worst + rest])  # high rank = low confidence
    return (sum(ranks[:len(worst)]) - len(worst) * (len(worst) + 1) / 2) / (len(worst) * len(rest))


OLD_LEVELS = (0.6, 0.3)  # the levels of the geometric mean alone, before the shipped score


def _levels(values, quality, bounds) -> str:
    """Per level: share of the sentences, their mean chrF, and how many are in the worst quarter."""
    cut = sorted(quality)[len(quality) // 4]
    out = []
    for name, lo, hi in (("high", bounds[0], 2.0), ("medium", bounds[1], bounds[0]), ("low", -1.0, bounds[1])):
        q = [qq for v, qq in zip(values, quality) if lo <= v < hi]
        worst = sum(qq < cut for qq in q)
        out.append(f"{name} {len(q) / len(quality):.0%}, chrF {sum(q) / len(q) if q else float('nan'):.1f}, "
                   f"worst quarter {worst / len(q) if q else 0:.0%}")
    return " · ".join(out)


def report_directions(rows) -> None:
    """Old (geometric mean) against shipped, per direction; the shipped levels against the
    old ones; the quartiles the shipped levels come from. rows: (tgt, chrF, old, shipped)."""
    print("\n| direction | geometric mean: Spearman / AUROC | shipped: Spearman / AUROC | shipped quartiles 25/50/75 % |")
    print("|---|---|---|---|")
    for tgt in ("en", "de"):
        sel = [r for r in rows if r[0] == tgt]
        if not sel:
            continue
        q, old, new = [r[1] for r in sel], [r[2] for r in sel], [r[3] for r in sel]
        ranked = sorted(new)
        quart = "/".join(f"{ranked[len(ranked) * k // 4]:.3f}" for k in (1, 2, 3))
        print(f"| ->{tgt} | {spearman(old, q):.3f} / {auroc_worst_quarter(old, q):.3f} | "
              f"{spearman(new, q):.3f} / {auroc_worst_quarter(new, q):.3f} | {quart} |")
    for tgt in ("en", "de"):
        sel = [r for r in rows if r[0] == tgt]
        if sel:
            q = [r[1] for r in sel]
            print(f"->{tgt} old levels {OLD_LEVELS}: {_levels([r[2] for r in sel], q, OLD_LEVELS)}")
            shipped = (confidence.HIGH, confidence.MEDIUM)
            print(f"->{tgt} shipped levels {shipped}: {_levels([r[3] for r in sel], q, shipped)}")


def measure_cost(translator, texts: list[str], rounds: int = 3) -> None:
    """CPU seconds (process time: a busy machine stretches the wall clock, not this) to
    translate ``texts`` at beam 5, n-best 1 (the CLI's default), keeping 1 or AGREEMENT_N
    hypotheses from the search; the runs alternate."""
    import time

    shipped = confidence.search_n_best
    cfg = DecodeConfig(beam=5, n_best=1)
    times = {"1 hypothesis": [], f"{confidence.AGREEMENT_N} hypotheses (shipped)": []}
    try:
        for _ in range(rounds):
            for name, fn in (("1 hypothesis", lambda beam, n: n), (list(times)[1], shipped)):
                confidence.search_n_best = fn
                translator.clear_cache()
                start = time.process_time()
                translator.translate_many(texts, "de", "en", cfg)
                times[name].append(time.process_time() - start)
    finally:
        confidence.search_n_best = shipped
    print(f"\ncost, {len(texts)} sentences de->en, beam 5, n-best 1: " +
          "; ".join(f"{name} {min(t):.2f} CPU s (best of {rounds})" for name, t in times.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--model", default="models/de-en")
    ap.add_argument("--pairs", type=int, default=200, help="pairs per dev part and direction")
    ap.add_argument("--cost", type=int, default=0, metavar="N",
                    help="also time N sentences with 1 and with AGREEMENT_N hypotheses kept from the search")
    args = ap.parse_args()
    translator = Translator.load(args.model, device="cpu")
    cfg = DecodeConfig(beam=5, n_best=5)
    scores, quality, rows = {}, [], []
    for part in ("everyday", "technical", "conversational"):
        path = Path(args.corpus) / f"dev-{part}.tsv"
        if not path.is_file():
            continue
        pairs = load_tsv(path)
        random.Random(7).shuffle(pairs)
        for src, tgt, a, b in DIRECTIONS:
            sample = pairs[: args.pairs]
            results = translator.translate_many([p[a] for p in sample], src, tgt, cfg)
            for r, p in zip(results, sample):
                quality.append(_chrf(r.translation, p[b]))
                found = candidates(r)
                for name, value in found.items():
                    scores.setdefault(name, []).append(value)
                rows.append((tgt, quality[-1], found["geometric mean of token probs (before)"], r.confidence))
    print(f"\n{len(quality)} sentences ({args.pairs} per dev part and direction), {args.model}, beam 5, n-best 5")
    print("| confidence score | Spearman with sentence chrF | AUROC, worst quarter |")
    print("|---|---|---|")
    for name, values in scores.items():
        print(f"| {name} | {spearman(values, quality):.3f} | {auroc_worst_quarter(values, quality):.3f} |")
    shipped = [r[3] for r in rows]
    print(f"| shipped: Translation.confidence | {spearman(shipped, quality):.3f} | "
          f"{auroc_worst_quarter(shipped, quality):.3f} |")
    report_directions(rows)
    if args.cost:
        pairs = load_tsv(Path(args.corpus) / "dev-everyday.tsv")
        random.Random(7).shuffle(pairs)
        measure_cost(translator, [p[0] for p in pairs[:args.cost]])


if __name__ == "__main__":
    main()
