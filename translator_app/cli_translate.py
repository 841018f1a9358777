"""`translator-app translate`: its input (text arguments, -i FILE, or stdin read as it arrives),
the loop that translates and writes a batch at a time, and its output (stdout, or -o FILE
written to a temporary file and renamed over FILE at the end). cli.py holds the parser."""

from __future__ import annotations

import codecs
import errno
import json
import os
import queue
import secrets
import stat
import sys
import threading

from . import languages

BATCH = 64          # lines translated together (stdin: what has arrived, up to this many)
PROGRESS_OVER = 200  # a progress bar only for inputs longer than this
STDIN_HINT = "reading from standard input; Ctrl-D ends"


class UsageError(Exception):
    """A bad option or argument: `translator-app COMMAND: error: ...` and exit status 2."""


def decode_config(args):
    """The DecodeConfig of `translate`'s options; out-of-range ones are a UsageError."""
    from .engine.config import DecodeConfig, DecodeConfigError

    try:
        return DecodeConfig(beam=args.beam, n_best=args.n_best, trace=getattr(args, "trace", False),
                            check_left_out=not getattr(args, "no_model_check", False)).validated()
    except DecodeConfigError as exc:  # the limits live in DecodeConfig; here they become a usage error
        raise UsageError(f"--{exc.option.replace('_', '-')}: {exc}") from exc


def run_translate(args) -> int:
    from .device import DeviceError, cpu_threads, requested_device

    if getattr(args, "trace", False) and not args.json:
        raise UsageError("--trace needs --json (the search history is written as JSON)")
    cfg = decode_config(args)
    try:
        src, tgt = languages.pair(args.src, args.tgt)
    except ValueError as exc:
        raise UsageError("--from and --to must differ") from exc
    try:
        device = requested_device(args.device)
        cpu_threads()  # a bad TRANSLATOR_THREADS is a usage error here, not a traceback at load
    except DeviceError as exc:
        raise UsageError(str(exc)) from exc
    if args.text and args.input:
        raise UsageError("give either text arguments or -i FILE, not both")
    if args.text or args.input:
        try:
            lines = [" ".join(args.text)] if args.text else _read_file(args.input)
        except NotText as exc:  # bad data, not a usage error
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if not any(line.strip() for line in lines):
            # stdout still gets one (empty) line per input line; say why it is blank
            print("note: nothing to translate: the input is empty", file=sys.stderr)
        source = _Listed(lines)
    else:
        if _isatty(sys.stdin):
            print(STDIN_HINT, file=sys.stderr, flush=True)
        source = _Stdin()  # reads from now on, while the model loads

    from .engine.checkpoint import CheckpointError
    from .engine.translator import Translator

    try:
        translator = Translator.load(args.model, device=device)
    except CheckpointError as exc:  # missing or damaged: not a usage error
        print(f"error: {exc}", file=sys.stderr)
        print("hint: pass --model DIR with a bundle from `translator-app train`, or reinstall the app "
              "to restore the bundled model.", file=sys.stderr)
        return 1
    for warning in translator.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    dest = args.output or "standard output"
    try:
        out = _Output(args.output)
    except OSError as exc:
        return _write_error(dest, exc, None)
    bar = None
    try:
        notes = _LanguageWarning(src)
        from .dictionary.memory import Memory
        from .engine.coverage import describe
        from .tm.answer import YourMemory, translate_many

        # An exact Ding phrase or example sentence becomes the answer: from the shipped phrase
        # table, read on the first lookup, whether or not the index has been built; else an exact
        # sentence of the example corpus, once its index is built. Your own translations
        # (`memory add`/`import`) come first.
        memory = None if args.no_dictionary else Memory()
        if not args.no_dictionary:  # words copied, not translated (engine/copied.py)
            from .dictionary.senses import glossary

            translator.glossary = glossary()
        mine = None if args.no_memory else YourMemory(fuzzy=args.json)  # suggestions: only JSON shows them
        said_memory_error = False
        done, blank = 0, True
        output_tty = out.stream is sys.stdout and _isatty(sys.stdout)
        if source.total is not None and wants_progress(_isatty(sys.stderr), output_tty, source.total):
            bar = _bar(source.total, 0)
        for block in source.batches():
            results = translate_many(translator, memory, mine, block, src, tgt, cfg)
            if mine is not None and mine.error and not said_memory_error:
                said_memory_error = True  # once: every later line would say the same
                print(f"warning: your translation memory is not used: {mine.error}", file=sys.stderr)
            notes.add(results, say=None if bar is None else lambda line: bar.write(line, file=sys.stderr))
            blank = blank and not any(line.strip() for line in block)
            for k, result in enumerate(results):
                if result.losses:  # once per line: the words it lost or said twice (engine/coverage.py)
                    warning = f"warning: line {done + k + 1}: {describe(result.losses)}"
                    if bar is not None:
                        bar.write(warning, file=sys.stderr)
                    else:
                        print(warning, file=sys.stderr)
                if args.json:
                    record = result.to_json_dict()
                    if cfg.trace:  # one per decoded sentence; a dictionary answer has none
                        record["trace"] = [trace.to_json() for trace in result.traces]
                    out.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    out.stream.write(result.translation.replace("\n", " ") + "\n")
            out.stream.flush()  # each batch is out as soon as it is translated (`tail -f log | ...`)
            done += len(block)
            if bar is None and source.total is None and wants_progress(_isatty(sys.stderr), output_tty, done):
                bar = _bar(None, done - len(block))  # stdin: once more than PROGRESS_OVER lines came
            if bar is not None:
                bar.update(len(block))
        if bar is not None:
            bar.close()
            bar = None
        if blank and isinstance(source, _Stdin):
            print("note: nothing to translate: the input is empty", file=sys.stderr)
        if memory is not None and _isatty(sys.stderr) and not memory.examples_ready():
            print(EXAMPLES_NOTE, file=sys.stderr)  # a person at a terminal: say why the window may answer otherwise
        out.commit()
    except BrokenPipeError:
        out.discard()
        raise
    except _ReadError as exc:
        if bar is not None:
            bar.close()
        print(f"translator-app translate: error: cannot read standard input: {exc}", file=sys.stderr)
        out.discard()
        return 1
    except OSError as exc:  # disk full, /dev/full, a file that takes no writes (/proc/version)
        if bar is not None:
            bar.close()
        return _write_error(dest, exc, out)
    except BaseException:  # Ctrl-C: no temporary file is left behind, FILE is as it was
        out.discard()
        raise
    return 0


