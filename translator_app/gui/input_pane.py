"""The input pane: Enter sends, Shift+Enter breaks the line, .txt files can be dropped."""

from __future__ import annotations

import codecs

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..fsutil import looks_binary

MAX_DROP_BYTES = 2_000_000


class NotText(ValueError):
    pass


def read_text_file(path: str, limit: int = MAX_DROP_BYTES) -> tuple[str, bool]:
    """(text, cut): at most ``limit`` bytes of a text file, decoded. UTF-8 (with or without
    a BOM) and UTF-16 with a BOM are read as such, anything else as Windows-1252. Raises
    OSError, or NotText for a file with NUL bytes (an image or a PDF with a .txt name)."""
    with open(path, "rb") as fh:  # never more than the limit in memory, whatever the size
        data = fh.read(limit + 1)
    cut = len(data) > limit
    data = data[:limit]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, cut), cut
    if looks_binary(data):
        raise NotText("this is not a text file (it holds NUL bytes)")
    try:
        return _decode(data, "utf-8-sig", cut), cut
    except UnicodeDecodeError:  # older German files are often Windows-1252
        return data.decode("cp1252", errors="replace"), cut


def _decode(data: bytes, codec: str, cut: bool) -> str:
    """A character split by the cut is dropped, not turned into an error."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict" if codec.startswith("utf-8") else "replace")
    return decoder.decode(data, final=not cut)


class InputEdit(QPlainTextEdit):
    send_requested = Signal()
    file_dropped = Signal(str)  # path
    drop_failed = Signal(str)  # message
    file_cut = Signal(str, int)  # path, bytes kept

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
            text, cut = read_text_file(path)
        except OSError as exc:
            self.drop_failed.emit(f"{path}: {exc.strerror or exc}")
            return False
        except (NotText, MemoryError) as exc:
            self.drop_failed.emit(f"{path}: {exc or 'too large to read'}")
            return False
        self.replace_text(text)
        if cut:
            self.file_cut.emit(path, MAX_DROP_BYTES)
        self.file_dropped.emit(path)
        return True

    def replace_text(self, text: str) -> None:
        """Replace everything as one edit, so Ctrl+Z brings back what was there
        (setPlainText would clear the undo history)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.setTextCursor(cursor)


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
        self.hint.setWordWrap(True)  # wraps when narrow instead of running into the count
        self.counter = QLabel()
        self.counter.setObjectName("hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.counter.setAccessibleName(self.tr("Character count"))
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        foot = QHBoxLayout()
        foot.setSpacing(16)
        foot.addWidget(self.hint, 1)
        foot.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignTop)
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

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)
        self.edit.viewport().update()  # else the old one stays on screen until the next click

    def set_text(self, text: str) -> None:
        self.edit.replace_text(text)
