"""Fills a Trace (trace.py) per sentence while search.py decodes, when ``DecodeConfig.trace``
asks for it; search.py calls it at three points of a step and never otherwise, so the normal
path pays nothing. Shapes as in search.py: N live rows, V vocabulary, S source length."""

from __future__ import annotations

import torch

from .trace import Candidate, Ended, Live, Trace, TraceStep, top_k_for


class Recorder:
    """The per-sentence traces of one batch: ``traces[b]`` for sentence b."""

    def __init__(self, src: torch.Tensor, src_lens: torch.Tensor, n_best: int):
        lens = src_lens.tolist()
        self.k = [top_k_for(n - 2) for n in lens]
        self._k = max(self.k)
        self.lens = lens
        self.traces = [Trace(src[b, :n].tolist(), [], n_best, self.k[b]) for b, n in enumerate(lens)]
        # per sentence: (parent, token) of each hypothesis of the next step
        self._origins: list[list[tuple[int, int]]] = [[(-1, -1)] for _ in lens]

    def _rows(self, raw: torch.Tensor, weights: torch.Tensor):
        """Top candidates and attention of every row: raw [N, V] log-probs, weights [N, S]."""
        probs, ids = raw.topk(self._k, dim=1)
        return probs.exp().tolist(), ids.tolist(), weights.float().tolist()

    def _live(self, b: int, slot: int, score: float, probs, ids, att) -> Live:
        k = self.k[b]
        parent, token = self._origins[b][slot]
        return Live(parent, token, score, list(map(Candidate, ids[:k], probs[:k])), att[: self.lens[b]])

    # -- greedy: one hypothesis per sentence ----------------------------------------------
    def greedy_step(self, live: list[int], raw: torch.Tensor, weights: torch.Tensor, tokens: list[int],
                    before: list[float]) -> None:
        """Rows ``live`` (sentence per row) chose ``tokens``; ``before`` [B] are the sentences'
        summed log-probs before this step."""
        probs, ids, att = self._rows(raw, weights)
        for i, b in enumerate(live):
            self.traces[b].steps.append(TraceStep([self._live(b, 0, before[b], probs[i], ids[i], att[i])]))
            self._origins[b] = [(0, tokens[i])]

    def greedy_end(self, b: int, score: float) -> None:
        self.traces[b].steps[-1].ended.append(Ended(0, score, score))

    # -- beam: K slots per live sentence -----------------------------------------------------
    def beam_step(self, live: list[int], beam: int, raw: torch.Tensor, weights: torch.Tensor,
                  scores: torch.Tensor) -> None:
        """Before selection: the hypotheses alive in each live sentence (scores [A, K]; a slot
        at -inf holds none)."""
        probs, ids, att = self._rows(raw, weights)
        for a, (b, row) in enumerate(zip(live, scores.tolist())):
            hyps = [self._live(b, k, s, probs[a * beam + k], ids[a * beam + k], att[a * beam + k])
                    for k, s in enumerate(row) if s != float("-inf")]
            self.traces[b].steps.append(TraceStep(hyps))

    def beam_end(self, b: int, slot: int, score: float, rank: float) -> None:
        self.traces[b].steps[-1].ended.append(Ended(slot, score, rank))

    def beam_selected(self, live: list[int], beam: int, new_local: list[list[int]], new_tok: list[list[int]],
                      new_scores: list[list[float]]) -> None:
        """After selection: each filled slot's parent slot and token, for the next step."""
        for a, b in enumerate(live):
            self._origins[b] = [(new_local[a][j] - a * beam, new_tok[a][j])
                                for j in range(beam) if new_scores[a][j] != float("-inf")]
