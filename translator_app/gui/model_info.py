"""A short, human name for the loaded model (status bar, About)."""

from __future__ import annotations

import re
from pathlib import Path

GENERIC_DIRS = {"best", "last", "latest", "final", "bundle", "model", "checkpoint", "export"}
MAX_TITLE = 32


def model_display_name(info: dict) -> str:
    """A short, human name for the status bar: the bundle's directory (e.g. "de-en"; with
    its parent for generic names such as "run/best") plus the model card's title when it
    says more than that. The config's "name" field (often just "main") is the fallback."""
    taught = (info.get("meta") or {}).get("personal")
    if isinstance(taught, dict):  # engine/personal.py: the bundled model plus your corrections
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("ModelInfo", "{0} + {1} of your corrections").format(
            taught.get("base_name") or "?", int(taught.get("corrections", 0)))
    path = Path(info["path"]) if info.get("path") else None
    name = path.name if path is not None and path.name else ""
    if path is not None and name.lower() in GENERIC_DIRS and path.parent.name:
        name = f"{path.parent.name}/{name}"
    name = name or str(info.get("name") or "?")
    title = card_title(info.get("card", ""))
    boring = {name.lower(), str(info.get("name") or "").lower(), "model card", ""}
    if title.lower() in boring:
        return name
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rstrip() + "…"
    return f"{name} · {title}"


def card_title(card: str) -> str:
    """The first Markdown heading of a model card, without the #s."""
    for line in (card or "").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip()
            # "Model card: de-en" names the document, not the model
            return re.sub(r"^model card\s*[:\-–—]\s*", "", title, flags=re.IGNORECASE)
    return ""