EXAMPLES_NOTE = ("note: the example sentences' human translations are not used yet: their index is built "
                 "once by `translator-app lookup --examples WORD` or the window's dictionary card (about 10 s)")


def wants_progress(stderr_tty: bool, output_tty: bool, lines: int) -> bool:
    """A progress bar on stderr: only when stderr is a terminal (never in a pipe or a log),
    only for more than PROGRESS_OVER lines (-i FILE: its length; stdin: the lines seen so
    far), and not when the translations themselves go to a terminal (they show the progress,
    and a bar would break their lines)."""
    return stderr_tty and not output_tty and lines > PROGRESS_OVER


def _bar(total, initial):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="line", desc="translating", file=sys.stderr,
                dynamic_ncols=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class NotText(Exception):
    """-i FILE is not a text file (fsutil.looks_binary): bad data, exit status 1."""


BINARY_CHECK_BYTES = 1 << 20  # the start of -i FILE that fsutil.looks_binary reads


def _read_file(path: str) -> list[str]:
    # like stdin: a stray non-UTF-8 byte becomes U+FFFD, not a traceback; only \n ends a line
    # (\r\n too), so a stray \r cannot add an output line
    from .fsutil import looks_binary

    try:
        with open(path, "rb") as raw:
            head = raw.read(BINARY_CHECK_BYTES)
        if looks_binary(head):
            raise NotText(f"{path} looks like a binary file, not text (it holds NUL bytes); "
                          "give a text file (UTF-8)")
        encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
        with open(path, encoding=encoding, errors="replace", newline="\n") as stream:
            return [line.rstrip("\r\n") for line in stream]
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc


class _Listed:
    """Lines known in advance (-i FILE, text arguments): blocks of BATCH."""

    def __init__(self, lines: list[str]):
        self.lines, self.total = lines, len(lines)

    def batches(self):
        for start in range(0, len(self.lines), BATCH):
            yield self.lines[start:start + BATCH]


_EOF = object()


class _ReadError(Exception):
    """Standard input failed (not an OSError: that would read as a failed write)."""


