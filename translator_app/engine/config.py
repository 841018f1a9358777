"""Small frozen config dataclasses. The checkpoint stores ModelConfig, so inference never
needs the training config."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


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

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ModelConfig":
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown model config keys: {sorted(unknown)}")
        return cls(**data)


@dataclass(frozen=True)
class DecodeConfig:
    beam: int = 5
    n_best: int = 1
    max_len_a: float = 1.5      # max target length = a * source length + b
    max_len_b: int = 10
    length_penalty: float = 1.0  # score = logprob / len ** alpha
    no_repeat_ngram: int = 4     # guard against repetition loops (0 disables)
