"""The heatmap's colour scale: drawn into exports by the heatmap, and on screen as its own
widget beside the scroll area, so it stays in view while the grid scrolls."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QLinearGradient, QPainter
from PySide6.QtWidgets import QWidget

from .colormap import viridis

PAD = 8
BAR_W = 14


def paint_colour_bar(p: QPainter, bar: QRect, fm: QFontMetrics, fg: QColor, vmax: float) -> None:
    grad = QLinearGradient(0, bar.bottom(), 0, bar.top())
    for i in range(11):
        grad.setColorAt(i / 10, QColor(*viridis(i / 10)))
    p.fillRect(bar, grad)
    p.setPen(fg)
    p.drawRect(bar.adjusted(0, 0, -1, -1))
    for frac in (0.0, 0.5, 1.0):
        y = round(bar.bottom() - frac * bar.height())
        p.drawLine(bar.right(), y, bar.right() + 3, y)
        p.drawText(QRect(bar.right() + 5, y - fm.height() // 2, 60, fm.height()),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), f"{frac * vmax:.2g}")


class ColourBar(QWidget):
    """The heatmap's legend, kept in view while the heatmap scrolls."""

    def __init__(self, heatmap, parent=None):  # a HeatmapWidget
        super().__init__(parent)
        self.heatmap = heatmap
        heatmap.colour_bar = self
        self.setAccessibleName(self.tr("Colour scale: attention weight"))
        self.setToolTip(self.tr("Colour scale (viridis): dark = little attention, yellow = the most "
                                "attention in this matrix"))
        fm = QFontMetrics(heatmap._label_font())
        self.setFixedWidth(BAR_W + fm.horizontalAdvance("0.015") + 3 * PAD)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        hm = self.heatmap
        p.setFont(hm._label_font())
        fm = QFontMetrics(p.font())
        if hm.matrix and hm.matrix.source:
            grid = hm._layout(hm.size())["grid"]
            room = self.height() - grid.top() - fm.height()
            bar = QRect(PAD // 2, grid.top(), BAR_W, max(60, min(max(grid.height(), 80), 320, room)))
            paint_colour_bar(p, bar, fm, self.palette().windowText().color(), hm.vmax())
        p.end()