class _Stdin:
    """Standard input as it arrives. A reader thread puts each line on a queue; batches()
    waits for the first line, then takes what else is there, up to BATCH lines. The thread
    reads the file descriptor itself (os.read), never sys.stdin's buffer, whose lock a
    daemon thread still blocked in a read would hold at interpreter exit."""

    total = None

    def __init__(self):
        self.queue: queue.Queue = queue.Queue(maxsize=16 * 1024)  # a huge pipe is not read into memory
        threading.Thread(target=self._read, name="stdin-reader", daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self._lines():
                self.queue.put(line)
            self.queue.put(_EOF)
        except Exception as exc:  # raised in the main thread
            self.queue.put(_ReadError(getattr(exc, "strerror", None) or exc))

    @staticmethod
    def _lines():
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, ValueError, OSError):  # a stand-in stdin (io.StringIO)
            for line in sys.stdin:
                yield line.rstrip("\r\n")
            return
        # as -i FILE: invalid UTF-8 becomes U+FFFD, only \n ends a line (\r\n too)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while True:
            chunk = os.read(fd, 1 << 16)
            pending += decoder.decode(chunk, final=not chunk)
            *complete, pending = pending.split("\n")
            for line in complete:
                yield line.rstrip("\r")
            if not chunk:
                break
        if pending:  # a last line without its newline
            yield pending.rstrip("\r")

    def batches(self):
        while True:
            item = self.queue.get()
            block = []
            while True:
                if item is _EOF:
                    if block:
                        yield block
                    return
                if isinstance(item, _ReadError):
                    raise item
                block.append(item)
                if len(block) == BATCH:
                    break
                try:
                    item = self.queue.get_nowait()
                except queue.Empty:
                    break
            yield block


class _Output:
    """Where the translations go. -o FILE, when FILE is a regular file or does not exist yet,
    is written to a temporary file in FILE's folder that commit() renames over FILE: two runs
    writing the same FILE never mix their lines, a reader sees the old FILE or the whole new
    one, and a failed run leaves the old FILE as it was. Anything else (/dev/null, /dev/full,
    a FIFO, a terminal) is written directly, as is a FILE whose folder takes no new files.
    The mode is what open() gives: an existing FILE's own, else 0o666 less the umask."""

    def __init__(self, path: str | None):
        self.temp = self.target = None
        if path is None:
            self.stream = sys.stdout
            return
        target = os.path.realpath(path)  # through a symlink, as open() writes
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.stream = open(path, "w", encoding="utf-8")
            return
        if st is not None and not os.access(target, os.W_OK):
            raise PermissionError(13, os.strerror(13), path)  # as open() would: no writing over it
        mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666
        folder, name = os.path.split(target)
        while True:
            temp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                if st is None or exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise  # what open() would say; a full disk must not cost the old FILE
                self.stream = open(path, "w", encoding="utf-8")  # FILE takes writes, its folder no new files
                return
        if st is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)  # the umask narrowed it at creation; open() keeps the old mode
        self.temp, self.target = temp, target
        self.stream = os.fdopen(fd, "w", encoding="utf-8")

    def commit(self) -> None:
        if self.stream is sys.stdout:
            return
        self.stream.flush()
        if self.temp is not None:
            os.fsync(self.stream.fileno())  # the data is on disk before the name points to it
        self.stream.close()
        if self.temp is not None:
            os.replace(self.temp, self.target)
            self.temp = None

    def discard(self) -> None:
        """Close without committing: the temporary file goes, FILE stays as it was."""
        if self.stream is not sys.stdout:
            try:
                self.stream.close()
            except OSError:
                pass  # the buffered rest is lost; a direct target keeps the lines already flushed
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
            self.temp = None


class _LanguageWarning:
    """Warn once per run on stderr when the input does not look like the source language:
    as soon as at least a tenth of the lines so far were flagged (one false alarm in a
    long file is not enough; the dev sets gave 4 in 6,000 sentences)."""

    def __init__(self, src: str):
        self.src, self.seen, self.flagged, self.first, self.done = src, 0, 0, None, False

    def add(self, results, say=None) -> None:
        """say: how to print the warning (a progress bar's write(), which keeps the bar whole)."""
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
        say = say or (lambda line: print(line, file=sys.stderr))
        if note.detected:
            say(f"warning: {counts} {verb} like {languages.name(note.detected)}, not "
                f"{languages.name(self.src)}; did you mean --from {note.detected}?")
        else:
            say(f"warning: {note.message} ({counts})")


def _write_error(dest: str, exc: OSError, out) -> int:
    """One line on stderr and exit status 1 for an output that cannot be written."""
    print(f"translator-app translate: error: cannot write {dest}: {exc.strerror or exc}", file=sys.stderr)
    if out is not None and out.stream is sys.stdout:
        # what is still buffered would fail again at exit, with a second message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    elif out is not None:
        out.discard()
    return 1
