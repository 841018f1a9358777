"""Names and numbers survive: copy protected source words through attention.

A small model often garbles numbers, versions and names (``17:30`` -> ``1000``). After
decoding, every protected source word that is missing from the output replaces the output
word that attended to it most (Luong et al. 2015's unknown-word replacement, applied to
words the model mangled instead of to <unk>). No Qt, no torch.
"""

from __future__ import annotations

import re

WORD_START = "\u2581"  # SentencePiece's word-boundary mark
_EDGE_PUNCT = "\"'„“”‚‘’«»()[]{}<>,;:!?."
_TITLES = {"herr", "herrn", "frau", "dr.", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr"}
_IDENTIFIER = re.compile(r"\d|_|::|/|@|[a-zäöü][A-ZÄÖÜ]|^[A-ZÄÖÜ]{2,}$|\w\.\w")


def strip_edges(word: str) -> str:
    return word.strip(_EDGE_PUNCT)


def is_protected(words: list[str], i: int, src_lang: str) -> bool:
    """Numbers, versions, identifiers, and names (after a title, or capitalised inside an
    English sentence). German nouns are capitalised, so German capitals alone don't count."""
    core = strip_edges(words[i])
    if not core:
        return False
    if _IDENTIFIER.search(core):
        return True
    if not core[0].isupper():
        return False
    prev = words[i - 1].lower() if i > 0 else ""
    if prev in _TITLES:
        return True
    if src_lang == "en" and i > 0 and core != "I" and not words[i - 1].endswith((".", "!", "?", ":")):
        return True
    return False


def is_emoji_char(ch: str) -> bool:
    """Emoji, flags, pictographs and the joiners, selectors and keycaps that build them.
    Narrower than Unicode's "So" on purpose: ©, ™ and ° belong to the word next to them."""
    o = ord(ch)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2B00 <= o <= 0x2BFF
            or 0x2300 <= o <= 0x23FF or ch in "\u200d\ufe0f\u20e3")


def restore_edge_emoji(source: str, text: str) -> str:
    """Put back emoji that open or close ``source`` and that the model dropped from ``text``.

    The model rarely reproduces emoji, and a chat message's leading or trailing emoji
    carry meaning; the spacing follows the source ("Danke!😀" -> "Thanks!😀").
    """
    start = 0
    while start < len(source) and (is_emoji_char(source[start]) or source[start].isspace()):
        start += 1
    if start == len(source):  # nothing but emoji: they are the translation
        return source.strip()
    end = len(source)
    while end > start and (is_emoji_char(source[end - 1]) or source[end - 1].isspace()):
        end -= 1
    lead, trail = source[:start], source[end:]
    if lead.strip() and lead.strip() not in text:
        text = lead.lstrip() + text.lstrip()
    if trail.strip() and trail.strip() not in text:
        text = text.rstrip() + trail.rstrip()
    return text


def attention_mass(attention: list[list[float]], target_groups: list[list[int]], cols: list[int]) -> list[float]:
    """For each target word, the mean attention its pieces give to the source columns ``cols``."""
    return [sum(attention[r][c] for r in rows for c in cols) / len(rows) for rows in target_groups]


def is_emoji_word(word: str) -> bool:
    return bool(word) and all(is_emoji_char(ch) for ch in word)


def insert_inner_emoji(source_words: list[str], source_groups: list[list[int]], target_words: list[str],
                       target_groups: list[list[int]], attention: list[list[float]]) -> list[str]:
    """Put back emoji words from inside the source that the output lost, each after the
    output word that attended most to the source word before it ("Ich 😀 liebe dich" ->
    "I 😀 love you"). Emoji at the edges are restore_edge_emoji's job."""
    if len(source_words) != len(source_groups) or not target_words or len(target_words) != len(target_groups):
        return list(target_words)
    text = " ".join(target_words)
    after: dict[int, list[str]] = {}
    for i, word in enumerate(source_words):
        if not is_emoji_word(word) or word in text or all(is_emoji_word(w) for w in source_words[i:]):
            continue
        anchor = i - 1
        while anchor >= 0 and is_emoji_word(source_words[anchor]):
            anchor -= 1
        if anchor < 0:
            continue
        mass = [m if target_words[j].strip() else -1.0
                for j, m in enumerate(attention_mass(attention, target_groups, source_groups[anchor]))]
        after.setdefault(max(range(len(mass)), key=mass.__getitem__), []).append(word)
    out: list[str] = []
    for j, word in enumerate(target_words):
        out.append(word)
        out.extend(after.get(j, []))
    return out


def appears_in(word: str, text: str) -> bool:
    """True if ``word`` is in ``text`` as a whole token (17:30 is not in 17:3000)."""
    return re.search(r"(?<![\w.:])" + re.escape(word) + r"(?![\w:]|\.\w)", text) is not None


def group_words(pieces: list[str]) -> list[list[int]]:
    """Indices of the pieces of each word: a piece starting with ▁ starts a new word."""
    groups: list[list[int]] = []
    for i, piece in enumerate(pieces):
        if piece.startswith(WORD_START) or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    return groups


def copy_protected(source_words: list[str], source_groups: list[list[int]], target_words: list[str],
                   target_groups: list[list[int]], attention: list[list[float]], src_lang: str) -> tuple[list[str], list[int]]:
    """Return the repaired target words and the indices of the words that were replaced.

    source_groups/target_groups map words to piece columns/rows of ``attention``.
    """
    out = list(target_words)
    replaced: list[int] = []
    if len(source_words) != len(source_groups) or not target_words or len(target_words) != len(target_groups):
        return out, replaced
    text = " ".join(out)
    for i, word in enumerate(source_words):
        core = strip_edges(word)
        if not is_protected(source_words, i, src_lang) or appears_in(core, text):
            continue
        mass = attention_mass(attention, target_groups, source_groups[i])
        for j in sorted(range(len(out)), key=lambda k: -mass[k]):
            old = out[j]
            if j in replaced or not strip_edges(old):
                continue
            lead = old[: len(old) - len(old.lstrip(_EDGE_PUNCT))]
            trail = old[len(old.rstrip(_EDGE_PUNCT)):]
            out[j] = lead + core + trail
            replaced.append(j)
            break
        text = " ".join(out)
    return out, replaced
