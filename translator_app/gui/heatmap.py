"""The attention heatmap widget: rows = target labels, columns = source labels.

All drawing goes through ``render()``, so the screen, PNG and SVG exports look the same.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .alignment import Coverage, Matrix, visible
from .colormap import WARNING_RGB, text_on, viridis
from .colour_bar import BAR_W, PAD, ColourBar, paint_colour_bar

MIN_CELL = 14  # rows: one line of label text
MIN_COL = 11  # columns carry rotated labels (one line high), so they can be narrower
MAX_CELL = 34
MAX_LABEL_CHARS = 18
VECTOR_CELLS = 40_000  # exports up to this many cells are drawn as vector rectangles
# RGB32 is one 0xffRRGGBB word per pixel, so the byte order follows the machine's
_LUT = [bytes((b, g, r, 255) if sys.byteorder == "little" else (255, r, g, b))
        for r, g, b in (viridis(i / 255) for i in range(256))]
WARN = "\u26a0"  # ⚠, so warnings never rely on colour alone


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
        self._image: QImage | None = None
        self._vmax: float | None = None  # the colour scale's top, once per matrix
        self.colour_bar: ColourBar | None = None  # on screen the legend sits outside the scroll area

    # -- data -------------------------------------------------------------------------
    def set_matrix(self, matrix: Matrix | None, coverage: Coverage | None = None, level: str = "piece") -> None:
        self.matrix, self.coverage, self.level = matrix, coverage, level
        self._vmax = None
        self._image = None
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
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.9))
        return f

    def _layout(self, size: QSize, with_bar: bool | None = None) -> dict:
        m = self.matrix
        with_bar = (self.colour_bar is None) if with_bar is None else with_bar
        fm = QFontMetrics(self._label_font())
        rows, cols = m.shape
        row_w = max((fm.horizontalAdvance(_short(t)) for t in m.target), default=0) + 2 * PAD + fm.horizontalAdvance(WARN)
        col_w = max((fm.horizontalAdvance(_short(s)) for s in m.source), default=0) + fm.horizontalAdvance(WARN) + 6
        bar_space = BAR_W + fm.horizontalAdvance("0.015") + 3 * PAD if with_bar else 0
        avail_w = size.width() - row_w - bar_space - PAD
        # Cells fill the space (within MIN..MAX, at most 2:1); source labels are rotated 90°
        # only when they do not fit over their columns.
        cw = min(MAX_CELL, max(MIN_COL, avail_w // max(cols, 1)))
        rotated = col_w > cw
        head_h = (col_w if rotated else fm.height()) + PAD
        avail_h = size.height() - head_h - PAD - fm.height()
        ch = min(MAX_CELL, max(MIN_CELL, avail_h // max(rows, 1)))
        cw, ch = min(cw, 2 * ch), min(ch, 2 * cw)
        rotated = col_w > cw
        head_h = (col_w if rotated else fm.height()) + PAD
        grid = QRect(row_w, head_h, cw * cols, ch * rows)
        bar = QRect(grid.right() + 2 * PAD, grid.top(), BAR_W, min(max(grid.height(), 80), 320))
        if not with_bar:
            bar = QRect(grid.right(), grid.top(), 0, 0)
        return {"cw": cw, "ch": ch, "grid": grid, "bar": bar, "rotated": rotated, "fm": fm, "with_bar": with_bar,
                "need": QSize(bar.right() + (fm.horizontalAdvance("0.015") if with_bar else 0) + 2 * PAD,
                              max(grid.bottom(), bar.bottom()) + PAD + fm.height())}

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
        if not grid.contains(pos):
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
        text = self.tr("“{target}” → “{source}”: weight {weight:.3f}").format(
            target=m.target[row], source=m.source[col], weight=m.weights[row][col])
        if self.level == "word":
            text += "\n" + self.tr("Word level: sum over source pieces, average over target pieces.")
        cov = self.coverage
        if cov and col in cov.untranslated:
            text += "\n" + WARN + " " + self.tr("“{0}” received almost no attention: possibly untranslated.").format(m.source[col])
        if cov and row in cov.loop_targets:
            text += "\n" + WARN + " " + self.tr("Repeated output attending one source word: possible loop.")
        return text

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.render_to(p, self.size(), self.palette().window().color(), self.palette().windowText().color())
        p.end()

    # -- drawing ----------------------------------------------------------------------
    def render_to(self, p: QPainter, size: QSize, bg: QColor, fg: QColor, interactive: bool = True) -> None:
        p.fillRect(QRect(QPoint(0, 0), size), bg)
        m = self.matrix
        if not m or not m.source or not m.target:
            p.setPen(fg)
            p.drawText(QRect(QPoint(0, 0), size).adjusted(PAD, PAD, -PAD, -PAD),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        lay = self._layout(size, None if interactive else True)
        grid, cw, ch, fm = lay["grid"], lay["cw"], lay["ch"], lay["fm"]
        p.setFont(self._label_font())
        warn = QColor(*WARNING_RGB)
        hover_r, hover_c = self.hover if interactive else (-1, -1)
        cov = self.coverage
        vmax = self.vmax()
        rows, cols = m.shape
        if interactive or rows * cols > VECTOR_CELLS:
            # one pixel per cell, scaled without smoothing: a page of text stays responsive
            p.save()
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            p.drawImage(grid, self._cells_image())
            p.restore()
        else:  # small exports stay true vectors in SVG
            for r, row in enumerate(m.weights):
                for c, w in enumerate(row):
                    p.fillRect(grid.left() + c * cw, grid.top() + r * ch, cw, ch, QColor(*viridis(w / vmax)))
        # target labels (left), right-aligned against the grid
        for r, label in enumerate(m.target):
            rect = QRect(0, grid.top() + r * ch, grid.left() - PAD // 2, ch)
            flagged = cov is not None and r in cov.loop_targets
            self._label(p, rect, _short(label) + (" " + WARN if flagged else ""),
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        warn if flagged else fg, r == hover_r or r in self.marked_rows)
        # source labels (top), rotated when they do not fit
        for c, label in enumerate(m.source):
            flagged = cov is not None and (c in cov.untranslated or c in cov.loop_sources)
            text = _short(label) + (" " + WARN if flagged else "")
            bold = c == hover_c or c in self.marked_cols
            color = warn if flagged else fg
            x = grid.left() + c * cw
            if lay["rotated"]:
                p.save()
                p.translate(x + cw / 2 + fm.ascent() / 2 - 1, grid.top() - PAD // 2)
                p.rotate(-90)
                self._label(p, QRect(0, -fm.ascent(), grid.top(), fm.height()), text,
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, color, bold)
                p.restore()
            else:
                self._label(p, QRect(x, 0, cw, grid.top() - PAD // 2), text,
                            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, color, bold)
        # marks and crosshair
        p.setBrush(Qt.BrushStyle.NoBrush)
        if cov:
            p.setPen(QPen(warn, 2, Qt.PenStyle.DashLine))
            for c in cov.untranslated:
                p.drawRect(grid.left() + c * cw + 1, grid.top() + 1, cw - 2, grid.height() - 2)
        p.setPen(QPen(QColor(255, 255, 255), 2))
        if self.marked_rows and self.marked_cols:  # a word and what it attended: one box per block
            for r0, r1 in _runs(self.marked_rows):
                for c0, c1 in _runs(self.marked_cols):
                    p.drawRect(grid.left() + c0 * cw + 1, grid.top() + r0 * ch + 1,
                               (c1 - c0 + 1) * cw - 2, (r1 - r0 + 1) * ch - 2)
        else:
            for r in self.marked_rows:
                p.drawRect(grid.left(), grid.top() + r * ch, grid.width() - 1, ch - 1)
            for c in self.marked_cols:
                p.drawRect(grid.left() + c * cw, grid.top(), cw - 1, grid.height() - 1)
        if hover_r >= 0:
            self._paint_crosshair(p, grid, cw, ch, hover_r, hover_c)
        if cw >= fm.horizontalAdvance(".00") + 6 and ch >= fm.height() + 2 and rows * cols <= 400:
            self._annotate(p, grid, cw, ch, vmax)  # numbers too: no colour needed
        if lay["with_bar"]:
            paint_colour_bar(p, lay["bar"], fm, fg, vmax)

    def _paint_crosshair(self, p: QPainter, grid: QRect, cw: int, ch: int, r: int, c: int) -> None:
        """Outline the hovered row and column along cell borders, so no line ever runs
        through a cell's value (a dash through ".90" would read "-90"). The outline is
        dark and light dashes on the same pixels, visible on every viridis colour."""
        top, bottom = grid.top() + r * ch, grid.top() + (r + 1) * ch - 1
        left, right = grid.left() + c * cw, grid.left() + (c + 1) * cw - 1
        lines = [(grid.left(), top, grid.right(), top), (grid.left(), bottom, grid.right(), bottom),
                 (left, grid.top(), left, grid.bottom()), (right, grid.top(), right, grid.bottom())]
        dashed = QPen(QColor(255, 255, 255), 1, Qt.PenStyle.CustomDashLine)
        dashed.setDashPattern([3, 3])
        for pen in (QPen(QColor(0, 0, 0, 150), 1), dashed):
            p.setPen(pen)
            for line in lines:
                p.drawLine(*line)
        p.setPen(QPen(QColor(255, 255, 255), 2))
        p.drawRect(grid.left() + c * cw, grid.top() + r * ch, cw - 1, ch - 1)

    def _annotate(self, p: QPainter, grid: QRect, cw: int, ch: int, vmax: float) -> None:
        font = QFont(self._label_font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
        p.setFont(font)
        centre = int(Qt.AlignmentFlag.AlignCenter)
        for r, row in enumerate(self.matrix.weights):
            for c, w in enumerate(row):
                p.setPen(QColor(*text_on(viridis(w / vmax))))
                text = f"{w:.2f}".lstrip("0") if w < 1 else "1"
                p.drawText(QRect(grid.left() + c * cw, grid.top() + r * ch, cw, ch), centre, text)
        p.setFont(self._label_font())

    def _label(self, p: QPainter, rect: QRect, text: str, align, color: QColor, bold: bool) -> None:
        font = p.font()
        font.setBold(bold)
        font.setUnderline(bold)
        p.setFont(font)
        p.setPen(color)
        p.drawText(rect, int(align), text)
        font.setBold(False)
        font.setUnderline(False)
        p.setFont(font)

    def _cells_image(self) -> QImage:
        if self._image is None:
            m, vmax = self.matrix, self.vmax()
            rows, cols = m.shape
            data = bytearray()
            for row in m.weights:
                data += b"".join(_LUT[min(255, max(0, int(w / vmax * 255 + 0.5)))] for w in row)
            # an owning QImage, filled through bits(): RGB32 rows are 4-byte aligned by nature
            image = QImage(cols, rows, QImage.Format.Format_RGB32)
            image.bits()[:] = bytes(data)
            self._image = image
        return self._image

    def vmax(self) -> float:
        """The colour scale runs from 0 to the largest weight, as the colour bar states,
        so diffuse attention is still readable."""
        m = self.matrix
        if not m:
            return 1.0
        if self._vmax is None:
            self._vmax = max((w for row in m.weights for w in row), default=1.0) or 1.0
        return self._vmax

    # -- export -----------------------------------------------------------------------
    def export_size(self) -> QSize:
        """The natural size with the colour bar drawn in (on screen it sits outside)."""
        if not self.matrix or not self.matrix.source:
            return QSize(320, 200)
        return self._layout(QSize(10_000, 10_000), with_bar=True)["need"]

    def to_image(self, scale: float = 2.0) -> QImage:
        size = self.export_size()
        img = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
        img.setDevicePixelRatio(scale)
        p = QPainter(img)
        self.render_to(p, size, QColor("white"), QColor("black"), interactive=False)
        p.end()
        return img

    def save_png(self, path: str) -> bool:
        return self.to_image().save(path, "PNG")

    def save_svg(self, path: str) -> bool:
        from PySide6.QtSvg import QSvgGenerator

        size = self.export_size()
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(size)
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setTitle(self.tr("Attention heatmap"))
        gen.setDescription(self.tr("Rows: target tokens; columns: source tokens; colour: attention weight (viridis)."))
        p = QPainter(gen)
        self.render_to(p, size, QColor("white"), QColor("black"), interactive=False)
        return p.end()


def _runs(indices: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs, e.g. {1, 2, 3, 7} -> [(1, 3), (7, 7)]: the pieces of one word."""
    out: list[tuple[int, int]] = []
    for i in sorted(indices):
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _short(label: str) -> str:
    label = visible(label)
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
