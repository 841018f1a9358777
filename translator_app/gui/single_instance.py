"""One window per user and profile: a second launch hands its files to the running app.

    single = SingleInstance()
    if single.try_hand_over([path] if path else []):  # a running window took it: exit 0
        return 0
    window = create_window(...)
    single.files_received.connect(lambda paths: open_in_window(window, paths))
    single.listen()

That is the wiring in :func:`translator_app.gui.app.main`; :func:`open_in_window` below is
what the running window does with the files it receives.

The channel is a QLocalServer (a Unix domain socket, a named pipe on Windows) readable only
by the same user. Its name is derived from the user name and the data directory, so a
profile set with ``TRANSLATOR_DATA_DIR`` (tests, a second profile) has its own instance.

Protocol: the client sends one line of JSON, ``{"files": ["/abs/path", ...]}\\n``, and the
server answers ``ok\\n``, then emits :attr:`SingleInstance.files_received`. An empty list
means "a second launch without a file": the running window should come to the front.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import time
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

MAX_MESSAGE = 1 << 20          # bytes; a longer message is dropped
HAND_OVER_TIMEOUT_MS = 3000    # connect + acknowledgement
CLAIM_TIMEOUT_MS = 10_000      # how long a launch waits for another one that is starting up


def server_name(data_dir: str | os.PathLike | None = None) -> str:
    """``translator-app-<user>-<hash of the data dir>``: at most 44 characters, so that the
    socket path (temp dir + name) stays within the 104 bytes macOS allows."""
    if data_dir is None:
        from ..paths import user_data_dir

        data_dir = user_data_dir()
    try:
        user = getpass.getuser()
    except Exception:  # no login name (containers without a passwd entry)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    user = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:16] or "user"
    try:
        resolved = str(Path(data_dir).expanduser().resolve())
    except OSError:
        resolved = str(Path(data_dir).expanduser().absolute())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"translator-app-{user}-{digest}"


class SingleInstance(QObject):
    """The server (first launch) or client (later launches) of the per-user channel."""

    files_received = Signal(list)  # list[str] of absolute paths; [] = just show the window

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None
        self._buffers: dict = {}
        self._lock: QLockFile | None = None

    # -- launches at the same moment -------------------------------------------------------
    def claim(self, timeout_ms: int = CLAIM_TIMEOUT_MS) -> bool:
        """Hold a lock from the hand-over attempt until :meth:`listen`, so that launches at
        the same moment (three files opened at once) end up in one window. False if another
        launch held it for longer than ``timeout_ms``; the caller goes on regardless."""
        self._lock = QLockFile(str(Path(QDir.tempPath()) / f"{self.name}.lock"))
        self._lock.setStaleLockTime(30_000)  # a launch that crashed while holding it
        return self._lock.tryLock(timeout_ms)

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # -- the second launch ---------------------------------------------------------------
    def try_hand_over(self, paths: list[str], timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
        """Send ``paths`` to a running instance. True if it acknowledged them (then this
        process should exit 0); False if no instance runs or it did not answer in time."""
        files = [str(Path(p).expanduser().absolute()) for p in paths]
        payload = json.dumps({"files": files}, ensure_ascii=False).encode("utf-8") + b"\n"
        sock = QLocalSocket()
        try:
            sock.connectToServer(self.name)
            if not sock.waitForConnected(timeout_ms):
                return False
            sock.write(payload)
            deadline = time.monotonic() + timeout_ms / 1000
            while sock.bytesToWrite() > 0:
                left = int((deadline - time.monotonic()) * 1000)
                if left <= 0 or not sock.waitForBytesWritten(left):
                    return False
            answer = b""
            while b"\n" not in answer:
                if sock.bytesAvailable() <= 0:
                    left = int((deadline - time.monotonic()) * 1000)
                    if left <= 0 or not sock.waitForReadyRead(left):
                        break
                answer += bytes(sock.readAll().data())
            return answer.split(b"\n", 1)[0].strip() == b"ok"
        finally:
            sock.abort()

    # -- the first launch ----------------------------------------------------------------
    def listen(self) -> bool:
        """Start serving. A socket left behind by a crashed instance is removed and the
        name taken over; call this only after :meth:`try_hand_over` returned False."""
        if self._server is not None and self._server.isListening():
            return True
        if self._alive():  # a running window that was slow to answer keeps its channel
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        ok = server.listen(self.name)
        if not ok and server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)  # not alive (checked above): left by a crash
            ok = server.listen(self.name)
        if not ok:
            server.deleteLater()
            return False
        self._server = server
        return True

    def _alive(self, timeout_ms: int = 300) -> bool:
        sock = QLocalSocket()
        try:
            sock.connectToServer(self.name)
            return sock.waitForConnected(timeout_ms)
        finally:
            sock.abort()

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop serving (the socket file is removed)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for sock in list(self._buffers):
            sock.abort()
        self._buffers.clear()

    def _on_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))
            if sock.bytesAvailable():
                self._on_ready_read(sock)

    def _forget(self, sock) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready_read(self, sock) -> None:
        if sock not in self._buffers:
            return
        data = self._buffers[sock] + bytes(sock.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                self._buffers.pop(sock, None)
                sock.abort()
            else:
                self._buffers[sock] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[sock] = b""
        files = _parse(line)
        if files is None:
            sock.write(b"error\n")
            sock.flush()
            sock.disconnectFromServer()
            return
        # Answer first: opening a big file must not make the other launch give up waiting
        # and start a second window.
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        QTimer.singleShot(0, self, lambda: self.files_received.emit(files))


def open_in_window(window, paths: list[str]) -> None:
    """What the running window does with a hand-over: the (last) file goes to the input and
    is translated - now if the model is ready, else as soon as it is - and the window comes
    to the front. ``paths == []`` (a second launch without a file) only raises the window."""
    if getattr(window, "_closed", False):  # arrived while the window was closing: not revived
        return
    if paths and window.input.edit.load_file(paths[-1]):
        if window.service.is_ready:
            window.send()
        else:
            window.auto_send = True  # MainWindow._on_ready sends it
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _parse(line: bytes) -> list[str] | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = message.get("files") if isinstance(message, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files
