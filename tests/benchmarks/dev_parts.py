"""Compare bundles on the dev split, per part (everyday / technical / conversational) and direction.

Used to choose between the arms of a training experiment (over-sampling, back-translation):
every bundle is scored the same way as the app translates (int8 on the CPU, beam 5 by
default), with sacrebleu BLEU / chrF on all dev pairs of each part.

    python tests/benchmarks/dev_parts.py --corpus /path/to/corpus [--beam 5] BUNDLE [BUNDLE ...]

``--dictionary`` adds the dictionary's glossary as the app runs (words copied, not translated).
``--length-penalty 0.6 1.0 1.4`` scores each bundle once per beam length penalty and adds each
part's output length as a fraction of the reference's.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from translator_app.engine.translator import Translator
from translator_app.training.readers.tabular import load_tsv
from translator_app.training.evaluate import score

DIRECTIONS = (("de", "en", 0, 1), ("en", "de", 1, 0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundles", nargs="+", help="bundle directories")
    ap.add_argument("--corpus", required=True, help="corpus directory with dev-everyday.tsv, dev-technical.tsv (and dev-conversational.tsv)")
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--model-only", action="store_true",
                    help="the model alone: no repair retries, no dropped-word check (as the figures before 2026-12-03)")
    ap.add_argument("--dictionary", action="store_true",
                    help="with the dictionary's glossary, as the app and translate run (engine/copied.py)")
    ap.add_argument("--length-penalty", type=float, nargs="+", default=None, metavar="ALPHA",
                    help="beam length penalties to compare (default: the app's)")
    args = ap.parse_args()
    parts = {p: load_tsv(Path(args.corpus) / f"dev-{p}.tsv") for p in ("everyday", "technical", "conversational")
             if (Path(args.corpus) / f"dev-{p}.tsv").is_file()}
    for name in args.bundles:
        translator = Translator.load(name, device="cpu", threads=args.threads)
        if args.dictionary:
            from translator_app.dictionary.senses import glossary

            translator.glossary = glossary()
        for alpha in args.length_penalty or [translator.config.length_penalty]:
            cfg = replace(translator.config, beam=args.beam, length_penalty=alpha)
            if args.model_only:
                cfg = replace(cfg, repair=False, check_left_out=False)
            cells, start = [], time.monotonic()
            for part, pairs in parts.items():
                for src, tgt, a, b in DIRECTIONS:
                    hyps = [r.translation for r in translator.translate_many([p[a] for p in pairs], src, tgt, cfg)]
                    s = score(hyps, [p[b] for p in pairs])
                    cell = f"{part[:5]} {src}->{tgt} {s['bleu']:.2f}/{s['chrf']:.2f}"
                    if args.length_penalty:
                        ratio = sum(len(h.split()) for h in hyps) / sum(len(p[b].split()) for p in pairs)
                        cell += f" len {ratio:.3f}"
                    cells.append(cell)
            label = f" length penalty {alpha}" if args.length_penalty else ""
            print(f"{name} beam {args.beam}{label} ({time.monotonic() - start:.0f}s): " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
