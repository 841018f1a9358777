"""Bidirectional GRU encoder."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class Encoder(nn.Module):
    """embedding -> dropout -> bidirectional GRU (packed, so padding never enters the GRU).

    The decoder's first hidden state is tanh(Linear([h_fwd_last; h_bwd_last])).
    """

    def __init__(self, embedding: nn.Embedding, enc_hid: int, dec_hid: int, dropout: float):
        super().__init__()
        self.embedding = embedding
        self.dropout = nn.Dropout(dropout)
        self.rnn = nn.GRU(embedding.embedding_dim, enc_hid, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * enc_hid, dec_hid)

    def forward(self, src: torch.Tensor, src_lens: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """src [B, S] ids; src_lens [B] (on CPU or device).

        Returns outputs [B, S, 2*enc_hid] (zeros at padding) and hidden [B, dec_hid].
        """
        embedded = self.dropout(self.embedding(src))
        packed = pack_padded_sequence(embedded, src_lens.cpu(), batch_first=True, enforce_sorted=False)
        packed_out, h_n = self.rnn(packed)
        outputs, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=src.size(1))
        hidden = torch.tanh(self.fc(torch.cat([h_n[0], h_n[1]], dim=-1)))
        return outputs, hidden
