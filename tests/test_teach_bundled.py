"""`teach` on the bundled model: the corrections come out, and sentences unrelated to them
come out exactly as before (the edits fire only near a corrected sentence's states).
The full measurement, 40 + 40 sentences, is tests/benchmarks/teach_targets.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "teach"


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _translate(translator, rows, cfg) -> list[str]:
    out = {}
    for lang, other in (("de", "en"), ("en", "de")):
        idx = [i for i, r in enumerate(rows) if r[0] == lang]
        for i, t in zip(idx, translator.translate_many([rows[i][1] for i in idx], lang, other, cfg)):
            out[i] = t.translation
    return [out[i] for i in range(len(rows))]


def test_teach_learns_corrections_and_keeps_unrelated_sentences(tmp_path, monkeypatch):
    from translator_app.engine import personal
    from translator_app.engine.translator import Translator
    from translator_app.training.teach import _near_misses, teach

    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path / "data"))
    corrections = _rows("corrections.tsv")[::5] + _rows("corrections.tsv")[-2:]   # 8 + 2 en->de
    unrelated = _rows("unrelated.tsv")[::2]
    # each corrected source with one word left out: the edits must not write the correction
    # (the missing word's translation included) for them
    near = [["de", m.source] for m in _near_misses(_corrections(corrections)) if m.src_lang == "de"][::3]
    bundled = Translator.load(personal.default_model_path())
    cfg = replace(bundled.config, repair=False, check_left_out=False)  # the model alone
    before = _translate(bundled, corrections + unrelated + near, cfg)
    assert sum(b == r[2] for b, r in zip(before, corrections)) <= 1  # they are corrections
    result = teach(_corrections(corrections), replay_pairs=300)
    assert result.learned == len(corrections)
    taught = Translator.load()
    assert taught.bundle.path == personal.personal_path()
    after = _translate(taught, corrections + unrelated + near, cfg)
    # beam search may still prefer a path the edits do not reach (one of the 40 in the benchmark
    # at some radii); the target is 36 of 40
    assert sum(a == r[2] for a, r in zip(after, corrections)) >= len(corrections) - 1, after
    n = len(corrections) + len(unrelated)
    # the target is 35 of 40 unrelated sentences kept (the benchmark keeps 40/40 with
    # the default 1,000 replay pairs); with this test's 300 the step-22,800 bundle changed one of
    # 20 ("Er fährt mit dem Fahrrad zur Arbeit." -> "He drives a bicycle to work.")
    changed = [(b, a) for b, a in zip(before[len(corrections):n], after[len(corrections):n]) if a != b]
    assert len(changed) <= 1, changed
    kept = sum(a == b for a, b in zip(after[n:], before[n:]))
    assert len(near) >= 8 and kept >= len(near) - 1, list(zip(near, before[n:], after[n:]))


def _corrections(rows):
    from translator_app.training.teach import Correction

    return [Correction(r[1], r[2], r[0], "en" if r[0] == "de" else "de") for r in rows]
