"""A text made of Ding phrases: "Guten Morgen, wie geht es dir?" is no Ding entry as a whole,
but each of its comma-separated clauses is one ("Guten Morgen!" -> "Good morning!", "Wie geht es
dir?" -> "How are you?"). The memory (memory.py) then answers with the clauses' translations
joined as the input joins them: "Good morning, how are you?". Only when every clause is a
phrase of two words or more (as the phrase table's own rule) or one of the few one-word
greetings and answers below ("Hallo, wie geht es Ihnen?"; the table holds no single words), and
at least one is a phrase: one clause the table does not know ("Ich glaube, dass er kommt",
"Anna, wie geht es dir?") leaves the whole text to the model.

The clauses' own end punctuation goes, but the last one's when the input ends with some; a
clause after a comma starts in lower case where the input's does (or starts with English "I"),
unless its first word must keep its capital (English "I", a German noun: only the words below
are lowered in German).
"""

from __future__ import annotations

import re
from typing import Callable, Optional

MAX_CLAUSES = 4
_ENDS = ".!?…"
# German words that start a clause after a comma in lower case (nouns and "Sie" keep theirs)
_GERMAN_LOWER = frozenset("""
    wie was wo wann warum wer wem wen welche welcher welches woher wohin
    ich du er es wir ihr das der die dies da dann so ja nein bitte danke und aber oder
    alles viel vielen gut gute guten schön bis mach machs lass komm hab habt bist ist
    mir mich dir dich uns
    """.split())
# one-word clauses with one translation whatever follows ("Bitte" is "please" or "you're welcome": not here)
_WORDS = {"de": {"hallo": "hello", "ja": "yes", "nein": "no", "danke": "thanks", "tschüss": "bye"},
          "en": {"hello": "hallo", "hi": "hallo", "yes": "ja", "no": "nein", "thanks": "danke", "bye": "tschüss"}}


def compose(text: str, lang: str, answer: Callable[[str, str], Optional[str]]) -> Optional[str]:
    """The translation of ``text`` (in ``lang``) clause by clause with ``answer(clause,
    lang)`` (the phrase table's), or None unless every clause has one."""
    clauses = [c.strip() for c in text.split(",")]
    if not 2 <= len(clauses) <= MAX_CLAUSES or not all(clauses) or not re.search(r",\s", text):
        return None
    # a clause is asked as a sentence starts: lower-case keys are Ding's non-sentence senses
    # ("good morning" the exercise, "Good morning!" the greeting)
    asked = [c[:1].upper() + c[1:] for c in clauses]
    out, phrases = [], 0
    for k, clause in enumerate(clauses):
        found = answer(asked[k], lang)
        phrases += bool(found)
        found = found or _word(clause, lang)
        if not found:
            return None
        found = found.strip().rstrip(_ENDS).rstrip()
        if k and (clause[:1].islower() or lang == "en" and _is_i(clause.split(" ", 1)[0])):
            found = _lowered(found, "en" if lang == "de" else "de")
        elif not k and clause[:1].isupper():
            found = found[:1].upper() + found[1:]   # Ding's "Vielen Dank" -> "thanks a lot"
        out.append(found)
    if not phrases:
        return None
    end = text.rstrip()[-1:] if text.rstrip()[-1:] in _ENDS else ""
    if end:
        last = (answer(asked[-1], lang) or _word(clauses[-1], lang)).strip()
        end = last[len(last.rstrip(_ENDS)):] or end
    return ", ".join(out) + end


def _word(clause: str, lang: str) -> Optional[str]:
    """The translation of a one-word greeting or answer ("Hallo" -> "hello"), else None."""
    return _WORDS.get(lang, {}).get(clause.rstrip(_ENDS).strip().lower())


def _is_i(word: str) -> bool:
    """English "I", "I'm", "I’ll": capitalised wherever it stands."""
    return word == "I" or word.startswith(("I'", "I’"))


def _lowered(phrase: str, lang: str) -> str:
    first = phrase.split(" ", 1)[0]
    core = first.strip("\"'„“”‚‘’«»(")
    if lang == "en" and _is_i(core):
        return phrase
    if lang == "de" and core.lower() not in _GERMAN_LOWER:
        return phrase
    i = phrase.index(core[:1]) if core else 0
    return phrase[:i] + phrase[i].lower() + phrase[i + 1:]
