"""Settings, keyboard shortcuts, history search and About dialogs."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QTextBrowser,
                               QVBoxLayout)

from ..engine import config  # the decoding limits (no torch)
from .history import HistoryStore
from .settings import DEVICES, THEMES, Settings
from .model_info import model_display_name


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.beam = QSpinBox()
        self.beam.setRange(1, config.MAX_BEAM)  # the engine's limit: a saved value is never lowered
        self.beam.setValue(settings.beam)
        self.beam.setAccessibleName(self.tr("Beam size"))
        self.beam.setToolTip(self.tr("How many hypotheses beam search keeps; 1 = greedy (fastest)"))
        self.n_best = QSpinBox()
        self.n_best.setRange(1, config.MAX_BEAM)
        self.n_best.setValue(settings.n_best)
        self.n_best.setAccessibleName(self.tr("Number of alternatives"))
        self.device = QComboBox()
        labels = {"auto": self.tr("Automatic"), "cpu": "CPU", "cuda": "CUDA (NVIDIA)", "mps": "MPS (Apple)"}
        for d in DEVICES:
            self.device.addItem(labels[d], d)
        self.device.setCurrentIndex(DEVICES.index(settings.device))
        self.device.setAccessibleName(self.tr("Device"))
        self.live = QCheckBox(self.tr("Translate as I type (quick preview)"))
        self.live.setChecked(settings.live_preview)
        self.live.setAccessibleName(self.tr("Translate as you type"))
        self.theme = QComboBox()
        theme_labels = {"system": self.tr("System"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for t in THEMES:
            self.theme.addItem(theme_labels[t], t)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.theme.setAccessibleName(self.tr("Theme"))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 32)
        self.font_size.setSpecialValueText(self.tr("System default"))
        self.font_size.setValue(settings.font_size)
        self.font_size.setSuffix(" pt")
        self.font_size.setAccessibleName(self.tr("Font size"))
        form = QFormLayout()
        form.addRow(self.tr("&Beam size:"), self.beam)
        form.addRow(self.tr("&Alternatives shown:"), self.n_best)
        form.addRow(self.tr("&Device:"), self.device)
        form.addRow("", self.live)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("&Font size:"), self.font_size)
        note = QLabel(self.tr("Changing the device reloads the model."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self._base = settings

    def result_settings(self) -> Settings:
        from dataclasses import replace

        return replace(self._base, beam=self.beam.value(), n_best=self.n_best.value(),
                       device=self.device.currentData(), live_preview=self.live.isChecked(),
                       theme=self.theme.currentData(), font_size=self.font_size.value()).clamp()


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        for r, (name, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(name))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(buttons)
        self.resize(500, 560)


class HistoryDialog(QDialog):
    """Search the stored history; pick an entry to bring it back into the input."""

    chosen = Signal(object)  # Exchange
    export_requested = Signal(str)  # "md" or "json"
    cleared = Signal()

    def __init__(self, store: HistoryStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("History"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search source and translation…"))
        self.query.setAccessibleName(self.tr("Search history"))
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("History entries"))
        self.results.itemActivated.connect(self._activate)
        self.count = QLabel()
        self.count.setObjectName("hint")
        export_md = QPushButton(self.tr("Export &Markdown…"))
        export_json = QPushButton(self.tr("Export &JSON…"))
        clear = QPushButton(self.tr("&Clear history…"))
        export_md.clicked.connect(lambda: self.export_requested.emit("md"))
        export_json.clicked.connect(lambda: self.export_requested.emit("json"))
        clear.clicked.connect(self._clear)
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addStretch(1)
        for b in (export_md, export_json, clear):
            row.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.query)
        lay.addWidget(self.results, 1)
        lay.addLayout(row)
        lay.addWidget(close)
        self.query.textChanged.connect(self.refresh)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        self.results.clear()
        items = self.store.search(self.query.text())
        for e in items:
            stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created))
            item = QListWidgetItem(f"{stamp}  {e.src_lang}→{e.tgt_lang}\n{_one_line(e.source)}\n→ {_one_line(e.translation)}")
            item.setData(Qt.ItemDataRole.UserRole, e)
            self.results.addItem(item)
        self.count.setText(self.tr("%n entries", "", len(items)))

    def _activate(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _clear(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Clear history"),
                                      self.tr("Delete all stored translations? This cannot be undone."))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.clear()
            self.cleared.emit()
            self.refresh()


def _one_line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AboutDialog(QDialog):
    def __init__(self, info: dict, parent=None):
        super().__init__(parent)
        from .. import __version__

        self.setWindowTitle(self.tr("About translator-app"))
        meta = info.get("meta", {}) or {}
        quality = _quality(meta)
        parts = [
            f"# translator-app {__version__}",
            self.tr("Offline German ↔ English translation with a GRU encoder–decoder and Bahdanau "
                    "attention. Nothing you type leaves this computer."),
            "",
            "**" + self.tr("Model") + f":** {model_display_name(info) if info else '—'}  ",
            "**" + self.tr("Device in use") + f":** {str(info.get('device', '—')).upper()}  ",
            "**" + self.tr("Measured quality") + ":** " + (quality or self.tr("not recorded in this bundle; see the model card")),
            "",
            "**" + self.tr("Licence") + ":** " + self.tr(
                "the application is free software under the GNU GPL, version 3 or later "
                "(GPL-3.0-or-later). The model was trained on data licensed under the GPL, "
                "version 2 or later (GPL-2.0-or-later)."),
            "",
            *_example_credits(self.tr("Example sentences")),
            "---",
            "",
            info.get("card") or self.tr("*The model card appears here once the model has loaded.*"),
        ]
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # a click would replace the card with an empty page
        self.browser.setMarkdown("\n".join(parts))
        self.browser.setAccessibleName(self.tr("About and model card"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(620, 520)


def _example_credits(title: str) -> list[str]:
    """The dictionary card's example sentences, credited as their shipped file's header says
    (each source with its licence); nothing when the file is missing."""
    from ..dictionary import examples_index
    from ..paths import examples_data

    try:
        sources = examples_index.read_header(examples_data())
    except (OSError, ValueError, EOFError):
        return []
    return [f"**{title}:** " + "; ".join(f"{s.credit} ({s.licence})" for s in sources), ""]


def _quality(meta: dict) -> str:
    """BLEU/chrF scores the training or evaluation run stored in the bundle's config,
    e.g. meta["metrics"]["de-en_bleu"]; other numbers (losses, timings) are left out."""
    found: list[str] = []

    def scan(d: dict, path: list[str]) -> None:
        for key, value in d.items():
            if isinstance(value, dict) and len(path) < 3:
                scan(value, path + [key])
            elif isinstance(value, (int, float)) and any(m in key.lower() for m in ("bleu", "chrf")):
                name = key.replace("_bleu", " BLEU").replace("_chrf", " chrF")
                name = {"bleu": "BLEU", "chrf": "chrF"}.get(name.lower(), name)
                where = " ".join(p for p in path if p != "metrics")
                found.append(f"{where + ' ' if where else ''}{name} {value:.1f}")

    scan(meta, [])
    return ", ".join(found)
