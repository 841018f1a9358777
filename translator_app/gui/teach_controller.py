"""Teach in the window: the "Teach the model" button (shown once your memory holds corrections
the model has not learned), the progress bar and Cancel while the background process runs
(teach_runner.py), the reload when it is done, and "Reset to the bundled model".

Before and after: exchanges translated before the teach keep the heatmap they had; sending
the corrected sentence again shows the taught model's heatmap in a new exchange beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QProgressBar, QPushButton

from ..engine import personal
from ..engine.personal import elide
from ..tm.store import MemoryStore, MemoryStoreError
from .teach_runner import TeachRunner

POLL_MS = 5000  # new corrections may come from the window or from `translator-app memory add`
RESULT_MS = 15000  # how long the status bar says what teach did
SHOWN_UNLEARNED = 3  # corrections the warning names; more are counted


class TeachController(QObject):
    """Needs the window's statusBar(), model_path, load_model and _add_error."""

    def __init__(self, window, runner: TeachRunner | None = None, memory: MemoryStore | None = None):
        super().__init__(window)
        self.window = window
        self.memory = memory or MemoryStore()
        self.runner = runner or TeachRunner(parent=self)
        self.runner.setParent(self)
        self.runner.progress.connect(self._progress)
        self.runner.result.connect(self._result)
        self._outcome: tuple[int, int, float] | None = None  # corrections, learned, seconds
        self._unlearned: list = []  # personal.Unlearned of this run, in the memory's order
        self.runner.unlearned.connect(self._unlearned_seen)
        self._pending = ""  # the result, shown again once the taught model is loaded
        window.service.ready.connect(self._model_ready)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        bar = window.statusBar()
        self.button = QPushButton()
        self.button.setObjectName("teachButton")
        self.button.setToolTip(self.tr("Teach a personal copy of the model your corrections; "
                                       "you can go on translating meanwhile"))
        self.button.clicked.connect(self.start)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Teaching progress"))
        self.bar.setFormat(self.tr("Teaching… %p%"))
        self.bar.setMaximumWidth(180)
        # squeezed at 700 px beside "Last: 184 ms", "Teaching… 28%" wrapped into two cut lines
        full = self.bar.format().replace("%p", "100")
        self.bar.setMinimumWidth(min(180, self.bar.fontMetrics().horizontalAdvance(full) + 24))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop teaching; the model in use stays as it is"))
        self.cancel_button.clicked.connect(self.runner.cancel)
        for w in (self.button, self.bar, self.cancel_button):
            w.hide()
            bar.addPermanentWidget(w)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self.refresh)

    def new_corrections(self) -> int:
        """Memory rows added since the model in use was taught (all of them, if never)."""
        info = personal.read_info()
        learned = info.last_memory_id if info is not None else 0
        try:
            if self.memory.last_id() <= learned:  # one indexed query: the usual answer, every poll
                return 0
            return sum(1 for e in self.memory.entries() if e.id > learned)
        except MemoryStoreError:
            return 0

    def refresh(self) -> None:
        if self.runner.running:
            return
        n = self.new_corrections()
        self.button.setText(self.tr("Teach the model ({0} new)").format(n))
        self.button.setVisible(n > 0)

    def start(self) -> None:
        if self.runner.running:
            return
        try:
            empty = self.memory.count() == 0
        except MemoryStoreError as exc:
            self.window._add_error(self.tr("Could not teach the model"), str(exc))
            return
        if empty:
            self.window._add_error(self.tr("Nothing to teach"), self.tr(
                "Your translation memory is empty. Correct a translation first (Edit on its bubble); "
                "the model then learns your corrections."))
            return
        self._hide(self.button)
        self._outcome, self._pending, self._unlearned = None, "", []
        # "Teaching… 0%" at once (a busy bar has no text); no status message beside it, which
        # the permanent widgets cut to "Teaching the model y" at 700 px
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.show()
        self.window.statusBar().clearMessage()
        self.runner.start()

    def reset(self) -> None:
        if self.runner.running:
            self.runner.cancel()
        try:
            removed = personal.reset()
        except OSError as exc:
            self.window._add_error(self.tr("Could not reset the model"), str(exc))
            return
        message = self.tr("Back to the bundled model") if removed else self.tr("The bundled model is in use already")
        if removed and self._reload():  # said again once the bundled model is ready, after its "Ready"
            self._pending = message
        self.window.statusBar().showMessage(message, RESULT_MS)
        self.refresh()

    def shutdown(self) -> None:
        self.timer.stop()
        self.runner.shutdown()
        self.memory.close()

    def _progress(self, step: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(step)

    def _done(self) -> None:
        self._hide(self.bar, self.cancel_button)

    def _hide(self, *widgets) -> None:
        """Hide ``widgets``; focus on one of them goes to the input, not to the next widget in
        the chain (the first exchange, which then is selected and scrolled to)."""
        if any(w.hasFocus() for w in widgets):
            self.window.input.edit.setFocus()
        for w in widgets:
            w.hide()

    def _result(self, corrections: int, learned: int, seconds: float) -> None:
        self._outcome = (corrections, learned, seconds)

    def _succeeded(self, line: str) -> None:
        self._done()
        if self._outcome is None:  # a teach that did not say its result line
            message = self.tr("The model has learned your corrections")
        else:
            corrections, learned, seconds = self._outcome
            message = self.tr("Taught the model %n correction(s) in {0} s", "", corrections).format(
                round(seconds))
            if learned < corrections:
                self.window._add_error(self.tr("Not every correction was learned"),
                                       *self._unlearned_text(corrections - learned))
        if self._reload():  # its "Loading the model…" and "Ready" come first; the result stays
            self._pending = message
            self.window.statusBar().showMessage(message, RESULT_MS)
        self.refresh()

    def _unlearned_seen(self, miss) -> None:
        self._unlearned.append(miss)

    def _unlearned_text(self, missing: int) -> tuple[str, str]:
        """(message, hint): which corrections were not learned (up to SHOWN_UNLEARNED, long
        text elided) and why, and what the user can do; without the list (an older `teach`),
        the count."""
        if not self._unlearned:
            return self.tr("%n of your corrections still come(s) only from your memory, not from the model "
                           "alone (too long, or too near other sentences to change safely).", "", missing), ""
        why = {"long": self.tr("too long for the model to learn"),
               "near": self.tr("too near other sentences to change safely"),
               "steps": self.tr("not learned within the step limit: try translator-app teach --steps")}
        lines = [self.tr("Not learned: “{0}” → “{1}” ({2})").format(
            elide(m.source), elide(m.target), why.get(m.reason, m.reason))
            for m in self._unlearned[:SHOWN_UNLEARNED]]
        if missing > SHOWN_UNLEARNED:
            lines.append(self.tr("…and %n more.", "", missing - SHOWN_UNLEARNED))
        hint = self.tr("Your memory still answers these exactly, so nothing is lost.")
        if any(m.reason == "long" for m in self._unlearned):
            hint += " " + self.tr("For the model to learn a long one, translate and correct it a sentence at "
                                  "a time, then teach again.")
        return "\n".join(lines), hint

    def _model_ready(self, _info) -> None:
        QTimer.singleShot(0, self._say_pending)  # after the window's own "Ready" for the same signal

    def _say_pending(self) -> None:
        if self._pending:
            self.window.statusBar().showMessage(self._pending, RESULT_MS)
            self._pending = ""

    def _failed(self, message: str) -> None:
        self._done()
        self.window.statusBar().clearMessage()
        self.window._add_error(self.tr("Could not teach the model"), message)
        self.refresh()

    def _cancelled(self) -> None:
        self._done()
        self.window.statusBar().showMessage(self.tr("Teaching cancelled; the model in use is unchanged"), 5000)
        self.refresh()

    def _reload(self) -> bool:
        """The worker loads the default model again: the personal one now, or the bundled one.
        False when the window runs a model of its own (--model), which it keeps."""
        if self.window.model_path and not _is_default(self.window.model_path):
            self.window.statusBar().showMessage(self.tr(
                "Taught: the personal model is used when the app runs with its bundled model"), 8000)
            return False
        self.window.load_model(None)
        return True


def _is_default(path) -> bool:
    from pathlib import Path

    from ..paths import default_model_path

    try:
        return Path(path).resolve() in (default_model_path().resolve(), personal.personal_path().resolve())
    except OSError:
        return False
