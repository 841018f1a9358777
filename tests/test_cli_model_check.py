"""`translate --no-model-check` turns off the leave-one-out check of dropped words
(DecodeConfig.check_left_out); out-of-range decoding options stay usage errors."""

from __future__ import annotations

import pytest

from translator_app.cli import _parser
from translator_app.cli_translate import UsageError, decode_config


def _args(*argv):
    return _parser().parse_args(["translate", *argv])


def test_the_model_check_is_on_by_default_and_the_flag_turns_it_off():
    assert decode_config(_args()).check_left_out is True
    cfg = decode_config(_args("--no-model-check", "--beam", "3"))
    assert cfg.check_left_out is False and cfg.beam == 3 and cfg.repair is True  # only the check goes


def test_bad_decoding_options_are_still_usage_errors():
    with pytest.raises(UsageError, match="--n-best"):
        decode_config(_args("--beam", "2", "--n-best", "3"))
