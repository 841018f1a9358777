"""Chat bubbles: one ExchangeWidget per translation (source bubble + translation bubble),
plus error and progress bubbles. Styling lives in resources/styles/*.qss (object names)."""

from __future__ import annotations

import html
import re
import time

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QClipboard, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMenu, QProgressBar, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from .alignment import (attended_sources, attending_targets, confidence_level,
                        group_pieces, map_display_words, word_labels, word_matrix, word_probs)
from .wordflow import WordFlow

LANG_NAMES = {"de": "DE", "en": "EN"}
LOW_WORD_PROB = 0.3


def pair_text(src: str, tgt: str) -> str:
    return f"{LANG_NAMES.get(src, src)} → {LANG_NAMES.get(tgt, tgt)}"


def _bubble(name: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    return frame


class AltItem(QFrame):
    """One n-best alternative: the translation (wrapping cleanly in its own column) and
    its score in a fixed column on the right, so every row lays out the same way whether
    or not it is the selected (bold) one. Clickable and keyboard-activatable (Enter/Space),
    styled by its "checked" property."""

    clicked = Signal()

    def __init__(self, text: str, score: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("altItem")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._checked = False
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # model output is text, never markup
        self.label.setObjectName("altText")
        self.label.setWordWrap(True)
        self.score_label = QLabel(score)
        self.score_label.setObjectName("meta")  # muted and small, like the bubbles' meta line
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for child in (self.label, self.score_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.score_label, 0, Qt.AlignmentFlag.AlignTop)
        self.set_score_width(self.score_width())

    def text(self) -> str:
        return self.label.text()

    def score_width(self) -> int:
        """The score's width in bold, so selecting a row never changes its layout."""
        font = QFont(self.score_label.font())
        font.setBold(True)
        return QFontMetrics(font).horizontalAdvance(self.score_label.text()) + 2

    def set_score_width(self, width: int) -> None:
        """One width for every row of a list keeps the scores in one column."""
        self.score_label.setFixedWidth(width)

    def sizeHint(self) -> QSize:
        # ask for one line (so the bubble widens first, up to the pane) and wrap beyond that
        m = self.contentsMargins()
        spacing = self.layout().spacing()
        font = QFont(self.label.font())
        font.setBold(True)
        text_w = QFontMetrics(font).horizontalAdvance(self.label.text()) + 4
        width = min(text_w + spacing + self.score_label.width() + m.left() + m.right(), 560)
        return QSize(width, self._height_for(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(80 + self.score_label.width(), super().minimumSizeHint().height())

    def _height_for(self, width: int) -> int:
        m = self.contentsMargins()
        text_w = width - m.left() - m.right() - self.layout().spacing() - self.score_label.width()
        h = max(self.label.heightForWidth(max(text_w, 20)), self.score_label.sizeHint().height())
        return h + m.top() + m.bottom()

    def resizeEvent(self, event) -> None:
        # wrapped labels in nested layouts do not grow by themselves; pin the height
        h = self._height_for(self.width())
        if h > 0 and h != self.minimumHeight():
            self.setMinimumHeight(h)
        super().resizeEvent(event)

    def setChecked(self, on: bool) -> None:
        self._checked = on
        self.setProperty("checked", on)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in (self.label, self.score_label):  # style sheet fonts do not reach children
            font = QFont()  # only the weight is set; size and family still follow the parent
            font.setBold(on)
            child.setFont(font)
        self.setMinimumHeight(self._height_for(self.width()))

    def isChecked(self) -> bool:
        return self._checked

    def click(self) -> None:
        self.clicked.emit()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class ConfidenceIndicator(QLabel):
    """Three dots (●●● / ●●○ / ●○○) plus a word, so it never relies on colour alone."""

    def __init__(self, value: float, parent=None):
        super().__init__(parent)
        self.value = value
        self.level = confidence_level(value)
        dots = {"high": "●●●", "medium": "●●○", "low": "●○○"}[self.level]
        words = {"high": self.tr("high confidence"), "medium": self.tr("medium confidence"),
                 "low": self.tr("low confidence")}
        self.setText(f"{dots} {words[self.level]} ({value:.0%})")
        self.setObjectName("confidence")
        self.setProperty("level", self.level)
        self.setToolTip(confidence_legend())
        self.setAccessibleName(words[self.level])


def confidence_legend() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "Confidence",
        "Confidence is the geometric mean of the probabilities the model gave each output token.\n"
        "●●● high: 60% or more · ●●○ medium: 30–60% · ●○○ low: under 30%.\n"
        "Words the model was less than 30% sure of are underlined with dots.")


class ExchangeWidget(QFrame):
    """One exchange. ``data`` is a Translation.to_json_dict() plus src_lang, tgt_lang, created."""

    selected = Signal(object)  # self
    hover_changed = Signal(object, set, set)  # self, target word labels, source word labels
    alternative_chosen = Signal(object, str)  # self, translation text

    def __init__(self, data: dict, history_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("exchange")
        self.data = data
        self.history_id = history_id
        self.best = data.get("translation", "")
        self.shown = data.get("shown") or self.best
        self._words = None  # the word-level matrix, built on first hover (history can be long)
        self.current_highlight: tuple[set[int], set[int]] = (set(), set())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Translation of: {0}").format(data.get("source", "")[:80]))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)
        outer.addWidget(self._source_bubble(), 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self._translation_bubble(), 0, Qt.AlignmentFlag.AlignLeft)
        self._remap()

    # -- construction -----------------------------------------------------------------
    def _meta_label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("meta")
        return label

    def _source_bubble(self) -> QFrame:
        bubble = _bubble("sourceBubble")
        lay = QVBoxLayout(bubble)
        stamp = time.strftime("%H:%M", time.localtime(self.data.get("created", time.time())))
        lay.addWidget(self._meta_label(f"{pair_text(self.data.get('src_lang', 'de'), self.data.get('tgt_lang', 'en'))} · {stamp}"))
        self.source_flow = WordFlow(self.data.get("source", ""))
        self.source_flow.word_hovered.connect(self._on_source_hover)
        lay.addWidget(self.source_flow)
        bubble.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        return bubble

    def _translation_bubble(self) -> QFrame:
        bubble = _bubble("translationBubble")
        lay = QVBoxLayout(bubble)
        device, ms = self.data.get("device", ""), self.data.get("ms", 0.0)
        stamp = time.strftime("%H:%M", time.localtime(self.data.get("created", time.time())))
        tgt = LANG_NAMES.get(self.data.get("tgt_lang", "en"), "")
        lay.addWidget(self._meta_label(f"{tgt} · {stamp} · {ms:.0f} ms · {device.upper()}"))
        self.target_flow = WordFlow(self.shown)
        self.target_flow.word_hovered.connect(self._on_target_hover)
        self._word_probs = word_probs(self.data.get("target_tokens", []), self.data.get("token_probs", []))
        self._low_labels = {i for i, p in enumerate(self._word_probs) if p < LOW_WORD_PROB}
        lay.addWidget(self.target_flow)
        row = QHBoxLayout()
        self.confidence = ConfidenceIndicator(_confidence(self.data.get("token_probs", [])))
        row.addWidget(self.confidence)
        row.addStretch(1)
        alts = self.data.get("alternatives", [])
        self.alt_button = QToolButton()
        self.alt_button.setObjectName("altButton")
        self.alt_button.setCheckable(True)
        # The list also holds the translation shown, so the user can go back to it.
        self.alt_button.setText(self.tr("Alternatives (%n)", "", max(len(alts) - 1, 0)))
        self.alt_button.setAccessibleName(self.tr("Show alternatives"))
        self.alt_button.setEnabled(len(alts) > 1)
        self.alt_button.toggled.connect(self._toggle_alternatives)
        row.addWidget(self.alt_button)
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the translation to the clipboard"))
        self.copy_button.setAccessibleName(self.tr("Copy translation"))
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        lay.addLayout(row)
        self.alt_box = QWidget()
        self.alt_box.setObjectName("alternatives")
        alt_lay = QVBoxLayout(self.alt_box)
        alt_lay.setContentsMargins(0, 0, 0, 0)
        alt_lay.setSpacing(2)
        self.alt_buttons: list[AltItem] = []
        score = self.tr("score")
        for i, alt in enumerate(alts):
            value = f"{alt['score']:.2f}".replace("-", "\u2212")  # a minus sign, not a hyphen
            button = AltItem(alt["translation"], f"{score} {value}")
            button.setChecked(alt["translation"] == self.shown)
            button.setToolTip(self.tr("Score: length-normalised log-probability (closer to 0 is better). "
                                      "Click to show this translation."))
            button.setAccessibleName(self.tr("Alternative {0}: {1}").format(i + 1, alt["translation"]))
            button.clicked.connect(lambda _=False, t=alt["translation"]: self.choose(t))
            alt_lay.addWidget(button)
            self.alt_buttons.append(button)
        column = max((b.score_width() for b in self.alt_buttons), default=0)
        for b in self.alt_buttons:
            b.set_score_width(column)
        self.alt_box.setVisible(False)
        lay.addWidget(self.alt_box)
        self.translation_bubble = bubble
        return bubble

    # -- behaviour --------------------------------------------------------------------
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.shown)

    def _toggle_alternatives(self, on: bool) -> None:
        self.alt_box.setVisible(on)

    def choose(self, text: str) -> None:
        """Show an n-best alternative instead of the best translation."""
        self.shown = text
        self.target_flow.set_text(text)
        for b, alt in zip(self.alt_buttons, self.data.get("alternatives", [])):
            b.setChecked(alt["translation"] == text)
        self._remap()
        self.alternative_chosen.emit(self, text)

    def set_selected(self, on: bool) -> None:
        self.setProperty("selected", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event) -> None:
        self.selected.emit(self)
        super().mousePressEvent(event)

    def focusInEvent(self, event) -> None:
        self.selected.emit(self)
        super().focusInEvent(event)

    def _remap(self) -> None:
        # Attention belongs to the best hypothesis: an alternative's words cannot be mapped.
        src_labels = word_labels(self.data.get("source_tokens", []))
        tgt_labels = word_labels(self.data.get("target_tokens", []))
        self.src_map = map_display_words(self.data.get("source", ""), src_labels)
        self.tgt_map = (map_display_words(self.shown, tgt_labels) if self.shown == self.best
                        else [None] * len(self.target_flow.words))
        self.target_flow.underline = {i for i, label in enumerate(self.tgt_map) if label in self._low_labels}
        certainty = self.tr("The model was {0:.0%} sure of this word.")
        self.target_flow.word_tips = {i: certainty.format(self._word_probs[label]) for i, label in enumerate(self.tgt_map)
                                      if label is not None and label < len(self._word_probs)}
        self.target_flow.update()

    @property
    def words(self):
        if self._words is None:
            d = self.data
            self._words = word_matrix(d.get("source_tokens", []), d.get("target_tokens", []), d.get("attention", []))
        return self._words

    def _on_target_hover(self, index: int) -> None:
        label = self.tgt_map[index] if 0 <= index < len(self.tgt_map) else None
        if label is None:
            self.highlight(set(), set())
            return
        self.highlight({label}, set(attended_sources(self.words, label)))

    def _on_source_hover(self, index: int) -> None:
        label = self.src_map[index] if 0 <= index < len(self.src_map) else None
        if label is None:
            self.highlight(set(), set())
            return
        self.highlight(set(attending_targets(self.words, label)), {label})

    def highlight(self, targets: set[int], sources: set[int], notify: bool = True) -> None:
        """Highlight word labels in both bubbles (word level); optionally tell the heatmap."""
        self.current_highlight = (set(targets), set(sources))
        src_strength = {}
        tgt_strength = {}
        for t in targets:
            for s in sources:
                w = self.words.weights[t][s]
                src_strength[s] = max(src_strength.get(s, 0.0), w)
                tgt_strength[t] = max(tgt_strength.get(t, 0.0), w)
        for t in targets:
            tgt_strength.setdefault(t, 1.0)
        for s in sources:
            src_strength.setdefault(s, 1.0)
        self.source_flow.set_highlight({i: src_strength[lab] for i, lab in enumerate(self.src_map)
                                        if lab in src_strength})
        self.target_flow.set_highlight({i: tgt_strength[lab] for i, lab in enumerate(self.tgt_map)
                                        if lab in tgt_strength})
        if notify:
            self.hover_changed.emit(self, set(targets), set(sources))

    def highlight_from_heatmap(self, targets: set[int], sources: set[int]) -> None:
        self.highlight(targets, sources, notify=False)

    def piece_groups(self) -> tuple[list[list[int]], list[list[int]]]:
        return (group_pieces(self.data.get("source_tokens", [])),
                group_pieces(self.data.get("target_tokens", [])))


def _confidence(probs: list[float]) -> float:
    import math

    if not probs:
        return 1.0
    return math.exp(sum(math.log(max(p, 1e-12)) for p in probs) / len(probs))


# An absolute path (POSIX, ~/..., or C:\...) without spaces; "and/or" and "1/2" are not paths.
_PATH = re.compile(r"""(?<![\w.~/\\])(?:[A-Za-z]:[\\/]|~?/)[^\s"'“”()<>]*[^\s"'“”()<>.,;:!?]""")
# A command-line option with its placeholder argument: "--model PATH" stays on one line.
_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*(?: [A-Z][A-Z_]*\b)?")


_JOIN = "\u2060"  # WORD JOINER: no line break here (Qt breaks after hyphens otherwise)
_COPY_CLEAN = str.maketrans({_JOIN: None, "\u00a0": " ", "\u2028": "\n", "\u2029": "\n"})


def _unbroken(text: str) -> str:
    """Escaped text that wraps only at "/" or "\\" (paths) or not at all (options)."""
    return html.escape(text).replace("-", "-" + _JOIN).replace(" ", "\u00a0")


def error_html(text: str, paths=()) -> str:
    """Plain error text as rich text that wraps at sensible points: every file path gets a
    line of its own (so the sentence around it does not break into fragments such as
    "does / not exist"), and an option like "--model PATH" is never split. ``paths`` are
    paths known to the caller; they are recognised even when they contain spaces."""
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s0 or a >= s1 for s0, s1, _ in spans)

    for known in sorted({str(p) for p in paths if str(p)}, key=len, reverse=True):
        for m in re.finditer(re.escape(known) + r"[^\s\"'“”()<>]*", text):
            end = m.end()
            while end > m.start() + len(known) and text[end - 1] in ".,;:!?":
                end -= 1
            if free(m.start(), end):
                spans.append((m.start(), end, "path"))
    for kind, rx in (("path", _PATH), ("option", _OPTION)):
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), kind))
    out, pos = [], 0
    for a, b, kind in sorted(spans):
        before = text[pos:a]
        if kind == "path":
            before = before.rstrip(" ")
            out.append(html.escape(before).replace("\n", "<br>"))
            if before and not before.endswith("\n"):
                out.append("<br>")
            out.append(f'<span style="font-family: monospace;">{_unbroken(text[a:b])}</span>')
            while b < len(text) and text[b] in ".,;:!?":  # punctuation stays with the path
                out.append(html.escape(text[b]))
                b += 1
            rest = text[b:]
            pos = b + (len(rest) - len(rest.lstrip(" ")))
            if pos < len(text) and text[pos] != "\n":
                out.append("<br>")
        else:
            out.append(html.escape(before).replace("\n", "<br>"))
            out.append(_unbroken(text[a:b]))
            pos = b
    out.append(html.escape(text[pos:]).replace("\n", "<br>"))
    return "".join(out)


class ErrorText(QLabel):
    """Selectable rich text whose copies are the plain text: without the invisible
    line-break controls of :func:`error_html`, so a copied path works in a shell."""

    def __init__(self, text: str, paths=(), parent=None):
        super().__init__(error_html(text, paths), parent)
        self.plain = text
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def copy_selection(self, mode=QClipboard.Mode.Clipboard) -> None:
        text = self.selectedText().translate(_COPY_CLEAN)
        if text:
            QGuiApplication.clipboard().setText(text, mode)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if QGuiApplication.clipboard().supportsSelection() and self.hasSelectedText():
            self.copy_selection(QClipboard.Mode.Selection)  # X11 middle-click paste

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy"), self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction(self.tr("Copy all of it"), lambda: QGuiApplication.clipboard().setText(self.plain))
        menu.exec(event.globalPos())


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
