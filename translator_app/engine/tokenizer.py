"""SentencePiece wrapper: text <-> ids <-> pieces, with target-language tags."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..languages import TAGS as LANG_TAGS  # the one table of tags

PAD, UNK, BOS, EOS = 0, 1, 2, 3

_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Terminal colour and title codes pasted from a shell ("\x1b[31m", "\x1b]0;title\x07") go whole,
# so no "[31m" is left behind for the model to translate.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")


def _kept_format_char(ch: str) -> bool:
    """The zero-width joiner and the tag characters build emoji ("👩‍💻", "🏴󠁧󠁢󠁥󠁮󠁧󠁿"); split_emoji takes them out."""
    return ch == "\u200d" or "\U000e0020" <= ch <= "\U000e007f"


def clean_text(text: str) -> str:
    """NFC-normalise and turn control/format characters into spaces (tab/newline included).

    Emoji and every other printable character pass through; byte fallback encodes them.
    """
    text = _ANSI_ESCAPE.sub(" ", unicodedata.normalize("NFC", text))
    out = []
    for ch in text:
        if unicodedata.category(ch) in _CONTROL_CATEGORIES and not _kept_format_char(ch):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


class Tokenizer:
    """A SentencePiece model shared by German and English."""

    def __init__(self, model_proto: bytes):
        import sentencepiece as spm

        self.proto = model_proto
        self.sp = spm.SentencePieceProcessor()
        self.sp.LoadFromSerializedProto(model_proto)
        self.lang_ids = {lang: self.sp.PieceToId(tag) for lang, tag in LANG_TAGS.items()}
        for lang, idx in self.lang_ids.items():
            if idx == UNK:
                raise ValueError(f"SentencePiece model lacks the language tag {LANG_TAGS[lang]}")

    @classmethod
    def from_file(cls, path: str | Path) -> "Tokenizer":
        return cls(Path(path).read_bytes())

    @staticmethod
    def train(sentences_file: str | Path, model_prefix: str | Path, vocab_size: int,
              input_sentence_size: int = 2_000_000, seed: int = 1) -> Path:
        """Train a model with byte fallback, so no input character is ever lost."""
        import sentencepiece as spm

        spm.SentencePieceTrainer.Train(
            input=str(sentences_file), model_prefix=str(model_prefix), vocab_size=vocab_size,
            model_type="unigram", character_coverage=0.9995, byte_fallback=True,
            pad_id=PAD, unk_id=UNK, bos_id=BOS, eos_id=EOS,
            user_defined_symbols=list(LANG_TAGS.values()),
            split_digits=True, normalization_rule_name="identity",
            input_sentence_size=input_sentence_size, shuffle_input_sentence=True,
            num_threads=2, minloglevel=2,
        )
        return Path(f"{model_prefix}.model")

    @property
    def vocab_size(self) -> int:
        return self.sp.GetPieceSize()

    def encode(self, text: str) -> list[int]:
        return self.sp.EncodeAsIds(text)

    def encode_source(self, text: str, tgt_lang: str) -> list[int]:
        """Source ids: the target-language tag, the pieces, then EOS."""
        return [self.lang_ids[tgt_lang]] + self.encode(text) + [EOS]

    def decode(self, ids: list[int]) -> str:
        return self.sp.DecodeIds([i for i in ids if i > EOS])

    def pieces(self, ids: list[int]) -> list[str]:
        """Readable pieces; byte-fallback pieces like <0xC3> stay as they are."""
        return [self.sp.IdToPiece(i) for i in ids]
