"""Checkpoint bundles: a directory holding

- ``config.json``: format name and version, the ModelConfig, languages, file names, checksums;
- ``model.safetensors``: the weights (fp16 or fp32). Loading never runs code;
- ``spm.model``: the SentencePiece model;
- ``README.md``: the model card.

Every problem on load raises one ``CheckpointError`` that names the problem and the path.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import file_sha256 as sha256_file  # the one file hash (also the corpus's)
from ..fsutil import replace_dir
from .config import ModelConfig

FORMAT_NAME = "translator-app-bundle"
FORMAT_VERSION = 1
CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"
SPM_FILE = "spm.model"
CARD_FILE = "README.md"
PICKLE_SUFFIXES = {".pt", ".pth", ".bin", ".pkl", ".ckpt"}


class CheckpointError(Exception):
    """A bundle could not be loaded. The message names the problem and the path."""


@dataclass
class Bundle:
    path: Path
    config: ModelConfig
    meta: dict
    state_dict: dict
    spm_proto: bytes
    card: str = ""
    languages: list[str] = field(default_factory=lambda: ["de", "en"])

    @property
    def name(self) -> str:
        return self.meta.get("name") or self.path.name


def save_bundle(path: str | Path, model, spm_proto: bytes, meta: dict | None = None,
                card: str = "", dtype: str = "float16") -> Path:
    """Write a bundle atomically: into a temp dir beside ``path``, then rename."""
    import torch
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp makes it owner-only; a bundle is meant to be shared
        torch_dtype = {"float16": torch.float16, "float32": torch.float32, "bfloat16": torch.bfloat16}[dtype]
        # shared (tied) tensors are stored once by name; safetensors refuses aliases
        state = {}
        seen = {}
        for key, tensor in model.state_dict().items():
            ptr = tensor.data_ptr()
            if ptr in seen:
                continue
            seen[ptr] = key
            tensor = tensor.detach().cpu()
            if tensor.is_floating_point():
                tensor = tensor.to(torch_dtype)
            state[key] = tensor.contiguous()
        save_file(state, str(tmp / WEIGHTS_FILE), metadata={"format": FORMAT_NAME})
        (tmp / SPM_FILE).write_bytes(spm_proto)
        (tmp / CARD_FILE).write_text(card or "# Model card\n\n(no card written)\n", encoding="utf-8")
        config = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "model": model.config.to_dict(),
            "languages": ["de", "en"],
            "directions": [["de", "en"], ["en", "de"]],
            "weights": WEIGHTS_FILE,
            "weights_dtype": dtype,
            "tokenizer": SPM_FILE,
            "card": CARD_FILE,
            "aliases": {k: v for k, v in _aliases(model).items()},
            "sha256": {name: sha256_file(tmp / name) for name in (WEIGHTS_FILE, SPM_FILE)},
            **(meta or {}),
        }
        (tmp / CONFIG_FILE).write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
        # safetensors writes its file owner-only (0600); give it the mode the others got
        os.chmod(tmp / WEIGHTS_FILE, stat.S_IMODE((tmp / CONFIG_FILE).stat().st_mode))
        replace_dir(tmp, path)  # swapped in one step: a reader never finds the bundle missing
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def _aliases(model) -> dict[str, str]:
    """state_dict keys that share storage with an earlier key (tied embeddings)."""
    seen, aliases = {}, {}
    for key, tensor in model.state_dict().items():
        ptr = tensor.data_ptr()
        if ptr in seen:
            aliases[key] = seen[ptr]
        else:
            seen[ptr] = key
    return aliases


def load_bundle(path: str | Path) -> Bundle:
    """Read and check a bundle. Raises CheckpointError naming the problem and the path."""
    path = Path(path)
    if not path.exists():
        raise CheckpointError(f"model not found: {path} does not exist")
    if path.is_file():
        if path.suffix in PICKLE_SUFFIXES:
            return _refuse_or_load_pickle(path)
        raise CheckpointError(f"not a model bundle: {path} is a file; pass the bundle directory")
    config_path = path / CONFIG_FILE
    if not config_path.is_file():
        raise CheckpointError(f"missing file: {config_path} (not a translator-app bundle?)")
    try:
        meta = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"corrupt config: {config_path} is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise CheckpointError(f"not a translator-app bundle: {config_path} has format {meta.get('format') if isinstance(meta, dict) else None!r}")
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise CheckpointError(
            f"unsupported format version {version!r} in {config_path} (this app reads version {FORMAT_VERSION})")
    try:
        config = ModelConfig.from_dict(meta["model"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"invalid model config in {config_path}: {exc}") from exc

    weights_name = meta.get("weights", WEIGHTS_FILE)
    weights_path = path / weights_name
    spm_path = path / meta.get("tokenizer", SPM_FILE)
    for needed in (weights_path, spm_path):
        if not needed.is_file():
            raise CheckpointError(f"missing file: {needed}")
    checksums = meta.get("sha256") or {}
    if not isinstance(checksums, dict):
        raise CheckpointError(f"invalid config: \"sha256\" in {config_path} is not a table of checksums")
    for name, expected in checksums.items():
        try:
            actual = sha256_file(path / str(name))
        except OSError as exc:
            raise CheckpointError(f"missing file: {path / str(name)} (listed in {config_path}; {exc.strerror})") from exc
        if actual != expected:
            raise CheckpointError(f"corrupt file: checksum of {path / name} does not match {config_path}")

    if weights_path.suffix in PICKLE_SUFFIXES:
        state = _load_pickle_weights(weights_path)
    elif weights_path.suffix == ".safetensors":
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            state = load_file(str(weights_path))
        except (SafetensorError, OSError, ValueError, RuntimeError) as exc:
            raise CheckpointError(f"corrupt weights: {weights_path} could not be read ({exc})") from exc
    else:
        raise CheckpointError(f"unknown weights format: {weights_path}")
    for alias, target in (meta.get("aliases") or {}).items():
        if target in state:
            state[alias] = state[target]
    spm_proto = spm_path.read_bytes()
    _check_tokenizer(spm_proto, spm_path)
    card_path = path / meta.get("card", CARD_FILE)
    card = card_path.read_text(encoding="utf-8", errors="replace") if card_path.is_file() else ""
    return Bundle(path=path, config=config, meta=meta, state_dict=state,
                  spm_proto=spm_proto, card=card,
                  languages=list(meta.get("languages", ["de", "en"])))


def _check_tokenizer(proto: bytes, spm_path: Path) -> None:
    """A SentencePiece file that does not parse, or lacks the language tags, is a damaged
    bundle (CheckpointError), not sentencepiece's RuntimeError traceback."""
    from .tokenizer import Tokenizer

    try:
        Tokenizer(proto)
    except (RuntimeError, ValueError, OSError) as exc:
        detail = str(exc).strip() or exc.__class__.__name__
        if "ParseFromArray" in detail:
            detail = "not a SentencePiece model"
        raise CheckpointError(f"corrupt tokenizer: {spm_path} could not be read ({detail})") from exc


