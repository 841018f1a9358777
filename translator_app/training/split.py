"""The deterministic, hash-based dev/test split, one dev and one test part per domain.

No torch, no Qt here.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from translator_app.training import readers
from translator_app.training.cleaning import Kept, dedup_key

# dev/test parts: which origins each draws from. Every corpus gets dev and test pairs from
# whatever of these it has (a TSV-only corpus gets a conversational part).
DOMAINS: "OrderedDict[str, Tuple[str, ...]]" = OrderedDict((
    ("everyday", (readers.ORIGIN_DING_SENTENCE,)),
    ("technical", (readers.ORIGIN_DDTP, readers.ORIGIN_GETTEXT)),
    ("conversational", (readers.ORIGIN_TSV, readers.ORIGIN_MOSES, readers.ORIGIN_TMX)),
))
EVERYDAY_ORIGINS = DOMAINS["everyday"]


def split_hash(key: str, seed: int) -> int:
    return int.from_bytes(hashlib.sha256(("%d\t%s" % (seed, key)).encode("utf-8")).digest()[:8], "big")


@dataclass
class SplitResult:
    train: List[Kept]
    dev_parts: "OrderedDict[str, List[Kept]]"
    test_parts: "OrderedDict[str, List[Kept]]"
    removed_overlap: int = 0

    @property
    def dev(self) -> List[Kept]:
        return [p for part in self.dev_parts.values() for p in part]

    @property
    def test(self) -> List[Kept]:
        return [p for part in self.test_parts.values() for p in part]

    def named_parts(self) -> List[Tuple[str, List[Kept]]]:
        """("dev-everyday", pairs), ... for every domain, dev then test."""
        return [("%s-%s" % (split, d), parts[d]) for split, parts in (("dev", self.dev_parts), ("test", self.test_parts))
                for d in parts]


def _eligible(p: Kept, origins: Sequence[str], min_words: int) -> bool:
    if p.origin not in origins or len(p.de.split()) < min_words or len(p.en.split()) < min_words:
        return False
    if p.origin in EVERYDAY_ORIGINS and ("/" in p.de or "/" in p.en):
        return False  # Ding sentences with slash variants ("abgemacht/ausgemacht") make poor references
    return True


def split_corpus(
    pairs: Sequence[Kept],
    seed: int = 0,
    per_domain: int = 1000,
    max_fraction: float = 0.1,
    min_words: int = 3,
) -> SplitResult:
    """Deterministic, hash-based dev/test split, one dev and one test part per domain.

    Candidates for a domain's parts are pairs of its origins (:data:`DOMAINS`) with at
    least ``min_words`` words per side (single-word Ding entries never qualify; Ding
    sentences containing ``/`` variants never qualify either). A conversational candidate
    whose side also occurs in the Ding or DDTP data is skipped, so a model warm-started on
    those sources has never seen a conversational test sentence. Candidates are grouped by
    their normalised German side (:func:`dedup_key`) so that all translations of one German
    sentence land in the same split, and the groups are ordered by ``sha256(seed, key)``.
    Test takes groups from the start of that order, dev the following ones, each up to
    ``per_domain`` pairs but at most ``max_fraction`` of the domain's candidates (and at
    least one pair when the domain has ten or more). Finally any training pair whose
    normalised German or English side occurs in dev or test is removed from train
    (``removed_overlap``).
    """
    picked: Dict[int, str] = {}
    dev_parts: "OrderedDict[str, List[Kept]]" = OrderedDict()
    test_parts: "OrderedDict[str, List[Kept]]" = OrderedDict()
    other_sides = {dedup_key(side) for p in pairs if p.origin not in DOMAINS["conversational"] for side in (p.de, p.en)}
    for domain, origins in DOMAINS.items():
        groups: Dict[str, List[int]] = {}
        for i, p in enumerate(pairs):
            if not _eligible(p, origins, min_words):
                continue
            if domain == "conversational" and (dedup_key(p.de) in other_sides or dedup_key(p.en) in other_sides):
                continue
            groups.setdefault(dedup_key(p.de), []).append(i)
        n_candidates = sum(len(v) for v in groups.values())
        if n_candidates == 0:
            continue
        quota = min(per_domain, int(n_candidates * max_fraction))
        if per_domain > 0 and n_candidates >= 10:
            quota = max(quota, 1)
        order = sorted(groups, key=lambda k: (split_hash(k, seed), k))
        it = iter(order)
        for split, parts in (("test", test_parts), ("dev", dev_parts)):
            bucket = parts.setdefault(domain, [])
            while len(bucket) < quota:
                key = next(it, None)
                if key is None:
                    break
                for i in groups[key]:
                    picked[i] = split
                    bucket.append(pairs[i])
    held = [p for parts in (dev_parts, test_parts) for lst in parts.values() for p in lst]
    held_de = {dedup_key(p.de) for p in held}
    held_en = {dedup_key(p.en) for p in held}
    train: List[Kept] = []
    removed = 0
    for i, p in enumerate(pairs):
        if i in picked:
            continue
        if dedup_key(p.de) in held_de or dedup_key(p.en) in held_en:
            removed += 1
            continue
        train.append(p)
    return SplitResult(train=train, dev_parts=dev_parts, test_parts=test_parts, removed_overlap=removed)
