"""Bundles: identical outputs after a round trip, and one clear error per kind of damage."""

import json
import pickle
import shutil

import pytest
import torch

from translator_app.engine.checkpoint import CheckpointError, load_bundle, save_bundle
from translator_app.engine.translator import Translator
from translator_app.engine.config import DecodeConfig


@pytest.fixture()
def bundle_copy(tiny_bundle, tmp_path):
    dest = tmp_path / "bundle"
    shutil.copytree(tiny_bundle, dest)
    return dest


def test_save_and_load_give_identical_outputs(tiny_translator, tmp_path):
    path = save_bundle(tmp_path / "again", tiny_translator.model, tiny_translator.tokenizer.proto, dtype="float32")
    again = Translator.load(path, device="cpu", quantize=False)
    text = "Die Straße wird gerade ausgebessert. Natives Build-Werkzeug für Node.js-Addons"
    a = tiny_translator.translate(text, cfg=DecodeConfig(beam=3, n_best=2))
    b = again.translate(text, cfg=DecodeConfig(beam=3, n_best=2))
    assert a.translation == b.translation
    assert a.attention == b.attention
    assert [x.score for x in a.alternatives] == [x.score for x in b.alternatives]
    for (k, v), (k2, v2) in zip(tiny_translator.model.state_dict().items(), again.model.state_dict().items()):
        assert k == k2 and torch.equal(v, v2)


def test_missing_bundle_names_the_path(tmp_path):
    with pytest.raises(CheckpointError, match="does not exist") as err:
        load_bundle(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(err.value)


@pytest.mark.parametrize("name", ["config.json", "model.safetensors", "spm.model"])
def test_missing_file(bundle_copy, name):
    (bundle_copy / name).unlink()
    with pytest.raises(CheckpointError, match="missing file") as err:
        load_bundle(bundle_copy)
    assert name in str(err.value)


def test_wrong_format_version(bundle_copy):
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["format_version"] = 99
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match="unsupported format version 99"):
        load_bundle(bundle_copy)


def test_corrupt_config_json(bundle_copy):
    (bundle_copy / "config.json").write_text("{not json")
    with pytest.raises(CheckpointError, match="corrupt config"):
        load_bundle(bundle_copy)


@pytest.mark.parametrize("checksums, message", [({"README.md": "0" * 64}, "missing file"),
                                                ("not a table", "is not a table of checksums")])
def test_odd_checksum_tables_are_checkpoint_errors(bundle_copy, checksums, message):
    """Whatever config.json says, loading fails with CheckpointError (a message for the
    user), never FileNotFoundError or AttributeError (a traceback)."""
    (bundle_copy / "README.md").unlink(missing_ok=True)
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["sha256"] = checksums
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match=message):
        load_bundle(bundle_copy)


def test_a_saved_bundle_is_readable_by_others(tiny_translator, tmp_path):
    import stat

    from translator_app.engine.checkpoint import save_bundle

    out = save_bundle(tmp_path / "b", tiny_translator.model, tiny_translator.bundle.spm_proto)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in out.iterdir()}
    assert len(set(modes.values())) == 1, modes  # model.safetensors was 0600, the rest 0644
    assert modes["model.safetensors"] & 0o044 == 0o044
    # saving over it again swaps the new one in and leaves nothing beside it
    save_bundle(out, tiny_translator.model, tiny_translator.bundle.spm_proto, meta={"step": 2})
    assert json.loads((out / "config.json").read_text())["step"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_corrupt_weights_detected_by_checksum(bundle_copy):
    data = bytearray((bundle_copy / "model.safetensors").read_bytes())
    data[-10] ^= 0xFF
    (bundle_copy / "model.safetensors").write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="corrupt file") as err:
        load_bundle(bundle_copy)
    assert "model.safetensors" in str(err.value)


def test_truncated_weights_without_checksum(bundle_copy):
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg.pop("sha256")
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    data = (bundle_copy / "model.safetensors").read_bytes()
    (bundle_copy / "model.safetensors").write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="corrupt weights"):
        load_bundle(bundle_copy)


def test_shape_mismatch(bundle_copy):
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["model"]["dec_hid"] += 8
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match="shape mismatch") as err:
        Translator.load(bundle_copy, device="cpu")
    assert str(bundle_copy) in str(err.value)


class _RunsCode:
    def __reduce__(self):
        import os

        return (os.system, ("touch PWNED",))


def test_a_bundle_that_would_run_code_is_refused(bundle_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (bundle_copy / "model.pt").write_bytes(pickle.dumps({"weights": _RunsCode()}))
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["weights"] = "model.pt"
    cfg.pop("sha256")
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match="refused"):
        load_bundle(bundle_copy)
    with pytest.raises(CheckpointError, match="refused"):
        load_bundle(bundle_copy / "model.pt")
    assert not (tmp_path / "PWNED").exists()


def test_garbage_tokenizer_with_a_matching_checksum_is_a_checkpoint_error(bundle_copy):
    """A spm.model that is not SentencePiece (its checksum updated to match) gave
    sentencepiece's RuntimeError traceback from `translate --model`; now a message."""
    import hashlib

    (bundle_copy / "spm.model").write_bytes(b"garbage\n")
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg.setdefault("sha256", {})["spm.model"] = hashlib.sha256(b"garbage\n").hexdigest()
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match="corrupt tokenizer") as err:
        load_bundle(bundle_copy)
    assert "spm.model" in str(err.value)


@pytest.mark.parametrize("edit, message", [({"vocab_size": -1}, "vocab_size"), ({"emb_dim": 0}, "emb_dim"),
                                           ({"dec_hid": "512"}, "dec_hid"), ({"dropout": 1.5}, "dropout"),
                                           ({"pad_id": 10**9}, "pad_id")])
def test_impossible_model_settings_are_checkpoint_errors(bundle_copy, edit, message):
    """vocab_size -1 in config.json gave torch's 'negative dimension' traceback."""
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["model"].update(edit)
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match=f"invalid model config.*{message}"):
        load_bundle(bundle_copy)


def test_model_settings_that_are_not_a_table(bundle_copy):
    cfg = json.loads((bundle_copy / "config.json").read_text())
    cfg["model"] = "x"
    (bundle_copy / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(CheckpointError, match="expected a table of settings, not str"):
        load_bundle(bundle_copy)
