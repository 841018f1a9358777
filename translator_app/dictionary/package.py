"""Make resources/dictionary/de-en.xz from Ding's de-en file: held-out sub-entries removed,
the copyright header kept, xz-compressed.

    python -m translator_app.dictionary.package /usr/share/trans/de-en resources/dictionary/de-en.xz
"""

from __future__ import annotations

import argparse
import lzma
import os
import sys
from pathlib import Path

from .. import heldout
from . import ding


def package(src: Path, out: Path, hash_files: list[Path] | None = None) -> dict:
    hash_files = list(hash_files) if hash_files else heldout.default_hash_files()
    hashes = heldout.load_hashes(hash_files)
    data = ding.read_file(src)
    if not data.header:
        raise ValueError(f"{src} has no '#' header: is it Ding's de-en file?")
    kept, dropped_subs, dropped_lines = [], 0, 0
    for line in data.lines:
        new, n = ding.filter_line(line, hashes)
        dropped_subs += n
        if new is None:
            dropped_lines += 1
        else:
            kept.append(new)
    note = (f"# Held-out :: {dropped_subs} sub-entries removed that are in translator-app's "
            f"held-out lists ({', '.join(p.name for p in hash_files)})")
    text = "\n".join(data.header + [note] + kept) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with lzma.open(tmp, "wb", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write(text.encode("utf-8"))
    os.replace(tmp, out)
    return {"lines": len(kept), "dropped_subentries": dropped_subs, "dropped_lines": dropped_lines,
            "bytes": out.stat().st_size}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("src", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--exclude-hashes", type=Path, nargs="*", help="held-out lists (default: the packaged ones)")
    args = p.parse_args(argv)
    return report(lambda: package(args.src, args.out, args.exclude_hashes))


def report(make, errors: tuple = ()) -> int:
    """A packaging step run from the command line: its figures on one line and 0, or
    "error: ..." on stderr and 1 for an OSError, a ValueError or one of ``errors``
    (examples_package.py's and phrases.py's mains use it too)."""
    try:
        info = make()
    except (OSError, ValueError, *errors) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(", ".join(f"{k}={v}" for k, v in info.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
