"""Exact translation memory: when the whole input is a Ding phrase or example sentence, the
dictionary's translation is the answer (origin "dictionary"), else when it is a sentence of
the example corpus (Tatoeba, game dialogue: examples.py), that pair's human translation
(origin "example", ``Translation.credit`` naming its source and licence); the model's own
becomes the first alternative. The model still scores the dictionary answer by forced decoding, so the
heatmap and the per-token confidence show how it aligns a translation it did not choose.

The Ding answers come from the phrase table (phrases.py), shipped prebuilt and read on the
first lookup, never from the SQLite index: whether `lookup` or the window's card has built the
index changes nothing. The example corpus is asked only once its index is built
(examples.BUILT, as for the similar sentences of tm/fuzzy.py). Emoji and protected spans (engine/spans.py: URLs, tags, placeholders...)
before the first word, after the last one, or between it and the end punctuation ("Ich liebe
dich❤️!") are left out of the match and put back into the answer exactly, with the input's
spacing (Ding's "Love you❤️!"); an input with one among its words is left to the model,
which places it by attention."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from ..engine import spans
from ..engine.copying import is_emoji_char
from ..engine.result import Alternative, Credit, Translation
from . import clauses, ding, examples, phrases

MAX_WORDS = 40  # Ding's longest example sentences are shorter; longer input is never a match
_END = ".!?…"


@dataclass(frozen=True)
class Hit:
    """A memory answer: ``matched`` is the input as looked up and scored (kept spans out),
    ``plain`` the dictionary's translation, ``translation`` it with the spans put back."""

    matched: str
    plain: str
    translation: str
    credit: Optional[Credit] = None  # an example corpus's pair: its source

    @property
    def kept(self) -> bool:
        """Whether spans were left out of the match (and put back)."""
        return self.translation != self.plain


@dataclass(frozen=True)
class _Parts:
    lead: str      # kept spans (and spaces) before the first word
    matched: str   # the words and the end punctuation
    mid: str       # kept spans between the last word and the end punctuation: "dich❤️!"
    tail: str      # kept spans after the end punctuation

    def put_back(self, answer: str) -> str:
        if self.mid:
            body = answer.rstrip(_END)
            answer = body + self.mid + answer[len(body):]
        return self.lead + answer + self.tail


def split_kept(text: str) -> Optional[_Parts]:
    """``text`` cut around its emoji and protected spans; None when one is among its words
    (or there are no words). Without any, ``matched`` is the stripped text."""
    kept = [is_emoji_char(ch) for ch in text]
    for start, end, _ in spans.find(text):
        kept[start:end] = [True] * (end - start)
    if not any(kept):
        return _Parts("", text.strip(), "", "")
    free = [i for i, ch in enumerate(text) if not kept[i] and not ch.isspace()]
    words = [i for i in free if text[i] not in _END]
    if not words or any(kept[words[0]:words[-1] + 1]):
        return None
    first, last = words[0], words[-1] + 1
    rest = text[last:]
    ends = [i for i in free if i >= last]       # only end punctuation is left after the words
    if ends:
        p0, p1 = ends[0] - last, ends[-1] - last + 1
        if any(kept[last + p0:last + p1]):
            return None                          # a span inside "!!": too odd to place
        mid, punct, tail = rest[:p0], rest[p0:p1], rest[p1:]
    else:
        mid, punct, tail = "", "", rest
    mid = mid if any(kept[last:last + len(mid)]) else ""
    return _Parts(text[:first].lstrip(), text[first:last] + punct.replace(" ", ""), mid, tail.rstrip())


def _looked_up(answer, text: str) -> Optional[Hit]:
    """``answer(matched)`` -> (translation, credit) or None, asked for ``text`` without its
    kept spans; None for what is no phrase or sentence (empty, over MAX_WORDS, several lines)."""
    if not text.strip() or len(text.split()) > MAX_WORDS or "\n" in text.strip():
        return None
    parts = split_kept(text)
    found = None if parts is None else answer(parts.matched)
    return None if found is None else Hit(parts.matched, found[0], parts.put_back(found[0]), found[1])


def find(table: Optional[phrases.PhraseTable], text: str, src_lang: str) -> Optional[Hit]:
    """The phrase table's answer for ``text`` as a whole, else clause by clause (clauses.py)."""
    if table is None:
        return None
    return _looked_up(lambda matched: _plain(table.answer(matched, src_lang)
                                             or clauses.compose(matched, src_lang, table.answer)), text)


def _plain(translation: Optional[str]):
    return None if translation is None else (translation, None)


def find_example(index: Optional[examples.Examples], text: str, src_lang: str) -> Optional[Hit]:
    """The example corpus's pair that is ``text`` as a whole (two folded words or more, as
    for Ding: a single word is the card's), its translation credited to its source."""
    def answer(matched: str):
        if len(ding.fold(matched).split()) < 2:
            return None
        ex = index.exact(matched, src_lang)
        if ex is None:
            return None
        source = index.sources.get(ex.source)
        return ex.text("en" if src_lang == "de" else "de"), Credit(ex.source, ex.source_name,
                                                                   source.licence if source else "")
    return None if index is None else _looked_up(answer, text)


