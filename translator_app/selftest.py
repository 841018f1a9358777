"""``translator-app --self-test``: load the model, translate a sentence, print it, exit 0.

Used to check an installation or a frozen app bundle (PyInstaller) end to end without a
display: the bundled resources are found, torch and sentencepiece import, the model loads
and decodes. No Qt here.

Exit codes: 0 passed, 1 something is broken (resources, imports, empty output), 2 no usable
model (the message says where it looked and how to point at one).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Optional, TextIO

SENTENCES = {
    ("de", "en"): "Guten Morgen, wie geht es dir?",
    ("en", "de"): "Good morning, how are you?",
}

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_NO_MODEL = 1  # as every command: 2 is for usage errors


def run(model: Optional[str | os.PathLike] = None, device: str = "cpu",
        out: Optional[TextIO] = None, err: Optional[TextIO] = None) -> int:
    """Run the self-test with the bundle at ``model`` (default: the bundled model)."""
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.perf_counter()

    from . import __version__
    from .paths import default_model_path, models_dir, resources_dir

    def say(msg: str) -> None:
        print(msg, file=out, flush=True)

    def fail(msg: str, code: int = EXIT_FAIL) -> int:
        print(f"self-test: error: {msg}", file=err, flush=True)
        print("self-test FAILED", file=out, flush=True)
        return code

    frozen = bool(getattr(sys, "frozen", False))
    say(f"translator-app {__version__} self-test")
    say(f"  python {platform.python_version()} on {platform.system()} {platform.machine()}"
        f"{' (frozen bundle)' if frozen else ''}")

    resources = resources_dir()
    missing = [p for p in ("icons/translator-app.svg", "translator-app.desktop") if not (resources / p).is_file()]
    if missing:
        return fail(f"resources incomplete in {resources}: missing {', '.join(missing)}")
    say(f"  resources: {resources}")

    path = Path(model) if model is not None else default_model_path()
    say(f"  model: {path}")
    try:
        import torch

        from .engine.checkpoint import CheckpointError
        from .engine.translator import Translator
    except Exception as exc:  # ImportError, or a frozen torch missing one of its files
        return fail(f"cannot import the engine ({exc.__class__.__name__}: {exc})")
    say(f"  torch {torch.__version__}")

    t0 = time.perf_counter()
    try:
        translator = Translator.load(path, device=device)
    except CheckpointError as exc:
        hint = ("pass --model DIR with a bundle from `translator-app train`, or set "
                "TRANSLATOR_MODELS_DIR to a folder holding de-en/" if model is None
                else "check the path; a bundle is a directory with config.json")
        where = "" if model is not None else f" (looked in {models_dir()})"
        return fail(f"no usable model{where}: {exc}\nhint: {hint}", EXIT_NO_MODEL)
    except Exception as exc:  # a broken torch build, an unreadable file, ...
        return fail(f"loading the model failed: {exc.__class__.__name__}: {exc}")
    load_s = time.perf_counter() - t0
    for warning in translator.warnings:
        say(f"  warning: {warning}")
    say(f"  loaded {translator.model_name} on {translator.device} in {load_s:.2f} s")

    directions = [tuple(d) for d in translator.bundle.meta.get("directions", [])] or [("de", "en")]
    translated = 0
    for src, tgt in directions:
        sentence = SENTENCES.get((src, tgt))
        if sentence is None:
            continue
        try:
            result = translator.translate(sentence, src, tgt, translator.config.with_(beam=4))
        except Exception as exc:
            return fail(f"translating {src}->{tgt} failed: {exc.__class__.__name__}: {exc}")
        if not result.translation.strip():
            return fail(f"empty translation {src}->{tgt} for {sentence!r}")
        say(f"  {src}: {sentence}")
        say(f"  {tgt}: {result.translation}   ({result.ms:.0f} ms, confidence {result.confidence:.2f})")
        translated += 1
    if not translated:
        return fail(f"the model knows none of the tested directions ({directions})")
    say(f"self-test passed in {time.perf_counter() - started:.2f} s")
    return EXIT_OK


def main(argv: Optional[list[str]] = None) -> int:
    """``translator-app --self-test [--model DIR] [--device DEV]``; ``--self-test`` may be omitted."""
    parser = argparse.ArgumentParser(prog="translator-app --self-test",
                                     description="Load the model, translate a sentence, print it.")
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model", metavar="DIR", help="bundle directory (default: the bundled model)")
    parser.add_argument("--device", default="cpu", help="cpu (default), auto, cuda or mps")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return run(args.model, device=args.device)


if __name__ == "__main__":
    sys.exit(main())
