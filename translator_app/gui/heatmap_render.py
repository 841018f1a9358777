"""Painting and exporting the attention heatmap, with no widget: HeatmapWidget (heatmap.py)
describes what it shows as a Scene, and the screen, PNG and SVG all go through render(),
so they look the same."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from .alignment import Coverage, Matrix, visible
from .colormap import WARNING_RGB, text_on, viridis
from .colour_bar import BAR_W, PAD, paint_colour_bar

MIN_CELL = 14  # rows: one line of label text
MIN_COL = 11  # columns carry rotated labels (one line high), so they can be narrower
MAX_CELL = 34
MAX_LABEL_CHARS = 18
VECTOR_CELLS = 40_000  # exports up to this many cells are drawn as vector rectangles
# RGB32 is one 0xffRRGGBB word per pixel, so the byte order follows the machine's
_LUT = [bytes((b, g, r, 255) if sys.byteorder == "little" else (255, r, g, b))
        for r, g, b in (viridis(i / 255) for i in range(256))]
WARN = "\u26a0"  # ⚠, so warnings never rely on colour alone
END = "</s>"      # the source's end-of-sentence column


class Cells:
    """A matrix's colour scale and its one-pixel-per-cell image, each computed once."""

    def __init__(self, matrix: Matrix | None):
        self.matrix = matrix
        self._vmax: float | None = None
        self._image: QImage | None = None

    @property
    def vmax(self) -> float:
        """The colour scale runs from 0 to the largest weight, as the colour bar states,
        so diffuse attention is still readable."""
        m = self.matrix
        if not m:
            return 1.0
        if self._vmax is None:
            self._vmax = max((w for row in m.weights for w in row), default=1.0) or 1.0
        return self._vmax

    def image(self) -> QImage:
        if self._image is None:
            m, vmax = self.matrix, self.vmax
            rows, cols = m.shape
            data = bytearray()
            for row in m.weights:
                data += b"".join(_LUT[min(255, max(0, int(w / vmax * 255 + 0.5)))] for w in row)
            # an owning QImage, filled through bits(): RGB32 rows are 4-byte aligned by nature
            image = QImage(cols, rows, QImage.Format.Format_RGB32)
            image.bits()[:] = bytes(data)
            self._image = image
        return self._image


@dataclass
class Scene:
    """What one drawing of the heatmap shows."""

    matrix: Matrix | None
    coverage: Coverage | None
    font: QFont  # the widget's; labels are drawn a little smaller (label_font)
    empty_text: str = ""
    hover: tuple[int, int] = (-1, -1)  # drawn on screen only
    marked_rows: set[int] = field(default_factory=set)
    marked_cols: set[int] = field(default_factory=set)
    bar_inside: bool = True  # on screen the colour bar may be a widget of its own
    cells: Cells | None = None
    end_label: str = END  # how the source's end column is named ("(end)" at word level)
    rows_shown: int | None = None  # the Steps view (steps_view.py): rows from here on are not drawn yet

    def __post_init__(self) -> None:
        if self.cells is None or self.cells.matrix is not self.matrix:
            self.cells = Cells(self.matrix)


def label_font(font: QFont) -> QFont:
    f = QFont(font)
    f.setPointSizeF(max(7.0, f.pointSizeF() * 0.9))
    return f


def layout(m: Matrix, font: QFont, size: QSize, with_bar: bool, end_label: str = END) -> dict:
    """Where the grid, the labels and the colour bar go in ``size``."""
    fm = QFontMetrics(label_font(font))
    rows, cols = m.shape
    row_w = max((fm.horizontalAdvance(_short(t)) for t in m.target), default=0) + 2 * PAD + fm.horizontalAdvance(WARN)
    col_w = max((fm.horizontalAdvance(_short(_named(s, end_label))) for s in m.source), default=0) + \
        fm.horizontalAdvance(WARN) + 6
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


