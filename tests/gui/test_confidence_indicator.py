"""The bubble's confidence: the engine's level of a model answer, and no model confidence
for a dictionary answer (it showed 0 %: the model's view of a human translation)."""

from __future__ import annotations

from translator_app.engine.confidence import HIGH, MEDIUM
from translator_app.engine.result import Alternative, Translation
from translator_app.gui.bubble_parts import ConfidenceIndicator, confidence_legend
from translator_app.gui.exchange_model import ExchangeModel


def _model(origin: str, probs: list[float]) -> ExchangeModel:
    t = Translation(source="Guten Appetit", translation="Enjoy your meal!", source_tokens=["▁Guten", "</s>"],
                    target_tokens=["▁Enjoy", "</s>"], attention=[[0.9, 0.1], [0.1, 0.9]], token_probs=probs,
                    alternatives=[Alternative("Enjoy your meal!", -0.1)], segments=[], src_lang="de",
                    tgt_lang="en", device="cpu", ms=1.0, origin=origin)
    return ExchangeModel.from_translation(t)


def test_a_dictionary_answer_has_no_model_confidence_label(qtbot):
    m = _model("dictionary", [0.001, 0.002])
    assert m.confidence is None and m.view().confidence_level is None
    label = ConfidenceIndicator(m.confidence, m.view().confidence_level)
    qtbot.addWidget(label)
    assert label.text() == "no model confidence" and "%" not in label.text() and label.level == "dictionary"
    assert "dictionary" in label.toolTip()
    back = ExchangeModel.from_history(m.source, m.shown, "de", "en", 0.0, m.to_history())
    assert back.confidence is None  # the history keeps the origin, so no confidence comes back


def test_a_model_answer_shows_its_level_and_percentage(qtbot):
    m = _model("model", [0.2, 0.2])
    label = ConfidenceIndicator(m.confidence, m.view().confidence_level)
    qtbot.addWidget(label)
    assert m.view().confidence_level == "low" and label.text() == "●○○ low confidence (20%)"
    sure = _model("model", [0.99, 0.99])
    assert sure.view().confidence_level == "high"


def test_the_legend_names_the_shipped_levels():
    legend = confidence_legend()
    assert f"{round(HIGH * 100)}% or more" in legend and f"under {round(MEDIUM * 100)}%" in legend
    assert "dictionary answer" in legend and "agree" in legend


def test_a_confidence_capped_by_a_lost_word_says_why_it_is_not_high(qtbot):
    """'<b>Hallo</b> 🍕 ACHTUNG: ZUG', copied back at 72 %, reads medium beside its 'not
    translated' mark: the tooltip must not contradict that with "high: 46% or more" alone."""
    from translator_app.engine.coverage import Loss

    m = _model("model", [0.99, 0.99])
    m.losses = [Loss("dropped", ["Guten"])]
    view = m.view()
    assert m.confidence >= HIGH and view.confidence_level == "medium" and view.source_marks
    capped = ConfidenceIndicator(m.confidence, view.confidence_level)
    qtbot.addWidget(capped)
    assert capped.text().startswith("●●○ medium confidence")
    assert capped.toolTip().startswith("Medium, not high: a word of the input was not translated")
    plain = ConfidenceIndicator(0.3, "medium")  # medium by its value: no such reason
    qtbot.addWidget(plain)
    assert not plain.toolTip().startswith("Medium, not high") and "medium at most" in plain.toolTip()


def _widest_line(tip: str) -> int:
    """The tooltip's width in pixels as Qt draws a plain one: its longest line in QToolTip's font."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QToolTip

    fm = QFontMetrics(QToolTip.font())
    return max(fm.horizontalAdvance(line) for line in tip.split("\n"))


def test_the_confidence_tooltips_wrap_at_a_readable_width(qtbot):
    """Every paragraph on one line made the legend's tooltip 1,085 px wide (offscreen, 9 pt)."""
    from translator_app.gui.bubble_parts import TOOLTIP_WIDTH

    for value, level in ((0.9, "high"), (0.9, "medium"), (0.1, "low"), (None, None)):
        label = ConfidenceIndicator(value, level)
        qtbot.addWidget(label)
        tip = label.toolTip()
        assert tip.count("\n") >= 1 and 200 < _widest_line(tip) <= TOOLTIP_WIDTH <= 480
        assert " ".join(tip.split()) == " ".join(_unwrapped(value, level).split())   # no word lost
        assert "●●●\n" not in tip and "\n·" not in tip and "under\n" not in tip    # signs stay with their words


def test_the_german_confidence_tooltip_wraps_too(qtbot):
    from PySide6.QtWidgets import QApplication

    from translator_app.gui import i18n
    from translator_app.gui.bubble_parts import TOOLTIP_WIDTH

    app = QApplication.instance()
    assert i18n.install(app, "de") == "de"
    try:
        label = ConfidenceIndicator(0.9, "high")
        qtbot.addWidget(label)
        assert "Sicherheit" in label.toolTip() and _widest_line(label.toolTip()) <= TOOLTIP_WIDTH
    finally:
        i18n.install(app, "en")


def _unwrapped(value, level) -> str:
    from translator_app.engine.confidence import HIGH

    if value is None:
        return ("This answer is not the model's own (it comes from the dictionary, the example sentences, a memory, "
                "or you), so the model's confidence does not apply to it.")
    capped = level == "medium" and value >= HIGH
    return ("Medium, not high: a word of the input was not translated (dashed red line). " if capped else "") + \
        confidence_legend()
