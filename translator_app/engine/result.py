"""Plain result types returned by the engine. No torch here, so the GUI can import them freely."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .confidence import score as confidence_score
from .coverage import Loss
from .trace import Trace


@dataclass
class Alternative:
    translation: str
    score: float  # length-normalised log-probability (higher is better)


@dataclass
class _Aligned:
    """A source, its translation, and what the heatmap shows: one attention row per target
    token, one column per source token; each row sums to 1."""

    source: str
    translation: str
    source_tokens: list[str]
    target_tokens: list[str]
    attention: list[list[float]]
    token_probs: list[float]


@dataclass
class Segment(_Aligned):
    """One sentence (or chunk) of the input and its translation."""

    alternatives: list[Alternative] = field(default_factory=list)
    separator: str = ""  # the whitespace that followed this sentence in the input
    losses: list[Loss] = field(default_factory=list)  # words dropped or repeated (coverage.py)
    trace: Trace | None = None  # the search step by step, when DecodeConfig.trace asked (trace.py)
    agreement: float | None = None  # n-best agreement (confidence.py); None: one hypothesis


@dataclass(frozen=True)
class LanguageNote:
    """The input does not look like the source language (langid.py): why, and the better
    guess when swapping the direction would fit ("en"/"de"; None for another script)."""

    message: str
    detected: str | None = None
    # for a translated UI (gui/bubbles.py): "unreadable" (replaced bytes), "script" (script
    # name, lang), "swap" (guess, lang); "" for a note kept before kinds existed
    kind: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Similar:
    """A fuzzy match (tm/fuzzy.py): a stored or example source close to the input, and its
    translation. ``score`` in [0.75, 1] is 1 - word edit distance / the longer word count;
    ``differing`` indexes the words of ``source.split()`` that differ from the input's (the
    ones to mark); ``origin`` is "memory" (``entry_id`` set) or "example" (``corpus`` names it)."""

    source: str
    target: str
    score: float
    origin: str
    differing: tuple[int, ...] = ()
    entry_id: int | None = None
    corpus: str = ""

    def to_json(self) -> dict:
        return {"source": self.source, "target": self.target, "score": round(self.score, 4),
                "origin": self.origin, "differing": list(self.differing), "entry_id": self.entry_id,
                "corpus": self.corpus}


@dataclass(frozen=True)
class Credit:
    """Whose human translation an answer is (origin "example": the example corpus's pair):
    the source's tag ("tatoeba", "wesnoth", ...), the name shown and its licence."""

    tag: str
    name: str
    licence: str = ""


@dataclass
class Translation(_Aligned):
    """The translation of a whole input text.

    The token, attention and probability fields cover the whole text: the per-sentence
    matrices are laid out block-diagonally, so every row still sums to 1.
    """

    alternatives: list[Alternative]
    segments: list[Segment]
    src_lang: str
    tgt_lang: str
    device: str
    ms: float
    warnings: list[str] = field(default_factory=list)
    # "memory": yours (tm/); "dictionary": an exact Ding match; "example": an exact sentence of the
    # example corpus (both dictionary/memory.py, ``credit`` names the example's source)
    origin: str = "model"
    language_note: LanguageNote | None = None  # set by Translator from engine/langid.py
    similar: tuple[Similar, ...] = ()  # fuzzy matches when the memory has no exact one (tm/answer.py)
    agreement: float | None = None  # the segments' n-best agreement (confidence.segments_agreement)
    credit: Credit | None = None  # origin "example": the corpus the human translation is from

    @property
    def traces(self) -> list[Trace]:
        """The search history of each decoded segment, in order (DecodeConfig.trace; a
        dictionary answer, a repaired or an empty chunk has none)."""
        return [s.trace for s in self.segments if s.trace is not None]

    @property
    def losses(self) -> list[Loss]:
        """Words dropped or repeated (coverage.py): every segment's, in order. A dictionary
        answer's one segment is scored, not decoded, and has none."""
        return [loss for s in self.segments for loss in s.losses]

    @property
    def confidence(self) -> float | None:
        """The model's confidence in [0, 1] (confidence.score: geometric mean of the token
        probabilities x n-best agreement); 1.0 for an empty result. None for an answer that
        is not the model's (a dictionary answer): its probabilities are the model's view of
        a human translation, not a confidence in it."""
        if self.origin != "model":
            return None
        return confidence_score(self.token_probs, self.agreement)

    def to_json_dict(self) -> dict:
        """The keys of the `translate --json` contract. ``warnings``: the words dropped or
        repeated, ``[{"kind": "dropped"|"repeated", "source_words": [...]}]`` (empty when
        none; the device and matrix notes in ``self.warnings`` go to stderr instead). ``corpus`` and
        ``licence``: an example answer's source ("Tatoeba", "CC-BY 2.0 FR"); "" otherwise."""
        return {
            "source": self.source,
            "translation": self.translation,
            "source_tokens": self.source_tokens,
            "target_tokens": self.target_tokens,
            "attention": self.attention,
            "token_probs": self.token_probs,
            "alternatives": [asdict(a) for a in self.alternatives],
            "device": self.device,
            "ms": round(self.ms, 2),
            "origin": self.origin,
            "corpus": self.credit.name if self.credit else "",
            "licence": self.credit.licence if self.credit else "",
            "similar": [m.to_json() for m in self.similar],
            "warnings": [loss.to_json() for loss in self.losses],
        }

    def segments_json(self) -> list[dict]:
        """Per-sentence data, complete even when the whole-text matrix is cut short."""
        return [{k: v for k, v in asdict(s).items() if k != "trace"} for s in self.segments if s.source]


def empty_translation(source: str, src_lang: str, tgt_lang: str, device: str) -> Translation:
    return Translation(
        source=source, translation="", source_tokens=[], target_tokens=[], attention=[],
        token_probs=[], alternatives=[], segments=[], src_lang=src_lang, tgt_lang=tgt_lang,
        device=device, ms=0.0,
    )


class Cancelled(Exception):
    """Raised inside decoding when the caller's cancel flag is set."""
