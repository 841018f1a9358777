"""A guard against a PySide6 reference-count bug on CPython < 3.12.

PySide6/shiboken6 6.12 returns ``None`` from every void method (``update()``,
``setPen()``, ``fillRect()``, ...) without taking a new reference. From Python 3.12 on,
``None`` is immortal (PEP 683) and that is harmless; on 3.11 each such call lowers
``None``'s reference count by one, and a few thousand repaints later the interpreter
aborts with "Fatal Python error: none_dealloc". On those Pythons we make ``None``
effectively immortal, as 3.12 does; ``void_call_leaks_none()`` is the probe that shows
whether an installed PySide6 still has the bug.
"""

from __future__ import annotations

import sys

_BALLAST = 1 << 60
_applied = False


def void_call_leaks_none() -> bool:
    """True when a void Qt method call costs ``None`` a reference."""
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(16):
        point.setX(1)
    return sys.getrefcount(None) < before


def guard_none_refcount() -> bool:
    """Make ``None`` immortal on CPython < 3.12; returns True when it did.

    Unconditional there (no probe), so importing the package does not import Qt; raising
    the count of a singleton that is never freed anyway is harmless when Qt is fine.
    """
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return False
    import ctypes

    # ob_refcnt is the first field of every CPython object (a Py_ssize_t)
    ctypes.c_ssize_t.from_address(id(None)).value += _BALLAST
    _applied = True
    return True