# -- drawing ----------------------------------------------------------------------------
def render(p: QPainter, scene: Scene, size: QSize, bg: QColor, fg: QColor, interactive: bool = True) -> None:
    """Draw ``scene`` into ``size``; not ``interactive``: an export (no hover, colour bar in)."""
    p.fillRect(QRect(QPoint(0, 0), size), bg)
    m = scene.matrix
    if not m or not m.source or not m.target:
        p.setPen(fg)
        p.drawText(QRect(QPoint(0, 0), size).adjusted(PAD, PAD, -PAD, -PAD),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, scene.empty_text)
        return
    lay = layout(m, scene.font, size, scene.bar_inside if interactive else True, scene.end_label)
    grid, cw, ch, fm = lay["grid"], lay["cw"], lay["ch"], lay["fm"]
    p.setFont(label_font(scene.font))
    warn = QColor(*WARNING_RGB)
    hover_r, hover_c = scene.hover if interactive else (-1, -1)
    cov = scene.coverage
    vmax = scene.cells.vmax
    rows, cols = m.shape
    if interactive or rows * cols > VECTOR_CELLS:
        # one pixel per cell, scaled without smoothing: a page of text stays responsive
        p.save()
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(grid, scene.cells.image())
        p.restore()
        if scene.rows_shown is not None and scene.rows_shown < rows:  # the grid grows row by row
            p.fillRect(grid.left(), grid.top() + scene.rows_shown * ch, grid.width(),
                       (rows - scene.rows_shown) * ch, bg)
    else:  # small exports stay true vectors in SVG
        for r, row in enumerate(m.weights):
            for c, w in enumerate(row):
                p.fillRect(grid.left() + c * cw, grid.top() + r * ch, cw, ch, QColor(*viridis(w / vmax)))
    # target labels (left), right-aligned against the grid
    for r, label in enumerate(m.target[:scene.rows_shown]):
        rect = QRect(0, grid.top() + r * ch, grid.left() - PAD // 2, ch)
        flagged = cov is not None and r in cov.loop_targets
        _label(p, rect, _short(label) + (" " + WARN if flagged else ""),
               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
               warn if flagged else fg, r == hover_r or r in scene.marked_rows)
    # source labels (top), rotated when they do not fit
    for c, label in enumerate(m.source):
        flagged = cov is not None and (c in cov.untranslated or c in cov.loop_sources)
        text = _short(_named(label, scene.end_label)) + (" " + WARN if flagged else "")
        bold = c == hover_c or c in scene.marked_cols
        color = warn if flagged else fg
        x = grid.left() + c * cw
        if lay["rotated"]:
            p.save()
            p.translate(x + cw / 2 + fm.ascent() / 2 - 1, grid.top() - PAD // 2)
            p.rotate(-90)
            _label(p, QRect(0, -fm.ascent(), grid.top(), fm.height()), text,
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, color, bold)
            p.restore()
        else:
            _label(p, QRect(x, 0, cw, grid.top() - PAD // 2), text,
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, color, bold)
    # marks and crosshair
    p.setBrush(Qt.BrushStyle.NoBrush)
    if cov:
        p.setPen(QPen(warn, 2, Qt.PenStyle.DashLine))
        for c in cov.untranslated:
            p.drawRect(grid.left() + c * cw + 1, grid.top() + 1, cw - 2, grid.height() - 2)
    p.setPen(QPen(QColor(255, 255, 255), 2))
    if scene.marked_rows and scene.marked_cols:  # a word and what it attended: one box per block
        for r0, r1 in _runs(scene.marked_rows):
            for c0, c1 in _runs(scene.marked_cols):
                p.drawRect(grid.left() + c0 * cw + 1, grid.top() + r0 * ch + 1,
                           (c1 - c0 + 1) * cw - 2, (r1 - r0 + 1) * ch - 2)
    else:
        for r in scene.marked_rows:
            p.drawRect(grid.left(), grid.top() + r * ch, grid.width() - 1, ch - 1)
        for c in scene.marked_cols:
            p.drawRect(grid.left() + c * cw, grid.top(), cw - 1, grid.height() - 1)
    if hover_r >= 0:
        _paint_crosshair(p, grid, cw, ch, hover_r, hover_c)
    if shows_numbers(lay, rows * cols):
        _annotate(p, scene, grid, cw, ch, vmax)  # numbers too: no colour needed
    if lay["with_bar"]:
        paint_colour_bar(p, lay["bar"], fm, fg, vmax)


def _paint_crosshair(p: QPainter, grid: QRect, cw: int, ch: int, r: int, c: int) -> None:
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


def shows_numbers(lay: dict, cells: int) -> bool:
    """Cell values are drawn where they fit at the labels' size (and the grid is small)."""
    fm = lay["fm"]
    return lay["cw"] >= fm.horizontalAdvance(".00") + 6 and lay["ch"] >= fm.height() + 2 and cells <= 400


def _annotate(p: QPainter, scene: Scene, grid: QRect, cw: int, ch: int, vmax: float) -> None:
    """Cell values at the labels' size (8.1 pt at a 9 pt font; they were 6.9, hard to read);
    the caller draws them only where they fit, else the tooltip has them."""
    p.setFont(label_font(scene.font))
    centre = int(Qt.AlignmentFlag.AlignCenter)
    for r, row in enumerate(scene.matrix.weights[:scene.rows_shown]):
        for c, w in enumerate(row):
            p.setPen(QColor(*text_on(viridis(w / vmax))))
            text = f"{w:.2f}".lstrip("0") if w < 1 else "1"
            p.drawText(QRect(grid.left() + c * cw, grid.top() + r * ch, cw, ch), centre, text)


def _label(p: QPainter, rect: QRect, text: str, align, color: QColor, bold: bool) -> None:
    font = p.font()
    font.setBold(bold)
    font.setUnderline(bold)
    p.setFont(font)
    p.setPen(color)
    p.drawText(rect, int(align), text)
    font.setBold(False)
    font.setUnderline(False)
    p.setFont(font)


# -- export -----------------------------------------------------------------------------
def export_size(scene: Scene) -> QSize:
    """The natural size with the colour bar drawn in (on screen it sits outside)."""
    if not scene.matrix or not scene.matrix.source:
        return QSize(320, 200)
    return layout(scene.matrix, scene.font, QSize(10_000, 10_000), True, scene.end_label)["need"]


def to_image(scene: Scene, scale: float = 2.0) -> QImage:
    size = export_size(scene)
    img = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    img.setDevicePixelRatio(scale)
    p = QPainter(img)
    render(p, scene, size, QColor("white"), QColor("black"), interactive=False)
    p.end()
    return img


def save_png(scene: Scene, path: str) -> bool:
    return to_image(scene).save(path, "PNG")


def save_svg(scene: Scene, path: str) -> bool:
    from PySide6.QtSvg import QSvgGenerator

    tr = QCoreApplication.translate  # the widget's context: the catalogue has them there
    size = export_size(scene)
    gen = QSvgGenerator()
    gen.setFileName(path)
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle(tr("HeatmapWidget", "Attention heatmap"))
    gen.setDescription(tr("HeatmapWidget", "Rows: target tokens; columns: source tokens; colour: attention weight (viridis)."))
    p = QPainter(gen)
    render(p, scene, size, QColor("white"), QColor("black"), interactive=False)
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


def _named(label: str, end_label: str) -> str:
    return end_label if label == END else label


def _short(label: str) -> str:
    label = visible(label)
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
