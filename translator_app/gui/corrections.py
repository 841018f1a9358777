"""Your translations in the window: a correction (Edit) or a similar sentence's translation
replaces an exchange's answer (bubble_edit.py collects it, ExchangeModel.replace_translation
applies it). This side keeps the history row in step, adds a correction to your memory
(tm/store.py) and has the model score the new text for the heatmap (TranslationQueue.score,
forced decoding, as dictionary answers get).

The memory row is written here, on the GUI thread: one SQLite insert in WAL mode, measured
at well under a frame (README, "Your translations"); the worker's own connection sees it
at its next lookup."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject

from ..tm.store import MemoryStore, MemoryStoreError


class CorrectionController(QObject):
    """Needs the window's service (TranslationQueue), store (HistoryStore), conversation,
    _add_error and _exchange_selected. ``memory``: the store corrections go to (default:
    the user's, opened on the first correction)."""

    def __init__(self, window, memory: MemoryStore | None = None):
        super().__init__(window)
        self.window = window
        self._memory = memory
        self._pending: dict[int, object] = {}  # score key -> the ExchangeWidget it is for
        self._next_key = 0
        window.service.scored.connect(self._scored)
        window.service.score_failed.connect(self._score_failed)

    @property
    def memory(self) -> MemoryStore:
        if self._memory is None:
            self._memory = MemoryStore()
        return self._memory

    def exchange_added(self, ex) -> None:
        """Call for every new exchange widget."""
        ex.corrected.connect(self._corrected)
        ex.similar_used.connect(lambda widget, _sim: self._replaced(widget))
        if ex.model.wants_score:  # restored from a window closed before its score came back
            ex.model.scoring = True
            self._score(ex)

    def shutdown(self) -> None:
        if self._memory is not None:
            self._memory.close()

    def _corrected(self, ex, text: str) -> None:
        m = ex.model
        try:
            self.memory.add(m.source, text, m.src_lang, m.tgt_lang)
        except (MemoryStoreError, ValueError) as exc:  # the history and the bubble keep it anyway
            self.window._add_error(self.tr("Not added to your memory"), str(exc))
        self._replaced(ex)

    def _replaced(self, ex) -> None:
        self._save(ex)
        self._score(ex)

    def _save(self, ex) -> None:
        if ex.history_id is None:
            return
        m = ex.model
        try:
            self.window.store.set_correction(ex.history_id, m.shown, m.model_translation, m.to_history())
        except sqlite3.Error as exc:  # a full disk: the bubble keeps what the user did
            self.window._add_error(self.tr("History not saved"), str(exc))

    def _score(self, ex) -> None:
        self._next_key += 1
        self._pending[self._next_key] = ex
        m = ex.model
        self.window.service.score(self._next_key, m.source, m.translation, m.src_lang, m.tgt_lang)

    def _live(self, key: int):
        """The exchange a score was for; None once it was cleared from the view."""
        import shiboken6

        ex = self._pending.pop(key, None)
        return ex if ex is not None and shiboken6.isValid(ex) else None

    def _scored(self, key: int, segment) -> None:
        ex = self._live(key)
        if ex is None or not ex.model.apply_score(segment):
            return  # replaced again meanwhile: its own score is on the way
        ex.refresh()
        self._save(ex)
        self._show_if_current(ex)

    def _score_failed(self, key: int, _exc) -> None:
        """No model (it failed to load) or a text it cannot read: no heatmap, and the panel
        stops saying one is coming."""
        ex = self._live(key)
        if ex is not None and ex not in self._pending.values():  # no newer score on its way
            ex.model.scoring = False
            self._show_if_current(ex)

    def _show_if_current(self, ex) -> None:
        if self.window.conversation.current is ex:
            self.window._exchange_selected(ex)  # the panel shows the new matrix
