"""TMX 1.4b, the CAT tools' exchange format: the one TMX parser (the corpus reader,
training/readers/tmx.py, uses it too), the strict import of your memory and its export.

Parsing is expat, streamed, so each unit knows its line. Documents whose prolog declares
entities are refused before parsing (expat expands internal entities; it never fetches
external ones). Import is all or nothing: every ``<tu>`` must hold a German and an English
``<tuv>`` with a ``<seg>`` (language codes as OmegaT, Trados and memoQ write them: de, de-DE,
DE, en-GB, en_US), or the file is refused with the line and the reason, and the rows go
into the store in one transaction.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from .store import Entry, MemoryStore

SKIP = {"bpt", "ept", "it", "ph", "ut"}  # inline native codes, not text
_NS_XML = "http://www.w3.org/XML/1998/namespace lang"
_DATE = "%Y%m%dT%H%M%SZ"
_LANGS = {"de": "de", "deu": "de", "ger": "de", "en": "en", "eng": "en"}
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TMXError(ValueError):
    """A TMX file that cannot be read or imported: ``str()`` names the file, the line, the reason."""

    def __init__(self, path, line: Optional[int], reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{path}: line {line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


class UnsafeXMLError(TMXError):
    """The document declares entities (entity expansion, external entities)."""


@dataclass(frozen=True)
class Variant:
    lang: str             # xml:lang (or TMX 1.1 lang) as written
    seg: Optional[str]    # the first <seg>'s text, inline codes left out; None: no <seg>
    line: int


@dataclass(frozen=True)
class Unit:
    line: int
    srclang: str          # the unit's own srclang attribute, "" when none
    created: str          # creationdate as written, "" when none
    variants: tuple[Variant, ...]


def lang_code(tag: str) -> Optional[str]:
    """"de", "de-DE", "DE", "de_AT" -> "de"; "en-GB" -> "en"; anything else -> None."""
    return _LANGS.get(re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower())


def check_prolog(path) -> None:
    """Refuse XML whose prolog declares entities, before parsing it."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        elif head.startswith(b"<\x00") or head.startswith(b"\x00<"):
            encoding = "utf-16-le" if head[0:1] == b"<" else "utf-16-be"
        else:
            encoding = "latin-1"
        data = b""
        while True:
            chunk = fh.read(1 << 16)
            data += chunk
            text = data.decode(encoding, errors="ignore")
            root = re.search(r"<(?![?!])", text)
            prolog = text[: root.start()] if root else text
            if "<!ENTITY" in prolog:
                raise UnsafeXMLError(path, None, "entity declarations are not allowed in TMX input")
            if root or not chunk:
                return


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def read_units(path, header: Optional[dict] = None) -> Iterator[Unit]:
    """Every ``<tu>`` of the file, streamed. ``header``, when given, receives the
    ``<header>`` attributes. An XML error raises TMXError with its line."""
    check_prolog(path)
    parser = expat.ParserCreate(namespace_separator=" ")
    done: list[Unit] = []
    state = {"tu": None, "tuv": None, "seg": None, "skip": 0}

    def start(name, attrs):
        tag, line = _local(name), parser.CurrentLineNumber
        if tag == "header" and header is not None:
            header.update({_local(k): v for k, v in attrs.items()})
        elif tag == "tu":
            state["tu"] = [line, attrs.get("srclang", ""), attrs.get("creationdate", ""), []]
        elif tag == "tuv" and state["tu"] is not None:
            state["tu"][2] = state["tu"][2] or attrs.get("creationdate", "")  # OmegaT dates the tuv
            state["tuv"] = [attrs.get(_NS_XML) or attrs.get("lang") or "", None, line]
        elif tag == "seg" and state["tuv"] is not None and state["tuv"][1] is None:
            state["seg"] = []
        elif state["seg"] is not None and (state["skip"] or tag in SKIP):
            state["skip"] += 1

    def end(name):
        tag = _local(name)
        if state["skip"]:
            state["skip"] -= 1
        elif tag == "seg" and state["seg"] is not None:
            state["tuv"][1], state["seg"] = "".join(state["seg"]), None
        elif tag == "tuv" and state["tuv"] is not None:
            state["tu"][3].append(Variant(*state["tuv"]))
            state["tuv"] = None
        elif tag == "tu" and state["tu"] is not None:
            line, srclang, created, variants = state["tu"]
            done.append(Unit(line, srclang, created, tuple(variants)))
            state["tu"] = None

    def text(data):
        if state["seg"] is not None and not state["skip"]:
            state["seg"].append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.buffer_text = True
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(1 << 16)
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                raise TMXError(path, exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)}") from None
            yield from done
            done.clear()
            if not chunk:
                return


