"""Protected spans: text the model must not touch (URLs, e-mail addresses, file paths, inline
code, HTML/XML tags and entities, format placeholders and escapes), and ALL-CAPS sentences.

Each span is replaced by a placeholder word (``X1``, ``X2``...; the bundled model copied
those through in 10 of 10 test sentences each way, where ``⟨1⟩`` or ``§1`` were mangled),
and put back exactly after decoding, as copying.py does for emoji. No torch, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .copying import emoji_at

_URL_TAIL = ".,;:!?\"'»”’"
_PATTERN = re.compile(
    r"(?P<code>(?P<tick>`+)[^`\n]+?(?P=tick))"
    r"|(?P<url>(?:(?:https?|ftp|file)://|www\.)[^\s<>\"`]+)"
    r"|(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<path>(?<![\w/.~\\])(?:~|\.{1,2})?/(?:[\w.+-]+/)*[\w.+-]+/?"
    r"|(?<![\w\\])[A-Za-z]:\\(?:[\w.+-]+\\)*[\w.+-]*"
    r"|(?<![\w/])[\w.-]+(?:/[\w.-]+)+\.[A-Za-z0-9]{1,5}(?![\w/]))"
    r"|(?P<tag><!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>)"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
    r"|(?P<placeholder>%(?:\(\w+\))?(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t)?"
    r"[diouxXeEfFgGcrsp](?![A-Za-z])|%%|\{\{|\}\}|\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\})"
    r"|(?P<escape>\\[abfnrtv0\\'\"](?![a-z]{2}))",  # \n, not LaTeX's \alpha
    re.DOTALL)
KINDS = ("code", "url", "email", "path", "tag", "entity", "placeholder", "escape")
LABELS = {"code": "⟨code⟩", "url": "⟨URL⟩", "email": "⟨e-mail⟩", "path": "⟨path⟩", "tag": "⟨tag⟩",
          "entity": "⟨entity⟩", "placeholder": "⟨placeholder⟩", "escape": "⟨escape⟩",
          "emoji": "⟨emoji⟩"}  # emoji are spans only when asked (mask(emoji=True), a repair)


@dataclass(frozen=True)
class Span:
    kind: str
    text: str
    glue_left: bool    # no space before it in the source: none is put back
    glue_right: bool


@dataclass(frozen=True)
class Masked:
    """A sentence with its protected spans replaced by ``{prefix}{n}`` words."""

    text: str
    spans: tuple[Span, ...]
    prefix: str

    def placeholder(self, i: int) -> str:
        return f"{self.prefix}{i + 1}"

    def pattern(self) -> re.Pattern:
        return re.compile(rf"(?<![A-Za-z0-9]){re.escape(self.prefix)}(\d+)(?![0-9])")

    def label(self, i: int) -> str:
        return LABELS[self.spans[i].kind]


def find(text: str, emoji: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each protected span, left to right, not overlapping; with
    ``emoji``, each run of emoji (no space inside) is one too."""
    out = _find(text)
    if not emoji:
        return out
    runs, i = [], 0
    while i < len(text):
        if emoji_at(text, i) and not any(a <= i < b for a, b, _ in out):
            j = i + 1
            while j < len(text) and emoji_at(text, j):
                j += 1
            runs.append((i, j, "emoji"))
            i = j
        else:
            i += 1
    return sorted(out + runs)


