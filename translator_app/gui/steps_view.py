"""The attention panel's Steps view (issue 26): the recorded search (engine/trace.py) one
step at a time. A slider, ← / → and a play button move through the steps; the heatmap
grows a row per step; beside it, the candidates of the followed hypothesis with a bar for
each probability (the chosen one highlighted), the hypotheses alive at that step, and the
n-best list with the step where each alternative split off (click one to follow it)."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (QBoxLayout, QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QStyle,
                               QScrollArea, QSizePolicy, QSlider, QToolButton, QVBoxLayout, QWidget)

from ..engine.tokenizer import EOS
from ..engine.trace import Trace
from .alignment import Matrix, visible
from .exchange_model import ExchangeModel
from .heatmap import HeatmapWidget

PLAY_MS = 600     # one step per this many ms while playing
SIDE_MIN = 260    # the side column's width beside the heatmap; with less room it goes under it
END_PIECE = "</s>"


def words(pieces: list[str]) -> str:
    """Pieces as a person reads them: "▁I", "▁don", "'", "t" -> "I don't"."""
    return visible("".join(pieces).replace("\u2581", " ").strip())


def prefix(trace: Trace, step: int, index: int) -> list[str]:
    """The pieces of hypothesis ``index`` at ``step``, following its parent pointers."""
    out = []
    for t in range(step, 0, -1):
        h = trace.steps[t].hyps[index]
        out.append(h.piece)
        index = h.parent
    return out[::-1]


class CandidateBars(QWidget):
    """One hypothesis's candidates for the next token: a bar per probability, the chosen one
    in the highlight colour and bold."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, float | None, bool]] = []  # label, probability (None: not known), chosen
        self.setAccessibleName(self.tr("Candidates for the next token"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, float | None, bool]]) -> None:
        self.rows = rows
        self.setAccessibleDescription("; ".join(f"{label} {'—' if p is None else f'{p:.0%}'}" + (" ✓" if chosen else "")
                                                for label, p, chosen in rows))
        self.updateGeometry()
        self.update()

    def _line(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    def sizeHint(self) -> QSize:
        return QSize(240, max(1, len(self.rows)) * self._line() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(150, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        fm = QFontMetrics(self.font())
        line = self._line()
        label_w = min(max((fm.horizontalAdvance(label + " ✓") for label, _, _ in self.rows), default=0) + 8,
                      self.width() // 2)
        pct_w = fm.horizontalAdvance("100 %") + 6
        bar_w = max(self.width() - label_w - pct_w, 10)
        pal = self.palette()
        for i, (label, prob, chosen) in enumerate(self.rows):
            y = i * line
            font = p.font()
            font.setBold(chosen)
            p.setFont(font)
            p.setPen(pal.windowText().color())
            text = fm.elidedText(label + (" ✓" if chosen else ""), Qt.TextElideMode.ElideRight, label_w - 6)
            p.drawText(QRect(0, y, label_w - 6, line), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            colour = pal.highlight().color() if chosen else QColor(150, 150, 150)
            p.fillRect(QRect(label_w, y + 3, bar_w, line - 6), pal.alternateBase().color())
            if prob is not None:
                p.fillRect(QRect(label_w, y + 3, max(1, round(bar_w * prob)), line - 6), colour)
            p.drawText(QRect(label_w + bar_w, y, pct_w, line), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       "—" if prob is None else f"{prob * 100:.0f} %")
        p.end()


class StepsView(QWidget):
    """The Steps view of one exchange: ``show_model`` takes its traces."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.traces: list[Trace] = []
        self.trace: Trace | None = None
        self.follow = 0        # the n-best entry whose path the heatmap shows
        self.path: list[int] = []
        self.chosen: list[int] = []   # the token chosen at each step of the path (EOS last)
        self.finals = []              # trace.Final, the n-best list of the trace shown
        self.sentence = QComboBox()
        self.sentence.setAccessibleName(self.tr("Sentence"))
        self.sentence.currentIndexChanged.connect(self._load_trace)
        self.play_button = QToolButton()
        self.play_button.setCheckable(True)
        self.play_button.setObjectName("playButton")
        # the style's icons: "⏸" is in no common font (an empty box under Xvfb's fonts)
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_button.toggled.connect(self._play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Decoding step"))
        self.slider.setPageStep(5)
        self.slider.valueChanged.connect(self._show_step)
        self.step_label = QLabel()
        self.step_label.setObjectName("hint")
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_MS)
        self.timer.timeout.connect(self._tick)
        controls = QHBoxLayout()
        controls.addWidget(self.sentence)
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.step_label)
        self.heatmap = HeatmapWidget()
        self.heatmap.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ← / → step, they do not move a crosshair here
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.heatmap)
        self.cand_title = QLabel()
        self.cand_title.setWordWrap(True)
        self.bars = CandidateBars()
        self.alive_title = QLabel(self.tr("Alive at this step"))
        self.alive = QLabel()
        self.alive.setWordWrap(True)
        self.alive.setTextFormat(Qt.TextFormat.RichText)
        self.nbest_title = QLabel(self.tr("Finished: the n-best list (click one to follow it)"))
        self.nbest_title.setWordWrap(True)
        self.nbest = QListWidget()
        self.nbest.setWordWrap(True)
        self.nbest.setAccessibleName(self.tr("The n-best list"))
        self.nbest.currentRowChanged.connect(self._follow)
        for title in (self.cand_title, self.alive_title, self.nbest_title):
            title.setObjectName("panelSubtitle")
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        for w in (self.cand_title, self.bars, self.alive_title, self.alive, self.nbest_title):
            side.addWidget(w)
        side.addWidget(self.nbest)
        side.addStretch(1)
        self.side = QScrollArea()  # scrolls rather than squeeze the heatmap in a short panel
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setLayout(side)
        self.side.setWidget(inner)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.scroll, 3)
        self.body.addWidget(self.side, 2)
        self.empty = QLabel(self.tr("No step history for this translation. The steps are recorded when the "
                                    "model translates a text of up to 2,000 characters; an answer from the "
                                    "dictionary or the history, or a sentence translated in pieces, has none."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("hint")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(controls)
        lay.addLayout(self.body, 1)
        lay.addWidget(self.empty, 1)
        self._set_playing_text(False)
        self.show_model(None)

    # -- data ------------------------------------------------------------------------------
    def show_model(self, model: ExchangeModel | None) -> None:
        self.play_button.setChecked(False)
        self.traces = list(model.traces) if model is not None else []
        has = bool(self.traces)
        for w in (self.sentence, self.play_button, self.slider, self.step_label, self.scroll, self.side):
            w.setVisible(has)
        self.empty.setVisible(not has)
        self.sentence.blockSignals(True)
        self.sentence.clear()
        for i, trace in enumerate(self.traces, 1):
            self.sentence.addItem(self.tr("Sentence {0}: {1}").format(i, words(trace.source_tokens[:-1])[:40]))
        self.sentence.blockSignals(False)
        self.sentence.setVisible(len(self.traces) > 1)
        self.trace = None
        if has:
            self._load_trace(0)

    def _load_trace(self, index: int) -> None:
        if not 0 <= index < len(self.traces):
            return
        self.trace = self.traces[index]
        self.finals = self.trace.finals()
        self.nbest.blockSignals(True)
        self.nbest.clear()
        for rank, f in enumerate(self.finals):
            text = f"{rank + 1}. {words(prefix(self.trace, len(f.path) - 1, f.path[-1]))}  ({f.score:.2f})"
            if f.split_step is not None:
                text += "\n   " + self.tr("split off at step {0}").format(f.split_step + 1)
            self.nbest.addItem(text)
        self.nbest.blockSignals(False)
        rows = sum(self.nbest.sizeHintForRow(i) for i in range(self.nbest.count()))
        self.nbest.setFixedHeight(rows + 2 * self.nbest.frameWidth() + 4)  # all entries, no empty box
        self._follow(0)

    def _follow(self, rank: int) -> None:
        """Show the path of the n-best entry ``rank``, at the last step."""
        if self.trace is None or not 0 <= rank < len(self.finals):
            return
        self.follow = rank
        self.nbest.blockSignals(True)
        self.nbest.setCurrentRow(rank)
        self.nbest.blockSignals(False)
        trace, path = self.trace, self.finals[rank].path
        end = len(path) - 1
        self.path = path
        self.chosen = [trace.steps[s + 1].hyps[path[s + 1]].token for s in range(end)] + [EOS]
        labels = [trace.steps[s + 1].hyps[path[s + 1]].piece for s in range(end)] + [END_PIECE]
        rows = [trace.steps[s].hyps[path[s]].attention for s in range(end + 1)]
        self.heatmap.set_matrix(Matrix(trace.source_tokens, labels, rows), None, "piece")
        self._arrange()
        self.slider.blockSignals(True)
        self.slider.setRange(0, end)
        self.slider.setValue(end)
        self.slider.blockSignals(False)
        self._show_step(end)

    # -- one step ----------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.slider.value()

    def _show_step(self, t: int) -> None:
        trace = self.trace
        if trace is None or not 0 <= t < len(self.path):
            return
        self.heatmap.rows_shown = t + 1
        self.heatmap.update()
        self.step_label.setText(self.tr("Step {0} of {1}").format(t + 1, len(self.path)))
        live = trace.steps[t].hyps[self.path[t]]
        before = words(prefix(trace, t, self.path[t]))
        self.cand_title.setText(self.tr("Next token after “{0}”").format(before[-40:]) if before
                                else self.tr("First token"))
        chosen = self.chosen[t]
        rows = [(visible(c.piece), c.prob, c.token == chosen) for c in live.candidates]
        if not any(r[2] for r in rows):  # chosen below the top k (a guard, or a beam's second choice)
            nxt = trace.steps[t + 1].hyps[self.path[t + 1]] if t + 1 < len(self.path) else None
            prob = math.exp(nxt.score - live.score) if nxt is not None else None
            rows.append((visible(nxt.piece if nxt is not None else END_PIECE), prob, True))
        self.bars.set_rows(rows)
        ended = {e.hyp for e in trace.steps[t].ended}
        lines = []
        for i, h in enumerate(trace.steps[t].hyps):
            text = html.escape(words(prefix(trace, t, i))) or self.tr("(start)")
            mark = "▸ " if i == self.path[t] else "\u2003"
            item = f"{mark}{text} <span style='color:gray'>({h.score:.2f})</span>"
            if i in ended:
                item += " · " + html.escape(self.tr("ends here"))
            lines.append(f"<b>{item}</b>" if i == self.path[t] else item)
        self.alive.setText("<br>".join(lines))

    # -- playing and keys -------------------------------------------------------------------
    def _play(self, on: bool) -> None:
        if on and self.step >= self.slider.maximum():
            self.slider.setValue(0)
        self._set_playing_text(on)
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def _set_playing_text(self, on: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if on else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))

    def _tick(self) -> None:
        if self.step < self.slider.maximum():
            self.slider.setValue(self.step + 1)
        if self.step >= self.slider.maximum():
            self.play_button.setChecked(False)

    def keyPressEvent(self, event) -> None:
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        if event.key() in moves and self.trace is not None:
            self.slider.setValue(self.step + moves[event.key()])
        elif event.key() == Qt.Key.Key_Home:
            self.slider.setValue(0)
        elif event.key() == Qt.Key.Key_End:
            self.slider.setValue(self.slider.maximum())
        elif event.key() == Qt.Key.Key_Space and self.trace is not None:
            self.play_button.toggle()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The side column beside the heatmap where both fit, else under it; the heatmap
        keeps the height of its smallest cells either way."""
        need = self.heatmap.minimumSizeHint()
        wide = self.width() >= need.width() + SIDE_MIN
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self.body.setStretch(0, 3 if wide else 1)
        self.body.setStretch(1, 2 if wide else 1)
        self.scroll.setMinimumHeight(0 if wide else min(need.height() + 4, 320))

    def hideEvent(self, event) -> None:
        self.play_button.setChecked(False)  # no playing out of sight
        super().hideEvent(event)
