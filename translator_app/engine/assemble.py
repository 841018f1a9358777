"""From hypotheses to a Translation: post-editing (copy-through, emoji and protected spans
put back, casing restored) and the whole-text assembly. No torch, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from . import confidence, copied, coverage, spans
from .copying import (WORD_START, EmojiRun, attention_mass, copy_protected, group_words, place_emoji,
                      split_emoji)
from .result import Alternative, Segment, Translation, empty_translation

MAX_DENSE_CELLS = 1_000_000  # whole-text attention matrix (rows x columns)


@dataclass(frozen=True)
class Prepared:
    """One chunk as the model reads it, and what post-editing puts back."""

    source: str                 # the chunk as it was in the input (cleaned)
    model_input: str            # what the model reads
    runs: tuple[EmojiRun, ...] = ()        # emoji taken out of it
    masked: spans.Masked | None = None     # protected spans replaced by placeholder words
    shouting: bool = False                 # ALL-CAPS: the model reads it in sentence case


def prepare(chunk: str, copy_through: bool, count_pieces: Callable[[str], int] | None = None,
            emoji_placeholders: bool = False) -> Prepared:
    """Mask the protected spans, normalise ALL-CAPS and take the emoji out of a chunk
    (once per chunk, not per hypothesis). ``count_pieces`` (a word -> its number of
    pieces) lets an ALL-CAPS word keep a capital where the vocabulary knows it so ("ZUG" ->
    "Zug", see spans.sentence_case). ``emoji_placeholders``: emoji become placeholder words
    like the protected spans, so the model reads a sentence with a word where each was
    (a repair, repair.py), instead of the sentence without them."""
    if not copy_through:
        return Prepared(chunk, chunk)
    masked = spans.mask(chunk, emoji=emoji_placeholders)
    text = masked.text
    shouting = spans.is_shouting(text)
    if shouting:
        text = spans.sentence_case(text, masked, count_pieces)
    plain, runs = split_emoji(text)
    if masked.spans and not masked.pattern().sub("", plain).strip(" .,;:!?()[]{}\"'-"):
        plain = ""  # nothing but protected spans: nothing to translate
    return Prepared(chunk, plain, tuple(runs), masked if masked.spans else None, shouting)


def only_kept(prep: Prepared) -> Segment:
    """A chunk with nothing for the model (only emoji or protected spans): it is its own
    translation."""
    text = prep.source.strip()
    return Segment(prep.source, text, [], [], [], [], [Alternative(text, 0.0)])


def say_once(tokenizer, hyp, src_ids: list[int]):
    """The hypothesis without a whole word said twice in a row ("time time" -> "time": the
    second one's id, attention row and probability go), unless the source says a word twice
    in a row itself ("sehr sehr"). Its score stays the model's. Measured against banning the
    word in the search (search.py's docstring): this one leaves the dev chrF as it was."""
    def twice(ids: list[int]) -> set[int]:
        pieces = tokenizer.pieces(ids) + [""]
        whole = [p.startswith(WORD_START) and any(c.isalpha() for c in p) and not
                 (not pieces[i + 1].startswith(WORD_START) and pieces[i + 1][:1].isalnum())
                 for i, p in enumerate(pieces[:-1])]
        return {i + 1 for i in range(len(whole) - 1) if whole[i] and whole[i + 1] and ids[i] == ids[i + 1]}
    if twice(src_ids):
        return hyp
    drop = twice(hyp.ids)
    if not drop:
        return hyp
    keep = [i for i in range(len(hyp.ids)) if i not in drop]
    return replace(hyp, ids=[hyp.ids[i] for i in keep], attention=[hyp.attention[i] for i in keep],
                   probs=[hyp.probs[i] for i in keep])


def build_segment(tokenizer, prep: Prepared, src_ids: list[int], hyps, src_lang: str,
                  copy_through: bool, find_losses: bool = True, left_out: tuple[str, ...] = (),
                  n_best: int | None = None, glossary=None) -> Segment:
    """The Segment of one chunk from its hypotheses (best first): the model's own (search)
    or a given translation's (forced.py, through Translator.score). ``find_losses``: judge
    the words dropped or repeated (coverage.py; ``left_out``: words the model check found
    the best hypothesis does not need). All ``hyps`` go into the n-best agreement
    (confidence.py); the first ``n_best`` (default: all) become the alternatives.
    ``glossary`` (copied.Glossary): the best one's words copied, not translated, are dropped;
    a word whose dictionary translation it has is not (copied.rendered)."""
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
    target_tokens, probs = tokenizer.pieces(best.ids), list(best.probs)
    if prep.masked is not None:  # one labelled token per placeholder, in both directions
        source_tokens, target_tokens, attention, probs = _label_placeholders(
            prep.masked, source_tokens, target_tokens, attention, probs)
    if find_losses:  # the words the model check left out, and those lost to a guess
        unrendered = None if glossary is None else (lambda w: copied.unrendered(w, texts[0], src_lang, glossary))
        left_out += coverage.guessed(source_tokens, target_tokens, attention, probs, texts[1:], texts[0], src_lang,
                                     unrendered)
        left_out = tuple(w for w in left_out if not copied.rendered(w, texts[0], src_lang, glossary))
    lost = copied.copied_words(prep.source, texts[0], src_lang, glossary,
                               coverage.FUNCTION_WORDS.get(src_lang, frozenset())) if find_losses else ()
    losses = coverage.find_losses(source_tokens, target_tokens, attention, prep.source, texts[0],
                                  src_lang, left_out, lost) if find_losses else []
    return Segment(
        source=prep.source, translation=texts[0], source_tokens=source_tokens,
        target_tokens=target_tokens, attention=attention, token_probs=probs,
        alternatives=[Alternative(text, round(h.score, 4)) for text, h in zip(texts, hyps)][:n_best],
        losses=losses, agreement=confidence.agreement(texts),
        trace=best.trace.labelled(tokenizer.pieces) if best.trace is not None else None,
    )


def _label_placeholders(masked, source_tokens, target_tokens, attention, probs):
    """Merge the pieces of each placeholder word into one token named after its span kind:
    source columns are summed, target rows averaged and their probabilities multiplied, so
    every row still sums to 1."""
    src_groups = spans.placeholder_groups(source_tokens[:-1], masked) + [([len(source_tokens) - 1], None)]
    tgt_groups = spans.placeholder_groups(target_tokens, masked)
    new_src = [label or source_tokens[g[0]] for g, label in src_groups]
    cols = [[sum(row[c] for c in g) for g, _ in src_groups] for row in attention]
    new_tgt, rows, new_probs = [], [], []
    for g, label in tgt_groups:
        new_tgt.append(label or target_tokens[g[0]])
        rows.append([sum(cols[r][c] for r in g) / len(g) for c in range(len(src_groups))])
        p = 1.0
        for r in g:
            p *= probs[r]
        new_probs.append(p)
    return new_src, new_tgt, rows, new_probs


def post_edit(tokenizer, prep: Prepared, source_pieces: list[str], hyp, src_lang: str) -> str:
    """The detokenised hypothesis with the protected source words the model garbled copied
    in and the emoji it never saw put back (copying.py)."""
    attention = [row[1:] for row in hyp.attention]  # drop the language-tag column
    src_groups = group_words(source_pieces)
    tgt_groups = group_words(tokenizer.pieces(hyp.ids))
    target_words = [tokenizer.decode([hyp.ids[i] for i in g]) for g in tgt_groups]
    source_words = prep.model_input.split(" ")
    # a placeholder the model lost is put back by spans.unmask; copied here it took the
    # place of a real word ("X1 Hallo X2 Welt" lost "Welt" to the missing X3)
    placeholder = prep.masked.pattern() if prep.masked is not None else None
    words, replaced = copy_protected(source_words, src_groups, target_words, tgt_groups, attention, src_lang,
                                     skip=(lambda w: placeholder.fullmatch(w) is not None) if placeholder else None)
    if not replaced and not prep.runs:
        return _restore(tokenizer.decode(hyp.ids), prep)
    groups_match = len(source_words) == len(src_groups) and len(words) == len(tgt_groups) and words

    def aligned(i: int) -> int:
        if not groups_match:
            return -1
        mass = [m if words[j].strip() else -1.0
                for j, m in enumerate(attention_mass(attention, tgt_groups, src_groups[i]))]
        return max(range(len(mass)), key=mass.__getitem__)

    return _restore(place_emoji(words, list(prep.runs), aligned), prep)


def _restore(text: str, prep: Prepared) -> str:
    """Casing back (before the spans, so they keep theirs), then the protected spans."""
    if prep.shouting:
        text = spans.shout(text)
    return spans.unmask(text, prep.masked) if prep.masked is not None else text


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
        agreement=confidence.segments_agreement(segments),
    )
