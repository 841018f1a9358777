"""Validation during training: the dev loss, and chrF/BLEU per dev part through the app's Translator."""

from __future__ import annotations

import random
import time
from pathlib import Path

import torch
from torch import nn

from ..engine.tokenizer import PAD
from . import evaluate
from .batching import collate, token_batches
from .readers.tabular import load_tsv


def validation_translator(model, tokenizer, device: str):
    """The model being trained behind the app's Translator (greedy, fp32), so that the dev
    scores come from the same path as `evaluate` and the app."""
    from ..engine.checkpoint import Bundle
    from ..engine.config import DecodeConfig
    from ..engine.translator import Translator

    core = model.module if hasattr(model, "module") else model
    bundle = Bundle(path=Path("training"), config=core.config, meta={"name": "training"}, state_dict={},
                    spm_proto=tokenizer.proto)
    # the model alone: no repair retries and no dropped-word check (they cost a second decode,
    # and the curve should show what training did)
    cfg = DecodeConfig(beam=1, n_best=1, repair=False, check_left_out=False)
    return Translator(core, tokenizer, bundle, device, [], cfg)


def dev_parts_sample(corpus: Path, dev_pairs, size: int) -> dict:
    """The validation sample: ``size`` pairs split evenly over the corpus's dev parts
    (dev-everyday.tsv, ...), so each part is scored on its own; {"all": ...} without them."""
    parts = {}
    for path in sorted(corpus.glob("dev-*.tsv")):
        pairs = load_tsv(path)
        if pairs:
            parts[path.stem[4:]] = pairs
    if not parts:
        parts = {"all": list(dev_pairs)}
    each = max(1, size // len(parts))
    out = {}
    for name, pairs in parts.items():
        pairs = list(pairs)
        random.Random(12345).shuffle(pairs)
        out[name] = pairs[:each]
    return out


def make_validate(tokenizer, dev_loss_examples, dev_samples: dict, directions, max_tokens: int, device: str):
    """The trainer's ``validate(model) -> metrics``: dev loss on ``dev_loss_examples``, then
    chrF and BLEU of greedy translations of each part of ``dev_samples`` in every direction;
    ``score`` is the mean chrF (what picks the best bundle)."""

    def validate(m) -> dict:
        t0 = time.monotonic()
        with torch.inference_mode():
            loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, reduction="sum")
            total, ntok = 0.0, 0
            for batch in token_batches(dev_loss_examples, max_tokens, 0, shuffle=False):
                src, lens, tgt_in, tgt_out = (t.to(device) for t in collate(dev_loss_examples, batch))
                logits = m(src, lens, tgt_in)
                total += float(loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1)))
                ntok += int((tgt_out != PAD).sum())
        metrics = {"dev_loss": round(total / max(ntok, 1), 4)}
        chrfs = []
        translator = validation_translator(m, tokenizer, device)
        for part, sample in dev_samples.items():
            for src_lang, tgt_lang in directions:
                col = {"de": 0, "en": 1}
                sources = [p[col[src_lang]] for p in sample]
                refs = [p[col[tgt_lang]] for p in sample]
                hyps = [r.translation for r in translator.translate_many(sources, src_lang, tgt_lang)]
                s = evaluate.score(hyps, refs)
                key = f"{src_lang}-{tgt_lang}" if part == "all" else f"{part}_{src_lang}-{tgt_lang}"
                metrics[f"{key}_bleu"] = s["bleu"]
                metrics[f"{key}_chrf"] = s["chrf"]
                chrfs.append(s["chrf"])
        metrics["score"] = round(sum(chrfs) / len(chrfs), 3)
        metrics["validation_s"] = round(time.monotonic() - t0, 1)
        return metrics

    return validate
