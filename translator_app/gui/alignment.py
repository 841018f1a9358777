"""Alignment logic behind the heatmap, with no Qt: piece -> word merging, coverage
warnings (the engine's rule, engine/coverage.py), and CSV/JSON export of the attention matrix.

Merge rule (stated in the heatmap tooltip too): a word's attention *to* a source word is
the SUM over that source word's pieces (so each row still sums to 1), and a target word's
row is the AVERAGE over that target word's pieces.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

from ..engine.copying import WORD_START, group_words, strip_edges  # the one piece-to-word grouping
from ..engine.coverage import (LOOP_COVERAGE_ABOVE, LOOP_MIN_REPEATS, UNTRANSLATED_BELOW,  # noqa: F401
                               Coverage, analyse, piece_text)
from ..languages import SPECIAL_TOKENS as SPECIAL

MERGE_RULE = "Word level: sum over source pieces, average over target pieces."


@dataclass
class Matrix:
    """An attention matrix with its axis labels: rows = target, columns = source."""

    source: list[str]
    target: list[str]
    weights: list[list[float]]
    # groups[i] = the piece indices merged into label i (identity at piece level)
    source_groups: list[list[int]] = field(default_factory=list)
    target_groups: list[list[int]] = field(default_factory=list)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.target), len(self.source)


def visible(text: str) -> str:
    """Control characters shown as symbols (U+2400 block) or U+FFFD: a byte-fallback
    model can emit them, and they are invisible on screen and invalid in SVG/XML."""
    out = []
    for ch in text:
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        elif ch == "\x7f":
            out.append("\u2421")
        elif ch in "\u200c\u200d":  # joiners shape emoji and scripts: keep
            out.append(ch)
        else:
            out.append("\ufffd")
    return "".join(out)


def word_text(pieces: list[str]) -> str:
    """Join pieces into the word they spell, decoding byte-fallback runs as UTF-8, with
    control characters made visible."""
    if len(pieces) == 1 and pieces[0] in SPECIAL:
        return pieces[0]
    text = visible(piece_text(pieces))
    return text or "\u2581"


def word_label(pieces: list[str]) -> str:
    """A word-level axis label: the word a person reads, its edge punctuation left to the
    piece level ("station?" -> "station"); punctuation alone stays as it is."""
    text = word_text(pieces)
    return text if text in SPECIAL else strip_edges(text) or text   # "</s>" is no "<...>"


def word_labels(pieces: list[str]) -> list[str]:
    """The word-level axis labels alone (cheap: no weights)."""
    return [word_label([pieces[i] for i in g]) for g in group_words(pieces)]


def piece_matrix(source_tokens: list[str], target_tokens: list[str],
                 attention: list[list[float]]) -> Matrix:
    return Matrix(list(source_tokens), list(target_tokens), [list(r) for r in attention],
                  [[i] for i in range(len(source_tokens))], [[i] for i in range(len(target_tokens))])


def word_matrix(source_tokens: list[str], target_tokens: list[str],
                attention: list[list[float]]) -> Matrix:
    """Merge a piece-level matrix to word level (sum over source, average over target)."""
    src_groups = group_words(source_tokens)
    tgt_groups = group_words(target_tokens)
    weights = []
    for tg in tgt_groups:
        row = []
        for sg in src_groups:
            total = 0.0
            for t in tg:
                total += sum(attention[t][s] for s in sg)
            row.append(total / len(tg))
        weights.append(row)
    return Matrix([word_label([source_tokens[i] for i in g]) for g in src_groups],
                  [word_label([target_tokens[i] for i in g]) for g in tgt_groups],
                  weights, src_groups, tgt_groups)


# -- coverage: the engine's rule (engine/coverage.py), also behind the CLI's warnings ------

def analyse_coverage(m: Matrix, translation: str | None = None, src_lang: str | None = None) -> Coverage:
    """Source words dropped (``untranslated``) and output words repeated (``loop``) in a
    word-level matrix, by the rule the CLI warns with: coverage.analyse."""
    return analyse(m.source, m.target, m.weights, translation, src_lang)


def attended_sources(m: Matrix, target_index: int, share: float = 0.8, top: int = 3) -> dict[int, float]:
    """The source labels that make up most (``share``) of one target row's attention."""
    row = sorted(enumerate(m.weights[target_index]), key=lambda kv: -kv[1])
    out, total = {}, 0.0
    for s, w in row[:top]:
        if total >= share or w <= 0:
            break
        out[s] = w
        total += w
    return out


def attending_targets(m: Matrix, source_index: int, threshold: float = 0.3) -> dict[int, float]:
    """The target labels whose strongest attention includes this source label."""
    out = {}
    for t, row in enumerate(m.weights):
        w = row[source_index]
        if w >= threshold or (row and w == max(row) and w > 0):
            out[t] = w
    return out


# -- export ------------------------------------------------------------------------------

def to_csv(m: Matrix) -> str:
    """First row: an empty corner then the source labels; each next row: a target label then weights."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["target \\ source"] + m.source)
    for label, row in zip(m.target, m.weights):
        writer.writerow([label] + [f"{w:.6f}" for w in row])
    return buf.getvalue()


def to_json(m: Matrix, level: str = "piece") -> str:
    return json.dumps({
        "level": level,
        "rule": MERGE_RULE if level == "word" else "SentencePiece pieces, as decoded",
        "rows": "target", "columns": "source",
        "source": m.source, "target": m.target,
        "attention": [[round(w, 6) for w in row] for row in m.weights],
    }, ensure_ascii=False, indent=2)


# -- confidence (its levels: engine/confidence.py) -----------------------------------------

def word_probs(target_tokens: list[str], token_probs: list[float]) -> list[float]:
    """Per target word: the lowest probability among its pieces (the weakest link)."""
    return [min((token_probs[i] for i in g if i < len(token_probs)), default=1.0)
            for g in group_words(target_tokens)]


def display_words(text: str) -> list[str]:
    """The text as the bubbles show it: words and line breaks ("\\n") as separate items."""
    return re.findall(r"[^\s]+|\n", text)


def map_display_words(text: str, labels: list[str]) -> list[int | None]:
    """For each display word, the index of the matching word label (None if unknown).

    Labels are the word-level axis of the matrix; special tokens are skipped. The two only
    line up when the counts match, which is the normal case for a decoded translation.
    """
    words = [w for w in display_words(text) if w != "\n"]
    real = [i for i, label in enumerate(labels) if label not in SPECIAL and label != WORD_START]
    out: list[int | None] = []
    k = 0
    for w in display_words(text):
        if w == "\n":
            out.append(None)
            continue
        out.append(real[k] if len(real) == len(words) else None)
        k += 1
    return out
