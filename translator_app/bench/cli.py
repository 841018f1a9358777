"""``translator-app bench``: options, the subcommand and ``python -m translator_app.bench``."""

from __future__ import annotations

import argparse
import json
import sys

from .measure import DEFAULT_DEV


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="PATH", default=None, help="model bundle directory (default: the bundled model)")
    p.add_argument("--dev", metavar="FILE.tsv", default=None,
                   help=f"German<TAB>English sentences to sample from (default: {DEFAULT_DEV} if it exists, "
                        "else the tiny test dev set)")
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="torch threads (default: measure 1 and 2 threads and use the faster)")
    p.add_argument("--quick", action="store_true", help="a few runs of everything (for tests; numbers are rough)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object on the last line")
    p.add_argument("--no-gui", action="store_true", help="skip the cold-start measurement of the desktop app")
    p.add_argument("--seed", type=int, default=0, help="seed of the sentence sample (default 0)")


DESCRIPTION = ("Measure the engine and the seed-faithful naive decoder on this machine (idle and with "
               "one core kept busy) and print a Markdown table of the figures and their goals.")


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "bench", help="measure latency, throughput, cold start, memory and int8 (vs the naive decoder)",
        description=DESCRIPTION)
    add_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from .measure import measure
    from .report import int8_verdict, json_figures, table

    try:
        results = measure(args)
    except Exception as exc:
        from ..engine.checkpoint import CheckpointError

        if isinstance(exc, (CheckpointError, ValueError, OSError)):
            print(f"translator-app bench: error: {exc}", file=sys.stderr)
            return 1
        raise
    print(table(results))
    print()
    print(f"int8 verdict: {int8_verdict(results)}.")
    if args.json:
        print(json.dumps(json_figures(results), ensure_ascii=False, default=str))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translator-app bench", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))
