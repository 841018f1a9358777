"""DDTP reader (Debian Description Translation Project): pairs by ``Description-md5``."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from ...engine.segment import sentences  # the app's splitter (no torch)
from .common import ORIGIN_DDTP, Pair, _bump, _open_text, _progress


_BULLET = re.compile(r"^\s*(?:[*+\-•o·]|\d{1,2}[.)])\s+")
_ID_STRIP = "\"'.,;:!?()[]{}<>„“”‚‘’«»"
_ID_PART = re.compile(r"\d|_|::|[a-z][A-Z]")
def identifier_tokens(text: str) -> Counter:
    """Identifier-like tokens: containing digits, ``_``, ``::`` or inner capitals.

    Paths, URLs and e-mail addresses count as one identifier. Other tokens are
    split on ``-`` and ``/`` first so that ``3D-Grafiken`` and ``3D graphics``
    share the identifier ``3D``.
    """
    ids: Counter = Counter()
    for tok in text.split():
        tok = tok.strip(_ID_STRIP)
        if not tok:
            continue
        if tok.startswith(("/", "~")) or "://" in tok or "@" in tok or "::" in tok:
            ids[tok] += 1
            continue
        for part in re.split(r"[-/]", tok):
            part = part.strip(_ID_STRIP)
            if part and _ID_PART.search(part):
                ids[part] += 1
    return ids


def _parse_ddtp(path, lang: str, wanted: Optional[set] = None, progress: bool = False) -> Dict[str, Tuple[str, List[str]]]:
    """Parse a Translation-xx file into ``{md5: (short, long_lines)}``.

    ``long_lines`` are the raw continuation lines with the leading space removed.
    """
    key = "Description-%s:" % lang
    out: Dict[str, Tuple[str, List[str]]] = {}
    md5 = None
    short = None
    long_lines: List[str] = []
    in_desc = False

    def flush():
        if md5 and short is not None and md5 not in out and (wanted is None or md5 in wanted):
            out[md5] = (short, long_lines)

    with _open_text(path) as fh:
        for raw in _progress(fh, "ddtp-" + lang, progress):
            line = raw.rstrip("\r\n")
            if not line.strip():
                flush()
                md5, short, long_lines, in_desc = None, None, [], False
                continue
            if line.startswith(" "):
                if in_desc:
                    long_lines.append(line[1:])
                continue
            in_desc = False
            if line.startswith("Description-md5:"):
                md5 = line.split(":", 1)[1].strip()
            elif line.startswith(key):
                short = line[len(key):].strip()
                in_desc = True
        flush()
    return out


def _paragraphs(long_lines: Sequence[str]) -> List[List[str]]:
    paras: List[List[str]] = [[]]
    for line in long_lines:
        if line.strip() == ".":
            paras.append([])
        else:
            paras[-1].append(line)
    return [p for p in paras if p]


def _blocks(para: Sequence[str]) -> List[Tuple[str, str]]:
    """Split a paragraph into ``(kind, text)`` blocks: ``prose``, ``bullet`` or ``verbatim``."""
    blocks: List[List] = []
    for line in para:
        m = _BULLET.match(line)
        if m:
            blocks.append(["bullet", [line[m.end():].strip()]])
        elif line[:1].isspace():
            if blocks and blocks[-1][0] == "bullet":
                blocks[-1][1].append(line.strip())
            elif blocks and blocks[-1][0] == "verbatim":
                blocks[-1][1].append(line.strip())
            else:
                blocks.append(["verbatim", [line.strip()]])
        else:
            if blocks and blocks[-1][0] == "prose":
                blocks[-1][1].append(line.strip())
            else:
                blocks.append(["prose", [line.strip()]])
    return [(kind, " ".join(x for x in lines if x)) for kind, lines in blocks]


def align_ddtp_description(
    de_short: str, de_long: Sequence[str], en_short: str, en_long: Sequence[str], stats: Optional[Counter] = None
) -> Iterator[Tuple[str, str]]:
    """Align one description: short line, then paragraphs, then blocks, then sentences."""
    yield de_short, en_short
    de_paras, en_paras = _paragraphs(de_long), _paragraphs(en_long)
    if len(de_paras) != len(en_paras):
        _bump(stats, "ddtp_paragraph_count_mismatch")
        return
    for dp, ep in zip(de_paras, en_paras):
        db, eb = _blocks(dp), _blocks(ep)
        if [k for k, _ in db] != [k for k, _ in eb]:
            _bump(stats, "ddtp_block_structure_mismatch")
            continue
        for (kind, dtext), (_, etext) in zip(db, eb):
            if kind == "verbatim":  # code, tables, ascii art
                _bump(stats, "ddtp_verbatim_block")
                continue
            ds, es = sentences(dtext), sentences(etext)
            if len(ds) != len(es):
                _bump(stats, "ddtp_sentence_count_mismatch")
                continue
            for d, e in zip(ds, es):
                if kind == "bullet" and (len(d.split()) < 2 or len(e.split()) < 2):
                    _bump(stats, "ddtp_short_bullet")  # "libfoo", "Jabber", ...
                    continue
                yield d, e


def read_ddtp(
    de_path, en_path, stats: Optional[Counter] = None, progress: bool = False
) -> Iterator[Pair]:
    """Pair DDTP ``Translation-de`` with ``Translation-en`` by ``Description-md5``.

    Per description: the short descriptions pair; the long descriptions are
    split into paragraphs at `` .`` lines and must have the same number of
    paragraphs; each paragraph is split into prose, bullet-item and verbatim
    (extra-indented) blocks, whose kinds must line up; verbatim blocks are
    skipped; each block is split into sentences and kept only when both sides
    have the same number of sentences, which are then paired in order. Bullet
    items of fewer than two words are skipped. Pairs are dropped when the two
    sides are identical (untranslated) or when their identifier-like tokens
    (see :func:`identifier_tokens`) differ.
    """
    de_map = _parse_ddtp(de_path, "de", progress=progress)
    en_map = _parse_ddtp(en_path, "en", wanted=set(de_map), progress=progress)
    for md5, (de_short, de_long) in de_map.items():
        if md5 not in en_map:
            _bump(stats, "ddtp_no_english_description")
            continue
        en_short, en_long = en_map[md5]
        for d, e in align_ddtp_description(de_short, de_long, en_short, en_long, stats):
            if not d or not e:
                continue
            if d == e:
                _bump(stats, "ddtp_untranslated")
                continue
            if identifier_tokens(d) != identifier_tokens(e):
                _bump(stats, "ddtp_identifier_mismatch")
                continue
            yield Pair(d, e, ORIGIN_DDTP)


def read_ddtp_english_only(de_path, en_path, stats: Optional[Counter] = None, min_words: int = 3) -> Iterator[str]:
    """English sentences of the descriptions that have no German translation (monolingual
    data for back-translation): the short description and the prose and bullet blocks of
    the long one, split into sentences; verbatim blocks and items under ``min_words`` words
    are skipped. Each sentence is yielded once."""
    translated = set(_parse_ddtp(de_path, "de"))
    seen: set = set()
    for md5, (short, long_lines) in _parse_ddtp(en_path, "en").items():
        if md5 in translated:
            _bump(stats, "ddtp_en_translated")
            continue
        texts = [short]
        for para in _paragraphs(long_lines):
            texts.extend(text for kind, text in _blocks(para) if kind != "verbatim")
        for text in texts:
            for sentence in sentences(text):
                if len(sentence.split()) < min_words:
                    _bump(stats, "ddtp_en_short")
                elif sentence in seen:
                    _bump(stats, "ddtp_en_repeated")
                else:
                    seen.add(sentence)
                    yield sentence


def find_ddtp_files(directory) -> Tuple[Path, Path]:
    directory = Path(directory)
    de, en = directory / "Translation-de", directory / "Translation-en"
    if not de.is_file() or not en.is_file():
        raise FileNotFoundError(
            "expected Translation-de and Translation-en in %s (decompressed DDTP files)" % directory
        )
    return de, en


def ddtp_version(directory) -> str:
    directory = Path(directory)
    lists = directory / "lists"
    found = []
    if lists.is_dir():
        for rel in sorted(lists.glob("*_InRelease")):
            info = {}
            try:
                with open(rel, encoding="utf-8", errors="replace") as fh:
                    for line in fh:
                        if line.startswith("-----") or line.startswith("Hash:"):
                            continue  # clear-signed (PGP) header
                        if not line.strip():
                            if info:
                                break
                            continue
                        if ":" in line and not line.startswith(" "):
                            k, v = line.split(":", 1)
                            info[k.strip()] = v.strip()
            except OSError:
                continue
            if "Codename" in info:
                found.append("%s (%s)" % (info.get("Codename"), info.get("Date", "?")))
    return "Debian " + ", ".join(found) if found else "unknown"
