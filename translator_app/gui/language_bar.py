"""Language bar: the two directions the model knows, and a swap button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QToolButton, QWidget

PAIRS = (("de", "en"), ("en", "de"))
# Ctrl+Shift+S means "Save As" almost everywhere; X is the usual "swap" key (colours in
# graphics programs), and no text-editing binding uses Ctrl+Shift+X.
SWAP_SHORTCUT = "Ctrl+Shift+X"


class LanguageBar(QWidget):
    pair_changed = Signal(str, str)
    swap_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("languageBar")
        names = {"de": self.tr("German"), "en": self.tr("English")}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 2)
        for i, (src, tgt) in enumerate(PAIRS):
            b = QPushButton(f"{names[src]} → {names[tgt]}")
            b.setObjectName("pairButton")
            b.setCheckable(True)
            b.setAccessibleName(self.tr("Translate from {0} to {1}").format(names[src], names[tgt]))
            self.group.addButton(b, i)
            self.buttons[(src, tgt)] = b
            lay.addWidget(b)
            if i == 0:
                self.swap = QToolButton()
                self.swap.setObjectName("swapButton")
                self.swap.setText("⇄")
                keys = QKeySequence(SWAP_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
                self.swap.setToolTip(self.tr("Swap languages ({0}); the last translation moves into the input")
                                     .format(keys))
                self.swap.setAccessibleName(self.tr("Swap languages"))
                self.swap.clicked.connect(self.swap_requested)
                lay.addWidget(self.swap)
        lay.addStretch(1)
        self.src, self.tgt = "de", "en"
        self.buttons[PAIRS[0]].setChecked(True)
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, index: int) -> None:
        self.set_pair(*PAIRS[index])

    def set_pair(self, src: str, tgt: str) -> None:
        if (src, tgt) not in self.buttons:
            return
        self.buttons[(src, tgt)].setChecked(True)
        if (src, tgt) != (self.src, self.tgt):
            self.src, self.tgt = src, tgt
            self.pair_changed.emit(src, tgt)

    def pair(self) -> tuple[str, str]:
        return self.src, self.tgt
