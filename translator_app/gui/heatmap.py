"""The attention heatmap widget: rows = target labels, columns = source labels. It keeps the
state (matrix, hover, marks) and the events; heatmap_render paints it and exports it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import heatmap_render
from .alignment import Coverage, Matrix
from .colour_bar import ColourBar


class HeatmapWidget(QWidget):
    hovered = Signal(int, int)  # target row, source column; -1, -1 when the mouse leaves
    source_clicked = Signal(int)  # source column: its label was clicked, or Enter on one of its cells

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Attention heatmap"))
        self.matrix: Matrix | None = None
        self.coverage: Coverage | None = None
        self.level = "piece"
        self.hover = (-1, -1)
        self.marked_rows: set[int] = set()
        self.marked_cols: set[int] = set()
        self.default_empty_text = self.tr("Translate something, or select a translation, "
                                          "to see where the model looked.")
        self.empty_text = self.default_empty_text
        self._cells = heatmap_render.Cells(None)  # the colour scale and cell image, once per matrix
        self.colour_bar: ColourBar | None = None  # on screen the legend sits outside the scroll area
        self.rows_shown: int | None = None  # the Steps view draws only the rows decoded so far

    # -- data -------------------------------------------------------------------------
    def set_matrix(self, matrix: Matrix | None, coverage: Coverage | None = None, level: str = "piece") -> None:
        self.matrix, self.coverage, self.level = matrix, coverage, level
        self._cells = heatmap_render.Cells(matrix)
        self.hover = (-1, -1)
        self.marked_rows, self.marked_cols = set(), set()
        self.updateGeometry()
        self.update()
        if self.colour_bar is not None:
            self.colour_bar.update()
        if matrix is not None:
            self.setAccessibleDescription(self.tr("%n target rows", "", len(matrix.target))
                                          + ", " + self.tr("%n source columns", "", len(matrix.source)))

    def set_marks(self, rows: set[int], cols: set[int]) -> None:
        """Highlight labels from outside (hovering a word in a bubble)."""
        if rows != self.marked_rows or cols != self.marked_cols:
            self.marked_rows, self.marked_cols = set(rows), set(cols)
            self.update()

    # -- geometry ---------------------------------------------------------------------
    def _label_font(self) -> QFont:
        return heatmap_render.label_font(self.font())

    def _layout(self, size: QSize, with_bar: bool | None = None) -> dict:
        with_bar = (self.colour_bar is None) if with_bar is None else with_bar
        return heatmap_render.layout(self.matrix, self.font(), size, with_bar, self.end_label())

    def sizeHint(self) -> QSize:
        if not self.matrix or not self.matrix.source:
            return QSize(320, 200)
        return self._layout(QSize(10_000, 10_000))["need"]

    def natural_width(self, height: int) -> int:
        """The width the heatmap uses at this height when space is unlimited (cells at
        their largest); a wider widget would only leave a gap to the right of the grid."""
        if not self.matrix or not self.matrix.source:
            return 0
        return self._layout(QSize(10_000, height), with_bar=False)["need"].width()

    def minimumSizeHint(self) -> QSize:
        if not self.matrix or not self.matrix.source:
            return QSize(200, 120)
        return self._layout(QSize(0, 0))["need"]

    def cell_at(self, pos: QPoint) -> tuple[int, int]:
        if not self.matrix or not self.matrix.source:
            return -1, -1
        lay = self._layout(self.size())
        grid, cw, ch = lay["grid"], lay["cw"], lay["ch"]
        if not grid.contains(pos) or (self.rows_shown is not None and pos.y() >= grid.top() + self.rows_shown * ch):
            return -1, -1
        return (pos.y() - grid.top()) // ch, (pos.x() - grid.left()) // cw

    def source_label_at(self, pos: QPoint) -> int:
        """The source column whose label (above the grid) is at ``pos``, else -1."""
        if not self.matrix or not self.matrix.source:
            return -1
        lay = self._layout(self.size())
        grid, cw = lay["grid"], lay["cw"]
        if not 0 <= pos.y() < grid.top() or not grid.left() <= pos.x() < grid.left() + cw * len(self.matrix.source):
            return -1
        return (pos.x() - grid.left()) // cw

    # -- events -----------------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:
        col = self.source_label_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and col >= 0:
            self.source_clicked.emit(col)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        hit = self.cell_at(pos)
        if hit != self.hover:
            self.hover = hit
            self.update()
            self.hovered.emit(*hit)
        if hit[0] >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(*hit), self)
        else:
            QToolTip.hideText()

    def keyPressEvent(self, event) -> None:
        """Arrow keys move the crosshair, so the weights are reachable without a mouse."""
        m = self.matrix
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and m and self.hover[1] >= 0:
            self.source_clicked.emit(self.hover[1])
            return
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if not m or not m.source or event.key() not in moves:
            super().keyPressEvent(event)
            return
        dr, dc = moves[event.key()]
        r, c = self.hover if self.hover[0] >= 0 else (0, 0)
        if self.hover[0] >= 0:
            r = min(max(r + dr, 0), len(m.target) - 1)
            c = min(max(c + dc, 0), len(m.source) - 1)
        self.hover = (r, c)
        self.update()
        self.hovered.emit(r, c)
        lay = self._layout(self.size())
        grid = lay["grid"]
        centre = QPoint(grid.left() + c * lay["cw"] + lay["cw"] // 2, grid.top() + r * lay["ch"] + lay["ch"] // 2)
        tip = self.tooltip_for(r, c)
        self.setAccessibleDescription(tip)
        QToolTip.showText(self.mapToGlobal(centre), tip, self)

    def focusOutEvent(self, event) -> None:
        QToolTip.hideText()
        super().focusOutEvent(event)

    def leaveEvent(self, event) -> None:
        if self.hover != (-1, -1):
            self.hover = (-1, -1)
            self.update()
            self.hovered.emit(-1, -1)

    def tooltip_for(self, row: int, col: int) -> str:
        m = self.matrix
        end = m.source[col] == heatmap_render.END
        source = self.end_label() if end else m.source[col]
        text = self.tr("“{target}” → “{source}”: weight {weight:.3f}").format(
            target=m.target[row], source=source, weight=m.weights[row][col])
        if self.level == "word" and end:  # words a person reads: no pieces or tokens here
            text += "\n" + self.tr("(end) is the end of the input: attention there means the model "
                                   "looked at no input word in particular.")
        elif self.level != "word" and end:
            text += "\n" + self.tr("</s>: the end-of-sentence token.")
        cov = self.coverage
        if cov and col in cov.untranslated:
            text += "\n" + heatmap_render.WARN + " " + self.tr("“{0}”: no output word is its translation: possibly untranslated.").format(m.source[col])
        if cov and row in cov.loop_targets:
            text += "\n" + heatmap_render.WARN + " " + self.tr("Repeated output attending one source word: possible loop.")
        return text

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        heatmap_render.render(p, self.scene(), self.size(), self.palette().window().color(),
                              self.palette().windowText().color())
        p.end()

    # -- drawing ----------------------------------------------------------------------
    def scene(self) -> heatmap_render.Scene:
        """What is drawn now, on screen or (heatmap_render.save_png/save_svg) in an export."""
        return heatmap_render.Scene(self.matrix, self.coverage, self.font(), self.empty_text, self.hover,
                                    self.marked_rows, self.marked_cols, self.colour_bar is None, self._cells,
                                    self.end_label(), self.rows_shown)

    def end_label(self) -> str:
        """The end column's name: plain words at word level, the model's token at piece level."""
        return self.tr("(end)") if self.level == "word" else heatmap_render.END

    def vmax(self) -> float:
        return self._cells.vmax
