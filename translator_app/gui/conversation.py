"""The chat-style conversation: a scrolling column of exchanges and notices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from .bubbles import ErrorBubble, ExchangeWidget, ProgressBubble

FOLLOW_SETTLE_MS = 800
REVEAL_SETTLE_MS = 1500  # after its last growth (a card grows when its lookup answers)


def least_scroll(value: int, height: int, top: int, bottom: int, keep: int) -> int:
    """The scroll value nearest ``value`` that shows ``top``..``bottom`` (content pixels) in a
    viewport ``height`` tall, and ``keep`` above it too where the whole of keep..bottom fits;
    the top of what opened wins over its bottom when it alone is taller than the viewport."""
    if bottom - keep <= height:
        top = min(top, keep)
    if bottom > value + height:
        value = bottom - height
    return max(0, min(value, top))


class ConversationView(QScrollArea):
    exchange_selected = Signal(object)  # ExchangeWidget or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("conversation")
        self.setWidgetResizable(True)
        # bubbles wrap instead: a sideways scroll would hide half of every exchange
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Conversation"))
        body = QWidget()
        body.setObjectName("conversationBody")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(10, 10, 10, 10)
        self.column.setSpacing(8)
        self.welcome = self.tr("Type German or English below and press Enter.\n"
                               "Your translations appear here, with where the model looked.")
        self.placeholder = QLabel(self.welcome)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setWordWrap(True)
        self.column.addWidget(self.placeholder)
        self.column.addStretch(1)
        self.setWidget(body)
        self.exchanges: list[ExchangeWidget] = []
        self.current: ExchangeWidget | None = None
        self.progress: ProgressBubble | None = None
        # Stay at the end while what was just added settles: wrapped bubbles grow over
        # several layout passes, so one scroll right after adding lands above the new end.
        self.following = False
        self._settled = QTimer(self)  # following ends once the layout has stopped growing
        self._settled.setSingleShot(True)
        self._settled.setInterval(FOLLOW_SETTLE_MS)
        self._settled.timeout.connect(self._stop_following)
        # What opened last (alternatives, a card) and its bubble: kept in view while it grows.
        self._reveal: tuple[QWidget, QWidget] | None = None
        self._revealed = QTimer(self)
        self._revealed.setSingleShot(True)
        self._revealed.setInterval(REVEAL_SETTLE_MS)
        self._revealed.timeout.connect(self._stop_revealing)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.actionTriggered.connect(self._user_scrolled)

    def _append(self, widget: QWidget) -> None:
        self._stop_revealing()
        self.placeholder.hide()
        self.column.insertWidget(self.column.count() - 1, widget)
        self.scroll_to_end()

    def scroll_to_end(self) -> None:
        self.following = True
        self._settled.start()
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        QTimer.singleShot(0, lambda: bar.setValue(bar.maximum()) if self.following else None)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self.following:
            self.verticalScrollBar().setValue(maximum)
            self._settled.start()
        elif self._reveal is not None:
            self._scroll_to_reveal()

    def _stop_following(self) -> None:
        self.following = False  # later growth (alternatives opened above) must not jump

    def _user_scrolled(self, _action: int) -> None:
        self._stop_following()  # the wheel, the bar or the keys: the user reads something else
        self._stop_revealing()

    # -- what opens inside an exchange is scrolled into view ------------------------------
    def reveal(self, widget: QWidget, bubble: QWidget) -> None:
        """Scroll the least distance that shows ``widget`` (just opened inside an exchange),
        with the top of ``bubble`` (its translation bubble) where both fit; again while it
        grows (wrapped labels settle over several passes; a card fills when its lookup ends)."""
        self._stop_following()
        self._stop_revealing()
        self._reveal = (widget, bubble)
        widget.installEventFilter(self)
        self._revealed.start()
        self._scroll_to_reveal()
        QTimer.singleShot(0, self, self._scroll_to_reveal)

    def _reveal_owner(self):
        import shiboken6

        bubble = self._reveal[1] if self._reveal is not None else None
        return bubble.parent() if bubble is not None and shiboken6.isValid(bubble) else None

    def _stop_revealing(self) -> None:
        if self._reveal is not None:
            import shiboken6

            if shiboken6.isValid(self._reveal[0]):
                self._reveal[0].removeEventFilter(self)
        self._reveal = None

    def eventFilter(self, watched, event) -> bool:
        reveal = getattr(self, "_reveal", None)   # QScrollArea filters events from its __init__ on
        if reveal is not None and watched is reveal[0] and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._scroll_to_reveal)  # after the body's layout took the new size
            self._revealed.start()  # still growing: keep it in view a while longer
        return super().eventFilter(watched, event)

    def _scroll_to_reveal(self) -> None:
        import shiboken6

        if self._reveal is None or not all(shiboken6.isValid(w) for w in self._reveal):
            self._reveal = None
            return
        widget, bubble = self._reveal
        if not widget.isVisible():
            return
        body = self.widget()
        top = widget.mapTo(body, QPoint(0, 0)).y()
        keep = bubble.mapTo(body, QPoint(0, 0)).y()
        bar = self.verticalScrollBar()
        bar.setValue(least_scroll(bar.value(), self.viewport().height(), top, top + widget.height(), keep))

    def set_notice(self, text: str) -> None:
        """Replace the welcome text while there is nothing else to show (e.g. loading)."""
        self.placeholder.setText(text or self.welcome)

    def add_exchange(self, widget: ExchangeWidget, select: bool = True) -> ExchangeWidget:
        widget.selected.connect(self.select)
        widget.opened.connect(lambda shown, ex=widget: self.reveal(shown, ex.translation_bubble))
        self.exchanges.append(widget)
        self._append(widget)
        if select:
            self.select(widget)
        return widget

    def add_error(self, title: str, message: str, hint: str = "", paths=()) -> ErrorBubble:
        bubble = ErrorBubble(title, message, hint, paths)
        self._append(bubble)
        return bubble

    def show_progress(self, text: str) -> ProgressBubble:
        self.hide_progress()
        self.progress = ProgressBubble(text)
        self._append(self.progress)
        return self.progress

    def hide_progress(self) -> None:
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def select(self, widget: ExchangeWidget | None) -> None:
        if widget is self.current:
            return
        if self.current is not None:
            self.current.set_selected(False)
        if self._reveal is not None and widget is not self._reveal_owner():
            self._stop_revealing()  # the user turned to another exchange
        self.current = widget
        if widget is not None:
            widget.set_selected(True)
            if not (self.following and self.exchanges and widget is self.exchanges[-1]):
                self.following = False
                self.ensureWidgetVisible(widget, 0, 0)
        self.exchange_selected.emit(widget)

    def errors(self) -> list[ErrorBubble]:
        return self.widget().findChildren(ErrorBubble)

    def clear(self) -> None:
        self.hide_progress()
        self.select(None)
        while self.column.count() > 2:
            item = self.column.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.exchanges.clear()
        self.placeholder.show()
