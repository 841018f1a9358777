"""One-line ``--help`` texts for ``translator-app train`` and ``evaluate``, with units and defaults.

``train``'s options have ``default=None`` in argparse (so that a resumed run or a recipe can
tell "not given" from "given"); their defaults live in ``train_cli.DEFAULTS``. Hence
``TRAIN_HELP`` holds templates with ``{default}`` and :func:`train_help` fills them in::

    text = train_help(DEFAULTS)
    p.add_argument("--vocab-size", type=int, help=text["vocab_size"])

``EVALUATE_HELP`` is for options with a real argparse default (``%(default)s``).
No torch, no Qt here.
"""

from __future__ import annotations

TRAIN_HELP = {
    "vocab_size": "SentencePiece vocabulary, in pieces shared by German and English (default {default})",
    "emb_dim": "size of the token embeddings (also the output layer, unless --seed-faithful; default {default})",
    "enc_hid": "encoder GRU size per direction (bidirectional; default {default})",
    "dec_hid": "decoder GRU size (default {default})",
    "attn_dim": "size of the Bahdanau attention layer (default {default})",
    "dropout": "dropout probability, 0-1 (default {default})",
    "max_tokens": "batch size in pieces: sentences x the longest source+target, padding included (default {default})",
    "lr": "peak learning rate of Adam (default {default})",
    "warmup": "steps of linear learning-rate warm-up, then 1/sqrt(step) decay; 0 = constant (default {default})",
    "label_smoothing": "label smoothing of the cross-entropy loss, 0-1 (default {default})",
    "oversample_sentences": "repeat Ding example sentences N times per epoch (default {default})",
    "oversample_technical": "repeat DDTP descriptions N times per epoch (default {default})",
    "dev_size": "dev pairs translated at each validation, shared evenly by the dev parts (default {default})",
    "validate_every": "seconds of training between validations (default {default})",
    "validate_steps": "also validate every N optimizer steps; 0 = by time only (default {default})",
    "patience": "stop after N validations without a better dev score; 0 = never (default {default})",
    "checkpoint_every": "seconds between checkpoints to RUN/last.pt (default {default})",
    "seed": "random seed: weights, batch order, dropout, SentencePiece (default {default})",
    "threads": "torch CPU threads; 0 = one, or $TRANSLATOR_THREADS (one is robust beside other busy programs; default {default})",
    "max_len": "leave out pairs longer than this many pieces on either side (default {default})",
    "max_steps": "stop after this many optimizer steps in all (default {default})",
    "max_epochs": "stop after this many passes over the training pairs (default {default})",
    "directions": "directions to train: both, de-en or en-de (default {default})",
    "snapshot_every": "also keep the weights every STEPS steps as RUN/snapshots/step-N, for `average`; "
                      "0 = never (default {default})",
}

EVALUATE_HELP = {
    "src": "source language (default %(default)s)",
    "tgt": "target language (default: the other one)",
    "beam": "beam size, 1 = greedy, at most 64 (default %(default)s)",
    "device": "auto, cpu, cuda or mps (default: TRANSLATOR_DEVICE, else auto)",
}

_NO_LIMIT = "no limit"


def train_help(defaults: dict) -> dict:
    """``TRAIN_HELP`` with each ``{default}`` replaced by ``defaults[key]`` (None: no limit)."""
    out = {}
    for key, template in TRAIN_HELP.items():
        value = defaults.get(key)
        if value is None:
            template, shown = template.replace("default {default}", "default: {default}"), _NO_LIMIT
        elif isinstance(value, float) and value.is_integer():
            shown = "%g" % value          # 600.0 -> 600
        else:
            shown = str(value)
        # argparse %-formats help strings: a literal % must be doubled
        out[key] = template.format(default=shown).replace("%", "%%")
    return out
