#!/bin/sh
# Refresh the catalogues from the sources, then compile them.
# lupdate keeps existing translations; new strings show up as "unfinished" in Qt Linguist
# (pyside6-linguist). Both tools ship with PySide6-Essentials.
#   translator_app_de: the German UI.
#   translator_app_en: English plural forms only ("%n entry" / "%n entries"); English is
#                      the source language, so nothing else needs translating.
set -e
cd "$(dirname "$0")/../.."
pyside6-lupdate -no-obsolete translator_app/gui/*.py -ts resources/translations/translator_app_de.ts
pyside6-lupdate -no-obsolete -pluralonly translator_app/gui/*.py -ts resources/translations/translator_app_en.ts
for lang in de en; do
    pyside6-lrelease resources/translations/translator_app_$lang.ts -qm resources/translations/translator_app_$lang.qm
done
