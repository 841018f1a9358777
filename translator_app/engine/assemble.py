"""From hypotheses to a Translation: post-editing (copy-through, emoji put back) and the
whole-text assembly. No torch, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .copying import EmojiRun, attention_mass, copy_protected, group_words, place_emoji, split_emoji
from .result import Alternative, Segment, Translation, empty_translation

MAX_DENSE_CELLS = 1_000_000  # whole-text attention matrix (rows x columns)


@dataclass(frozen=True)
class Prepared:
    """One chunk as the model reads it, and what post-editing puts back."""

    source: str                 # the chunk as it was in the input (cleaned)
    model_input: str            # what the model reads
    runs: tuple[EmojiRun, ...]  # emoji taken out of it


def prepare(chunk: str, copy_through: bool) -> Prepared:
    """Take the emoji out of a chunk (once per sentence, not per hypothesis)."""
    if not copy_through:
        return Prepared(chunk, chunk, ())
    plain, runs = split_emoji(chunk)
    return Prepared(chunk, plain, tuple(runs))


def only_kept(prep: Prepared) -> Segment:
    """A chunk with nothing for the model (only emoji): it is its own translation."""
    text = prep.source.strip()
    return Segment(prep.source, text, [], [], [], [], [Alternative(text, 0.0)])


def build_segment(tokenizer, prep: Prepared, src_ids: list[int], hyps, src_lang: str,
                  copy_through: bool) -> Segment:
    """The Segment of one chunk from its hypotheses (best first)."""
    # Column 0 is the target-language tag: not a source word, so drop it and renormalise.
    source_tokens = tokenizer.pieces(src_ids[1:-1]) + ["</s>"]
    if not hyps:
        return Segment(prep.source, "", source_tokens, [], [], [], [])
    best = hyps[0]
    attention = []
    for row in best.attention:
        row = row[1:]
        total = sum(row) or 1.0
        attention.append([w / total for w in row])
    texts = [post_edit(tokenizer, prep, source_tokens[:-1], h, src_lang) if copy_through
             else tokenizer.decode(h.ids) for h in hyps]
    return Segment(
        source=prep.source, translation=texts[0], source_tokens=source_tokens,
        target_tokens=tokenizer.pieces(best.ids), attention=attention, token_probs=best.probs,
        alternatives=[Alternative(text, round(h.score, 4)) for text, h in zip(texts, hyps)],
    )


def post_edit(tokenizer, prep: Prepared, source_pieces: list[str], hyp, src_lang: str) -> str:
    """The detokenised hypothesis with the protected source words the model garbled copied
    in and the emoji it never saw put back (copying.py)."""
    attention = [row[1:] for row in hyp.attention]  # drop the language-tag column
    src_groups = group_words(source_pieces)
    tgt_groups = group_words(tokenizer.pieces(hyp.ids))
    target_words = [tokenizer.decode([hyp.ids[i] for i in g]) for g in tgt_groups]
    source_words = prep.model_input.split(" ")
    words, replaced = copy_protected(source_words, src_groups, target_words, tgt_groups, attention, src_lang)
    if not replaced and not prep.runs:
        return tokenizer.decode(hyp.ids)
    groups_match = len(source_words) == len(src_groups) and len(words) == len(tgt_groups) and words

    def aligned(i: int) -> int:
        if not groups_match:
            return -1
        mass = [m if words[j].strip() else -1.0
                for j, m in enumerate(attention_mass(attention, tgt_groups, src_groups[i]))]
        return max(range(len(mass)), key=mass.__getitem__)

    return place_emoji(words, list(prep.runs), aligned)


def with_separators(chunk_segments: list[Segment], sep: str) -> list[Segment]:
    """Copies of the (cached) chunk segments with the input's separators; chunks of one
    sentence join with a space."""
    out = [replace(seg, separator=sep if i == len(chunk_segments) - 1 else " ")
           for i, seg in enumerate(chunk_segments)]
    if not chunk_segments and sep:
        out.append(Segment("", "", [], [], [], [], [], separator=sep))
    return out


def segments_within_budget(segments: list[Segment], max_cells: int = MAX_DENSE_CELLS) -> list[Segment]:
    rows = cols = 0
    kept = []
    for seg in segments:
        rows += len(seg.target_tokens)
        cols += len(seg.source_tokens)
        if kept and rows * cols > max_cells:
            break
        kept.append(seg)
    return kept


def assemble(text: str, segments: list[Segment], src_lang: str, tgt_lang: str, device: str,
             ms: float, warnings: list[str], max_cells: int = MAX_DENSE_CELLS) -> Translation:
    """The Translation of a whole text from its segments (in input order, with separators)."""
    if not any(s.source for s in segments):
        result = empty_translation(text, src_lang, tgt_lang, device)
        result.ms = ms
        result.warnings = list(warnings)
        return result
    translation = "".join(s.translation + s.separator for s in segments)
    # The whole-text matrix is block-diagonal, so its size grows with the square of the
    # text: past max_cells it covers only the leading sentences (all are in segments).
    shown = segments_within_budget(segments, max_cells)
    warnings = list(warnings)
    real = [s for s in segments if s.source]
    n_shown = len([s for s in shown if s.source])
    if n_shown < len(real):
        warnings.append(f"The attention matrix covers the first {n_shown} of "
                        f"{len(real)} sentences; every sentence has its own in segments.")
    src_tokens, tgt_tokens, probs, rows = [], [], [], []
    width = sum(len(s.source_tokens) for s in shown)
    offset = 0
    for s in shown:
        for row in s.attention:
            rows.append([0.0] * offset + row + [0.0] * (width - offset - len(row)))
        src_tokens.extend(s.source_tokens)
        tgt_tokens.extend(s.target_tokens)
        probs.extend(s.token_probs)
        offset += len(s.source_tokens)
    if len(segments) == 1:
        alternatives = segments[0].alternatives
    else:
        alternatives = [Alternative(translation, sum(s.alternatives[0].score for s in segments if s.alternatives))]
    return Translation(
        source=text, translation=translation, source_tokens=src_tokens, target_tokens=tgt_tokens,
        attention=rows, token_probs=probs, alternatives=alternatives, segments=segments,
        src_lang=src_lang, tgt_lang=tgt_lang, device=device, ms=ms, warnings=warnings,
    )
