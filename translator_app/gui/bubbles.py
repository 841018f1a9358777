"""Chat bubbles: one ExchangeWidget per translation (source bubble + translation bubble),
plus error and progress bubbles. Styling lives in resources/styles/*.qss (object names).
An exchange draws its model's view (exchange_model.ExchangeView); it derives nothing itself."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from .bubble_edit import AnswerEditing, drop_rows
from .bubble_parts import AltItem, ConfidenceIndicator, FlowRow
from .error_text import ErrorText
from .examples_section import source_name
from .exchange_model import ExchangeModel, ExchangeView
from .wordflow import WordFlow

LANG_NAMES = {"de": "DE", "en": "EN"}


def pair_text(src: str, tgt: str) -> str:
    return f"{LANG_NAMES.get(src, src)} → {LANG_NAMES.get(tgt, tgt)}"


def _bubble(name: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    return frame


class MetaLabel(QLabel):
    """A bubble's meta line. A word-wrapped QLabel hints at about half its one-line width; the
    bubble, as wide as its widest hint, then cut the wrapped second line ("… · from the example
    sentences (Tatoeba, CC-BY 2.0 FR)" at 1200 x 800): its height came from the exchange's
    width. Hinting the one-line width keeps the line whole where there is room; a narrow chat
    still wraps it (the minimum size is QLabel's)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        m = self.contentsMargins()
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + m.left() + m.right() + 2 * self.margin() + 1
        width = max(hint.width(), one_line)
        return QSize(width, self.heightForWidth(width))


class ExchangeWidget(AnswerEditing, QFrame):
    """One exchange: the source bubble and the translation bubble of an ExchangeModel."""

    selected = Signal(object)  # self
    hover_changed = Signal(object, set, set)  # self, target word labels, source word labels
    alternative_chosen = Signal(object, str)  # self, translation text
    source_word_clicked = Signal(object, str)  # self, the source word as shown (e.g. to look it up)
    swap_requested = Signal(object, str, str)  # self, the new source and target language
    opened = Signal(object)  # a widget just shown inside (alternatives, a card): scroll it into view
    corrected = Signal(object, str)  # self, your translation (the model's answer replaced)
    similar_used = Signal(object, object)  # self, the Similar whose translation replaced it

    def __init__(self, model: ExchangeModel, history_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("exchange")
        self.model = model
        self.history_id = history_id
        self.view: ExchangeView = model.view(model.shown)
        self.current_highlight: tuple[set[int], set[int]] = (set(), set())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Translation of: {0}").format(model.source[:80]))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        outer.addWidget(self._source_bubble(), 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self._translation_bubble(), 0, Qt.AlignmentFlag.AlignLeft)
        self._show_view()

    # -- construction -----------------------------------------------------------------
    def _meta_label(self, text: str) -> QLabel:
        label = MetaLabel(text)
        label.setObjectName("meta")
        # wraps in a narrow chat: unwrapped, "… · aus Ihrem Übersetzungsspeicher" held the
        # exchange at 391 px, and at 700 x 800 (German) every bubble was cut at the right
        label.setWordWrap(True)
        return label

    def _bubble_with_meta(self, name: str, meta: str) -> tuple[QFrame, QVBoxLayout]:
        bubble = _bubble(name)
        lay = QVBoxLayout(bubble)
        stamp = time.strftime("%H:%M", time.localtime(self.model.created))
        self.last_meta = self._meta_label(meta.format(stamp=stamp))
        lay.addWidget(self.last_meta)
        return bubble, lay

    def _origin_text(self) -> str:
        """Where the answer came from, for the meta line ("" for the model's own)."""
        m = self.model
        words = {"dictionary": self.tr("from the dictionary"), "memory": self.tr("from your memory"),
                 "example": self.tr("from the example sentences ({0})").format(self._credit_text()),
                 "yours": self.tr("your translation"),
                 "similar": self.tr("from a similar sentence ({0:.0%})").format(m.match)}.get(m.origin)
        return " · " + words if words else ""

    def _credit_text(self) -> str:
        """An example answer's source and licence: "Tatoeba, CC-BY 2.0 FR"."""
        credit = self.model.credit
        if credit is None:
            return "?"
        name = source_name(credit.tag, credit.name)
        return f"{name}, {credit.licence}" if credit.licence else name

    def _translation_meta(self) -> str:
        m = self.model
        stamp = time.strftime("%H:%M", time.localtime(m.created))
        return f"{LANG_NAMES.get(m.tgt_lang, '')} · {stamp} · {m.ms:.0f} ms · {m.device.upper()}{self._origin_text()}"

    def _source_bubble(self) -> QFrame:
        m = self.model
        bubble, lay = self._bubble_with_meta("sourceBubble", f"{pair_text(m.src_lang, m.tgt_lang)} · {{stamp}}")
        self.source_flow = WordFlow(m.source)
        self.source_flow.word_hovered.connect(self._on_source_hover)
        self.source_flow.word_clicked.connect(
            lambda i: self.source_word_clicked.emit(self, self.source_flow.words[i]))
        lay.addWidget(self.source_flow)
        bubble.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        return bubble

    def _translation_bubble(self) -> QFrame:
        m = self.model
        bubble, lay = self._bubble_with_meta("translationBubble", self._translation_meta())
        self.translation_meta = self.last_meta
        self.target_flow = WordFlow(self.shown)
        self.target_flow.word_hovered.connect(self._on_target_hover)
        self.target_flow.installEventFilter(self)  # a double-click edits the translation
        lay.addWidget(self.target_flow)
        self._text_layout = lay
        self.note_label, self.swap_button = None, None
        if m.language_note is not None:
            self._language_note(lay, m)
        self.confidence = ConfidenceIndicator(m.confidence, self.view.confidence_level)
        self.alt_button = QToolButton()
        self.alt_button.setObjectName("altButton")
        self.alt_button.setCheckable(True)
        self.alt_button.setAccessibleName(self.tr("Show alternatives"))
        self.alt_button.toggled.connect(self._toggle_alternatives)
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the translation to the clipboard"))
        self.copy_button.setAccessibleName(self.tr("Copy translation"))
        self.copy_button.clicked.connect(self.copy)
        self._build_editing()
        # wraps below the confidence when the bubble is narrow, instead of sticking out of it
        self.controls = FlowRow(self.confidence, [self.alt_button, self.edit_button, self.copy_button])
        lay.addWidget(self.controls)
        lay.addWidget(self.similar_box)
        self.alt_box = QWidget()
        self.alt_box.setObjectName("alternatives")
        alt_lay = QVBoxLayout(self.alt_box)
        alt_lay.setContentsMargins(0, 0, 0, 0)
        alt_lay.setSpacing(2)
        self.alt_buttons: list[AltItem] = []
        self.alt_box.setVisible(False)
        lay.addWidget(self.alt_box)
        self.translation_bubble = bubble
        bubble.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        bubble.customContextMenuRequested.connect(lambda pos: self._context_menu(bubble.mapToGlobal(pos)))
        self._fill_answer()
        return bubble

    def _fill_answer(self) -> None:
        """What depends on the answer: meta line, confidence, alternatives, similar rows
        (again after a correction, or when its forced-decoding score arrives)."""
        m = self.model
        self.translation_meta.setText(self._translation_meta())
        self.confidence.set_value(m.confidence, self.view.confidence_level)
        alts = m.alternatives
        # The list also holds the translation shown, so the user can go back to it.
        self.alt_button.setText(self.tr("Alternatives (%n)", "", max(len(alts) - 1, 0)))
        self.alt_button.setEnabled(len(alts) > 1)
        drop_rows(self.alt_buttons)
        self.alt_buttons = []
        score = self.tr("score")
        for i, alt in enumerate(alts):
            # a minus sign, not a hyphen; a dash while the model has not scored your text
            value = "–" if math.isnan(alt.score) else f"{alt.score:.2f}".replace("-", "\u2212")
            button = AltItem(alt.translation, f"{score} {value}")
            button.setChecked(alt.translation == self.shown)
            button.setToolTip(self.tr("Score: length-normalised log-probability (closer to 0 is better). "
                                      "Click to show this translation."))
            button.setAccessibleName(self.tr("Alternative {0}: {1}").format(i + 1, alt.translation))
            button.clicked.connect(lambda _=False, t=alt.translation: self.choose(t))
            self.alt_box.layout().addWidget(button)
            self.alt_buttons.append(button)
        column = max((b.score_width() for b in self.alt_buttons), default=0)
        for b in self.alt_buttons:
            b.set_score_width(column)
        self._fill_similar()
        self.controls.updateGeometry()

    def _language_note(self, lay: QVBoxLayout, m: ExchangeModel) -> None:
        """The input does not look like the source language: say so and, when the other
        language fits, offer to swap and translate the same text again."""
        note = m.language_note
        self.note_label = QLabel("ℹ " + self._note_text(note))  # ℹ, not ⓘ: in DejaVu Sans
        self.note_label.setObjectName("languageNote")
        self.note_label.setWordWrap(True)
        lay.addWidget(self.note_label)
        if note.detected and note.detected != m.src_lang and note.detected in LANG_NAMES:
            other = m.src_lang if m.tgt_lang == note.detected else m.tgt_lang
            names = {"de": self.tr("German"), "en": self.tr("English")}
            self.swap_button = QToolButton()
            self.swap_button.setObjectName("noteSwapButton")
            self.swap_button.setText(self.tr("Swap to {0} → {1}").format(names[note.detected], names.get(other, other)))
            self.swap_button.setToolTip(self.tr("Change the direction and translate this text again"))
            self.swap_button.setAccessibleName(self.swap_button.text())
            self.swap_button.clicked.connect(lambda: self.swap_requested.emit(self, note.detected, other))
            lay.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _note_text(self, note) -> str:
        """The note in the UI's language (engine/langid.py words it in English for the CLI)."""
        names = {"de": self.tr("German"), "en": self.tr("English")}
        v = note.values
        if note.kind == "unreadable" and len(v) == 1:
            return self.tr("The input is not valid text: {0} bytes could not be read as UTF-8.").format(v[0])
        if note.kind == "script" and len(v) == 2:
            scripts = {"CJK": self.tr("Chinese or Japanese"), "CYRILLIC": self.tr("Cyrillic"),
                       "GREEK": self.tr("Greek"), "ARABIC": self.tr("Arabic"), "HEBREW": self.tr("Hebrew")}
            return self.tr("The input is mostly {0} script, not {1}; this model translates only German and "
                           "English.").format(scripts.get(v[0], v[0].title()), names.get(v[1], v[1]))
        if note.kind == "swap" and len(v) == 2:
            return self.tr("This looks like {0}, not {1}: swap the languages?").format(
                names.get(v[0], v[0]), names.get(v[1], v[1]))
        return note.message

    # -- behaviour --------------------------------------------------------------------
    @property
    def shown(self) -> str:
        return self.view.shown

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.shown)

    def _toggle_alternatives(self, on: bool) -> None:
        self.alt_box.setVisible(on)
        if on:
            self.opened.emit(self.alt_box)

    def choose(self, text: str) -> None:
        """Show an n-best alternative instead of the best translation."""
        self.view = self.model.view(text)
        self.target_flow.set_text(text)
        for b, alt in zip(self.alt_buttons, self.model.alternatives):
            b.setChecked(alt.translation == text)
        self.model.shown = text
        self._show_view()
        self.alternative_chosen.emit(self, text)

    def refresh(self) -> None:
        """Draw the model again after it changed (a correction, or its score arriving)."""
        self.view = self.model.view(self.model.shown)
        self.target_flow.set_text(self.shown)
        self._fill_answer()
        self._show_view()
        self.highlight(set(), set(), notify=False)

    def set_selected(self, on: bool) -> None:
        self.setProperty("selected", on)
        if not on and any(self.current_highlight):
            self.highlight(set(), set(), notify=False)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()  # polish alone leaves the old frame on screen until something repaints

    def mousePressEvent(self, event) -> None:
        self.selected.emit(self)
        super().mousePressEvent(event)

    def focusInEvent(self, event) -> None:
        self.selected.emit(self)
        super().focusInEvent(event)

    def _show_view(self) -> None:
        v = self.view
        self.target_flow.underline = set(v.underline)
        certainty = self.tr("The model was {0:.0%} sure of this word.")
        self.target_flow.word_tips = {i: certainty.format(p) for i, p in v.word_probs.items()}
        self.target_flow.update()
        tips = {"dropped": self.tr("Not translated: the translation has nothing for this word."),
                "repeated": self.tr("Said twice: the translation repeats this word.")}
        self.source_flow.warn = set(v.source_marks)
        self.source_flow.word_tips = {i: tips.get(kind, "") for i, kind in v.source_marks.items()}
        self.source_flow.update()

    # Hover highlights only in the selected exchange: the heatmap shows that one, and a
    # highlight elsewhere would disagree with it (a click selects an older exchange).
    def _on_target_hover(self, index: int) -> None:
        if self.property("selected"):
            self.highlight(*self.view.hover_target(index))

    def _on_source_hover(self, index: int) -> None:
        if self.property("selected"):
            self.highlight(*self.view.hover_source(index))

    def highlight(self, targets: set[int], sources: set[int], notify: bool = True) -> None:
        """Highlight word labels in both bubbles (word level); optionally report it (the
        window passes it on to the heatmap)."""
        self.current_highlight = (set(targets), set(sources))
        src_strength, tgt_strength = self.view.strengths(targets, sources)
        self.source_flow.set_highlight(src_strength)
        self.target_flow.set_highlight(tgt_strength)
        if notify:
            self.hover_changed.emit(self, set(targets), set(sources))

    def highlight_from_heatmap(self, targets: set[int], sources: set[int]) -> None:
        self.highlight(targets, sources, notify=False)


class ErrorBubble(QFrame):
    """A problem and, optionally, what to do about it (``hint``) and a button for it."""

    def __init__(self, title: str, message: str, hint: str = "", paths=(), parent=None):
        super().__init__(parent)
        self.setObjectName("errorBubble")
        self.message = message
        self.hint = hint
        lay = QVBoxLayout(self)
        head = QLabel("⚠ " + title)
        head.setObjectName("errorTitle")
        lay.addWidget(head)
        self.body = ErrorText(message, paths)
        lay.addWidget(self.body)
        self.hint_label = None
        if hint:
            self.hint_label = ErrorText(hint, paths)
            lay.addWidget(self.hint_label)
        self.setAccessibleName(title)
        self.setAccessibleDescription(message + ("\n" + hint if hint else ""))
        self.action_button: QToolButton | None = None

    def add_action(self, text: str, slot) -> QToolButton:
        """A way out of the error, e.g. "Open a model…"."""
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        self.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.action_button = button
        return button


class ProgressBubble(QFrame):
    """Shown while a request runs; determinate once the engine reports sentence progress."""

    cancel_requested = Signal()

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("progressBubble")
        lay = QHBoxLayout(self)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(220)
        self.bar.setAccessibleName(self.tr("Translation progress"))
        cancel = QToolButton()
        cancel.setText(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Stop this translation (Esc)"))
        cancel.setAccessibleName(self.tr("Cancel translation"))
        cancel.clicked.connect(self.cancel_requested)
        lay.addWidget(self.label, 2)
        lay.addWidget(self.bar, 1)
        lay.addWidget(cancel)

    def set_progress(self, done: int, total: int) -> None:
        if total > 1:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.bar.setFormat(self.tr("%v of %m sentences"))
