"""TMX 1.4b: export writes a valid file, import reads it back (and OmegaT-style files), and a
malformed file is refused with its line and reason, with nothing imported."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from translator_app.tm import tmx
from translator_app.tm.store import MemoryStore

DATA = Path(__file__).parent / "data" / "tm"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _rows(memory_store):
    return [(e.source, e.target, e.src_lang, e.tgt_lang, e.created) for e in memory_store.entries()]


def test_export_writes_valid_tmx_and_import_gives_the_same_rows(memory_store, tmp_path):
    old = datetime(2025, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
    memory_store.add_many([("Guten Morgen!", "Good morning!", "de", "en", old),
                    ("Ärger & <Streit> \"x\"", "Trouble & <strife> \"x\"", "de", "en"),
                    ("Good night", "Gute Nacht", "en", "de"),
                    ("Zwei\nZeilen", "Two\nlines", "de", "en")])
    out = tmp_path / "mine.tmx"
    assert tmx.export_file(memory_store, out) == 4
    root = ET.parse(out).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("srclang", "creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "datatype"):
        assert header.get(attr), attr
    assert header.get("srclang") == "de"   # three of the four are German -> English
    units = root.findall("body/tu")
    assert len(units) == 4
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", tu.get("creationdate")) for tu in units)
    assert units[0].get("creationdate") == "20250304T050607Z"
    assert units[2].get("srclang") == "en" and units[0].get("srclang") is None
    assert [tuv.get(XML_LANG) for tuv in units[2].findall("tuv")] == ["en", "de"]
    assert units[1].find("tuv/seg").text == "Ärger & <Streit> \"x\""

    other = MemoryStore(tmp_path / "other.sqlite3")
    added, known = tmx.import_file(other, out)
    assert (len(added), known) == (4, 0)
    assert _rows(other) == _rows(memory_store)
    assert tmx.import_file(other, out) == ([], 4)   # a second import adds nothing twice
    other.close()


def test_omegat_style_file_with_regional_codes(memory_store):
    added, _ = tmx.import_file(memory_store, DATA / "omegat.tmx")
    assert [(e.source, e.target, e.src_lang, e.tgt_lang) for e in added] == [
        ("Die Datei wurde gespeichert.", "The file has been saved.", "de", "en"),
        ("Klicken Sie auf Speichern.", "Click Save.", "de", "en"),          # inline codes left out
        ("Thank you & goodbye", "Danke & auf Wiederschauen", "en", "de"),   # the unit's own srclang
    ]
    assert added[0].created == datetime(2024, 1, 15, 10, 15, tzinfo=timezone.utc)  # OmegaT dates the tuv
    assert memory_store.exact("die datei wurde gespeichert", "de", "en").target == "The file has been saved."


@pytest.mark.parametrize("body, line, reason", [
    ('<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>\n'
     '<tu><tuv xml:lang="de"><seg>Welt</seg></tuv>\n<tuv xml:lang="en"><seg>World</tuv></tu>', 5, "not well-formed XML: mismatched tag"),
    ('<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>\n'
     '<tu>\n<tuv xml:lang="de"><seg>Welt</seg></tuv>\n<tuv xml:lang="en"></tuv></tu>', 6, "has no <seg>"),
    ('<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>\n'
     '<tu><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>', 4,
     "no German <tuv> (languages: fr-FR, en)"),
    ('<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>\n'
     '<tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en"><seg>  </seg></tuv></tu>', 4, "empty"),
])
def test_a_malformed_file_is_refused_with_line_and_reason_and_nothing_imported(memory_store, tmp_path, body, line, reason):
    memory_store.add("Schon da", "Already here", "de", "en")
    path = tmp_path / "bad.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="de"/><body>\n'
                    + body + "\n</body></tmx>\n", encoding="utf-8")
    with pytest.raises(tmx.TMXError) as err:
        tmx.import_file(memory_store, path)
    assert err.value.line == line and reason in str(err.value) and str(path) in str(err.value)
    assert [e.source for e in memory_store.entries()] == ["Schon da"]


def test_unknown_header_language_and_entities_are_refused(memory_store, tmp_path):
    fr = tmp_path / "fr.tmx"
    fr.write_text('<tmx version="1.4"><header srclang="fr-FR"/><body><tu><tuv xml:lang="de"><seg>a b</seg></tuv>'
                  '<tuv xml:lang="en"><seg>a b</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(tmx.TMXError, match="srclang 'fr-FR'"):
        tmx.import_file(memory_store, fr)
    evil = tmp_path / "evil.tmx"
    evil.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!ENTITY big "xxxxxxxx"> ]>\n<tmx version="1.4"><body>'
                    '<tu><tuv xml:lang="de"><seg>&big;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>'
                    '</body></tmx>', encoding="utf-8")
    with pytest.raises(tmx.UnsafeXMLError, match="entity declarations"):
        tmx.import_file(memory_store, evil)
    assert memory_store.count() == 0


def test_language_codes():
    assert [tmx.lang_code(c) for c in ("de", "de-DE", "DE", "de_AT", "en-GB", "EN-US", "eng", "fr", "")] == \
        ["de", "de", "de", "de", "en", "en", "en", None, None]


def test_export_refuses_characters_xml_cannot_hold_and_leaves_the_old_file(memory_store, tmp_path):
    out = tmp_path / "mine.tmx"
    out.write_text("old", encoding="utf-8")
    memory_store.add("Glocke\x07", "Bell", "de", "en")
    with pytest.raises(ValueError, match="entry 1"):
        tmx.export_file(memory_store, out)
    assert out.read_text(encoding="utf-8") == "old" and list(tmp_path.glob(".mine.tmx.*")) == []
