"""The phrase table: every input the translation memory answers, prebuilt from the Ding data.

The memory (memory.py) answers an input that is, as a whole, one synonym of a Ding sub-entry
of two folded words or more (a phrase or an example sentence; case, spacing and punctuation
aside: ``ding.fold``). This table holds exactly those, both directions, held-out sub-entries
left out as the index leaves them out, each key with the translations
``Dictionary.exact_match`` would pick for it, so the memory answers the same whether or not
the index (89 MB, built for `lookup` and the window's card) exists. It ships as
``resources/dictionary/de-en-phrases.xz``, made by

    python -m translator_app.dictionary.phrases resources/dictionary/de-en.xz resources/dictionary/de-en-phrases.xz

Format: an .xz file of three streams (``xz -dc`` shows them as one text). The first holds
``#name value`` lines: the format, the sha256 of the Ding data and of the held-out lists it
was made from, the counts, and the compressed length of the other two, which hold one side
each ("de" keys, then "en" keys): one line per folded key, sorted by its UTF-8 bytes,
``key<TAB>candidate<TAB>...``. A candidate is two flag characters, the matched synonym's first
letter ("U" upper case, "l" not) and its end punctuation (".", "!", "?" or "-" for none), then
the translation ("" where the index's answer is empty: no answer). Candidates are in the order
of ``lookup._memory_rank`` after its two criteria that depend on the input (first letter's
case, end punctuation), and only those that some input picks are kept. A side is read on its
first lookup (translating German reads only the German keys): its text in one bytes object
and an array of line offsets, searched by bisection.
"""

from __future__ import annotations

import argparse
import bisect
import lzma
import os
import re
import sys
import threading
import time
from array import array
from pathlib import Path
from typing import Optional

from .. import heldout
from . import ding

FORMAT = "translator-app-phrases 2"
FILE_NAME = "de-en-phrases.xz"
LANGS = ("de", "en")
MAX_CANDIDATES = 50  # the rows Dictionary.exact_match reads for one key (its LIMIT)
_ENDS = ".!?"
_NEWLINE = re.compile(b"\n")
# One input of each kind _memory_rank tells apart: first letter upper or not, x end punctuation.
_PROBES = tuple(first + end for first in ("A", "a") for end in (".", "!", "?", "x"))


class PhraseTableError(Exception):
    """The table is missing, damaged, or of another format."""


def digests(source: Path, hash_files: list[Path]) -> dict:
    """What a table is checked against: the Ding data and the held-out lists it came from."""
    return {"data_sha256": ding.files_digest([source]), "heldout_sha256": ding.files_digest(hash_files)}


def shipped_path() -> Path:
    """The packaged table, beside the packaged Ding data (found through paths.py)."""
    from ..paths import resources_dir

    return resources_dir() / "dictionary" / FILE_NAME


# -- building -----------------------------------------------------------------------------
def _candidates(data: ding.DingFile, hashes: set) -> dict[tuple[str, str], list[tuple]]:
    """(lang, key) -> [(entry, sub, alt, line, word, translation)] in the index's order: the
    same lines, held-out sub-entries, entry numbers and keys as index.build (full keys only)."""
    out: dict[tuple[str, str], list[tuple]] = {}
    fold = ding.fold
    entry_id = 0
    for line, sub_words, _ in ding.kept_lines(data.lines, hashes):
        if line is None:
            continue
        entry_id += 1
        for s_i, words in enumerate(sub_words):
            for lang in LANGS:
                targets = words["en" if lang == "de" else "de"]
                for a_i, word in enumerate(words[lang]):
                    key = fold(word)
                    if len(key.split()) < 2:  # exact_match leaves single words to lookup()
                        continue
                    translation = targets[a_i] if a_i < len(targets) else (targets[0] if targets else "")
                    out.setdefault((lang, key), []).append((entry_id, s_i, a_i, line, word, translation))
    return out


def _flags(word: str) -> str:
    end = word[-1:]
    return ("U" if word[:1].isupper() else "l") + (end if end and end in _ENDS else "-")


def _winners(lang: str, rows: list[tuple]) -> list[tuple]:
    """The candidates some input picks (lookup._memory_rank over the first MAX_CANDIDATES rows),
    in that ranking's order once the input's case and end punctuation are set aside."""
    from .lookup import _memory_rank

    rows = rows[:MAX_CANDIDATES]
    if len(rows) == 1:
        return rows
    picked = set()
    for probe in _PROBES:  # as Dictionary.exact_match: no question for a statement, nor the reverse
        fit = [i for i in range(len(rows)) if not ding.asks_otherwise(_flags(rows[i][4])[1], probe[-1:])]
        if fit:
            picked.add(min(fit, key=lambda i: _memory_rank(rows[i][:4], lang, probe)))
    # the rank's tail ranks a row against the others however the input looks; min() keeps the
    # first of equals, so the index order breaks ties
    return [rows[i] for i in sorted(picked, key=lambda i: (_memory_rank(rows[i][:4], lang, "Ax")[2:], i))]


