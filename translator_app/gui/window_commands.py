"""The window's menus, shortcuts and the commands behind them (open, export, settings,
history, dialogs): a mixin of MainWindow, so tr() keeps the "MainWindow" context."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from . import theme
from .dialogs import AboutDialog, HistoryDialog, SettingsDialog, ShortcutsDialog
from .history import Exchange
from .language_bar import SWAP_SHORTCUT
from .settings import Settings


class WindowCommands:
    """Needs the window's conversation, input, panel, service, store and settings."""

    def _action(self, text: str, slot, keys=None, menu=None) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            seqs = keys if isinstance(keys, list) else [keys]
            action.setShortcuts([QKeySequence(k) for k in seqs])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        edit_menu = mb.addMenu(self.tr("&Edit"))
        view_menu = mb.addMenu(self.tr("&View"))
        help_menu = mb.addMenu(self.tr("&Help"))
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.actions_table = [
            ("open", self.tr("Open text file…"), self.open_file, QKeySequence.StandardKey.Open, file_menu),
            ("open_model", self.tr("Open a model…"), self.open_model, None, file_menu),
            ("teach", self.tr("Teach the model"), lambda: self.teach.start(), None, file_menu),
            ("reset_model", self.tr("Reset to the bundled model"), lambda: self.teach.reset(), None, file_menu),
            ("export_md", self.tr("Export conversation as Markdown…"), lambda: self.export_conversation("md"), "Ctrl+Shift+E", file_menu),
            ("export_json", self.tr("Export conversation as JSON…"), lambda: self.export_conversation("json"), None, file_menu),
            ("quit", self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu),
            ("send", self.tr("Translate"), self.send, None, edit_menu),
            ("cancel", self.tr("Cancel translation"), self.cancel, "Esc", edit_menu),
            ("copy_last", self.tr("Copy last translation"), self.copy_last, "Ctrl+Shift+C", edit_menu),
            ("edit_translation", self.tr("Edit the selected translation"), self.edit_translation, "F2", edit_menu),
            ("swap", self.tr("Swap languages"), self.swap, SWAP_SHORTCUT, edit_menu),
            ("focus_input", self.tr("Focus the input"), self.focus_input, "Ctrl+L", edit_menu),
            ("history", self.tr("Search history…"), self.open_history, QKeySequence.StandardKey.Find, edit_menu),
            ("settings", self.tr("Settings…"), self.open_settings,
             [preferences] if not preferences.isEmpty() else "Ctrl+,", edit_menu),
            ("toggle_level", self.tr("Toggle pieces / words"), self.toggle_level, "Ctrl+Shift+W", view_menu),
            ("clear", self.tr("Clear the conversation view"), self.conversation.clear, None, view_menu),
            ("shortcuts", self.tr("Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents, help_menu),
            ("about", self.tr("About"), self.show_about, None, help_menu),
        ]
        self.acts: dict[str, QAction] = {}
        for key, text, slot, keys, menu in self.actions_table:
            if isinstance(keys, QKeySequence.StandardKey):  # the platform's own bindings
                keys = QKeySequence.keyBindings(keys) or None
            self.acts[key] = self._action(text, slot, keys, menu)
        # Send and Enter are handled by the input; the menu entry has no second shortcut.
        self.acts["send"].setShortcuts([])

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = [(self.tr("Translate"), self.tr("Enter")), (self.tr("New line in the input"), self.tr("Shift+Enter"))]
        for key, text, *_ in self.actions_table:
            seqs = self.acts[key].shortcuts()
            if seqs:  # the primary binding; platform extras such as a dedicated "Open" key are left out
                rows.append((text.rstrip("…"), seqs[0].toString(QKeySequence.SequenceFormat.NativeText)))
        rows.append((self.tr("Move between controls"), self.tr("Tab, Shift+Tab")))
        return rows

    def edit_translation(self) -> None:
        """Correct the selected exchange's translation in place, as its Edit button does."""
        if self.conversation.current is not None:
            self.conversation.current.start_edit()

    def open_model(self) -> None:
        """Pick a bundle directory and load it for this session."""
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a model bundle"))
        if path:
            self.load_model(path)

    def load_model(self, path: str) -> None:
        self.model_path = path
        self.input.send_button.setEnabled(False)
        self.statusBar().showMessage(self.tr("Loading the model…"))
        self.service.load(path, self.device_override or self.settings.device)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open text file"), "", self.tr("Text files (*.txt)"))
        if path:
            self.input.edit.load_file(path)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, new: Settings) -> None:
        old = self.settings
        self.settings = new
        self._persist()
        app = QApplication.instance()
        if (new.theme, new.font_size) != (old.theme, old.font_size) and app is not None:
            theme.apply(app, new.theme, new.font_size)
        if new.device != old.device and not self.device_override:
            self.input.send_button.setEnabled(False)
            self.statusBar().showMessage(self.tr("Loading the model…"))
            self.service.load(self.model_path, new.device)
        if not new.live_preview:
            self.preview.hide()

    def open_history(self) -> None:
        dialog = HistoryDialog(self.store, self)
        dialog.chosen.connect(self._history_chosen)
        dialog.export_requested.connect(self.export_conversation)
        dialog.cleared.connect(self.conversation.clear)
        dialog.exec()

    def _history_chosen(self, e: Exchange) -> None:
        for ex in self.conversation.exchanges:
            if ex.history_id == e.id:
                self.conversation.select(ex)
                return
        self.language_bar.set_pair(e.src_lang, e.tgt_lang)
        self.input.set_text(e.source)

    def export_conversation(self, kind: str) -> None:
        suffix = "md" if kind == "md" else "json"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export conversation"), f"conversation.{suffix}",
            self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)"))
        if path:
            self.write_export(path, kind)

    def write_export(self, path: str, kind: str) -> bool:
        try:
            text = self.store.export_markdown() if kind == "md" else self.store.export_json()
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            self._add_error(self.tr("Export failed"), f"{path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 5000)
        return True

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        AboutDialog(self.service.info, self).exec()
