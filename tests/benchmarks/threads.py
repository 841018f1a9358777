"""Decoding speed with 1 or 2 torch threads, idle and with a busy neighbour process.

    python tests/benchmarks/threads.py --sentences 400 [--threads 1 2] [--beam 5]

Each cell runs in a fresh process (the thread count is fixed at start); the busy
neighbour is `python -c 'while 1: pass'`, started before and killed after the cell.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CHILD = r"""
import sys, time, json
import torch
from translator_app.engine.config import DecodeConfig
from translator_app.engine.translator import Translator
threads, beam, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
sentences = [l.split("\t")[0] for l in open(path, encoding="utf-8").read().splitlines()][: int(sys.argv[4])]
t = Translator.load(device="cpu", threads=threads or None)
cfg = DecodeConfig(beam=beam).validated()
t.translate("Guten Morgen.", "de", "en", cfg)
t.clear_cache()
t0 = time.perf_counter()
t.translate_many(sentences, "de", "en", cfg)
print(json.dumps({"threads": torch.get_num_threads(), "seconds": time.perf_counter() - t0}))
"""


def cell(threads: int, beam: int, corpus: str, n: int, busy: bool) -> float:
    neighbour = subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if busy else None
    try:
        time.sleep(0.5 if busy else 0)
        out = subprocess.run([sys.executable, "-c", CHILD, str(threads), str(beam), corpus, str(n)],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out.strip().splitlines()[-1])["seconds"]
    finally:
        if neighbour is not None:
            neighbour.kill()
            neighbour.wait()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", default="/work/data/corpus/dev-everyday.tsv")
    p.add_argument("--sentences", type=int, default=400)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--beam", type=int, default=5)
    p.add_argument("--repeats", type=int, default=1)
    args = p.parse_args()
    if not Path(args.corpus).is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    print(f"{args.sentences} sentences, beam {args.beam}, bundled model (int8), seconds:")
    for busy in (False, True):
        for threads in args.threads:
            times = [cell(threads, args.beam, args.corpus, args.sentences, busy) for _ in range(args.repeats)]
            print(f"  {'busy neighbour' if busy else 'as found'}  threads={threads}: "
                  + " ".join(f"{s:.1f}" for s in times), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