def table_lines(data: ding.DingFile, hashes: set) -> dict[str, list[str]]:
    """Each side's key lines, sorted."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for (lang, key), rows in _candidates(data, hashes).items():
        out[lang].append(key + "\t" + "\t".join(_flags(r[4]) + r[5] for r in _winners(lang, rows)))
    for lines in out.values():
        lines.sort(key=lambda s: s[:s.index("\t")].encode("utf-8"))
    return out


def _tables(source: Path, hash_files: list[Path]) -> tuple[dict, dict[str, list[str]]]:
    hashes = heldout.load_hashes(hash_files) if hash_files else set()
    lines = table_lines(ding.read_file(source), hashes)
    meta = dict(digests(source, hash_files), keys=str(sum(map(len, lines.values()))),
                candidates=str(sum(line.count("\t") for side in lines.values() for line in side)))
    return meta, lines


def _side_bytes(lines: list[str]) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


def build(source: Path, hash_files: list[Path]) -> "PhraseTable":
    """The table of ``source``, made in memory (what ``write`` would write)."""
    meta, lines = _tables(source, hash_files)
    return PhraseTable.from_lines(lines, meta)


def write(source: Path, out: Path, hash_files: Optional[list[Path]] = None) -> dict:
    """Build the table of ``source`` into ``out`` (a temporary file, then renamed)."""
    hash_files = list(hash_files) if hash_files is not None else heldout.default_hash_files()
    start = time.perf_counter()
    meta, lines = _tables(Path(source), hash_files)
    sides = [lzma.compress(_side_bytes(lines[lang]), preset=9 | lzma.PRESET_EXTREME) for lang in LANGS]
    header = [f"#format {FORMAT}"] + [f"#{k} {v}" for k, v in meta.items()]
    header.append("#streams " + " ".join(f"{lang}={len(side)}" for lang, side in zip(LANGS, sides)))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(lzma.compress(("\n".join(header) + "\n").encode("utf-8")))
        for side in sides:
            fh.write(side)
    os.replace(tmp, out)
    return {"keys": int(meta["keys"]), **{f"{lang}_keys": len(lines[lang]) for lang in LANGS},
            "text_bytes": sum(len(_side_bytes(side)) for side in lines.values()), "bytes": out.stat().st_size,
            "seconds": round(time.perf_counter() - start, 1)}


# -- reading ------------------------------------------------------------------------------
class _Side:
    """One side's key lines as bytes, and the offset of each line."""

    def __init__(self, blob: bytes):
        self._blob = blob
        self._starts = array("I" if len(blob) < 2 ** 32 else "Q", [0])
        self._starts.extend(m.end() for m in _NEWLINE.finditer(blob))  # no list of ints on the way
        self._starts.pop()  # the end of the last line (or of nothing)

    def __len__(self) -> int:
        return len(self._starts)

    def _key_at(self, start: int) -> bytes:
        return self._blob[start:self._blob.index(b"\t", start)]

    def candidates(self, key: str) -> list[tuple[str, str]]:
        target = key.encode("utf-8")
        i = bisect.bisect_left(self._starts, target, key=self._key_at)
        if i == len(self._starts) or self._key_at(self._starts[i]) != target:
            return []
        start = self._starts[i]
        fields = self._blob[start:self._blob.index(b"\n", start)].decode("utf-8").split("\t")[1:]
        return [(f[:2], f[2:]) for f in fields]