def _created(value: str) -> Optional[datetime]:
    try:
        return datetime.strptime(value, _DATE).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def read_pairs(path) -> list[tuple[str, str, str, str, Optional[datetime]]]:
    """The (source, target, src_lang, tgt_lang, created) of every unit, or TMXError for the
    first unit that cannot be imported. The direction is the unit's srclang, else the
    header's; "*all*" (or none) reads German as the source."""
    header: dict = {}
    pairs = []
    units = list(read_units(path, header))
    if "srclang" in header and header["srclang"] != "*all*" and lang_code(header["srclang"]) is None:
        raise TMXError(path, None, f"the header's srclang {header['srclang']!r} is neither German nor English")
    default = lang_code(header.get("srclang", "")) or "de"
    for unit in units:
        texts: dict[str, str] = {}
        for v in unit.variants:
            code = lang_code(v.lang)
            if code is None or code in texts:
                continue
            if v.seg is None:
                raise TMXError(path, v.line, f"the {v.lang or 'unnamed'} <tuv> has no <seg>")
            texts[code] = v.seg
        langs = ", ".join(v.lang or "(none)" for v in unit.variants) or "none"
        for code, name in (("de", "German"), ("en", "English")):
            if code not in texts:
                raise TMXError(path, unit.line, f"the <tu> has no {name} <tuv> (languages: {langs})")
            if not texts[code].strip():
                raise TMXError(path, unit.line, f"the <tu>'s {name} <seg> is empty")
        src = lang_code(unit.srclang) or default
        tgt = "en" if src == "de" else "de"
        pairs.append((texts[src], texts[tgt], src, tgt, _created(unit.created)))
    return pairs


def import_file(store: MemoryStore, path) -> tuple[list[Entry], int]:
    """Read ``path`` (read_pairs) and store every pair in one transaction: all or nothing.
    Pairs stored already (same source, translation and direction) are not added twice.
    Returns the new entries and how many were there already. A pair the store refuses
    (no words in its source) is a TMXError."""
    pairs = read_pairs(path)
    have = {(e.source, e.target, e.src_lang, e.tgt_lang) for e in store.entries()}
    new = []
    for pair in pairs:
        key = (pair[0].strip(), pair[1].strip(), pair[2], pair[3])
        if key not in have:
            have.add(key)
            new.append(pair)
    try:
        return store.add_many(new), len(pairs) - len(new)
    except ValueError as exc:
        raise TMXError(path, None, f"a unit cannot be stored ({exc}); nothing was imported") from None


def _tuv(lang: str, text: str) -> str:
    seg = escape(text, {"\r": "&#13;"})  # a bare CR would read back as LF
    return f'      <tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>\n'


def export_file(store: MemoryStore, path) -> int:
    """Write every entry to ``path`` as TMX 1.4b (written aside, then renamed over it).
    The header's srclang is the commoner source language; a unit the other way round
    carries its own srclang. Returns the number of units."""
    entries = store.entries()
    for e in entries:
        if _BAD_XML_CHARS.search(e.source + e.target):
            raise ValueError(f"entry {e.id} holds a control character XML cannot carry; remove it first")
    de_first = sum(e.src_lang == "de" for e in entries) * 2 >= len(entries)
    main = "de" if de_first else "en"
    now = datetime.now(timezone.utc).strftime(_DATE)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', '<tmx version="1.4">\n',
           f'  <header creationtool="translator-app" creationtoolversion={quoteattr(__version__)} '
           f'segtype="sentence" o-tmf="translator-app" adminlang="en" srclang="{main}" '
           f'datatype="plaintext" creationdate="{now}"/>\n', "  <body>\n"]
    for e in entries:
        own = "" if e.src_lang == main else f' srclang="{e.src_lang}"'
        created = e.created.astimezone(timezone.utc).strftime(_DATE)
        out.append(f'    <tu tuid="{e.id}"{own} creationdate="{created}">\n')
        out.append(_tuv(e.src_lang, e.source) + _tuv(e.tgt_lang, e.target))
        out.append("    </tu>\n")
    out.append("  </body>\n</tmx>\n")
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(out))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return len(entries)
