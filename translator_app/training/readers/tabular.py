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


_HEADER_WORDS = {"de", "en", "deu", "eng", "ger", "german", "english", "deutsch", "englisch", "source", "target",
                 "src", "tgt", "text", "translation", "sentence", "satz", "übersetzung"}


def looks_like_header(fields: list[str]) -> bool:
    """A first line such as ``German<TAB>English`` or ``de<TAB>en`` (or the swapped ``2<TAB>1``
    of a numbered export) names the columns; it is not a sentence pair."""
    heads = [f.strip().strip("#").strip().casefold() for f in fields[:2]]
    return all(h in _HEADER_WORDS for h in heads) or all(h.isdigit() and len(h) < 3 for h in heads)


def read_tsv(path, stats: Optional[Counter] = None, progress: bool = False,
             origin: str = ORIGIN_TSV) -> Iterator[Pair]:
    """Read ``German<TAB>English`` lines as pairs of ``origin``.

    A header-like first line is skipped; a line without a tab is skipped; further columns
    are dropped. Each is counted in ``stats`` (tsv_header_skipped, tsv_no_tab,
    tsv_extra_columns), which the corpus report and ``corpus build`` print.
    """
    first = True
    with _open_text(path) as fh:
        for line in _progress(fh, os.path.basename(str(path)), progress):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if first:
                first = False
                if len(parts) >= 2 and looks_like_header(parts):
                    _bump(stats, "tsv_header_skipped")
                    continue
            if len(parts) < 2:
                _bump(stats, "tsv_no_tab")
                continue
            if len(parts) > 2 and any(p.strip() for p in parts[2:]):
                _bump(stats, "tsv_extra_columns")
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
