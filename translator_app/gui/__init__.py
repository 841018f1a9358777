"""The desktop window (PySide6). The only package that imports Qt; Qt-free logic lives in
alignment.py, colormap.py and history.py so it can be tested without a display."""

from ._compat import guard_none_refcount

# Before any widget exists: PySide6 6.12 on Python 3.11 would otherwise abort the app after
# a few thousand Qt calls (see _compat.py). Imports no Qt.
guard_none_refcount()
