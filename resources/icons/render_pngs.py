"""Render translator-app.svg to the PNG sizes desktops and installers ask for.

Run: QT_QPA_PLATFORM=offscreen python resources/icons/render_pngs.py
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need an application)
    here = Path(__file__).resolve().parent
    renderer = QSvgRenderer(str(here / "translator-app.svg"))
    if not renderer.isValid():
        print("invalid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        image.save(str(here / f"translator-app-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
