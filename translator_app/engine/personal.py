"""The personal model: the bundled model fine-tuned on the user's corrections (`teach`).

It is a normal bundle in the user data directory (``models/personal``) whose config.json
carries a ``personal`` table: the bundled model it was made from (name and weights sha256),
how many corrections it learned and the memory's latest id at the time (``Unlearned``: one
it did not learn, as `teach --progress-lines` tells the window). The app prefers it
to the bundled model only while it was made from the bundled model now installed; one made
from another version is moved aside (never deleted: it is the user's) with a message.
No torch here: only config.json is read.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import default_model_path, user_data_dir
from .checkpoint import CONFIG_FILE, WEIGHTS_FILE

PERSONAL_KEY = "personal"


@dataclass(frozen=True)
class Unlearned:
    """A correction the model alone does not give after teach (your memory still does):
    ``reason`` "long" (over the recipe's max_len pieces, not taught), "near" (its edit
    would also change sentences close to it, so it was held back) or "steps" (learning
    reached its step limit first). One JSON line each way:
    ``to_json`` (teach_cli.py), ``from_json`` (gui/teach_runner.py)."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    reason: str

    def to_json(self) -> str:
        return json.dumps({"source": self.source, "target": self.target, "src_lang": self.src_lang,
                           "tgt_lang": self.tgt_lang, "reason": self.reason}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Optional["Unlearned"]:
        """The line's Unlearned; None when it is not one."""
        try:
            d = json.loads(text)
        except ValueError:
            return None
        fields = ("source", "target", "src_lang", "tgt_lang", "reason")
        if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in fields):
            return None
        return cls(*(d[k] for k in fields))


def elide(text: str, limit: int = 60) -> str:
    """``text`` on one line, at most ``limit`` characters: a longer one is cut at a word
    boundary (where one is near) and ends with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = len(cut) if text[len(cut)] == " " else cut.rfind(" ")   # the cut may end a word
    return (cut[:space] if space >= limit // 2 else cut).rstrip(" ,;:.") + "…"


@dataclass(frozen=True)
class PersonalInfo:
    """What a personal bundle records about itself."""

    path: Path
    base_name: str
    base_sha256: str
    corrections: int
    last_memory_id: int
    taught_at: str

    def to_meta(self) -> dict:
        return {"base_name": self.base_name, "base_sha256": self.base_sha256,
                "corrections": self.corrections, "last_memory_id": self.last_memory_id,
                "taught_at": self.taught_at}


@dataclass(frozen=True)
class Choice:
    """The bundle to load when none is named, and a note for the user (or None)."""

    path: Path
    base: Path                         # the bundled model (the fall-back)
    personal: Optional[PersonalInfo]
    note: Optional[str] = None


def personal_path() -> Path:
    return user_data_dir() / "models" / "personal"


def _config(path: Path) -> dict:
    """config.json of a bundle; {} when missing or unreadable."""
    try:
        meta = json.loads((Path(path) / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def base_identity(base: Path | None = None) -> tuple[str, str]:
    """(name, weights sha256) of a bundled model, from its config.json (no hashing: the
    bundle's own checksum table is checked when it loads)."""
    base = Path(base) if base is not None else default_model_path()
    meta = _config(base)
    sha = (meta.get("sha256") or {}).get(WEIGHTS_FILE, "") if isinstance(meta.get("sha256"), dict) else ""
    return base.name, str(sha)  # the folder ("de-en"): a run's config names the run instead


def read_info(path: Path | None = None) -> Optional[PersonalInfo]:
    """The ``personal`` table of a bundle, or None when it is not a personal bundle."""
    path = Path(path) if path is not None else personal_path()
    table = _config(path).get(PERSONAL_KEY)
    if not isinstance(table, dict):
        return None
    try:
        return PersonalInfo(path, str(table.get("base_name", "")), str(table.get("base_sha256", "")),
                            int(table.get("corrections", 0)), int(table.get("last_memory_id", 0)),
                            str(table.get("taught_at", "")))
    except (TypeError, ValueError):
        return None


def label(info: PersonalInfo) -> str:
    """The model's name for the CLI: "de-en + 40 of your corrections"."""
    return f"{info.base_name} + {info.corrections} of your corrections"


def set_aside(path: Path, why: str) -> str:
    """Move a personal bundle out of the way (kept for the user); the message to show."""
    aside = path.with_name(f"{path.name}.set-aside-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(aside)
    except OSError as exc:
        return f"Your taught model in {path} {why}; it could not be set aside ({exc.strerror or exc}), so the bundled model is used."
    return f"Your taught model {why}, so it was set aside in {aside} and the bundled model is used; teach again to rebuild it."


def choose(base: Path | None = None) -> Choice:
    """The bundle to load by default: a valid personal model, else the bundled one."""
    base = Path(base) if base is not None else default_model_path()
    path = personal_path()
    if not path.exists():
        return Choice(base, base, None)
    info = read_info(path)
    if info is None:
        return Choice(base, base, None, set_aside(path, "is not readable (no personal table in its config.json)"))
    name, sha = base_identity(base)
    if info.base_sha256 != sha:
        return Choice(base, base, None, set_aside(
            path, f"was made from another version of the bundled model ({info.base_name} "
                  f"{info.base_sha256[:12] or '?'}; installed: {name} {sha[:12] or '?'})"))
    return Choice(path, base, info)


def reset() -> bool:
    """Remove the personal model (back to the bundled one); False when there was none.
    Renamed away first, so a reader never finds half a bundle."""
    path = personal_path()
    if not path.exists():
        return False
    gone = path.with_name(f".{path.name}.removed-{time.time_ns()}")
    path.rename(gone)
    shutil.rmtree(gone, ignore_errors=True)
    return True


def remove_leftovers() -> None:
    """Temporary folders of teach runs killed before their swap (save_bundle's ``.personal.*``)."""
    folder = personal_path().parent
    if folder.is_dir():
        for stale in folder.glob(f".{personal_path().name}.*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
