"""Exact translation memory: when the whole input is a Ding phrase or example sentence, the
dictionary's translation is the answer (origin "dictionary") and the model's own becomes the
first alternative. The model still scores the dictionary answer by forced decoding, so the
heatmap and the per-token confidence show how it aligns a translation it did not choose."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Optional

from ..engine.result import Alternative, Segment, Translation
from .lookup import Dictionary, Match

MAX_WORDS = 40  # Ding's longest example sentences are shorter; longer input is never a match


def find(dictionary: Optional[Dictionary], text: str, src_lang: str) -> Optional[Match]:
    if dictionary is None or not text.strip() or len(text.split()) > MAX_WORDS or "\n" in text.strip():
        return None
    return dictionary.exact_match(text, src_lang)


def dictionary_translation(translator, model_result: Translation, match: Match) -> Translation:
    """``model_result`` with the dictionary's answer in front, scored by forced decoding."""
    from ..engine.forced import forced_score
    from ..engine.tokenizer import clean_text

    source = clean_text(model_result.source)
    forced = forced_score(translator.model, translator.tokenizer, source, match.translation,
                          model_result.tgt_lang, translator.device, translator.length_penalty)
    answer = Alternative(match.translation, round(forced.score, 4))
    others = [a for a in model_result.alternatives if a.translation != match.translation]
    segment = Segment(source=source, translation=match.translation,
                      source_tokens=forced.source_tokens, target_tokens=forced.target_tokens,
                      attention=forced.attention, token_probs=forced.token_probs,
                      alternatives=[answer, *others])
    return replace(model_result, translation=match.translation,
                   source_tokens=forced.source_tokens, target_tokens=forced.target_tokens,
                   attention=forced.attention, token_probs=forced.token_probs,
                   alternatives=[answer, *others], segments=[segment], origin="dictionary")


def translate(translator, dictionary: Optional[Dictionary], text: str, src_lang: str, tgt_lang: str,
              cfg=None, **kwargs) -> Translation:
    """Translator.translate, with an exact Ding match (if any) as the main answer."""
    result = translator.translate(text, src_lang, tgt_lang, cfg, **kwargs)
    match = find(dictionary, text, src_lang)
    if match is None:
        return result
    return dictionary_translation(translator, result, match)


def apply_many(translator, dictionary: Optional[Dictionary], texts: list[str], results: list[Translation],
               src_lang: str) -> list[Translation]:
    """Post-process Translator.translate_many's results (for the CLI's blocks of lines)."""
    out = []
    for text, result in zip(texts, results):
        match = find(dictionary, text, src_lang)
        out.append(result if match is None else dictionary_translation(translator, result, match))
    return out


class Memory:
    """The memory for a translation worker: it uses the index once something else (the
    dictionary card, `translator-app lookup`) has built it, and never builds it itself, so a
    translation never waits for the first build. Looks again at most every ``retry_s``."""

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

    def apply(self, translator, text: str, src_lang: str, result: Translation) -> Translation:
        """``result``, or the dictionary's answer when the whole text is a Ding phrase.
        A dictionary failure never costs the model's translation."""
        try:
            match = find(self.dictionary(), text, src_lang)
            return result if match is None else dictionary_translation(translator, result, match)
        except Exception:  # noqa: BLE001 - a damaged index must not lose the translation
            self._dictionary = None
            self._next_try = time.monotonic() + self._retry_s
            return result

    def close(self) -> None:
        if self._dictionary is not None:
            self._dictionary.close()
            self._dictionary = None
