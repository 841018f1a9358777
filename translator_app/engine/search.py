"""Decoding: greedy and batched beam search. Both take the model as an argument.

Shapes: B sentences, K beams, S source length, V vocabulary, N = B*K live rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import torch

from .result import Cancelled
from .tokenizer import BOS, EOS

StopFlag = Optional[Callable[[], bool]]


@dataclass
class Hypothesis:
    ids: list[int]                  # target ids, without BOS/EOS
    score: float                    # sum of log-probs (incl. EOS) / length ** alpha
    attention: list[list[float]]    # one row per target id (EOS excluded) over the S source ids
    probs: list[float]              # model probability of each target id


def max_lengths(src_lens: torch.Tensor, a: float, b: int) -> torch.Tensor:
    """Maximum number of target ids (EOS included) per sentence: a * S + b."""
    return (src_lens.float() * a + b).long()


def _banned_by_ngram(history: torch.Tensor, n: int) -> list[tuple[int, int]]:
    """(row, token) pairs that would repeat an n-gram already in history [N, t]."""
    if n <= 0 or history.size(1) < n:
        return []
    windows = history.unfold(1, n, 1)                   # [N, t-n+1, n]
    prefix = history[:, -(n - 1):].unsqueeze(1) if n > 1 else None
    if prefix is None:
        hits = torch.ones(windows.shape[:2], dtype=torch.bool)
    else:
        hits = (windows[:, :, :-1] == prefix).all(-1)   # [N, t-n+1]
    rows, cols = hits.nonzero(as_tuple=True)
    return list(zip(rows.tolist(), windows[rows, cols, -1].tolist()))


def _apply_guards(logp: torch.Tensor, history: torch.Tensor, step: int, max_len: torch.Tensor,
                  no_repeat_ngram: int) -> torch.Tensor:
    """Force EOS at the length limit and block repeated n-grams. logp [N, V]; max_len [N]."""
    for row, tok in _banned_by_ngram(history, no_repeat_ngram):
        if tok != EOS:
            logp[row, tok] = float("-inf")
    at_limit = (step + 1) >= max_len
    if at_limit.any():
        logp[at_limit] = float("-inf")
        logp[at_limit, EOS] = 0.0
    return logp


@torch.inference_mode()
def greedy(model, src: torch.Tensor, src_lens: torch.Tensor, max_len_a: float = 1.5,
           max_len_b: int = 10, no_repeat_ngram: int = 6, length_penalty: float = 1.0,
           should_stop: StopFlag = None) -> list[Hypothesis]:
    """Greedy decoding of a batch. src [B, S]; src_lens [B]. Returns one Hypothesis per sentence."""
    enc_out, hidden, keys, mask = model.encode(src, src_lens)
    batch = src.size(0)
    device = src.device
    limit = max_lengths(src_lens, max_len_a, max_len_b).to(device)
    prev = torch.full((batch,), BOS, dtype=torch.long, device=device)
    history = torch.empty((batch, 0), dtype=torch.long, device=device)
    done = torch.zeros(batch, dtype=torch.bool, device=device)
    total_logp = torch.zeros(batch, device=device)
    lengths = torch.zeros(batch, dtype=torch.long, device=device)
    steps_w, steps_p = [], []
    step = 0
    while not bool(done.all()):
        if should_stop is not None and should_stop():
            raise Cancelled()
        logits, hidden, weights = model.decoder.step(prev, hidden, keys, enc_out, mask)
        raw = torch.log_softmax(logits.float(), dim=-1)
        guarded = _apply_guards(raw.clone(), history.cpu(), step, limit, no_repeat_ngram)
        tok = guarded.argmax(-1)
        tok = torch.where(done, torch.full_like(tok, EOS), tok)
        chosen = raw.gather(1, tok.unsqueeze(1)).squeeze(1)
        total_logp += torch.where(done, torch.zeros_like(chosen), chosen)
        lengths += (~done).long()
        steps_w.append(weights.float())
        steps_p.append(chosen.exp())
        history = torch.cat([history, tok.unsqueeze(1)], dim=1)
        done |= tok == EOS
        prev = tok
        step += 1
    hyps = []
    hist = history.tolist()
    w_all = torch.stack(steps_w, dim=1).cpu()   # [B, T, S]
    p_all = torch.stack(steps_p, dim=1).cpu()   # [B, T]
    for i in range(batch):
        n = int(lengths[i]) - 1                  # ids before EOS
        s = int(src_lens[i])
        hyps.append(Hypothesis(
            ids=hist[i][:n],
            score=float(total_logp[i]) / (max(int(lengths[i]), 1) ** length_penalty),
            attention=w_all[i, :n, :s].tolist(),
            probs=p_all[i, :n].tolist(),
        ))
    return hyps


@torch.inference_mode()
def beam_search(model, src: torch.Tensor, src_lens: torch.Tensor, beam: int = 5, n_best: int = 1,
                max_len_a: float = 1.5, max_len_b: int = 10, length_penalty: float = 1.0,
                no_repeat_ngram: int = 6, should_stop: StopFlag = None) -> list[list[Hypothesis]]:
    """Batched beam search. Returns, per sentence, up to n_best hypotheses, best first.

    Finished hypotheses are ranked by length-normalised score. A sentence stops when it has
    ``beam`` finished hypotheses; every hypothesis is forced to end at its length limit.
    With beam == 1 this takes exactly the greedy path.
    """
    n_best = max(1, min(n_best, beam))
    batch, src_len = src.shape
    device = src.device
    enc_out, hidden, keys, mask = model.encode(src, src_lens)
    expand = torch.arange(batch, device=device).repeat_interleave(beam)
    enc_out, hidden, keys, mask = enc_out[expand], hidden[expand], keys[expand], mask[expand]
    limit = max_lengths(src_lens, max_len_a, max_len_b).to(device)[expand]

    scores = torch.full((batch, beam), float("-inf"), device=device)
    scores[:, 0] = 0.0                                    # only the first beam is alive at t=0
    prev = torch.full((batch * beam,), BOS, dtype=torch.long, device=device)
    history = torch.empty((batch * beam, 0), dtype=torch.long, device=device)
    # backpointers for reconstruction: per step, parent row, token, weights, prob
    parents, tokens, weights_hist, probs_hist = [], [], [], []
    finished: list[list[tuple[float, int, int]]] = [[] for _ in range(batch)]  # (score, step, row)
    sentence_done = [False] * batch
    vocab = None
    step = 0
    while not all(sentence_done):
        if should_stop is not None and should_stop():
            raise Cancelled()
        logits, hidden, weights = model.decoder.step(prev, hidden, keys, enc_out, mask)
        raw = torch.log_softmax(logits.float(), dim=-1)   # [N, V]
        vocab = raw.size(1)
        guarded = _apply_guards(raw.clone(), history.cpu(), step, limit, no_repeat_ngram)
        cand = (scores.view(-1, 1) + guarded).view(batch, beam * vocab)
        top_scores, top_idx = cand.topk(min(2 * beam, beam * vocab), dim=1)  # [B, 2K]
        top_beam = top_idx // vocab
        top_tok = top_idx % vocab
        new_scores = torch.full((batch, beam), float("-inf"), device=device)
        new_rows = torch.zeros((batch, beam), dtype=torch.long, device=device)
        new_tok = torch.full((batch, beam), EOS, dtype=torch.long, device=device)
        # selection uses the guarded scores; the kept score is the model's own log-prob
        true_scores = (scores.view(-1, 1) + raw).view(batch, beam * vocab).gather(1, top_idx)
        ts, tb, tt = top_scores.tolist(), top_beam.tolist(), top_tok.tolist()
        true_ts = true_scores.tolist()
        for b in range(batch):
            if sentence_done[b]:
                continue
            filled = 0
            for j in range(len(ts[b])):
                if ts[b][j] == float("-inf"):
                    break
                score = true_ts[b][j]
                row = b * beam + tb[b][j]
                if tt[b][j] == EOS:
                    # only an EOS among the top `beam` candidates ends a hypothesis
                    if j < beam and len(finished[b]) < beam:
                        length = step + 1
                        finished[b].append((score / (length ** length_penalty), step, row))
                    continue
                if filled < beam:
                    new_scores[b, filled] = score
                    new_rows[b, filled] = row
                    new_tok[b, filled] = tt[b][j]
                    filled += 1
                if filled == beam and len(finished[b]) >= beam:
                    break
            if len(finished[b]) >= beam or filled == 0:
                sentence_done[b] = True
                new_scores[b] = float("-inf")
        rows = new_rows.view(-1)
        tok_flat = new_tok.view(-1)
        # backpointers, indexed by the new (reordered) row
        parents.append(rows.cpu())
        tokens.append(tok_flat.cpu())
        weights_hist.append(weights.float().cpu())
        probs_hist.append(raw[rows, tok_flat].exp().cpu())
        hidden = hidden[rows]
        history = torch.cat([history[rows], tok_flat.unsqueeze(1)], dim=1)
        prev = tok_flat
        scores = new_scores
        step += 1

    results = []
    for b in range(batch):
        ranked = sorted(finished[b], key=lambda f: -f[0])[:n_best]
        hyps = []
        s = int(src_lens[b])
        for score, end_step, row in ranked:
            ids, att, probs = _backtrack(row, end_step, parents, tokens, weights_hist, probs_hist, s)
            hyps.append(Hypothesis(ids=ids, score=score, attention=att, probs=probs))
        results.append(hyps)
    return results


def _backtrack(row, end_step, parents, tokens, weights_hist, probs_hist, s):
    """Rebuild the ids, attention rows and probs of the hypothesis that ended with EOS
    at ``end_step`` in live row ``row``.

    At step t, live row r (before reordering) produced the token; after reordering,
    new row i holds parents[t][i] -> tokens[t][i].
    """
    ids, att, probs = [], [], []
    cur = row  # the row (at step end_step, pre-reorder) that emitted EOS
    for t in range(end_step - 1, -1, -1):
        # cur is a post-reorder row index of step t
        tok = int(tokens[t][cur])
        parent = int(parents[t][cur])
        ids.append(tok)
        att.append(weights_hist[t][parent, :s].tolist())
        probs.append(float(probs_hist[t][cur]))
        cur = parent
    ids.reverse()
    att.reverse()
    probs.reverse()
    return ids, att, probs
