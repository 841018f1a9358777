"""The dictionary card and its worker (pytest-qt, offscreen), on the tiny made-up Ding file."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from translator_app.dictionary.lookup import Dictionary
from translator_app.gui.dictionary_card import TOP, DictionaryCard, wants_card
from translator_app.gui.lookup_worker import LIMIT, DictionaryLookups

TINY = Path(__file__).resolve().parent.parent / "data" / "dictionary" / "de-en-tiny"


@pytest.fixture
def tiny_open(tmp_path):
    return {"source": TINY, "db_path": tmp_path / "dict.sqlite", "hash_files": []}


@pytest.fixture
def entries(tiny_open):
    d = Dictionary.open(**tiny_open)
    yield d.lookup("Haus", "de", limit=30)
    d.close()


@pytest.fixture
def one_tier(entries):
    """The same entries as one tier: the card's first page is then simply the top five."""
    from dataclasses import replace

    return [replace(e, match="exact") for e in entries]


def test_card_shows_top_five_then_more(qtbot, one_tier):
    assert len(one_tier) > TOP
    card = DictionaryCard()
    qtbot.addWidget(card)
    card.show()
    card.set_entries("Haus", one_tier, "de")
    assert [e.headword for e in card.visible_entries()] == [e.headword for e in one_tier[:TOP]]
    assert card.more_button.isVisible() and str(len(one_tier) - TOP) in card.more_button.text()
    want = "more…" if len(one_tier) >= LIMIT else f"{len(one_tier) - TOP} more entries"  # says what comes
    assert card.more_button.text() == want
    assert "<b>Haus</b>" in card.labels[0].text() and "house" in card.labels[0].text()
    assert "{n}" in card.labels[0].text()                  # annotations shown, not stripped
    with qtbot.waitSignal(card.more_requested, timeout=1000) as signal:
        card.more_button.setFocus()
        qtbot.keyClick(card.more_button, Qt.Key.Key_Space)  # keyboard, not only the mouse
    assert signal.args == ["Haus", "de"]
    assert len(card.visible_entries()) == len(one_tier) and not card.more_button.isVisible()


def test_card_empty_and_no_entries(qtbot):
    card = DictionaryCard()
    qtbot.addWidget(card)
    card.set_entries("xyzzy", [], "de")
    assert "xyzzy" in card.status.text() and not card.labels and card.more_button.isHidden()


def test_lookups_run_in_a_worker_and_report_the_build(qtbot, tiny_open):
    lookups = DictionaryLookups(**tiny_open)
    card = DictionaryCard()
    qtbot.addWidget(card)
    lookups.found.connect(card.set_entries)
    statuses = []
    lookups.status.connect(statuses.append)
    assert not lookups.started                               # nothing opened before the first request
    try:
        with qtbot.waitSignal(lookups.found, timeout=20000):
            lookups.request("houses", "en")
        assert card.term == "houses" and card.lang == "en"
        assert card.entries[0].headword == "house"
        assert any("Building the dictionary" in s for s in statuses)
        with qtbot.waitSignal(lookups.found, timeout=5000):   # the newest request wins
            lookups.request("Strasse", "de")
            lookups.request("Tisch", "de")
        qtbot.waitUntil(lambda: card.term == "Tisch", timeout=5000)
        assert card.entries[0].headword == "Tisch"
    finally:
        lookups.shutdown()


def test_missing_data_is_a_message(qtbot, tmp_path):
    lookups = DictionaryLookups(source=tmp_path / "none.xz", db_path=tmp_path / "d.sqlite", hash_files=[])
    try:
        with qtbot.waitSignal(lookups.status, timeout=5000,
                              check_params_cb=lambda m: "not available" in m) as blocker:
            lookups.request("Haus", "de")
        assert "DictionaryError" not in blocker.args[0]  # the error's own words, as before
    finally:
        lookups.shutdown()


def test_the_worker_emits_the_exception_and_stays_broken(tmp_path):
    from translator_app.dictionary.lookup import DictionaryError
    from translator_app.gui.lookup_worker import _Worker

    worker = _Worker({"source": tmp_path / "none.xz", "db_path": tmp_path / "d.sqlite", "hash_files": []})
    failures = []
    worker.failed.connect(failures.append)  # same thread: delivered at once
    worker.lookup(1, "Haus", "de", 10)
    worker.lookup(2, "Tisch", "de", 10)  # not opened again
    assert len(failures) == 2 and isinstance(failures[0], DictionaryError) and failures[1] is failures[0]


