"""The dictionary card's "Examples" section: up to 5 example pairs (dictionary.examples.Example)
for the looked-up term, the matched words bold on both sides, the source small and dim.
The card (dictionary_card.py) holds one and fills it from lookup_worker's examples_found."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

SHOWN = 5


def marked_html(text: str, spans) -> str:
    """``text`` escaped, its ``spans`` ((start, end) character offsets) in bold."""
    out, pos = [], 0
    for start, end in spans:
        out += [html.escape(text[pos:start]), "<b>", html.escape(text[start:end]), "</b>"]
        pos = end
    return "".join(out) + html.escape(text[pos:])



def rich_label(parent: QWidget, name: str, text: str) -> QLabel:
    """A wrapped rich-text label that the keyboard reaches and the user can select from:
    one line of the card (an entry) or of its Examples section."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setText(text)
    return label

class ExamplesSection(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dictionaryExamples")
        self.examples: list = []
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 4, 0, 0)
        self._lay.setSpacing(4)
        self.title = QLabel(self.tr("Examples"), self)
        self.title.setObjectName("dictionaryExamplesTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self._lay.addWidget(self.title)
        self.labels: list[QLabel] = []
        self.set_examples([], "de")

    def set_examples(self, examples: list, lang: str) -> None:
        """Show the first SHOWN ``examples``, the ``lang`` side first; none hides the section."""
        self.examples = list(examples)[:SHOWN]
        for label in self.labels:
            self._lay.removeWidget(label)
            label.deleteLater()
        self.labels = []
        for i, ex in enumerate(self.examples):
            label = rich_label(self, "dictionaryExample", self._html(ex, lang))
            other = "en" if lang == "de" else "de"
            label.setAccessibleName(self.tr("Example {0}: {1} \u2014 {2} ({3})").format(
                i + 1, ex.text(lang), ex.text(other), self._source(ex)))
            self._lay.addWidget(label)
            self.labels.append(label)
        self.setVisible(bool(self.examples))

    def clear(self) -> None:
        self.set_examples([], "de")

    def _html(self, ex, lang: str) -> str:
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        other = "en" if lang == "de" else "de"
        return (f"{marked_html(ex.text(lang), ex.spans(lang))}<br>"
                f"&nbsp;&nbsp;&rarr; {marked_html(ex.text(other), ex.spans(other))} "
                f"<span style='font-size:small; color:{dim}'>{html.escape(self._source(ex))}</span>")

    def _source(self, ex) -> str:
        return source_name(ex.source, ex.source_name)


def source_name(tag: str, name: str) -> str:
    """What an example's source is called: names (Tatoeba, Ding, a game's) stay as they are;
    the unattributed games' tag is words. The card and an example answer's bubble say it."""
    return QCoreApplication.translate("ExamplesSection", "game dialogue") if tag == "games" else name
