"""A wrapped run of words that knows which word is under the mouse.

Bubbles use it instead of a QLabel so hovering a word can highlight the words it is
aligned with (and be highlighted in return).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .alignment import display_words, visible

PALE, STRONG = (255, 244, 186), (253, 216, 37)


class WordFlow(QWidget):
    word_hovered = Signal(int)  # display word index, -1 when the mouse leaves
    word_clicked = Signal(int)  # display word index

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        sp = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.words: list[str] = []
        self.highlight: dict[int, float] = {}  # word index -> strength in (0, 1]
        self.underline: set[int] = set()  # e.g. low-confidence words
        self.warn: set[int] = set()  # words lost or repeated in the translation (a dashed red line)
        self.word_tips: dict[int, str] = {}  # tooltip per word index
        self.hover = -1
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        self.words = display_words(text)
        self.shown_words = [visible(w) for w in self.words]  # what is drawn and measured
        self._cache_key = None
        self.highlight, self.hover = {}, -1
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def set_highlight(self, strengths: dict[int, float]) -> None:
        if strengths != self.highlight:
            self.highlight = dict(strengths)
            self.update()

    # -- layout -----------------------------------------------------------------------
    def _metrics(self) -> tuple[list[int], int, int]:
        """Word widths, space width and line height; cached until the text or font changes
        (layouts ask heightForWidth many times per resize)."""
        key = self.font().key()
        if self._cache_key != key:
            fm = QFontMetrics(self.font())
            self._advances = [0 if w == "\n" else fm.horizontalAdvance(v) for w, v in zip(self.words, self.shown_words)]
            self._space, self._line_h = fm.horizontalAdvance(" "), fm.height() + 2
            self._layouts = {}
            self._cache_key = key
        return self._advances, self._space, self._line_h

    def _rects(self, width: int) -> list[QRect | None]:
        width = max(width, 40)
        advances, space, line_h = self._metrics()
        cached = self._layouts.get(width)
        if cached is not None:
            return cached
        x = y = 0
        out: list[QRect | None] = []
        for word, w in zip(self.words, advances):
            if word == "\n":
                out.append(None)
                x, y = 0, y + line_h
                continue
            if x > 0 and x + w > width:
                x, y = 0, y + line_h
            out.append(QRect(x, y, min(w, width), line_h))
            x += w + space
        if len(self._layouts) > 8:
            self._layouts.clear()
        self._layouts[width] = out
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rects = [r for r in self._rects(width) if r is not None]
        return max((r.bottom() + 1 for r in rects), default=self._metrics()[2])

    def sizeHint(self) -> QSize:
        advances, space, _ = self._metrics()
        words = [a for w, a in zip(self.words, advances) if w != "\n"]
        natural = sum(words) + space * max(len(words) - 1, 0) + 4
        width = min(natural, 520)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, QFontMetrics(self.font()).height() + 2)

    def resizeEvent(self, event) -> None:
        # Nested layouts in a scroll area ignore heightForWidth; pin the height ourselves.
        h = self.heightForWidth(self.width())
        if h != self.minimumHeight():
            self.setMinimumHeight(h)
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._cache_key = None
            self.updateGeometry()
        super().changeEvent(event)

    def word_at(self, pos: QPoint) -> int:
        for i, r in enumerate(self._rects(self.width())):
            if r is not None and r.contains(pos):
                return i
        return -1

    # -- events -----------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        i = self.word_at(event.position().toPoint())
        if i != self.hover:
            self.hover = i
            self.update()
            self.word_hovered.emit(i)

    def mouseReleaseEvent(self, event) -> None:
        i = self.word_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and i >= 0:
            self.word_clicked.emit(i)
        super().mouseReleaseEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.word_tips.get(self.word_at(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def leaveEvent(self, event) -> None:
        if self.hover != -1:
            self.hover = -1
            self.update()
            self.word_hovered.emit(-1)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        fm = QFontMetrics(self.font())
        fg = self.palette().windowText().color()
        for i, r in enumerate(self._rects(self.width())):
            if r is None:
                continue
            strength = self.highlight.get(i, 0.0)
            if strength > 0:  # opaque pale-to-strong yellow: black text reads on it in any theme
                f = min(strength, 1.0)
                c = QColor(*(round(a + (b - a) * f) for a, b in zip(PALE, STRONG)))
                p.fillRect(r.adjusted(-2, 0, 2, 0), c)
            if i == self.hover:
                p.setPen(QPen(fg, 1))
                p.drawLine(r.left(), r.bottom(), r.right(), r.bottom())
            p.setPen(fg if strength <= 0 else QColor(0, 0, 0))
            # drawn at a point, unclipped: pixmap and screen metrics may differ by a pixel
            p.drawText(QPoint(r.left(), r.top() + 1 + fm.ascent()), self.shown_words[i])
            if i in self.underline:
                p.setPen(QPen(QColor(213, 94, 0), 1, Qt.PenStyle.DotLine))
                p.drawLine(r.left(), r.bottom() - 1, r.right(), r.bottom() - 1)
            if i in self.warn:  # red, dashed and 2 px: told apart from the dotted line without colour
                p.setPen(QPen(QColor(200, 30, 30), 2, Qt.PenStyle.DashLine))
                p.drawLine(r.left(), r.bottom() - 1, r.right(), r.bottom() - 1)
        p.end()
