"""Translation memory speed: fuzzy lookups in a memory of N entries, and the exact lookup.

    python tests/benchmarks/tm_fuzzy.py [--pairs FILE.tsv] [--entries 1000] [--probes 200] [--examples]

The memory (a temporary file) gets the first N German sides of a TSV of pairs (default:
tests/data/tiny/train.tsv); each probe is one of them with one word replaced, so it has one
>= 75 % match or more when it has 4 words or more. --examples also searches the example
corpus, whose index is built first into a temporary cache (TRANSLATOR_CACHE_DIR). Prints the
median and p95 of the fuzzy lookup, the exact lookup and the share of probes that found their
entry. Not part of the test suite (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=Path, default=ROOT / "tests" / "data" / "tiny" / "train.tsv")
    ap.add_argument("--entries", type=int, default=1000)
    ap.add_argument("--probes", type=int, default=200)
    ap.add_argument("--examples", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="tm-bench-"))
    os.environ["TRANSLATOR_CACHE_DIR"] = str(tmp / "cache")
    from translator_app.tm import fuzzy
    from translator_app.tm.store import MemoryStore

    rows, seen = [], set()
    for line in args.pairs.read_text(encoding="utf-8").splitlines():
        de, _, en = line.partition("\t")
        if en and len(de.split()) >= 4 and de not in seen:
            seen.add(de)
            rows.append((de, en, "de", "en"))
        if len(rows) == args.entries:
            break
    store = MemoryStore(tmp / "memory.sqlite3")
    store.add_many(rows)
    if args.examples:
        from translator_app.dictionary import examples

        start = time.perf_counter()
        examples.Examples.open().close()
        print(f"example index built in {time.perf_counter() - start:.1f} s")
    rng = random.Random(3)
    probes = []
    for de, *_ in rng.sample(rows, min(args.probes, len(rows))):
        words = de.split()
        words[rng.randrange(len(words))] = "Zzyzx"
        probes.append((" ".join(words), de))
    fuzzy.find(probes[0][0], "de", "en", store, with_examples=args.examples)  # fills the caches
    times, exact, found = [], [], 0
    for text, origin in probes:
        t0 = time.perf_counter()
        matches = fuzzy.find(text, "de", "en", store, with_examples=args.examples)
        t1 = time.perf_counter()
        store.exact(origin, "de", "en")
        t2 = time.perf_counter()
        times.append((t1 - t0) * 1000)
        exact.append((t2 - t1) * 1000)
        found += any(m.source == origin for m in matches)
    q = statistics.quantiles
    print(f"memory: {store.count()} entries from {args.pairs.name}; {len(probes)} probes; "
          f"examples {'on' if args.examples else 'off'}")
    print(f"fuzzy lookup: median {statistics.median(times):.2f} ms, p95 {q(times, n=20)[-1]:.2f} ms")
    print(f"exact lookup: median {statistics.median(exact):.3f} ms, p95 {q(exact, n=20)[-1]:.3f} ms")
    print(f"probes that found their entry: {found}/{len(probes)}")
    store.close()
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
