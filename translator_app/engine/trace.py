"""The history of one sentence's search (issue 26): what ``search.decode`` records when
``DecodeConfig.trace`` is on, replayable to its n-best list. Plain data, no torch, so the
GUI and the CLI read it freely; engine/recorder.py fills it during the search.

Step t holds the hypotheses alive before the t-th target token is chosen (step 0: one,
the empty prefix). Each has a parent pointer into step t-1's list and the token it added
there, its top candidates for the next token, and its attention row while choosing it.
A hypothesis that chose the end token at step t is listed in that step's ``ended``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

TOP_K = 5            # candidates kept per hypothesis and step
LONG_TOP_K = 3       # ... for a sentence longer than LONG_SOURCE pieces (they grow as steps x beam)
LONG_SOURCE = 60     # source pieces, tag and end excluded


def top_k_for(source_pieces: int) -> int:
    return LONG_TOP_K if source_pieces > LONG_SOURCE else TOP_K


@dataclass(slots=True)  # slots, not frozen: thousands are made per sentence, in the search's time
class Candidate:
    token: int
    prob: float          # the model's probability of ``token`` after this prefix (no guards)
    piece: str = ""      # the token's SentencePiece text (filled by ``Trace.labelled``)


@dataclass(slots=True)
class Live:
    """One hypothesis alive at a step."""

    parent: int          # its index in the previous step's ``hyps``; -1 at step 0
    token: int           # the token it added at the previous step (-1 at step 0)
    score: float         # sum of the log-probs of its prefix (the beam's ordering score)
    candidates: list[Candidate]  # [k] best first
    attention: list[float]       # [S] the decoder's attention row at this step over the source
    piece: str = ""              # ``token``'s piece (filled by ``Trace.labelled``)


@dataclass(frozen=True)
class Ended:
    """A hypothesis that chose the end token at this step and left the beam finished."""

    hyp: int             # its index in this step's ``hyps``
    score: float         # length-normalised log-prob: the Hypothesis score
    rank: float          # what the n-best order sorts by (score + coverage penalty)


@dataclass
class TraceStep:
    hyps: list[Live]
    ended: list[Ended] = field(default_factory=list)


@dataclass(frozen=True)
class Final:
    """One entry of the replayed n-best list."""

    ids: list[int]       # target ids without the end token
    score: float
    path: list[int]      # its hypothesis index at each step 0 .. end step
    split_step: int | None  # the step whose chosen token first differs from the best's; None: the best


@dataclass
class Trace:
    """One sentence's search. ``source`` [S] are the ids the model read (tag and end included)
    until ``labelled``, which replaces them by the pieces the heatmap shows and the rows by
    rows over those (tag column dropped, each row renormalised to sum to 1)."""

    source: list[int]
    steps: list[TraceStep]
    n_best: int
    top_k: int
    source_tokens: list[str] = field(default_factory=list)

    def finals(self) -> list[Final]:
        """Replay: the ended hypotheses ordered as the search orders them (stable, by rank),
        cut to n-best, each rebuilt by following its parent pointers."""
        ended = [(e.rank, e.score, t, e.hyp) for t, step in enumerate(self.steps) for e in step.ended]
        ranked = sorted(ended, key=lambda e: -e[0])[: self.n_best]
        paths = [self._path(t, i) for _, _, t, i in ranked]
        out: list[Final] = []
        for (_, score, t, _), path in zip(ranked, paths):
            ids = [self.steps[s].hyps[path[s]].token for s in range(1, t + 1)]
            best = out[0].ids if out else ids
            split = next((j for j, (a, b) in enumerate(zip(ids, best)) if a != b), min(len(ids), len(best)))
            out.append(Final(ids, score, path, split if out else None))
        return out

    def _path(self, step: int, index: int) -> list[int]:
        path = [index]
        for t in range(step, 0, -1):
            index = self.steps[t].hyps[index].parent
            path.append(index)
        return path[::-1]

    def labelled(self, pieces: Callable[[list[int]], list[str]]) -> "Trace":
        """A copy the GUI and JSON show: pieces for the source and every token, attention
        over the source pieces and the end (the target-language tag's column dropped)."""
        def row(r: list[float]) -> list[float]:
            total = sum(r[1:]) or 1.0
            return [w / total for w in r[1:]]

        names = pieces(self.source[1:-1]) + ["</s>"]
        steps = []
        for step in self.steps:
            hyps = []
            for h in step.hyps:
                cands = [replace(c, piece=p) for c, p in zip(h.candidates, pieces([c.token for c in h.candidates]))]
                piece = pieces([h.token])[0] if h.token >= 0 else ""
                hyps.append(replace(h, candidates=cands, attention=row(h.attention), piece=piece))
            steps.append(TraceStep(hyps, list(step.ended)))
        return replace(self, steps=steps, source_tokens=names)

    def to_json(self) -> dict:
        """The `translate --json --trace` form (README, "Step-through decoding")."""
        return {
            "source_tokens": self.source_tokens,
            "top_k": self.top_k,
            "n_best": [{"tokens": [self.steps[s].hyps[f.path[s]].piece for s in range(1, len(f.path))],
                        "score": round(f.score, 4), "path": f.path, "split_step": f.split_step}
                       for f in self.finals()],
            "steps": [{"hypotheses": [{"parent": h.parent, "token": h.piece, "score": round(h.score, 4),
                                       "attention": [round(w, 4) for w in h.attention],
                                       "candidates": [{"token": c.piece, "prob": round(c.prob, 4)}
                                                      for c in h.candidates]} for h in step.hyps],
                       "ended": [{"hypothesis": e.hyp, "score": round(e.score, 4)} for e in step.ended]}
                      for step in self.steps],
        }
