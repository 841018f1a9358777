"""The training step as it was before the fused loss (kept as the reference the fast step must equal).

Packed bidirectional encoder, a decoder that embeds and indexes the targets step by step, and
the loss from the full [B, T, V] logits. Used by ``tests/test_fast_step.py`` (same loss and
gradients to 1e-5) and ``step_speed.py`` (the "before" row).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

PAD = 0


def reference_loss(model, src, lens, tgt_in, tgt_out, label_smoothing: float) -> torch.Tensor:
    """Summed label-smoothed cross-entropy, computed the old way."""
    enc = model.encoder
    embedded = enc.dropout(enc.embedding(src))
    packed = pack_padded_sequence(embedded, lens.cpu(), batch_first=True, enforce_sorted=False)
    packed_out, h_n = enc.rnn(packed)
    outputs, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=src.size(1))
    hidden = torch.tanh(enc.fc(torch.cat([h_n[0], h_n[1]], dim=-1)))
    mask = src != PAD
    dec = model.decoder
    keys = dec.attention.project_keys(outputs)
    feats = []
    for t in range(tgt_in.size(1)):
        f, hidden, _ = dec.features(tgt_in[:, t], hidden, keys, outputs, mask)
        feats.append(f)
    logits = dec.project(torch.stack(feats, dim=1))
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, label_smoothing=label_smoothing, reduction="sum")
    return loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
