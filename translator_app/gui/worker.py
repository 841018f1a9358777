"""The model runs in a worker QObject on its own QThread; the GUI talks to it only
through queued signals, so the window never freezes.

Each request carries an id. A newer full request cancels everything older: the worker's
``should_stop`` (polled by the engine at every decoding step) sees that its id is below
``cancel_below`` and the engine raises Cancelled. Results that still arrive late are
dropped by the service, which only forwards the newest id.
"""

from __future__ import annotations

import threading
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot


@dataclass
class Request:
    id: int
    text: str
    src_lang: str
    tgt_lang: str
    beam: int
    n_best: int
    preview: bool = False


class TranslationWorker(QObject):
    """Lives in the worker thread and owns the Translator (and so torch)."""

    loaded = Signal(dict)
    load_failed = Signal(str)
    progress = Signal(int, int, int)  # request id, sentences done, sentences total
    finished = Signal(int, object, bool)  # request id, Translation, preview
    failed = Signal(int, str)
    cancelled = Signal(int)

    def __init__(self):
        super().__init__()
        self.translator = None
        # Written from the GUI thread, read here; plain attributes are atomic under the GIL.
        self.cancel_below = 0
        self.closing = False

    @Slot(str, str)
    def load(self, path: str, device: str) -> None:
        try:
            from ..engine.translator import Translator  # lazy: torch loads in this thread

            self.translator = Translator.load(path or None, device=device or "auto")
            t = self.translator
            path = getattr(t.bundle, "path", None)
            self.loaded.emit({"name": t.model_name, "path": str(path) if path else "",
                              "device": t.device, "card": t.card,
                              "warnings": list(t.warnings), "meta": dict(getattr(t.bundle, "meta", {}))})
        except Exception as exc:  # CheckpointError and anything else: shown as an error bubble
            self.translator = None
            self.load_failed.emit(_describe(exc))

    @Slot(object)
    def translate(self, req: Request) -> None:
        if self.closing or req.id < self.cancel_below:
            self.cancelled.emit(req.id)
            return
        if self.translator is None:
            self.failed.emit(req.id, "The model is not loaded.")
            return
        from ..engine.result import Cancelled

        def should_stop() -> bool:
            return self.closing or req.id < self.cancel_below

        try:
            result = self.translator.translate(
                req.text, src_lang=req.src_lang, tgt_lang=req.tgt_lang, beam=req.beam,
                n_best=req.n_best, should_stop=should_stop,
                progress=lambda done, total: self.progress.emit(req.id, done, total))
        except Cancelled:
            self.cancelled.emit(req.id)
            return
        except Exception as exc:
            self.failed.emit(req.id, _describe(exc))
            return
        self.finished.emit(req.id, result, req.preview)


def _describe(exc: Exception) -> str:
    name = exc.__class__.__name__
    message = str(exc) or name
    if name in ("CheckpointError", "ValueError", "DeviceError", "FileNotFoundError"):
        return message
    # Unexpected: keep the last frame for the bug report, never a full traceback in the UI.
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({frame[0].name}, line {frame[0].lineno})" if frame else ""
    return f"{name}: {message}{where}"


GENERIC_DIRS = {"best", "last", "latest", "final", "bundle", "model", "checkpoint", "export"}
MAX_TITLE = 32


def model_display_name(info: dict) -> str:
    """A short, human name for the status bar: the bundle's directory (e.g. "de-en"; with
    its parent for generic names such as "run/best") plus the model card's title when it
    says more than that. The config's "name" field (often just "main") is the fallback."""
    path = Path(info["path"]) if info.get("path") else None
    name = path.name if path is not None and path.name else ""
    if path is not None and name.lower() in GENERIC_DIRS and path.parent.name:
        name = f"{path.parent.name}/{name}"
    name = name or str(info.get("name") or "?")
    title = card_title(info.get("card", ""))
    boring = {name.lower(), str(info.get("name") or "").lower(), "model card", ""}
    if title.lower() in boring:
        return name
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rstrip() + "…"
    return f"{name} · {title}"


