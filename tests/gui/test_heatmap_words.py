"""Words a person reads in the heatmap (issue 26): word labels without edge punctuation
(piece level keeps it as its own cell), cell numbers at the labels' size or not at all."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont

from translator_app.gui import heatmap_render
from translator_app.gui.alignment import piece_matrix, word_matrix
from translator_app.gui.heatmap import HeatmapWidget

SRC = ["▁Wo", "▁ist", "▁der", "▁Bahnhof", "?", "</s>"]
TGT = ["▁Where", "▁is", "▁the", "▁train", "▁station", "?", "</s>"]


def _att(rows, cols):
    return [[1.0 / cols] * cols for _ in range(rows)]


def test_word_level_shows_the_word_and_piece_level_the_punctuation(qtbot):
    hm = HeatmapWidget()
    qtbot.addWidget(hm)
    words = word_matrix(SRC, TGT, _att(len(TGT), len(SRC)))
    hm.set_matrix(words, level="word")
    assert hm.matrix.target == ["Where", "is", "the", "train", "station", "</s>"]
    assert hm.matrix.source[3] == "Bahnhof" and hm.matrix.source_groups[3] == [3, 4]  # "?" still counted
    assert "“station” → “Bahnhof”" in hm.tooltip_for(4, 3)
    pieces = piece_matrix(SRC, TGT, _att(len(TGT), len(SRC)))
    hm.set_matrix(pieces, level="piece")
    assert "?" in hm.matrix.target and "?" in hm.matrix.source


def test_cell_numbers_are_as_large_as_the_labels_or_hidden():
    base = QFont()
    base.setPointSizeF(9.0)
    assert heatmap_render.label_font(base).pointSizeF() >= 8.0   # the numbers' size (was 6.9 pt)
    m = word_matrix(SRC, TGT, _att(len(TGT), len(SRC)))
    roomy = heatmap_render.layout(m, base, QSize(900, 600), True)
    assert heatmap_render.shows_numbers(roomy, 36)
    cramped = heatmap_render.layout(m, base, QSize(150, 120), True)
    assert not heatmap_render.shows_numbers(cramped, 36)     # the tooltip has the value then
