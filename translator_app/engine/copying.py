"""Names, numbers and emoji survive: copy protected source words through attention.

A small model often garbles numbers, versions and names (``17:30`` -> ``1000``). After
decoding, every protected source word that is missing from the output replaces the output
word that attended to it most (Luong et al. 2015's unknown-word replacement, applied to
words the model mangled instead of to <unk>). No Qt, no torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..languages import SPECIAL_TOKENS

WORD_START = "\u2581"  # SentencePiece's word-boundary mark
_EDGE_PUNCT = "\"'„“”‚‘’«»()[]{}<>,;:!?."
TITLES = {"herr", "herrn", "frau", "dr.", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr"}
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
    if prev in TITLES:
        return True
    if src_lang == "en" and i > 0 and core != "I" and not words[i - 1].endswith((".", "!", "?", ":")):
        return True
    return False


def is_emoji_char(ch: str) -> bool:
    """Emoji, flags, pictographs and the joiners, selectors and keycaps that build them.
    Narrower than Unicode's "So" on purpose: ©, ™ and ° belong to the word next to them."""
    o = ord(ch)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2B00 <= o <= 0x2BFF
            or 0x2300 <= o <= 0x23FF or 0xE0020 <= o <= 0xE007F or ch in "\u200d\ufe0f\u20e3")


def emoji_at(sentence: str, i: int) -> bool:
    """Whether sentence[i] belongs to an emoji, counting the digit, # or * of a keycap ("1️⃣")."""
    if is_emoji_char(sentence[i]):
        return True
    return sentence[i] in "0123456789#*" and sentence[i + 1:i + 3].lstrip("\ufe0f")[:1] == "\u20e3"


@dataclass(frozen=True)
class EmojiRun:
    """Emoji taken out of a sentence (with any spaces between them: "🎉 🎉")."""

    text: str
    after: int            # index of the plain word they followed; -1: they open the sentence
    space_before: bool
    space_after: bool
    before_punct: bool    # glued to punctuation that follows ("dich❤️!")
    last: bool            # nothing but spaces after them


def split_emoji(sentence: str) -> tuple[str, list[EmojiRun]]:
    """The sentence without its emoji, and the emoji runs that place_emoji puts back.

    The model never learnt emoji, and their byte pieces throw it off ("Ich liebe dich❤️!"
    came out as nonsense), so it translates the plain text only.
    """
    plain: list[str] = []
    runs: list[EmojiRun] = []
    i, n = 0, len(sentence)
    while i < n:
        if not emoji_at(sentence, i):
            plain.append(sentence[i])
            i += 1
            continue
        end = j = i
        while j < n and (emoji_at(sentence, j) or sentence[j].isspace()):
            j += 1
            if not sentence[j - 1].isspace():
                end = j
        before = sentence[i - 1] if i > 0 else " "
        after = sentence[end] if end < n else " "
        runs.append(EmojiRun(sentence[i:end], len("".join(plain).split()) - 1, before.isspace(), after.isspace(),
                             after in _EDGE_PUNCT, not sentence[end:].strip()))
        if before.isalnum() and after.isalnum():
            plain.append(" ")  # "Hallo😀Welt" stays two words
        i = end
    return re.sub(r"\s+", " ", "".join(plain)).strip(), runs


def place_emoji(words: list[str], runs: list[EmojiRun], aligned: Callable[[int], int]) -> str:
    """Join the target words and put the emoji runs back: the opening ones first, the closing
    ones last, and each inner one after the target word ``aligned`` gives for the source word
    before it (-1: none), keeping the source's spacing ("Danke!😀" -> "Thanks!😀")."""
    out = list(words)
    lead = tail = ""
    for run in runs:
        if run.after < 0:
            lead += run.text + (" " if run.space_after else "")
            continue
        j = aligned(run.after) if not run.last else -1
        if j < 0 or j >= len(out):
            tail += (" " if run.space_before else "") + run.text
            continue
        word = out[j]
        if run.before_punct and not run.space_before:
            core = word.rstrip(_EDGE_PUNCT)
            out[j] = core + run.text + word[len(core):]
        else:
            out[j] = word + (" " if run.space_before else "") + run.text
    text = " ".join(w for w in out if w)
    if not text:
        return (lead + tail).strip()
    return lead + text + tail


def attention_mass(attention: list[list[float]], target_groups: list[list[int]], cols: list[int]) -> list[float]:
    """For each target word, the mean attention its pieces give to the source columns ``cols``."""
    return [sum(attention[r][c] for r in rows for c in cols) / len(rows) for rows in target_groups]


def appears_in(word: str, text: str) -> bool:
    """True if ``word`` is in ``text`` as a whole token (17:30 is not in 17:3000)."""
    return re.search(r"(?<![\w.:])" + re.escape(word) + r"(?![\w:]|\.\w)", text) is not None


def group_words(pieces: list[str]) -> list[list[int]]:
    """Indices of the pieces of each word: a piece starting with ▁ starts a new word;
    special tokens (</s>, <2en>...) stand alone, and the piece after one starts a word.
    The one piece-to-word grouping (the GUI's alignment uses it too)."""
    groups: list[list[int]] = []
    prev_special = True
    for i, piece in enumerate(pieces):
        special = piece in SPECIAL_TOKENS
        if special or piece.startswith(WORD_START) or prev_special:
            groups.append([i])
        else:
            groups[-1].append(i)
        prev_special = special
    return groups


def copy_protected(source_words: list[str], source_groups: list[list[int]], target_words: list[str],
                   target_groups: list[list[int]], attention: list[list[float]], src_lang: str,
                   skip: Callable[[str], bool] | None = None) -> tuple[list[str], list[int]]:
    """Return the repaired target words and the indices of the words that were replaced.

    source_groups/target_groups map words to piece columns/rows of ``attention``; source
    words for which ``skip`` is true are never copied, nor target words replaced
    (placeholders: spans.unmask puts those back itself).
    """
    out = list(target_words)
    replaced: list[int] = []
    if len(source_words) != len(source_groups) or not target_words or len(target_words) != len(target_groups):
        return out, replaced
    text = " ".join(out)
    for i, word in enumerate(source_words):
        core = strip_edges(word)
        if (skip is not None and skip(core)) or not is_protected(source_words, i, src_lang) or appears_in(core, text):
            continue
        mass = attention_mass(attention, target_groups, source_groups[i])
        for j in sorted(range(len(out)), key=lambda k: -mass[k]):
            old = out[j]
            if j in replaced or not strip_edges(old) or (skip is not None and skip(strip_edges(old))):
                continue
            lead = old[: len(old) - len(old.lstrip(_EDGE_PUNCT))]
            trail = old[len(old.rstrip(_EDGE_PUNCT)):]
            out[j] = lead + core + trail
            replaced.append(j)
            break
        text = " ".join(out)
    return out, replaced
