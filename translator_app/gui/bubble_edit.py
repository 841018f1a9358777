"""The parts of a translation bubble that replace the machine's answer: the in-place editor
of a correction and the rows of similar sentences from your memory or the examples.

What a replacement does to the exchange lives in ExchangeModel.replace_translation; these
widgets only collect the user's choice."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from .bubble_parts import AltItem

DIFF_COLOUR = "#d55e00"  # the orange of the unsure-word underline: "this part differs"
EDITOR_MAX_LINES = 8
SIMILAR_SHOWN = 3  # similar sentences under a translation (more would bury it)


class TranslationEditor(QPlainTextEdit):
    """The translation as editable text, in the bubble's place for it. Enter saves,
    Esc cancels, Shift+Enter breaks the line (as the input does)."""

    saved = Signal(str)  # the text as typed (the caller trims it)
    cancelled = Signal()

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("translationEditor")
        self.setPlainText(text)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Your translation"))
        self.setToolTip(self.tr("Enter saves your translation, Esc cancels, Shift+Enter starts a new line"))
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the text (up to EDITOR_MAX_LINES lines), so the bubble grows with it."""
        line = QFontMetrics(self.font()).lineSpacing()
        lines = max(1, min(int(self.document().size().height()) or 1, EDITOR_MAX_LINES))
        m = self.contentsMargins()
        frame = 2 * self.frameWidth() + 2 * int(self.document().documentMargin())
        self.setFixedHeight(lines * line + frame + m.top() + m.bottom())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower editor wraps into more lines

    def sizeHint(self) -> QSize:
        width = QFontMetrics(self.font()).horizontalAdvance(self.toPlainText()) + 40
        return QSize(min(max(width, 240), 520), self.height())

    def event(self, event) -> bool:
        # Esc is also the window's "cancel translation" shortcut: while editing, it is ours
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (
                Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.saved.emit(self.toPlainText())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


def marked_source(source: str, differing: set[int]) -> str:
    """The similar sentence as rich text, its words at ``differing`` (indices into
    ``source.split()``) underlined in orange: what differs from your input."""
    out = []
    for i, word in enumerate(source.split()):
        text = html.escape(word)
        out.append(f'<u style="color:{DIFF_COLOUR}">{text}</u>' if i in differing else text)
    return " ".join(out)


def drop_rows(rows: list) -> None:
    """Take rows out of their list at once: hidden and out of the layout now, deleted later
    (the row clicked may be the one whose signal is running)."""
    for row in rows:
        row.hide()
        if row.parentWidget() is not None and row.parentWidget().layout() is not None:
            row.parentWidget().layout().removeWidget(row)
        row.deleteLater()


class SimilarItem(AltItem):
    """One similar sentence: "similar: source → target", the differing source words marked,
    the match in the score column. A click (or Enter) uses its translation."""

    def __init__(self, prefix: str, source: str, target: str, differing: set[int], match: str, parent=None):
        plain = f"{prefix} {source} → {target}"
        super().__init__(plain, match, parent)
        self._plain = plain
        self.setObjectName("similarItem")
        self.label.setTextFormat(Qt.TextFormat.RichText)  # the markup is ours; the texts are escaped
        self.label.setText(f"{html.escape(prefix)} {marked_source(source, differing)} → {html.escape(target)}")

    def text(self) -> str:
        return self._plain


class AnswerEditing:
    """ExchangeWidget's side of replacing its answer: the Edit button, the editor in the
    target text's place, the context menu and the similar rows. A mixin, so tr() keeps
    the "ExchangeWidget" context; it needs the widget's model, target_flow, _text_layout,
    copy(), refresh() and the corrected / similar_used signals."""

    editor: TranslationEditor | None = None

    def _build_editing(self) -> None:
        self.edit_button = QToolButton()
        self.edit_button.setText(self.tr("Edit"))
        self.edit_button.setToolTip(self.tr("Correct the translation (or double-click it); "
                                            "your translation is kept in your memory"))
        self.edit_button.setAccessibleName(self.tr("Edit translation"))
        self.edit_button.clicked.connect(self.start_edit)
        self.similar_box = QWidget()
        self.similar_box.setObjectName("similar")
        box = QVBoxLayout(self.similar_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.similar_buttons: list[SimilarItem] = []

    def start_edit(self) -> None:
        """The translation becomes editable in place (Edit, the context menu, a double-click)."""
        if self.editor is not None:
            self.editor.setFocus()
            return
        self.editor = TranslationEditor(self.shown)
        self.editor.saved.connect(self._save_edit)
        self.editor.cancelled.connect(self.cancel_edit)
        self._text_layout.insertWidget(self._text_layout.indexOf(self.target_flow), self.editor)
        self.target_flow.hide()
        self.editor.show()  # a layout shows a new child only at its next pass
        self.edit_button.setEnabled(False)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.selectAll()

    def cancel_edit(self) -> None:
        if self.editor is None:
            return
        self.editor.hide()
        self.editor.deleteLater()
        self.editor = None
        self.target_flow.show()
        self.edit_button.setEnabled(True)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_edit(self, text: str) -> None:
        """Enter: a changed, non-empty text becomes your translation; else nothing changes."""
        text = text.strip()
        self.cancel_edit()
        if text and text != self.shown:
            self._replace(text, "yours")
            self.corrected.emit(self, text)

    def use_similar(self, sim) -> None:
        """A click on a similar sentence: its translation is shown, marked "from a similar
        sentence (85 %)", the machine's answer kept as an alternative. It is not added to
        your memory: it translates another sentence, so its differing words may be wrong
        here; correcting it (Edit) adds your version."""
        if self.model.origin == "similar" and self.shown == sim.target:
            return
        self._replace(sim.target, "similar", sim.score)
        self.similar_used.emit(self, sim)

    def _replace(self, text: str, origin: str, match: float = 0.0) -> None:
        self.model.replace_translation(text, origin, match)
        self.refresh()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.target_flow and event.type() == QEvent.Type.MouseButtonDblClick:
            self.start_edit()
            return True
        return super().eventFilter(obj, event)

    def _context_menu(self, global_pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Edit"), self.start_edit).setEnabled(self.editor is None)
        menu.addAction(self.tr("Copy"), self.copy)
        menu.exec(global_pos)

    def _fill_similar(self) -> None:
        """Up to SIMILAR_SHOWN similar sentences (tm/fuzzy.py), the words that differ from
        this source marked; a click uses one (use_similar)."""
        drop_rows(self.similar_buttons)
        self.similar_buttons = []
        prefix = self.tr("similar:")
        for sim in self.model.similar[:SIMILAR_SHOWN]:
            button = SimilarItem(prefix, sim.source, sim.target, set(sim.differing), f"{sim.score:.0%}")
            used = self.model.origin == "similar" and self.shown == sim.target
            button.setChecked(used)
            button.setToolTip(self.tr("A similar sentence from your memory or the examples, {0:.0%} alike; "
                                      "the underlined words differ. Click to use its translation.").format(sim.score))
            button.setAccessibleName(self.tr("Similar sentence: {0} → {1}").format(sim.source, sim.target))
            button.clicked.connect(lambda _=False, s=sim: self.use_similar(s))
            self.similar_box.layout().addWidget(button)
            self.similar_buttons.append(button)
        column = max((b.score_width() for b in self.similar_buttons), default=0)
        for b in self.similar_buttons:
            b.set_score_width(column)
        self.similar_box.setVisible(bool(self.similar_buttons))
