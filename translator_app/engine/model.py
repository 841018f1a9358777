"""Seq2Seq: wires the encoder and decoder together."""

from __future__ import annotations

import torch
from torch import nn

from .config import ModelConfig
from .decoder import Decoder
from .edits import KeyedEdits
from .encoder import Encoder
from .loss import linear_cross_entropy


class Seq2Seq(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        src_emb = _embedding(config)
        tgt_emb = src_emb if config.share_embeddings else _embedding(config)
        self.encoder = Encoder(src_emb, config.enc_hid, config.dec_hid, config.dropout)
        self.decoder = Decoder(tgt_emb, 2 * config.enc_hid, config.dec_hid, config.attn_dim,
                               config.dropout, config.tie_output)
        if config.edits:
            if not config.tie_output:
                raise ValueError("keyed edits need the deep output layer (tie_output)")
            layer = self.decoder.pre_output
            self.decoder.edits = KeyedEdits(config.edits, layer.in_features, layer.out_features)

    def encode(self, src: torch.Tensor, src_lens: torch.Tensor):
        """src [B, S], src_lens [B] -> (enc_outputs [B,S,2E], hidden [B,H], keys [B,S,A], mask [B,S])."""
        enc_outputs, hidden = self.encoder(src, src_lens)
        mask = src != self.config.pad_id
        keys = self.decoder.attention.project_keys(enc_outputs)
        return enc_outputs, hidden, keys, mask

    def forward(self, src: torch.Tensor, src_lens: torch.Tensor, tgt_in: torch.Tensor,
                tgt_out: torch.Tensor | None = None, label_smoothing: float = 0.0) -> torch.Tensor:
        """Teacher-forced logits [B, T, V] for tgt_in [B, T]; with tgt_out [B, T], instead the
        summed label-smoothed cross-entropy over its non-padding tokens (a scalar), computed
        without the [B, T, V] logits (:mod:`.loss`)."""
        enc_outputs, hidden = self.encoder(src, src_lens)
        mask = src != self.config.pad_id
        feats = self.decoder.teacher_forced_features(tgt_in, hidden, enc_outputs, mask)
        if tgt_out is None:
            return self.decoder.project(feats)
        keep = tgt_out != self.config.pad_id
        weight, bias = self.decoder.output_layer()
        return linear_cross_entropy(feats[keep], weight, bias, tgt_out[keep], label_smoothing)


def _embedding(config: ModelConfig) -> nn.Embedding:
    # N(0, 1/d) rather than N(0, 1): the table doubles as the output layer when tied,
    # and unit-variance rows would start training with huge logits.
    emb = nn.Embedding(config.vocab_size, config.emb_dim, padding_idx=config.pad_id)
    nn.init.normal_(emb.weight, std=config.emb_dim ** -0.5)
    with torch.no_grad():
        emb.weight[config.pad_id].zero_()
    return emb


def build_model(config: ModelConfig) -> Seq2Seq:
    return Seq2Seq(config)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
