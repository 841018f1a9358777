"""Issue 24's "done when", on the bundled model: the list of inputs that lose words
(tests/data/drops-de.txt, measured by tests/benchmarks/drops.py) has no silent drop and the
repairs lose fewer words than decoding without them; and an input the model copies back
untranslated is warned, word by word."""

import pytest

from benchmarks.drops import DATA, measure, read
from translator_app.engine.config import DecodeConfig


@pytest.fixture(scope="module")
def bundled():
    from translator_app.engine.translator import Translator

    return Translator.load(device="cpu")


def test_the_drop_list_has_no_silent_drop_and_the_repairs_lose_fewer_words(bundled):
    cases = read(DATA)
    assert len(cases) >= 40
    base = bundled.config.with_(beam=5)
    off = measure(bundled, cases, base.with_(repair=False, no_word_twice=False, coverage_penalty=0.0), False)
    on = measure(bundled, cases, base, False)
    assert on["losing"] == on["losing_warned"], "an input lost a word with no 'dropped' warning"
    assert on["lost"] < off["lost"]


def test_words_copied_back_untranslated_are_warned(bundled):
    # the model copies this one back as it came (issue 24): "high" confidence, no warning
    text = "<b>Hallo</b> 🍕 ACHTUNG: ZUG"
    result = bundled.translate(text, "de", "en", DecodeConfig(beam=5))
    dropped = {w for loss in result.losses if loss.kind == "dropped" for w in loss.source_words}
    for word in ("Hallo", "ACHTUNG", "ZUG"):
        assert word not in result.translation or word in dropped, (result.translation, result.losses)
