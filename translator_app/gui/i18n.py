"""UI language via Qt's own translation system.

Strings are marked with self.tr()/QCoreApplication.translate(); pyside6-lupdate extracts
them into resources/translations/translator_app_de.ts and pyside6-lrelease compiles the
committed .qm (both ship with PySide6-Essentials; see resources/translations/README.md).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir

SUPPORTED = ("en", "de")
_installed: list[QTranslator] = []


def ui_language(preference: str = "") -> str:
    """The explicit preference, else TRANSLATOR_UI_LANG, else the system locale; "en" if unsupported."""
    wish = preference or os.environ.get("TRANSLATOR_UI_LANG", "")
    if not wish:
        names = QLocale.system().uiLanguages() or [QLocale.system().name()]
        wish = names[0]
    lang = wish.replace("_", "-").split("-")[0].lower()
    return lang if lang in SUPPORTED else "en"


def install(app: QApplication, preference: str = "") -> str:
    """Install the app's and Qt's own catalogues for the chosen language; returns it."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = ui_language(preference)
    ours = QTranslator(app)  # for English only the plural forms ("%n entry" / "%n entries")
    if ours.load(str(resources_dir() / "translations" / f"translator_app_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    if lang == "en":
        return lang
    qt = QTranslator(app)  # standard buttons (OK, Cancel, ...) from Qt's catalogue, if shipped
    if qt.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
