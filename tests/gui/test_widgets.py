"""Dialogs and widgets on their own (no model needed)."""

from __future__ import annotations

import pytest


def test_drop_a_txt_file_fills_the_input(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from translator_app.gui.input_pane import InputPane

    pane = InputPane()
    qtbot.addWidget(pane)
    path = tmp_path / "brief.txt"
    path.write_text("\ufeffGuten Tag.\nWie geht es?", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(pane.edit.file_dropped):
        pane.edit.dropEvent(event)
    assert pane.text() == "Guten Tag.\nWie geht es?"  # BOM stripped
    assert "23" in pane.counter.text()


def test_unreadable_file_reports_instead_of_raising(qtbot, tmp_path):
    from translator_app.gui.input_pane import InputEdit

    edit = InputEdit()
    qtbot.addWidget(edit)
    with qtbot.waitSignal(edit.drop_failed) as blocker:
        assert not edit.load_file(str(tmp_path / "missing.txt"))
    assert "missing.txt" in blocker.args[0]


def test_settings_dialog_round_trip(qtbot):
    from translator_app.gui.dialogs import SettingsDialog
    from translator_app.gui.settings import Settings

    dialog = SettingsDialog(Settings(beam=4, n_best=2, device="cpu", theme="dark", font_size=12))
    qtbot.addWidget(dialog)
    assert dialog.beam.value() == 4 and dialog.device.currentData() == "cpu"
    dialog.n_best.setValue(9)  # more alternatives than beams: clamped
    dialog.live.setChecked(True)
    s = dialog.result_settings()
    assert (s.beam, s.n_best, s.device, s.theme, s.font_size, s.live_preview) == (4, 4, "cpu", "dark", 12, True)


def test_settings_persist_in_the_isolated_ini(isolated_profile):
    from translator_app.gui.settings import Settings, load_settings, save_settings

    save_settings(Settings(beam=2, n_best=1, theme="light", live_preview=True, src_lang="en", tgt_lang="de"))
    s = load_settings()
    assert (s.beam, s.theme, s.live_preview, s.src_lang) == (2, "light", True, "en")
    assert (isolated_profile / "settings.ini").exists()


def test_history_dialog_searches_and_clears(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from translator_app.gui.dialogs import HistoryDialog
    from translator_app.gui.history import HistoryStore

    store = HistoryStore(tmp_path / "h.sqlite3")
    store.add("de", "en", "Guten Morgen", "Good morning", {})
    store.add("de", "en", "Gute Nacht", "Good night", {})
    dialog = HistoryDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.results.count() == 2
    dialog.query.setText("nacht")
    assert dialog.results.count() == 1
    chosen = []
    dialog.chosen.connect(chosen.append)
    dialog._activate(dialog.results.item(0))
    assert chosen[0].source == "Gute Nacht"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog._clear()
    assert store.count() == 0 and dialog.results.count() == 0


def test_about_dialog_shows_card_licence_quality_and_device(qtbot):
    from translator_app.gui.dialogs import AboutDialog

    dialog = AboutDialog({"name": "de-en", "device": "cuda", "card": "# The card\n\nTrained on things.",
                          "meta": {"bleu": 23.5, "metrics": {"de-en_bleu": 20.25, "dev_loss": 2.5},
                                   "heldout": {"en-de": {"chrf": 48.04}}}})
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for expected in ("The card", "GPL-3.0-or-later", "GPL-2.0-or-later", "BLEU 23.5", "de-en BLEU 20.2",
                     "heldout en-de chrF 48.0", "CUDA"):
        assert expected in text, expected
    assert "dev_loss" not in text


@pytest.mark.parametrize("info, expected", [
    ({"name": "main", "path": "/opt/app/models/de-en", "card": "# main\n\nTrained by ..."}, "de-en"),
    ({"name": "main", "path": "/tmp/runs/small/best", "card": "# Tiny test model\n"}, "small/best · Tiny test model"),
    ({"name": "main", "path": "/m/de-en", "card": "# German–English translator, small GRU, 2024 edition"},
     "de-en · German–English translator, smal…"),
    ({"name": "main", "path": "/m/de-en", "card": "# de-en"}, "de-en"),
    ({"name": "de-en", "path": "/m/de-en", "card": "# Model card: de-en\n"}, "de-en"),
    ({"name": "x", "path": "/m/de-en", "card": "# Model card – Tiny test model"}, "de-en · Tiny test model"),
    ({"name": "main"}, "main"),  # an older worker without the path: the config name
])
def test_model_display_name(info, expected):
    from translator_app.gui.model_info import model_display_name

    assert model_display_name(info) == expected
    assert len(model_display_name(info)) <= 45


def test_shortcuts_dialog_lists_rows(qtbot):
    from translator_app.gui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog([("Swap languages", "Ctrl+Shift+X"), ("Focus the input", "Ctrl+L")])
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 1).text() == "Ctrl+Shift+X"


def test_heatmap_keyboard_navigation_and_exports_without_a_model(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from translator_app.gui import heatmap_render
    from translator_app.gui.alignment import piece_matrix
    from translator_app.gui.heatmap import HeatmapWidget

    hm = HeatmapWidget()
    qtbot.addWidget(hm)
    hm.resize(500, 300)
    hm.set_matrix(piece_matrix(["▁a", "▁b", "</s>"], ["▁x", "▁y"], [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1]]))
    hm.show()
    seen = []
    hm.hovered.connect(lambda r, c: seen.append((r, c)))
    qtbot.keyClick(hm, Qt.Key.Key_Right)  # first key lands on (0, 0)
    qtbot.keyClick(hm, Qt.Key.Key_Right)
    qtbot.keyClick(hm, Qt.Key.Key_Down)
    assert seen == [(0, 0), (0, 1), (1, 1)]
    assert "0.700" in hm.accessibleDescription()
    assert heatmap_render.save_png(hm.scene(), str(tmp_path / "h.png"))
    assert heatmap_render.save_svg(hm.scene(), str(tmp_path / "h.svg"))
    # labels with control characters (a byte-fallback model emits them) still give valid SVG
    import xml.etree.ElementTree as ET

    hm.set_matrix(piece_matrix(["▁a\x04<&>", "</s>"], ["▁x\x13"], [[0.5, 0.5]]))
    assert heatmap_render.save_svg(hm.scene(), str(tmp_path / "c.svg"))
    ET.parse(tmp_path / "c.svg")
    assert hm.cell_at(hm.rect().center()) != (-2, -2)


def test_the_svg_title_is_still_translated(qtbot, qapp, tmp_path):
    """The export's strings live in heatmap_render now, under the catalogue's HeatmapWidget context."""
    from translator_app.gui import heatmap_render, i18n
    from translator_app.gui.alignment import piece_matrix
    from translator_app.gui.heatmap import HeatmapWidget

    hm = HeatmapWidget()
    qtbot.addWidget(hm)
    hm.set_matrix(piece_matrix(["▁a", "</s>"], ["▁x"], [[0.5, 0.5]]))
    try:
        assert i18n.install(qapp, "de") == "de"
        assert heatmap_render.save_svg(hm.scene(), str(tmp_path / "de.svg"))
    finally:
        i18n.install(qapp, "en")
    assert "<title>Attention-Heatmap</title>" in (tmp_path / "de.svg").read_text(encoding="utf-8")


def _heatmap_image(hm, size):
    from PySide6.QtGui import QColor, QImage, QPainter

    from translator_app.gui import heatmap_render

    img = QImage(size, QImage.Format.Format_RGB32)
    p = QPainter(img)
    heatmap_render.render(p, hm.scene(), size, QColor("white"), QColor("black"), interactive=True)
    p.end()
    return img


def test_hover_crosshair_never_crosses_cell_values(qtbot):
    """The crosshair runs along cell borders: the inside of every cell (where its value is
    written) looks the same with and without hover, so ".90" never reads "-90"."""
    from PySide6.QtCore import QSize

    from translator_app.gui.alignment import piece_matrix
    from translator_app.gui.heatmap import HeatmapWidget

    hm = HeatmapWidget()
    qtbot.addWidget(hm)
    size = QSize(600, 400)
    hm.resize(size)
    weights = [[0.9, 0.05, 0.05, 0.0], [0.1, 0.6, 0.2, 0.1], [0.2, 0.2, 0.3, 0.3]]
    hm.set_matrix(piece_matrix(["▁a", "▁b", "▁c", "</s>"], ["▁x", "▁y", "</s>"], weights))
    lay = hm._layout(size)
    grid, cw, ch = lay["grid"], lay["cw"], lay["ch"]
    assert cw >= 20 and ch >= 14  # big enough that the values are written into the cells
    plain = _heatmap_image(hm, size)
    hm.hover = (1, 2)
    hovered = _heatmap_image(hm, size)
    border = 3  # the hovered cell's frame and the row/column outline stay within this
    changed_inside, changed_at_all = [], False
    for r in range(3):
        for c in range(4):
            x0, y0 = grid.left() + c * cw, grid.top() + r * ch
            for y in range(y0, y0 + ch):
                for x in range(x0, x0 + cw):
                    if plain.pixel(x, y) != hovered.pixel(x, y):
                        changed_at_all = True
                        if x0 + border <= x < x0 + cw - border and y0 + border <= y < y0 + ch - border:
                            changed_inside.append((r, c, x, y))
    assert changed_at_all  # the hover is visible
    assert not changed_inside, changed_inside[:5]


def test_alternatives_keep_the_score_in_one_column(qtbot):
    """Scores sit in a fixed column that never wraps; a long (or bold, selected) text wraps
    inside its own column, and choosing another row leaves the columns where they were."""
    from PySide6.QtCore import QPoint

    from translator_app.gui.bubbles import ExchangeWidget

    alts = [{"translation": "I do not have time today, but I will gladly come by tomorrow "
                            "and bring the book that you asked me about last week.", "score": -1.69},
            {"translation": "I have no time.", "score": -1.7},
            {"translation": "No time.", "score": -12.25}]
    from translator_app.gui.exchange_model import ExchangeModel

    ex = ExchangeWidget(ExchangeModel.from_history("Ich habe keine Zeit.", "", "de", "en", 0.0,
                                                   {"translation": alts[0]["translation"], "alternatives": alts}))
    qtbot.addWidget(ex)
    ex.setFixedWidth(420)
    ex.show()
    from PySide6.QtCore import Qt

    assert all(b.label.textFormat() == Qt.TextFormat.PlainText for b in ex.alt_buttons)  # never markup
    # three rows, one of them the translation already shown: two alternatives
    assert ex.alt_button.text() == "Alternatives (2)" and len(ex.alt_buttons) == 3
    ex.alt_button.setChecked(True)
    qtbot.waitUntil(lambda: ex.alt_buttons[0].isVisible())

    def columns():
        out = []
        for b in ex.alt_buttons:
            score = b.score_label
            left = score.mapTo(ex, QPoint(0, 0)).x()
            out.append((left, score.width()))
            assert score.text().startswith("score \u2212")  # a minus sign, not a hyphen
            assert score.sizeHint().height() <= score.fontMetrics().height() + 4  # one line
            text_right = b.label.mapTo(ex, QPoint(b.label.width(), 0)).x()
            assert text_right <= left, "the text runs into the score"
        return out

    before = columns()
    assert len(set(before)) == 1, before  # one column, one width
    first = ex.alt_buttons[0]
    assert first.isChecked() and first.label.font().bold()
    assert first.height() > ex.alt_buttons[1].height()  # the long one wraps in its column
    ex.alt_buttons[1].click()
    qtbot.wait(20)
    assert ex.alt_buttons[1].label.font().bold() and not first.label.font().bold()
    assert columns() == before


def test_error_text_puts_paths_on_their_own_lines_and_copies_clean_text(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QTextDocument

    from translator_app.gui.bubbles import ErrorBubble
    from translator_app.gui.error_text import error_html

    path = "/home/me/a-rather-long-directory/my models/no-such-model"
    rich = error_html(f"model not found: {path} does not exist", paths=[path])
    lines = rich.split("<br>")
    assert lines[0] == "model not found:" and lines[-1] == "does not exist"
    assert len(lines) == 3 and "no-\u2060such-\u2060model</span>" in lines[1]  # the whole path,
    # spaces and all, on a line of its own, with no line break after its hyphens
    assert error_html("a/b and 1/2, no paths") == "a/b and 1/2, no paths"
    assert error_html("see /tmp/x.") .endswith("</span>.")  # punctuation stays with the path
    option = error_html("start the app with --model PATH.")
    assert "--model PATH" not in option and "-\u2060-\u2060model\u00a0PATH" in option  # never split

    bubble = ErrorBubble("Could not load the model", f"model not found: {path} does not exist",
                         "Open another model, or start the app with --model PATH.", paths=[path])
    qtbot.addWidget(bubble)
    bubble.resize(300, 200)
    bubble.show()
    assert bubble.message == f"model not found: {path} does not exist"
    assert "--model PATH" in bubble.accessibleDescription()
    for label, plain in ((bubble.body, bubble.message), (bubble.hint_label, bubble.hint)):
        doc = QTextDocument()
        doc.setHtml(label.text())
        label.setSelection(0, doc.characterCount() - 1)  # all of it, as a mouse drag would
        assert label.hasSelectedText()
        label.setFocus()
        qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        copied = QGuiApplication.clipboard().text()
        assert "\u2060" not in copied and "\u00a0" not in copied
        assert " ".join(copied.split()) == plain  # only the line breaks differ


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_stylesheet_tokens_are_all_filled(theme):
    from translator_app.gui.theme import stylesheet

    css = stylesheet(theme, 10.0)
    assert css and "@" not in css


def test_german_catalogue_is_complete_and_compiled():
    import xml.etree.ElementTree as ET

    from translator_app.paths import resources_dir

    folder = resources_dir() / "translations"
    tree = ET.parse(folder / "translator_app_de.ts")
    unfinished = [m.find("source").text for m in tree.getroot().iter("message")
                  if m.find("translation").get("type") in ("unfinished", None) and not _translated(m)]
    assert not unfinished, unfinished
    from PySide6.QtCore import QTranslator

    qm = QTranslator()
    assert qm.load(str(folder / "translator_app_de.qm"))
    assert qm.translate("ExchangeWidget", "score") == "Wert"  # the .qm is compiled from the current .ts


def _translated(message) -> bool:
    tr = message.find("translation")
    return tr.get("type") is None and (bool(tr.text) or bool(list(tr)))


def test_english_plurals(qtbot):
    from PySide6.QtWidgets import QApplication

    from translator_app.gui import i18n
    from translator_app.gui.input_pane import InputPane

    assert i18n.install(QApplication.instance(), "en") == "en"
    pane = InputPane()
    qtbot.addWidget(pane)
    pane.set_text("a")
    assert pane.counter.text() == "1 character"
    pane.set_text("ab")
    assert pane.counter.text() == "2 characters"


def test_unexpected_errors_become_bubbles():
    from translator_app.gui.app import error_bubble_hook

    seen, shown = [], []

    class FakeWindow:
        def _add_error(self, title, message):
            shown.append((title, message))

    hook = error_bubble_hook(FakeWindow(), lambda *args: seen.append(args))
    hook(KeyError, KeyError("x"), None)
    assert seen and shown == [("Unexpected error", "KeyError: 'x'")]


def test_windows_1252_text_file(qtbot, tmp_path):
    from translator_app.gui.input_pane import InputEdit

    edit = InputEdit()
    qtbot.addWidget(edit)
    path = tmp_path / "alt.txt"
    path.write_bytes("Grüße aus Köln".encode("cp1252"))
    assert edit.load_file(str(path))
    assert edit.toPlainText() == "Grüße aus Köln"


def test_big_binary_and_utf16_files(qtbot, tmp_path):
    from translator_app.gui.input_pane import MAX_DROP_BYTES, InputEdit

    edit = InputEdit()
    qtbot.addWidget(edit)
    # larger than the limit, with the cut inside a two-byte "ä": shortened, said so, no mojibake
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" + "ä".encode("utf-8") * MAX_DROP_BYTES)
    with qtbot.waitSignal(edit.file_cut) as cut:
        assert edit.load_file(str(big))
    text = edit.toPlainText()
    assert cut.args == [str(big), MAX_DROP_BYTES]
    assert text.startswith("xää") and set(text[1:]) == {"ä"} and len(text) == 1 + (MAX_DROP_BYTES - 1) // 2
    # a binary file with a .txt name is refused and leaves the input alone
    edit.setPlainText("mein Entwurf")
    png = tmp_path / "bild.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with qtbot.waitSignal(edit.drop_failed) as failed:
        assert not edit.load_file(str(png))
    assert "not a text file" in failed.args[0] and edit.toPlainText() == "mein Entwurf"
    # UTF-16 with a byte-order mark (what some Windows editors write)
    wide = tmp_path / "wide.txt"
    wide.write_bytes("\ufeffGrüße".encode("utf-16-le"))
    assert edit.load_file(str(wide)) and edit.toPlainText() == "Grüße"


def test_a_loaded_file_can_be_undone(qtbot, tmp_path):
    """Dropping or opening a file replaces the unsent text, and Ctrl+Z brings it back."""
    from translator_app.gui.input_pane import InputEdit

    edit = InputEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClicks(edit, "mein Entwurf")
    doc = tmp_path / "brief.txt"
    doc.write_text("Sehr geehrte Damen und Herren,", encoding="utf-8")
    assert edit.load_file(str(doc))
    assert edit.toPlainText() == "Sehr geehrte Damen und Herren,"
    edit.undo()
    assert edit.toPlainText() == "mein Entwurf"


@pytest.mark.parametrize("wish, expected", [("de_AT", "de"), ("de-CH", "de"), ("fr_FR", "en"), ("en_GB", "en")])
def test_ui_language_choice(monkeypatch, wish, expected):
    from translator_app.gui.i18n import ui_language

    monkeypatch.setenv("TRANSLATOR_UI_LANG", wish)
    assert ui_language() == expected
    assert ui_language("de") == "de"  # an explicit preference wins


def test_clicking_a_source_word_names_it(qtbot):
    from PySide6.QtCore import QPoint, Qt

    from translator_app.gui.bubbles import ExchangeWidget
    from translator_app.gui.exchange_model import ExchangeModel

    ex = ExchangeWidget(ExchangeModel.from_history("Der Hund bellt.", "The dog barks.", "de", "en", 0.0, {}))
    qtbot.addWidget(ex)
    ex.show()
    qtbot.waitExposed(ex)
    flow = ex.source_flow
    second = flow._rects(flow.width())[1]
    with qtbot.waitSignal(ex.source_word_clicked) as blocker:
        qtbot.mouseClick(flow, Qt.MouseButton.LeftButton, pos=QPoint(second.center().x(), second.center().y()))
    assert blocker.args == [ex, "Hund"]


def test_a_dropped_word_is_marked_in_the_source_bubble(qtbot):
    """The engine's warning (engine/coverage.py) shows as a dashed red line under the word
    in the source bubble, with a tooltip; the other words are not marked."""
    from translator_app.engine.coverage import Loss
    from translator_app.engine.result import Segment, Translation
    from translator_app.gui.bubbles import ExchangeWidget
    from translator_app.gui.exchange_model import ExchangeModel

    tokens = dict(source_tokens=["▁am", "▁3.", "▁Dezember", "</s>"], target_tokens=["▁at", "▁3"],
                  attention=[[0.9, 0.0, 0.0, 0.1], [0.0, 0.9, 0.0, 0.1]], token_probs=[0.9, 0.9])
    segment = Segment("am 3. Dezember", "at 3", **tokens, losses=[Loss("dropped", ["Dezember"])])
    t = Translation(source="am 3. Dezember", translation="at 3", **tokens, alternatives=[], segments=[segment],
                    src_lang="de", tgt_lang="en", device="cpu", ms=1.0)
    ex = ExchangeWidget(ExchangeModel.from_translation(t))
    qtbot.addWidget(ex)
    ex.show()
    assert ex.source_flow.warn == {2}
    assert "Not translated" in ex.source_flow.word_tips[2] and 0 not in ex.source_flow.word_tips
    assert ex.target_flow.warn == set()
    ex.source_flow.grab()  # paints the mark without error


def test_the_end_column_reads_end_at_word_level_and_the_tooltip_has_no_jargon(qtbot, qapp, tmp_path):
    from translator_app.gui import heatmap_render, i18n
    from translator_app.gui.alignment import piece_matrix, word_matrix
    from translator_app.gui.heatmap import HeatmapWidget

    src, tgt, att = ["▁Der", "▁Hund", "</s>"], ["▁The", "▁dog"], [[0.8, 0.1, 0.1], [0.1, 0.6, 0.3]]
    hm = HeatmapWidget()
    qtbot.addWidget(hm)
    hm.set_matrix(word_matrix(src, tgt, att), level="word")
    assert hm.end_label() == "(end)" and hm.scene().end_label == "(end)"
    tip = hm.tooltip_for(1, 2)
    assert "“(end)”" in tip and "end of the input" in tip and "piece" not in tip and "</s>" not in tip
    assert "piece" not in hm.tooltip_for(0, 0)
    assert heatmap_render.save_svg(hm.scene(), str(tmp_path / "w.svg"))
    assert "(end)" in (tmp_path / "w.svg").read_text(encoding="utf-8")
    hm.set_matrix(piece_matrix(src, tgt, att), level="piece")
    assert hm.end_label() == "</s>" and "end-of-sentence token" in hm.tooltip_for(1, 2)
    try:
        i18n.install(qapp, "de")
        hm.set_matrix(word_matrix(src, tgt, att), level="word")
        assert hm.end_label() == "(Ende)" and "Ende der Eingabe" in hm.tooltip_for(1, 2)
    finally:
        i18n.install(qapp, "en")


def test_a_narrow_confidence_legend_ends_with_an_ellipsis_not_a_cut_glyph(qtbot):
    """At 700 px before the first translation the panel cut the line through a dot ("●○C")."""
    from translator_app.gui.bubble_parts import confidence_legend, confidence_legend_short
    from translator_app.gui.compact import LegendLine

    line = LegendLine(confidence_legend_short(), confidence_legend())
    qtbot.addWidget(line)
    line.resize(600, 30)
    line.show()
    qtbot.waitUntil(lambda: line.label.text() == confidence_legend_short(), timeout=2000)
    line.resize(150, 30)
    qtbot.waitUntil(lambda: line.label.text().endswith("…"), timeout=2000)
    assert line.label.fontMetrics().horizontalAdvance(line.label.text()) <= 150 - line.more.sizeHint().width()
    assert line.label.toolTip() == confidence_legend()


def test_a_long_meta_line_wraps_instead_of_holding_the_exchange_wide(qtbot):
    """German at 700 x 800: "EN · 16:21 · 178 ms · CPU · aus Ihrem Übersetzungsspeicher" in
    one line held the exchange at 391 px, wider than the chat, and every bubble was cut."""
    from translator_app.engine.result import Alternative, Translation
    from translator_app.gui.bubbles import ExchangeWidget
    from translator_app.gui.exchange_model import ExchangeModel

    t = Translation(source="Ich gehe jetzt nach Hause", translation="I'm heading home now.",
                    source_tokens=["▁Ich", "</s>"], target_tokens=["▁I", "</s>"], attention=[[0.9, 0.1], [0.1, 0.9]],
                    token_probs=[0.9, 0.9], alternatives=[Alternative("I'm heading home now.", -0.1)], segments=[],
                    src_lang="de", tgt_lang="en", device="cpu", ms=178.0, origin="memory")
    ex = ExchangeWidget(ExchangeModel.from_translation(t), None)
    qtbot.addWidget(ex)
    ex.translation_meta.setText(ex.translation_meta.text() + " · aus Ihrem Übersetzungsspeicher")
    one_line = ex.translation_meta.fontMetrics().horizontalAdvance(ex.translation_meta.text())
    assert ex.minimumSizeHint().width() < one_line
