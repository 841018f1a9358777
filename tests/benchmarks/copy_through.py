"""Names and numbers: byte fallback alone against byte fallback + copy-through.

The tokenizer's byte fallback means every source character *can* be produced; copy-through
(translator_app/engine/copying.py) also replaces a mangled protected word (number, version,
identifier, name) with the source word under the strongest attention. For each setting this
prints, on test-split sentences, the share of protected source words found verbatim in the
output and the chrF/BLEU of the whole output.

    python tests/benchmarks/copy_through.py --model models/de-en --corpus /path/to/corpus [--limit 500]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from translator_app.engine.copying import appears_in, is_protected, strip_edges
from translator_app.engine.translator import Translator
from translator_app.training import evaluate
from translator_app.training.readers.tabular import load_tsv

COL = {"de": 0, "en": 1}


def protected_words(sentence: str, lang: str) -> list[str]:
    words = sentence.split(" ")
    return [strip_edges(w) for i, w in enumerate(words) if is_protected(words, i, lang) and strip_edges(w)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=500, help="first N pairs of each test part")
    ap.add_argument("--beam", type=int, default=5)
    args = ap.parse_args()
    translator = Translator.load(args.model, device="cpu")
    print("| part | direction | setting | protected words kept | chrF | BLEU |\n|---|---|---|---|---|---|")
    for part in ("everyday", "technical"):
        pairs = load_tsv(Path(args.corpus) / f"test-{part}.tsv")[: args.limit]
        for src, tgt in (("de", "en"), ("en", "de")):
            sources = [p[COL[src]] for p in pairs]
            refs = [p[COL[tgt]] for p in pairs]
            for setting, flag in (("byte fallback only", False), ("byte fallback + copy-through", True)):
                cfg = replace(translator.config, beam=args.beam, copy_through=flag)
                translator.clear_cache()
                hyps = [r.translation for r in translator.translate_many(sources, src, tgt, cfg)]
                total = hit = 0
                for s, h in zip(sources, hyps):
                    for w in protected_words(s, src):
                        total += 1
                        hit += appears_in(w, h)
                sc = evaluate.score(hyps, refs)
                share = f"{hit}/{total} ({100 * hit / max(total, 1):.1f} %)"
                print(f"| {part} | {src}→{tgt} | {setting} | {share} | {sc['chrf']:.1f} | {sc['bleu']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
