"""The attention panel: the selected exchange's heatmap, piece/word toggle, coverage
warnings, exports, and its half of the hover link with the bubbles (word labels in and
out; the window connects the two)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QFrame, QHBoxLayout, QLabel, QMenu,
                               QPushButton, QScrollArea, QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from . import alignment, heatmap_render
from .bubble_parts import confidence_legend, confidence_legend_short, tooltip_lines
from .colour_bar import ColourBar
from .compact import CompactRow, LegendLine
from .exchange_model import ExchangeModel
from .heatmap import HeatmapWidget
from .heatmap_render import WARN
from .steps_view import StepsView

QWIDGETSIZE_MAX = (1 << 24) - 1


class AttentionPanel(QWidget):
    level_changed = Signal(str)
    matrix_changed = Signal()  # a new matrix or level: the width the panel wants may differ
    exported = Signal(str)  # path
    export_failed = Signal(str)
    source_word_clicked = Signal(str)  # the source word of a clicked heatmap label
    hovered = Signal(set, set)  # word labels (targets, sources) of the cell under the mouse; empty: none

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("attentionPanel")
        self.model: ExchangeModel | None = None
        self.highlight: tuple[set[int], set[int]] = (set(), set())  # word labels, kept across a level switch
        self.level = "word"  # what a person reads; the pieces are one click away
        self._model_loaded = True
        self.matrix: alignment.Matrix | None = None
        title = QLabel(self.tr("Attention"))
        title.setObjectName("panelTitle")
        self.piece_button = QPushButton(self.tr("Pieces"))
        self.word_button = QPushButton(self.tr("Words"))
        self.level_group = QButtonGroup(self)
        for i, (b, tip) in enumerate(((self.piece_button, self.tr("Show SentencePiece pieces, as the model saw them")),
                                      (self.word_button, self.tr("Show whole words: sum over source pieces, "
                                                                 "average over target pieces")))):
            b.setCheckable(True)
            b.setObjectName("segButton")
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            self.level_group.addButton(b, i)
        self.word_button.setChecked(True)
        self.level_group.idClicked.connect(lambda i: self.set_level("word" if i else "piece"))
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export the heatmap or the matrix"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Heatmap as PNG…"), lambda: self.export_dialog("png"))
        menu.addAction(self.tr("Heatmap as SVG…"), lambda: self.export_dialog("svg"))
        menu.addAction(self.tr("Matrix as CSV…"), lambda: self.export_dialog("csv"))
        menu.addAction(self.tr("Matrix as JSON…"), lambda: self.export_dialog("json"))
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.piece_button)
        head.addWidget(self.word_button)
        head.addSpacing(8)
        self.steps_button = QPushButton(self.tr("Steps"))  # the search step by step (steps_view.py)
        self.steps_button.setCheckable(True)
        self.steps_button.setObjectName("segButton")
        self.steps_button.setToolTip(self.tr("Watch the model build the translation step by step"))
        self.steps_button.setAccessibleName(self.steps_button.toolTip())
        self.steps_button.toggled.connect(self.set_steps)
        head.addWidget(self.steps_button)
        head.addSpacing(8)
        head.addWidget(self.export_button)
        self.header = CompactRow(head, title, self.export_button)  # folds in a narrow panel
        self.heatmap = HeatmapWidget()
        self.heatmap.hovered.connect(self._heatmap_hover)
        self.heatmap.source_clicked.connect(self._source_clicked)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.heatmap)
        self.scroll.setAccessibleName(self.tr("Attention heatmap"))
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("coverageWarning")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.legend = LegendLine(confidence_legend_short(), tooltip_lines(confidence_legend()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.header)
        self.colour_bar = ColourBar(self.heatmap)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.scroll, 1)
        body.addWidget(self.colour_bar)
        body.addStretch(0)  # takes what a small matrix leaves, so the legend stays by the grid
        body.setContentsMargins(0, 0, 0, 0)
        map_page = QWidget()
        map_page.setLayout(body)
        self.steps = StepsView()
        self.pages = QStackedWidget()  # the heatmap, or the Steps view
        self.pages.addWidget(map_page)
        self.pages.addWidget(self.steps)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.caption)
        lay.addWidget(self.warnings)
        lay.addWidget(self.legend)
        self._update_caption()

    # -- state -------------------------------------------------------------------------
    def show_exchange(self, model: ExchangeModel | None,
                      highlight: tuple[set[int], set[int]] = (set(), set())) -> None:
        """Show this exchange's matrix, with the word labels its bubbles highlight."""
        self.model = model
        self.highlight = (set(highlight[0]), set(highlight[1]))
        self.steps.show_model(model)
        self._rebuild()

    def set_steps(self, on: bool) -> None:
        """Show the Steps view (the search step by step) instead of the heatmap."""
        self.steps_button.setChecked(on)
        self.pages.setCurrentIndex(1 if on else 0)
        for w in (self.piece_button, self.word_button):
            w.setEnabled(not on)  # the steps are the model's own pieces
        for w in (self.caption, self.legend):
            w.setVisible(not on)
        if on:
            self.steps.setFocus()
        self.matrix_changed.emit()

    def set_model_loaded(self, loaded: bool) -> None:
        self._model_loaded = loaded
        if self.matrix is None:
            self.heatmap.empty_text = self._empty_text(self.model)
            self.heatmap.update()

    def _empty_text(self, model: ExchangeModel | None) -> str:
        """What the empty heatmap says: why there is nothing to show."""
        if model is not None and model.attention_not_kept:
            return self.tr("The attention of a text this long is shown when it is translated, "
                           "but not kept in the history.")
        if not self._model_loaded:
            return self.tr("No model is loaded, so there is no attention to show.")
        if model is not None and model.scoring:
            return self.tr("The model is scoring this translation; its attention follows in a moment.")
        return self.heatmap.default_empty_text

    def set_level(self, level: str) -> None:
        self.level = level
        (self.word_button if level == "word" else self.piece_button).setChecked(True)
        self._update_caption()
        self._rebuild()
        self.level_changed.emit(level)

    def _update_caption(self) -> None:
        text = self.tr("Rows: output · columns: input · colour: attention weight. "
                       "Hover a cell, or a word in a bubble.")
        if self.level == "piece":  # the raw pieces carry SentencePiece's own markers
            text += " " + self.tr("“▁” starts a word; “</s>” is the end of the input.")
        self.caption.setText(text)

    def _rebuild(self) -> None:
        model = self.model
        if model is None or not model.has_attention:
            self.matrix = None
            self.heatmap.empty_text = self._empty_text(model)
            self.heatmap.set_matrix(None)
            self.export_button.setEnabled(False)
            self.warnings.hide()
            self._fit_scroll()
            self.matrix_changed.emit()
            return
        self.matrix = model.words if self.level == "word" else model.pieces()
        # Coverage is judged on words (a word split into pieces shares its attention), by the
        # engine's rule: the words the CLI warns about (engine/coverage.py)
        cov_words = model.coverage()
        cov = cov_words if self.level == "word" else self._coverage_to_pieces(cov_words, model)
        self.heatmap.set_matrix(self.matrix, cov, self.level)
        self._fit_scroll()
        self._mark()  # keep the hover link across a level switch
        self.export_button.setEnabled(True)
        self._show_warnings(cov_words, model.words)
        self.matrix_changed.emit()

    def needed_width(self) -> int | None:
        """The width the grid, its labels and the colour bar use at the current height
        (None with no matrix): more would only be empty space beside the colour bar."""
        hm = self.heatmap
        if self.steps_button.isChecked() and self.steps.trace is not None:
            m = self.layout().contentsMargins()
            return self.steps.sizeHint().width() + m.left() + m.right()
        if hm.matrix is None or not hm.matrix.source:
            return None
        frame = 2 * self.scroll.frameWidth()
        height = max(self.scroll.height() - frame, 100)
        width = hm.natural_width(height) + frame
        if hm.minimumSizeHint().height() > height:
            width += self.scroll.verticalScrollBar().sizeHint().width()
        m = self.layout().contentsMargins()
        width += self.colour_bar.width() + m.left() + m.right()
        return max(width, self.minimumSizeHint().width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_scroll()

    def _fit_scroll(self) -> None:
        """Make the scroll area no wider than the heatmap needs at its current height, so
        the colour bar sits next to the grid instead of at the panel's far edge."""
        hm = self.heatmap
        if hm.matrix is None or not hm.matrix.source:
            self.scroll.setMaximumWidth(QWIDGETSIZE_MAX)  # the empty-state text stays centred
            return
        frame = 2 * self.scroll.frameWidth()
        height = self.scroll.height() - frame
        width = hm.natural_width(height)
        if hm.minimumSizeHint().height() > height:  # a vertical scroll bar takes room too
            width += self.scroll.verticalScrollBar().sizeHint().width()
        if self.scroll.maximumWidth() != width + frame:
            self.scroll.setMaximumWidth(width + frame)

    def _coverage_to_pieces(self, cov: alignment.Coverage, model: ExchangeModel) -> alignment.Coverage:
        src_groups, tgt_groups = model.piece_groups()
        spread = lambda idx, groups: sorted(p for i in idx for p in groups[i])  # noqa: E731
        return alignment.Coverage(cov.coverage, spread(cov.untranslated, src_groups),
                                  spread(cov.loop_sources, src_groups), spread(cov.loop_targets, tgt_groups))

    def _show_warnings(self, cov: alignment.Coverage, words: alignment.Matrix) -> None:
        lines = []
        if cov.untranslated:
            names = ", ".join(f"“{words.source[i]}”" for i in cov.untranslated[:8])
            lines.append(WARN + " " + self.tr("Possibly untranslated (no output word for it): {0}").format(names))
        if cov.loop_targets:
            names = ", ".join(f"“{words.target[i]}”" for i in cov.loop_targets[:8])
            lines.append(WARN + " " + self.tr("Possible loop (repeated output on one source word): {0}").format(names))
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    # -- hover link --------------------------------------------------------------------
    def show_hover(self, targets: set[int], sources: set[int]) -> None:
        """Mark the word labels a bubble highlights."""
        self.highlight = (set(targets), set(sources))
        self._mark()

    def _mark(self) -> None:
        targets, sources = self.highlight
        if self.level == "piece" and self.model is not None:
            src_groups, tgt_groups = self.model.piece_groups()
            targets = {p for t in targets for p in tgt_groups[t]}
            sources = {p for s in sources for p in src_groups[s]}
        self.heatmap.set_marks(targets, sources)

    def _heatmap_hover(self, row: int, col: int) -> None:
        model = self.model
        if model is None:
            return
        if row < 0:
            self.highlight = (set(), set())
        else:
            if self.level == "piece":
                src_groups, tgt_groups = model.piece_groups()
                row = next(i for i, g in enumerate(tgt_groups) if row in g)
                col = next(i for i, g in enumerate(src_groups) if col in g)
            self.highlight = ({row}, {col})
        self.hovered.emit(*self.highlight)

    def _source_clicked(self, col: int) -> None:
        model = self.model
        if model is None:
            return
        if self.level == "piece":  # a piece stands for its whole word
            col = next((i for i, g in enumerate(model.piece_groups()[0]) if col in g), -1)
        labels = model.words.source
        if 0 <= col < len(labels) and labels[col] != "</s>":
            self.source_word_clicked.emit(labels[col].replace("\u2581", " ").strip())

    # -- export ------------------------------------------------------------------------
    def export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "csv": self.tr("CSV table (*.csv)"), "json": self.tr("JSON (*.json)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export attention"),
                                              f"attention-{self.level}.{kind}", filters[kind])
        if path:
            self.export(path, kind)

    def export(self, path: str, kind: str | None = None) -> bool:
        kind = kind or Path(path).suffix.lstrip(".").lower()
        if self.matrix is None:
            return False
        try:
            if kind == "png":
                ok = heatmap_render.save_png(self.heatmap.scene(), path)
            elif kind == "svg":
                ok = heatmap_render.save_svg(self.heatmap.scene(), path)
            elif kind == "csv":
                Path(path).write_text(alignment.to_csv(self.matrix), encoding="utf-8")
                ok = True
            elif kind == "json":
                Path(path).write_text(alignment.to_json(self.matrix, self.level), encoding="utf-8")
                ok = True
            else:
                raise ValueError(kind)
        except (OSError, ValueError) as exc:
            self.export_failed.emit(f"{path}: {exc}")
            return False
        if not ok:
            self.export_failed.emit(self.tr("Could not write {0}").format(path))
            return False
        self.exported.emit(path)
        return True

    def matrix_shape(self) -> tuple[int, int]:
        return self.matrix.shape if self.matrix else (0, 0)
