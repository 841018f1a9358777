"""The Translator facade: the only door from the GUI and the CLI into torch.

    t = Translator.load()                      # the bundled model, device="auto"
    result = t.translate("Guten Morgen.", src_lang="de", tgt_lang="en", beam=5, n_best=3)
"""

from __future__ import annotations

import logging
import os
import re
import time
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Optional

from .result import Alternative, Cancelled, Segment, Translation, empty_translation
from .tokenizer import EOS, Tokenizer, clean_text

log = logging.getLogger(__name__)

MAX_SOURCE_PIECES = 120       # longer sentences are cut into chunks of about this many pieces
BATCH_SOURCE_PIECES = 3000    # source pieces per decoding batch (times the beam width)
CACHE_SIZE = 512
MAX_DENSE_CELLS = 1_000_000  # whole-text attention matrix (rows x columns)

# A sentence ends at . ! ? or … followed by space and an upper-case letter, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'»«“”)]*)(\s+)(?=[\"'„“«(\[]?[A-ZÄÖÜ0-9])")
_ABBREVIATIONS = {"z.b.", "d.h.", "u.a.", "bzw.", "ca.", "usw.", "etc.", "e.g.", "i.e.", "dr.",
                  "mr.", "mrs.", "prof.", "nr.", "no.", "vs.", "st.", "hr.", "fr.", "vgl.", "s."}


def split_sentences(text: str) -> list[tuple[str, str]]:
    """Split text into (sentence, separator) pairs; joining them gives back the text.

    Line breaks always split, so paragraphs and line breaks survive reassembly.
    """
    parts: list[tuple[str, str]] = []
    for line_match in re.finditer(r"([^\n]*)(\n*)", text):
        line, newlines = line_match.group(1), line_match.group(2)
        if not line and not newlines:
            continue
        start = 0
        pieces = []
        for m in _SENTENCE_END.finditer(line):
            end = m.start(2)
            candidate = line[start:end]
            last_word = candidate.split()[-1].lower() if candidate.split() else ""
            if last_word in _ABBREVIATIONS or re.fullmatch(r"\d+\.", last_word):
                continue
            pieces.append((candidate, m.group(2)))
            start = m.end(2)
        pieces.append((line[start:], newlines))
        parts.extend(pieces)
    return parts


