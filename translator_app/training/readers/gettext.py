"""gettext readers: ``.po`` source catalogues and compiled ``.mo`` files (msgid English, msgstr German)."""

from __future__ import annotations

import re
import struct
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Optional

from .common import ORIGIN_GETTEXT, Pair, _bump, _open_text


_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp]"
    r"|%\([A-Za-z_]\w*\)[diouxXeEfFgGcsr]"
    r"|%\d+"
    r"|\{[A-Za-z_0-9]*\}"
)
_ACCEL = {c: re.compile(r"(?<!%s)%s(?=[^\W_])" % (re.escape(c), re.escape(c))) for c in "&_"}


def strip_accelerators(text: str, underscore: bool = True) -> str:
    """Remove a keyboard accelerator marker: ``&File`` / ``_Open`` / ``Ö&ffnen`` -> ``File`` ...

    A UI label has one mnemonic, so a marker is removed only when it is the
    only ``&`` (Qt/KDE) or ``_`` (GTK) directly before a letter in the string;
    ``snake_case_names`` and ``a_b`` in longer identifiers stay. ``&&`` is an
    escaped literal ``&``.
    """
    for c, rx in _ACCEL.items():
        if c == "&":
            protected = text.replace("&&", "\x00")
            if len(rx.findall(protected)) == 1:
                protected = rx.sub("", protected)
            text = protected.replace("\x00", "&")
        elif underscore and len(rx.findall(text)) == 1 and not re.search(r"\w_\w+_", text):
            text = rx.sub("", text)
    return text


def placeholders(text: str) -> Counter:
    return Counter(_PLACEHOLDER.findall(text.replace("%%", "")))


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _po_unquote(s: str) -> str:
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError("bad PO string: %r" % s)
    s = s[1:-1]
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(1)), s)


def _gettext_pair(msgid: str, msgstr: str, stats: Optional[Counter]) -> Optional[Pair]:
    if not msgid or not msgstr:
        _bump(stats, "gettext_empty")
        return None
    if placeholders(msgid) != placeholders(msgstr):
        _bump(stats, "gettext_placeholder_mismatch")
        return None
    # an underscore word found verbatim on both sides is an identifier, not a mnemonic
    shared = set(re.findall(r"\w*_\w*", msgid)) & set(re.findall(r"\w*_\w*", msgstr))
    en = strip_accelerators(msgid, underscore=not shared)
    de = strip_accelerators(msgstr, underscore=not shared)
    return Pair(de, en, ORIGIN_GETTEXT)


def read_po(path, stats: Optional[Counter] = None) -> Iterator[Pair]:
    """Read a gettext ``.po`` file: ``msgid`` is English, ``msgstr`` German.

    Skips the header, fuzzy entries, obsolete (``#~``) entries and entries with
    an empty translation. For plural entries ``msgid``/``msgstr[0]`` are used.
    ``&``/``_`` accelerators are stripped; entries whose printf/brace
    placeholders (``%s``, ``%1$d``, ``%(name)s``, ``{name}``) differ between
    the two sides are dropped.
    """
    entries: List[dict] = []
    cur: dict = {"flags": set()}
    field = None

    def has_msgstr(e: dict) -> bool:
        return any(k.startswith("msgstr") for k in e)

    with _open_text(path) as fh:
        for raw in fh:
            line = raw.strip()
            if not line or line.startswith("#~"):
                continue
            if line.startswith("#"):
                if has_msgstr(cur):
                    entries.append(cur)
                    cur = {"flags": set()}
                if line.startswith("#,"):
                    cur["flags"] |= {f.strip() for f in line[2:].split(",")}
                field = None
                continue
            m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(\".*\")$", line)
            if m:
                name = m.group(1)
                if name in ("msgctxt", "msgid") and has_msgstr(cur):
                    entries.append(cur)
                    cur = {"flags": set()}
                if name.startswith("msgstr["):
                    name = "msgstr" if m.group(2) == "0" else "msgstr_n" + m.group(2)
                cur[name] = _po_unquote(m.group(3))
                field = name
                continue
            if line.startswith('"') and field:
                cur[field] += _po_unquote(line)
    if has_msgstr(cur):
        entries.append(cur)
    for e in entries:
        msgid = str(e.get("msgid", ""))
        if msgid == "":
            continue  # header
        if "fuzzy" in e["flags"]:
            _bump(stats, "gettext_fuzzy")
            continue
        pair = _gettext_pair(msgid, str(e.get("msgstr", "")), stats)
        if pair:
            yield pair


def read_mo(path, stats: Optional[Counter] = None) -> Iterator[Pair]:
    """Read a compiled gettext ``.mo`` file (same rules as :func:`read_po`)."""
    data = Path(path).read_bytes()
    if len(data) < 28:
        raise ValueError("%s: not a .mo file" % path)
    magic = struct.unpack("<I", data[:4])[0]
    if magic == 0x950412DE:
        endian = "<"
    elif magic == 0xDE120495:
        endian = ">"
    else:
        raise ValueError("%s: not a .mo file (bad magic)" % path)
    _rev, n, orig_off, trans_off = struct.unpack(endian + "4I", data[4:20])
    raw = []
    for i in range(n):
        olen, opos = struct.unpack(endian + "2I", data[orig_off + 8 * i: orig_off + 8 * i + 8])
        tlen, tpos = struct.unpack(endian + "2I", data[trans_off + 8 * i: trans_off + 8 * i + 8])
        raw.append((data[opos: opos + olen], data[tpos: tpos + tlen]))
    charset = "utf-8"
    for o, t in raw:
        if o == b"":
            m = re.search(rb"charset=([A-Za-z0-9_\-]+)", t)
            if m:
                charset = m.group(1).decode("ascii")
    for o, t in raw:
        if o == b"":
            continue
        o_s = o.decode(charset, errors="replace")
        t_s = t.decode(charset, errors="replace")
        if "\x04" in o_s:  # msgctxt\x04msgid
            o_s = o_s.split("\x04", 1)[1]
        o_s = o_s.split("\x00")[0]
        t_s = t_s.split("\x00")[0]
        pair = _gettext_pair(o_s, t_s, stats)
        if pair:
            yield pair
