"""Dictionary speed: index build time and size, warm lookup latency, a 300-term batch; the
example sentences' index, their lookup (the card's Examples section) and fuzzy_candidates.

    python tests/benchmarks/lookup_speed.py [--build] [--limit 10] [--terms 300]

--build builds the indexes from the packaged data into a temporary folder first (and reports
their time and size); otherwise the user cache's are used (built if needed). The 300
terms are drawn with a fixed seed from the index itself: headwords as written, folded
(ae/oe/ue/ss, lower case), English headwords, inflected forms and 2-3 letter prefixes (the
slowest case). The example lookups take the same terms, with the translations of their
Ding lookup (as the card's worker does); fuzzy_candidates takes 100 German sides of the
example pairs (seeded), each without its last word. Exit status 1 when the warm Ding p95
exceeds --p95-ms (default 10) or the example lookup's exceeds --examples-p95-ms (default 20).
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
    p.add_argument("--examples-p95-ms", type=float, default=20.0)
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
    ex_p95 = _examples(d, terms, Path(tmp.name) / "ex.sqlite" if args.build else None, rows)
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
    return 1 if _pct(times, 0.95) > args.p95_ms or ex_p95 > args.examples_p95_ms else 0


def _timed(calls, cpu: list | None = None) -> list[float]:
    """Wall milliseconds per call; ``cpu`` (if given) gets the process CPU milliseconds, which a
    busy machine (a training run on every core) inflates far less than the wall time."""
    out = []
    for call in calls:
        c, t = time.process_time(), time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c) * 1000)
    return out


def _spread(times: list[float]) -> str:
    return f"p50 {statistics.median(times):.2f} ms, p95 {_pct(times, 0.95):.2f} ms, max {max(times):.2f} ms"


def _examples(d, terms, db, rows) -> float:
    """The example rows of the table; returns the warm example lookup's p95 (ms)."""
    from translator_app.dictionary.examples import LIMIT, Examples, dictionary_translations

    start, cpu = time.perf_counter(), time.process_time()
    ex = Examples.open(db_path=db)
    label = "examples: build (wall / cpu)" if ex.meta["opened_because"] != "up to date" else "examples: open (wall / cpu)"
    rows.append((label, f"{time.perf_counter() - start:.2f} s / {time.process_time() - cpu:.2f} s",
                 ex.meta["opened_because"]))
    rows.append(("examples: index size on disk / pairs", f"{ex.path.stat().st_size / 1e6:.1f} MB / {ex.meta['pairs']}",
                 f"resource {ex.meta.get('data_sha256', '')[:8]}"))
    asks = [(term, lang, dictionary_translations(d.lookup(term, lang, 10))) for term, lang in terms]
    for term, lang, words in asks[:50]:   # warm-up: the pages come into memory
        ex.lookup(term + "x", lang, LIMIT, words)
    cpu: list[float] = []
    times = _timed([lambda a=a: ex.lookup(a[0], a[1], LIMIT, a[2]) for a in asks], cpu)
    found = sum(bool(ex.lookup(t, lang, LIMIT, w)) for t, lang, w in asks)
    rows.append((f"examples: warm lookup, top {LIMIT}", _spread(times), f"{len(times)} terms, {found} with examples"))
    rows.append(("examples: the same, CPU time", _spread(cpu), "process_time"))
    card = _timed([lambda a=a: ex.lookup(a[0], a[1], LIMIT, dictionary_translations(d.lookup(a[0], a[1], 10)))
                   for a in asks])
    rows.append(("the card's worker: Ding lookup + examples", _spread(card), f"{len(card)} terms"))
    rng = random.Random(5)
    ids = rng.sample(range(1, int(ex.meta["pairs"]) + 1), 100)
    marks = ",".join("?" * len(ids))
    sentences = [r[0].rsplit(" ", 1)[0] for r in ex._con.execute(f"SELECT de FROM pairs WHERE id IN ({marks})", ids)]
    cpu = []
    fuzzy = _timed([lambda s=s: ex.fuzzy_candidates(s, "de", 50) for s in sentences], cpu)
    rows.append(("examples: fuzzy_candidates, limit 50", _spread(fuzzy), f"{len(fuzzy)} German sentences"))
    rows.append(("examples: the same, CPU time", _spread(cpu), "process_time"))
    ex.close()
    return _pct(times, 0.95)


if __name__ == "__main__":
    sys.exit(main())
