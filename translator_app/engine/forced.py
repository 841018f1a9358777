"""Forced decoding: the model scores a given translation token by token.

The decoder is fed the given target ids instead of its own choices, so the result has the
probability the model gives each of them and where it attends while doing so; the panel
can then show how the model aligns a translation it did not choose (a dictionary answer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .tokenizer import BOS, EOS


@dataclass
class ForcedScore:
    """attention: one row per target token over the source tokens (tag column removed and
    renormalised, "</s>" last, as in Segment); each row sums to 1."""

    source_tokens: list[str]
    target_tokens: list[str]
    target_ids: list[int]
    attention: list[list[float]]
    token_probs: list[float]
    eos_prob: float
    score: float          # sum of log-probs (EOS included) / length ** length_penalty


def forced_score(model, tokenizer, src_text: str, tgt_text: str, tgt_lang: str, device: str = "cpu",
                 length_penalty: float = 1.0) -> ForcedScore:
    """Score ``tgt_text`` as the translation of ``src_text`` into ``tgt_lang``."""
    import torch

    src_ids = tokenizer.encode_source(src_text, tgt_lang)
    tgt_ids = tokenizer.encode(tgt_text)
    with torch.inference_mode():
        src = torch.tensor([src_ids], dtype=torch.long, device=device)
        lens = torch.tensor([len(src_ids)])
        enc_out, hidden, keys, mask = model.encode(src, lens)
        prev = torch.tensor([BOS], dtype=torch.long, device=device)
        probs, rows = [], []
        eos_prob = 0.0
        for t, target in enumerate(tgt_ids + [EOS]):
            logits, hidden, weights = model.decoder.step(prev, hidden, keys, enc_out, mask)
            p = torch.softmax(logits.float(), dim=-1)[0, target].item()
            if t < len(tgt_ids):
                probs.append(p)
                rows.append(weights[0].float().cpu().tolist())
            else:
                eos_prob = p
            prev = torch.tensor([target], dtype=torch.long, device=device)
    attention = []
    for row in rows:
        row = row[1:]  # the language tag is not a source word
        total = sum(row) or 1.0
        attention.append([w / total for w in row])
    logp = sum(math.log(max(p, 1e-12)) for p in probs + [eos_prob])
    return ForcedScore(
        source_tokens=tokenizer.pieces(src_ids[1:-1]) + ["</s>"],
        target_tokens=tokenizer.pieces(tgt_ids), target_ids=tgt_ids, attention=attention,
        token_probs=probs, eos_prob=eos_prob,
        score=logp / (max(len(tgt_ids) + 1, 1) ** length_penalty),
    )
