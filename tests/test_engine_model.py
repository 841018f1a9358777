"""Model-level behaviour: attention masking, packed encoder, rows that sum to 1."""

import pytest
import torch

from translator_app.engine.attention import BahdanauAttention
from translator_app.engine.config import ModelConfig
from translator_app.engine.model import build_model


def _batch(lengths, vocab=50):
    src = torch.zeros((len(lengths), max(lengths)), dtype=torch.long)
    for i, n in enumerate(lengths):
        src[i, :n] = torch.randint(4, vocab, (n,))
    return src, torch.tensor(lengths)


def test_padding_gets_exactly_zero_attention_and_rows_sum_to_one():
    torch.manual_seed(0)
    attn = BahdanauAttention(query_dim=8, key_dim=6, attn_dim=5)
    values = torch.randn(3, 7, 6)
    mask = torch.tensor([[True] * 7, [True] * 4 + [False] * 3, [True] * 1 + [False] * 6])
    with torch.no_grad():
        _, weights = attn(torch.randn(3, 8), attn.project_keys(values), values, mask)
    assert torch.all(weights[~mask] == 0.0)
    assert torch.allclose(weights.sum(-1), torch.ones(3), atol=1e-6)
    assert weights[2, 0] == pytest.approx(1.0)


def test_padding_does_not_change_a_sentence_encoding():
    torch.manual_seed(0)
    model = build_model(ModelConfig(vocab_size=50, emb_dim=8, enc_hid=8, dec_hid=12, attn_dim=8)).eval()
    src, lens = _batch([6, 3])
    out_batch, hid_batch = model.encoder(src, lens)
    out_alone, hid_alone = model.encoder(src[1:, :3], lens[1:])
    assert torch.allclose(out_batch[1, :3], out_alone[0], atol=1e-6)
    assert torch.allclose(hid_batch[1], hid_alone[0], atol=1e-6)
    assert torch.all(out_batch[1, 3:] == 0)


@pytest.mark.parametrize("tied", [True, False])
def test_teacher_forced_logits_match_step_by_step_decoding(tied):
    torch.manual_seed(0)
    model = build_model(ModelConfig(vocab_size=40, emb_dim=8, enc_hid=8, dec_hid=12, attn_dim=8,
                                    tie_output=tied, share_embeddings=tied)).eval()
    src, lens = _batch([5, 2], vocab=40)
    tgt = torch.randint(4, 40, (2, 4))
    with torch.no_grad():
        full = model(src, lens, tgt)
        enc, hidden, keys, mask = model.encode(src, lens)
        steps = []
        for t in range(4):
            logits, hidden, _ = model.decoder.step(tgt[:, t], hidden, keys, enc, mask)
            steps.append(logits)
    assert full.shape == (2, 4, 40)
    assert torch.allclose(full, torch.stack(steps, 1), atol=1e-5)


def test_config_round_trip_and_unknown_keys():
    cfg = ModelConfig(vocab_size=10, emb_dim=4)
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="unknown"):
        ModelConfig.from_dict({**cfg.to_dict(), "layers": 3})
