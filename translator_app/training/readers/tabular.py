"""Line-based readers: ``German<TAB>English`` TSV files and Moses-style line-aligned pairs.

:func:`read_tsv` is the project's one TSV parser: the corpus builder streams it, and
:func:`load_tsv` (training, evaluation, bench) lists
the pairs whose both sides are non-empty.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Iterator, List, Optional, Tuple

from .common import ORIGIN_MOSES, ORIGIN_TSV, Pair, _bump, _open_text, _progress


def read_tsv(path, stats: Optional[Counter] = None, progress: bool = False,
             origin: str = ORIGIN_TSV) -> Iterator[Pair]:
    """Read ``German<TAB>English`` lines as pairs of ``origin``; further columns are ignored."""
    with _open_text(path) as fh:
        for line in _progress(fh, os.path.basename(str(path)), progress):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                _bump(stats, "tsv_malformed_line")
                continue
            yield Pair(parts[0], parts[1], origin)


def load_tsv(path) -> List[Tuple[str, str]]:
    """``(German, English)`` pairs of a TSV file (a corpus part, a test set), in file order;
    lines with an empty side are left out."""
    return [(p.de, p.en) for p in read_tsv(path) if p.de.strip() and p.en.strip()]


def read_moses(de_path, en_path, stats: Optional[Counter] = None, progress: bool = False) -> Iterator[Pair]:
    """Read a Moses-style pair of line-aligned files. Raises if the line counts differ."""
    with _open_text(de_path) as fd, _open_text(en_path) as fe:
        def lines():
            n = 0
            while True:
                d, e = fd.readline(), fe.readline()
                if not d and not e:
                    return
                if not d or not e:
                    raise ValueError(
                        "Moses files %s and %s have different line counts (after %d lines)" % (de_path, en_path, n)
                    )
                n += 1
                yield d, e

        for d, e in _progress(lines(), "moses", progress):
            yield Pair(d.rstrip("\r\n"), e.rstrip("\r\n"), ORIGIN_MOSES)
