"""Repairs for words a decoding dropped (issue 24): the Translator decodes such a chunk again
(also one where the model lost a placeholder of a tag) in other forms and keeps the one that
drops the fewest words (coverage.dropped_words), then loses the fewest placeholders; a tie
keeps the first decoding. The forms:

- emoji as placeholder words: the model reads "Ich liebe dich X1 und X2 ist lecker X3",
  a sentence with a word where each emoji was, instead of one with holes
  (assemble.prepare(emoji_placeholders=True));
- the chunk cut at its tags, emoji, colons and brackets into pieces (``pieces``), each
  decoded as a chunk of its own, so the text inside a tag pair is its own segment; ``join``
  puts the translations back between the cut text, which is kept exactly as it was.

No torch: the Translator decodes, this module cuts and joins.
"""

from __future__ import annotations

import re

from . import confidence, coverage, spans
from .copying import emoji_at
from .result import Alternative, Segment

_COLON = re.compile(r"(?<=\w):(?=\s|$)")     # "Achtung: der Zug", not 17:30 or a URL
_BRACKET = re.compile(r"[()\[\]{}]")
_SENTENCE_END = ".!?…"
_KEEP_CAPITAL = re.compile(r"^(I|I'\w+|[A-ZÄÖÜ]{2,}\w*|[A-ZÄÖÜ][\w-]*\d\w*)\b")


def has_emoji(chunk: str) -> bool:
    return any(emoji_at(chunk, i) for i in range(len(chunk)))


def _cuts(chunk: str) -> list[tuple[int, int]]:
    """(start, end) of the text that is not translated: tags, emoji runs, colons that end a
    phrase and brackets, each with the spaces around it; overlapping ones merged."""
    cuts = [(a, b) for a, b, kind in spans.find(chunk) if kind == "tag"]
    protected = [(a, b) for a, b, kind in spans.find(chunk) if kind != "tag"]
    for i in range(len(chunk)):
        if emoji_at(chunk, i):
            cuts.append((i, i + 1))
    cuts += [m.span() for m in _COLON.finditer(chunk)]
    cuts += [m.span() for m in _BRACKET.finditer(chunk)]
    cuts = [(a, b) for a, b in cuts if not any(p <= a < q for p, q in protected)]
    merged: list[list[int]] = []
    for a, b in sorted(cuts):
        while a > 0 and chunk[a - 1].isspace():
            a -= 1
        while b < len(chunk) and chunk[b].isspace():
            b += 1
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def pieces(chunk: str) -> list[tuple[str, bool]]:
    """The chunk as (text, translate) pairs that join back to it exactly: the text between
    the cuts (translate True) and the cuts themselves (False). Text with no letter or
    digit is not translated either."""
    out: list[tuple[str, bool]] = []
    last = 0
    for a, b in _cuts(chunk) + [(len(chunk), len(chunk))]:
        if a > last:
            text = chunk[last:a]
            out.append((text, any(ch.isalnum() for ch in text)))
        if b > a:
            out.append((chunk[a:b], False))
        last = b
    merged: list[tuple[str, bool]] = []
    for text, translate in out:  # neighbours that are both kept as they are become one
        if merged and not translate and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, False)
        else:
            merged.append((text, translate))
    return merged


def is_cut(parts: list[tuple[str, bool]]) -> bool:
    """Whether cutting found anything: some text to translate, and more than one piece."""
    return len(parts) > 1 and any(translate for _, translate in parts)


def fit(piece: str, translation: str) -> str:
    """A piece's translation fitted into the sentence it came from: no full stop the piece
    did not have ("und" -> "and", not "and."), and lower case where the piece began in
    lower case ("der Zug fährt ab" -> "the train ..."; "I" and acronyms keep theirs)."""
    text = translation.strip()
    if not piece.rstrip().endswith(tuple(_SENTENCE_END)):
        text = text.rstrip(_SENTENCE_END).rstrip()
    if piece[:1].islower() and text[:1].isupper() and not _KEEP_CAPITAL.match(text):
        text = text[0].lower() + text[1:]
    return text


def _kept_tokens(text: str) -> list[str]:
    """The tokens a kept piece shows in the heatmap: "⟨tag⟩" for a tag, an emoji run as it is,
    each other run of non-spaces (a colon, a bracket) as it is."""
    out, last = [], 0
    for a, b, kind in spans.find(text):
        out += text[last:a].split()
        out.append(spans.LABELS[kind] if kind == "tag" else text[a:b])
        last = b
    return out + text[last:].split()


def join(chunk: str, parts: list[tuple[str, bool]], decoded: dict[str, Segment], src_lang: str) -> Segment:
    """One Segment for the chunk from its pieces' segments (``decoded``: piece text ->
    Segment): the translations between the kept text, and the matrices block-diagonal, the
    kept text copied (one token each way, all its row's attention on its own column), so
    each row still sums to 1; the losses are judged again on the whole, with the words the
    pieces dropped."""
    texts: list[str] = []
    blocks: list[tuple[list[str], list[str], list[list[float]], list[float]]] = []
    scores: list[float] = []
    for text, translate in parts:
        if not translate:
            texts.append(text)
            for token in _kept_tokens(text):
                blocks.append((["\u2581" + token], ["\u2581" + token], [[1.0]], [1.0]))
            continue
        seg = decoded[text]
        texts.append(fit(text, seg.translation))
        blocks.append((seg.source_tokens, seg.target_tokens, seg.attention, seg.token_probs))
        scores += [seg.alternatives[0].score] if seg.alternatives else []
    width = sum(len(b[0]) for b in blocks)
    src_tokens: list[str] = []
    tgt_tokens: list[str] = []
    probs: list[float] = []
    rows: list[list[float]] = []
    for src, tgt, attention, p in blocks:
        offset = len(src_tokens)
        rows += [[0.0] * offset + list(row) + [0.0] * (width - offset - len(row)) for row in attention]
        src_tokens += src
        tgt_tokens += tgt
        probs += p
    translation = "".join(texts)
    score = round(sum(scores) / len(scores), 4) if scores else 0.0
    # the pieces' own drops (the model check, guesses, copies) stand: the whole's attention
    # cannot see them, and a copied word is in the translation as written (so they go in as
    # ``copied``: dropped whether or not the translation has them)
    pieces_dropped = tuple(w for t, translate in parts if translate for loss in decoded[t].losses
                           if loss.kind == "dropped" for w in loss.source_words)
    losses = coverage.find_losses(src_tokens, tgt_tokens, rows, chunk, translation, src_lang,
                                  copied=pieces_dropped)
    agreement = confidence.segments_agreement([decoded[t] for t, translate in parts if translate])
    return Segment(chunk, translation, src_tokens, tgt_tokens, rows, probs,
                   [Alternative(translation, score)], losses=losses, agreement=agreement)


def needs_repair(segment: Segment) -> bool:
    """Words dropped, or placeholders of protected spans lost by the model."""
    return bool(coverage.dropped_words(segment.losses)
                or coverage.placeholders_lost(segment.source_tokens, segment.target_tokens))


def best(candidates: list[Segment]) -> Segment:
    """The candidate that drops the fewest words, then loses the fewest placeholders; the
    first of those that tie."""
    return min(candidates, key=lambda s: (coverage.dropped_words(s.losses),
                                          coverage.placeholders_lost(s.source_tokens, s.target_tokens)))
