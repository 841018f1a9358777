"""Parts of the attention panel that fold at narrow widths, so a small heatmap leaves the
chat the room (issue 26: at 800 x 550 the header kept the panel at 412 px and the legend
took five lines): the header row drops its title and shows the export as an icon, and the
confidence legend is one line with a "?" for the rest."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QToolButton, QToolTip, QWidget


class CompactRow(QWidget):
    """A row of controls whose minimum is its compact form: below its full width it hides
    `drop` and shows `icon_button` as an icon only (its text stays its tooltip)."""

    def __init__(self, layout: QHBoxLayout, drop: QWidget, icon_button: QToolButton, parent=None):
        super().__init__(parent)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setLayout(layout)
        self.drop, self.icon_button = drop, icon_button
        self._text = icon_button.text()
        icon_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        icon_button.setToolTip(self._text)
        self.compact = False
        self._widths: tuple[int, int] = (0, 0)  # (compact, full) minimum widths, per style
        self._measure()

    def _set_compact(self, on: bool) -> None:
        self.compact = on
        self.drop.setVisible(not on)
        self.icon_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if on
                                             else Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _measure(self) -> None:
        # toggles the children, so never from inside a layout or style event (that crashed)
        state = self.compact
        found = []
        for on in (True, False):
            self._set_compact(on)
            self.layout().invalidate()
            found.append(self.layout().minimumSize().width())
        self._set_compact(state)
        self._widths = (found[0], found[1])
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._widths[0], super().minimumSizeHint().height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.StyleChange, event.Type.FontChange, event.Type.LanguageChange):
            QTimer.singleShot(0, self, self._measure)  # until then the old widths stand

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        on = self.width() < self._widths[1]
        if on != self.compact:
            self._set_compact(on)


class LegendLine(QWidget):
    """The confidence legend in one line; "?" (hover or click) shows all of it."""

    def __init__(self, short: str, full: str, parent=None):
        super().__init__(parent)
        self.short = short
        self.label = QLabel(short)
        self.label.setObjectName("hint")
        self.label.setMinimumWidth(1)  # a narrow panel shortens the line rather than growing
        self.label.setToolTip(full)
        self.more = QToolButton()
        self.more.setText("?")
        self.more.setToolTip(full)
        self.more.setAccessibleName(full)
        self.more.setAutoRaise(True)
        self.more.clicked.connect(lambda: QToolTip.showText(
            self.more.mapToGlobal(self.more.rect().bottomLeft()), full, self.more))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.more)
        row.addStretch(1)  # the "?" stays by the text it explains

    def resizeEvent(self, event) -> None:
        """Too narrow for the whole line: end it with "…" (it was cut through a glyph, "●○C",
        at 700 px before the first translation); the "?" still gives all of it."""
        super().resizeEvent(event)
        room = self.width() - self.more.sizeHint().width() - self.layout().spacing()
        self.label.setText(self.label.fontMetrics().elidedText(self.short, Qt.TextElideMode.ElideRight, max(room, 1)))
