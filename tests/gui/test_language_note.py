"""Issue 19: input that does not look like the source language gets a note on its
translation bubble, and the note's swap button translates the same text the other way."""

from __future__ import annotations

import json

import pytest

from translator_app.engine import langid
from translator_app.engine.result import LanguageNote
from translator_app.gui.bubbles import ExchangeWidget
from translator_app.gui.exchange_model import ExchangeModel

pytestmark = pytest.mark.timeout(120)

GERMAN = "Guten Morgen, wie geht es dir heute? Ich habe leider keine Zeit."


def _send(qtbot, w, text: str) -> ExchangeWidget:
    w.input.set_text(text)
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        w.send()
    return blocker.args[0]


def test_german_given_as_english_offers_the_swap(qtbot, make_window):
    w = make_window()
    w.language_bar.set_pair("en", "de")
    ex = _send(qtbot, w, GERMAN)
    assert ex.model.language_note is not None and ex.model.language_note.detected == "de"
    assert ex.note_label is not None and "German" in ex.note_label.text()
    assert ex.swap_button is not None and ex.swap_button.text() == "Swap to German → English"
    with qtbot.waitSignal(w.translation_shown, timeout=60_000) as blocker:
        ex.swap_button.click()
    again = blocker.args[0]
    assert w.language_bar.pair() == ("de", "en")
    assert (again.model.source, again.model.src_lang, again.model.tgt_lang) == (GERMAN, "de", "en")
    assert again.model.language_note is None and again.note_label is None


def test_a_normal_translation_has_no_note(qtbot, make_window):
    w = make_window()
    ex = _send(qtbot, w, GERMAN)  # German -> English, the default direction
    assert ex.model.language_note is None
    assert ex.note_label is None and ex.swap_button is None


def test_the_note_survives_the_history(qtbot):
    model = ExchangeModel(source="Hallo Welt", translation="x", src_lang="en", tgt_lang="de",
                          source_tokens=[], target_tokens=[], attention=[], token_probs=[],
                          alternatives=[], confidence=1.0,
                          language_note=LanguageNote("This looks like German, not English", "de"))
    row = model.to_history()
    back = ExchangeModel.from_history("Hallo Welt", "x", "en", "de", model.created, row)
    assert back.language_note == model.language_note
    plain = ExchangeModel.from_history("Hallo", "x", "de", "en", 0.0, {"translation": "x"})
    assert plain.language_note is None
    # a script note has no language to swap to: the note shows, the button does not
    script = ExchangeModel(source="שלום", translation="x", src_lang="de", tgt_lang="en",
                           source_tokens=[], target_tokens=[], attention=[], token_probs=[],
                           alternatives=[], confidence=1.0, language_note=LanguageNote("Hebrew script", None))
    widget = ExchangeWidget(script)
    qtbot.addWidget(widget)
    assert widget.note_label is not None and widget.swap_button is None


def test_the_swap_button_in_german(qtbot):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from translator_app.paths import resources_dir

    translator = QTranslator()
    assert translator.load(str(resources_dir() / "translations" / "translator_app_de.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        model = ExchangeModel(source="Guten Morgen", translation="x", src_lang="en", tgt_lang="de",
                              source_tokens=[], target_tokens=[], attention=[], token_probs=[],
                              alternatives=[], confidence=1.0, language_note=LanguageNote("…", "de"))
        widget = ExchangeWidget(model)
        qtbot.addWidget(widget)
        assert widget.swap_button.text() == "Wechseln zu Deutsch → Englisch"
        assert widget.note_label.text() == "ℹ …"  # a note kept before kinds existed: as it was worded
        for text, src, german in (("Guten Morgen, wie geht es dir heute?", "en",
                                   "Das sieht nach Deutsch aus, nicht nach Englisch: die Sprachen tauschen?"),
                                  ("Привет, как дела у тебя сегодня?", "de",
                                   "überwiegend in kyrillischer Schrift, nicht Deutsch")):
            note = langid.check(text, src)
            model = ExchangeModel(source=text, translation="x", src_lang=src, tgt_lang="de" if src == "en" else "en",
                                  source_tokens=[], target_tokens=[], attention=[], token_probs=[],
                                  alternatives=[], confidence=1.0, language_note=note)
            back = ExchangeModel.from_history(text, "x", model.src_lang, model.tgt_lang, model.created,
                                              json.loads(json.dumps(model.to_history())))
            assert back.language_note == note
            widget = ExchangeWidget(back)
            qtbot.addWidget(widget)
            assert german in widget.note_label.text() and note.message not in widget.note_label.text()
    finally:
        QCoreApplication.removeTranslator(translator)