def test_which_inputs_get_a_card():
    assert wants_card("Haus") and wants_card("Guten Morgen") and wants_card("den Tisch decken heute")
    assert not wants_card("Das ist ein ganzer Satz mit vielen Wörtern.") and not wants_card("   ")


def test_the_card_looks_up_the_words_without_tags_urls_and_emoji():
    from translator_app.gui.dictionary_card import card_term

    assert card_term("<b>Hallo</b>") == "Hallo"
    assert card_term("<p>Guten <i>Morgen</i></p> 🍕") == "Guten Morgen"
    assert card_term("Haus https://example.org/haus") == "Haus"
    assert card_term("Haus") == "Haus"
    assert not wants_card("<b></b> 🍕")                       # nothing left to look up
    assert wants_card("<span class='x'>Haus</span>")         # one word, whatever its markup


def test_card_strings_in_german(qtbot, qapp, one_tier):
    from translator_app.gui import i18n

    try:
        assert i18n.install(qapp, "de") == "de"
        card = DictionaryCard()
        qtbot.addWidget(card)
        card.set_entries("Haus", one_tier, "de")
        assert card.title.text() == "Wörterbuch: Haus"
        hidden = len(one_tier) - TOP
        assert card.more_button.text() == ("mehr…" if len(one_tier) >= LIMIT else f"{hidden} weitere Einträge")
        card.set_entries("Haus", one_tier[:TOP + 1], "de")
        assert card.more_button.text() == "1 weiterer Eintrag"
        card.set_entries("xyzzy", [], "de")
        assert "Keine Wörterbucheinträge" in card.status.text()
    finally:
        i18n.install(qapp, "en")


class _Exchange:
    """Stands in for bubbles.ExchangeWidget: a frame with a layout, its data and the signal."""

    @staticmethod
    def make(source: str, lang: str = "de"):
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

        class Exchange(QFrame):
            source_word_clicked = Signal(object, str)

        ex = Exchange()
        ex.model = SimpleNamespace(source=source, src_lang=lang)
        QVBoxLayout(ex).addWidget(QLabel("translation bubble"))
        return ex


def test_controller_cards_for_short_inputs_and_clicked_words(qtbot, tiny_open):
    from translator_app.gui.dictionary_card import DictionaryController

    ctl = DictionaryController(**tiny_open)
    try:
        long_ex = _Exchange.make("Er wohnt seit vielen Jahren in einem großen Haus.")
        qtbot.addWidget(long_ex)
        ctl.exchange_added(long_ex, fresh=True)
        assert long_ex.findChild(DictionaryCard) is None and not ctl.lookups.started  # a sentence: no card
        short = _Exchange.make("Häuser")
        qtbot.addWidget(short)
        short.show()
        ctl.exchange_added(short, fresh=True)
        card = short.findChild(DictionaryCard)
        assert card is not None and short.layout().indexOf(card) == 1   # under the translation bubble
        qtbot.waitUntil(lambda: bool(card.entries), timeout=20000)
        assert card.entries[0].headword == "Haus" and card.isVisible()
        long_ex.show()
        long_ex.source_word_clicked.emit(long_ex, "Haus.")               # a click on a source word
        word_card = long_ex.findChild(DictionaryCard)
        qtbot.waitUntil(lambda: word_card.term == "Haus" and bool(word_card.entries), timeout=5000)
        assert word_card.entries[0].match == "exact"
        tagged = _Exchange.make("<b>Häuser</b> 🏠")
        qtbot.addWidget(tagged)
        ctl.exchange_added(tagged, fresh=True)                            # the tag and emoji are not looked up
        tagged_card = tagged.findChild(DictionaryCard)
        qtbot.waitUntil(lambda: bool(tagged_card.entries), timeout=5000)
        assert tagged_card.term == "Häuser" and tagged_card.entries[0].headword == "Haus"
        old = _Exchange.make("Tisch")
        qtbot.addWidget(old)
        ctl.exchange_added(old, fresh=False)                              # from the history: no lookup
        assert old.findChild(DictionaryCard) is None
        import shiboken6

        gone = _Exchange.make("Straße")
        ctl.exchange_added(gone, fresh=True)
        with qtbot.waitSignal(ctl.lookups.found, timeout=5000):
            shiboken6.delete(gone)                                        # cleared before the answer
        assert ctl._live_card() is None
    finally:
        ctl.shutdown()