class PhraseTable:
    """The table: its header (``meta``) and its two sides, each read on its first lookup."""

    def __init__(self, meta: dict[str, str], sides: dict[str, _Side], origin: str = "built",
                 path: Optional[Path] = None, offsets: Optional[dict[str, tuple[int, int]]] = None):
        self.meta = meta
        self.origin = origin  # "shipped" (read from a file) or "built" (from the Ding data, in memory)
        self.path = path
        self._sides = dict(sides)
        self._offsets = offsets or {}  # lang -> (start, length) of its stream in the file
        self._lock = threading.Lock()

    @classmethod
    def from_lines(cls, lines: dict[str, list[str]], meta: Optional[dict] = None) -> "PhraseTable":
        """A table in memory from each side's sorted key lines (``table_lines``)."""
        return cls(dict(meta or {}, format=FORMAT), {lang: _Side(_side_bytes(lines.get(lang, []))) for lang in LANGS})

    @classmethod
    def read(cls, path: Path) -> "PhraseTable":
        """The header only; a side is read when it is first looked up in."""
        try:
            with open(path, "rb") as fh:
                head = fh.read(1 << 16)
            unpack = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
            text = unpack.decompress(head).decode("utf-8")
            if not unpack.eof:
                raise EOFError("no header")
        except (lzma.LZMAError, EOFError, UnicodeDecodeError) as exc:
            raise PhraseTableError(f"damaged phrase table {path}: {exc}") from None
        meta = dict(line[1:].partition(" ")[::2] for line in text.splitlines() if line.startswith("#"))
        if meta.get("format") != FORMAT:
            raise PhraseTableError(f"{path} is not a phrase table of format {FORMAT!r}")
        offsets, pos = {}, len(head) - len(unpack.unused_data)
        for item in meta.get("streams", "").split():
            lang, _, size = item.partition("=")
            offsets[lang] = (pos, int(size))
            pos += int(size)
        if sorted(offsets) != sorted(LANGS):
            raise PhraseTableError(f"damaged phrase table {path}: streams {meta.get('streams')!r}")
        return cls(meta, {}, "shipped", Path(path), offsets)

    def __len__(self) -> int:
        return int(self.meta.get("keys", 0))

    @property
    def loaded(self) -> list[str]:
        return sorted(self._sides)

    def side(self, lang: str) -> _Side:
        with self._lock:
            if lang not in self._sides:
                if lang not in self._offsets:
                    raise ValueError(f"unknown language {lang!r}")
                start, size = self._offsets[lang]
                try:
                    with open(self.path, "rb") as fh:
                        fh.seek(start)
                        data = fh.read(size)
                    self._sides[lang] = _Side(lzma.decompress(data, format=lzma.FORMAT_XZ))
                except (lzma.LZMAError, EOFError) as exc:
                    raise PhraseTableError(f"damaged phrase table {self.path} ({lang}): {exc}") from None
            return self._sides[lang]

    def candidates(self, lang: str, key: str) -> list[tuple[str, str]]:
        """[(flags, translation)] of one folded key, best first (empty: not a phrase)."""
        return self.side(lang).candidates(key)

    def answer(self, text: str, lang: str) -> Optional[str]:
        """The dictionary's translation of ``text`` as a whole, as Dictionary.exact_match
        gives it, or None (not a phrase, a single word, or an empty answer)."""
        key = ding.fold(text)
        if len(key.split()) < 2:
            return None
        cands = self.candidates(lang, key)
        if not cands:
            return None
        text = text.strip()
        upper, end = text[:1].isupper(), text[-1:]
        keep = [i for i, c in enumerate(cands) if not ding.asks_otherwise(c[0][1], end)]
        if not keep:
            return None

        def rank(i: int) -> tuple:
            flags = cands[i][0]
            return ((flags[0] == "U") != upper, end in _ENDS and flags[1] != end, i)
        return cands[min(keep, key=rank)][1] or None


def for_data(source: Optional[Path] = None, hash_files: Optional[list[Path]] = None,
             table: Optional[Path] = None, read: bool = True) -> PhraseTable:
    """The table of the Ding data ``source`` (default: paths.dictionary_data()) without the
    held-out ``hash_files`` (default: the packaged lists): ``table`` (default: the shipped
    one) when its header says it was made from exactly these files, else (or with ``read``
    false) built from them in memory (the same table; 14 s for the full Ding file). Raises
    PhraseTableError when the data is missing."""
    from ..paths import dictionary_data

    source = Path(source) if source else dictionary_data()
    hash_files = list(hash_files) if hash_files is not None else heldout.default_hash_files()
    if not source.is_file():
        raise PhraseTableError(f"dictionary data not found: {source}")
    expected = digests(source, hash_files)
    try:
        found = PhraseTable.read(Path(table) if table else shipped_path()) if read else None
        if found is not None and all(found.meta.get(k) == v for k, v in expected.items()):
            return found
    except (OSError, PhraseTableError):
        pass
    return build(source, hash_files)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("src", type=Path, help="the Ding data (resources/dictionary/de-en.xz)")
    p.add_argument("out", type=Path, help="the table to write (resources/dictionary/de-en-phrases.xz)")
    p.add_argument("--exclude-hashes", type=Path, nargs="*", help="held-out lists (default: the packaged ones)")
    args = p.parse_args(argv)
    from .package import report

    return report(lambda: write(args.src, args.out, args.exclude_hashes), errors=(PhraseTableError,))


if __name__ == "__main__":
    sys.exit(main())
