"""TrainSettings: every hyperparameter of `translator-app train`, validated once; and the recipes.

A run writes ``to_dict()`` to RUN/train_args.json and into its bundles' meta; ``--resume``
reads it back with ``from_dict``, which ignores keys it does not know and fills in the
defaults of keys added since (so runs started by older code still resume). No torch here.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, fields
from typing import Optional

RECIPES = {
    # the recipe that built the bundled model (see models/README.md)
    "de-en": dict(vocab_size=8000, emb_dim=256, enc_hid=256, dec_hid=512, attn_dim=256, dropout=0.2,
                  max_tokens=8000, lr=2e-3, warmup=400, label_smoothing=0.1, oversample_sentences=3,
                  validate_every=900.0),
    # the seed's architecture and naive loop, for the baseline
    # short warm-started runs on a user's own pairs (`train --fine-tune FILE.tsv`): a low learning
    # rate, a short warm-up, validation every 10 steps and a stop once dev stops improving
    "fine-tune": dict(lr=3e-4, warmup=10, max_tokens=4000, dropout=0.2, label_smoothing=0.1,
                      oversample_sentences=1, validate_every=3600.0, validate_steps=10, patience=3,
                      max_steps=1000, dev_size=1000),
    # `teach`: the rate and most steps of learning the keyed edits (training/teach_edits.py;
    # measured by tests/benchmarks/teach_targets.py)
    "teach": dict(lr=5e-2, warmup=0, max_steps=300),
    "seed-faithful": dict(vocab_size=8000, emb_dim=256, enc_hid=256, dec_hid=512, attn_dim=256, dropout=0.5,
                          max_tokens=6000, lr=1e-3, warmup=0, label_smoothing=0.0, oversample_sentences=1,
                          seed_faithful=True),
}

DIRECTION_CHOICES = ("both", "de-en", "en-de")

_POSITIVE = ("vocab_size", "emb_dim", "enc_hid", "dec_hid", "attn_dim", "max_tokens", "dev_size", "max_len")
_NOT_NEGATIVE = ("warmup", "oversample_sentences", "oversample_technical", "snapshot_every", "threads",
                 "validate_steps", "patience")
_OPTIONAL_POSITIVE = ("max_steps", "max_epochs")
_FLOAT_CHECKS = {
    "dropout": (lambda v: 0 <= v < 1, "a probability, at least 0 and below 1"),
    "label_smoothing": (lambda v: 0 <= v < 1, "at least 0 and below 1"),
    "lr": (lambda v: 0 < v < math.inf, "a positive number"),
    "validate_every": (lambda v: 0 <= v <= math.inf, "seconds, 0 or more"),
    "checkpoint_every": (lambda v: 0 <= v <= math.inf, "seconds, 0 or more"),
}
_BOOLS = ("seed_faithful", "backtranslated")


@dataclass(frozen=True)
class TrainSettings:
    vocab_size: int = 8000
    emb_dim: int = 256
    enc_hid: int = 256
    dec_hid: int = 512
    attn_dim: int = 256
    dropout: float = 0.2
    max_tokens: int = 6000
    lr: float = 2e-3
    warmup: int = 800
    label_smoothing: float = 0.1
    oversample_sentences: int = 3
    oversample_technical: int = 1
    snapshot_every: int = 0
    seed_faithful: bool = False
    validate_every: float = 600.0
    validate_steps: int = 0       # also validate every N steps (0: by time only)
    patience: int = 0             # stop after N validations without a better dev score (0: never)
    checkpoint_every: float = 300.0
    dev_size: int = 300
    oversample: str = ""          # "ORIGIN=N,...": repeats per epoch
    sample_share: str = ""        # "ORIGIN=S,...": share of an origin drawn per epoch
    seed: int = 1
    bf16: Optional[bool] = None   # None: on where the CPU has native bf16 (AMX, AVX-512 BF16) or on CUDA
    threads: int = 0
    max_len: int = 100
    directions: str = "both"
    max_steps: Optional[int] = None
    max_epochs: Optional[int] = None
    init_from: Optional[str] = None
    backtranslated: bool = False
    corpus: Optional[str] = None

    @classmethod
    def defaults(cls) -> dict:
        """The command-line defaults: every field but ``corpus``."""
        return {k: v for k, v in cls().to_dict().items() if k != "corpus"}

    @classmethod
    def from_dict(cls, d: dict) -> "TrainSettings":
        """From train_args.json or a bundle's meta; unknown keys are ignored, missing ones default."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def validated(self) -> "TrainSettings":
        """A copy with checked, typed values; ValueError names the flag at fault."""
        fixed = {}
        for name in _POSITIVE + _NOT_NEGATIVE + _OPTIONAL_POSITIVE + ("seed",):
            value = getattr(self, name)
            if value is None and name in _OPTIONAL_POSITIVE:
                continue
            value = _whole(name, value)
            low = 0 if name in _NOT_NEGATIVE else 1
            if name != "seed" and value < low:
                raise ValueError(f"{_flag(name)} must be {'0 or more' if low == 0 else 'positive'}, not {value}")
            fixed[name] = value
        for name, (ok, what) in _FLOAT_CHECKS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{_flag(name)}: {value!r} is not a number")
            if not ok(float(value)):
                raise ValueError(f"{_flag(name)} must be {what}, not {value}")
            fixed[name] = float(value)
        for name in _BOOLS:
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{_flag(name)}: {getattr(self, name)!r} is not true or false")
        if self.bf16 is not None and not isinstance(self.bf16, bool):
            raise ValueError(f"--bf16: {self.bf16!r} is not true, false or automatic")
        if self.directions not in DIRECTION_CHOICES:
            raise ValueError(f"--directions must be one of {', '.join(DIRECTION_CHOICES)}, not {self.directions!r}")
        for name in ("oversample", "sample_share", "init_from", "corpus"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{_flag(name)}: {value!r} is not text")
        fixed["oversample"] = self.oversample or ""
        fixed["sample_share"] = self.sample_share or ""
        checked = dataclasses.replace(self, **fixed)
        try:
            parse_origin_map(checked.oversample, int)
        except ValueError as exc:
            raise ValueError(f"--oversample: {exc}") from None
        try:
            shares = parse_origin_map(checked.sample_share, float)
        except ValueError as exc:
            raise ValueError(f"--sample-share: {exc}") from None
        bad = [f"{o}={s}" for o, s in shares.items() if not 0 <= s <= 1]
        if bad:
            raise ValueError(f"--sample-share: {', '.join(bad)}: values are shares between 0 and 1")
        return checked


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _whole(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            (isinstance(value, float) and not value.is_integer()):
        raise ValueError(f"{_flag(name)}: {value!r} is not a whole number")
    return int(value)


def parse_origin_map(text: str, kind=int) -> dict:
    """"ding-sentence=6,tsv=3" -> {"ding-sentence": 6, "tsv": 3}; ValueError on a bad item."""
    out = {}
    for item in filter(None, (t.strip() for t in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"{item!r} is not ORIGIN=VALUE")
        try:
            out[name.strip()] = kind(value)
        except ValueError:
            raise ValueError(f"{item!r}: {value!r} is not a number") from None
        if out[name.strip()] < 0:
            raise ValueError(f"{item!r}: must not be negative")
    return out


def repeats_by_origin(settings: TrainSettings) -> dict[str, int]:
    """Repeats per epoch by origin: the old per-origin flags, then --oversample on top."""
    from .readers.common import ORIGIN_DDTP, ORIGIN_DING_SENTENCE  # here: the readers take 0.1 s to import

    repeat = {ORIGIN_DING_SENTENCE: int(settings.oversample_sentences or 1),
              ORIGIN_DDTP: int(settings.oversample_technical or 1)}
    repeat.update(parse_origin_map(settings.oversample or "", int))
    return repeat


def shares_by_origin(settings: TrainSettings) -> dict[str, float]:
    """--sample-share, less the origins kept whole (share 1)."""
    return {o: s for o, s in parse_origin_map(settings.sample_share or "", float).items() if s < 1}
