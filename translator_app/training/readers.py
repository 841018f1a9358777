"""Readers for the parallel German/English sources used to build the corpus.

Every reader yields :class:`Pair` objects ``(de, en, origin)``. Readers only
parse and pair; Unicode normalisation, length filters, de-duplication and the
held-out exclusion happen later in :mod:`translator_app.training.corpus`.

Readers may record why they skipped input in an optional ``stats`` dict
(``collections.Counter``); the corpus report prints those counts.

No torch, no Qt here.
"""

from __future__ import annotations

import gzip
import os
import re
import struct
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

try:  # tqdm is a dependency, but keep the readers usable without it.
    from tqdm import tqdm as _tqdm
except Exception:  # pragma: no cover
    _tqdm = None


class Pair(NamedTuple):
    de: str
    en: str
    origin: str


ORIGIN_DING_SENTENCE = "ding-sentence"
ORIGIN_DING_WORD = "ding-word"
ORIGIN_DDTP = "ddtp"
ORIGIN_GETTEXT = "gettext"
ORIGIN_TSV = "tsv"
ORIGIN_MOSES = "moses"
ORIGIN_TMX = "tmx"


def _progress(iterable, desc: str, enabled: bool, total: Optional[int] = None):
    if enabled and _tqdm is not None:
        return _tqdm(iterable, desc=desc, unit=" lines", mininterval=1.0, leave=False, total=total)
    return iterable


def _open_text(path) -> Iterable[str]:
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return open(path, "r", encoding="utf-8", errors="replace", newline="\n")


def _bump(stats: Optional[Counter], key: str, n: int = 1) -> None:
    if stats is not None:
        stats[key] += n


# ---------------------------------------------------------------------------
# Ding
# ---------------------------------------------------------------------------

_BRACES = re.compile(r"\{[^{}]*\}")        # {m} {f} {n} {pl} {vt} {adj} ...
_BRACKETS = re.compile(r"\[[^\[\]]*\]")    # [techn.] [Br.] [ugs.] ...
_ANGLES = re.compile(r"<[^<>]*>")          # <Ablösebetrag> (search keywords)
_PARENS = re.compile(r"\([^()]*\)")        # (des Bodenprofils), (sth.) ...
_SLASH_ABBR = re.compile(r"(?<!\S)/[^/\s][^/]*?/(?!\S)")  # /Abl./ /HWRC/
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?:;…])")
_SLASH_VARIANT = re.compile(r"[^\W\d_]{2} ?/ ?[^\W\d_]{2}")  # gaging / gauging, seinen/ihren
_ELLIPSIS = re.compile(r"…|\.\.\.")
_WS = re.compile(r"\s+")

# Placeholders for objects in dictionary entries.
_DE_PLACEHOLDER = re.compile(r"(?<!\w)(?:etw|jdn|jdm|jds|jd)\.")
_EN_PLACEHOLDER = re.compile(r"(?<!\w)(?:sth|sb)\.")


def _strip_ding_markup(text: str) -> str:
    """Remove grammar markup, domain tags, keyword markers and parenthesised notes."""
    text = _BRACES.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    text = _ANGLES.sub(" ", text)
    prev = None
    while prev != text:  # nested parentheses: remove innermost first
        prev = text
        text = _PARENS.sub(" ", text)
    return text


def _tidy(text: str) -> str:
    text = _SLASH_ABBR.sub(" ", text)
    text = _WS.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip(" ;,")


def split_ding_alternatives(side: str) -> List[str]:
    """Clean one sub-entry side and split it into its ``;``-separated alternatives."""
    side = _strip_ding_markup(side)
    alts = [_tidy(a) for a in side.split(";")]
    return [a for a in alts if a]


def is_ding_sentence(de: str, en: str) -> bool:
    """A full example sentence: uppercase start, ends in . ! ? and >= 4 words on both sides."""
    for s in (de, en):
        if not s or not s[0].isupper() or s[-1] not in ".!?" or len(s.split()) < 4:
            return False
    return True


