"""TMX reader (``xml.etree``; documents that declare entities are refused)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Dict, Iterator, Optional

from .common import ORIGIN_TMX, Pair, _bump


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TMX_SKIP = {"bpt", "ept", "it", "ph", "ut"}  # inline native codes, not text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _seg_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        if _local(child.tag) not in _TMX_SKIP:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class UnsafeXMLError(ValueError):
    pass


def _check_xml_prolog(path) -> None:
    """Refuse XML whose prolog declares entities (entity expansion, external entities).

    ``xml.etree`` never fetches external entities or DTDs, but it does expand
    internal ones, so a document type declaration with ``<!ENTITY`` is refused
    before parsing.
    """
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
                raise UnsafeXMLError("%s: entity declarations are not allowed in TMX input" % path)
            if root or not chunk:
                return


def read_tmx(path, stats: Optional[Counter] = None) -> Iterator[Pair]:
    """Read a TMX file with ``xml.etree``; documents declaring entities are refused.

    For each ``<tu>`` the first ``<tuv>`` whose ``xml:lang`` (or TMX 1.1
    ``lang``) starts with ``de`` and the first starting with ``en`` are paired.
    Inline native-code elements (``bpt ept it ph ut``) are dropped from the text.
    """
    import xml.etree.ElementTree as ET

    _check_xml_prolog(path)
    with open(path, "rb") as fh:
        for _event, el in ET.iterparse(fh, events=("end",)):
            if _local(el.tag) != "tu":
                continue
            texts: Dict[str, str] = {}
            for tuv in el:
                if _local(tuv.tag) != "tuv":
                    continue
                lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
                key = "de" if lang.startswith("de") else "en" if lang.startswith("en") else None
                if key is None or key in texts:
                    continue
                for seg in tuv:
                    if _local(seg.tag) == "seg":
                        texts[key] = _seg_text(seg)
                        break
            el.clear()
            if "de" in texts and "en" in texts:
                yield Pair(texts["de"], texts["en"], ORIGIN_TMX)
            else:
                _bump(stats, "tmx_unit_without_de_en")
