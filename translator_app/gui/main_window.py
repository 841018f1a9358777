"""The main window: wires the language bar, conversation, input, attention panel, status
bar, menus and shortcuts to the TranslationService and the history store."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QMainWindow, QSplitter,
                               QVBoxLayout, QWidget)

from . import theme
from .attention_panel import AttentionPanel
from .bubbles import ExchangeWidget
from .conversation import ConversationView
from .dialogs import AboutDialog, HistoryDialog, SettingsDialog, ShortcutsDialog
from .history import Exchange, HistoryStore
from .input_pane import InputPane
from .language_bar import SWAP_SHORTCUT, LanguageBar
from .settings import Settings, qsettings, save_settings
from .worker import TranslationService, model_display_name

PREVIEW_DELAY_MS = 400
DEFAULT_SIZE = (1200, 740)  # shrunk to the screen where that is smaller (see _fit_screen)
CHAT_WIDTH = 440  # the conversation's share of a normal window; half of a narrow one
CHAT_MAX_WIDTH = 640  # wider only makes bubbles float apart
RESTORE_LIMIT = 100  # older exchanges stay searchable in the history dialog


MAX_STORED_ATTENTION_CELLS = 250_000  # about 500 x 500 pieces: a long page


def _cells(attention) -> int:
    return len(attention) * len(attention[0]) if attention else 0


def _joined(texts) -> str:
    """Several texts as one input: trimmed, blank ones dropped, a blank line between."""
    return "\n\n".join(t.strip() for t in texts if t.strip())


class MainWindow(QMainWindow):
    translation_shown = Signal(object)  # ExchangeWidget, after a full translation arrived
    error_shown = Signal(str)

    def __init__(self, settings: Settings, store: HistoryStore, model_path: str | None = None,
                 device: str | None = None, persist: bool = True, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.model_path = model_path
        self.device_override = device
        self.persist = persist  # False in --screenshot runs: leave the user's settings alone
        self.auto_send = False  # set when a .txt file was given on the command line
        self._requests: dict[int, tuple[str, str, str]] = {}
        self._queue: list[tuple[str, str, str]] = []  # sent while another one runs: next in line
        self.worker_stopped = True
        self._closed = False
        self.setWindowTitle(self.tr("Translator"))
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Translator"))
        self._build()
        self._build_actions()
        self.service = TranslationService(self)
        self.service.ready.connect(self._on_ready)
        self.service.load_failed.connect(self._on_load_failed)
        self.service.result.connect(self._on_result)
        self.service.error.connect(self._on_error)
        self.service.progress.connect(self._on_progress)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self._send_preview)
        self.input.edit.textChanged.connect(self._input_changed)
        self.history_restored = False
        self.resize(*DEFAULT_SIZE)
        self._fit_screen()
        self._restore_geometry()
        self._restore_draft()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.language_bar = LanguageBar()
        self.language_bar.set_pair(self.settings.src_lang, self.settings.tgt_lang)
        self.language_bar.pair_changed.connect(self._pair_changed)
        self.language_bar.swap_requested.connect(self.swap)
        self.conversation = ConversationView()
        self.input = InputPane()
        self.input.send_requested.connect(self.send)
        self.input.edit.file_dropped.connect(lambda p: self.statusBar().showMessage(self.tr("Loaded {0}").format(p), 5000))
        self.input.edit.drop_failed.connect(lambda m: self._add_error(self.tr("Could not read the file"), m))
        self.input.edit.file_cut.connect(lambda p, n: self._add_error(
            self.tr("File shortened"), self.tr("Only the first {0:,} bytes of {1} were loaded.").format(n, p)))
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # model output is text, never markup
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Quick preview"))
        self.preview.hide()
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.language_bar)
        lay.addWidget(self.conversation, 1)
        lay.addWidget(self.preview)
        lay.addWidget(self.input)
        self.panel = AttentionPanel()
        self.panel.set_level(self.settings.heatmap_level)
        self.panel.level_changed.connect(self._level_changed)
        self.panel.exported.connect(lambda p: self.statusBar().showMessage(self.tr("Saved {0}").format(p), 5000))
        self.panel.export_failed.connect(lambda m: self._add_error(self.tr("Export failed"), m))
        self.conversation.exchange_selected.connect(self.panel.show_exchange)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([440, 760])  # the heatmap needs the width more than the chat
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._split_by_hand)
        self.split_by_hand = False  # once the user drags the handle, the split is theirs
        self.panel.matrix_changed.connect(self.balance_split)
        self.setCentralWidget(self.splitter)
        bar = self.statusBar()
        self.status_model = QLabel("")
        self.status_device = QLabel("")
        self.status_time = QLabel("")
        for w, name in ((self.status_model, self.tr("Model")), (self.status_device, self.tr("Device")),
                        (self.status_time, self.tr("Time of the last translation"))):
            w.setAccessibleName(name)
            bar.addPermanentWidget(w)
        self.input.set_placeholder(self.tr("Loading the model… you can already type."))

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
            ("export_md", self.tr("Export conversation as Markdown…"), lambda: self.export_conversation("md"), "Ctrl+Shift+E", file_menu),
            ("export_json", self.tr("Export conversation as JSON…"), lambda: self.export_conversation("json"), None, file_menu),
            ("quit", self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu),
            ("send", self.tr("Translate"), self.send, None, edit_menu),
            ("cancel", self.tr("Cancel translation"), self.cancel, "Esc", edit_menu),
            ("copy_last", self.tr("Copy last translation"), self.copy_last, "Ctrl+Shift+C", edit_menu),
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

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> None:
        """Show first, then load the model in the worker thread and restore the history
        once the window has painted (a long history must not delay the first frame)."""
        self.service.load(self.model_path, self.device_override or self.settings.device)
        QTimer.singleShot(0, self._restore_history)
        if getattr(self.store, "notice", ""):
            self._add_error(self.tr("History"), self.store.notice)
        self.statusBar().showMessage(self.tr("Loading the model…"))
        self.conversation.set_notice(self.tr("Loading the model… The window works already; "
                                             "Translate works once it is ready."))

    # a .txt dropped anywhere on the window goes to the input (other drops: only there)
    def dragEnterEvent(self, event) -> None:
        if self.input.edit.txt_path(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self.input.edit.txt_path(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self.input.edit.txt_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.input.edit.load_file(path)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.preview_timer.stop()
        if self.persist:
            save_settings(self.settings)
            qsettings().setValue("geometry", self.saveGeometry())
            self._save_draft()
        self.hide()  # gone at once, even if the worker needs a moment to finish a step
        self.worker_stopped = self.service.shutdown()
        self.store.close()

    def _split_by_hand(self, *_):
        self.split_by_hand = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.balance_split()

    def balance_split(self) -> None:
        """Share the width: the chat gets at least CHAT_WIDTH (or half a narrow window), the
        heatmap what its grid uses, and whatever the grid would leave empty goes to the chat."""
        if self.split_by_hand:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        floor = max(min(CHAT_WIDTH, total // 2), int(total * 0.37))
        need = self.panel.needed_width()
        chat = floor if need is None else max(floor, min(total - need, max(floor, CHAT_MAX_WIDTH)))
        chat = max(chat, self.splitter.widget(0).minimumSizeHint().width())
        panel = max(total - chat, self.panel.minimumSizeHint().width())
        if self.splitter.sizes() != [total - panel, panel]:
            self.splitter.setSizes([total - panel, panel])

    def _fit_screen(self) -> None:
        """A 1366 x 768 laptop must show the whole window (offscreen renders keep the default)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None or QGuiApplication.platformName() == "offscreen":
            return
        room = screen.availableGeometry()
        self.resize(min(self.width(), int(room.width() * 0.95)), min(self.height(), int(room.height() * 0.92)))

    def _pending_texts(self) -> list[str]:
        """The running translation's text, then the queued ones, oldest first."""
        return [text for text, _, _ in (*self._requests.values(), *self._queue)]

    def _unsent_text(self) -> str:
        """What closing would lose: a running or queued translation and the typed input."""
        return _joined([*self._pending_texts(), self.input.text()])

    def _save_draft(self) -> None:
        draft = self._unsent_text()
        if draft:
            qsettings().setValue("draft", draft)
        else:
            qsettings().remove("draft")

    def _restore_draft(self) -> None:
        """The text left unsent at the last close comes back into the input (kept in the
        settings until the next close, so a crash cannot lose it either)."""
        if not self.persist or self.input.text().strip():
            return
        draft = qsettings().value("draft")
        if isinstance(draft, str) and draft.strip():
            self.input.set_text(draft)

    def _restore_geometry(self) -> None:
        if not self.persist:
            return
        geometry = qsettings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _restore_history(self) -> None:
        if self.history_restored or self._closed:
            return
        self.history_restored = True
        for e in self.store.all(limit=RESTORE_LIMIT):
            self._add_exchange(self._exchange_data(e), e.id, select=False)
        if self.conversation.exchanges:
            self.conversation.select(self.conversation.exchanges[-1])
            self.conversation.scroll_to_end()  # the latest exchange, as before the restart

    @staticmethod
    def _exchange_data(e: Exchange) -> dict:
        data = dict(e.result)
        data.update(source=e.source, src_lang=e.src_lang, tgt_lang=e.tgt_lang, created=e.created,
                    shown=e.translation)
        data.setdefault("translation", e.translation)
        return data

    # -- service events ----------------------------------------------------------------
    def _on_ready(self, info: dict) -> None:
        self.status_model.setText(self.tr("Model: {0}").format(model_display_name(info)))
        self.status_model.setToolTip(info.get("path", ""))
        self.status_device.setText(self.tr("Device: {0}").format(str(info.get("device", "?")).upper()))
        self.statusBar().showMessage(self.tr("Ready"), 3000)
        self.panel.set_model_loaded(True)
        self.conversation.set_notice("")
        self.input.send_button.setEnabled(True)
        self.input.set_placeholder(self.tr("Type or paste text, or drop a .txt file here…"))
        for warning in info.get("warnings", []):
            self._add_error(self.tr("Device"), warning)
        if self.auto_send and self.input.text().strip():
            self.auto_send = False
            self.send()
        self.auto_send = False  # a later reload (device change) must not send a new draft
        self._next_in_queue()

    def _on_load_failed(self, message: str) -> None:
        # The bubble tells what went wrong; the status bar only states the result, once.
        self.status_model.setText(self.tr("No model loaded"))
        self.auto_send = False
        if self._queue:  # nothing can translate them now: back to the input
            self._give_back(_joined(text for text, _, _ in self._queue))
            self._queue.clear()
        self.panel.set_model_loaded(False)
        self.status_model.setToolTip("")
        self.status_device.setText("")
        self.statusBar().clearMessage()
        self.conversation.set_notice("")
        self.input.send_button.setEnabled(False)
        self.input.set_placeholder(self.tr("No model is loaded; see the message above."))
        bubble = self._add_error(self.tr("Could not load the model"), message,
                                 self.tr("Open another model bundle below, or start the app with "
                                         "translator-app --model PATH."),
                                 paths=[self.model_path] if self.model_path else [])
        bubble.add_action(self.tr("Open a model…"), self.open_model)

    def _on_progress(self, rid: int, done: int, total: int) -> None:
        if self.conversation.progress is not None:
            self.conversation.progress.set_progress(done, total)

    def _on_result(self, rid: int, result, preview: bool) -> None:
        if preview:
            self.preview.setText(self.tr("Preview: {0}").format(result.translation))
            self.preview.setVisible(bool(result.translation))
            return
        self._restore_history()  # older exchanges first, should a result ever beat the restore
        text, src, tgt = self._requests.pop(rid, (result.source, result.src_lang, result.tgt_lang))
        self.conversation.hide_progress()
        data = result.to_json_dict()
        data.update(src_lang=src, tgt_lang=tgt, created=time.time(), confidence=result.confidence,
                    warnings=list(result.warnings))
        history_id = None
        kept = data
        if _cells(data.get("attention")) > MAX_STORED_ATTENTION_CELLS:
            # a long text's matrix would be megabytes of JSON per exchange: shown now, not stored
            kept = dict(data, attention=[], attention_not_kept=True)
        try:
            history_id = self.store.add(src, tgt, result.source, result.translation, kept, data["created"])
        except Exception as exc:  # a full disk must not lose the translation on screen
            self._add_error(self.tr("History not saved"), str(exc))
        ex = self._add_exchange(data, history_id)
        self.status_time.setText(self.tr("Last: {0:.0f} ms").format(result.ms))
        self.statusBar().clearMessage()
        self.translation_shown.emit(ex)
        self._next_in_queue()

    def _on_error(self, rid: int, message: str) -> None:
        if rid not in self._requests:  # a failed preview: no bubble for that
            self.preview.hide()
            return
        text, _, _ = self._requests.pop(rid)
        self.conversation.hide_progress()
        self._add_error(self.tr("Translation failed"), message)
        self._give_back(text)
        self._next_in_queue()

    def _give_back(self, text: str) -> None:
        """A failed or cancelled request returns its text to the input, so nothing typed is
        lost: into an empty input as it was, else above what has been typed since."""
        typed = self.input.text()
        if not typed.strip():
            self.input.set_text(text)
        elif text.strip() and text.strip() not in typed:
            self.input.set_text(text.rstrip() + "\n\n" + typed)

    # -- actions -----------------------------------------------------------------------
    def send(self) -> None:
        text = self.input.text()
        if not text.strip() or not self.service.is_ready:
            return
        src, tgt = self.language_bar.pair()
        self.preview_timer.stop()
        self.preview.hide()
        self.input.edit.clear()
        if self._requests:  # one runs already: this one waits its turn instead of replacing it
            self._queue.append((text, src, tgt))
            self.statusBar().showMessage(self.tr("Queued: %n more waiting", "", len(self._queue)))
            return
        self._dispatch(text, src, tgt)

    def _dispatch(self, text: str, src: str, tgt: str) -> None:
        rid = self.service.translate(text, src, tgt, self.settings.beam, self.settings.n_best)
        self._requests = {rid: (text, src, tgt)}
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
        bubble = self.conversation.show_progress(self.tr("Translating “{0}”").format(snippet))
        bubble.cancel_requested.connect(self.cancel)
        self.statusBar().showMessage(self.tr("Translating…"))

    def _next_in_queue(self) -> None:
        if self._queue and not self._requests and self.service.is_ready and not self._closed:
            self._dispatch(*self._queue.pop(0))

    def cancel(self) -> None:
        """Esc: stop the running translation and everything queued behind it; all of their
        text goes back to the input."""
        if not self._requests and not self._queue:
            return
        self.service.cancel()
        waiting = self._pending_texts()
        self._requests.clear()
        self._queue.clear()
        if waiting:  # one text comes back exactly as it was typed
            self._give_back(waiting[0] if len(waiting) == 1 else _joined(waiting))
        self.conversation.hide_progress()
        self.statusBar().showMessage(self.tr("Cancelled"), 3000)

    def _input_changed(self) -> None:
        if self.settings.live_preview and self.service.is_ready:
            self.preview_timer.start()
        elif not self.input.text():
            self.preview.hide()

    def _send_preview(self) -> None:
        text = self.input.text()
        if not text.strip():
            self.preview.hide()
            return
        src, tgt = self.language_bar.pair()
        self.service.translate(text, src, tgt, beam=1, n_best=1, preview=True)

    def _add_exchange(self, data: dict, history_id: int | None, select: bool = True) -> ExchangeWidget:
        ex = ExchangeWidget(data, history_id)
        ex.alternative_chosen.connect(self._alternative_chosen)
        return self.conversation.add_exchange(ex, select=select)

    def _add_error(self, title: str, message: str, hint: str = "", paths=()):
        bubble = self.conversation.add_error(title, message, hint, paths)
        self.error_shown.emit(message)
        return bubble

    def _alternative_chosen(self, ex: ExchangeWidget, text: str) -> None:
        if ex.history_id is not None:
            self.store.set_translation(ex.history_id, text)

    def _pair_changed(self, src: str, tgt: str) -> None:
        self.settings.src_lang, self.settings.tgt_lang = src, tgt
        self._persist()
        if self.settings.live_preview:
            self.preview_timer.start()

    def swap(self) -> None:
        """Reverse the direction; the last translation moves into the input to translate back."""
        src, tgt = self.language_bar.pair()
        self.language_bar.set_pair(tgt, src)
        last = self.conversation.exchanges[-1] if self.conversation.exchanges else None
        typed = self.input.text().strip()
        if last is not None and last.shown and (not typed or typed == last.data.get("source", "").strip()):
            self.input.set_text(last.shown)  # but never overwrite new, unsent typing
        self.focus_input()

    def focus_input(self) -> None:
        self.input.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def copy_last(self) -> None:
        if self.conversation.exchanges:
            self.conversation.exchanges[-1].copy()
            self.statusBar().showMessage(self.tr("Copied the last translation"), 3000)

    def toggle_level(self) -> None:
        self.panel.set_level("piece" if self.panel.level == "word" else "word")

    def _level_changed(self, level: str) -> None:
        self.settings.heatmap_level = level
        self._persist()

    def _persist(self) -> None:
        if self.persist:
            save_settings(self.settings)

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

    def clipboard_text(self) -> str:
        return QGuiApplication.clipboard().text()