def iter_ding_subentries(
    path, stats: Optional[Counter] = None, progress: bool = False
) -> Iterator[Tuple[List[str], List[str]]]:
    """Yield ``(german_alternatives, english_alternatives)`` for every Ding sub-entry.

    Lines starting with ``#`` are comments. A line is ``de :: en``; both sides
    are split on `` | `` into sub-entries, and the i-th German sub-entry pairs
    with the i-th English one. Lines whose sub-entry counts differ are skipped
    (``ding_subentry_mismatch``). The markup removed by
    :func:`split_ding_alternatives` is described in :func:`read_ding`.
    """
    with _open_text(path) as fh:
        for line in _progress(fh, "ding", progress):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if " :: " not in line:
                _bump(stats, "ding_malformed_line")
                continue
            de_side, en_side = line.split(" :: ", 1)
            de_subs = de_side.split(" | ")
            en_subs = en_side.split(" | ")
            if len(de_subs) != len(en_subs):
                _bump(stats, "ding_subentry_mismatch")
                continue
            for de_sub, en_sub in zip(de_subs, en_subs):
                de_alts = split_ding_alternatives(de_sub)
                en_alts = split_ding_alternatives(en_sub)
                if not de_alts or not en_alts:
                    _bump(stats, "ding_empty_subentry")
                    continue
                yield de_alts, en_alts


def placeholders_line_up(de: str, en: str) -> bool:
    """True when both sides carry the same number of object placeholders.

    German ``etw. jdn. jdm. jds. jd.`` are counted against English ``sth. sb.``
    (``sb.’s`` counts as ``sb.``).
    """
    return len(_DE_PLACEHOLDER.findall(de)) == len(_EN_PLACEHOLDER.findall(en))


def read_ding(path, stats: Optional[Counter] = None, progress: bool = False) -> Iterator[Pair]:
    """Read the Ding dictionary (``/usr/share/trans/de-en`` of Debian's trans-de-en).

    Rules, applied to each ``de :: en`` line:

    * ``#`` lines are comments and skipped.
    * Sub-entries are separated by `` | ``; the i-th German sub-entry pairs with
      the i-th English one. Lines with different sub-entry counts are skipped.
    * Removed before pairing: grammar markup in braces (``{m} {f} {n} {pl}
      {vt} {adj}`` ...), domain/region tags in brackets (``[techn.]``,
      ``[Br.]`` ...), keyword markers in angle brackets (``<Ablösebetrag>``),
      every parenthesised note ``( … )`` (including nested ones and
      optional parts such as ``beam(s)`` -> ``beam``), and slash-delimited
      abbreviations (``/Abl./``, ``/HWRC/``).
    * Word/phrase pairs with inline slash variants (``gaging / gauging``,
      ``eine Feier/ein Fest veranstalten``) are dropped
      (``ding_slash_variants``): the extent of each variant is ambiguous, and
      picking one would produce wrong text. A slash next to a single letter
      (``km/h``, ``a/the``) does not count. Example *sentences* with slash
      variants are kept verbatim for training (they are scarce), but the
      split never puts them into dev/test.
    * Templates containing an ellipsis (``von … zu unterscheiden``) are
      dropped (``ding_ellipsis_template``): the gap is not translatable text.
    * Alternatives are separated by ``;`` (after the notes are removed, so a
      ``;`` inside a note does not split). Alternatives are paired by position
      - the first German alternative with the first English one, the second
      with the second, and so on up to the shorter list. No cross product, so
      each alternative appears in at most one pair.
    * Placeholders: German ``etw. jdn. jdm. jds. jd.`` and English ``sth. sb.``
      are kept verbatim, but a pair is dropped (``ding_placeholder_mismatch``)
      when the number of placeholders differs between the sides (e.g.
      ``etw. verschmutzen :: to litter``).
    * Origin: ``ding-sentence`` when both sides start uppercase, end with
      ``.``, ``!`` or ``?`` and have at least 4 words; ``ding-word`` otherwise.
    """
    for de_alts, en_alts in iter_ding_subentries(path, stats=stats, progress=progress):
        for de, en in zip(de_alts, en_alts):
            if _ELLIPSIS.search(de) or _ELLIPSIS.search(en):
                _bump(stats, "ding_ellipsis_template")
                continue
            sentence = is_ding_sentence(de, en)
            if not sentence and (_SLASH_VARIANT.search(de) or _SLASH_VARIANT.search(en)):
                _bump(stats, "ding_slash_variants")
                continue
            if not placeholders_line_up(de, en):
                _bump(stats, "ding_placeholder_mismatch")
                continue
            origin = ORIGIN_DING_SENTENCE if sentence else ORIGIN_DING_WORD
            yield Pair(de, en, origin)


