"""Loaded by subprocesses the tests start (via PYTHONPATH): any internet socket connect fails."""
import os
import socket

if os.environ.get("TRANSLATOR_NO_NETWORK") == "1":
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex

    def _guard(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"network access attempted: connect to {address!r}")
        return _connect(self, address, *args)

    def _guard_ex(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"network access attempted: connect to {address!r}")
        return _connect_ex(self, address, *args)

    socket.socket.connect = _guard
    socket.socket.connect_ex = _guard_ex