def _find(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    while True:
        m = _PATTERN.search(text, pos)
        if not m:
            return out
        kind = next(k for k in KINDS if m.group(k) is not None)
        start, end = m.span()
        if kind == "url":  # a full stop or a closing bracket after a URL is the sentence's
            while end > start and (text[end - 1] in _URL_TAIL or
                                   (text[end - 1] == ")" and text[start:end].count("(") < text[start:end].count(")"))):
                end -= 1
        if end - start >= 2:
            out.append((start, end, kind))
        pos = max(end, start + 1)


def mask(text: str, emoji: bool = False) -> Masked:
    """Replace the protected spans of ``text`` (with ``emoji``, its emoji too) by
    placeholder words the model copies."""
    found = find(text, emoji)
    prefix = next((p for p in ("X", "Q", "Z", "XQ", "QZ") if not re.search(rf"(?<![A-Za-z0-9]){p}\d", text)), "XQZ")
    if not found:
        return Masked(text, (), prefix)
    parts, spans, last = [], [], 0
    for i, (start, end, kind) in enumerate(found):
        before, after = text[start - 1:start], text[end:end + 1]
        spans.append(Span(kind, text[start:end], bool(before) and not before.isspace(),
                          bool(after) and not after.isspace()))
        parts.append(text[last:start])
        # a placeholder glued to a letter (or to another placeholder) would be read as part
        # of that word: space it out
        glued = parts[-1][-1:].isalnum() or (not parts[-1] and len(parts) > 1 and parts[-2][-1:].isalnum())
        parts.append((" " if glued else "") + f"{prefix}{i + 1}" + (" " if after.isalnum() else ""))
        last = end
    parts.append(text[last:])
    return Masked("".join(parts), tuple(spans), prefix)


def unmask(translation: str, masked: Masked) -> str:
    """Put every span back exactly once: a placeholder the model repeated is dropped, one it
    lost goes at the end, and tags come back in their source order."""
    if not masked.spans:
        return translation
    tags = [i for i, s in enumerate(masked.spans) if s.kind == "tag"]
    next_tag = 0
    seen: set[int] = set()
    out, last = [], 0
    for m in masked.pattern().finditer(translation):
        i = int(m.group(1)) - 1
        start, end = m.span()
        text = translation[last:start]
        last = end
        if not 0 <= i < len(masked.spans) or i in seen:
            out.append(text.rstrip(" ") if translation[end:end + 1] in ("", " ") else text)
            continue
        seen.add(i)
        if masked.spans[i].kind == "tag":  # tags keep their order, whatever the model did
            i, next_tag = tags[next_tag], next_tag + 1
        span = masked.spans[i]
        out.append(text.rstrip(" ") if span.glue_left and text.rstrip(" ") else text)
        out.append(span.text)
        if span.glue_right and translation[end:end + 1] == " ":
            last += 1
    out.append(translation[last:])
    result = "".join(out)
    missing = [i for i in range(len(masked.spans)) if i not in seen and masked.spans[i].kind != "tag"]
    missing += tags[next_tag:]
    for i in missing:  # a closing tag lost at the end goes back where it was glued: "Welt</b>"
        glue = "" if masked.spans[i].glue_left else " "
        result = result.rstrip() + glue + masked.spans[i].text if result.strip() else masked.spans[i].text
    return result


def placeholder_groups(pieces: list[str], masked: Masked) -> list[tuple[list[int], str | None]]:
    """Partition piece indices into groups: the pieces that spell one placeholder become one
    group with the span's label (so the heatmap shows ``⟨URL⟩``), every other piece its own."""
    groups: list[tuple[list[int], str | None]] = []
    if not masked.spans:
        return [([i], None) for i in range(len(pieces))]
    data, starts = b"", []
    for p in pieces:
        starts.append(len(data))
        byte = re.fullmatch(r"<0x([0-9A-Fa-f]{2})>", p)
        data += bytes([int(byte.group(1), 16)]) if byte else p.replace("\u2581", " ").encode()
    ends = starts[1:] + [len(data)]
    label_at: dict[int, tuple[int, str]] = {}   # first piece -> (last piece, label)
    covered: set[int] = set()
    pattern = re.compile(masked.pattern().pattern.encode())
    for m in pattern.finditer(data):
        i = int(m.group(1)) - 1
        if not 0 <= i < len(masked.spans):
            continue
        inside = [k for k in range(len(pieces)) if starts[k] < m.end() and ends[k] > m.start()]
        if not inside or covered & set(inside):
            continue
        covered.update(inside)
        lead = "\u2581" if pieces[inside[0]].startswith("\u2581") else ""
        label_at[inside[0]] = (inside[-1], lead + masked.label(i))
    k = 0
    while k < len(pieces):
        if k in label_at:
            last, label = label_at[k]
            groups.append((list(range(k, last + 1)), label))
            k = last + 1
        else:
            groups.append(([k], None))
            k += 1
    return groups


# -- ALL-CAPS ------------------------------------------------------------------------------
def is_shouting(text: str) -> bool:
    """At least two words of two or more letters, and no lower-case letter (placeholders and
    one-word acronyms like "NASA" don't count)."""
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text)]
    return len(words) >= 2 and not any(c.islower() for c in text) and any(c.isupper() for c in text)


def sentence_case(text: str, masked: Masked | None = None,
                  count_pieces: Callable[[str], int] | None = None) -> str:
    """The model learnt normal casing: lower-case the sentence, capitalise its first letter
    (placeholder words stay as they are). With ``count_pieces`` (a word -> how many pieces
    the model's vocabulary spells it with), a word keeps its capital where that spells it
    with fewer pieces: German nouns ("DER ZUG" -> "Der Zug", not "Der zug", which the model
    read as nothing it knew and dropped)."""
    keep = masked.pattern() if masked is not None else None
    out, last = [], 0
    for m in (keep.finditer(text) if keep is not None else ()):
        out.append(_lower(text[last:m.start()], count_pieces))
        out.append(m.group(0))
        last = m.end()
    out.append(_lower(text[last:], count_pieces))
    lowered = "".join(out)
    for i, ch in enumerate(lowered):
        if ch.isalpha():
            return lowered[:i] + ch.upper() + lowered[i + 1:]
    return lowered


def _lower(text: str, count_pieces: Callable[[str], int] | None) -> str:
    if count_pieces is None:
        return text.lower()

    def case(m: re.Match) -> str:
        low = m.group(0).lower()
        title = low[:1].upper() + low[1:]
        return title if count_pieces(title) < count_pieces(low) else low
    return re.sub(r"[^\W\d_]+", case, text)


def shout(text: str) -> str:
    """Upper-case a translation back (spans are put back afterwards, so they keep their case)."""
    return text.upper()
