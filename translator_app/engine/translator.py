"""The Translator facade: the only door from the GUI and the CLI into torch.

    t = Translator.load()                      # the bundled model, device="auto"
    result = t.translate("Guten Morgen.", "de", "en", DecodeConfig(beam=5, n_best=3))
    segment = t.score("Guten Morgen.", "Good morning.", "de", "en")   # a given translation

Decoding options travel only in a DecodeConfig (``cfg``; default ``t.config``): to change one,
pass ``dataclasses.replace(cfg, beam=...)``. ``score`` is the only way to have the model
score a translation it did not choose (the dictionary memory uses it).
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Optional

from . import assemble, confidence, copied, coverage, langid, repair, spans
from .config import DecodeConfig
from .result import Alternative, Cancelled, Segment, Translation
from .segment import chunk, split_sentences
from .tokenizer import Tokenizer, clean_text

log = logging.getLogger(__name__)

MAX_SOURCE_PIECES = 120       # longer sentences are cut into chunks of about this many pieces
BATCH_SOURCE_PIECES = 3000    # source pieces per decoding batch (times the beam width)
CACHE_SIZE = 512

StopFlag = Optional[Callable[[], bool]]
Progress = Optional[Callable[[int, int], None]]


@dataclass(frozen=True)
class CacheInfo:
    """What the chunk cache holds: for bench and tests, instead of reaching into it."""

    size: int
    capacity: int
    hits: int
    misses: int


def _default_or(path, load_bundle, error) -> tuple:
    """(the bundle at ``path``; or, for None, the personal model where one is valid, else the
    bundled one; notes for the user). A personal model that fails to load is set aside."""
    from . import personal

    if path is not None:
        return load_bundle(path), []
    choice = personal.choose()
    notes = [choice.note] if choice.note else []
    try:
        return load_bundle(choice.path), notes
    except error as exc:
        if choice.personal is None:
            raise
        notes.append(personal.set_aside(choice.path, f"could not be loaded ({exc})"))
        return load_bundle(choice.base), notes


class Translator:
    """Loads a bundle onto a device and translates text with it. No Qt here."""

    def __init__(self, model, tokenizer: Tokenizer, bundle, device: str, warnings: list[str],
                 config: DecodeConfig | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.bundle = bundle
        self.device = device
        self.warnings = list(warnings)
        self.config = (config or DecodeConfig()).validated()  # used when translate() gets none
        self._cache: OrderedDict = OrderedDict()
        self._hits = self._misses = 0
        # the dictionary's word translations (copied.Glossary), set by the app and the CLI:
        # words the output copies though they translate otherwise are avoided or warned
        self.glossary = None

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, device: str = "auto", threads: int | None = None,
             quantize: bool | None = None, warm_up: bool = True) -> "Translator":
        """Load a bundle (default: the bundled model) on ``device`` ("auto", "cpu", "cuda", "mps").

        ``threads``: torch CPU threads (default: device.cpu_threads(), one unless
        $TRANSLATOR_THREADS says otherwise). ``warm_up`` translates one short sentence, so
        the user's first one does not pay for the first-call setup.

        ``quantize``: int8 dynamic quantisation on the CPU. None (the default) means yes unless
        the environment sets TRANSLATOR_INT8=0; `translator-app bench` measured its chrF change
        on the dev set within the 0.5 allowed (see README, Performance).

        Raises CheckpointError for a missing or broken bundle. A device that fails falls
        back to the CPU, and the reason is kept in ``warnings``.
        """
        import torch

        from ..device import cpu_threads, resolve_device
        from .checkpoint import CheckpointError, apply_state, load_bundle
        from .model import build_model
        from .quantize import quantize_dynamic

        torch.set_num_threads(cpu_threads(threads))
        bundle, notes = _default_or(path, load_bundle, CheckpointError)
        model = build_model(bundle.config)
        apply_state(model, bundle)
        bundle.state_dict = {}  # the model holds the weights now
        model.eval()
        tokenizer = Tokenizer(bundle.spm_proto)
        if tokenizer.vocab_size != bundle.config.vocab_size:
            raise CheckpointError(
                f"vocabulary mismatch in {bundle.path}: tokenizer has {tokenizer.vocab_size} pieces, "
                f"the model {bundle.config.vocab_size}")
        dev, warnings = resolve_device(device)
        warnings = notes + warnings
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
        translator = cls(model, tokenizer, bundle, dev, warnings)
        if warm_up:
            translator.warm_up()
        return translator

    def warm_up(self) -> None:
        """One short translation and the language table: the first request after loading
        took 100-230 ms without it, 25 ms after it (measured in the README)."""
        langid.load()
        lang = self.bundle.languages[0] if self.bundle.languages else "de"
        others = [l for l in self.bundle.languages if l != lang]
        if others:
            self.translate("Guten Morgen.", lang, others[0], self.config.with_(beam=2, n_best=1))
        self.clear_cache()

    @property
    def model_name(self) -> str:
        """The bundle's name; a taught model's says so: "de-en + 40 of your corrections"."""
        from .personal import label, read_info

        info = read_info(self.bundle.path) if self.bundle.meta.get("personal") else None
        return label(info) if info is not None else self.bundle.name

    @property
    def card(self) -> str:
        return self.bundle.card

    # -- translating ---------------------------------------------------------------------
    def translate(self, text: str, src_lang: str = "de", tgt_lang: str = "en",
                  cfg: DecodeConfig | None = None, *, should_stop: StopFlag = None,
                  progress: Progress = None) -> Translation:
        """Translate ``text`` (any length; sentences are batched) with ``cfg`` (default:
        ``self.config``). Raises Cancelled if ``should_stop()`` turns true; ``progress(done,
        total)`` reports sentences done."""
        return self.translate_many([text], src_lang, tgt_lang, cfg, should_stop=should_stop,
                                   progress=progress)[0]

    def translate_many(self, texts: list[str], src_lang: str = "de", tgt_lang: str = "en",
                       cfg: DecodeConfig | None = None, *, should_stop: StopFlag = None,
                       progress: Progress = None) -> list[Translation]:
        """Translate several texts at once; all their sentences share the decoding batches."""
        cfg = (cfg or self.config).validated()
        self._check_pair(src_lang, tgt_lang)
        start = time.perf_counter()
        layouts = []
        todo: dict[str, None] = {}
        # Cache hits are taken out now: storing the new results below may evict them.
        done: dict[str, Segment] = {}
        for text in texts:
            parts = []
            for sentence, sep in split_sentences(text or ""):
                chunks = self.chunks(clean_text(sentence))
                parts.append((chunks, sep))
                for c in chunks:
                    key = (c, src_lang, tgt_lang, cfg)
                    if key in self._cache:
                        self._cache.move_to_end(key)  # used again: least recently used goes first
                        done[c] = self._cache[key]
                        self._hits += 1
                    elif c not in done:
                        todo[c] = None
            layouts.append(parts)
        self._misses += len(todo)
        decoded = self._decode_all(list(todo), src_lang, tgt_lang, cfg, should_stop, progress)
        for c, seg in decoded.items():
            self._remember((c, src_lang, tgt_lang, cfg), seg)
        done.update(decoded)
        elapsed_ms = (time.perf_counter() - start) * 1000
        results = []
        for text, parts in zip(texts, layouts):
            segments = []
            for chunks, sep in parts:
                segments.extend(assemble.with_separators([done[c] for c in chunks], sep))
            result = assemble.assemble(text or "", segments, src_lang, tgt_lang, self.device,
                                       elapsed_ms, self.warnings)
            result.language_note = langid.check(text or "", src_lang)
            results.append(result)
        return results

    def score(self, source: str, translation: str, src_lang: str = "de", tgt_lang: str = "en",
              cfg: DecodeConfig | None = None) -> Segment:
        """The model's view of a given ``translation`` of ``source`` (forced decoding,
        forced.py): a Segment with the probability of each of its tokens, the attention
        while producing them (tag column handled as for the model's own translations) and
        one alternative, the translation with its score under ``cfg.length_penalty``.
        The source is cleaned as ``translate`` cleans it and read as one piece (no sentence
        split, chunking or protected spans); the translation is kept as given."""
        from .forced import forced_hypothesis

        cfg = (cfg or self.config).validated()
        self._check_pair(src_lang, tgt_lang)
        source = clean_text(source)
        src_ids = self.tokenizer.encode_source(source, tgt_lang)
        hyp = forced_hypothesis(self.model, src_ids, self.tokenizer.encode(translation), self.device,
                                cfg.length_penalty)
        segment = assemble.build_segment(self.tokenizer, assemble.Prepared(source, source), src_ids, [hyp],
                                         src_lang, copy_through=False, find_losses=False)
        return replace(segment, translation=translation, alternatives=[Alternative(translation, round(hyp.score, 4))])

    def _check_pair(self, src_lang: str, tgt_lang: str) -> None:
        langs = set(self.bundle.languages)
        if src_lang not in langs or tgt_lang not in langs or src_lang == tgt_lang:
            raise ValueError(f"unsupported language pair {src_lang}->{tgt_lang}; this model knows "
                             f"{' and '.join(f'{a}->{b}' for a, b in self.bundle.meta.get('directions', []))}")

    # -- public views of the segmentation and the cache (bench, tests) ---------------------
    def chunks(self, sentence: str) -> list[str]:
        """A cleaned sentence cut into the chunks the model decodes (most are one chunk).
        Pieces are counted as the model reads them, protected spans masked, so a long URL
        is not cut into pieces that no longer look like a URL."""
        return chunk(sentence, lambda s: len(self.tokenizer.encode(spans.mask(s).text)), MAX_SOURCE_PIECES)

    def units(self, text: str) -> list[tuple[str, str]]:
        """text -> [(unit, separator)]: the sentences and chunks that are decoded, with the
        separators that join their translations."""
        units = []
        for sentence, sep in split_sentences(text or ""):
            chunks = self.chunks(clean_text(sentence))
            units.extend((c, sep if i == len(chunks) - 1 else " ") for i, c in enumerate(chunks))
            if not chunks and sep:
                units.append(("", sep))
        return units

    def cache_info(self) -> CacheInfo:
        return CacheInfo(len(self._cache), CACHE_SIZE, self._hits, self._misses)

    def clear_cache(self) -> None:
        self._cache.clear()
        self._hits = self._misses = 0

    def _remember(self, key, segment: Segment) -> None:
        self._cache[key] = segment
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    # -- decoding --------------------------------------------------------------------------
    def _decode_all(self, chunks: list[str], src_lang: str, tgt_lang: str, cfg: DecodeConfig,
                    should_stop: StopFlag, progress: Progress) -> dict[str, Segment]:
        """chunk -> Segment, decoded in batches; where words were dropped, decoded again in
        the forms of repair.py, keeping the one that drops the fewest (cfg.repair)."""
        out = self._decode_batches(chunks, src_lang, tgt_lang, cfg, should_stop, progress)
        todo = [c for c, seg in out.items() if repair.needs_repair(seg)]
        if not (cfg.repair and cfg.copy_through and todo):
            return out
        placeholders = self._decode_batches([c for c in todo if repair.has_emoji(c)], src_lang, tgt_lang, cfg,
                                            should_stop, None, emoji_placeholders=True)
        cuts = {c: parts for c in todo if repair.is_cut(parts := repair.pieces(c))}
        texts = list(dict.fromkeys(t for parts in cuts.values() for t, translate in parts if translate))
        pieces = self._decode_batches(texts, src_lang, tgt_lang, cfg, should_stop, None)
        for c in todo:
            candidates = [out[c]] + ([placeholders[c]] if c in placeholders else [])
            if c in cuts:
                candidates.append(repair.join(c, cuts[c], pieces, src_lang))
            out[c] = repair.best(candidates)
        return out

    def _decode_batches(self, chunks: list[str], src_lang: str, tgt_lang: str, cfg: DecodeConfig,
                        should_stop: StopFlag, progress: Progress, emoji_placeholders: bool = False,
                        ) -> dict[str, Segment]:
        import torch

        if not chunks:
            return {}
        out: dict[str, Segment] = {}
        encoded = []
        count = (lambda w: len(self.tokenizer.encode(w))) if cfg.repair else None
        for c in chunks:
            prep = assemble.prepare(c, cfg.copy_through, count, emoji_placeholders)
            if prep.model_input:
                encoded.append((prep, self.tokenizer.encode_source(prep.model_input, tgt_lang)))
            else:
                out[c] = assemble.only_kept(prep)
        encoded.sort(key=lambda item: len(item[1]))
        batches, current, longest = [], [], 0
        for item in encoded:
            longest = max(longest, len(item[1]))
            if current and longest * (len(current) + 1) * cfg.beam > BATCH_SOURCE_PIECES * 5:
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
            # more hypotheses than asked for: the confidence's n-best agreement needs them
            hyp_lists = self._run_search(src, lens, replace(cfg, n_best=confidence.search_n_best(cfg.beam, cfg.n_best)),
                                         should_stop)
            if cfg.no_word_twice:
                hyp_lists = [[assemble.say_once(self.tokenizer, h, src_ids) for h in hyps]
                             for (_, src_ids), hyps in zip(batch, hyp_lists)]
            if self.glossary is not None:
                hyp_lists = [self._prefer_translated(prep, hyps, src_lang) for (prep, _), hyps in zip(batch, hyp_lists)]
            left_out = self._left_out(batch, hyp_lists, src_lang) if cfg.check_left_out else {}
            for i, ((prep, src_ids), hyps) in enumerate(zip(batch, hyp_lists)):
                out[prep.source] = assemble.build_segment(self.tokenizer, prep, src_ids, hyps, src_lang,
                                                          cfg.copy_through, left_out=left_out.get(i, ()),
                                                          n_best=cfg.n_best, glossary=self.glossary)
            finished += len(batch)
            if progress is not None:
                progress(finished, total)
        return out

    def _prefer_translated(self, prep, hyps: list, src_lang: str) -> list:
        """``hyps`` with the one copied.prefer_translated picks first."""
        texts = [self.tokenizer.decode(h.ids) for h in hyps]
        k = copied.prefer_translated(prep.source, texts, [h.score for h in hyps], src_lang, self.glossary,
                                     coverage.FUNCTION_WORDS.get(src_lang, frozenset()))
        return [hyps[k]] + hyps[:k] + hyps[k + 1:] if k else hyps

    def _left_out(self, batch, hyp_lists, src_lang: str) -> dict[int, tuple[str, ...]]:
        """Per item of a decoded batch: the content words its best hypothesis does not need
        (forced.leave_one_out, under coverage.LEFT_OUT_BELOW)."""
        from .copying import group_words
        from .forced import leave_one_out

        items, words = [], []
        for (prep, src_ids), hyps in zip(batch, hyp_lists):
            pieces = self.tokenizer.pieces(src_ids[1:-1])
            groups = group_words(pieces)
            labels = [coverage.piece_text([pieces[i] for i in g]) for g in groups]
            placeholder = prep.masked.pattern() if prep.masked is not None else None
            keep = [k for k in range(len(groups)) if coverage.is_content(labels, k, src_lang)
                    and not (placeholder and placeholder.fullmatch(labels[k]))] if hyps else []
            items.append((src_ids, hyps[0].ids if hyps else [], [[i + 1 for i in groups[k]] for k in keep]))
            words.append([labels[k] for k in keep])
        todo = [i for i, item in enumerate(items) if item[2]]
        gains = leave_one_out(self.model, [items[i] for i in todo], self.device)
        return {i: tuple(w for w, gain in zip(words[i], g) if gain < coverage.LEFT_OUT_BELOW)
                for i, g in zip(todo, gains)}

    def _run_search(self, src, lens, cfg: DecodeConfig, should_stop: StopFlag):
        from .search import decode

        try:
            return decode(self.model, src.to(self.device), lens, cfg, should_stop)
        except Cancelled:
            raise
        except RuntimeError as exc:
            if self.device == "cpu":
                raise
            self.warnings.append(f"Decoding on {self.device} failed ({exc}); switched to the CPU.")
            log.warning(self.warnings[-1])
            self.model.to("cpu")
            self.device = "cpu"
            return decode(self.model, src, lens, cfg, should_stop)
