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


MAX_CELLS = 4000  # rows x target length per teacher-forced batch ([R, T, V] logits)


def leave_one_out(model, items: list[tuple[list[int], list[int], list[list[int]]]],
                  device: str = "cpu") -> list[list[float]]:
    """How much each source word makes the model's own translation likely: for each item
    (src_ids, tgt_ids, groups), per group of source positions (the pieces of one word),
    log P(tgt | src) - log P(tgt | src without those pieces), summed over the target ids
    and EOS. Near zero or below: the translation does not depend on the word, it was
    dropped (coverage.LEFT_OUT_BELOW). All variants of all items share teacher-forced
    batches of at most MAX_CELLS rows x target ids."""
    import torch

    from .tokenizer import PAD

    rows: list[tuple[int, list[int], list[int]]] = []   # (item, source ids, target ids)
    for k, (src_ids, tgt_ids, groups) in enumerate(items):
        rows.append((k, src_ids, tgt_ids))
        for g in groups:
            drop = set(g)
            rows.append((k, [t for i, t in enumerate(src_ids) if i not in drop], tgt_ids))
    order = sorted(range(len(rows)), key=lambda r: (len(rows[r][2]), len(rows[r][1])))
    logp = [0.0] * len(rows)
    start = 0
    with torch.inference_mode():
        while start < len(order):
            width = len(rows[order[start]][2]) + 1
            end = start + 1
            while end < len(order) and (end - start + 1) * (len(rows[order[end]][2]) + 1) <= max(MAX_CELLS, width):
                end += 1
            batch = [rows[r] for r in order[start:end]]
            logp_batch = _sequence_logprobs(model, [b[1] for b in batch], [b[2] for b in batch], device, PAD)
            for r, value in zip(order[start:end], logp_batch):
                logp[r] = value
            start = end
    out: list[list[float]] = []
    r = 0
    for src_ids, tgt_ids, groups in items:
        base = logp[r]
        out.append([base - logp[r + 1 + i] for i in range(len(groups))])
        r += 1 + len(groups)
    return out


def _sequence_logprobs(model, sources: list[list[int]], targets: list[list[int]], device: str,
                       pad: int) -> list[float]:
    """log P(target + EOS | source) per row, teacher-forced. Tensors: src [R, S], tgt_in and
    tgt_out [R, T] (T = the longest target + 1), logits [R, T, V]."""
    import torch

    n = len(sources)
    src = torch.full((n, max(map(len, sources))), pad, dtype=torch.long)
    for i, ids in enumerate(sources):
        src[i, :len(ids)] = torch.tensor(ids)
    lens = torch.tensor([len(s) for s in sources])
    width = max(map(len, targets)) + 1
    tgt_in = torch.full((n, width), pad, dtype=torch.long)
    tgt_out = torch.full((n, width), pad, dtype=torch.long)
    for i, ids in enumerate(targets):
        tgt_in[i, :len(ids) + 1] = torch.tensor([BOS] + ids)
        tgt_out[i, :len(ids) + 1] = torch.tensor(ids + [EOS])
    src, tgt_in, tgt_out = src.to(device), tgt_in.to(device), tgt_out.to(device)
    enc_out, hidden, _, mask = model.encode(src, lens)
    logits = model.decoder.project(model.decoder.teacher_forced_features(tgt_in, hidden, enc_out, mask)).float()
    picked = logits.gather(2, tgt_out.unsqueeze(2)).squeeze(2) - logits.logsumexp(2)   # [R, T]
    return (picked * (tgt_out != pad)).sum(1).tolist()
