#!/bin/sh
# Refresh the German catalogue from the sources, then compile it.
# lupdate keeps existing translations; new strings show up as "unfinished" in Qt Linguist
# (pyside6-linguist). Both tools ship with PySide6-Essentials.
set -e
cd "$(dirname "$0")/../.."
pyside6-lupdate translator_app/gui/*.py -ts resources/translations/translator_app_de.ts
pyside6-lrelease resources/translations/translator_app_de.ts -qm resources/translations/translator_app_de.qm
