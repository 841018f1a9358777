"""Fit the SentencePiece vocabulary size to what a corpus supports.

SentencePiece refuses a vocabulary larger than the pieces it can find in the text (a 600-pair
corpus supports about 2,200, not the default 8,000) with a raw ``RuntimeError``. Training
then lowers the size, says so, and goes on::

    size, message = fit_vocab_size(requested, text_file)
    if message:
        log(message)
    Tokenizer.train(text_file, prefix, size)

The limit is found by trial trainings with :meth:`Tokenizer.train`'s own settings, in a
temporary directory: first on a sample of the lines (fast on a large corpus, where the
requested size nearly always fits: a sample never supports more pieces than the whole),
then, only when the sample is too small, on all of them.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Optional, Tuple

SAMPLE_LINES = 20_000
_TOO_HIGH = re.compile(r"Vocabulary size too high \((\d+)\)\. Please set it to a value <= (\d+)")
_TOO_LOW = re.compile(r"Vocabulary size is smaller than required_chars\. (\d+) vs (\d+)")


class VocabSizeError(ValueError):
    """The corpus cannot give a usable vocabulary (the message says why and what to do)."""


def _count_lines(path: Path, stop: int) -> int:
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
                if n > stop:
                    break
    return n


def _trial(text_file: Path, size: int, lines: Optional[int] = None) -> Optional[int]:
    """None when ``size`` trains; else the largest size SentencePiece says the text supports."""
    from ..engine.tokenizer import Tokenizer

    with tempfile.TemporaryDirectory(prefix="vocab-fit-") as tmp:
        try:
            sample = {"input_sentence_size": lines} if lines else {}  # else train()'s own default
            Tokenizer.train(text_file, Path(tmp) / "probe", size, **sample)
            return None
        except RuntimeError as exc:
            text = str(exc)
    high = _TOO_HIGH.search(text)
    if high:
        return int(high.group(2))
    low = _TOO_LOW.search(text)
    if low:
        raise VocabSizeError(f"--vocab-size {size} is below the {low.group(2)} pieces this corpus needs "
                             f"(its characters, the byte fall-back and the language tags); "
                             f"use --vocab-size {low.group(2)} or more")
    raise VocabSizeError(f"SentencePiece cannot train on {text_file}: {text.strip().splitlines()[-1]}")


def fit_vocab_size(requested: int, text_file) -> Tuple[int, Optional[str]]:
    """``(size, message)``: ``requested`` and None when the text supports it, else the largest
    size it supports and a sentence saying so. Raises :class:`VocabSizeError` for an empty
    text or a size below what its characters need."""
    text_file = Path(text_file)
    lines = _count_lines(text_file, SAMPLE_LINES)
    if lines == 0:
        raise VocabSizeError(f"{text_file} holds no text to train the vocabulary on")
    limit = _trial(text_file, requested, SAMPLE_LINES)
    if limit is not None and lines > SAMPLE_LINES:
        limit = _trial(text_file, requested)  # the sample was too small: ask the whole text
    if limit is None:
        return requested, None
    return limit, (f"vocabulary lowered from {requested:,} to {limit:,} pieces: the most this corpus "
                   f"supports (a larger corpus allows more)")
