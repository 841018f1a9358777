"""Corpus builder: cleaning pipeline, held-out exclusion, dev/test split, report.

Readers live in :mod:`translator_app.training.readers`. :func:`build_corpus`
is what ``translator-app corpus build`` runs.

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

import hashlib
import json
import os
import re
import shutil
import string
import sys
import time
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from translator_app.training import readers
from translator_app.training.readers import Pair

NORMALISATION_RULE = (
    'unicodedata.normalize("NFKC", s), then str.casefold(), then collapse whitespace runs to one '
    "space and strip; sha256 of the UTF-8 bytes; hex digest"
)
HELDOUT_RESOURCES = ("heldout-de-en.sha256", "heldout-external.sha256")
STAGES = ("read", "clean", "length", "ratio", "heldout", "dedup_exact", "dedup_normalised")

# dev/test parts: which origins each draws from. Every corpus gets dev and test pairs from
# whatever of these it has (a TSV-only corpus gets a conversational part).
DOMAINS: "OrderedDict[str, Tuple[str, ...]]" = OrderedDict((
    ("everyday", (readers.ORIGIN_DING_SENTENCE,)),
    ("technical", (readers.ORIGIN_DDTP, readers.ORIGIN_GETTEXT)),
    ("conversational", (readers.ORIGIN_TSV, readers.ORIGIN_MOSES, readers.ORIGIN_TMX)),
))
EVERYDAY_ORIGINS = DOMAINS["everyday"]

_WS = re.compile(r"\s+")


# ---------------------------------------------------------------------------
# Normalisation and hashing
# ---------------------------------------------------------------------------


def normalise_for_hash(s: str) -> str:
    """The held-out normalisation: NFKC, casefold, collapse whitespace, strip."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", s).casefold()).strip()


def heldout_hash(s: str) -> str:
    return hashlib.sha256(normalise_for_hash(s).encode("utf-8")).hexdigest()


def _is_dropped_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return ch not in "\t\n\r"  # whitespace controls become spaces below
    if cat == "Cf":  # soft hyphen, zero-width space/joiners, bidi marks, BOM
        return True
    return cat in ("Cs", "Co", "Cn")


def clean_field(s: str) -> str:
    """NFC normalisation, control/format characters removed, whitespace collapsed and stripped.

    Tabs and newlines become spaces, so a cleaned field never contains them. This
    cleans corpus fields before they are stored; text typed by a user goes through
    ``engine.tokenizer.clean_text`` instead, which keeps emoji sequences whole.
    """
    s = unicodedata.normalize("NFC", s)
    if any(_is_dropped_char(ch) for ch in s):
        s = "".join(ch for ch in s if not _is_dropped_char(ch))
    return _WS.sub(" ", s).strip()


_PUNCT_TABLE = None


