"""Additive (Bahdanau) attention."""

from __future__ import annotations

import torch
from torch import nn


class BahdanauAttention(nn.Module):
    """score_j = v . tanh(W [s_prev; h_j]), softmax over the unmasked source positions.

    W is split into W_q (for s_prev) and W_k (for h_j): W [s; h] = W_q s + W_k h, so the keys
    W_k h are computed once per sentence by ``project_keys`` instead of at every step.
    """

    def __init__(self, query_dim: int, key_dim: int, attn_dim: int):
        super().__init__()
        self.query_proj = nn.Linear(query_dim, attn_dim, bias=False)
        self.key_proj = nn.Linear(key_dim, attn_dim, bias=True)
        self.v = nn.Linear(attn_dim, 1, bias=False)

    def project_keys(self, enc_outputs: torch.Tensor) -> torch.Tensor:
        """enc_outputs [B, S, key_dim] -> keys [B, S, attn_dim]."""
        return self.key_proj(enc_outputs)

    def forward(self, query: torch.Tensor, keys: torch.Tensor, values: torch.Tensor,
                mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """query [B, query_dim]; keys [B, S, A]; values [B, S, key_dim]; mask [B, S] (True = token).

        Returns context [B, key_dim] and weights [B, S]; padded positions get exactly 0.
        """
        energy = torch.tanh(keys + self.query_proj(query).unsqueeze(1))
        scores = self.v(energy).squeeze(-1)
        scores = scores.masked_fill(~mask, float("-inf"))
        weights = torch.softmax(scores.float(), dim=-1).to(values.dtype)
        context = torch.bmm(weights.unsqueeze(1), values).squeeze(1)
        return context, weights
