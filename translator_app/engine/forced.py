"""Forced decoding: the model scores a given translation token by token.

The decoder is fed the given target ids instead of its own choices, so the result has the
probability the model gives each of them and where it attends while doing so; the panel
can then show how the model aligns a translation it did not choose (a dictionary answer).

Callers use ``Translator.score``, which turns the hypothesis into a Segment the same way
as the model's own ones (assemble.build_segment: the language-tag column, the tokens).
"""

from __future__ import annotations

import math

from .search import Hypothesis
from .tokenizer import BOS, EOS


def forced_hypothesis(model, src_ids: list[int], tgt_ids: list[int], device: str = "cpu",
                      length_penalty: float = 1.0) -> Hypothesis:
    """``tgt_ids`` as the model's hypothesis for ``src_ids`` (tag first, EOS last, as
    tokenizer.encode_source gives them). As from search: one attention row per target id
    over all source ids (tag column included), EOS excluded; the score is the sum of the
    log-probabilities, EOS included, divided by length ** ``length_penalty``."""
    import torch

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
    logp = sum(math.log(max(p, 1e-12)) for p in probs + [eos_prob])
    return Hypothesis(ids=list(tgt_ids), score=logp / (max(len(tgt_ids) + 1, 1) ** length_penalty),
                      attention=rows, probs=probs)