def card_title(card: str) -> str:
    """The first Markdown heading of a model card, without the #s."""
    for line in (card or "").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip()
            # "Model card: de-en" names the document, not the model
            return re.sub(r"^model card\s*[:\-–—]\s*", "", title, flags=re.IGNORECASE)
    return ""


class TranslationService(QObject):
    """GUI-thread front of the worker: starts the thread, numbers requests, drops stale results."""

    ready = Signal(dict)
    load_failed = Signal(str)
    progress = Signal(int, int, int)
    result = Signal(int, object, bool)
    error = Signal(int, str)
    busy_changed = Signal(bool)

    _do_load = Signal(str, str)
    _do_translate = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("translator-worker")
        self._worker = TranslationWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._do_load.connect(self._worker.load)
        self._do_translate.connect(self._worker.translate)
        self._worker.loaded.connect(self._on_loaded)
        self._worker.load_failed.connect(self._on_load_failed)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._next_id = 0
        self._latest_full = 0
        self._latest_preview = 0
        self._pending: set[int] = set()
        self.is_ready = False
        self.info: dict = {}
        self._lock = threading.Lock()
        self._thread.start()

    # -- requests -----------------------------------------------------------------------
    def load(self, path: str | None, device: str = "auto") -> None:
        self.is_ready = False
        self._do_load.emit(str(path or ""), device)

    def translate(self, text: str, src_lang: str, tgt_lang: str, beam: int, n_best: int,
                  preview: bool = False) -> int:
        """Queue a request and return its id; 0 if a preview was skipped (a full one runs)."""
        if preview and self._latest_full in self._pending:
            return 0  # never let a preview interrupt the real translation
        with self._lock:
            self._next_id += 1
            rid = self._next_id
        if preview:
            self._latest_preview = rid
        else:
            self._latest_full = rid
        self._worker.cancel_below = rid  # cancels whatever runs now, in the next decoding step
        self._pending.add(rid)
        self.busy_changed.emit(True)
        self._do_translate.emit(Request(rid, text, src_lang, tgt_lang, beam, n_best, preview))
        return rid

    def cancel(self) -> None:
        """Stop the running request (e.g. Esc); its result will not be shown."""
        with self._lock:
            self._next_id += 1
            self._worker.cancel_below = self._next_id

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def is_current(self, rid: int, preview: bool) -> bool:
        latest = self._latest_preview if preview else self._latest_full
        return rid == latest and rid >= self._worker.cancel_below

    def shutdown(self, timeout_ms: int = 20_000) -> bool:
        """Cancel, stop the thread's event loop, and join it. Safe to call twice. False if
        the thread is still busy after ``timeout_ms`` (a model load cannot be interrupted;
        a hung GPU driver may never return): the caller then exits without it."""
        self._worker.closing = True
        self._worker.cancel_below = 1 << 62
        if self._thread.isRunning():
            self._thread.quit()
            return self._thread.wait(timeout_ms)
        return True

    @property
    def thread(self) -> QThread:
        return self._thread

    # -- worker signals (arrive queued in the GUI thread) -------------------------------
    def _done(self, rid: int) -> None:
        self._pending.discard(rid)
        if not self._pending:
            self.busy_changed.emit(False)

    def _on_loaded(self, info: dict) -> None:
        self.is_ready = True
        self.info = info
        self.ready.emit(info)

    def _on_load_failed(self, message: str) -> None:
        self.is_ready = False
        self.load_failed.emit(message)

    def _on_progress(self, rid: int, done: int, total: int) -> None:
        if rid == self._latest_full and rid >= self._worker.cancel_below:
            self.progress.emit(rid, done, total)

    def _on_finished(self, rid: int, result, preview: bool) -> None:
        self._done(rid)
        if self.is_current(rid, preview):
            self.result.emit(rid, result, preview)

    def _on_failed(self, rid: int, message: str) -> None:
        self._done(rid)
        if rid == self._latest_full or rid == self._latest_preview:
            self.error.emit(rid, message)

    def _on_cancelled(self, rid: int) -> None:
        self._done(rid)
