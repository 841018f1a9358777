"""What one exchange shows, with no Qt: built from the engine's Translation (a new result)
or from a history row, and written back to the history. The bubbles, the heatmap and the
exports read this, never a dict; the bubbles draw its ``view()``."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ..engine import confidence, coverage
from ..engine.coverage import Loss
from ..engine.result import Alternative, Credit, LanguageNote, Segment, Similar, Translation
from ..engine.trace import Trace
from . import alignment

MAX_STORED_ATTENTION_CELLS = 250_000  # about 500 x 500 pieces: a long page
LOW_WORD_PROB = 0.3  # words less sure than this are underlined


@dataclass
class ExchangeModel:
    source: str
    translation: str  # the best translation
    src_lang: str
    tgt_lang: str
    source_tokens: list[str]
    target_tokens: list[str]
    attention: list[list[float]]  # rows: target pieces, columns: source pieces
    token_probs: list[float]
    alternatives: list[Alternative]
    confidence: float | None  # the engine's (engine/confidence.py); None: a dictionary answer
    device: str = ""
    ms: float = 0.0
    created: float = field(default_factory=time.time)
    warnings: list[str] = field(default_factory=list)
    shown: str = ""  # the translation on screen: the best one or a chosen alternative
    attention_not_kept: bool = False  # a long text's matrix was not stored in the history
    # "dictionary" / "example" / "memory": an exact Ding, example-corpus or your-memory match is
    # the answer (the engine's; ``credit`` names an example's source);
    # "yours": you corrected it; "similar": you used a similar sentence's (replace_translation)
    origin: str = "model"
    credit: Credit | None = None
    language_note: LanguageNote | None = None  # the input does not look like src_lang (engine/langid.py)
    losses: list[Loss] = field(default_factory=list)  # words dropped or repeated (engine/coverage.py)
    agreement: float | None = None  # the n-best agreement the confidence is made of (kept in the history)
    model_translation: str = ""  # the machine's answer that "yours" / "similar" replaced
    match: float = 0.0  # origin "similar": how alike its source is to this one (0..1)
    similar: list[Similar] = field(default_factory=list)  # fuzzy matches (tm/fuzzy.py), best first
    scoring: bool = False  # replaced, and the model's forced decoding of it not back yet (not stored)
    traces: list[Trace] = field(default_factory=list)  # each sentence's search, for the Steps view (not stored)
    _words: alignment.Matrix | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.shown = self.shown or self.translation

    # -- building ---------------------------------------------------------------------
    @classmethod
    def from_translation(cls, t: Translation, created: float | None = None) -> "ExchangeModel":
        return cls(source=t.source, translation=t.translation, src_lang=t.src_lang, tgt_lang=t.tgt_lang,
                   source_tokens=list(t.source_tokens), target_tokens=list(t.target_tokens),
                   attention=t.attention, token_probs=list(t.token_probs),
                   alternatives=list(t.alternatives), confidence=t.confidence, device=t.device,
                   ms=t.ms, created=time.time() if created is None else created,
                   warnings=list(t.warnings), origin=t.origin, credit=t.credit,
                   language_note=t.language_note, losses=list(t.losses), agreement=t.agreement,
                   similar=list(t.similar), traces=list(t.traces))

    @classmethod
    def from_history(cls, source: str, shown: str, src_lang: str, tgt_lang: str, created: float,
                     result: dict) -> "ExchangeModel":
        """A stored row; fields an older version did not store get their empty value."""
        alts = [Alternative(str(a.get("translation", "")), _score(a.get("score", 0.0)))
                for a in result.get("alternatives", []) if isinstance(a, dict)]
        t = Translation(source=source, translation=str(result.get("translation", shown)),
                        source_tokens=list(result.get("source_tokens", [])),
                        target_tokens=list(result.get("target_tokens", [])),
                        attention=result.get("attention", []) or [],
                        token_probs=[float(p) for p in result.get("token_probs", [])],
                        alternatives=alts, segments=[], src_lang=src_lang, tgt_lang=tgt_lang,
                        device=str(result.get("device", "")), ms=float(result.get("ms", 0.0)),
                        warnings=list(result.get("warnings", [])),
                        origin=str(result.get("origin", "model")), agreement=_number(result.get("agreement")),
                        credit=_credit(result.get("credit")))
        model = cls.from_translation(t, created)
        stored = result.get("losses")
        if isinstance(stored, list):
            model.losses = [Loss(str(l.get("kind", "")), [str(w) for w in l.get("source_words", [])])
                            for l in stored if isinstance(l, dict)]
        elif model.attention:  # a row from before the engine judged losses: the same rule here
            model.losses = coverage.find_losses(model.source_tokens, model.target_tokens, model.attention,
                                                source, model.translation, src_lang)
        model.shown = shown or model.translation
        model.attention_not_kept = bool(result.get("attention_not_kept"))
        model.model_translation = str(result.get("model_translation", ""))
        model.match = _score(result.get("match", 0.0))
        model.similar = [_similar(s) for s in result.get("similar", []) if isinstance(s, dict)]
        note = result.get("language_note")
        if isinstance(note, dict) and isinstance(note.get("message"), str):
            detected = note.get("detected")
            values = note.get("values")
            values = tuple(str(v) for v in values) if isinstance(values, list) else ()
            model.language_note = LanguageNote(note["message"], detected if isinstance(detected, str) else None,
                                               str(note.get("kind") or ""), values)
        return model

    def to_history(self) -> dict:
        """The JSON kept per exchange (the `translate --json` keys plus the GUI's). A long
        text's matrix would be megabytes per exchange, parsed again at every start: it is
        shown, but not kept."""
        out = {"source": self.source, "translation": self.translation,
               "source_tokens": self.source_tokens, "target_tokens": self.target_tokens,
               "attention": self.attention, "token_probs": self.token_probs,
               "alternatives": [{"translation": a.translation, "score": None if math.isnan(a.score) else a.score}
                                for a in self.alternatives],
               "device": self.device, "ms": round(self.ms, 2), "src_lang": self.src_lang,
               "tgt_lang": self.tgt_lang, "created": self.created, "confidence": self.confidence,
               "warnings": list(self.warnings), "origin": self.origin,
               "losses": [loss.to_json() for loss in self.losses], "agreement": self.agreement}
        if self.model_translation:
            out.update(model_translation=self.model_translation, match=self.match)
        if self.credit is not None:
            out["credit"] = {"tag": self.credit.tag, "name": self.credit.name, "licence": self.credit.licence}
        if self.similar:
            out["similar"] = [s.to_json() for s in self.similar]
        if self.language_note is not None:
            note = self.language_note
            out["language_note"] = {"message": note.message, "detected": note.detected, "kind": note.kind,
                                    "values": list(note.values)}
        if self.attention_cells() > MAX_STORED_ATTENTION_CELLS:
            out.update(attention=[], attention_not_kept=True)
        return out

    # -- replacing the answer (bubble_edit.py, corrections.py) ---------------------------
    def replace_translation(self, text: str, origin: str, match: float = 0.0) -> None:
        """Your translation (``origin`` "yours") or a similar sentence's ("similar", ``match``
        its similarity) becomes the answer. The machine's answer stays among the
        alternatives and in ``model_translation`` (an earlier correction of yours is
        dropped). The matrix described the old text, so it goes until ``apply_score``
        brings the model's forced-decoding view of the new one; the alternative's score is
        NaN until then."""
        if not self.model_translation:
            self.model_translation = self.translation
        old = self.translation if self.origin == "yours" else None
        self.alternatives = [Alternative(text, math.nan)] + [
            a for a in self.alternatives if a.translation not in (text, old)]
        self.translation = self.shown = text
        self.origin, self.match = origin, match
        self.confidence = self.agreement = None  # a human translation: no model confidence
        self.source_tokens, self.target_tokens, self.attention, self.token_probs = [], [], [], []
        self.losses, self.attention_not_kept, self._words = [], False, None
        self.scoring = True

    @property
    def wants_score(self) -> bool:
        """A replaced answer without its forced-decoding matrix: it was replaced and the window
        closed before the score came back (a long text's matrix that was not kept is not asked again)."""
        return self.origin in ("yours", "similar") and not self.attention and not self.attention_not_kept

    def apply_score(self, scored: Segment) -> bool:
        """The model's forced decoding of the answer (Translator.score, for this text):
        the heatmap shows how the model aligns it, the alternative gets its score. False
        (nothing changed) for the score of a text replaced again since."""
        if scored.translation != self.translation:
            return False
        self.source_tokens, self.target_tokens = list(scored.source_tokens), list(scored.target_tokens)
        self.attention, self.token_probs = scored.attention, list(scored.token_probs)
        self._words, self.scoring = None, False
        if scored.alternatives and self.alternatives and self.alternatives[0].translation == self.translation:
            self.alternatives[0] = Alternative(self.translation, scored.alternatives[0].score)
        return True

    # -- what the widgets read ----------------------------------------------------------
    def attention_cells(self) -> int:
        return len(self.attention) * len(self.attention[0]) if self.attention else 0

    @property
    def has_attention(self) -> bool:
        return bool(self.attention)

    @property
    def words(self) -> alignment.Matrix:
        """The word-level matrix, built on first use (a long history is restored quickly)."""
        if self._words is None:
            self._words = alignment.word_matrix(self.source_tokens, self.target_tokens, self.attention)
        return self._words

    def pieces(self) -> alignment.Matrix:
        return alignment.piece_matrix(self.source_tokens, self.target_tokens, self.attention)

    def piece_groups(self) -> tuple[list[list[int]], list[list[int]]]:
        """Per word label, the piece indices it merges: (source, target)."""
        return alignment.group_words(self.source_tokens), alignment.group_words(self.target_tokens)

    def word_probs(self) -> list[float]:
        return alignment.word_probs(self.target_tokens, self.token_probs)

    def low_words(self) -> set[int]:
        return {i for i, p in enumerate(self.word_probs()) if p < LOW_WORD_PROB}

    def coverage(self) -> alignment.Coverage:
        """The heatmap's flags, by the engine's rule on the word matrix, with the source
        words the engine found dropped by its model check as well (``losses``)."""
        cov = alignment.analyse_coverage(self.words, self.translation, self.src_lang)
        if self.origin != "model":  # a human translation (dictionary): the model dropped nothing
            cov.untranslated, cov.loop_sources, cov.loop_targets = [], [], []
            return cov
        dropped = {w.lower() for l in self.losses if l.kind == "dropped" for w in l.source_words}
        extra = [i for i, label in enumerate(self.words.source)
                 if any(coverage.in_text(w, label) for w in dropped)]
        cov.untranslated = sorted(set(cov.untranslated) | set(extra))
        return cov

    def source_marks(self) -> dict[int, str]:
        """Source display word -> "dropped" or "repeated": the words the source bubble marks."""
        marks: dict[int, str] = {}
        if self.origin != "model":  # the engine judges only its own output
            return marks
        for loss in self.losses:
            for i, word in enumerate(alignment.display_words(self.source)):
                if any(coverage.in_text(w, word) for w in loss.source_words):
                    marks.setdefault(i, loss.kind)
        return marks

    def view(self, shown: str | None = None) -> "ExchangeView":
        """What the bubbles draw while ``shown`` (default: ``self.shown``) is on screen."""
        shown = self.shown if shown is None else shown
        src_map = alignment.map_display_words(self.source, alignment.word_labels(self.source_tokens))
        if shown == self.translation:
            tgt_map = alignment.map_display_words(shown, alignment.word_labels(self.target_tokens))
        else:  # attention belongs to the best hypothesis: an alternative's words cannot be mapped
            tgt_map = [None] * len(alignment.display_words(shown))
        probs = self.word_probs()
        # unsure words are the model's doubt about its own output, not about a human translation
        low = {i for i, p in enumerate(probs) if p < LOW_WORD_PROB} if self.origin == "model" else set()
        return ExchangeView(
            shown=shown, src_map=src_map, tgt_map=tgt_map,
            underline={i for i, label in enumerate(tgt_map) if label in low},
            word_probs={i: probs[label] for i, label in enumerate(tgt_map)
                        if label is not None and label < len(probs)},
            confidence_level=None if self.confidence is None else confidence.level(
                self.confidence, any(loss.kind == "dropped" for loss in self.losses)),
            source_marks=self.source_marks(),
            model=self)


def _number(value) -> float | None:
    """A stored number, or None for a missing or damaged one."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@dataclass(frozen=True, eq=False)
class ExchangeView:
    """One shown text of an exchange, as the bubbles draw it. Display words are the
    bubbles' items (words and line breaks, see alignment.display_words); labels index the
    word matrix. The hover methods build that matrix only when a word is hovered, so a
    long history is restored quickly."""

    shown: str
    src_map: list[int | None]  # per source display word: its word label (None: not mapped)
    tgt_map: list[int | None]  # per shown display word; all None for an alternative
    underline: set[int]  # shown display words the model was unsure of
    word_probs: dict[int, float]  # shown display word -> the model's probability (its tooltip)
    confidence_level: str | None  # "high", "medium" or "low"; None: no model confidence (a dictionary answer)
    source_marks: dict[int, str]  # source display word -> "dropped" / "repeated" (engine/coverage.py)
    model: ExchangeModel = field(repr=False)

    def hover_target(self, index: int) -> tuple[set[int], set[int]]:
        """Shown display word ``index`` hovered: (its label, the source labels it attended)."""
        label = _label_at(self.tgt_map, index)
        if label is None:
            return set(), set()
        return {label}, set(alignment.attended_sources(self.model.words, label))

    def hover_source(self, index: int) -> tuple[set[int], set[int]]:
        """Source display word ``index`` hovered: (the target labels attending it, its label)."""
        label = _label_at(self.src_map, index)
        if label is None:
            return set(), set()
        return set(alignment.attending_targets(self.model.words, label)), {label}

    def strengths(self, targets: set[int], sources: set[int]) -> tuple[dict[int, float], dict[int, float]]:
        """How strongly each display word lights up for these labels: (source, shown).
        A label gets its strongest weight to the other side, or 1.0 with nothing there."""
        src: dict[int, float] = {}
        tgt: dict[int, float] = {}
        for t in targets:
            for s in sources:
                w = self.model.words.weights[t][s]
                src[s] = max(src.get(s, 0.0), w)
                tgt[t] = max(tgt.get(t, 0.0), w)
        for t in targets:
            tgt.setdefault(t, 1.0)
        for s in sources:
            src.setdefault(s, 1.0)
        return ({i: src[lab] for i, lab in enumerate(self.src_map) if lab in src},
                {i: tgt[lab] for i, lab in enumerate(self.tgt_map) if lab in tgt})


def _score(value) -> float:
    """A stored score: NaN where none was known (None in the JSON)."""
    number = _number(value)
    return math.nan if number is None else number


def _similar(d: dict) -> Similar:
    entry = d.get("entry_id")
    return Similar(str(d.get("source", "")), str(d.get("target", "")), float(d.get("score", 0.0)),
                   str(d.get("origin", "memory")), tuple(int(i) for i in d.get("differing", [])),
                   int(entry) if entry is not None else None, str(d.get("corpus", "")))


def _credit(d) -> Credit | None:
    if not isinstance(d, dict) or not d.get("name"):
        return None
    return Credit(str(d.get("tag", "")), str(d["name"]), str(d.get("licence", "")))


def _label_at(labels: list[int | None], index: int) -> int | None:
    return labels[index] if 0 <= index < len(labels) else None
