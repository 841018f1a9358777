"""The answer layers of a translation, first wins: your memory, then the Ding memory (Ding's
phrases, then the example corpus's sentences: dictionary/memory.py), then the model. The GUI
worker and the CLI both translate through ``translate_many`` here.

The model translates every text anyway: its output stays as the first alternative after a
memory or dictionary answer, and it scores the answer by forced decoding for the heatmap
(``dictionary.memory.dictionary_translation``, shared with the Ding answers). Emoji and
protected spans around the words are put back as the Ding memory puts them back
(``memory.split_kept``). A text neither memory answers carries its fuzzy matches
(``Translation.similar``, fuzzy.py). A memory that cannot be read costs no translation: its
one-line reason is kept in ``YourMemory.error`` for the caller to say once."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Optional

from ..dictionary.memory import Hit, Memory, dictionary_translation, split_kept
from ..engine.result import Similar, Translation
from . import fuzzy
from .store import Entry, MemoryStore, MemoryStoreError


class YourMemory:
    """Your translation memory as an answer layer: exact answers and fuzzy matches. The
    store is opened on the first lookup. ``fuzzy`` False: exact answers only (plain-text
    output shows no suggestions); ``examples``: also look in the example corpus (when
    installed)."""

    def __init__(self, store: Optional[MemoryStore] = None, *, fuzzy: bool = True, examples: bool = True):
        self.store = store if store is not None else MemoryStore()
        self.fuzzy = fuzzy
        self.examples = examples
        self.error: Optional[str] = None  # the last failure, one line
        self._lock = threading.Lock()

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            self.error = str(exc)

    def hit(self, text: str, src_lang: str, tgt_lang: str) -> Optional[Hit]:
        """The stored answer for ``text`` as a Hit (spans put back), or None."""
        parts = split_kept(text)
        matched = text.strip() if parts is None else parts.matched
        try:
            entry: Optional[Entry] = self.store.exact(matched, src_lang, tgt_lang)
        except MemoryStoreError as exc:
            self._failed(exc)
            return None
        if entry is None:
            return None
        if parts is None or _has_spans(entry.source):
            return Hit(text.strip(), entry.target, entry.target)  # the stored pair has its own spans
        return Hit(parts.matched, entry.target, parts.put_back(entry.target))

    def similar(self, text: str, src_lang: str, tgt_lang: str) -> tuple[Similar, ...]:
        if not self.fuzzy:
            return ()
        try:
            return fuzzy.find(text, src_lang, tgt_lang, self.store, with_examples=self.examples)
        except MemoryStoreError as exc:
            self._failed(exc)
        except Exception:  # noqa: BLE001 - the examples' index failing costs no translation
            pass
        return ()


def _has_spans(text: str) -> bool:
    parts = split_kept(text)
    return parts is None or bool(parts.lead or parts.mid or parts.tail)


def answer(translator, ding: Optional[Memory], mine: Optional[YourMemory], text: str,
           result: Translation, cfg=None) -> Translation:
    """``result`` (the model's translation of ``text``) with the first layer that answers."""
    if mine is not None:
        hit = mine.hit(text, result.src_lang, result.tgt_lang)
        if hit is not None:
            try:
                return dictionary_translation(translator, result, hit, cfg, origin="memory")
            except Exception:  # noqa: BLE001 - as for Ding: a failing answer must not lose the translation
                pass
    if ding is not None:
        result = ding._answer(translator, text, result, cfg)
    if mine is not None and result.origin == "model":
        result = replace(result, similar=mine.similar(text, result.src_lang, result.tgt_lang))
    return result


def translate_many(translator, ding: Optional[Memory], mine: Optional[YourMemory], texts: list[str],
                   src_lang: str, tgt_lang: str, cfg=None, *, should_stop=None, progress=None) -> list[Translation]:
    """``translator.translate_many`` (same arguments), each text then answered by your memory
    (``mine``), else the Ding memory (``ding``: Ding, then the example corpus), else left to
    the model. None turns a layer
    off. A failure of the translation itself (Cancelled included) is raised."""
    results = translator.translate_many(texts, src_lang, tgt_lang, cfg, should_stop=should_stop,
                                        progress=progress)
    if ding is None and mine is None:
        return results
    return [answer(translator, ding, mine, text, result, cfg) for text, result in zip(texts, results)]
