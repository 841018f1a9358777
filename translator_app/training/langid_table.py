"""Build and measure the language check's trigram table (translator_app/data/langid.json),
which engine/langid.py reads at run time. Tooling: the app never runs it.

    python -m translator_app.training.langid_table --build /work/data/corpus/train.tsv
    python -m translator_app.training.langid_table --measure /work/data/corpus/dev-*.tsv
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from ..engine.langid import N, TABLE, check, ratio, trigrams
from ..languages import CODES, other
from .readers.tabular import load_tsv


def build(corpus: Path, out: Path, keep: int = 6000) -> None:
    """Count each language's character trigrams in ``corpus`` (German<TAB>English), keep the
    ``keep`` commonest of each and write their add-one smoothed log-probabilities to ``out``."""
    counts = [Counter() for _ in CODES]
    for pair in load_tsv(corpus):
        for i, col in enumerate(pair):
            counts[i].update(trigrams(col))
    totals = [sum(c.values()) for c in counts]
    vocab = set()
    for c in counts:
        vocab.update(g for g, _ in c.most_common(keep))
    # add-one smoothing over the kept trigrams; anything else scores the floor
    size = len(vocab) + 1
    logp = {g: [round(math.log((c[g] + 1) / (t + size)), 2) for c, t in zip(counts, totals)]
            for g in sorted(vocab)}
    floor = [round(math.log(1 / (t + size)), 2) for t in totals]
    out.write_text(json.dumps({"n": N, "source": corpus.name, "logp": logp, "floor": floor},
                              ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB, {len(logp)} trigrams)")


def measure(files: list[Path]) -> None:
    """False alarms: each side of each dev pair checked against its true language.
    Detection: the same sides checked against the other language (a swapped direction)."""
    for path in files:
        judged = alarms = caught = 0
        n = 0
        for pair in load_tsv(path):
            for lang, text in zip(CODES, pair):
                n += 1
                alarms += check(text, lang) is not None
                caught += check(text, other(lang)) is not None
                judged += ratio(text, lang) is not None
        print(f"{path.name}: {n} texts, {judged} long enough to judge; false alarms {alarms} "
              f"({100 * alarms / n:.2f}%); swapped direction caught {caught} ({100 * caught / n:.1f}% of all, "
              f"{100 * caught / max(judged, 1):.1f}% of judged)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m translator_app.training.langid_table")
    parser.add_argument("--build", type=Path, help="train.tsv (German<TAB>English)")
    parser.add_argument("--out", type=Path, default=TABLE)
    parser.add_argument("--measure", type=Path, nargs="*")
    args = parser.parse_args(argv)
    if args.build:
        build(args.build, args.out)
    if args.measure:
        measure(args.measure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
