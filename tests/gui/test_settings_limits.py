"""The GUI's beam and n-best are checked by engine/config.DecodeConfig.validated(), the one
place the decoding limits live (issue 19: no second set of limits in the GUI)."""

from __future__ import annotations

import subprocess
import sys

from translator_app.engine import config
from translator_app.gui.settings import Settings


def _clamped(beam, n_best) -> tuple[int, int]:
    s = Settings(beam=beam, n_best=n_best).clamp()
    return s.beam, s.n_best


def test_the_engine_limits_apply():
    assert _clamped(config.MAX_BEAM, config.MAX_BEAM) == (config.MAX_BEAM, config.MAX_BEAM)
    assert _clamped(config.MAX_BEAM + 1, 2) == (Settings().beam, 2)  # out of range: the default
    assert _clamped(0, 1) == (Settings().beam, 1)
    assert _clamped(4, 0) == (4, Settings().n_best)
    assert _clamped(4, 9) == (4, 4)  # n-best is lowered to the beam, as the dialog promises
    assert _clamped("many", 2) == (Settings().beam, Settings().n_best)


def test_the_limit_is_read_from_the_engine(monkeypatch):
    monkeypatch.setattr(config, "MAX_BEAM", 8)
    assert _clamped(10, 2) == (Settings().beam, 2)
    assert _clamped(8, 8) == (8, 8)


def test_the_dialog_offers_the_engines_range_and_keeps_a_saved_32(qtbot):
    from translator_app.gui.dialogs import SettingsDialog

    dialog = SettingsDialog(Settings(beam=32, n_best=20))
    qtbot.addWidget(dialog)
    assert dialog.beam.maximum() == dialog.n_best.maximum() == config.MAX_BEAM
    assert (dialog.beam.value(), dialog.n_best.value()) == (32, 20)  # not lowered to 16
    s = dialog.result_settings()
    assert s.decode_config() == config.DecodeConfig(beam=32, n_best=20)


def test_settings_do_not_import_torch():
    code = ("import sys, translator_app.gui.settings, translator_app.gui.dialogs; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
