"""TranslationQueue: the one owner of translation requests. It starts the worker thread,
runs one full translation at a time and queues the ones sent meanwhile, runs previews
only while no full one runs, drops stale results, and on cancel gives back the text of
everything it held. The window only shows what it reports."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal

from ..engine.config import DecodeConfig
from .worker import Request, TranslationWorker


def joined(texts) -> str:
    """Several texts as one input: trimmed, blank ones dropped, a blank line between."""
    return "\n\n".join(t.strip() for t in texts if t.strip())


class TranslationQueue(QObject):
    ready = Signal(dict)  # the model's info
    load_failed = Signal(object)  # the exception
    started = Signal(str)  # a full translation of this text began
    queued = Signal(int)  # how many wait behind the running one
    progress = Signal(int, int)  # sentences done, sentences total
    finished = Signal(object, object)  # Translation, its Request (text and direction as sent)
    failed = Signal(object, str)  # the exception, the text given back
    cancelled = Signal(list)  # the texts given back, oldest first
    previewed = Signal(object)  # a preview's Translation
    preview_failed = Signal(object)
    scored = Signal(int, object)  # score key, the Segment
    score_failed = Signal(int, object)  # score key, the exception

    _do_load = Signal(str, str)
    _do_translate = Signal(object)
    _do_score = Signal(int, str, str, str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("translator-worker")
        self._worker = TranslationWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._do_load.connect(self._worker.load)
        self._do_translate.connect(self._worker.translate)
        self._do_score.connect(self._worker.score)
        w = self._worker
        w.loaded.connect(self._on_loaded)
        w.load_failed.connect(self._on_load_failed)
        w.progress.connect(self._on_progress)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.cancelled.connect(self._on_cancelled)
        w.scored.connect(self.scored)
        w.score_failed.connect(self.score_failed)
        self._next_id = 0
        self._running: Request | None = None  # sent, so it has its id
        self._waiting: list[Request] = []
        self._preview_id = 0
        self._outstanding: set[int] = set()  # sent to the worker, no answer yet
        self.is_ready = False
        self.closed = False
        self.info: dict = {}
        self._thread.start()

    # -- what the window asks ---------------------------------------------------------
    def load(self, path: str | None, device: str = "auto") -> None:
        self.is_ready = False
        self._do_load.emit(str(path or ""), device)

    def submit(self, text: str, src_lang: str, tgt_lang: str, cfg: DecodeConfig) -> None:
        """Translate now, or after the running one (never instead of it). ``cfg`` comes from
        Settings.decode_config(), validated there; any other failure comes back as ``failed``."""
        item = Request(text, src_lang, tgt_lang, cfg)
        if self._running is not None or not self.is_ready:
            self._waiting.append(item)
            self.queued.emit(len(self._waiting))
            return
        self._dispatch(item)

    def preview(self, text: str, src_lang: str, tgt_lang: str) -> bool:
        """A greedy preview, unless a full translation runs (it is never interrupted)."""
        if self._running is not None or not self.is_ready:
            return False
        self._preview_id = self._send(Request(text, src_lang, tgt_lang, DecodeConfig(beam=1, n_best=1), preview=True)).id
        return True

    def score(self, key: int, source: str, translation: str, src_lang: str, tgt_lang: str) -> None:
        """Have the model score a given translation (forced decoding), answered as ``scored``
        or ``score_failed`` with ``key``. Queued behind the worker's current job and a model
        load, never cancelled: it is one forward pass."""
        if not self.closed:
            self._do_score.emit(key, source, translation, src_lang, tgt_lang)

    def cancel(self) -> list[str]:
        """Stop the running translation and drop the queue; their texts are given back
        (also emitted as ``cancelled``)."""
        texts = self.unsent_texts()
        self._next_id += 1
        self._worker.cancel_below = self._next_id
        self._running = None
        self._waiting.clear()
        if texts:
            self.cancelled.emit(texts)
        return texts

    def unsent_texts(self) -> list[str]:
        """What closing now would lose: the running text, then the queued ones."""
        running = [self._running.text] if self._running is not None else []
        return running + [p.text for p in self._waiting]

    @property
    def running(self) -> bool:
        return self._running is not None

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def busy(self) -> bool:
        """The worker still has requests (a cancelled one may still be winding down)."""
        return bool(self._outstanding)

    @property
    def thread(self) -> QThread:
        return self._thread

    def shutdown(self, timeout_ms: int = 20_000) -> bool:
        """Cancel, stop the thread's event loop and join it. Safe to call twice. False if
        the thread is still busy after ``timeout_ms`` (a model load cannot be interrupted;
        a hung GPU driver may never return): the caller then exits without it."""
        self.closed = True
        self._worker.closing = True
        self._worker.cancel_below = 1 << 62
        if self._thread.isRunning():
            self._thread.quit()
            return self._thread.wait(timeout_ms)
        return True

    # -- inside ---------------------------------------------------------------------------
    def _send(self, item: Request) -> Request:
        self._next_id += 1
        sent = replace(item, id=self._next_id)
        self._worker.cancel_below = sent.id  # a preview still running stops at its next step
        self._outstanding.add(sent.id)
        self._do_translate.emit(sent)
        return sent

    def _dispatch(self, item: Request) -> None:
        self._running = self._send(item)
        self.started.emit(item.text)

    def _next(self) -> None:
        if self._waiting and self._running is None and self.is_ready and not self.closed:
            self._dispatch(self._waiting.pop(0))

    def _current(self, rid: int) -> Request | None:
        if self._running is not None and self._running.id == rid:
            return self._running
        return None

    def _on_loaded(self, info: dict) -> None:
        self.is_ready = True
        self.info = info
        self.ready.emit(info)
        self._next()  # text queued while loading (or before a reload) goes now

    def _on_load_failed(self, exc) -> None:
        self.is_ready = False
        self.load_failed.emit(exc)
        if self._waiting:  # nothing can translate them now: back to the input
            texts = [p.text for p in self._waiting]
            self._waiting.clear()
            self.cancelled.emit(texts)

    def _on_progress(self, rid: int, done: int, total: int) -> None:
        if self._current(rid) is not None:
            self.progress.emit(done, total)

    def _on_finished(self, rid: int, result) -> None:
        self._outstanding.discard(rid)
        item = self._current(rid)
        if item is not None:
            self._running = None
            self.finished.emit(result, item)
            self._next()
        elif rid == self._preview_id and self._running is None:
            self.previewed.emit(result)

    def _on_failed(self, rid: int, exc) -> None:
        self._outstanding.discard(rid)
        item = self._current(rid)
        if item is not None:
            self._running = None
            self.failed.emit(exc, item.text)
            self._next()
        elif rid == self._preview_id:
            self.preview_failed.emit(exc)

    def _on_cancelled(self, rid: int) -> None:
        self._outstanding.discard(rid)
