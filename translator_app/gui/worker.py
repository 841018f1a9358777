"""The worker: a QObject that lives in its own QThread and owns the Translator (so torch).
The GUI reaches it only through queued signals (see requests.TranslationQueue), so the
window never freezes. Failures are emitted as the exception object; the GUI words them.

Each request carries an id. ``cancel_below`` is written from the GUI thread and polled by
the engine at every decoding step (``should_stop``): a request below it raises Cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from ..engine.config import DecodeConfig


@dataclass(frozen=True)
class Request:
    """One translation request, the GUI's only record of one: the queue holds it while it
    waits and gives it its ``id`` when it sends it here."""

    text: str
    src_lang: str
    tgt_lang: str
    cfg: DecodeConfig
    id: int = 0
    preview: bool = False  # a greedy preview while typing


TRACE_MAX_CHARS = 2_000  # about 20 sentences; every exchange of the session keeps its steps


def traced(req: Request) -> DecodeConfig:
    """A full translation records its search for the panel's Steps view (about 8 % more time,
    README: Step-through decoding); a preview while typing, or a page, does not."""
    if req.preview or len(req.text) > TRACE_MAX_CHARS:
        return req.cfg
    return req.cfg.with_(trace=True)


class TranslationWorker(QObject):
    loaded = Signal(dict)  # name, path, device, card, warnings, meta
    load_failed = Signal(object)  # the exception
    progress = Signal(int, int, int)  # request id, sentences done, sentences total
    finished = Signal(int, object)  # request id, Translation
    failed = Signal(int, object)  # request id, the exception
    cancelled = Signal(int)
    scored = Signal(int, object)  # score key, the Segment (Translator.score)
    score_failed = Signal(int, object)  # score key, the exception

    def __init__(self):
        super().__init__()
        self.translator = None
        # Written from the GUI thread, read here; plain attributes are atomic under the GIL.
        self.cancel_below = 0
        self.closing = False
        self.memory = None
        self.your_memory = None  # tm.answer.YourMemory, opened with the first translation

    @Slot(str, str)
    def load(self, path: str, device: str) -> None:
        try:
            from ..engine.translator import Translator  # lazy: torch loads in this thread

            from ..dictionary.senses import glossary

            self.translator = Translator.load(path or None, device=device or "auto")
            t = self.translator
            t.glossary = glossary()  # words copied, not translated (engine/copied.py)
            path = getattr(t.bundle, "path", None)
            self.loaded.emit({"name": t.model_name, "path": str(path) if path else "",
                              "device": t.device, "card": t.card,
                              "warnings": list(t.warnings), "meta": dict(getattr(t.bundle, "meta", {}))})
        except Exception as exc:  # CheckpointError and anything else: shown as an error bubble
            self.translator = None
            self.load_failed.emit(exc)

    @Slot(object)
    def translate(self, req: Request) -> None:
        if self.closing or req.id < self.cancel_below:
            self.cancelled.emit(req.id)
            return
        if self.translator is None:
            self.failed.emit(req.id, RuntimeError("The model is not loaded."))
            return
        from ..dictionary.memory import Memory
        from ..engine.result import Cancelled
        from ..tm.answer import YourMemory, translate_many

        def should_stop() -> bool:
            return self.closing or req.id < self.cancel_below

        if self.memory is None:  # an exact Ding match becomes the answer (the phrase table, not the index)
            self.memory = Memory()
        if self.your_memory is None:  # your translations win over the dictionary (tm/answer.py)
            self.your_memory = YourMemory()
        try:
            result = translate_many(
                self.translator, self.memory, self.your_memory, [req.text], req.src_lang, req.tgt_lang, traced(req),
                should_stop=should_stop, progress=lambda done, total: self.progress.emit(req.id, done, total))[0]
        except Cancelled:
            self.cancelled.emit(req.id)
            return
        except Exception as exc:  # the memory never raises: this is the translation failing
            self.failed.emit(req.id, exc)
            return
        self.finished.emit(req.id, result)

    @Slot(int, str, str, str, str)
    def score(self, key: int, source: str, translation: str, src_lang: str, tgt_lang: str) -> None:
        """The model's forced decoding of a given translation (your correction): the
        heatmap of how it aligns it. Runs after whatever was sent before it (one thread)."""
        if self.closing:
            return
        if self.translator is None:
            self.score_failed.emit(key, RuntimeError("The model is not loaded."))
            return
        try:
            segment = self.translator.score(source, translation, src_lang, tgt_lang)
        except Exception as exc:  # a failed score costs only the heatmap
            self.score_failed.emit(key, exc)
            return
        self.scored.emit(key, segment)
