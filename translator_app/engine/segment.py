"""The one sentence splitter (app and training corpus), and chunking to the model's length."""

from __future__ import annotations

import re
from typing import Callable

# A sentence ends at . ! ? or … (and closing quotes) followed by space and an upper-case
# letter, a digit or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'»«“”)\]]*)(\s+)(?=[\"'„“«(\[]?[A-ZÄÖÜ0-9])")
# Abbreviations that end with a full stop but not a sentence (German and English; the
# app's and the corpus reader's lists merged). Single letters and numbers are rules below.
ABBREVIATIONS = frozenset({
    "z.b.", "d.h.", "u.a.", "u.ä.", "o.ä.", "bzw.", "ca.", "usw.", "etc.", "e.g.", "i.e.", "dr.",
    "mr.", "mrs.", "ms.", "prof.", "nr.", "no.", "vs.", "st.", "hr.", "fr.", "vgl.", "ggf.",
    "evtl.", "inkl.", "bspw.", "sog.", "co.", "inc.", "ltd.", "resp.", "approx.", "cf.", "al.",
    "ff.", "bzgl.", "incl.", "zzgl.", "ver.", "vol.", "min.", "max.", "sec.", "jr.", "sr.",
    "fig.", "abb.", "ggü.", "chr.",
})
_CLOSERS = "\"'”“»)]"


def _ends_sentence(candidate: str) -> bool:
    """Whether the text before a candidate break really ends a sentence."""
    words = candidate.split()
    if not words:
        return False
    bare = words[-1].rstrip(_CLOSERS).lower()
    if not bare.endswith("."):
        return True                        # ! ? …
    core = bare.rstrip(".")
    return not (bare in ABBREVIATIONS
                or len(core) <= 1               # initials, "z. B."
                or core.replace(".", "").isdigit()  # "5." (German ordinals), "1.2."
                or ("." in core and "/" not in core))  # "A.D.", "z.B.", "v1.2." but not URLs


def split_sentences(text: str) -> list[tuple[str, str]]:
    """Split text into (sentence, separator) pairs; joining them gives back the text exactly.

    Line breaks always split, so paragraphs survive reassembly. For a plain list of
    sentences (the training corpus reader) use ``sentences(text)``.
    """
    parts: list[tuple[str, str]] = []
    for line_match in re.finditer(r"([^\n]*)(\n*)", text):
        line, newlines = line_match.group(1), line_match.group(2)
        if not line and not newlines:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            end = m.start(2)
            if not _ends_sentence(line[start:end]):
                continue
            parts.append((line[start:end], m.group(2)))
            start = m.end(2)
        parts.append((line[start:], newlines))
    return parts


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` with their whitespace collapsed, empty ones dropped."""
    return [" ".join(s.split()) for s, _ in split_sentences(text) if s.strip()]


def chunk(sentence: str, count_pieces: Callable[[str], int], max_pieces: int) -> list[str]:
    """Cut an over-long sentence into word chunks of at most about ``max_pieces`` pieces;
    one giant "word" (a URL, base64) is cut by characters."""
    if not sentence:
        return []
    if count_pieces(sentence) <= max_pieces:
        return [sentence]
    chunks, current, size = [], [], 0
    for word in sentence.split(" "):
        n = count_pieces(word)
        if current and size + n > max_pieces:
            chunks.append(" ".join(current))
            current, size = [], 0
        if n > max_pieces:
            step = max(1, len(word) * max_pieces // n)
            chunks.extend(word[i:i + step] for i in range(0, len(word), step))
            continue
        current.append(word)
        size += n
    if current:
        chunks.append(" ".join(current))
    return chunks