def dictionary_translation(translator, model_result: Translation, hit: Hit, cfg=None,
                           origin: str = "dictionary") -> Translation:
    """``model_result`` with the dictionary's answer in front, scored by the model
    (``Translator.score``: forced decoding) on the text without the kept spans, as the
    model reads it for its own translation. Your memory's answers (tm/answer.py) are built
    here too, with ``origin`` "memory"."""
    kept = hit.kept
    scored = translator.score(hit.matched if kept else model_result.source, hit.plain, model_result.src_lang,
                              model_result.tgt_lang, cfg)
    answer = Alternative(hit.translation, scored.alternatives[0].score)
    others = [a for a in model_result.alternatives if a.translation != hit.translation]
    segment = replace(scored, translation=hit.translation, alternatives=[answer, *others],
                      source=model_result.source if kept else scored.source)
    return replace(model_result, translation=hit.translation,
                   source_tokens=segment.source_tokens, target_tokens=segment.target_tokens,
                   attention=segment.attention, token_probs=segment.token_probs,
                   alternatives=[answer, *others], segments=[segment], origin=origin, credit=hit.credit)


def translate_many(translator, memory: Optional["Memory"], texts: list[str], src_lang: str, tgt_lang: str,
                   cfg=None, *, should_stop=None, progress=None) -> list[Translation]:
    """``translator.translate_many`` (same arguments), then each text that is a Ding phrase
    or example sentence as a whole gets the dictionary's answer (else an example corpus
    sentence its pair's translation: Memory._answer). ``memory`` None: the
    model's translations only. The GUI worker and the CLI both translate through here.

    A failure of the translation itself (Cancelled included) is raised; a dictionary
    failure never costs the model's translation (see Memory._answer)."""
    results = translator.translate_many(texts, src_lang, tgt_lang, cfg, should_stop=should_stop,
                                        progress=progress)
    if memory is None:
        return results
    return [memory._answer(translator, text, result, cfg) for text, result in zip(texts, results)]


class Memory:
    """The memory for the translation worker and the CLI. The phrase table is read on the
    first lookup (phrases.for_data: the shipped one, or one built in memory from other Ding
    data); without the data the memory answers nothing, every time. ``with_examples``: answer
    from the example corpus after Ding, from ``example_index`` (default: examples.BUILT, used
    once built)."""

    def __init__(self, source: Optional[Path] = None, hash_files: Optional[list[Path]] = None,
                 table: Optional[Path] = None, *, with_examples: bool = True,
                 example_index: Optional[examples.BuiltIndex] = None):
        self._args = (source, hash_files, table)
        self.with_examples = with_examples
        self._example_index = example_index
        self._lock = threading.Lock()
        self._table: Optional[phrases.PhraseTable] = None
        self._loaded = False
        self.error: Optional[str] = None  # why there is no table

    def table(self) -> Optional[phrases.PhraseTable]:
        with self._lock:
            if not self._loaded:
                self._loaded = True
                try:
                    self._table = phrases.for_data(*self._args)
                except (OSError, ValueError, phrases.PhraseTableError) as exc:
                    self.error = str(exc)
            return self._table

    def lookup(self, text: str, src_lang: str) -> Optional[Hit]:
        if not text.strip() or len(text.split()) > MAX_WORDS:
            return None  # not a phrase whatever the table says: the table is not read
        try:
            return find(self.table(), text, src_lang)
        except phrases.PhraseTableError:  # a side of the file is damaged: the same table, from the data
            with self._lock:
                self._table = phrases.for_data(*self._args[:2], read=False)
            return find(self._table, text, src_lang)

    def lookup_example(self, text: str, src_lang: str) -> Optional[Hit]:
        """The example corpus's answer (find_example), once its index is built; else None."""
        if not self.with_examples:
            return None
        return find_example((self._example_index or examples.BUILT).get(), text, src_lang)

    def examples_ready(self) -> bool:
        """Whether the example corpus can answer (its index is built), or is not asked."""
        return not self.with_examples or (self._example_index or examples.BUILT).get() is not None

    def _answer(self, translator, text: str, result: Translation, cfg=None) -> Translation:
        """``result`` (the model's translation of ``text``), or the dictionary's answer when
        the whole text is a Ding phrase, else the example corpus's when it is one of its
        sentences. A failure here never costs the model's translation."""
        for origin, look in (("dictionary", self.lookup), ("example", self.lookup_example)):
            try:
                hit = look(text, result.src_lang)
                if hit is not None:
                    return dictionary_translation(translator, result, hit, cfg, origin=origin)
            except Exception:  # noqa: BLE001 - a failing answer must not lose the translation
                pass
        return result

    def close(self) -> None:
        with self._lock:
            self._table = None
            self._loaded = False
