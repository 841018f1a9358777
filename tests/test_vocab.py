"""fit_vocab_size: a small corpus gets the largest vocabulary it supports, with a message."""

from __future__ import annotations

import pytest

from helpers import TINY_CORPUS
from translator_app.engine.tokenizer import Tokenizer
from translator_app.training import vocab
from translator_app.training.readers.tabular import load_tsv


@pytest.fixture(scope="module")
def text_600(tmp_path_factory):
    """The SentencePiece text of a 600-pair corpus, written as training writes it."""
    pairs = load_tsv(TINY_CORPUS / "train.tsv")[:400]
    pairs += [(f"Der Zug Nummer {i} fährt um {i % 24} Uhr ab.", f"Train number {i} leaves at {i % 24} o'clock.")
              for i in range(200)]
    assert len(pairs) == 600
    path = tmp_path_factory.mktemp("vocab") / "spm-train.txt"
    path.write_text("".join(de + "\n" + en + "\n" for de, en in pairs), encoding="utf-8")
    return path


def test_default_size_is_lowered_to_what_600_pairs_support(text_600, tmp_path):
    with pytest.raises(RuntimeError, match="Vocabulary size too high"):
        Tokenizer.train(text_600, tmp_path / "raw", 8000)  # what `train` used to die of
    size, message = vocab.fit_vocab_size(8000, text_600)
    assert 300 < size < 8000
    assert "8,000" in message and f"{size:,}" in message
    model = Tokenizer.train(text_600, tmp_path / "fit", size)
    assert Tokenizer.from_file(model).vocab_size == size
    with pytest.raises(RuntimeError):
        Tokenizer.train(text_600, tmp_path / "over", size + 1)  # and it is the most


def test_a_size_that_fits_is_kept_without_a_message(text_600):
    assert vocab.fit_vocab_size(500, text_600) == (500, None)


def test_a_large_file_is_probed_on_a_sample_then_on_all(text_600, monkeypatch):
    exact, _ = vocab.fit_vocab_size(8000, text_600)
    calls = []
    trial = vocab._trial
    monkeypatch.setattr(vocab, "_trial", lambda *a, **k: calls.append(a[2:] or k) or trial(*a, **k))
    monkeypatch.setattr(vocab, "SAMPLE_LINES", 300)  # the 1,200 lines are "large" now
    assert vocab.fit_vocab_size(8000, text_600)[0] == exact
    assert len(calls) == 2  # the sample was too small, so all lines were asked
    calls.clear()
    assert vocab.fit_vocab_size(400, text_600) == (400, None)
    assert len(calls) == 1  # the sample alone settles a size that fits


def test_too_small_or_empty_gets_a_message(text_600, tmp_path):
    with pytest.raises(vocab.VocabSizeError, match=r"--vocab-size 100 is below the \d+ pieces"):
        vocab.fit_vocab_size(100, text_600)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(vocab.VocabSizeError, match="no text"):
        vocab.fit_vocab_size(8000, empty)
