"""How the main window sizes itself: the split between chat and heatmap, fitting the
screen, the saved geometry, and .txt files dropped anywhere on it (a mixin of MainWindow)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication

from .settings import qsettings

CHAT_WIDTH = 440  # the conversation's share of a normal window; half of a narrow one
CHAT_MAX_WIDTH = 640  # wider only makes bubbles float apart


class WindowLayout:
    """Needs the window's splitter, panel, input and persist flag."""

    def _split_by_hand(self, *_):
        self.split_by_hand = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.balance_split()
        # and once the splitter has its new width: here it may still have the old one, and
        # it shares the difference by stretch factors (509 px, then 640 at the first matrix)
        QTimer.singleShot(0, self, self.balance_split)

    def balance_split(self) -> None:
        """Share the width: the chat gets at least CHAT_WIDTH (or half a narrow window), the
        heatmap what its grid uses (an empty one: its minimum), and whatever the grid would
        leave empty goes to the chat."""
        if self.split_by_hand:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        floor = max(min(CHAT_WIDTH, total // 2), int(total * 0.37))
        # An empty panel is sized as the smallest heatmap, which a short first sentence gets:
        # the split then stays still at the first translation (it moved 509 -> 640 px).
        need = self.panel.needed_width() or self.panel.minimumSizeHint().width()
        chat = max(floor, min(total - need, max(floor, CHAT_MAX_WIDTH)))
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

    def _restore_geometry(self) -> None:
        if not self.persist:
            return
        geometry = qsettings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

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