def ding_version(path) -> str:
    """Best-effort version string: Debian package version and the file's ``# Version`` header."""
    parts = []
    path = Path(path)
    # <root>/usr/share/trans/de-en -> <root>/usr/share/doc/trans-de-en/changelog.Debian.gz
    for doc in (
        path.parent.parent / "doc" / "trans-de-en" / "changelog.Debian.gz",
        Path("/usr/share/doc/trans-de-en/changelog.Debian.gz"),
    ):
        try:
            with gzip.open(doc, "rt", encoding="utf-8", errors="replace") as fh:
                first = fh.readline()
            m = re.match(r"\S+ \(([^)]+)\)", first)
            if m:
                parts.append("trans-de-en " + m.group(1))
                break
        except OSError:
            continue
    try:
        with _open_text(path) as fh:
            for _ in range(20):
                line = fh.readline()
                m = re.match(r"#\s*Version\s*::\s*(.+)", line)
                if m:
                    parts.append("ding " + m.group(1).strip())
                    break
    except OSError:
        pass
    return "; ".join(parts) or "unknown"


# ---------------------------------------------------------------------------
# DDTP (Debian Description Translation Project)
# ---------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[*+\-•o·]|\d{1,2}[.)])\s+")
_ID_STRIP = "\"'.,;:!?()[]{}<>„“”‚‘’«»"
_ID_PART = re.compile(r"\d|_|::|[a-z][A-Z]")
_ABBREVIATIONS = {
    "z.", "b.", "d.", "h.", "u.", "a.", "bzw.", "usw.", "etc.", "e.g.", "i.e.", "vs.", "ca.",
    "dr.", "nr.", "z.b.", "d.h.", "u.a.", "ggf.", "evtl.", "inkl.", "bspw.", "mr.", "mrs.",
    "st.", "vgl.", "sog.", "v.", "co.", "inc.", "ltd.", "no.", "resp.", "approx.", "cf.",
    "al.", "ff.", "bzgl.", "incl.", "zzgl.", "s.", "o.", "ä.", "u.ä.", "o.ä.", "ver.", "vol.",
    "min.", "max.", "sec.", "jr.", "sr.", "prof.", "fig.", "abb.", "ggü.",
}
_SENT_END = re.compile(r"[.!?][\"'”“»)\]]*$")
_SENT_START = re.compile(r"^[\"'„“«(\[]*[A-ZÄÖÜ0-9]")


def split_sentences(text: str) -> List[str]:
    """Conservative rule-based sentence splitter for German and English prose.

    Splits after a token ending in ``. ! ?`` when the next token starts with an
    uppercase letter or digit, unless the token is a known abbreviation, a
    single letter (initials, ``z. B.``) or a number.
    """
    tokens = text.split()
    sentences: List[str] = []
    current: List[str] = []
    for i, tok in enumerate(tokens):
        current.append(tok)
        if i + 1 >= len(tokens):
            break
        if not _SENT_END.search(tok):
            continue
        bare = tok.rstrip("\"'”“»)]").lower()
        core = bare.rstrip(".!?")
        if bare.endswith(".") and (
            bare in _ABBREVIATIONS
            or len(core) <= 1
            or core.replace(".", "").isdigit()
            or ("." in core and "/" not in core)  # "A.D." "z.B." "v1.2." but not URLs
        ):
            continue
        if _SENT_START.match(tokens[i + 1]):
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


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
            ds, es = split_sentences(dtext), split_sentences(etext)
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
            for sentence in split_sentences(text):
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


# ---------------------------------------------------------------------------
# gettext
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# TSV, Moses, TMX
# ---------------------------------------------------------------------------


def read_tsv(path, stats: Optional[Counter] = None, progress: bool = False) -> Iterator[Pair]:
    """Read ``German<TAB>English`` lines; further columns are ignored."""
    with _open_text(path) as fh:
        for line in _progress(fh, os.path.basename(str(path)), progress):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                _bump(stats, "tsv_malformed_line")
                continue
            yield Pair(parts[0], parts[1], ORIGIN_TSV)


def read_moses(de_path, en_path, stats: Optional[Counter] = None, progress: bool = False) -> Iterator[Pair]:
    """Read a Moses-style pair of line-aligned files. Raises if the line counts differ."""
    with _open_text(de_path) as fd, _open_text(en_path) as fe:
        def lines():
            n = 0
            while True:
                d, e = fd.readline(), fe.readline()
                if not d and not e:
                    return
                if not d or not e:
                    raise ValueError(
                        "Moses files %s and %s have different line counts (after %d lines)" % (de_path, en_path, n)
                    )
                n += 1
                yield d, e

        for d, e in _progress(lines(), "moses", progress):
            yield Pair(d.rstrip("\r\n"), e.rstrip("\r\n"), ORIGIN_MOSES)


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
