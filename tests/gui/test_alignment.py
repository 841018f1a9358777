"""Pure logic behind the heatmap: no Qt needed."""

import csv
import io
import json
import sys

import pytest

from translator_app.gui import alignment as al
from translator_app.gui.colormap import VIRIDIS, text_on, viridis

SRC = ["▁Gut", "en", "▁Morgen", ",", "▁wie", "▁geht", "'", "s", "?", "</s>"]
TGT = ["▁Good", "▁mor", "ning", ",", "▁how", "▁are", "▁you", "?"]


def _uniform(rows, cols):
    return [[1.0 / cols] * cols for _ in range(rows)]


def test_qt_free():
    assert not any(m.startswith("PySide6") for m in sys.modules if m.startswith("translator_app.gui.alignment"))
    import translator_app.gui.alignment as mod
    assert "PySide6" not in open(mod.__file__, encoding="utf-8").read()


def test_group_words_word_starts_specials_and_bytes():
    assert al.group_words(SRC) == [[0, 1], [2, 3], [4], [5, 6, 7, 8], [9]]
    # a lone "▁" starts a word; byte pieces continue it; specials stand alone
    pieces = ["▁", "<0xC3>", "<0xA4>", "b", "<s>", "x", "▁y"]
    assert al.group_words(pieces) == [[0, 1, 2, 3], [4], [5], [6]]
    assert al.word_text(["▁", "<0xC3>", "<0xA4>", "b"]) == "äb"
    assert al.word_text(["</s>"]) == "</s>"
    assert al.word_text(["<0xFF>"]) == "\ufffd"


def test_control_characters_become_visible():
    assert al.visible("a\x04b\x7f\u200bc\n") == "a\u2404b\u2421\ufffdc\n"
    assert al.word_text(["▁", "<0x04>", "x"]) == "\u2404x"
    assert al.visible("👩\u200d💻") == "👩\u200d💻"


def test_word_matrix_sums_source_and_averages_target():
    att = [[0.0] * len(SRC) for _ in TGT]
    att[1][2] = 1.0             # "▁mor" -> "▁Morgen"
    att[2][0], att[2][1] = 0.5, 0.5  # "ning" -> "▁Gut", "en"
    for r in (0, 3, 4, 5, 6, 7):
        att[r][9] = 1.0
    m = al.word_matrix(SRC, TGT, att)
    assert m.shape == (5, 5)
    # the words a person reads: edge punctuation is a cell of its own at piece level only
    assert m.source == ["Guten", "Morgen", "wie", "geht's", "</s>"]
    assert m.target == ["Good", "morning", "how", "are", "you"]
    assert al.word_labels(["▁station", "?"]) == ["station"] and al.word_labels(["▁„", "▁?"]) == ["„", "?"]
    assert al.piece_matrix(SRC, TGT, att).source[3] == ","
    # "morning," = pieces 1, 2, 3 averaged: (Morgen 1 + Guten 1 + </s> 1) / 3
    row = m.weights[1]
    assert row[0] == pytest.approx(1 / 3) and row[1] == pytest.approx(1 / 3) and row[4] == pytest.approx(1 / 3)
    for r in m.weights:  # rows still sum to 1
        assert sum(r) == pytest.approx(1.0)


def test_piece_matrix_is_identity_grouping():
    m = al.piece_matrix(SRC, TGT, _uniform(len(TGT), len(SRC)))
    assert m.shape == (len(TGT), len(SRC))
    assert m.source_groups[3] == [3]


def test_coverage_flags_untranslated_word():
    src = ["▁Das", "▁ist", "▁gut", "</s>"]
    tgt = ["▁This", "▁is", "</s>"]
    att = [[0.9, 0.05, 0.0, 0.05], [0.05, 0.9, 0.0, 0.05], [0.0, 0.0, 0.02, 0.98]]
    cov = al.analyse_coverage(al.word_matrix(src, tgt, att))
    assert cov.untranslated == [2]
    assert cov.loop_targets == []
    assert cov.warnings == ["untranslated"]


def test_coverage_flags_loop_and_ignores_punctuation():
    src = ["▁Hallo", "▁Welt", "!", "</s>"]
    tgt = ["▁hello", "▁hello", "▁hello", "▁world", "</s>"]
    att = [[0.95, 0.05, 0, 0], [0.9, 0.1, 0, 0], [0.9, 0.1, 0, 0], [0.0, 1.0, 0, 0], [0, 0, 0, 1.0]]
    cov = al.analyse_coverage(al.word_matrix(src, tgt, att))
    assert cov.loop_sources == [0]
    assert cov.loop_targets == [0, 1, 2]
    assert 2 not in cov.untranslated  # "!" is not a word


def test_attended_and_attending():
    m = al.Matrix(["a", "b", "c"], ["x", "y"], [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    assert list(al.attended_sources(m, 0)) == [0, 1]
    assert al.attending_targets(m, 2) == {1: 0.8}


def test_csv_and_json_export_roundtrip():
    m = al.word_matrix(SRC, TGT, _uniform(len(TGT), len(SRC)))
    rows = list(csv.reader(io.StringIO(al.to_csv(m))))
    assert rows[0][1:] == m.source
    assert [r[0] for r in rows[1:]] == m.target
    assert float(rows[1][1]) == pytest.approx(m.weights[0][0], abs=1e-6)
    data = json.loads(al.to_json(m, "word"))
    assert data["source"] == m.source and data["target"] == m.target
    assert len(data["attention"]) == len(m.target) and len(data["attention"][0]) == len(m.source)
    assert "sum over source pieces" in data["rule"]


def test_display_word_mapping():
    labels = ["Good", "morning,", "</s>"]
    assert al.map_display_words("Good morning,", labels) == [0, 1]
    assert al.map_display_words("Good\nmorning,", labels) == [0, None, 1]
    assert al.map_display_words("Completely different text here", labels) == [None] * 4


def test_word_probs_take_the_weakest_piece():
    assert al.word_probs(["▁a", "b", "▁c"], [0.9, 0.2, 0.8]) == [0.2, 0.8]


def test_viridis_endpoints_and_contrast():
    assert viridis(0.0) == VIRIDIS[0]
    assert viridis(1.0) == VIRIDIS[-1]
    assert viridis(float("nan")) == VIRIDIS[0]
    assert viridis(2.0) == VIRIDIS[-1]
    assert text_on(VIRIDIS[0]) == (255, 255, 255)
    assert text_on(VIRIDIS[-1]) == (0, 0, 0)
