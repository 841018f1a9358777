"""Exact translation memory: when the whole input is a Ding phrase or example sentence, the
dictionary's translation is the answer (origin "dictionary") and the model's own becomes the
first alternative. The model still scores the dictionary answer by forced decoding, so the
heatmap and the per-token confidence show how it aligns a translation it did not choose."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Optional

from ..engine.result import Translation
from .lookup import Dictionary, Match

MAX_WORDS = 40  # Ding's longest example sentences are shorter; longer input is never a match


def find(dictionary: Optional[Dictionary], text: str, src_lang: str) -> Optional[Match]:
    if dictionary is None or not text.strip() or len(text.split()) > MAX_WORDS or "\n" in text.strip():
        return None
    return dictionary.exact_match(text, src_lang)


def dictionary_translation(translator, model_result: Translation, match: Match, cfg=None) -> Translation:
    """``model_result`` with the dictionary's answer in front, scored by the model
    (``Translator.score``: forced decoding)."""
    scored = translator.score(model_result.source, match.translation, model_result.src_lang,
                              model_result.tgt_lang, cfg)
    answer = scored.alternatives[0]
    others = [a for a in model_result.alternatives if a.translation != match.translation]
    segment = replace(scored, alternatives=[answer, *others])
    return replace(model_result, translation=match.translation,
                   source_tokens=segment.source_tokens, target_tokens=segment.target_tokens,
                   attention=segment.attention, token_probs=segment.token_probs,
                   alternatives=[answer, *others], segments=[segment], origin="dictionary")


def translate_many(translator, memory: Optional["Memory"], texts: list[str], src_lang: str, tgt_lang: str,
                   cfg=None, *, should_stop=None, progress=None) -> list[Translation]:
    """``translator.translate_many`` (same arguments), then each text that is a Ding phrase
    or example sentence as a whole gets the dictionary's answer. ``memory`` None: the
    model's translations only. The GUI worker and the CLI both translate through here.

    A failure of the translation itself (Cancelled included) is raised; a dictionary
    failure never costs the model's translation (see Memory._answer)."""
    results = translator.translate_many(texts, src_lang, tgt_lang, cfg, should_stop=should_stop,
                                        progress=progress)
    if memory is None:
        return results
    return [memory._answer(translator, text, result, cfg) for text, result in zip(texts, results)]


class Memory:
    """The memory for the translation worker and the CLI: it uses the index once something
    else (the dictionary card, `translator-app lookup`) has built it, and never builds it
    itself, so a translation never waits for the first build (about 25 s). Looks again at
    most every ``retry_s``."""

    def __init__(self, retry_s: float = 10.0, **open_kwargs):
        self._open_kwargs = open_kwargs
        self._retry_s = retry_s
        self._dictionary: Optional[Dictionary] = None
        self._next_try = 0.0

    def dictionary(self) -> Optional[Dictionary]:
        if self._dictionary is None and time.monotonic() >= self._next_try:
            from .lookup import DictionaryError

            try:
                self._dictionary = Dictionary.open(build=False, **self._open_kwargs)
            except DictionaryError:
                self._next_try = time.monotonic() + self._retry_s
        return self._dictionary

    def _answer(self, translator, text: str, result: Translation, cfg=None) -> Translation:
        """``result`` (the model's translation of ``text``), or the dictionary's answer when
        the whole text is a Ding phrase. A dictionary failure never costs the model's
        translation: the index is dropped and looked for again after ``retry_s``."""
        try:
            match = find(self.dictionary(), text, result.src_lang)
            return result if match is None else dictionary_translation(translator, result, match, cfg)
        except Exception:  # noqa: BLE001 - a damaged index must not lose the translation
            self._dictionary = None
            self._next_try = time.monotonic() + self._retry_s
            return result

    def close(self) -> None:
        if self._dictionary is not None:
            self._dictionary.close()
            self._dictionary = None
