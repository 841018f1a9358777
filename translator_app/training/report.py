"""The corpus report: pairs per source and stage, reader skips, split sizes, a length histogram.

No torch, no Qt here.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Dict, Iterable, Sequence

from translator_app.training.cleaning import STAGES, Kept
from translator_app.training.split import SplitResult


HIST_BUCKETS = (10, 20, 40, 80, 160, 250)


def length_histogram(texts: Iterable[str], buckets: Sequence[int] = HIST_BUCKETS) -> "OrderedDict[str, int]":
    labels = []
    lo = 0
    for hi in buckets:
        labels.append("%d-%d" % (lo + (1 if lo else 0), hi))
        lo = hi
    labels.append(">%d" % buckets[-1])
    hist: "OrderedDict[str, int]" = OrderedDict((lab, 0) for lab in labels)
    for t in texts:
        n = len(t)
        for lab, hi in zip(labels, buckets):
            if n <= hi:
                hist[lab] += 1
                break
        else:
            hist[labels[-1]] += 1
    return hist


def token_counts(pairs: Sequence[Kept]) -> Dict[str, int]:
    return {
        "pairs": len(pairs),
        "de_tokens": sum(len(p.de.split()) for p in pairs),
        "en_tokens": sum(len(p.en.split()) for p in pairs),
    }


def format_report(
    counts: "OrderedDict[str, Counter]",
    reader_stats: Dict[str, Counter],
    split: SplitResult,
) -> str:
    lines = []
    lines.append("Pairs per source after each filter")
    header = "%-22s" % "source" + "".join("%17s" % s for s in STAGES)
    lines.append(header)
    lines.append("-" * len(header))
    total = Counter()
    for name, c in counts.items():
        lines.append("%-22s" % name[:22] + "".join("%17d" % c[s] for s in STAGES))
        total.update({s: c[s] for s in STAGES})
    lines.append("%-22s" % "TOTAL" + "".join("%17d" % total[s] for s in STAGES))
    lines.append("")
    lines.append("Kept pairs by origin")
    origins = Counter()
    for c in counts.values():
        origins.update({k[7:]: v for k, v in c.items() if k.startswith("origin:")})
    for o, n in sorted(origins.items()):
        lines.append("  %-20s %10d" % (o, n))
    for name, st in reader_stats.items():
        if st:
            lines.append("")
            lines.append("Reader skips (%s)" % name)
            for k, v in sorted(st.items()):
                lines.append("  %-36s %10d" % (k, v))
    lines.append("")
    lines.append("Splits (whitespace tokens)")
    lines.append("  %-16s %10s %12s %12s" % ("split", "pairs", "de tokens", "en tokens"))
    for name, lst in [("train", split.train), ("dev", split.dev), ("test", split.test)] + split.named_parts():
        tc = token_counts(lst)
        lines.append("  %-16s %10d %12d %12d" % (name, tc["pairs"], tc["de_tokens"], tc["en_tokens"]))
    lines.append("  train pairs removed for dev/test overlap: %d" % split.removed_overlap)
    train_origins = Counter(p.origin for p in split.train)
    lines.append("  train by origin: " + ", ".join("%s=%d" % kv for kv in sorted(train_origins.items())))
    lines.append("")
    lines.append("German length histogram (characters, train)")
    hist = length_histogram(p.de for p in split.train)
    peak = max(hist.values()) or 1
    for lab, n in hist.items():
        lines.append("  %-9s %9d %s" % (lab, n, "#" * int(round(40 * n / peak))))
    return "\n".join(lines)
