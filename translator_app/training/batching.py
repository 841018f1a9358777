"""Examples for both directions, and length-bucketed, token-based batches.

An example is (source ids, target ids): the source starts with the target-language tag
and ends with EOS; the target ends with EOS (BOS is added when batching).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from ..engine.tokenizer import BOS, EOS, PAD


def read_origins(path: str | Path, count: int) -> list[str]:
    path = Path(path)
    if not path.is_file():
        return ["unknown"] * count
    origins = path.read_text(encoding="utf-8").splitlines()
    return origins if len(origins) == count else ["unknown"] * count


@dataclass
class Example:
    src: list[int]
    tgt: list[int]
    origin: str = ""


def make_examples(pairs, tokenizer, directions=(("de", "en"), ("en", "de")), max_len: int = 100,
                  weights: list[int] | None = None, origins: list[str] | None = None) -> list[Example]:
    """Encode pairs in every direction. ``weights[i]`` repeats pair i (over-sampling);
    ``origins[i]`` is kept on its examples (for per-epoch sampling by origin)."""
    examples = []
    de_ids = tokenizer.sp.EncodeAsIds([p[0] for p in pairs])
    en_ids = tokenizer.sp.EncodeAsIds([p[1] for p in pairs])
    sides = {"de": de_ids, "en": en_ids}
    for src_lang, tgt_lang in directions:
        tag = tokenizer.lang_ids[tgt_lang]
        for i, (s, t) in enumerate(zip(sides[src_lang], sides[tgt_lang])):
            if len(s) >= max_len or len(t) >= max_len:
                continue
            ex = Example([tag] + s + [EOS], t + [EOS], origins[i] if origins else "")
            for _ in range(weights[i] if weights else 1):
                examples.append(ex)
    return examples


def sample_by_origin(examples: list[Example], shares: dict[str, float], seed: int) -> list[int]:
    """Indices of the examples kept this epoch: an origin with share s keeps each of its
    examples with probability s (a fresh draw each epoch); other origins keep all."""
    rng = random.Random(seed)
    return [i for i, ex in enumerate(examples) if ex.origin not in shares or rng.random() < shares[ex.origin]]


def token_batches(examples: list[Example], max_tokens: int, seed: int, shuffle: bool = True,
                  bucket_width: int = 2, indices: list[int] | None = None) -> list[list[int]]:
    """Group example indices (all, or ``indices``) into batches of about ``max_tokens``
    target+source tokens.

    Examples are sorted by length inside large shuffled chunks, so a batch holds similar
    lengths (little padding) but batch order is random. Deterministic for a given seed.
    """
    rng = random.Random(seed)
    order = list(range(len(examples))) if indices is None else list(indices)
    if shuffle:
        rng.shuffle(order)
    chunk = 100 * 64
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start:start + chunk],
                      key=lambda i: (len(examples[i].src) // bucket_width, len(examples[i].tgt)))
        batch, longest = [], 0
        for i in part:
            ex = examples[i]
            size = max(longest, len(ex.src) + len(ex.tgt))
            if batch and size * (len(batch) + 1) > max_tokens:
                batches.append(batch)
                batch, size = [], len(ex.src) + len(ex.tgt)
            batch.append(i)
            longest = size
        if batch:
            batches.append(batch)
    if shuffle:
        rng.shuffle(batches)
    return batches


def shard(batches: list[list[int]], rank: int, world: int) -> list[list[int]]:
    """Distributed sampler: every rank gets the same number of batches, disjoint."""
    usable = len(batches) - len(batches) % world if world > 1 else len(batches)
    return batches[rank:usable:world]


def collate(examples: list[Example], indices: list[int]):
    """-> src [B,S], src_lens [B], tgt_in [B,T] (BOS + target[:-1]), tgt_out [B,T]."""
    import torch

    batch = [examples[i] for i in indices]
    s_len = max(len(e.src) for e in batch)
    t_len = max(len(e.tgt) for e in batch)
    src = torch.full((len(batch), s_len), PAD, dtype=torch.long)
    tgt_in = torch.full((len(batch), t_len), PAD, dtype=torch.long)
    tgt_out = torch.full((len(batch), t_len), PAD, dtype=torch.long)
    for i, e in enumerate(batch):
        src[i, :len(e.src)] = torch.tensor(e.src)
        tgt_in[i, 0] = BOS
        tgt_in[i, 1:len(e.tgt)] = torch.tensor(e.tgt[:-1])
        tgt_out[i, :len(e.tgt)] = torch.tensor(e.tgt)
    src_lens = torch.tensor([len(e.src) for e in batch])
    return src, src_lens, tgt_in, tgt_out
