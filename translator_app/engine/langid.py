"""Does the input look like the source language? A script check plus a character-trigram
score (German vs English) trained from the corpus. No torch, no Qt.

The table is package data (translator_app/data/langid.json), rebuilt and measured by a
training tool (training/langid_table.py; the engine imports nothing from training/):

    python -m translator_app.training.langid_table --build /work/data/corpus/train.tsv
    python -m translator_app.training.langid_table --measure /work/data/corpus/dev-*.tsv
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ..languages import CODES, name, other
from .result import LanguageNote

log = logging.getLogger(__name__)
TABLE = Path(__file__).resolve().parent.parent / "data" / "langid.json"
N = 3
MIN_LETTERS = 12       # shorter texts (names, single words) are not judged
# Mean log-likelihood ratio per trigram needed to call it the other language. On the dev
# sets (6,000 texts) 1.0 gave 0 false alarms and caught 81.5% of swapped directions, 0.7
# 4 (0.07%) and 91.8%, 0.5 10 (0.17%) and 94.8%.
MARGIN = 0.7
MIN_LATIN = 0.5        # below this share of Latin letters it is another script
MAX_REPLACED = 0.1     # share of U+FFFD (bytes that were not UTF-8)
_WORD = re.compile(r"[^\W\d_]+")


def trigrams(text: str) -> list[str]:
    grams = []
    for word in _WORD.findall(text.lower()):
        padded = f" {word} "
        grams.extend(padded[i:i + N] for i in range(len(padded) - N + 1))
    return grams


def _script(ch: str) -> str:
    n = unicodedata.name(ch, "")
    return n.split(" ")[0] if n else "UNKNOWN"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[float]], list[float] | None]:
    """The trigram table (~60 ms to read: done in Translator.load's warm-up). Without it
    (a broken install) only the script check runs."""
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
        return data["logp"], data["floor"]
    except (OSError, ValueError, KeyError) as exc:
        log.warning("language check without its trigram table (%s): %s", TABLE, exc)
        return {}, None


def load() -> None:
    """Read the table now (the first check would otherwise pay for it)."""
    _table()


def ratio(text: str, lang: str) -> float | None:
    """Mean log P(trigram | lang) - log P(trigram | other), or None if too short to judge."""
    grams = trigrams(text)
    if sum(len(w) for w in _WORD.findall(text)) < MIN_LETTERS or not grams:
        return None
    logp, floor = _table()
    if floor is None:
        return None
    a, b = CODES.index(lang), CODES.index(other(lang))
    total = 0.0
    for g in grams:
        v = logp.get(g, floor)
        total += v[a] - v[b]
    return total / len(grams)


def check(text: str, lang: str) -> LanguageNote | None:
    """None if ``text`` could be in ``lang``; else a note for the user. Only the first
    10,000 characters are looked at."""
    text = text[:10_000]
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return None
    replaced = chars.count("\ufffd")
    if replaced / len(chars) > MAX_REPLACED:
        return LanguageNote(f"The input is not valid text: {replaced} bytes could not be read as UTF-8.", None,
                            "unreadable", (str(replaced),))
    letters = [c for c in chars if c.isalpha()]
    if len(letters) >= 3:
        latin = sum(1 for c in letters if _script(c) == "LATIN")
        if latin / len(letters) < MIN_LATIN:
            key = Counter(_script(c) for c in letters if _script(c) != "LATIN").most_common(1)[0][0]
            script = "Chinese or Japanese" if key == "CJK" else key.title()
            return LanguageNote(f"The input is mostly {script} script, not {name(lang)}; "
                                f"this model translates only {' and '.join(name(c) for c in CODES)}.", None,
                                "script", (key, lang))
    r = ratio(text, lang)
    if r is not None and r < -MARGIN:
        guess = other(lang)
        return LanguageNote(f"This looks like {name(guess)}, not {name(lang)}: swap the languages?", guess,
                            "swap", (guess, lang))
    return None
