"""Error text: plain messages as rich text that wraps at sensible points (paths on their
own line, options never split), and a label whose copies are the plain text again."""

from __future__ import annotations

import html
import re
import traceback

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

# An absolute path (POSIX, ~/..., or C:\...) without spaces; "and/or" and "1/2" are not paths.
_PATH = re.compile(r"""(?<![\w.~/\\])(?:[A-Za-z]:[\\/]|~?/)[^\s"'“”()<>]*[^\s"'“”()<>.,;:!?]""")
# A command-line option with its placeholder argument: "--model PATH" stays on one line.
_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*(?: [A-Z][A-Z_]*\b)?")


_JOIN = "\u2060"  # WORD JOINER: no line break here (Qt breaks after hyphens otherwise)
_COPY_CLEAN = str.maketrans({_JOIN: None, "\u00a0": " ", "\u2028": "\n", "\u2029": "\n"})


def _unbroken(text: str) -> str:
    """Escaped text that wraps only at "/" or "\\" (paths) or not at all (options)."""
    return html.escape(text).replace("-", "-" + _JOIN).replace(" ", "\u00a0")


def error_html(text: str, paths=()) -> str:
    """Plain error text as rich text that wraps at sensible points: every file path gets a
    line of its own (so the sentence around it does not break into fragments such as
    "does / not exist"), and an option like "--model PATH" is never split. ``paths`` are
    paths known to the caller; they are recognised even when they contain spaces."""
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s0 or a >= s1 for s0, s1, _ in spans)

    for known in sorted({str(p) for p in paths if str(p)}, key=len, reverse=True):
        for m in re.finditer(re.escape(known) + r"[^\s\"'“”()<>]*", text):
            end = m.end()
            while end > m.start() + len(known) and text[end - 1] in ".,;:!?":
                end -= 1
            if free(m.start(), end):
                spans.append((m.start(), end, "path"))
    for kind, rx in (("path", _PATH), ("option", _OPTION)):
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), kind))
    out, pos = [], 0
    for a, b, kind in sorted(spans):
        before = text[pos:a]
        if kind == "path":
            before = before.rstrip(" ")
            out.append(html.escape(before).replace("\n", "<br>"))
            if before and not before.endswith("\n"):
                out.append("<br>")
            out.append(f'<span style="font-family: monospace;">{_unbroken(text[a:b])}</span>')
            while b < len(text) and text[b] in ".,;:!?":  # punctuation stays with the path
                out.append(html.escape(text[b]))
                b += 1
            rest = text[b:]
            pos = b + (len(rest) - len(rest.lstrip(" ")))
            if pos < len(text) and text[pos] != "\n":
                out.append("<br>")
        else:
            out.append(html.escape(before).replace("\n", "<br>"))
            out.append(_unbroken(text[a:b]))
            pos = b
    out.append(html.escape(text[pos:]).replace("\n", "<br>"))
    return "".join(out)


class ErrorText(QLabel):
    """Selectable rich text whose copies are the plain text: without the invisible
    line-break controls of :func:`error_html`, so a copied path works in a shell."""

    def __init__(self, text: str, paths=(), parent=None):
        super().__init__(error_html(text, paths), parent)
        self.plain = text
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def copy_selection(self, mode=QClipboard.Mode.Clipboard) -> None:
        text = self.selectedText().translate(_COPY_CLEAN)
        if text:
            QGuiApplication.clipboard().setText(text, mode)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if QGuiApplication.clipboard().supportsSelection() and self.hasSelectedText():
            self.copy_selection(QClipboard.Mode.Selection)  # X11 middle-click paste

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction(self.tr("Copy all of it"), lambda: QGuiApplication.clipboard().setText(self.plain))
        menu.exec(event.globalPos())


def describe_error(exc: BaseException) -> str:
    """An exception from the worker as the error bubble's message: expected errors by their
    own text; anything else with its type and last frame, for a bug report (never a full
    traceback in the window)."""
    name = exc.__class__.__name__
    message = str(exc) or name
    if isinstance(exc, (ValueError, FileNotFoundError)) or name in ("CheckpointError", "DeviceError",
                                                                    "DictionaryError"):
        return message
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({frame[0].name}, line {frame[0].lineno})" if frame else ""
    return f"{name}: {message}{where}"
