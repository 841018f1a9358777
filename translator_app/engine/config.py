"""Small frozen config dataclasses. The checkpoint stores ModelConfig, so inference never
needs the training config."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace


@dataclass(frozen=True)
class ModelConfig:
    """Architecture of the GRU encoder-decoder with additive attention.

    One vocabulary is shared by both languages; the source starts with a target-language
    tag (``<2en>`` / ``<2de>``), so one model covers both directions.
    """

    vocab_size: int
    emb_dim: int = 256
    enc_hid: int = 256          # per direction; encoder outputs are 2 * enc_hid wide
    dec_hid: int = 512
    attn_dim: int = 256
    dropout: float = 0.2
    # Deep output (Pascanu et al. 2014): project [output; context; embedded] to emb_dim,
    # then score against the (tied) target embedding. False = the seed's full Linear layer.
    tie_output: bool = True
    share_embeddings: bool = True  # encoder and decoder share one embedding table
    pad_id: int = 0
    edits: int = 0  # `teach`'s keyed edits of the deep output layer (edits.py); 0 = as trained

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        if not isinstance(data, dict):
            raise ValueError(f"expected a table of settings, not {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown model config keys: {sorted(unknown)}")
        config = cls(**data)
        # a hand-edited config.json must give an error message, not torch's traceback
        for name in ("vocab_size", "emb_dim", "enc_hid", "dec_hid", "attn_dim"):
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
        for name in ("pad_id", "edits"):
            value = getattr(config, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a whole number of at least 0, not {value!r}")
        if config.pad_id >= config.vocab_size:
            raise ValueError(f"pad_id {config.pad_id} is outside the vocabulary of {config.vocab_size}")
        if isinstance(config.dropout, bool) or not isinstance(config.dropout, (int, float)) or not 0 <= config.dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), not {config.dropout!r}")
        return config


MAX_BEAM = 64   # beam and n-best cap: memory grows with beam x batch x vocabulary


class DecodeConfigError(ValueError):
    """A decoding option out of range; the message names the option and its limits."""

    def __init__(self, message: str, option: str):
        super().__init__(message)
        self.option = option  # the field name, so the CLI can name its flag


@dataclass(frozen=True)
class DecodeConfig:
    """The one decoding contract: the CLI, the GUI, evaluation and bench all pass one of these.

    ``validated()`` is the only place the limits live; search and the Translator trust it.
    """

    beam: int = 5
    n_best: int = 1
    max_len_a: float = 1.5       # max target length = a * source length + b
    max_len_b: int = 10
    length_penalty: float = 1.0  # score = logprob / len ** alpha (models/README.md measured others)
    no_repeat_ngram: int = 6     # repetition guard (0 disables); the shipped scores used 6
    copy_through: bool = True    # names, numbers, emoji and protected spans: see copying.py, spans.py
    # Against lost and repeated words (issue 24; tests/benchmarks/drops.py measured them):
    repair: bool = True          # decode again where words were dropped (repair.py); ALL-CAPS truecased
    check_left_out: bool = True  # the model check of dropped words (forced.leave_one_out, coverage.py)
    no_word_twice: bool = True   # a word is not said twice in a row unless the source does (assemble.say_once)
    coverage_penalty: float = 0.0  # beam: beta of the GNMT coverage penalty on finished hypotheses
    trace: bool = False          # record the search step by step (engine/trace.py; the GUI's Steps view)

    def validated(self) -> "DecodeConfig":
        """Return self if every option is in range, else raise DecodeConfigError."""
        for name in ("beam", "n_best", "max_len_b", "no_repeat_ngram"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise DecodeConfigError(f"{name} must be a whole number, not {value!r}", name)
        if not 1 <= self.beam <= MAX_BEAM:
            raise DecodeConfigError(f"beam must be between 1 and {MAX_BEAM}, not {self.beam}", "beam")
        if not 1 <= self.n_best <= MAX_BEAM:
            raise DecodeConfigError(f"n-best must be between 1 and {MAX_BEAM}, not {self.n_best}", "n_best")
        if self.n_best > self.beam:
            raise DecodeConfigError(f"n-best {self.n_best} is larger than beam {self.beam}; raise the beam", "n_best")
        if not (isinstance(self.max_len_a, (int, float)) and 0 <= self.max_len_a <= 10):
            raise DecodeConfigError(f"max_len_a must be between 0 and 10, not {self.max_len_a!r}", "max_len_a")
        if not 1 <= self.max_len_b <= 1000:
            raise DecodeConfigError(f"max_len_b must be between 1 and 1000, not {self.max_len_b}", "max_len_b")
        if not (isinstance(self.length_penalty, (int, float)) and 0 <= self.length_penalty <= 5):
            raise DecodeConfigError(f"length_penalty must be between 0 and 5, not {self.length_penalty!r}", "length_penalty")
        for name in ("copy_through", "repair", "check_left_out", "no_word_twice", "trace"):
            if not isinstance(getattr(self, name), bool):
                raise DecodeConfigError(f"{name} must be true or false, not {getattr(self, name)!r}", name)
        if not (isinstance(self.coverage_penalty, (int, float)) and 0 <= self.coverage_penalty <= 5):
            raise DecodeConfigError(f"coverage_penalty must be between 0 and 5, not {self.coverage_penalty!r}",
                                    "coverage_penalty")
        if self.no_repeat_ngram < 0:
            raise DecodeConfigError(f"no_repeat_ngram must be 0 (off) or more, not {self.no_repeat_ngram}", "no_repeat_ngram")
        return self

    def with_(self, **changes) -> "DecodeConfig":
        """A validated copy with some options changed."""
        return replace(self, **changes).validated()
