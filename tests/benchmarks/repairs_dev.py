"""Do the repairs against lost and repeated words (issue 24) cost quality? chrF on the dev parts.

For a seeded sample of each dev part and both directions, the bundle translates (int8 on
the CPU, beam 5, as the app) once per arm: every repair off, each one alone, and the
defaults ("nothing" also turns off the model check of dropped words, for its time).
Printed per arm: corpus chrF per part and direction and their mean, the share of
sentences with a "dropped" or "repeated" warning, the mean sentence chrF of the warned and
of the other sentences, and the seconds it took. A repair is kept only where the mean does
not drop.

    python tests/benchmarks/repairs_dev.py --corpus CORPUS [--model models/de-en] [--pairs 200]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from sacrebleu.metrics import CHRF

from translator_app.engine.translator import Translator
from translator_app.training.evaluate import score
from translator_app.training.readers.tabular import load_tsv

DIRECTIONS = (("de", "en", 0, 1), ("en", "de", 1, 0))
PARTS = ("everyday", "technical", "conversational")
OFF = dict(repair=False, no_word_twice=False, coverage_penalty=0.0)


def arms(base, penalties: list[float]) -> list[tuple[str, object]]:
    out = [("nothing", base.with_(**OFF, check_left_out=False)),  # no warning from the model check either
           ("all off", base.with_(**OFF)),
           ("no word twice", base.with_(**{**OFF, "no_word_twice": True})),
           ("repair in pieces", base.with_(**{**OFF, "repair": True}))]
    out += [(f"coverage penalty {b}", base.with_(**{**OFF, "coverage_penalty": b})) for b in penalties]
    out.append(("defaults", base))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, help="directory with dev-everyday.tsv, dev-technical.tsv, dev-conversational.tsv")
    ap.add_argument("--model", default=None)
    ap.add_argument("--pairs", type=int, default=200, help="pairs per part (seeded sample)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--penalties", type=float, nargs="*", default=[0.2, 0.5], help="coverage penalties to try")
    ap.add_argument("--only", nargs="*", default=None, help="run only the arms with these names")
    args = ap.parse_args()
    parts = {}
    for part in PARTS:
        pairs = load_tsv(Path(args.corpus) / f"dev-{part}.tsv")
        parts[part] = random.Random(args.seed).sample(pairs, min(args.pairs, len(pairs)))
    translator = Translator.load(args.model, device="cpu", threads=args.threads)
    chrf = CHRF()
    print(f"{args.pairs} pairs per part and direction (seed {args.seed}), beam {args.beam}, {args.corpus}")
    cells = [f"{p[:5]} {s}->{t}" for p in PARTS for s, t, _, _ in DIRECTIONS]
    print("| arm | " + " | ".join(cells) + " | mean | warned | chrF warned / not | s |")
    print("|---|" + "---|" * (len(cells) + 4))
    for name, cfg in arms(translator.config.with_(beam=args.beam), args.penalties):
        if args.only and name not in args.only:
            continue
        translator.clear_cache()
        values, warned, sent_w, sent_ok = [], 0, [], []
        start = time.perf_counter()
        for part, pairs in parts.items():
            for src, tgt, a, b in DIRECTIONS:
                results = translator.translate_many([p[a] for p in pairs], src, tgt, cfg)
                hyps = [r.translation for r in results]
                values.append(score(hyps, [p[b] for p in pairs])["chrf"])
                for r, p in zip(results, pairs):
                    s = chrf.sentence_score(r.translation, [p[b]]).score
                    if r.losses:
                        warned += 1
                        sent_w.append(s)
                    else:
                        sent_ok.append(s)
        seconds = time.perf_counter() - start
        total = len(sent_w) + len(sent_ok)
        mean_w = sum(sent_w) / len(sent_w) if sent_w else float("nan")
        mean_ok = sum(sent_ok) / len(sent_ok) if sent_ok else float("nan")
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) +
              f" | {sum(values) / len(values):.2f} | {100 * warned / total:.1f}% | {mean_w:.1f} / {mean_ok:.1f} | {seconds:.0f} |",
              flush=True)


if __name__ == "__main__":
    main()