def dedup_key(s: str) -> str:
    """Casefolded, punctuation-insensitive key used for normalised de-duplication."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(" " if unicodedata.category(ch).startswith("P") or ch in string.punctuation else ch for ch in s)
    return _WS.sub(" ", s).strip()


def load_hashes(paths) -> set:
    """Load hex sha256 digests, one per line (blank lines and ``#`` comments ignored), from
    one file or a list of files (the union)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    hashes: set = set()
    for path in paths:
        hashes |= _load_hash_file(path)
    return hashes


def _load_hash_file(path) -> set:
    hashes = set()
    with open(path, "r", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            digest = line.split()[0].lower()
            if not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise ValueError("%s:%d: not a sha256 hex digest: %r" % (path, n, line[:80]))
            hashes.add(digest)
    return hashes


def default_hash_files() -> List[Path]:
    """The packaged held-out hash lists (the project's and the external one)."""
    return [Path(__file__).resolve().parent.parent / "data" / name for name in HELDOUT_RESOURCES]


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


@dataclass
class Source:
    """One input: a name, metadata for the manifest and a callable producing pairs."""

    name: str
    kind: str
    path: str
    open_pairs: Callable[[Counter], Iterable[Pair]]
    version: str = "unknown"
    licence: str = "unknown"
    reader_stats: Counter = field(default_factory=Counter)


def ding_source(path, progress: bool = True) -> Source:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError("Ding dictionary not found: %s" % path)
    return Source(
        name="ding",
        kind="ding",
        path=str(path),
        open_pairs=lambda st: readers.read_ding(path, stats=st, progress=progress),
        version=readers.ding_version(path),
        licence="GPL-2+ (Ding de-en dictionary, Frank Richter, TU Chemnitz; Debian package trans-de-en)",
    )


def ddtp_source(directory, progress: bool = True) -> Source:
    de, en = readers.find_ddtp_files(directory)
    return Source(
        name="ddtp",
        kind="ddtp",
        path=str(Path(directory)),
        open_pairs=lambda st: readers.read_ddtp(de, en, stats=st, progress=progress),
        version=readers.ddtp_version(directory),
        licence=(
            "Debian package descriptions (each under its package's DFSG-free licence) and their "
            "German translations from the Debian Description Translation Project"
        ),
    )


def _require_file(path, what: str) -> Path:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError("%s not found: %s" % (what, path))
    return path


def po_source(path) -> Source:
    path = _require_file(path, "gettext file")
    if path.suffix == ".mo":
        fn = lambda st: readers.read_mo(path, stats=st)  # noqa: E731
    else:
        fn = lambda st: readers.read_po(path, stats=st)  # noqa: E731
    return Source("gettext:" + path.name, "gettext", str(path), fn)


def tsv_source(path, progress: bool = True) -> Source:
    path = _require_file(path, "TSV file")
    return Source("tsv:" + path.name, "tsv", str(path), lambda st: readers.read_tsv(path, stats=st, progress=progress))


def moses_source(de_path, en_path, progress: bool = True) -> Source:
    de_path = _require_file(de_path, "Moses German file")
    en_path = _require_file(en_path, "Moses English file")
    return Source(
        "moses:" + de_path.name,
        "moses",
        "%s %s" % (de_path, en_path),
        lambda st: readers.read_moses(de_path, en_path, stats=st, progress=progress),
    )


def tmx_source(path) -> Source:
    path = _require_file(path, "TMX file")
    return Source("tmx:" + path.name, "tmx", str(path), lambda st: readers.read_tmx(path, stats=st))


# ---------------------------------------------------------------------------
# Cleaning pipeline
# ---------------------------------------------------------------------------


@dataclass
class CleanConfig:
    max_chars: int = 250
    max_words: int = 80
    max_ratio: float = 3.0


@dataclass
class Kept:
    de: str
    en: str
    origin: str
    source: str


def clean_pairs(
    sources: Sequence[Source],
    heldout: set,
    config: CleanConfig = CleanConfig(),
) -> Tuple[List[Kept], "OrderedDict[str, Counter]"]:
    """Run every source through the pipeline; return kept pairs and per-source stage counts.

    De-duplication is global across sources: the first occurrence (in source
    order) wins.
    """
    counts: "OrderedDict[str, Counter]" = OrderedDict()
    seen_exact: set = set()
    seen_norm: set = set()
    kept: List[Kept] = []
    for src in sources:
        c = counts.setdefault(src.name, Counter())
        for pair in src.open_pairs(src.reader_stats):
            c["read"] += 1
            de, en = clean_field(pair.de), clean_field(pair.en)
            if not de or not en:
                continue
            c["clean"] += 1
            ld, le = len(de), len(en)
            if (
                ld > config.max_chars
                or le > config.max_chars
                or len(de.split()) > config.max_words
                or len(en.split()) > config.max_words
            ):
                continue
            c["length"] += 1
            if (max(ld, le) + 5) / (min(ld, le) + 5) > config.max_ratio:
                continue
            c["ratio"] += 1
            if heldout and (heldout_hash(de) in heldout or heldout_hash(en) in heldout):
                continue
            c["heldout"] += 1
            exact = de + "\t" + en
            if exact in seen_exact:
                continue
            seen_exact.add(exact)
            c["dedup_exact"] += 1
            norm = dedup_key(de) + "\t" + dedup_key(en)
            if norm in seen_norm:
                continue
            seen_norm.add(norm)
            c["dedup_normalised"] += 1
            c["origin:" + pair.origin] += 1
            kept.append(Kept(de, en, pair.origin, src.name))
    return kept, counts


# ---------------------------------------------------------------------------
# Split
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

HIST_BUCKETS = (10, 20, 40, 80, 160, 250)


def length_histogram(texts: Iterable[str], buckets: Sequence[int] = HIST_BUCKETS) -> "OrderedDict[str, int]":
    labels = []
    lo = 0
    for hi in buckets:
        labels.append("%d-%d" % (lo + (1 if lo else 0), hi))
        lo = hi
    labels.append(">%d" % buckets[-1])
    hist: "OrderedDict[str, int]" = OrderedDict((lab, 0) for lab in labels)
    for t in texts:
        n = len(t)
        for lab, hi in zip(labels, buckets):
            if n <= hi:
                hist[lab] += 1
                break
        else:
            hist[labels[-1]] += 1
    return hist


def token_counts(pairs: Sequence[Kept]) -> Dict[str, int]:
    return {
        "pairs": len(pairs),
        "de_tokens": sum(len(p.de.split()) for p in pairs),
        "en_tokens": sum(len(p.en.split()) for p in pairs),
    }


def format_report(
    counts: "OrderedDict[str, Counter]",
    reader_stats: Dict[str, Counter],
    split: SplitResult,
) -> str:
    lines = []
    lines.append("Pairs per source after each filter")
    header = "%-22s" % "source" + "".join("%17s" % s for s in STAGES)
    lines.append(header)
    lines.append("-" * len(header))
    total = Counter()
    for name, c in counts.items():
        lines.append("%-22s" % name[:22] + "".join("%17d" % c[s] for s in STAGES))
        total.update({s: c[s] for s in STAGES})
    lines.append("%-22s" % "TOTAL" + "".join("%17d" % total[s] for s in STAGES))
    lines.append("")
    lines.append("Kept pairs by origin")
    origins = Counter()
    for c in counts.values():
        origins.update({k[7:]: v for k, v in c.items() if k.startswith("origin:")})
    for o, n in sorted(origins.items()):
        lines.append("  %-20s %10d" % (o, n))
    for name, st in reader_stats.items():
        if st:
            lines.append("")
            lines.append("Reader skips (%s)" % name)
            for k, v in sorted(st.items()):
                lines.append("  %-36s %10d" % (k, v))
    lines.append("")
    lines.append("Splits (whitespace tokens)")
    lines.append("  %-16s %10s %12s %12s" % ("split", "pairs", "de tokens", "en tokens"))
    for name, lst in [("train", split.train), ("dev", split.dev), ("test", split.test)] + split.named_parts():
        tc = token_counts(lst)
        lines.append("  %-16s %10d %12d %12d" % (name, tc["pairs"], tc["de_tokens"], tc["en_tokens"]))
    lines.append("  train pairs removed for dev/test overlap: %d" % split.removed_overlap)
    train_origins = Counter(p.origin for p in split.train)
    lines.append("  train by origin: " + ", ".join("%s=%d" % kv for kv in sorted(train_origins.items())))
    lines.append("")
    lines.append("German length histogram (characters, train)")
    hist = length_histogram(p.de for p in split.train)
    peak = max(hist.values()) or 1
    for lab, n in hist.items():
        lines.append("  %-9s %9d %s" % (lab, n, "#" * int(round(40 * n / peak))))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


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


def _replace_dir(tmp: Path, final: Path) -> None:
    """Move ``tmp`` into place as ``final`` (the old one, if any, is renamed away first)."""
    old = None
    if final.exists():
        old = final.with_name(final.name + ".old-%d" % os.getpid())
        os.rename(final, old)
    os.rename(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
    hash_files = [Path(h) for h in hash_files] if hash_files else default_hash_files()
    heldout = load_hashes(hash_files)
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
            "hash_files": [{"path": str(h), "sha256": file_sha256(h), "hashes": len(load_hashes(h))}
                           for h in hash_files],
            "hashes": len(heldout),
            "rule": "drop a pair when the German or the English side's hash is listed",
            "normalisation": NORMALISATION_RULE,
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
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if log:
        log(report)
    return BuildResult(out_dir=out_dir, report=report, manifest=manifest)
