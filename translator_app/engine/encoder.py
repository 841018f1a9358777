"""Bidirectional GRU encoder."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class Encoder(nn.Module):
    """embedding -> dropout -> bidirectional GRU; padding never enters the GRU.

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
        if torch.is_grad_enabled() and type(self.rnn) is nn.GRU:
            outputs, h_fwd, h_bwd = self._reversed_rows(embedded, src_lens.to(src.device))
        else:  # inference (and the int8 GRU, which only takes packed input)
            packed = pack_padded_sequence(embedded, src_lens.cpu(), batch_first=True, enforce_sorted=False)
            packed_out, h_n = self.rnn(packed)
            outputs, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=src.size(1))
            h_fwd, h_bwd = h_n[0], h_n[1]
        hidden = torch.tanh(self.fc(torch.cat([h_fwd, h_bwd], dim=-1)))
        return outputs, hidden

    def _reversed_rows(self, embedded: torch.Tensor, lens: torch.Tensor):
        """The packed GRU's result without packing, for training.

        The backward pass of a packed GRU zeroes a buffer the size of the whole batch at every
        time step (quadratic in the length); an unpacked GRU does not. So each direction runs
        unpacked: forward on the rows as they are (padding comes after a row, so it cannot reach
        it), backward on each row reversed within its length. embedded [B, S, E], lens [B].
        Returns outputs [B, S, 2H] (zeros at padding), h_fwd [B, H], h_bwd [B, H].
        """
        b, s, _ = embedded.shape
        pos = torch.arange(s, device=embedded.device).expand(b, s)
        inside = pos < lens[:, None]
        rev = torch.where(inside, lens[:, None] - 1 - pos, pos)  # its own inverse
        fwd, _ = self._direction(embedded, "")
        bwd_rev, _ = self._direction(embedded.gather(1, rev[..., None].expand_as(embedded)), "_reverse")
        h = fwd.size(-1)
        bwd = bwd_rev.gather(1, rev[..., None].expand(b, s, h))
        last = (lens - 1)[:, None, None].expand(b, 1, h)
        h_fwd = fwd.gather(1, last).squeeze(1)
        h_bwd = bwd_rev.gather(1, last).squeeze(1)
        outputs = torch.cat([fwd, bwd], dim=-1) * inside[..., None].to(fwd.dtype)
        return outputs, h_fwd, h_bwd

    def _direction(self, x: torch.Tensor, suffix: str):
        rnn = self.rnn
        params = [getattr(rnn, name + "_l0" + suffix) for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
        h0 = x.new_zeros(1, x.size(0), rnn.hidden_size)
        return torch._VF.gru(x, h0, params, True, 1, 0.0, self.training, False, True)
