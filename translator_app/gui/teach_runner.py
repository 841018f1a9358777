"""`translator-app teach` in a background process (QProcess), so the window never waits on
training: it reads the command's ``progress DONE TOTAL`` lines (``--progress-lines``) and
its ``unlearned JSON`` and ``result CORRECTIONS LEARNED SECONDS`` lines, and reports how it ended. Cancel kills the process; teach writes the personal model only in its
last step, swapped in whole, so a killed run leaves the previous model as it was."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QProcess, Signal

from ..engine.personal import Unlearned


def teach_command() -> list[str]:
    """The program and arguments that run `teach` (the frozen app is its own interpreter)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "teach", "--progress-lines"]
    return [sys.executable, "-m", "translator_app", "teach", "--progress-lines"]


class TeachRunner(QObject):
    progress = Signal(int, int)     # done, total (parts of the whole run)
    result = Signal(int, int, float)  # corrections, learned (come out of the model alone), seconds
    unlearned = Signal(object)      # an engine.personal.Unlearned: a correction the model alone does not give
    succeeded = Signal(str)         # the command's last line ("taught 40 corrections ...")
    failed = Signal(str)            # what it said on stderr, or why it did not run
    cancelled = Signal()

    def __init__(self, command: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.command = command or teach_command()
        self.process: QProcess | None = None
        self._out = b""
        self._last = ""
        self._cancelling = False

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self) -> None:
        if self.process is not None:
            return
        self._out, self._last, self._cancelling = b"", "", False
        proc = QProcess(self)
        proc.readyReadStandardOutput.connect(self._read)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self.process = proc
        proc.start(self.command[0], self.command[1:])

    def cancel(self) -> None:
        if self.process is not None:
            self._cancelling = True
            self.process.kill()

    def shutdown(self) -> None:
        """On close: a run in progress is stopped (the previous model stays)."""
        if self.process is not None:
            self._cancelling = True
            self.process.kill()
            self.process.waitForFinished(3000)

    def _read(self) -> None:
        self._take(bytes(self.process.readAllStandardOutput()))

    def _take(self, data: bytes, last: bool = False) -> None:
        """Handle the complete lines of ``data`` (all of it at the end: ``last``)."""
        self._out += data + (b"\n" if last else b"")
        *lines, self._out = self._out.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            parts = line.split()
            if len(parts) == 3 and parts[0] == "progress" and parts[1].isdigit() and parts[2].isdigit():
                self.progress.emit(int(parts[1]), int(parts[2]))
            elif line.startswith("unlearned {"):
                miss = Unlearned.from_json(line[len("unlearned "):])
                if miss is not None:
                    self.unlearned.emit(miss)
            elif len(parts) == 4 and parts[0] == "result" and parts[1].isdigit() and parts[2].isdigit():
                try:
                    self.result.emit(int(parts[1]), int(parts[2]), float(parts[3]))
                except ValueError:
                    pass
            elif line:
                self._last = line

    def _finished(self, code: int, status) -> None:
        proc, self.process = self.process, None
        if proc is None:
            return
        self._take(bytes(proc.readAllStandardOutput()), last=True)
        err = bytes(proc.readAllStandardError()).decode("utf-8", "replace").strip()
        proc.deleteLater()
        if self._cancelling:
            self.cancelled.emit()
        elif status == QProcess.ExitStatus.NormalExit and code == 0:
            self.succeeded.emit(self._last)
        else:
            self.failed.emit(err.splitlines()[-1] if err else f"the teach process ended with code {code}")

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            proc, self.process = self.process, None
            proc.deleteLater()
            self.failed.emit(f"could not start {self.command[0]}: {proc.errorString()}")