class Translator:
    """Loads a bundle onto a device and translates text with it. No Qt here."""

    def __init__(self, model, tokenizer: Tokenizer, bundle, device: str, warnings: list[str]):
        self.model = model
        self.tokenizer = tokenizer
        self.bundle = bundle
        self.device = device
        self.warnings = list(warnings)
        self._cache: OrderedDict = OrderedDict()
        self.copy_protected = True  # names and numbers: see copying.py
        self.length_penalty = 1.0   # beam score = logp / length**alpha; other values measured in models/README.md

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, device: str = "auto",
             threads: int | None = None, quantize: bool | None = None) -> "Translator":
        """Load a bundle (default: the bundled model) on ``device`` ("auto", "cpu", "cuda", "mps").

        ``quantize``: int8 dynamic quantisation on the CPU. None (the default) means yes unless
        the environment sets TRANSLATOR_INT8=0; `translator-app bench` measured its chrF change
        on the dev set within the 0.5 allowed (see README, Performance).

        Raises CheckpointError for a missing or broken bundle. A device that fails falls
        back to the CPU, and the reason is kept in ``warnings``.
        """
        import torch

        from ..device import resolve_device
        from ..paths import default_model_path
        from .checkpoint import apply_state, load_bundle
        from .model import build_model

        if threads:
            torch.set_num_threads(threads)
        bundle = load_bundle(path if path is not None else default_model_path())
        model = build_model(bundle.config)
        apply_state(model, bundle)
        bundle.state_dict = {}  # the model holds the weights now
        model.eval()
        tokenizer = Tokenizer(bundle.spm_proto)
        if tokenizer.vocab_size != bundle.config.vocab_size:
            from .checkpoint import CheckpointError

            raise CheckpointError(
                f"vocabulary mismatch in {bundle.path}: tokenizer has {tokenizer.vocab_size} pieces, "
                f"the model {bundle.config.vocab_size}")
        dev, warnings = resolve_device(device)
        if dev != "cpu":
            try:
                model.to(dev)
            except Exception as exc:  # no driver, out of memory, ...
                warnings.append(f"Could not use {dev} ({exc.__class__.__name__}: {exc}); using the CPU instead.")
                model.to("cpu")
                dev = "cpu"
        if quantize is None:
            quantize = os.environ.get("TRANSLATOR_INT8", "1").strip().lower() not in ("0", "no", "false", "off")
        if quantize and dev == "cpu":
            model = quantize_dynamic(model, output_layer=True)
        for w in warnings:
            log.warning(w)
        return cls(model, tokenizer, bundle, dev, warnings)

    @property
    def model_name(self) -> str:
        return self.bundle.name

    @property
    def card(self) -> str:
        return self.bundle.card

    # -- translating ---------------------------------------------------------------------
    def translate(self, text: str, src_lang: str = "de", tgt_lang: str = "en", beam: int = 5,
                  n_best: int = 1, should_stop: Optional[Callable[[], bool]] = None,
                  progress: Optional[Callable[[int, int], None]] = None) -> Translation:
        """Translate ``text`` (any length; sentences are batched). Raises Cancelled if
        ``should_stop()`` turns true; ``progress(done, total)`` reports sentences done."""
        return self.translate_many([text], src_lang, tgt_lang, beam, n_best, should_stop, progress)[0]

    def translate_many(self, texts: list[str], src_lang: str = "de", tgt_lang: str = "en",
                       beam: int = 5, n_best: int = 1,
                       should_stop: Optional[Callable[[], bool]] = None,
                       progress: Optional[Callable[[int, int], None]] = None) -> list[Translation]:
        """Translate several texts at once; all their sentences share the decoding batches."""
        self._check_pair(src_lang, tgt_lang)
        self._src_lang = src_lang
        beam = max(1, int(beam))
        n_best = max(1, min(int(n_best), beam))
        start = time.perf_counter()
        layouts = []
        todo: dict[str, None] = {}
        # Cache hits are taken out now: storing the new results below may evict them.
        done: dict[str, Segment] = {}
        for text in texts:
            parts = []
            for sentence, sep in split_sentences(text or ""):
                chunks = self._chunks(clean_text(sentence))
                parts.append((chunks, sep))
                for chunk in chunks:
                    key = self._key(chunk, src_lang, tgt_lang, beam, n_best)
                    if key in self._cache:
                        self._cache.move_to_end(key)  # used again: least recently used goes first
                        done[chunk] = self._cache[key]
                    elif chunk not in done:
                        todo[chunk] = None
            layouts.append(parts)
        decoded = self._decode_all(list(todo), tgt_lang, beam, n_best, should_stop, progress)
        for chunk, seg in decoded.items():
            self._remember(self._key(chunk, src_lang, tgt_lang, beam, n_best), seg)
        done.update(decoded)
        results = []
        elapsed_ms = (time.perf_counter() - start) * 1000
        for text, parts in zip(texts, layouts):
            segments = []
            for chunks, sep in parts:
                chunk_segs = [done[c] for c in chunks]
                segments.extend(_with_separators(chunk_segs, sep))
            results.append(self._assemble(text or "", segments, src_lang, tgt_lang, elapsed_ms))
        return results

    def _key(self, chunk: str, src_lang: str, tgt_lang: str, beam: int, n_best: int) -> tuple:
        """Cache key: everything that changes a chunk's translation."""
        return (chunk, src_lang, tgt_lang, beam, n_best, self.length_penalty, self.copy_protected)

    def _check_pair(self, src_lang: str, tgt_lang: str) -> None:
        langs = set(self.bundle.languages)
        if src_lang not in langs or tgt_lang not in langs or src_lang == tgt_lang:
            raise ValueError(f"unsupported language pair {src_lang}->{tgt_lang}; this model knows "
                             f"{' and '.join(f'{a}->{b}' for a, b in self.bundle.meta.get('directions', []))}")

    def _chunks(self, sentence: str) -> list[str]:
        """Cut an over-long sentence into word chunks of at most about MAX_SOURCE_PIECES pieces."""
        if not sentence:
            return []
        if len(self.tokenizer.encode(sentence)) <= MAX_SOURCE_PIECES:
            return [sentence]
        chunks, current, size = [], [], 0
        for word in sentence.split(" "):
            n = len(self.tokenizer.encode(word))
            if current and size + n > MAX_SOURCE_PIECES:
                chunks.append(" ".join(current))
                current, size = [], 0
            if n > MAX_SOURCE_PIECES:  # one giant "word" (e.g. a URL or base64): cut by characters
                step = max(1, len(word) * MAX_SOURCE_PIECES // n)
                chunks.extend(word[i:i + step] for i in range(0, len(word), step))
                continue
            current.append(word)
            size += n
        if current:
            chunks.append(" ".join(current))
        return chunks

    def _decode_all(self, sentences, tgt_lang, beam, n_best, should_stop, progress) -> dict[str, Segment]:
        import torch

        from . import search

        if not sentences:
            return {}
        out: dict[str, Segment] = {}
        encoded = []
        for s in sentences:
            model_input = self._model_input(s)
            if model_input:
                encoded.append((s, self.tokenizer.encode_source(model_input, tgt_lang)))
            else:  # nothing but emoji: they are their own translation
                out[s] = Segment(s, s.strip(), [], [], [], [], [Alternative(s.strip(), 0.0)])
        encoded.sort(key=lambda item: len(item[1]))
        batches, current, longest = [], [], 0
        for item in encoded:
            longest = max(longest, len(item[1]))
            if current and longest * (len(current) + 1) * beam > BATCH_SOURCE_PIECES * 5:
                batches.append(current)
                current, longest = [], len(item[1])
            current.append(item)
        if current:
            batches.append(current)
        total, finished = len(encoded), 0
        for batch in batches:
            ids = [ids for _, ids in batch]
            src = torch.zeros((len(ids), max(map(len, ids))), dtype=torch.long)
            for i, row in enumerate(ids):
                src[i, :len(row)] = torch.tensor(row)
            lens = torch.tensor([len(r) for r in ids])
            hyp_lists = self._run_search(search, src, lens, beam, n_best, should_stop)
            for (sentence, src_ids), hyps in zip(batch, hyp_lists):
                out[sentence] = self._segment(sentence, src_ids, hyps)
            finished += len(batch)
            if progress is not None:
                progress(finished, total)
        return out

    def _run_search(self, search, src, lens, beam, n_best, should_stop):
        try:
            return self._search_on_device(search, src, lens, beam, n_best, should_stop)
        except Cancelled:
            raise
        except RuntimeError as exc:
            if self.device == "cpu":
                raise
            self.warnings.append(f"Decoding on {self.device} failed ({exc}); switched to the CPU.")
            log.warning(self.warnings[-1])
            self.model.to("cpu")
            self.device = "cpu"
            return self._search_on_device(search, src, lens, beam, n_best, should_stop)

    def _search_on_device(self, search, src, lens, beam, n_best, should_stop):
        src = src.to(self.device)
        if beam == 1:
            return [[h] for h in search.greedy(self.model, src, lens, length_penalty=self.length_penalty,
                                               should_stop=should_stop)]
        return search.beam_search(self.model, src, lens, beam=beam, n_best=n_best,
                                  length_penalty=self.length_penalty, should_stop=should_stop)

    def _segment(self, sentence: str, src_ids: list[int], hyps) -> Segment:
        # Column 0 is the target-language tag: not a source word, so drop it and renormalise.
        source_tokens = self.tokenizer.pieces(src_ids[1:-1]) + ["</s>"]
        if not hyps:
            return Segment(sentence, "", source_tokens, [], [], [], [])
        best = hyps[0]
        attention = []
        for row in best.attention:
            row = row[1:]
            total = sum(row) or 1.0
            attention.append([w / total for w in row])
        target_tokens = self.tokenizer.pieces(best.ids)
        from .copying import split_emoji

        plain, emoji_runs = split_emoji(sentence)  # once per sentence, not per hypothesis
        texts = [self._text(plain, emoji_runs, source_tokens[:-1], h) for h in hyps]
        translation = texts[0]
        return Segment(
            source=sentence,
            translation=translation,
            source_tokens=source_tokens,
            target_tokens=target_tokens,
            attention=attention,
            token_probs=best.probs,
            alternatives=[Alternative(text, round(h.score, 4)) for text, h in zip(texts, hyps)],
        )

    def _model_input(self, sentence: str) -> str:
        """What the model reads: the sentence without its emoji (copying.split_emoji)."""
        from .copying import split_emoji

        return split_emoji(sentence)[0] if self.copy_protected else sentence

    def _text(self, plain: str, runs, source_pieces: list[str], hyp) -> str:
        """The detokenised hypothesis, post-edited (copying.py): protected words of the
        emoji-free source ``plain`` that the model garbled are copied in, and the emoji
        ``runs`` it never saw are put back."""
        from .copying import attention_mass, copy_protected, group_words, place_emoji

        if not self.copy_protected:
            return self.tokenizer.decode(hyp.ids)
        attention = [row[1:] for row in hyp.attention]  # drop the language-tag column
        src_groups = group_words(source_pieces)
        tgt_groups = group_words(self.tokenizer.pieces(hyp.ids))
        target_words = [self.tokenizer.decode([hyp.ids[i] for i in g]) for g in tgt_groups]
        source_words = plain.split(" ")
        words, replaced = copy_protected(source_words, src_groups, target_words, tgt_groups,
                                         attention, self._src_lang)
        if not replaced and not runs:
            return self.tokenizer.decode(hyp.ids)

        groups_match = len(source_words) == len(src_groups) and len(words) == len(tgt_groups) and words

        def aligned(i: int) -> int:
            if not groups_match:
                return -1
            mass = [m if words[j].strip() else -1.0
                    for j, m in enumerate(attention_mass(attention, tgt_groups, src_groups[i]))]
            return max(range(len(mass)), key=mass.__getitem__)

        return place_emoji(words, runs, aligned)

    def _remember(self, key, segment: Segment) -> None:
        self._cache[key] = segment
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _assemble(self, text: str, segments: list[Segment], src_lang, tgt_lang, ms) -> Translation:
        if not any(s.source for s in segments):
            result = empty_translation(text, src_lang, tgt_lang, self.device)
            result.ms = ms
            result.warnings = list(self.warnings)
            return result
        translation = "".join(s.translation + s.separator for s in segments)
        # The whole-text matrix is block-diagonal, so its size grows with the square of the
        # text: past MAX_DENSE_CELLS it covers only the leading sentences (all are in segments).
        shown = _segments_within_budget(segments, MAX_DENSE_CELLS)
        warnings = list(self.warnings)
        real = [s for s in segments if s.source]
        if len([s for s in shown if s.source]) < len(real):
            warnings.append(f"The attention matrix covers the first {len([s for s in shown if s.source])} of "
                            f"{len(real)} sentences; every sentence has its own in segments.")
        src_tokens, tgt_tokens, probs, rows = [], [], [], []
        width = sum(len(s.source_tokens) for s in shown)
        offset = 0
        for s in shown:
            for row in s.attention:
                rows.append([0.0] * offset + row + [0.0] * (width - offset - len(row)))
            src_tokens.extend(s.source_tokens)
            tgt_tokens.extend(s.target_tokens)
            probs.extend(s.token_probs)
            offset += len(s.source_tokens)
        if len(segments) == 1:
            alternatives = segments[0].alternatives
        else:
            alternatives = [Alternative(translation, sum(s.alternatives[0].score for s in segments if s.alternatives))]
        return Translation(
            source=text, translation=translation, source_tokens=src_tokens, target_tokens=tgt_tokens,
            attention=rows, token_probs=probs, alternatives=alternatives, segments=segments,
            src_lang=src_lang, tgt_lang=tgt_lang, device=self.device, ms=ms, warnings=warnings,
        )


def _segments_within_budget(segments: list[Segment], max_cells: int) -> list[Segment]:
    rows = cols = 0
    kept = []
    for seg in segments:
        rows += len(seg.target_tokens)
        cols += len(seg.source_tokens)
        if kept and rows * cols > max_cells:
            break
        kept.append(seg)
    return kept


def _with_separators(chunk_segments: list[Segment], sep: str) -> list[Segment]:
    """Copies of the cached segments, with the input's separators (chunks join with a space)."""
    from dataclasses import replace

    out = []
    for i, seg in enumerate(chunk_segments):
        out.append(replace(seg, separator=sep if i == len(chunk_segments) - 1 else " "))
    if not chunk_segments and sep:
        out.append(Segment("", "", [], [], [], [], [], separator=sep))
    return out


def quantize_dynamic(model, output_layer: bool = False):
    """int8 dynamic quantisation of the Linear and GRU layers (CPU only).

    With ``output_layer`` the tied vocabulary projection (``F.linear`` with the embedding table,
    which torch's quantize_dynamic cannot see) is quantised too, from an int8 copy of the table;
    the embedding lookups keep the float table.
    """
    import torch
    from torch import nn

    # torch 2.x marks torch.ao.quantization as deprecated; it is still the API that does this job,
    # and the warnings would otherwise land in every CLI run's stderr.
    warnings.filterwarnings("ignore", message=r".*quantize_per_tensor.*")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        qmodel = torch.ao.quantization.quantize_dynamic(model, {nn.Linear, nn.GRU, nn.GRUCell}, dtype=torch.qint8)
        decoder = getattr(qmodel, "decoder", None)
        if output_layer and decoder is not None and getattr(decoder, "tie_output", False):
            emb = decoder.embedding
            proj = nn.Linear(emb.embedding_dim, emb.num_embeddings)
            with torch.no_grad():
                proj.weight.copy_(emb.weight)
                proj.bias.copy_(decoder.out_bias)
            decoder.output_int8 = torch.ao.quantization.quantize_dynamic(
                nn.Sequential(proj), {nn.Linear}, dtype=torch.qint8)[0]
            decoder.project = decoder.output_int8.forward  # shadows Decoder.project on this instance
    return qmodel
