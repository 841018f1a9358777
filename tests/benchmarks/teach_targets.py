"""The `teach` targets (issue 25), one row per radius of the keyed edits:

- of 40 made-up corrections (tests/data/teach/corrections.tsv), how many sources come out as
  corrected after teach, with the memory off (the engine directly, as `--no-memory`);
- of 40 unrelated sentences (tests/data/teach/unrelated.tsv), how many keep their translation;
- how long teach took (set TRANSLATOR_THREADS=1 for the one-core figure).

    TRANSLATOR_THREADS=1 python tests/benchmarks/teach_targets.py [--radii 0.93 0.96 0.98] [--replay-pairs N]
        [--steps N] [--keep DIR]

The personal models go to a temporary data directory (never the user's); ``--keep DIR``
copies each to DIR/radius-R, for tests/benchmarks/dev_parts.py --model-only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "teach"


def read_rows(path: Path) -> list[list[str]]:
    """FROM<TAB>text[<TAB>text] lines; '#' lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def translate_all(translator, rows, cfg) -> list[str]:
    out = []
    for lang in ("de", "en"):
        idx = [i for i, r in enumerate(rows) if r[0] == lang]
        texts = [rows[i][1] for i in idx]
        if texts:
            other = "en" if lang == "de" else "de"
            for i, r in zip(idx, translator.translate_many(texts, lang, other, cfg)):
                out.append((i, r.translation))
    return [t for _, t in sorted(out)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--radii", type=float, nargs="+", default=[0.96],
                    help="cosine radii of the keyed edits, one teach each")
    ap.add_argument("--steps", type=int, default=None, help="teach steps (default: the teach recipe's)")
    ap.add_argument("--lr", type=float, default=None, help="override the teach recipe's learning rate")
    ap.add_argument("--replay-pairs", type=int, default=None,
                    help="human translations the edits are checked against (default: teach.REPLAY_PAIRS)")
    ap.add_argument("--keep", default=None, help="copy each personal model to KEEP/radius-R")
    ap.add_argument("--show", action="store_true", help="print the sentences that miss")
    args = ap.parse_args()
    os.environ["TRANSLATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="teach-bench-")  # never the user's

    from dataclasses import replace

    from translator_app.engine import personal
    from translator_app.engine.translator import Translator
    from translator_app.training import teach

    corrections_rows = read_rows(DATA / "corrections.tsv")
    unrelated = read_rows(DATA / "unrelated.tsv")
    corrections = [teach.Correction(r[1], r[2], r[0], "en" if r[0] == "de" else "de") for r in corrections_rows]
    base = Translator.load(personal.default_model_path())
    cfg = replace(base.config, repair=False, check_left_out=False)  # the model alone
    before_c = translate_all(base, corrections_rows, cfg)
    before_u = translate_all(base, unrelated, cfg)
    already = sum(h == r[2] for h, r in zip(before_c, corrections_rows))
    print(f"before teach: {already}/{len(corrections)} corrections already produced by the bundled model")
    from translator_app.training.replay import pool as replay_pool

    t0, c0 = time.perf_counter(), time.process_time()
    pool = replay_pool()
    pool_s, pool_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"replay pool: {len(pool):,} pairs in {pool_s:.1f} s")
    rows = []
    for radius in args.radii:
        t0, c0 = time.perf_counter(), time.process_time()
        result = teach.teach(corrections, steps=args.steps, lr=args.lr, radius=radius, replay=pool,
                             replay_pairs=teach.REPLAY_PAIRS if args.replay_pairs is None else args.replay_pairs)
        seconds = time.perf_counter() - t0 + pool_s  # the CLI builds the pool in each run
        cpu = time.process_time() - c0 + pool_cpu  # on a loaded machine: the one-core figure
        taught = Translator.load()
        assert taught.bundle.path == personal.personal_path(), "the personal model was not chosen"
        after_c = translate_all(taught, corrections_rows, cfg)
        after_u = translate_all(taught, unrelated, cfg)
        hit = sum(h == r[2] for h, r in zip(after_c, corrections_rows))
        kept = sum(a == b for a, b in zip(after_u, before_u))
        rows.append((radius, result, hit, kept, seconds, cpu))
        if args.show:
            for h, r in zip(after_c, corrections_rows):
                if h != r[2]:
                    print(f"  miss: {r[1]!r} -> {h!r} (wanted {r[2]!r})")
            for a, b, r in zip(after_u, before_u, unrelated):
                if a != b:
                    print(f"  changed: {r[1]!r}: {b!r} -> {a!r}")
        if args.keep:
            dest = Path(args.keep) / f"radius-{radius}"
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(result.path, dest)
        print(f"radius {radius} done: {hit}/40 corrected, {kept}/40 unchanged, {seconds:.1f} s "
              f"({cpu:.1f} s CPU)", flush=True)
    threads = os.environ.get("TRANSLATOR_THREADS", "1")
    load = os.getloadavg()[0]
    print(f"\n| radius | steps | edits | replayed positions in reach | corrected (>= 36/40) | "
          f"unrelated kept (>= 35/40) | teach s (<= 90), {threads} thread(s), load {load:.1f} | CPU s |")
    print("|---|---|---|---|---|---|---|---|")
    for radius, r, hit, kept, seconds, cpu in rows:
        print(f"| {radius} | {r.steps} | {r.edits} | {r.replay_fired}/{r.replay_positions} | {hit}/{len(corrections)} | "
              f"{kept}/{len(unrelated)} | {seconds:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
