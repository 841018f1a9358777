"""Keyed edits of the deep output layer: what `teach` learns from your corrections.

An edit is a key, the unit-length input x [F] of the decoder's pre_output layer at one
position of a corrected sentence (teacher-forced on the correction), and a value [E] added
to that layer's pre-activation there. At each step the nearest key by cosine similarity
fires only if it is at least its own radius close, so the model changes only where its state is
that of a corrected sentence, and everywhere else it is the bundled model, bit for bit.
(A codebook of edits with a deferral radius, after GRACE: Hartvigsen et al., 2023.)
training/teach_edits.py learns them and sets each radius; the bundle stores three tensors.
"""

from __future__ import annotations

import torch
from torch import nn


class KeyedEdits(nn.Module):
    def __init__(self, count: int, in_features: int, out_features: int):
        super().__init__()
        self.register_buffer("keys", torch.zeros(count, in_features))      # unit rows
        self.register_buffer("values", torch.zeros(count, out_features))
        self.register_buffer("radii", torch.ones(count))                   # cosine, per key

    def forward(self, x: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        """x [..., F] the layer's input, z [..., E] its pre-activation -> z with the edits."""
        return z + self.delta(x).to(z.dtype)

    def delta(self, x: torch.Tensor) -> torch.Tensor:
        """[..., E]: the nearest key's value where it fires, else zero."""
        sim = nn.functional.normalize(x.float(), dim=-1) @ self.keys.t()
        best, nearest = sim.max(dim=-1)
        return self.values[nearest] * (best >= self.radii[nearest]).unsqueeze(-1).to(self.values.dtype)
