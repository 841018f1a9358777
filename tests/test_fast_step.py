"""The fast training step (unpacked encoder, fused chunked loss) equals the old one."""

from __future__ import annotations

import copy

import pytest
import torch

from benchmarks.reference_step import reference_loss
from translator_app.engine import loss as loss_module
from translator_app.engine.config import ModelConfig
from translator_app.engine.model import build_model


def _batch(vocab=60):
    g = torch.Generator().manual_seed(3)
    lens = torch.tensor([7, 3, 5, 1, 7])
    src = torch.randint(4, vocab, (5, 7), generator=g)
    for i, n in enumerate(lens):
        src[i, n:] = 0
    tgt_in = torch.randint(4, vocab, (5, 6), generator=g)
    tgt_out = torch.randint(4, vocab, (5, 6), generator=g)
    tgt_out[1, 2:] = 0
    tgt_out[3, 1:] = 0
    return src, lens, tgt_in, tgt_out


@pytest.mark.parametrize("tied", [True, False])
@pytest.mark.parametrize("smoothing", [0.0, 0.1])
def test_fast_step_gives_the_reference_loss_and_gradients(tied, smoothing, monkeypatch):
    monkeypatch.setattr(loss_module, "CHUNK_ROWS", 4)  # several chunks, one of them short
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=60, emb_dim=8, enc_hid=8, dec_hid=12, attn_dim=8, dropout=0.0,
                      tie_output=tied, share_embeddings=tied)
    fast = build_model(cfg).train()
    ref = copy.deepcopy(fast)
    src, lens, tgt_in, tgt_out = _batch()
    got = fast(src, lens, tgt_in, tgt_out, smoothing)
    want = reference_loss(ref, src, lens, tgt_in, tgt_out, smoothing)
    got.backward()
    want.backward()
    assert float(got.detach()) == pytest.approx(float(want.detach()), rel=1e-5)
    for (name, a), (_, b) in zip(fast.named_parameters(), ref.named_parameters()):
        assert a.grad is not None, name
        assert torch.allclose(a.grad, b.grad, atol=1e-5, rtol=1e-4), name


def test_training_encoder_matches_the_packed_encoder():
    torch.manual_seed(1)
    model = build_model(ModelConfig(vocab_size=60, emb_dim=8, enc_hid=8, dec_hid=12, attn_dim=8, dropout=0.0))
    src, lens, _, _ = _batch()
    train_out, train_hidden = model.encoder(src, lens)  # grad enabled: the unpacked path
    with torch.no_grad():
        packed_out, packed_hidden = model.encoder(src, lens)
    assert torch.allclose(train_out, packed_out, atol=1e-6)
    assert torch.allclose(train_hidden, packed_hidden, atol=1e-6)
    assert torch.all(train_out[1, 3:] == 0)


def test_loss_without_grad_is_the_same_number():
    torch.manual_seed(2)
    feats, weight, bias = torch.randn(9, 5), torch.randn(11, 5), torch.randn(11)
    target = torch.randint(0, 11, (9,))
    with torch.no_grad():
        plain = loss_module.linear_cross_entropy(feats, weight, bias, target, 0.1)
    want = torch.nn.functional.cross_entropy(feats @ weight.T + bias, target, label_smoothing=0.1, reduction="sum")
    assert float(plain) == pytest.approx(float(want), rel=1e-5)
