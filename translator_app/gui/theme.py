"""Light/dark/system themes: a Fusion palette plus resources/styles/app.qss filled in
from light.json or dark.json, and the font size."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir

_default_point_size: float | None = None


def resolve(theme: str) -> str:
    """"system" becomes "light" or "dark" from the platform's colour scheme."""
    if theme in ("light", "dark"):
        return theme
    try:
        scheme = QGuiApplication.styleHints().colorScheme()
        return "dark" if scheme == Qt.ColorScheme.Dark else "light"
    except AttributeError:  # Qt older than 6.5
        return "light"


def _tokens(name: str) -> dict:
    try:
        return json.loads((resources_dir() / "styles" / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def stylesheet(name: str, base_pt: float = 9.0) -> str:
    try:
        template = (resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing stylesheet only costs looks
    tokens = _tokens(name)
    # sizes follow the font-size setting instead of being fixed points
    tokens.update(small=f"{max(7.0, base_pt * 0.88):.1f}pt", large=f"{base_pt * 1.2:.1f}pt",
                  xlarge=f"{base_pt * 1.45:.1f}pt")
    return re.sub(r"@(\w+)", lambda m: tokens.get(m.group(1), m.group(0)), template)


def palette(name: str) -> QPalette:
    if name != "dark":
        return QApplication.style().standardPalette()
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1e2127", QPalette.ColorRole.WindowText: "#e6e9ee",
        QPalette.ColorRole.Base: "#262a31", QPalette.ColorRole.AlternateBase: "#2b2f37",
        QPalette.ColorRole.Text: "#e6e9ee", QPalette.ColorRole.Button: "#2b2f37",
        QPalette.ColorRole.ButtonText: "#e6e9ee", QPalette.ColorRole.Highlight: "#5b9cff",
        QPalette.ColorRole.HighlightedText: "#0d1117", QPalette.ColorRole.ToolTipBase: "#2b2f37",
        QPalette.ColorRole.ToolTipText: "#e6e9ee", QPalette.ColorRole.PlaceholderText: "#8a929e",
        QPalette.ColorRole.Link: "#8ab8ff", QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b727d"))
    return p


def apply(app: QApplication, theme: str, font_size: int = 0) -> str:
    """Apply a theme and font size; returns the resolved theme name."""
    global _default_point_size
    name = resolve(theme)
    app.setStyle("Fusion")  # the same look everywhere, and palettes apply fully
    app.setPalette(palette(name))
    if _default_point_size is None:
        _default_point_size = app.font().pointSizeF()
    font = QFont(app.font())
    font.setPointSizeF(float(font_size) if font_size else _default_point_size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(name, font.pointSizeF()))
    return name
