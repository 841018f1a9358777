"""The card's Examples section (pytest-qt, offscreen), on the tiny made-up example file."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from translator_app.dictionary.examples import Example, Examples
from translator_app.gui.dictionary_card import DictionaryCard, DictionaryController
from translator_app.gui.examples_section import SHOWN, marked_html

DATA = Path(__file__).resolve().parent.parent / "data"
TINY_EXAMPLES = DATA / "examples" / "de-en-examples-tiny.xz"
TINY = DATA / "dictionary" / "de-en-tiny"


@pytest.fixture
def opened(tmp_path):
    return {"source": TINY, "db_path": tmp_path / "dict.sqlite", "hash_files": [],
            "examples": {"source": TINY_EXAMPLES, "db_path": tmp_path / "ex.sqlite", "hash_files": []}}


def test_marked_html_bolds_the_spans_and_escapes():
    assert marked_html("A <b> Haus & Hof", ((6, 10),)) == "A &lt;b&gt; <b>Haus</b> &amp; Hof"
    assert marked_html("Haus", ()) == "Haus"


def test_the_section_shows_five_pairs_bold_on_both_sides(qtbot, tmp_path):
    ex = Examples.open(TINY_EXAMPLES, tmp_path / "ex.sqlite", hash_files=[])
    found = ex.lookup("Haus", "de", limit=10, translations=["house"])
    ex.close()
    assert len(found) > SHOWN
    card = DictionaryCard()
    qtbot.addWidget(card)
    card.show()
    assert card.examples.isHidden()                        # nothing yet: no empty section
    card.examples.set_examples(found, "de")
    assert card.examples.isVisible() and card.examples.title.text() == "Examples"
    assert len(card.examples.labels) == SHOWN
    first = card.examples.labels[0].text()
    assert first.startswith("Das ist mein <b>Haus</b>.<br>") and "my <b>house</b>." in first
    assert "font-size:small" in first and "Tatoeba" in first
    games = Example(1, "Der Bahnhof ist weit.", "The station is far.", "games", "game dialogue", "exact",
                    ((4, 11),), ((4, 11),))
    card.examples.set_examples([games], "en")               # English first when looked up in English
    text = card.examples.labels[0].text()
    assert text.startswith("The <b>station</b> is far.<br>") and "Der <b>Bahnhof</b> ist weit." in text
    card.set_pending("Tisch", "de")                          # a new term: the old examples go
    assert card.examples.isHidden() and not card.examples.labels


def test_the_controller_fills_the_examples_after_the_entries(qtbot, opened):
    ctl = DictionaryController(**opened)
    exchange = SimpleNamespace()
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host)
    host.model = SimpleNamespace(source="Haus", src_lang="de")
    host.show()
    try:
        with qtbot.waitSignal(ctl.lookups.examples_found, timeout=20000):
            ctl.show_word(host, "Haus")
        card = host.findChild(DictionaryCard)
        assert card.entries and card.examples.isVisible()
        first = card.examples.labels[0].text()
        # the dictionary's translations of "Haus" (house) mark the English side
        assert "<b>Haus</b>" in first and "<b>house</b>" in first
        with qtbot.waitSignal(ctl.lookups.examples_found, timeout=20000):
            ctl.show_word(host, "xyzzy")
        assert card.examples.isHidden()
    finally:
        ctl.shutdown()
    del exchange


def test_examples_in_german(qtbot, qapp):
    from translator_app.gui import i18n

    try:
        assert i18n.install(qapp, "de") == "de"
        card = DictionaryCard()
        qtbot.addWidget(card)
        games = Example(1, "Der Bahnhof ist weit.", "The station is far.", "games", "game dialogue", "exact")
        card.examples.set_examples([games], "de")
        assert card.examples.title.text() == "Beispiele"
        assert "Spieldialog" in card.examples.labels[0].text()
    finally:
        i18n.install(qapp, "en")


def test_the_about_dialog_credits_the_shipped_examples(qtbot, monkeypatch):
    from translator_app.gui.dialogs import AboutDialog

    monkeypatch.delenv("TRANSLATOR_EXAMPLES_DATA")           # the shipped file, not the tiny one
    dialog = AboutDialog({})
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Example sentences: Tatoeba (tatoeba.org) and its contributors (CC-BY 2.0 FR)" in text
    assert "The Battle for Wesnoth and its translators (GPL-2+)" in text
    assert "Cataclysm: Dark Days Ahead and its translators (CC-BY-SA-3.0)" in text
    monkeypatch.setenv("TRANSLATOR_EXAMPLES_DATA", "/nonexistent/ex.xz")
    gone = AboutDialog({})
    qtbot.addWidget(gone)
    assert "Example sentences" not in gone.browser.toPlainText()   # no file: no line, no error


def test_the_window_card_shows_examples_for_a_short_input(make_window, qtbot):
    """The real window: a one-word input's card gets its Examples section (tiny example file)."""
    w = make_window()
    shown = []
    w.translation_shown.connect(shown.append)
    w.input.set_text("Haus")
    w.send()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=60000)
    card = shown[0].findChild(DictionaryCard)
    assert card is not None
    qtbot.waitUntil(lambda: bool(card.examples.labels), timeout=20000)
    assert card.examples.isVisible() and len(card.examples.labels) == SHOWN
    assert card.examples.labels[0].text().startswith("Das ist mein <b>Haus</b>.")


def test_examples_come_without_the_dictionary(qtbot, opened, tmp_path):
    from translator_app.gui.lookup_worker import DictionaryLookups

    lookups = DictionaryLookups(source=tmp_path / "no-ding.xz", db_path=tmp_path / "d.sqlite", hash_files=[],
                                examples=opened["examples"])
    statuses, found = [], []
    lookups.status.connect(statuses.append)
    lookups.examples_found.connect(lambda term, examples, lang: found.append(examples))
    try:
        with qtbot.waitSignal(lookups.examples_found, timeout=20000):
            lookups.request("Haus", "de")
        assert any("not available" in s for s in statuses)       # the dictionary's failure is said
        assert found[0][0].german == "Das ist mein Haus." and found[0][0].english_spans == ()
    finally:
        lookups.shutdown()
