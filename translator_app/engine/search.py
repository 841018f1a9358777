"""Decoding: greedy and batched beam search behind one entry, ``decode``.

The options come validated in a DecodeConfig (config.py); nothing here clamps them.

Shapes: B sentences, K beams, S source length, V vocabulary, N = B*K live rows.

Against dropped words (issue 24): ``coverage_penalty`` (beam only) adds Wu et al. (2016)'s
beta * sum_j log(min(attention received by source position j, 1)) to the rank of a finished
hypothesis, so one that left source words unattended ranks lower. Off by default: on 200
pairs per dev part and direction (tests/benchmarks/repairs_dev.py) it lowered the mean chrF
from 45.26 to 45.03 (beta 0.2) and 44.44 (0.5). A word said twice in a row is handled after
the search (assemble.say_once): banning it in the search lowered chrF by 0.05.

``cfg.trace`` records each sentence's search (recorder.py fills a trace.Trace): every
hypothesis of a sentence carries it. Off, the recorder is None and no step calls it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import torch

from .config import DecodeConfig
from .result import Cancelled
from .tokenizer import BOS, EOS
from .trace import Trace

StopFlag = Optional[Callable[[], bool]]


@dataclass
class Hypothesis:
    ids: list[int]                  # target ids, without BOS/EOS
    score: float                    # sum of log-probs (incl. EOS) / length ** alpha
    attention: list[list[float]]    # one row per target id (EOS excluded) over the S source ids
    probs: list[float]              # model probability of each target id
    trace: Optional[Trace] = None   # the sentence's search history, when cfg.trace asked for it


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


def decode(model, src: torch.Tensor, lengths: torch.Tensor, cfg: DecodeConfig,
           should_stop: StopFlag = None) -> list[list[Hypothesis]]:
    """Decode a batch: per sentence up to ``cfg.n_best`` hypotheses, best first.
    Beam 1 is greedy decoding (same ids and scores, faster)."""
    recorder = None
    if cfg.trace:
        from .recorder import Recorder

        recorder = Recorder(src, lengths, 1 if cfg.beam == 1 else cfg.n_best)
    if cfg.beam == 1:
        found = [[h] for h in greedy(model, src, lengths, max_len_a=cfg.max_len_a, max_len_b=cfg.max_len_b,
                                     no_repeat_ngram=cfg.no_repeat_ngram, length_penalty=cfg.length_penalty,
                                     should_stop=should_stop, recorder=recorder)]
    else:
        found = beam_search(model, src, lengths, beam=cfg.beam, n_best=cfg.n_best, max_len_a=cfg.max_len_a,
                            max_len_b=cfg.max_len_b, length_penalty=cfg.length_penalty,
                            no_repeat_ngram=cfg.no_repeat_ngram, should_stop=should_stop,
                            coverage_penalty=cfg.coverage_penalty, recorder=recorder)
    if recorder is not None:
        for hyps, trace in zip(found, recorder.traces):
            for h in hyps:
                h.trace = trace
    return found


@torch.inference_mode()
def greedy(model, src: torch.Tensor, src_lens: torch.Tensor, max_len_a: float = 1.5,
           max_len_b: int = 10, no_repeat_ngram: int = 6, length_penalty: float = 1.0,
           should_stop: StopFlag = None, recorder=None) -> list[Hypothesis]:
    """Greedy decoding of a batch. src [B, S]; src_lens [B]. Returns one Hypothesis per sentence.

    A sentence leaves the live batch as soon as it emits EOS, so a long sentence does not
    keep the short ones' rows running.
    """
    enc_out, hidden, keys, mask = model.encode(src, src_lens)
    batch = src.size(0)
    device = src.device
    limit = max_lengths(src_lens, max_len_a, max_len_b).to(device)
    live = torch.arange(batch, device=device)            # sentence index of each live row
    prev = torch.full((batch,), BOS, dtype=torch.long, device=device)
    history = torch.empty((batch, 0), dtype=torch.long, device=device)
    ids: list[list[int]] = [[] for _ in range(batch)]
    steps: list[tuple[list[int], torch.Tensor, torch.Tensor]] = []   # (live, weights, probs)
    total_logp = [0.0] * batch
    lengths = [0] * batch
    step = 0
    while live.numel():
        if should_stop is not None and should_stop():
            raise Cancelled()
        logits, hidden, weights = model.decoder.step(prev, hidden, keys, enc_out, mask)
        raw = torch.log_softmax(logits.float(), dim=-1)
        guarded = _apply_guards(raw.clone(), history.cpu(), step, limit, no_repeat_ngram)
        tok = guarded.argmax(-1)
        chosen = raw.gather(1, tok.unsqueeze(1)).squeeze(1)
        live_list, tok_list = live.tolist(), tok.tolist()
        steps.append((live_list, weights.float().cpu(), chosen.exp().cpu()))
        if recorder is not None:
            recorder.greedy_step(live_list, raw, weights, tok_list, total_logp)
        for i, b in enumerate(live_list):
            ids[b].append(tok_list[i])
            lengths[b] += 1
        for b, lp in zip(live_list, chosen.tolist()):
            total_logp[b] += lp
        keep = (tok != EOS).nonzero(as_tuple=True)[0]
        if keep.numel() < live.numel():
            live, hidden, keys, enc_out, mask, limit = (
                t[keep] for t in (live, hidden, keys, enc_out, mask, limit))
            history, tok = history[keep], tok[keep]
        history = torch.cat([history, tok.unsqueeze(1)], dim=1)
        prev = tok
        step += 1
    att: list[list[list[float]]] = [[] for _ in range(batch)]
    probs: list[list[float]] = [[] for _ in range(batch)]
    for live_list, w, p in steps:
        w_rows, p_rows = w.tolist(), p.tolist()
        for i, b in enumerate(live_list):
            att[b].append(w_rows[i][: int(src_lens[b])])
            probs[b].append(p_rows[i])
    hyps = []
    for b in range(batch):
        n = lengths[b] - 1                   # ids before EOS
        hyps.append(Hypothesis(ids=ids[b][:n],
                               score=total_logp[b] / (max(lengths[b], 1) ** length_penalty),
                               attention=att[b][:n], probs=probs[b][:n]))
        if recorder is not None:
            recorder.greedy_end(b, hyps[-1].score)
    return hyps


@torch.inference_mode()
def beam_search(model, src: torch.Tensor, src_lens: torch.Tensor, beam: int = 5, n_best: int = 1,
                max_len_a: float = 1.5, max_len_b: int = 10, length_penalty: float = 1.0,
                no_repeat_ngram: int = 6, should_stop: StopFlag = None,
                coverage_penalty: float = 0.0, recorder=None) -> list[list[Hypothesis]]:
    """Batched beam search. src [B, S]; src_lens [B]. Returns, per sentence, up to n_best
    hypotheses, best first.

    Finished hypotheses are ranked by length-normalised score, plus the coverage penalty
    when ``coverage_penalty`` (beta) > 0 (their ``score`` stays the model's own). A sentence
    stops when it has ``beam`` finished hypotheses; every hypothesis is forced to end at its
    length limit. Finished sentences leave the live batch. With beam == 1 this takes exactly
    the greedy path.

    Rows: a live sentence at position a owns live rows a*K .. a*K+K-1; its *global* rows
    (used by the backpointers) are b*K .. b*K+K-1 for sentence index b.
    """
    batch, src_len = src.shape
    device = src.device
    enc_out, hidden, keys, mask = model.encode(src, src_lens)
    expand = torch.arange(batch, device=device).repeat_interleave(beam)
    enc_out, hidden, keys, mask = enc_out[expand], hidden[expand], keys[expand], mask[expand]
    limit = max_lengths(src_lens, max_len_a, max_len_b).to(device)[expand]
    # coverage: attention each source position received so far [N, S]; the positions that
    # count are the words (not the language tag at 0, nor EOS, nor padding) [N, S]
    positions = torch.arange(src_len, device=device)
    counted = ((positions >= 1) & (positions < (src_lens.to(device) - 1).unsqueeze(1)))[expand]
    received = torch.zeros((batch * beam, src_len), device=device) if coverage_penalty > 0 else None

    live = list(range(batch))                              # sentence index per live position
    scores = torch.full((batch, beam), float("-inf"), device=device)
    scores[:, 0] = 0.0                                    # only the first beam is alive at t=0
    prev = torch.full((batch * beam,), BOS, dtype=torch.long, device=device)
    history = torch.empty((batch * beam, 0), dtype=torch.long, device=device)
    # backpointers in global rows, per step: parent row, token, prob; and the decoder's
    # attention weights with the global row of each live row
    parents, tokens, probs_hist, weights_hist = [], [], [], []
    finished: list[list[tuple[float, int, int]]] = [[] for _ in range(batch)]  # (score, step, row)
    step = 0
    while live:
        if should_stop is not None and should_stop():
            raise Cancelled()
        n_live = len(live)
        logits, hidden, weights = model.decoder.step(prev, hidden, keys, enc_out, mask)
        raw = torch.log_softmax(logits.float(), dim=-1)   # [N, V]
        vocab = raw.size(1)
        guarded = _apply_guards(raw.clone(), history.cpu(), step, limit, no_repeat_ngram)
        penalty = [0.0] * raw.size(0)                      # per live row, for a hypothesis ending now
        if received is not None:
            received = received + weights.float()
            cov = received.clamp(min=0.01, max=1.0).log() * counted   # [N, S]
            penalty = (coverage_penalty * cov.sum(1)).tolist()
        if recorder is not None:
            recorder.beam_step(live, beam, raw, weights, scores)
        cand = (scores.view(-1, 1) + guarded).view(n_live, beam * vocab)
        top_scores, top_idx = cand.topk(min(2 * beam, beam * vocab), dim=1)  # [A, 2K]
        # selection uses the guarded scores; the kept score is the model's own log-prob
        true_scores = (scores.view(-1, 1) + raw).view(n_live, beam * vocab).gather(1, top_idx)
        ts, ti, true_ts = top_scores.tolist(), top_idx.tolist(), true_scores.tolist()
        new_scores = [[float("-inf")] * beam for _ in range(n_live)]
        new_local = [[a * beam] * beam for a in range(n_live)]   # live parent row of each slot
        new_tok = [[EOS] * beam for _ in range(n_live)]
        keep = []
        for a, b in enumerate(live):
            filled = 0
            for j in range(len(ts[a])):
                if ts[a][j] == float("-inf"):
                    break
                k, tok = divmod(ti[a][j], vocab)
                if tok == EOS:
                    # only an EOS among the top `beam` candidates ends a hypothesis
                    if j < beam and len(finished[b]) < beam:
                        length = step + 1
                        score = true_ts[a][j] / (length ** length_penalty)
                        finished[b].append((score + penalty[a * beam + k], score, step, b * beam + k))
                        if recorder is not None:
                            recorder.beam_end(b, k, score, finished[b][-1][0])
                    continue
                if filled < beam:
                    new_scores[a][filled] = true_ts[a][j]
                    new_local[a][filled] = a * beam + k
                    new_tok[a][filled] = tok
                    filled += 1
                if filled == beam and len(finished[b]) >= beam:
                    break
            if len(finished[b]) < beam and filled > 0:
                keep.append(a)
        if recorder is not None:
            recorder.beam_selected(live, beam, new_local, new_tok, new_scores)
        global_rows = torch.tensor([b * beam + k for b in live for k in range(beam)])
        local = torch.tensor(new_local, dtype=torch.long, device=device).view(-1)
        tok_flat = torch.tensor(new_tok, dtype=torch.long, device=device).view(-1)
        parent_global = torch.zeros(batch * beam, dtype=torch.long)
        token_global = torch.full((batch * beam,), EOS, dtype=torch.long)
        prob_global = torch.zeros(batch * beam)
        parent_global[global_rows] = global_rows[local.cpu()]
        token_global[global_rows] = tok_flat.cpu()
        prob_global[global_rows] = raw[local, tok_flat].exp().cpu()
        parents.append(parent_global)
        tokens.append(token_global)
        probs_hist.append(prob_global)
        weights_hist.append((global_rows, weights.float().cpu()))

        if len(keep) < n_live:     # drop finished sentences from every live tensor
            rows_keep = torch.tensor([a * beam + k for a in keep for k in range(beam)],
                                     dtype=torch.long, device=device)
            local, tok_flat = local[rows_keep], tok_flat[rows_keep]
            keys, enc_out, mask, limit = keys[rows_keep], enc_out[rows_keep], mask[rows_keep], limit[rows_keep]
            counted = counted[rows_keep]
            scores_list = [new_scores[a] for a in keep]
            live = [live[a] for a in keep]
        else:
            scores_list = new_scores
        hidden = hidden[local]
        if received is not None:
            received = received[local]
        history = torch.cat([history[local], tok_flat.unsqueeze(1)], dim=1)
        prev = tok_flat
        scores = torch.tensor(scores_list, device=device).view(len(live), beam)
        step += 1

    inverse = []       # per step: global row -> row of that step's weights
    for rows, _ in weights_hist:
        inv = torch.full((batch * beam,), -1, dtype=torch.long)
        inv[rows] = torch.arange(rows.numel())
        inverse.append(inv)
    results = []
    for b in range(batch):
        ranked = sorted(finished[b], key=lambda f: -f[0])[:n_best]
        hyps = []
        s = int(src_lens[b])
        for _, score, end_step, row in ranked:
            ids, att, probs = _backtrack(row, end_step, parents, tokens, weights_hist, inverse,
                                         probs_hist, s)
            hyps.append(Hypothesis(ids=ids, score=score, attention=att, probs=probs))
        results.append(hyps)
    return results


def _backtrack(row, end_step, parents, tokens, weights_hist, inverse, probs_hist, s):
    """Rebuild the ids, attention rows and probs of the hypothesis that ended with EOS
    at ``end_step`` in global row ``row``.

    After step t, global row i holds parents[t][i] -> tokens[t][i]; the weights that step t's
    decoder computed for global row g are weights_hist[t][1][inverse[t][g]].
    """
    ids, att, probs = [], [], []
    cur = row  # the global row (at step end_step, pre-reorder) that emitted EOS
    for t in range(end_step - 1, -1, -1):
        tok = int(tokens[t][cur])
        parent = int(parents[t][cur])
        ids.append(tok)
        att.append(weights_hist[t][1][int(inverse[t][parent]), :s].tolist())
        probs.append(float(probs_hist[t][cur]))
        cur = parent
    ids.reverse()
    att.reverse()
    probs.reverse()
    return ids, att, probs
