"""The dictionary card: Ding entries for a word or short phrase, under the translation,
filled by lookup_worker.DictionaryLookups (DictionaryController wires the two):

    card = DictionaryCard()
    lookups = DictionaryLookups()              # nothing is opened until the first request
    lookups.found.connect(card.set_entries)
    lookups.status.connect(card.set_status)
    lookups.request("Haus", "de", LIMIT)       # runs in a worker thread
    ...
    lookups.shutdown()                         # at window close

The card shows the best tier's top 5 entries (lookup.paged: no "hauswirtschaftlich" for
"Haus"), then a "N more entries" (or, after a full page, "more…") button that reveals the rest and emits
``more_requested(term, lang)``; under them, the "Examples" section (examples_section.py,
filled from ``lookups.examples_found``). Everything is reachable by Tab; entry texts are selectable
by keyboard. Colours come from the palette, so the dark theme works unchanged.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ..dictionary.lookup import paged
from .examples_section import ExamplesSection, rich_label
from .lookup_worker import LIMIT, DictionaryLookups

TOP = 5
MORE_LIMIT = 60      # fetched when "more…" is pressed
MAX_WORDS = 4        # the window shows the card for inputs up to this many words
MAX_SENSES = 3       # senses shown per entry (the rest are in the tooltip)


def card_term(text: str) -> str:
    """What the card looks up for an input: its words without the protected spans (tags, URLs,
    placeholders: engine/spans.py) and emoji the model does not translate either, so
    "<b>Hallo</b> 🍕" looks up "Hallo"."""
    from ..engine.copying import emoji_at
    from ..engine.spans import find

    out, last = [], 0
    for start, end, _kind in find(text):
        out.append(text[last:start] + " ")
        last = end
    out.append(text[last:])
    plain = "".join(out)
    plain = "".join(" " if emoji_at(plain, i) else ch for i, ch in enumerate(plain))
    return " ".join(plain.split())


def wants_card(text: str) -> bool:
    """Inputs of up to MAX_WORDS words get a card (a sentence is not a dictionary question);
    the words are card_term's."""
    words = card_term(text).split()
    return 0 < len(words) <= MAX_WORDS and len(text) <= 80


