"""The training loss: the vocabulary projection and label-smoothed cross-entropy, fused and chunked.

Computing the loss from full logits allocates [N, V] (268 MB for a 6,000-token batch and
8,000 pieces) and its gradient again. Here the rows go through the projection a chunk at a
time, and the gradients of the features, weight and bias are formed in the same pass, so no
[N, V] tensor ever exists. The result equals
``CrossEntropyLoss(label_smoothing=eps, reduction="sum")(feats @ weight.T + bias, target)``.
"""

from __future__ import annotations

import torch

CHUNK_ROWS = 1024  # 1024 x 8000 fp32 logits = 33 MB, reused from chunk to chunk


class _LinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, feats, weight, bias, target, smoothing: float, need_grad: bool):
        vocab = weight.size(0)
        total = torch.zeros((), dtype=torch.float32, device=feats.device)
        grads = (torch.empty_like(feats), torch.zeros_like(weight), torch.zeros_like(bias)) if need_grad else None
        for start in range(0, feats.size(0), CHUNK_ROWS):
            f = feats[start:start + CHUNK_ROWS]
            t = target[start:start + CHUNK_ROWS, None]
            logp = torch.log_softmax(torch.addmm(bias, f, weight.t()).float(), dim=-1)
            nll = logp.gather(1, t).sum()
            total -= (1.0 - smoothing) * nll + smoothing / vocab * logp.sum()
            if grads is None:
                continue
            # d loss / d logits = softmax - ((1 - eps) * one_hot + eps / V)
            g = logp.exp_().sub_(smoothing / vocab)
            g.scatter_add_(1, t, g.new_full(t.shape, -(1.0 - smoothing)))
            g = g.to(f.dtype)
            grads[0][start:start + CHUNK_ROWS] = g @ weight.to(g.dtype)
            grads[1].add_((g.t() @ f.to(g.dtype)).to(weight.dtype))
            grads[2].add_(g.sum(0).to(bias.dtype))
        if grads is not None:
            ctx.save_for_backward(*grads)
        return total

    @staticmethod
    def backward(ctx, grad_total):
        g_feats, g_weight, g_bias = ctx.saved_tensors
        return g_feats * grad_total, g_weight * grad_total, g_bias * grad_total, None, None, None


def linear_cross_entropy(feats: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
                         target: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    """Summed label-smoothed cross-entropy of ``feats @ weight.T + bias`` against ``target``.

    feats [N, F] (padding rows already removed); weight [V, F]; bias [V]; target [N].
    Returns a scalar (fp32). Differentiable in feats, weight and bias.
    """
    need_grad = torch.is_grad_enabled() and any(x.requires_grad for x in (feats, weight, bias))
    return _LinearCrossEntropy.apply(feats, weight, bias, target, float(smoothing), need_grad)
