"""User settings in QSettings.

When TRANSLATOR_DATA_DIR is set (tests, portable installs) the settings live in an INI file
there, so nothing leaks into the real user profile; otherwise the platform's native store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings

from ..engine.config import DecodeConfig, DecodeConfigError

ORGANIZATION = "translator-app"
APPLICATION = "translator-app"
DEVICES = ("auto", "cpu", "cuda", "mps")
THEMES = ("system", "light", "dark")


@dataclass
class Settings:
    beam: int = 5
    n_best: int = 3
    device: str = "auto"
    live_preview: bool = False  # translate-as-you-type (greedy, debounced)
    theme: str = "system"
    font_size: int = 0  # 0 = the system default
    src_lang: str = "de"
    tgt_lang: str = "en"
    heatmap_level: str = "word"  # heatmap axis: "word" (what a person reads) or "piece"
    ui_language: str = ""  # "" = follow the system locale

    def clamp(self) -> "Settings":
        self.beam, self.n_best = _decoding(self.beam, self.n_best)
        if self.device not in DEVICES:
            self.device = "auto"
        if self.theme not in THEMES:
            self.theme = "system"
        self.font_size = 0 if not self.font_size else max(7, min(int(self.font_size), 32))
        if self.heatmap_level not in ("word", "piece"):
            self.heatmap_level = "word"
        if (self.src_lang, self.tgt_lang) not in (("de", "en"), ("en", "de")):
            self.src_lang, self.tgt_lang = "de", "en"
        return self

    def decode_config(self) -> DecodeConfig:
        """A request's decoding options. clamp() validated them, the GUI's one check: the
        queue passes this on as it is (and the engine checks its own input)."""
        return DecodeConfig(beam=self.beam, n_best=self.n_best)


def _decoding(beam, n_best) -> tuple[int, int]:
    """Beam and n-best as DecodeConfig.validated() allows: its limits, no copy of them here.
    N-best is lowered to the beam (the dialog's promise); an option out of range gets its default."""
    default = Settings()
    try:
        beam, n_best = int(beam), int(n_best)
    except (TypeError, ValueError):
        return default.beam, default.n_best
    for _ in range(3):
        try:
            cfg = DecodeConfig(beam=beam, n_best=min(n_best, beam)).validated()
            return cfg.beam, cfg.n_best
        except DecodeConfigError as exc:
            if exc.option == "beam":
                beam = default.beam
            else:
                n_best = default.n_best
    return default.beam, default.n_best


def qsettings() -> QSettings:
    directory = os.environ.get("TRANSLATOR_DATA_DIR")
    if directory:
        return QSettings(os.path.join(directory, "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def load_settings(store: QSettings | None = None) -> Settings:
    store = store or qsettings()
    s = Settings()
    for f in fields(Settings):
        if not store.contains(f.name):
            continue
        raw = store.value(f.name)
        try:
            if f.type in ("bool", bool):
                value = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            elif f.type in ("int", int):
                value = int(raw)
            else:
                value = str(raw)
        except (TypeError, ValueError):
            continue
        setattr(s, f.name, value)
    return s.clamp()


def save_settings(s: Settings, store: QSettings | None = None) -> None:
    store = store or qsettings()
    for f in fields(Settings):
        store.setValue(f.name, getattr(s, f.name))
    store.sync()
