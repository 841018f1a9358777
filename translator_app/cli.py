"""The `translator-app` command line. With no arguments it starts the desktop app."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys

from . import __version__, languages


class UsageError(Exception):
    pass


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
    t.add_argument("--json", action="store_true", help="one JSON object per line")
    t.add_argument("--no-dictionary", action="store_true",
                   help="never answer from the Ding dictionary (by default an input of up to 4 words that "
                        "is a Ding phrase or example sentence is answered from it, once its index is built)")
    t.add_argument("--device", default=None, help="auto, cpu, cuda or mps (default: $TRANSLATOR_DEVICE or auto)")
    t.add_argument("--model", default=None, help="bundle directory (default: the bundled model)")
    t.add_argument("-i", "--input", default=None, help="read this file instead of stdin")
    t.add_argument("-o", "--output", default=None, help="write this file instead of stdout")
    t.add_argument("text", nargs="*", help="text to translate (instead of stdin)")
    t.set_defaults(func=run_translate)

    from .training import corpus_cli, train_cli

    corpus_cli.register(sub)
    train_cli.register(sub)
    from . import bench, desktop

    bench.register(sub)
    desktop.register(sub)
    from .dictionary import cli as dict_cli

    dict_cli.register(sub)
    return parser


def _languages(src: str | None, tgt: str | None) -> tuple[str, str]:
    try:
        return languages.pair(src, tgt)
    except ValueError as exc:
        raise UsageError("--from and --to must differ") from exc


def run_translate(args) -> int:
    from .device import DeviceError, cpu_threads, requested_device
    from .engine.config import DecodeConfig, DecodeConfigError

    try:
        cfg = DecodeConfig(beam=args.beam, n_best=args.n_best).validated()
    except DecodeConfigError as exc:  # the limits live in DecodeConfig; here they become a usage error
        raise UsageError(f"--{exc.option.replace('_', '-')}: {exc}") from exc
    src, tgt = _languages(args.src, args.tgt)
    try:
        device = requested_device(args.device)
        cpu_threads()  # a bad TRANSLATOR_THREADS is a usage error here, not a traceback at load
    except DeviceError as exc:
        raise UsageError(str(exc)) from exc
    if args.text and args.input:
        raise UsageError("give either text arguments or -i FILE, not both")
    if args.text:
        lines = [" ".join(args.text)]
    else:
        try:
            # stdin like -i FILE: a stray non-UTF-8 byte becomes U+FFFD, not a traceback; only
            # \n ends a line (\r\n too), so a stray \r cannot add an output line
            stream = (open(args.input, encoding="utf-8", errors="replace", newline="\n") if args.input else
                      io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
                      if hasattr(sys.stdin, "buffer") else sys.stdin)
        except OSError as exc:
            raise UsageError(f"cannot read {args.input}: {exc.strerror}") from exc
        with stream:
            lines = [line.rstrip("\r\n") for line in stream]
    if not any(line.strip() for line in lines):
        # stdout still gets one (empty) line per input line; say why it is blank
        print("note: nothing to translate: the input is empty", file=sys.stderr)

    from .engine.checkpoint import CheckpointError
    from .engine.translator import Translator

    try:
        translator = Translator.load(args.model, device=device)
    except CheckpointError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("hint: pass --model DIR with a bundle from `translator-app train`, or reinstall the app "
              "to restore the bundled model.", file=sys.stderr)
        return 2
    for warning in translator.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    dest = args.output or "standard output"
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        return _write_error(dest, exc, out=None)
    try:
        # Batch many lines at once; each line stays one output line. Each block is flushed,
        # so a failed write leaves the beginning of the output: a truncated file, no worse.
        chunk = 64
        notes = _LanguageWarning(src)
        from .dictionary.memory import Memory, translate_many

        # The Ding index when it is built (by `lookup` or the window's card): an exact phrase or
        # example sentence then becomes the answer. Never built here; looked for once per run.
        memory = None if args.no_dictionary else Memory(retry_s=float("inf"))
        for start in range(0, len(lines), chunk):
            block = lines[start:start + chunk]
            results = translate_many(translator, memory, block, src, tgt, cfg)
            notes.add(results)
            for result in results:
                if args.json:
                    out.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
                else:
                    out.write(result.translation.replace("\n", " ") + "\n")
            out.flush()
        if out is not sys.stdout:
            out.close()
    except BrokenPipeError:
        raise
    except OSError as exc:  # disk full, /dev/full, a file that takes no writes (/proc/version)
        return _write_error(dest, exc, out)
    return 0


class _LanguageWarning:
    """Warn once per run on stderr when the input does not look like the source language:
    as soon as at least a tenth of the lines so far were flagged (one false alarm in a
    long file is not enough; the dev sets gave 4 in 6,000 sentences)."""

    def __init__(self, src: str):
        self.src, self.seen, self.flagged, self.first, self.done = src, 0, 0, None, False

    def add(self, results) -> None:
        for result in results:
            if result.source.strip():
                self.seen += 1
            if result.language_note is not None:
                self.flagged += 1
                self.first = self.first or result.language_note
        if self.done or not self.flagged or self.flagged * 10 < self.seen:
            return
        self.done = True
        counts = f"{self.flagged} of {self.seen} lines" if self.seen > 1 else "the input"
        verb = "look" if self.seen > 1 else "looks"
        note = self.first
        if note.detected:
            print(f"warning: {counts} {verb} like {languages.name(note.detected)}, not "
                  f"{languages.name(self.src)}; did you mean --from {note.detected}?", file=sys.stderr)
        else:
            print(f"warning: {note.message} ({counts})", file=sys.stderr)


def _write_error(dest: str, exc: OSError, out) -> int:
    """One line on stderr and exit status 1 for an output that cannot be written."""
    print(f"translator-app translate: error: cannot write {dest}: {exc.strerror or exc}", file=sys.stderr)
    if out is sys.stdout:
        # what is still buffered would fail again at exit, with a second message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    elif out is not None:
        try:
            out.close()
        except OSError:
            pass  # the buffered rest is lost; the file keeps the lines already flushed
    return 1


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
    if not argv or argv[0] == "gui" or (argv[0] not in _COMMANDS and not argv[0].startswith("-")) \
            or argv[0].split("=")[0] in _GUI_OPTIONS:
        # no command, `gui ...`, a file to open, or the app's own options: the desktop app
        return _run_gui(argv[1:] if argv and argv[0] == "gui" else argv)
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


_GUI_OPTIONS = {"--model", "--device", "--screenshot", "--ui-language", "--new-instance"}
_COMMANDS = {"gui", "translate", "corpus", "train", "evaluate", "average", "bench", "install-desktop", "uninstall-desktop", "lookup"}
