"""The seed-faithful naive decoder: the baseline that ``translator-app bench`` measures the
engine against. Not used by the app.

What makes it "seed-style" (and slow), on purpose:

* one sentence at a time (batch size 1), no batching across sentences;
* a Python loop over the target steps, with the full vocabulary projection at every step;
* no cached attention keys: ``attention.project_keys(enc_outputs)`` is recomputed at every
  step (for every hypothesis);
* beam search keeps a plain Python list of hypotheses, and every hypothesis is stepped
  through the decoder on its own.

It runs the same model and the same search rules as ``engine.search`` (length limit
``a * S + b`` with a forced EOS, no repeated n-gram, length-normalised finished scores, EOS
only among the top ``beam`` candidates), so both do the same search work and greedy decoding
gives the same ids as ``search.greedy``.
"""

from __future__ import annotations

import torch

from .config import DecodeConfig
from .tokenizer import BOS, EOS, clean_text

NEG_INF = float("-inf")


def _banned(history: list[int], n: int) -> set[int]:
    """Tokens that would repeat an n-gram already in ``history`` (the seed's Python scan)."""
    if n <= 0 or len(history) < n:
        return set()
    prefix = history[len(history) - (n - 1):] if n > 1 else []
    banned = set()
    for i in range(len(history) - n + 1):
        if history[i:i + n - 1] == prefix:
            banned.add(history[i + n - 1])
    banned.discard(EOS)
    return banned


def _guard(logp: torch.Tensor, history: list[int], step: int, limit: int, no_repeat_ngram: int) -> torch.Tensor:
    """Block repeated n-grams and force EOS at the length limit. logp [V] (modified in place)."""
    for tok in _banned(history, no_repeat_ngram):
        logp[tok] = NEG_INF
    if step + 1 >= limit:
        logp.fill_(NEG_INF)
        logp[EOS] = 0.0
    return logp


def _encode(model, src_ids: list[int]):
    src = torch.tensor([src_ids], dtype=torch.long)
    lens = torch.tensor([len(src_ids)])
    enc_outputs, hidden = model.encoder(src, lens)
    mask = src != model.config.pad_id
    return enc_outputs, hidden, mask


def _step(model, prev: int, hidden, enc_outputs, mask):
    keys = model.decoder.attention.project_keys(enc_outputs)  # recomputed every step, as in the seed
    logits, hidden, _ = model.decoder.step(torch.tensor([prev]), hidden, keys, enc_outputs, mask)
    return torch.log_softmax(logits.float(), dim=-1)[0], hidden


def _limit(n_src: int, max_len_a: float, max_len_b: int) -> int:
    # same arithmetic as search.max_lengths (float32, then truncation)
    return int(torch.tensor(float(n_src)).mul(max_len_a).add(max_len_b).long())


@torch.inference_mode()
def greedy(model, src_ids: list[int], max_len_a: float = 1.5, max_len_b: int = 10,
           no_repeat_ngram: int = 6) -> list[int]:
    """Greedy decoding of one sentence (source ids incl. tag and EOS) -> target ids without EOS."""
    enc_outputs, hidden, mask = _encode(model, src_ids)
    limit = _limit(len(src_ids), max_len_a, max_len_b)
    out: list[int] = []
    prev = BOS
    for step in range(limit):
        logp, hidden = _step(model, prev, hidden, enc_outputs, mask)
        tok = int(_guard(logp, out, step, limit, no_repeat_ngram).argmax())
        if tok == EOS:
            break
        out.append(tok)
        prev = tok
    return out


@torch.inference_mode()
def beam_search(model, src_ids: list[int], beam: int = 5, n_best: int = 1, max_len_a: float = 1.5,
                max_len_b: int = 10, length_penalty: float = 1.0,
                no_repeat_ngram: int = 6) -> list[tuple[list[int], float]]:
    """Beam search of one sentence -> up to n_best (ids, normalised score), best first."""
    if beam <= 1:
        return [(greedy(model, src_ids, max_len_a, max_len_b, no_repeat_ngram), 0.0)]
    enc_outputs, hidden0, mask = _encode(model, src_ids)
    limit = _limit(len(src_ids), max_len_a, max_len_b)
    hyps = [([], 0.0, hidden0)]       # (ids, sum of log-probs, decoder state)
    finished: list[tuple[float, list[int]]] = []
    for step in range(limit):
        candidates = []               # (selection score, model score, ids, token, state)
        for ids, score, hidden in hyps:
            raw, new_hidden = _step(model, ids[-1] if ids else BOS, hidden, enc_outputs, mask)
            guarded = _guard(raw.clone(), ids, step, limit, no_repeat_ngram)
            top = guarded.topk(min(2 * beam, guarded.numel()))
            for g, tok in zip(top.values.tolist(), top.indices.tolist()):
                if g == NEG_INF:
                    break
                candidates.append((score + g, score + float(raw[tok]), ids, tok, new_hidden))
        candidates.sort(key=lambda c: -c[0])
        survivors = []
        for j, (_, true_score, ids, tok, new_hidden) in enumerate(candidates[:2 * beam]):
            if tok == EOS:
                if j < beam and len(finished) < beam:
                    finished.append((true_score / ((step + 1) ** length_penalty), ids))
                continue
            if len(survivors) < beam:
                survivors.append((ids + [tok], true_score, new_hidden))
            if len(survivors) == beam and len(finished) >= beam:
                break
        if len(finished) >= beam or not survivors:
            break
        hyps = survivors
    finished.sort(key=lambda f: -f[0])
    return [(ids, score) for score, ids in finished[:n_best]]


def translate(model, tokenizer, texts: list[str], tgt_lang: str, beam: int = 5,
              segment=None) -> list[str]:
    """Translate texts one by one with the naive decoder (text in, text out).

    ``segment(text) -> [(unit, separator), ...]`` cuts a text into the units to decode (for
    instance the Translator's sentences and chunks, so both decode the same units); by
    default the whole cleaned text is one unit.
    """
    DecodeConfig(beam=beam).validated()  # the same limits as the engine
    out = []
    for text in texts:
        units = segment(text) if segment is not None else [(clean_text(text), "")]
        parts = []
        for unit, sep in units:
            best = beam_search(model, tokenizer.encode_source(unit, tgt_lang), beam=beam) if unit else []
            parts.append((tokenizer.decode(best[0][0]) if best else "") + sep)
        out.append("".join(parts))
    return out
