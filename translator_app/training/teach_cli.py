"""`translator-app teach [--steps N] [--reset]`: the model learns your translation memory.

The window runs this command in a QProcess (gui/teach_runner.py) with ``--progress-lines``:
``progress DONE TOTAL`` lines on stdout for its progress bar (teach.PROGRESS_TOTAL parts
of the whole run), at the end one ``unlearned JSON`` line per correction the model alone
does not give (``engine.personal.Unlearned.to_json``),
then one ``result CORRECTIONS LEARNED SECONDS`` line, from which it writes its own message.
"""

from __future__ import annotations

import argparse
import sys

from .settings import RECIPES

EMPTY = ("nothing to teach: your translation memory is empty. Correct a translation in the window "
         "(Edit on its bubble), or add one with `translator-app memory add SOURCE TARGET`")


def register(sub) -> None:
    p = sub.add_parser("teach", help="teach a personal copy of the model your corrections",
                       description="Teach a personal copy of the bundled model your translation memory: it "
                                   "learns edits that change its output only near your corrected sentences. "
                                   "The app then uses it; --reset goes back to the bundled model.")
    p.add_argument("--steps", type=int, default=None, help="at most this many training steps; it stops once every correction is learned "
                        f"(default: {RECIPES['teach']['max_steps']})")
    p.add_argument("--reset", action="store_true", help="remove your taught model and use the bundled one again")
    p.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run_teach)


def run_teach(args) -> int:
    from ..engine import personal

    if args.reset:
        if personal.reset():
            print("removed your taught model; the bundled model is used again")
        else:
            print("there is no taught model: the bundled model is in use already")
        return 0
    from ..tm.store import MemoryStore, MemoryStoreError
    from ..engine.personal import elide
    from .teach import Correction, TeachError, teach, teach_settings

    try:
        settings = teach_settings(args.steps)
    except ValueError as exc:
        # the recipe's checks name train's options; teach calls its own --steps
        print(f"translator-app teach: error: {str(exc).replace('--max-steps', '--steps')}", file=sys.stderr)
        return 2
    try:
        store = MemoryStore()
        entries = store.entries()
        last_id = store.last_id()
    except MemoryStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not entries:
        print(EMPTY, file=sys.stderr)
        return 1
    corrections = [Correction(e.source, e.target, e.src_lang, e.tgt_lang) for e in entries]
    progress, close = _progress(args.progress_lines)
    try:
        result = teach(corrections, steps=settings.max_steps, last_memory_id=last_id, progress=progress)
    except TeachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        close()
    if args.progress_lines:
        for miss in result.not_learned:
            print("unlearned " + miss.to_json())
        print(f"result {result.corrections} {result.learned} {result.seconds:.1f}", flush=True)
    info = personal.read_info(result.path)
    name = personal.label(info) if info else str(result.path)
    print(f"taught {result.corrections} correction{'' if result.corrections == 1 else 's'} in "
          f"{result.seconds:.0f} s ({result.steps} steps, {result.edits} edits); the app now uses {name}")
    for miss in result.not_learned:
        print(f"note: not learned: \"{elide(miss.source)}\" -> \"{elide(miss.target)}\" ({WHY[miss.reason]}); your memory "
              "still answers it exactly", file=sys.stderr)
    return 0


WHY = {"long": "too long: shorten it, or split it into sentences", "near": "too near other sentences to change safely",
       "steps": "not learned within the step limit: teach again with more --steps"}


def _progress(lines: bool):
    """(progress(done, total), close()): lines for the window, a tqdm bar at a terminal, or nothing."""
    if lines:
        def report(done: int, total: int) -> None:
            print(f"progress {done} {total}", flush=True)

        return report, lambda: None
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=100, desc="teaching", file=sys.stderr, bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")

    def update(done: int, total: int) -> None:
        bar.update(100 * done / total - bar.n)

    return update, bar.close
