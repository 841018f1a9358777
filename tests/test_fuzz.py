"""500 seeded random strings through the Translator and the CLI (the full 10,000 run:
python tests/fuzz_translate.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_translate import check_cli, check_translator, fuzz_strings  # noqa: E402
from helpers import subprocess_env  # noqa: E402


def test_fuzz_strings_are_mixed_and_seeded():
    texts = fuzz_strings(500)
    assert texts == fuzz_strings(500) and len(set(texts)) > 450
    joined = "".join(texts)
    for ch in ("\u202e", "\u200b", "\x00", "\u200d", "😀", "中", "א"):
        assert ch in joined
    assert "\n" not in joined


def test_500_random_strings_through_the_translator(tiny_translator):
    check_translator(tiny_translator, fuzz_strings(500), beam=2)


def test_500_random_strings_through_the_cli_keep_one_line_each(tiny_bundle):
    check_cli(fuzz_strings(500, seed=7), str(tiny_bundle), beam=1, env=subprocess_env())
