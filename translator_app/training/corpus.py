"""Corpus builder: :func:`build_corpus` (what ``translator-app corpus build`` runs) takes
sources (:mod:`.sources`, over :mod:`.readers`) through cleaning (:mod:`.cleaning`), the
dev/test split (:mod:`.split`) and the report (:mod:`.report`), and writes the corpus
directory atomically. The names of those modules are re-exported here; the held-out rule
(normalisation, hash, hash lists) is :mod:`translator_app.heldout`'s.

Pipeline (counts per source after every stage are kept for the report and the
manifest):

``read`` -> ``clean`` (NFC, control characters removed, whitespace collapsed;
drops pairs that end up empty) -> ``length`` (drops a pair when a side has more
than ``max_chars`` characters or ``max_words`` words) -> ``ratio`` (drops a
pair when ``(longer + 5) / (shorter + 5) > max_ratio`` in characters) ->
``heldout`` (drops a pair when the hash of either side is in the held-out hash
file) -> ``dedup_exact`` -> ``dedup_normalised`` (casefolded,
punctuation-insensitive).

No torch, no Qt here.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from translator_app import heldout as heldout_rule
from translator_app.fsutil import file_sha256, replace_dir
from translator_app.training.cleaning import (  # noqa: F401  (re-exported: the corpus API)
    STAGES,
    CleanConfig,
    Kept,
    clean_pairs,
    dedup_key,
)
from translator_app.training.report import format_report, length_histogram, token_counts  # noqa: F401
from translator_app.training.sources import (  # noqa: F401
    Source,
    ddtp_source,
    ding_source,
    games_source,
    moses_source,
    po_source,
    tmx_source,
    tsv_source,
)
from translator_app.training.split import DOMAINS, EVERYDAY_ORIGINS, SplitResult, split_corpus, split_hash  # noqa: F401


def _write_split(directory: Path, stem: str, pairs: Sequence[Kept], with_origin: bool) -> None:
    with open(directory / (stem + ".tsv"), "w", encoding="utf-8", newline="\n") as fh:
        for p in pairs:
            assert "\t" not in p.de + p.en and "\n" not in p.de + p.en
            fh.write("%s\t%s\n" % (p.de, p.en))
    if with_origin:
        with open(directory / (stem + ".origin"), "w", encoding="utf-8", newline="\n") as fh:
            for p in pairs:
                fh.write(p.origin + "\n")


def write_outputs(directory: Path, split: SplitResult) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    _write_split(directory, "train", split.train, True)
    _write_split(directory, "dev", split.dev, True)
    _write_split(directory, "test", split.test, True)
    for name, pairs in split.named_parts():
        _write_split(directory, name, pairs, False)


@dataclass
class BuildResult:
    out_dir: Path
    report: str
    manifest: dict


def build_corpus(
    sources: Sequence[Source],
    out_dir,
    hash_files=None,
    seed: int = 0,
    per_domain: int = 1000,
    config: CleanConfig = CleanConfig(),
    log=print,
) -> BuildResult:
    """Build the corpus into ``out_dir`` atomically (written to a sibling temp dir, then renamed)."""
    if not sources:
        raise ValueError("no input sources given")
    out_dir = Path(out_dir)
    if isinstance(hash_files, (str, os.PathLike)):
        hash_files = [hash_files]
    hash_files = [Path(h) for h in hash_files] if hash_files else heldout_rule.default_hash_files()
    per_file = [heldout_rule.load_hashes(h) for h in hash_files]  # each file read once: the manifest counts them too
    heldout = set().union(*per_file)
    started = time.time()
    kept, counts = clean_pairs(sources, heldout, config)
    split = split_corpus(kept, seed=seed, per_domain=per_domain)
    reader_stats = {s.name: s.reader_stats for s in sources}
    report = format_report(counts, reader_stats, split)

    manifest = {
        "format": "translator-app corpus v1",
        "created_unix": int(time.time()),
        "build_seconds": round(time.time() - started, 1),
        "columns": ["de", "en"],
        "sources": [
            {
                "name": s.name,
                "kind": s.kind,
                "version": s.version,
                "licence": s.licence,
                "path": s.path,
                "pairs": {stage: counts[s.name][stage] for stage in STAGES},
                "kept_by_origin": {k[7:]: v for k, v in sorted(counts[s.name].items()) if k.startswith("origin:")},
                "reader_skips": dict(sorted(s.reader_stats.items())),
            }
            for s in sources
        ],
        "filters": {
            "max_chars": config.max_chars,
            "max_words": config.max_words,
            "max_length_ratio": config.max_ratio,
            "length_ratio_rule": "(longer+5)/(shorter+5) in characters",
            "dedup": "exact, then casefolded punctuation-insensitive; first occurrence wins",
        },
        "heldout": {
            "hash_files": [{"path": str(h), "sha256": file_sha256(h), "hashes": len(hashes)}
                           for h, hashes in zip(hash_files, per_file)],
            "hashes": len(heldout),
            "rule": "drop a pair when the German or the English side's hash is listed",
            "normalisation": heldout_rule.NORMALISATION_RULE,
        },
        "split": {
            "seed": seed,
            "per_domain": per_domain,
            "rule": "groups by normalised German side ordered by sha256(seed, key); "
            + "; ".join("%s = %s" % (d, ", ".join(o)) for d, o in DOMAINS.items()),
            "sizes": dict(
                [("train", len(split.train)), ("dev", len(split.dev)), ("test", len(split.test))]
                + [(name, len(lst)) for name, lst in split.named_parts()]
                + [("train_removed_overlap", split.removed_overlap)]),
            "train_by_origin": dict(sorted(Counter(p.origin for p in split.train).items())),
            "tokens": {
                "train": token_counts(split.train),
                "dev": token_counts(split.dev),
                "test": token_counts(split.test),
            },
        },
        "length_histogram_de_train": length_histogram(p.de for p in split.train),
    }

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(".%s.tmp-%d" % (out_dir.name, os.getpid()))
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        write_outputs(tmp, split)
        with open(tmp / "manifest.json", "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        with open(tmp / "report.txt", "w", encoding="utf-8") as fh:
            fh.write(report + "\n")
        replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if log:
        log(report)
    return BuildResult(out_dir=out_dir, report=report, manifest=manifest)
