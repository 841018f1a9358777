"""The main window: lays out the language bar, conversation, input and attention panel,
and shows what the TranslationQueue reports (menus and commands: window_commands)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from .attention_panel import AttentionPanel
from .bubbles import ExchangeWidget
from .conversation import ConversationView
from .corrections import CorrectionController
from .dictionary_card import DictionaryController
from .error_text import describe_error
from .exchange_model import ExchangeModel
from .history import HistoryStore
from .input_pane import InputPane
from .language_bar import LanguageBar
from .model_info import model_display_name
from .requests import TranslationQueue, joined
from .settings import Settings, qsettings, save_settings
from .teach_controller import TeachController
from .window_commands import WindowCommands
from .window_layout import WindowLayout

PREVIEW_DELAY_MS = 400
DEFAULT_SIZE = (1200, 740)  # shrunk to the screen where that is smaller (see _fit_screen)
RESTORE_LIMIT = 100  # older exchanges stay searchable in the history dialog


class MainWindow(WindowLayout, WindowCommands, QMainWindow):
    translation_shown = Signal(object)  # ExchangeWidget, after a full translation arrived
    error_shown = Signal(str)
    # "window_shown" (first paint), "model_ready", "first_translation": for timings (bench)
    milestone = Signal(str)

    def __init__(self, settings: Settings, store: HistoryStore, model_path: str | None = None,
                 device: str | None = None, persist: bool = True, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.model_path = model_path
        self.device_override = device
        self.persist = persist  # False in --screenshot runs: leave the user's settings alone
        self.auto_send = False  # set when a .txt file was given on the command line
        self._milestones: set[str] = set()
        self.worker_stopped = True
        self._closed = False
        self.setWindowTitle(self.tr("Translator"))
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Translator"))
        self._build()
        self._build_actions()
        self.service = TranslationQueue(self)
        self.corrections = CorrectionController(self)  # your translations: history, memory, score
        self.teach = TeachController(self)  # the model learns them: button, progress, reload
        q = self.service
        q.ready.connect(self._on_ready)
        q.load_failed.connect(self._on_load_failed)
        q.started.connect(self._on_started)
        q.queued.connect(lambda n: self.statusBar().showMessage(self.tr("Queued: %n more waiting", "", n)))
        q.progress.connect(self._on_progress)
        q.finished.connect(self._on_finished)
        q.failed.connect(self._on_failed)
        q.cancelled.connect(self._on_cancelled)
        q.previewed.connect(self._on_previewed)
        q.preview_failed.connect(lambda _exc: self.preview.hide())
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
        self.conversation.exchange_selected.connect(self._exchange_selected)
        self.panel.hovered.connect(self._heatmap_hovered)
        self.dictionary = DictionaryController(self)  # opens nothing until the first card
        self.panel.source_word_clicked.connect(self._heatmap_word_clicked)
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
        self.dictionary.shutdown()
        self.corrections.shutdown()
        self.teach.shutdown()
        self.worker_stopped = self.service.shutdown()
        self.store.close()

    def _unsent_text(self) -> str:
        """What closing would lose: a running or queued translation and the typed input."""
        return joined([*self.service.unsent_texts(), self.input.text()])

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

    def _restore_history(self) -> None:
        if self.history_restored or self._closed:
            return
        self.history_restored = True
        for e in self.store.all(limit=RESTORE_LIMIT):
            model = ExchangeModel.from_history(e.source, e.translation, e.src_lang, e.tgt_lang, e.created, e.result)
            self.dictionary.exchange_added(self._add_exchange(model, e.id, select=False), fresh=False)
        if self.conversation.exchanges:
            self.conversation.select(self.conversation.exchanges[-1])
            self.conversation.scroll_to_end()  # the latest exchange, as before the restart

    def _mark(self, name: str) -> None:
        if name not in self._milestones:
            self._milestones.add(name)
            self.milestone.emit(name)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._mark("window_shown")

    # -- what the queue reports --------------------------------------------------------
    def _on_ready(self, info: dict) -> None:
        self._mark("model_ready")
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

    def _on_load_failed(self, exc) -> None:
        # The bubble tells what went wrong; the status bar only states the result, once.
        self.status_model.setText(self.tr("No model loaded"))
        self.auto_send = False
        self.panel.set_model_loaded(False)
        self.status_model.setToolTip("")
        self.status_device.setText("")
        self.statusBar().clearMessage()
        self.conversation.set_notice("")
        self.input.send_button.setEnabled(False)
        self.input.set_placeholder(self.tr("No model is loaded; see the message above."))
        bubble = self._add_error(self.tr("Could not load the model"), describe_error(exc),
                                 self.tr("Open another model bundle below, or start the app with "
                                         "translator-app --model PATH."),
                                 paths=[self.model_path] if self.model_path else [])
        bubble.add_action(self.tr("Open a model…"), self.open_model)

    def _on_started(self, text: str) -> None:
        snippet = " ".join(text.split())
        snippet = snippet if len(snippet) <= 60 else snippet[:59] + "…"
        bubble = self.conversation.show_progress(self.tr("Translating “{0}”").format(snippet))
        bubble.cancel_requested.connect(self.cancel)
        self.statusBar().showMessage(self.tr("Translating…"))

    def _on_progress(self, done: int, total: int) -> None:
        if self.conversation.progress is not None:
            self.conversation.progress.set_progress(done, total)

    def _on_finished(self, result, item) -> None:
        self._restore_history()  # older exchanges first, should a result ever beat the restore
        self.conversation.hide_progress()
        model = ExchangeModel.from_translation(result)
        model.src_lang, model.tgt_lang = item.src_lang, item.tgt_lang
        history_id = None
        try:
            history_id = self.store.add(model.src_lang, model.tgt_lang, model.source, model.translation,
                                        model.to_history(), model.created)
        except Exception as exc:  # a full disk must not lose the translation on screen
            self._add_error(self.tr("History not saved"), str(exc))
        ex = self._add_exchange(model, history_id)
        self.dictionary.exchange_added(ex, fresh=True)
        self.status_time.setText(self.tr("Last: {0:.0f} ms").format(result.ms))
        self.statusBar().clearMessage()
        self._mark("first_translation")
        self.translation_shown.emit(ex)

    def _on_failed(self, exc, text: str) -> None:
        self.conversation.hide_progress()
        self._add_error(self.tr("Translation failed"), describe_error(exc))
        self._give_back(text)

    def _on_cancelled(self, texts: list[str]) -> None:
        self.conversation.hide_progress()
        # one text comes back exactly as it was typed
        self._give_back(texts[0] if len(texts) == 1 else joined(texts))

    def _on_previewed(self, result) -> None:
        self.preview.setText(self.tr("Preview: {0}").format(result.translation))
        self.preview.setVisible(bool(result.translation))

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
        self.service.submit(text, src, tgt, self.settings.decode_config())

    def cancel(self) -> None:
        """Esc: stop the running translation and everything queued behind it; all of their
        text goes back to the input (through ``cancelled``)."""
        if self.service.cancel():
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
        self.service.preview(text, *self.language_bar.pair())

    def _add_exchange(self, model: ExchangeModel, history_id: int | None, select: bool = True) -> ExchangeWidget:
        ex = ExchangeWidget(model, history_id)
        ex.hover_changed.connect(self._bubble_hovered)
        ex.alternative_chosen.connect(self._alternative_chosen)
        ex.swap_requested.connect(self._swap_and_retranslate)
        self.corrections.exchange_added(ex)
        return self.conversation.add_exchange(ex, select=select)

    # -- the hover link: the selected exchange's words <-> its heatmap (word labels) ------
    def _exchange_selected(self, ex: ExchangeWidget | None) -> None:
        model, highlight = (None, (set(), set())) if ex is None else (ex.model, ex.current_highlight)
        self.panel.show_exchange(model, highlight)

    def _bubble_hovered(self, ex: ExchangeWidget, targets: set, sources: set) -> None:
        if ex is self.conversation.current:
            self.panel.show_hover(targets, sources)

    def _heatmap_hovered(self, targets: set, sources: set) -> None:
        if self.conversation.current is not None:
            self.conversation.current.highlight_from_heatmap(targets, sources)

    def _heatmap_word_clicked(self, word: str) -> None:
        if self.conversation.current is not None:
            self.dictionary.show_word(self.conversation.current, word)

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
        if last is not None and last.shown and (not typed or typed == last.model.source.strip()):
            self.input.set_text(last.shown)  # but never overwrite new, unsent typing
            self.input.edit.selectAll()  # selected, so typing replaces it (as the rival apps do)
        self.focus_input()

    def _swap_and_retranslate(self, ex: ExchangeWidget, src: str, tgt: str) -> None:
        """The note's swap: the other direction, and the same source text sent again."""
        self.language_bar.set_pair(src, tgt)
        if self.service.is_ready:
            self.service.submit(ex.model.source, src, tgt, self.settings.decode_config())

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

    def clipboard_text(self) -> str:
        return QGuiApplication.clipboard().text()
