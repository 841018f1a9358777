"""Small parts of a translation bubble: an n-best row, the confidence indicator and a row of
controls that wraps when the bubble is narrow.

The two widgets that wrap place their children themselves (no nested QLayout): Qt's box
layouts inside a scroll area do not pass height-for-width down, which left wrapped rows
cut in half and button rows sticking out of their bubble.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

ALT_SPACING = 10
ALT_MAX_WIDTH = 560
TOOLTIP_WIDTH = 440  # px: the confidence legend in one line per paragraph was 1,085 px wide


def _height_for_width_policy(widget: QWidget) -> None:
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    widget.setSizePolicy(policy)


class AltItem(QFrame):
    """One n-best alternative: the translation (wrapping in its own column) and its score
    in a fixed column on the right, so every row lays out the same way whether or not it
    is the selected (bold) one. Clickable and keyboard-activatable (Enter/Space), styled
    by its "checked" property. Its padding and border come from the style sheet, as
    contents margins."""

    clicked = Signal()

    def __init__(self, text: str, score: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("altItem")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        _height_for_width_policy(self)
        self._checked = False
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # model output is text, never markup
        self.label.setObjectName("altText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.score_label = QLabel(score, self)
        self.score_label.setObjectName("meta")  # muted and small, like the bubbles' meta line
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for child in (self.label, self.score_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._score_w = self.score_width()

    def text(self) -> str:
        return self.label.text()

    def score_width(self) -> int:
        """The score's width in bold, so selecting a row never changes its layout."""
        font = QFont(self.score_label.font())
        font.setBold(True)
        return QFontMetrics(font).horizontalAdvance(self.score_label.text()) + 2

    def set_score_width(self, width: int) -> None:
        """One width for every row of a list keeps the scores in one column."""
        self._score_w = width
        self.updateGeometry()
        self._place()

    def _text_width(self, width: int) -> int:
        m = self.contentsMargins()
        return max(width - m.left() - m.right() - ALT_SPACING - self._score_w, 20)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        m = self.contentsMargins()
        h = max(self.label.heightForWidth(self._text_width(width)), self.score_label.sizeHint().height())
        return h + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        # one line if the pane allows (the bubble widens first), wrapping beyond that
        m = self.contentsMargins()
        font = QFont(self.label.font())
        font.setBold(True)
        text_w = QFontMetrics(font).horizontalAdvance(self.text()) + 4  # text(): without markup
        width = min(text_w + ALT_SPACING + self._score_w + m.left() + m.right(), ALT_MAX_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        m = self.contentsMargins()
        width = 80 + ALT_SPACING + self._score_w + m.left() + m.right()
        return QSize(width, self.heightForWidth(width))

    def _place(self) -> None:
        r = self.contentsRect()
        text_w = self._text_width(self.width())
        self.label.setGeometry(r.left(), r.top(), text_w, self.label.heightForWidth(text_w))
        self.score_label.setGeometry(r.right() + 1 - self._score_w, r.top(), self._score_w,
                                     self.score_label.sizeHint().height())
        h = self.heightForWidth(self.width())
        if h != self.minimumHeight():  # a parent layout that ignores height-for-width still obeys this
            self.setMinimumHeight(h)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def setChecked(self, on: bool) -> None:
        self._checked = on
        self.setProperty("checked", on)
        self.style().unpolish(self)
        self.style().polish(self)  # the border width, so the margins, change with it
        for child in (self.label, self.score_label):  # style sheet fonts do not reach children
            font = QFont()  # only the weight is set; size and family still follow the parent
            font.setBold(on)
            child.setFont(font)
        self.updateGeometry()
        self._place()
        self.update()

    def isChecked(self) -> bool:
        return self._checked

    def click(self) -> None:
        self.clicked.emit()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class FlowRow(QWidget):
    """A leading widget on the left and trailing ones on the right, on one line when they
    fit; otherwise the leading one gets a line of its own and the rest wrap below it."""

    SPACING = 6

    def __init__(self, leading: QWidget, trailing: list[QWidget], parent=None):
        super().__init__(parent)
        self.leading, self.trailing = leading, list(trailing)
        for w in (leading, *self.trailing):
            w.setParent(self)
        _height_for_width_policy(self)

    def _items(self) -> list[QWidget]:
        return [w for w in (self.leading, *self.trailing) if not w.isHidden()]

    def _one_line_width(self) -> int:
        items = self._items()
        return sum(w.sizeHint().width() for w in items) + self.SPACING * max(len(items) - 1, 0) + 12

    def _rects(self, width: int) -> dict[QWidget, QRect]:
        out: dict[QWidget, QRect] = {}
        lead = self.leading if not self.leading.isHidden() else None
        rest = [w for w in self.trailing if not w.isHidden()]
        if width >= self._one_line_width():
            line_h = max((w.sizeHint().height() for w in self._items()), default=0)
            if lead is not None:
                hint = lead.sizeHint()
                out[lead] = QRect(0, (line_h - hint.height()) // 2, hint.width(), hint.height())
            x = width
            for w in reversed(rest):
                hint = w.sizeHint()
                x -= hint.width()
                out[w] = QRect(x, (line_h - hint.height()) // 2, hint.width(), hint.height())
                x -= self.SPACING
            return out
        y = 0
        if lead is not None:
            hint = lead.sizeHint()
            out[lead] = QRect(0, 0, min(hint.width(), width), hint.height())
            y = hint.height() + self.SPACING
        x, line_h = 0, 0
        for w in rest:
            hint = w.sizeHint()
            if x > 0 and x + hint.width() > width:
                x, y = 0, y + line_h + self.SPACING
                line_h = 0
            out[w] = QRect(x, y, min(hint.width(), width), hint.height())
            x += hint.width() + self.SPACING
            line_h = max(line_h, hint.height())
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max((r.bottom() + 1 for r in self._rects(width).values()), default=0)

    def sizeHint(self) -> QSize:
        width = self._one_line_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = max((w.sizeHint().width() for w in self._items()), default=0)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        for w, r in self._rects(self.width()).items():
            w.setGeometry(r)
        h = self.heightForWidth(self.width())
        if h != self.minimumHeight():
            self.setMinimumHeight(h)


class ConfidenceIndicator(QLabel):
    """Three dots (●●● / ●●○ / ●○○) plus a word, so it never relies on colour alone; an
    answer that is not the model's (``value`` None: a dictionary answer) says it has none."""

    def __init__(self, value: float | None, level: str | None, parent=None):  # level: ExchangeView.confidence_level
        super().__init__(parent)
        self.setObjectName("confidence")
        self.set_value(value, level)

    def set_value(self, value: float | None, level: str | None) -> None:
        """Show another answer's confidence (your correction replaced the model's: None)."""
        self.value = value
        self.level = level or "dictionary"
        self.setProperty("level", self.level)
        self.style().unpolish(self)
        self.style().polish(self)  # the colour follows the level
        if value is None:
            self.setText(self.tr("no model confidence"))
            self.setToolTip(tooltip_lines(self.tr(
                "This answer is not the model's own (it comes from the dictionary, the example sentences, "
                "a memory, or you), so the model's confidence does not apply to it.")))
            self.setAccessibleName(self.text())
            return
        dots = {"high": "●●●", "medium": "●●○", "low": "●○○"}[self.level]
        words = {"high": self.tr("high confidence"), "medium": self.tr("medium confidence"),
                 "low": self.tr("low confidence")}
        self.setText(f"{dots} {words[self.level]} ({value:.0%})")
        from ..engine.confidence import HIGH

        capped = self.level == "medium" and value >= HIGH  # confidence.level: words were lost
        self.setToolTip(tooltip_lines((self.tr("Medium, not high: a word of the input was not translated "
                                               "(dashed red line).") + "\n\n" if capped else "") + confidence_legend()))
        self.setAccessibleName(words[self.level])


def tooltip_lines(text: str, width: int = TOOLTIP_WIDTH) -> str:
    """``text`` (plain, paragraphs on lines of their own) broken into lines of at most ``width``
    pixels in the tooltip's font, at spaces: a plain tooltip never wraps by itself. A lone
    sign stays with its neighbour ("·" with the word before, "●●○" with the word after), a
    number with the word before ("under 26%")."""
    from PySide6.QtWidgets import QToolTip

    fm = QFontMetrics(QToolTip.font())
    out = []
    for paragraph in text.split("\n"):
        units: list[str] = []
        glue = False  # the last unit ends with a sign that belongs to the next word
        for word in paragraph.split(" "):
            sign = bool(word) and not any(ch.isalnum() for ch in word)
            if units and (glue or (sign and len(word) == 1) or word[:1].isdigit()):
                units[-1] += " " + word
            else:
                units.append(word)
            glue = sign and len(word) > 1
        line = ""
        for unit in units:
            longer = f"{line} {unit}" if line else unit
            if line and fm.horizontalAdvance(longer) > width:
                out.append(line)
                line = unit
            else:
                line = longer
        out.append(line)
    return "\n".join(out)


def confidence_legend() -> str:
    """The legend, with the levels of engine/confidence.py."""
    from PySide6.QtCore import QCoreApplication

    from ..engine.confidence import HIGH, MEDIUM

    return QCoreApplication.translate(
        "Confidence",
        "Confidence: the geometric mean of the probabilities the model gave each output token, "
        "times how well its best translations agree with each other (chrF).\n"
        "●●● high: {0}% or more · ●●○ medium: {1}–{0}% · ●○○ low: under {1}%. "
        "A translation with a word not translated is medium at most. "
        "A dictionary answer has no model confidence.\n"
        "Words the model was less than 30% sure of are underlined with dots.\n"
        "Input words with a dashed red line were not translated, or were said twice.").format(
            round(HIGH * 100), round(MEDIUM * 100))


def confidence_legend_short() -> str:
    """The legend in one line (the panel's; "?" beside it gives confidence_legend)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Confidence", "Confidence: ●●● high · ●●○ medium · ●○○ low")
