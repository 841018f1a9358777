"""The input pane: Enter sends, Shift+Enter breaks the line, .txt files can be dropped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

MAX_DROP_BYTES = 2_000_000


class InputEdit(QPlainTextEdit):
    send_requested = Signal()
    file_dropped = Signal(str)  # path
    drop_failed = Signal(str)  # message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setTabChangesFocus(True)  # Tab moves on, so every control stays reachable

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.send_requested.emit()
            return
        super().keyPressEvent(event)

    def txt_path(self, mime) -> str | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".txt"):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:
        if self.txt_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self.txt_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        path = self.txt_path(event.mimeData())
        if not path:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.load_file(path)

    def load_file(self, path: str) -> bool:
        try:
            data = Path(path).read_bytes()[:MAX_DROP_BYTES]
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:  # older German files are often Windows-1252
                text = data.decode("cp1252", errors="replace")
        except OSError as exc:
            self.drop_failed.emit(f"{path}: {exc.strerror or exc}")
            return False
        self.setPlainText(text)
        self.file_dropped.emit(path)
        return True


class InputPane(QWidget):
    send_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inputPane")
        self.edit = InputEdit()
        self.edit.setObjectName("input")
        self.edit.setAccessibleName(self.tr("Text to translate"))
        self.edit.setPlaceholderText(self.tr("Type or paste text, or drop a .txt file here…"))
        self.edit.setMinimumHeight(60)
        self.edit.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("Translate"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Translate"))
        self.send_button.setDefault(False)
        self.send_button.setEnabled(False)
        self.hint = QLabel(self.tr("Enter to translate · Shift+Enter for a new line"))
        self.hint.setObjectName("hint")
        self.counter = QLabel()
        self.counter.setObjectName("hint")
        self.counter.setAccessibleName(self.tr("Character count"))
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        foot = QHBoxLayout()
        foot.addWidget(self.hint)
        foot.addStretch(1)
        foot.addWidget(self.counter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 4, 10, 6)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addLayout(foot)
        self.edit.textChanged.connect(self._count)
        self.edit.send_requested.connect(self.send_requested)
        self.send_button.clicked.connect(self.send_requested)
        self._count()

    def _count(self) -> None:
        n = len(self.edit.toPlainText())
        self.counter.setText(self.tr("%n character(s)", "", n))

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)