def test_window_card_for_a_short_input_and_a_clicked_word(make_window, qtbot):
    """The real window: no dictionary at start; a short input gets a card under its
    translation; clicking a source word (in the bubble, or a heatmap label) shows its entries."""
    from PySide6.QtCore import QPoint

    w = make_window()
    assert not w.dictionary.lookups.started           # lazy: nothing opened at start
    shown = []
    w.translation_shown.connect(shown.append)
    w.input.set_text("Häuser")
    w.send()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=60000)
    card = shown[0].findChild(DictionaryCard)
    assert card is not None
    qtbot.waitUntil(lambda: bool(card.entries), timeout=20000)
    assert card.entries[0].headword == "Haus" and card.isVisible()
    w.input.set_text("Der Tisch ist alt und sehr schön, sagt er.")
    w.send()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=60000)
    ex = shown[1]
    assert ex.findChild(DictionaryCard) is None            # a sentence: no card by itself
    flow = ex.source_flow
    qtbot.waitExposed(ex)
    second = flow._rects(flow.width())[1]
    qtbot.mouseClick(flow, Qt.MouseButton.LeftButton, pos=QPoint(second.center().x(), second.center().y()))
    card = ex.findChild(DictionaryCard)
    assert card is not None
    qtbot.waitUntil(lambda: card.term == "Tisch" and bool(card.entries), timeout=20000)
    assert card.entries[0].headword == "Tisch"
    w.conversation.select(ex)
    w.panel.set_level("word")
    labels = ex.model.words.source
    col = next(i for i, label in enumerate(labels) if "schön" in label)
    hm = w.panel.heatmap
    qtbot.waitUntil(lambda: hm.matrix is not None and hm.width() > 0, timeout=5000)
    lay = hm._layout(hm.size())
    label_pos = QPoint(lay["grid"].left() + col * lay["cw"] + lay["cw"] // 2, lay["grid"].top() - 3)
    assert hm.source_label_at(label_pos) == col
    qtbot.mouseClick(hm, Qt.MouseButton.LeftButton, pos=label_pos)   # a click on the heatmap's label
    qtbot.waitUntil(lambda: card.term == "schön" and bool(card.entries), timeout=20000)
    assert card.entries[0].headword == "schön"


def test_more_fetches_the_rest_when_the_first_page_was_full(qtbot, tiny_open, monkeypatch):
    from translator_app.gui import dictionary_card as dc

    monkeypatch.setattr(dc, "TOP", 2)
    monkeypatch.setattr(dc, "LIMIT", 3)
    ctl = dc.DictionaryController(**tiny_open)
    try:
        ex = _Exchange.make("Haus")
        qtbot.addWidget(ex)
        ex.show()
        ctl.exchange_added(ex, fresh=True)
        card = ex.findChild(DictionaryCard)
        qtbot.waitUntil(lambda: len(card.entries) == 3, timeout=20000)
        assert len(card.visible_entries()) == 2 and card.more_button.text() == "more…"
        qtbot.mouseClick(card.more_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(card.entries) > 3, timeout=5000)
        assert len(card.visible_entries()) == len(card.entries) and card.more_button.isHidden()
    finally:
        ctl.shutdown()


def test_one_hidden_entry_reads_one_more_entry(qtbot, qapp, one_tier):
    from translator_app.gui import i18n

    i18n.install(qapp, "en")  # the English catalogue holds the plural forms
    card = DictionaryCard()
    qtbot.addWidget(card)
    card.set_entries("Haus", one_tier[:TOP + 1], "de")
    assert card.more_button.text() == "1 more entry"


def test_the_first_page_holds_only_the_best_tier(qtbot, entries):
    """Tiny "Haus": its two exact entries, the prefix and contains ones behind "N more"."""
    card = DictionaryCard()
    qtbot.addWidget(card)
    card.show()
    card.set_entries("Haus", entries, "de")
    exact = [e.headword for e in entries if e.match == "exact"]
    assert [e.headword for e in card.visible_entries()] == exact == ["Haus", "Anwesen"]
    hidden = len(entries) - len(exact)
    assert card.more_button.text() == ("more…" if len(entries) >= LIMIT else f"{hidden} more entries")
    qtbot.mouseClick(card.more_button, Qt.MouseButton.LeftButton)
    assert len(card.visible_entries()) == len(entries)
