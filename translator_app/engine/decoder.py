"""GRU decoder with Bahdanau attention: ``step`` for search, unrolled ``forward`` for training."""

from __future__ import annotations

import torch
from torch import nn

from .attention import BahdanauAttention


class Decoder(nn.Module):
    """At each step: embed the previous token, attend with the *previous* hidden state,
    feed the GRU with [embedded; context], and predict from [output; context; embedded].

    With ``tie_output`` the prediction is a deep output layer (Linear to emb_dim) scored
    against the embedding table; otherwise it is the seed's full Linear to the vocabulary.
    """

    def __init__(self, embedding: nn.Embedding, enc_out_dim: int, dec_hid: int, attn_dim: int,
                 dropout: float, tie_output: bool):
        super().__init__()
        emb_dim = embedding.embedding_dim
        vocab = embedding.num_embeddings
        self.embedding = embedding
        self.dropout = nn.Dropout(dropout)
        self.attention = BahdanauAttention(dec_hid, enc_out_dim, attn_dim)
        self.rnn = nn.GRUCell(emb_dim + enc_out_dim, dec_hid)
        self.tie_output = tie_output
        self.edits = None  # set by Seq2Seq when the model carries `teach`'s keyed edits
        if tie_output:
            self.pre_output = nn.Linear(dec_hid + enc_out_dim + emb_dim, emb_dim)
            self.out_bias = nn.Parameter(torch.zeros(vocab))
        else:
            self.fc_out = nn.Linear(dec_hid + enc_out_dim + emb_dim, vocab)

    def features(self, prev_tokens: torch.Tensor, hidden: torch.Tensor, keys: torch.Tensor,
                 enc_outputs: torch.Tensor, mask: torch.Tensor):
        """One step up to (but excluding) the vocabulary projection.

        prev_tokens [B]; hidden [B, H]; keys [B, S, A]; enc_outputs [B, S, E2]; mask [B, S].
        Returns features [B, F], new hidden [B, H], attention weights [B, S].
        """
        embedded = self.dropout(self.embedding(prev_tokens))
        return self._features(embedded, hidden, keys, enc_outputs, mask)

    def _features(self, embedded, hidden, keys, enc_outputs, mask):
        context, weights = self.attention(hidden, keys, enc_outputs, mask)
        hidden = self.rnn(torch.cat([embedded, context], dim=-1), hidden)
        feats = torch.cat([hidden, context, embedded], dim=-1)
        if self.tie_output:
            z = self.pre_output(self.dropout(feats))
            if self.edits is not None:
                z = self.edits(feats, z)
            feats = torch.tanh(z)
        return feats, hidden, weights

    def project(self, feats: torch.Tensor) -> torch.Tensor:
        """features [..., F] -> logits [..., V]."""
        if self.tie_output:
            return nn.functional.linear(feats, self.embedding.weight, self.out_bias)
        return self.fc_out(feats)

    def step(self, prev_tokens, hidden, keys, enc_outputs, mask):
        """One decoding step -> (logits [B, V], hidden [B, H], weights [B, S])."""
        feats, hidden, weights = self.features(prev_tokens, hidden, keys, enc_outputs, mask)
        return self.project(feats), hidden, weights

    def output_layer(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(weight [V, F], bias [V]) of the vocabulary projection."""
        if self.tie_output:
            return self.embedding.weight, self.out_bias
        return self.fc_out.weight, self.fc_out.bias

    def teacher_forced_features(self, tgt_in: torch.Tensor, hidden: torch.Tensor, enc_outputs: torch.Tensor,
                                mask: torch.Tensor) -> torch.Tensor:
        """Teacher forcing up to the projection. tgt_in [B, T] (BOS + target[:-1]) -> features [B, T, F].

        The targets are embedded once and split with ``unbind``: indexing a step out of a
        [B, T, E] tensor would make its backward zero the whole tensor at every step.
        """
        keys = self.attention.project_keys(enc_outputs)
        feats = []
        for embedded in self.dropout(self.embedding(tgt_in)).unbind(1):
            f, hidden, _ = self._features(embedded, hidden, keys, enc_outputs, mask)
            feats.append(f)
        return torch.stack(feats, dim=1)

    def forward(self, tgt_in: torch.Tensor, hidden: torch.Tensor, enc_outputs: torch.Tensor,
                mask: torch.Tensor) -> torch.Tensor:
        """Teacher forcing. tgt_in [B, T] (BOS + target[:-1]) -> logits [B, T, V]."""
        return self.project(self.teacher_forced_features(tgt_in, hidden, enc_outputs, mask))