class DictionaryCard(QFrame):
    more_requested = Signal(str, str)   # term, lang

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dictionaryCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.tr("Dictionary"))
        self.term = ""
        self.lang = "de"
        self.entries: list = []
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(10, 8, 10, 8)
        self._lay.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("dictionaryTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self._lay.addWidget(self.title)
        self.status = QLabel()
        self.status.setObjectName("dictionaryStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self._lay.addWidget(self.status)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(4)
        self._lay.addLayout(self._rows)
        self.more_button = QPushButton()
        self.more_button.setObjectName("dictionaryMore")
        self.more_button.setFlat(True)
        self.more_button.clicked.connect(self._more)
        self._lay.addWidget(self.more_button)
        self.examples = ExamplesSection(self)   # filled after the entries (set_examples)
        self._lay.addWidget(self.examples)
        self.labels: list[QLabel] = []
        self.set_entries("", [], "de")

    # -- API --------------------------------------------------------------------------------
    def set_status(self, message: str) -> None:
        """A line such as "Building the dictionary… 40%" or an error; empty hides it."""
        self.status.setText(message)
        self.status.setVisible(bool(message))

    def set_pending(self, term: str, lang: str) -> None:
        """The card for ``term`` while its lookup runs."""
        self.set_entries("", [], lang)
        self.examples.clear()
        self.term = term
        self.title.setText(self.tr("Dictionary: {0}").format(term))
        self.set_status(self.tr("Looking up…"))

    def set_entries(self, term: str, entries: list, lang: str = "de", expanded: bool = False) -> None:
        """Show ``entries`` (dictionary.lookup.Entry) for ``term``: the top 5, then "more…"
        (all of them with ``expanded``)."""
        entries, self._first = paged(list(entries), TOP)   # focus goes to what "more" reveals
        self.term, self.lang, self.entries = term, lang, entries
        for label in self.labels:
            self._rows.removeWidget(label)
            label.deleteLater()
        self.labels = []
        self.title.setText(self.tr("Dictionary: {0}").format(term) if term else self.tr("Dictionary"))
        if term and not entries:
            self.set_status(self.tr("No dictionary entries for \u201c{0}\u201d.").format(term))
        elif entries:
            self.set_status("")
        shown = len(self.entries) if expanded else self._first
        for i, entry in enumerate(self.entries):
            label = self._entry_label(entry, i)
            self._rows.addWidget(label)   # parent first: a parentless visible label is a window
            label.setVisible(i < shown)
            self.labels.append(label)
        hidden = len(self.entries) - shown
        # a full first page may have more behind it than it holds: no count then
        text = self.tr("more…") if len(self.entries) >= LIMIT else self.tr("%n more entries", "", hidden)
        self.more_button.setText(text if hidden > 0 else "")
        self.more_button.setAccessibleName(self.tr("Show %n more dictionary entries", "", max(hidden, 0)))
        self.more_button.setVisible(hidden > 0)
        if expanded and len(self.labels) > self._first and self.isVisible():
            self.labels[self._first].setFocus(Qt.FocusReason.OtherFocusReason)

    def visible_entries(self) -> list:
        return [e for e, label in zip(self.entries, self.labels) if not label.isHidden()]

    # -- internals --------------------------------------------------------------------------
    def _more(self) -> None:
        for label in self.labels:
            label.setVisible(True)
        self.more_button.setVisible(False)
        self.more_requested.emit(self.term, self.lang)
        if len(self.labels) > self._first:
            self.labels[self._first].setFocus(Qt.FocusReason.OtherFocusReason)

    def _entry_label(self, entry, index: int) -> QLabel:
        label = rich_label(self, "dictionaryEntry", self._entry_html(entry))
        label.setAccessibleName(self.tr("Entry {0}: {1}, {2}").format(
            index + 1, entry.headword, "; ".join(entry.translations)))
        label.setToolTip("\n".join(f"{s.text} \u2192 {'; '.join(t.text for t in s.translations)}"
                                   for s in entry.senses))
        return label

    def _entry_html(self, entry) -> str:
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        esc = html.escape
        tags = f" <i style='color:{dim}'>{{{esc(', '.join(entry.tags))}}}</i>" if entry.tags else ""
        parts = [f"<b>{esc(entry.headword)}</b>{tags}"]
        for sense in entry.senses[:MAX_SENSES]:
            words = "; ".join(_term_html(t, dim) for t in sense.translations)
            src = "; ".join(_term_html(t, dim) for t in sense.synonyms)
            parts.append(f"&nbsp;&nbsp;{src} &rarr; {words}")
        if len(entry.senses) > MAX_SENSES:
            parts.append(f"&nbsp;&nbsp;<span style='color:{dim}'>"
                         + esc(self.tr("+%n more forms and phrases", "", len(entry.senses) - MAX_SENSES))
                         + "</span>")
        for ex in entry.examples[:1]:
            parts.append(f"&nbsp;&nbsp;<i>{esc(ex.source)}</i> &rarr; <i>{esc(ex.target)}</i>")
        return "<br>".join(parts)


def _term_html(term, dim: str) -> str:
    """A Ding term with its annotations shown (dimmed), not stripped."""
    word = html.escape(term.word)
    notes = [f"{{{t}}}" for t in term.tags] + [f"[{r}]" for r in term.regions] + \
            [f"[{x}]" for x in term.labels] + [f"({n})" for n in term.notes]
    if not notes:
        return word
    return f"{word} <span style='color:{dim}'>{html.escape(' '.join(notes))}</span>"


class DictionaryController(QObject):
    """The window's side: a card under an exchange's translation bubble, for short inputs
    and for a clicked source word. Each exchange gets its own card (it goes with the
    exchange when the conversation is cleared); only the newest lookup's card is filled."""

    def __init__(self, parent: QObject | None = None, **open_kwargs):
        super().__init__(parent)
        self.lookups = DictionaryLookups(self, **open_kwargs)
        self.lookups.found.connect(self._found)
        self.lookups.examples_found.connect(self._examples_found)
        self.lookups.status.connect(self._status)
        self.card: DictionaryCard | None = None   # the card the newest lookup fills
        self._expand = False                      # that lookup was a "more…"

    def exchange_added(self, exchange, fresh: bool) -> None:
        """Call for every new exchange widget; ``fresh``: a translation just made (not history)."""
        signal = getattr(exchange, "source_word_clicked", None)
        if signal is not None:
            signal.connect(self.show_word)
        source = exchange.model.source
        if fresh and wants_card(source):
            self.show_word(exchange, source)

    def show_word(self, exchange, term: str) -> None:
        term = card_term(term).strip(_EDGE_PUNCT)
        if not term:
            return
        lang = exchange.model.src_lang
        card = exchange.findChild(DictionaryCard)
        if card is None:
            card = DictionaryCard(exchange)
            card.more_requested.connect(lambda t, l, c=card: self._more(c, t, l))
            # under the translation; no alignment flag, so the wrapped labels get their height
            exchange.layout().addWidget(card)
        card.set_pending(term, lang)
        card.show()
        if (opened := getattr(exchange, "opened", None)) is not None:
            opened.emit(card)   # the conversation scrolls it into view
        self.card, self._expand = card, False
        self.lookups.request(term, lang, LIMIT)

    def _more(self, card: DictionaryCard, term: str, lang: str) -> None:
        if len(card.entries) >= LIMIT:  # the first page was full: fetch the rest
            self.card, self._expand = card, True
            self.lookups.request(term, lang, MORE_LIMIT)

    def shutdown(self) -> None:
        self.lookups.shutdown()

    def _live_card(self) -> DictionaryCard | None:
        import shiboken6

        return self.card if self.card is not None and shiboken6.isValid(self.card) else None

    def _found(self, term: str, entries: list, lang: str) -> None:
        card = self._live_card()
        if card is not None:
            card.set_entries(term, entries, lang, expanded=self._expand)

    def _examples_found(self, term: str, examples: list, lang: str) -> None:
        card = self._live_card()
        if card is not None and card.term == term:
            card.examples.set_examples(examples, lang)

    def _status(self, message: str) -> None:
        card = self._live_card()
        if card is not None and (message or card.entries):
            card.set_status(message)


_EDGE_PUNCT = ".,;:!?\"'„“”‚‘’«»()[]{}…"