def _load_pickle_weights(path: Path) -> dict:
    """torch.load with weights_only=True: a pickle that would run code is refused."""
    import pickle

    import torch

    try:
        state = torch.load(str(path), map_location="cpu", weights_only=True)
    except (pickle.UnpicklingError, RuntimeError, EOFError, OSError, ValueError, AttributeError) as exc:
        raise CheckpointError(
            f"refused to load {path}: it is not a plain weights file and may run code on load ({exc.__class__.__name__})") from exc
    if not isinstance(state, dict):
        raise CheckpointError(f"refused to load {path}: expected a dict of tensors")
    return state


def _refuse_or_load_pickle(path: Path) -> Bundle:
    _load_pickle_weights(path)  # raises for anything unsafe
    raise CheckpointError(f"not a model bundle: {path} holds bare weights; a bundle directory with config.json is needed")


def apply_state(model, bundle: Bundle) -> None:
    """Load weights into a freshly built model, with one clear error on any mismatch."""
    expected = model.state_dict()
    state = bundle.state_dict
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    if missing or unexpected:
        raise CheckpointError(
            f"weights do not match the config in {bundle.path}: missing {missing[:5]}, unexpected {unexpected[:5]}")
    for key, tensor in expected.items():
        if tuple(state[key].shape) != tuple(tensor.shape):
            raise CheckpointError(
                f"shape mismatch in {bundle.path}: {key} is {tuple(state[key].shape)}, config expects {tuple(tensor.shape)}")
    model.load_state_dict({k: v.to(expected[k].dtype) for k, v in state.items()})
