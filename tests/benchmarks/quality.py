"""Quality table for the model card: BLEU/chrF of a model and the baselines, both directions,
on the everyday, technical and conversational parts of the test split. Figures come from the same code as
`translator-app evaluate` (translator_app.training.evaluate).

    python tests/benchmarks/quality.py --model models/de-en --corpus /path/to/corpus \
        --ding /path/to/ding/de-en [--beam 5] [--limit N] [--examples 10]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from translator_app.engine.config import DecodeConfig
from translator_app.engine.translator import Translator
from translator_app.training import evaluate
from translator_app.training.readers.tabular import load_tsv

PARTS = ("everyday", "technical", "conversational")
DIRECTIONS = (("de", "en"), ("en", "de"))
COL = {"de": 0, "en": 1}


def pick_examples(pairs, k):
    """A fixed rule, not a hand pick: the k pairs whose SHA-256 of the German side is smallest."""
    keyed = sorted(pairs, key=lambda p: hashlib.sha256(p[0].encode("utf-8")).hexdigest())
    return keyed[:k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--ding")
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="first N pairs of each part (0 = all)")
    ap.add_argument("--examples", type=int, default=10)
    ap.add_argument("--json-out")
    args = ap.parse_args()

    translator = Translator.load(args.model, device="cpu")
    cfg = DecodeConfig(beam=args.beam).validated()
    dictionary = None
    if args.ding:
        from translator_app.training.dictionary_baseline import DictionaryBaseline

        dictionary = DictionaryBaseline.from_ding(args.ding)
    rows, figures = [], {}
    examples = {}
    for part in PARTS:
        pairs = load_tsv(Path(args.corpus) / f"test-{part}.tsv")
        if args.limit:
            pairs = pairs[: args.limit]
        for src, tgt in DIRECTIONS:
            sources = [p[COL[src]] for p in pairs]
            refs = [p[COL[tgt]] for p in pairs]
            t0 = time.perf_counter()
            hyps = [r.translation for r in translator.translate_many(sources, src, tgt, cfg)]
            secs = time.perf_counter() - t0
            systems = {"model": hyps, "copy source": sources}
            if dictionary:
                systems["dictionary"] = [dictionary.translate(s, src=src, tgt=tgt) for s in sources]
            for name, h in systems.items():
                s = evaluate.score(h, refs)
                figures[f"{part}/{src}-{tgt}/{name}"] = s
                rows.append((part, f"{src}→{tgt}", name, s["bleu"], s["chrf"], s["n"]))
            print(f"[{part} {src}->{tgt}: {len(sources)} sentences in {secs:.0f} s]", flush=True)
            chosen = pick_examples(list(zip(sources, refs, hyps)), args.examples)
            examples[f"{part} {src}→{tgt}"] = chosen
    print("\n| part | direction | system | BLEU | chrF | n |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.1f} | {r[4]:.1f} | {r[5]} |")
    for key, chosen in examples.items():
        print(f"\n#### {key}\n\n| source | reference | model |\n|---|---|---|")
        for s, r, h in chosen:
            print(f"| {s.replace('|', '/')} | {r.replace('|', '/')} | {h.replace('|', '/')} |")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
