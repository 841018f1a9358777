"""Dictionary speed: index build time and size, warm lookup latency, a 300-term batch.

    python tests/benchmarks/lookup_speed.py [--build] [--limit 10] [--terms 300]

--build builds the index from the packaged data into a temporary folder first (and reports
its time and size); otherwise the user cache's index is used (built if needed). The 300
terms are drawn with a fixed seed from the index itself: headwords as written, folded
(ae/oe/ue/ss, lower case), English headwords, inflected forms and 2-3 letter prefixes (the
slowest case). Exit status 1 when the warm p95 exceeds --p95-ms (default 10).
Not part of the test suite (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _terms(d, n: int, seed: int = 17) -> list[tuple[str, str]]:
    from translator_app.dictionary import ding

    rng = random.Random(seed)
    con = d._con  # a benchmark may read the table directly to sample terms
    ids = [r[0] for r in con.execute("SELECT id FROM entries")]
    picked = rng.sample(ids, n)
    lines = dict(con.execute(f"SELECT id, line FROM entries WHERE id IN ({','.join('?' * len(picked))})", picked))
    out = []
    for i, entry_id in enumerate(picked):
        subs = ding.split_line(lines[entry_id])
        de = ding.bare(ding.split_synonyms(subs[0].de)[0])
        en = ding.bare(ding.split_synonyms(subs[0].en)[0])
        kind = i % 6
        if kind == 0:
            out.append((de, "de"))
        elif kind == 1:
            out.append((ding.fold(de), "de"))
        elif kind == 2:
            out.append((en, "en"))
        elif kind == 3:
            out.append((de + ("en" if not de.endswith("e") else "n"), "de"))
        elif kind == 4:
            out.append((de[: 2 + i % 2], "de"))
        else:
            out.append((en[: 2 + i % 2], "en"))
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", action="store_true")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--terms", type=int, default=300)
    p.add_argument("--p95-ms", type=float, default=10.0)
    args = p.parse_args(argv)

    from translator_app.dictionary.lookup import Dictionary

    rows = []
    tmp = tempfile.TemporaryDirectory()
    db = Path(tmp.name) / "de-en.sqlite" if args.build else None
    start = time.perf_counter()
    cpu = time.process_time()
    d = Dictionary.open(db_path=db)
    open_s, open_cpu = time.perf_counter() - start, time.process_time() - cpu
    label = "build (wall / cpu)" if d.meta["opened_because"] != "up to date" else "open (wall / cpu)"
    rows.append((label, f"{open_s:.2f} s / {open_cpu:.2f} s", d.meta["opened_because"]))
    rows.append(("index size on disk", f"{d.path.stat().st_size / 1e6:.1f} MB", str(d.path)))
    rows.append(("entries / keys", f"{d.meta['entries']} / {d.meta['keys']}", ""))

    terms = _terms(d, args.terms)
    # Warm-up with other terms: SQLite's pages come into memory, but the measured terms' parsed
    # entries are not in the lookup cache yet.
    for term, lang in _terms(d, 100, seed=99):
        d.lookup(term, lang, args.limit)
    times = []
    batch_start = time.perf_counter()
    for term, lang in terms:
        t = time.perf_counter()
        d.lookup(term, lang, args.limit)
        times.append((time.perf_counter() - t) * 1000)
    batch_ms = (time.perf_counter() - batch_start) * 1000
    rows.append((f"warm lookup, limit {args.limit}", f"p50 {statistics.median(times):.2f} ms, "
                 f"p95 {_pct(times, 0.95):.2f} ms, max {max(times):.2f} ms", f"{len(times)} terms"))
    rows.append((f"{len(terms)}-term batch (one Dictionary)", f"{batch_ms:.0f} ms",
                 f"{batch_ms / len(terms):.2f} ms/term"))
    exact = [(t, l) for t, l in terms]
    t = time.perf_counter()
    hits = sum(d.exact_match(term, lang) is not None for term, lang in exact)
    rows.append(("exact_match over the batch", f"{(time.perf_counter() - t) * 1000:.0f} ms", f"{hits} matches"))
    d.close()

    env = dict(os.environ)
    if db is not None:
        env["TRANSLATOR_CACHE_DIR"] = str(Path(tmp.name) / "cli-cache")
        (Path(tmp.name) / "cli-cache" / "dictionary").mkdir(parents=True)
        os.link(db, Path(tmp.name) / "cli-cache" / "dictionary" / "de-en.sqlite")
    stdin = "".join(term + "\n" for term, lang in terms if lang == "de")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "translator_app", "lookup", "--limit", str(args.limit)],
                          input=stdin, capture_output=True, text=True, env=env)
    cli_s = time.perf_counter() - t
    n = len([line for line in proc.stdout.splitlines() if json.loads(line)])
    rows.append(("CLI `lookup` from stdin (process incl.)", f"{cli_s:.2f} s", f"{n} German terms, rc {proc.returncode}"))
    tmp.cleanup()

    width = max(len(r[0]) for r in rows)
    print(f"| {'what'.ljust(width)} | value | note |")
    print(f"|{'-' * (width + 2)}|-------|------|")
    for what, value, note in rows:
        print(f"| {what.ljust(width)} | {value} | {note} |")
    return 1 if _pct(times, 0.95) > args.p95_ms else 0


if __name__ == "__main__":
    sys.exit(main())
