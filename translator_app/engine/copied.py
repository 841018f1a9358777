"""Words copied, not translated: a source word that the output has as written, where the
dictionary knows it translates to something else ("Ich will Bargeld." -> "I want Bargeld.",
"Tom ist kein Maler." -> "Tom isn't Maler."). No torch, no Qt.

The attention rules (coverage.py) never call a word that the output has as written dropped:
names and numbers are copied on purpose. So a copied common word went unwarned. The engine
knows no dictionary; the caller hands the Translator a *glossary* (dictionary/senses.py's
``glossary``): for a word and its language, the other language's words it is translated
by in the training data (folded, lower case), empty for a word it does not know. A word
counts as copied (as written, or with an ending glued on: "I like playing Schachs.") when its
glossary is not empty and does not hold the word itself ("Butter"
-> "butter" is a translation), it is no word of the output's language too ("was", "fast":
"What was that?"), and it is no name: not after a title ("Herr Schneider") and not next to
another copied capitalised word the glossary does not know ("Tom Schneider").

Where the beam has a hypothesis that renders each copied word by one of its translations and
copies none ("Tom isn't a painter."), that one is taken (``prefer_translated``); otherwise
the words are warned as dropped (coverage.find_losses' ``copied``). Measured on the dev parts
in the README ("Copied words").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..languages import other
from . import spans
from .copying import TITLES, strip_edges


@dataclass(frozen=True)
class Glossary:
    """What the engine may ask the dictionary: ``translations(word, lang)``, the other
    language's words that translate it, in the dictionary's folded form (``fold``: lower
    case, "ä" -> "ae", ...), empty for a word it does not know."""

    translations: Callable[[str, str], frozenset]
    fold: Callable[[str], str]

MAX_SCORE_GAP = 0.5      # length-normalised log-probability a replacement may lose
MIN_LENGTH_SHARE = 0.8   # of the best hypothesis's words a replacement keeps
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _has_copy(word: str, text: str) -> bool:
    """``word`` in ``text`` as written or with an ending glued on ("Schach" -> "Schachs")."""
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?:e?s|e|e?n)?(?!\w)", text, re.IGNORECASE) is not None


def _words(source: str) -> list[str]:
    """The words of ``source`` with its protected spans blanked: "<p>Hallo" is "Hallo", as
    the pieces a repair cuts at the tags see it, so the whole and its pieces count alike."""
    for start, end, _ in reversed(spans.find(source)):
        source = source[:start] + " " + source[end:]
    return source.split()


def copied_words(source: str, translation: str, src_lang: str, glossary: Optional[Glossary],
                 function_words: frozenset = frozenset()) -> tuple[str, ...]:
    """The words of ``source`` that ``translation`` copies though ``glossary`` translates
    them otherwise, as the source writes them; () without a glossary."""
    if glossary is None or not translation:
        return ()
    words = _words(source)
    cores = [strip_edges(w) for w in words]
    known = [glossary.translations(c, src_lang) if _WORD.fullmatch(c) else frozenset() for c in cores]
    copied = [bool(c) and _has_copy(c, translation) for c in cores]

    def name_like(i: int) -> bool:
        return (0 <= i < len(cores) and copied[i] and not known[i] and cores[i][:1].isupper())

    out = []
    for i, core in enumerate(cores):
        if not copied[i] or not known[i] or glossary.fold(core) in known[i] or core.lower() in function_words:
            continue
        if glossary.translations(core, other(src_lang)):  # a word of both ("was", "fast", "Gift")
            continue
        if i > 0 and words[i - 1].lower() in TITLES or name_like(i - 1) or name_like(i + 1):
            continue
        out.append(core)
    return tuple(dict.fromkeys(out))


def rendered(word: str, translation: str, src_lang: str, glossary: Optional[Glossary]) -> bool:
    """Whether ``translation`` has one of the words ``glossary`` translates ``word`` by, an
    ending aside ("come" in "is coming", "taxes" as "tax"): the dictionary vouches that it was
    translated, whatever the model check or its confidence says ("Tom isn't a painter." was
    taken for its "painter", which no other hypothesis has)."""
    if glossary is None:
        return False
    lang = other(src_lang)
    words = set(_WORD.findall(glossary.fold(translation).lower()))
    return any(not words.isdisjoint(_forms(t, lang)) for t in glossary.translations(word, src_lang))


def unrendered(word: str, translation: str, src_lang: str, glossary: Glossary) -> bool:
    """Whether ``glossary`` translates ``word`` (a source label, the punctuation at its edges
    aside) and ``translation`` has none of its translations: coverage.guessed's ``unrendered``."""
    core = strip_edges(word)
    return bool(glossary.translations(core, src_lang)) and not rendered(core, translation, src_lang, glossary)


_DE_ENDINGS = ("", "e", "em", "en", "er", "es", "n", "s", "st", "t", "et", "te", "ten")


def _forms(word: str, lang: str) -> set[str]:
    """``word`` (a folded dictionary translation) and its inflected forms, built from it only
    (so "note" gives "notes" and "noting", never "not"): "come" -> "comes", "coming"...;
    "taxes" -> "tax"; German "kommen" -> "kommt", "komme"..."""
    out = {word}
    if lang == "en":
        out |= {word + e for e in ("s", "es", "ed", "d", "ing")}
        if word.endswith("e") and len(word) >= 4:
            out |= {word[:-1] + "ing", word[:-1] + "ed"}
        if word.endswith("y") and len(word) >= 4:
            out |= {word[:-1] + "ies", word[:-1] + "ied"}
        if word.endswith("es") and len(word) >= 5:
            out.add(word[:-2])
        if word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
            out.add(word[:-1])
        return out
    stems = {word} | {word[:-len(e)] for e in ("en", "n", "e") if word.endswith(e)}
    return out | {s + e for s in stems if len(s) >= 3 for e in _DE_ENDINGS}


def prefer_translated(source: str, texts: list[str], scores: list[float], src_lang: str,
                      glossary: Optional[Glossary], function_words: frozenset = frozenset()) -> int:
    """The index of the hypothesis to take among ``texts`` (the beam's, best first, with their
    length-normalised log-probabilities ``scores``): the first that copies none of the best
    one's copied words, renders each by one of its translations, is within MAX_SCORE_GAP of
    the best and not much shorter ("1th bread." for "1. Brot 2. Butter 3. Käse" is not);
    0 when the best copies nothing or no other qualifies."""
    if not texts:
        return 0
    lost = copied_words(source, texts[0], src_lang, glossary, function_words)
    if not lost:
        return 0
    length = len(texts[0].split())
    for k, text in enumerate(texts[1:], 1):
        if (scores[0] - scores[k] > MAX_SCORE_GAP or len(text.split()) < MIN_LENGTH_SHARE * length
                or copied_words(source, text, src_lang, glossary, function_words)):
            continue
        if all(rendered(w, text, src_lang, glossary) for w in lost):
            return k
    return 0
