"""How long the window's correction blocks its thread: MemoryStore.add, as gui/corrections.py
calls it on the GUI thread.

    python tests/benchmarks/tm_add.py [--dir DIR] [--rows 200]

Prints the first add into a new file (it creates the file and its schema), the first add of a
second store on the now existing file (a session's first correction), and the median, p95 and
max of ``--rows`` further adds. DIR (default: a temporary folder) should sit on the disk the
user data directory is on. Not part of the test suite (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from translator_app.tm.store import MemoryStore  # noqa: E402


def _timed(store: MemoryStore, source: str, target: str) -> float:
    start = time.perf_counter()
    store.add(source, target, "de", "en")
    return (time.perf_counter() - start) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "memory.sqlite3"
        first = _timed(MemoryStore(path), "Guten Morgen.", "Good morning to you.")
        store = MemoryStore(path)
        reopened = _timed(store, "Guten Abend.", "Good evening.")
        times = sorted(_timed(store, f"Satz Nummer {i}.", f"Sentence number {i}.") for i in range(args.rows))
        store.close()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)))]
    print(f"new file, first add: {first:.2f} ms; existing file, first add: {reopened:.2f} ms; "
          f"{args.rows} more adds: median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms, max {times[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
