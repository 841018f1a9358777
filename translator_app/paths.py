"""The one place that locates resources/, models/ and the user's data directories."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "translator-app"
DEFAULT_BUNDLE = "de-en"


def _candidates(sub: str) -> list[Path]:
    here = Path(__file__).resolve().parent
    found = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(Path(frozen) / sub)
    found.append(here.parent / sub)                          # source checkout / editable install
    found.append(Path(sys.prefix) / "share" / APP_NAME / sub)  # wheel data-files
    return found


def resources_dir() -> Path:
    for path in _candidates("resources"):
        if path.is_dir():
            return path
    return _candidates("resources")[-1]


def models_dir() -> Path:
    env = os.environ.get("TRANSLATOR_MODELS_DIR")
    if env:
        return Path(env)
    for path in _candidates("models"):
        if (path / DEFAULT_BUNDLE).is_dir():
            return path
    return _candidates("models")[0]


def default_model_path() -> Path:
    return models_dir() / DEFAULT_BUNDLE


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _udd

    return Path(os.environ.get("TRANSLATOR_DATA_DIR") or _udd(APP_NAME, appauthor=False))


def user_memory_path() -> Path:
    """Your translation memory (tm/store.py), in the user data directory."""
    return user_data_dir() / "memory.sqlite3"


def user_cache_dir() -> Path:
    from platformdirs import user_cache_dir as _ucd

    return Path(os.environ.get("TRANSLATOR_CACHE_DIR") or _ucd(APP_NAME, appauthor=False))


def dictionary_data() -> Path:
    """The packaged Ding data (xz); TRANSLATOR_DICTIONARY_DATA overrides it."""
    env = os.environ.get("TRANSLATOR_DICTIONARY_DATA")
    return Path(env) if env else resources_dir() / "dictionary" / "de-en.xz"


def examples_data() -> Path:
    """The packaged example sentences (xz); TRANSLATOR_EXAMPLES_DATA overrides it."""
    env = os.environ.get("TRANSLATOR_EXAMPLES_DATA")
    return Path(env) if env else resources_dir() / "examples" / "de-en-examples.xz"
