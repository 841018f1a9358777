"""The `translator-app` command line. With no arguments it starts the desktop app."""

from __future__ import annotations

import argparse
import difflib
import os
import sys

from . import __version__, languages
from .cli_translate import UsageError, run_translate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translator-app",
        description="Offline German <-> English translator that shows its attention. "
                    "Run with no command to open the window.")
    parser.add_argument("--version", action="version", version=f"translator-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("gui", help="open the desktop app (the default)", add_help=False)
    g.set_defaults(func=None)

    t = sub.add_parser("translate", help="translate stdin (or -i FILE) line by line",
                       description="Translate text line by line: exactly one output line per input line.")
    t.add_argument("--from", dest="src", choices=languages.CODES, default=None, help="source language (default de)")
    t.add_argument("--to", dest="tgt", choices=languages.CODES, default=None, help="target language")
    t.add_argument("--beam", type=int, default=5, help="beam size, 1 to 64 (1 = greedy; default 5)")
    t.add_argument("--n-best", type=int, default=1, help="alternatives to keep, at most --beam (default 1)")
    t.add_argument("--no-model-check", action="store_true",
                   help="skip the model's check of dropped words (each content word left out of the input "
                        "once, to see whether the translation needed it); faster; words no output word "
                        "attends to are still warned")
    t.add_argument("--json", action="store_true", help="one JSON object per line")
    t.add_argument("--trace", action="store_true",
                   help="with --json: add the search step by step under the key 'trace', one entry per "
                        "sentence: source_tokens; n_best [{tokens, score, path, split_step}]; steps [{hypotheses "
                        "[{parent, token, score, attention, candidates [{token, prob}]}], ended [{hypothesis, "
                        "score}]}] (README, Step-through decoding)")
    t.add_argument("--no-dictionary", action="store_true",
                   help="never use the shipped human translations (by default an input that is, "
                        "case and punctuation aside, a Ding phrase or example sentence gets Ding's translation "
                        "(origin 'dictionary'), else one that is a sentence of the example corpus (Tatoeba, "
                        "game dialogue) gets its pair's (origin 'example', 'corpus' and 'licence' name its "
                        "source), once that corpus's index is built by `lookup --examples` or the window's "
                        "card; your memory comes first, the model's output stays as an alternative); nor the "
                        "dictionary's check of words the model copied though Ding translates them (replaced "
                        "by a beam hypothesis that translates them, or warned)")
    t.add_argument("--no-memory", action="store_true",
                   help="never answer from your translation memory (`translator-app memory`; by default an "
                        "input whose source is stored there gets the stored translation)")
    t.add_argument("--device", default=None, help="auto, cpu, cuda or mps (default: $TRANSLATOR_DEVICE or auto)")
    t.add_argument("--model", default=None, help="bundle directory (default: the bundled model)")
    t.add_argument("-i", "--input", default=None, help="read this file instead of stdin")
    t.add_argument("-o", "--output", default=None, help="write this file instead of stdout")
    t.add_argument("text", nargs="*", help="text to translate (instead of stdin)")
    t.set_defaults(func=run_translate)

    from .training import corpus_cli, teach_cli, train_cli

    corpus_cli.register(sub)
    train_cli.register(sub)
    teach_cli.register(sub)
    from . import bench, desktop

    bench.register(sub)
    desktop.register(sub)
    from .dictionary import cli as dict_cli

    dict_cli.register(sub)
    from .tm import cli as tm_cli

    tm_cli.register(sub)
    return parser


def _run_gui(argv: list[str]) -> int:
    try:
        from .gui.app import main as gui_main
    except ImportError as exc:
        print(f"error: the desktop app cannot start ({exc}). Use `translator-app translate` "
              "or reinstall with PySide6.", file=sys.stderr)
        return 2
    return gui_main(argv)


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["train"]:  # the real command only, never a caller's main([...])
        from .allocator import maybe_reexec

        maybe_reexec(sys.argv[1:])
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--self-test":
        from .selftest import main as self_test

        return self_test(argv)
    if not argv or argv[0] == "gui" or argv[0].split("=")[0] in _GUI_OPTIONS or \
            (argv[0] not in _COMMANDS and not argv[0].startswith("-") and os.path.isfile(argv[0])):
        # no command, `gui ...`, the app's own options, or a file to open: the desktop app
        return _run_gui(argv[1:] if argv and argv[0] == "gui" else argv)
    if argv[0] not in _COMMANDS and not argv[0].startswith("-"):
        print(unknown_command(argv[0]), file=sys.stderr)
        return 2
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `translator-app translate ... | head -1`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141
    except UsageError as exc:
        print(f"translator-app {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def unknown_command(word: str) -> str:
    """The one line for a first argument that is neither a command nor an existing file."""
    close = difflib.get_close_matches(word, sorted(_COMMANDS), n=1)
    if close:
        return f"translator-app: unknown command {word!r}; did you mean {close[0]!r}?"
    return (f"translator-app: unknown command {word!r} (and no such file); the commands are "
            f"{', '.join(sorted(_COMMANDS))}")


_GUI_OPTIONS = {"--model", "--device", "--screenshot", "--ui-language", "--new-instance"}
_COMMANDS = {"gui", "translate", "corpus", "train", "evaluate", "average", "bench", "install-desktop", "uninstall-desktop", "lookup", "memory", "teach"}
