"""Back-translation: synthetic German for the English-only DDTP descriptions.

A model translates monolingual English into German; the pairs (synthetic German, real
English) then train the de->en direction only (``translator-app train --backtranslated``),
so the model never learns to produce its own synthetic German.

English sentences are left out when they hash to a held-out value, equal a side of the
corpus's dev or test split (after the held-out normalisation), or are already a target in
train.tsv (after the de-duplication normalisation).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

from . import readers
from ..fsutil import file_sha256
from ..heldout import clean_field, heldout_hash
from .cleaning import dedup_key
from .split import split_hash

BT_FILE = "backtranslated.tsv"
BT_INFO = "backtranslated.json"


def select_sentences(ddtp_dir, corpus_dir, heldout: set, limit: Optional[int] = None, seed: int = 0,
                     max_chars: int = 250, max_words: int = 60, stats: Optional[Counter] = None) -> list[str]:
    """English-only DDTP sentences fit for back-translation, in a seed-fixed order, at most
    ``limit`` of them."""
    stats = stats if stats is not None else Counter()
    corpus_dir = Path(corpus_dir)
    de_path, en_path = readers.find_ddtp_files(ddtp_dir)
    excluded = set(heldout)
    for name in ("dev.tsv", "test.tsv"):
        if (corpus_dir / name).is_file():
            for de, en in readers.load_tsv(corpus_dir / name):
                excluded.add(heldout_hash(de))
                excluded.add(heldout_hash(en))
    train_targets = {dedup_key(en) for _, en in readers.load_tsv(corpus_dir / "train.tsv")}
    kept = []
    for raw in readers.read_ddtp_english_only(de_path, en_path, stats):
        sentence = clean_field(raw)
        if not sentence or len(sentence) > max_chars or len(sentence.split()) > max_words:
            stats["bt_too_long"] += 1
        elif heldout_hash(sentence) in excluded:
            stats["bt_heldout_or_eval"] += 1
        elif dedup_key(sentence) in train_targets:
            stats["bt_already_in_train"] += 1
        else:
            kept.append(sentence)
    stats["bt_candidates"] = len(kept)
    kept.sort(key=lambda s: split_hash(s, seed))
    return kept[:limit] if limit else kept


def backtranslate(translator, sentences: list[str], cfg=None, chunk: int = 1000,
                  progress: Optional[Callable[[int, int], None]] = None) -> list[tuple[str, str]]:
    """Translate English ``sentences`` into German with the DecodeConfig ``cfg`` (default:
    greedy); return ``(german, english)`` pairs.

    Empty outputs and outputs equal to the source (nothing translated) are dropped.
    """
    if cfg is None:
        from ..engine.config import DecodeConfig

        cfg = DecodeConfig(beam=1)
    pairs = []
    for start in range(0, len(sentences), chunk):
        part = sentences[start:start + chunk]
        for en, result in zip(part, translator.translate_many(part, "en", "de", cfg)):
            de = clean_field(result.translation)
            if de and de != en:
                pairs.append((de, en))
        if progress:
            progress(min(start + chunk, len(sentences)), len(sentences))
    return pairs


def write_backtranslated(corpus_dir, pairs: list[tuple[str, str]], info: dict) -> Path:
    """Write ``corpus_dir/backtranslated.tsv`` (German TAB English) and its ``.json`` record,
    each through a temporary file so an interrupted run leaves no half file."""
    corpus_dir = Path(corpus_dir)
    out = corpus_dir / BT_FILE
    tmp = out.with_suffix(".tsv.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for de, en in pairs:
            fh.write(f"{de}\t{en}\n")
    os.replace(tmp, out)
    info = dict(info, pairs=len(pairs), tsv_sha256=file_sha256(out), written=time.strftime("%Y-%m-%d %H:%M:%S"))
    tmp_info = corpus_dir / (BT_INFO + ".tmp")
    tmp_info.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp_info, corpus_dir / BT_INFO)
    return out
