"""The desktop window (PySide6). The only package that imports Qt; Qt-free logic lives in
alignment.py, colormap.py and history.py so it can be tested without a display."""
