"""Small file-system helpers shared by the corpus builder, training, bundles and the inputs
of `translate -i` and the window (looks_binary).

No torch, no Qt here (stdlib only).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import os
import shutil
import sys
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
_libc = None


def looks_binary(data: bytes) -> bool:
    """Whether bytes read from the start of a file are not text: they hold a NUL byte (an
    image, a PDF, an archive), and do not start with a UTF-16 byte-order mark (whose text
    has NULs). The one rule for the window's dropped files and `translate -i FILE`."""
    return b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def file_sha256(path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            _libc.renameat2  # glibc >= 2.28
        except (OSError, AttributeError):
            _libc = False
    if not _libc:
        return False
    rc = _libc.renameat2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)),
                         _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # old kernel or a file system without exchange: fall back
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(new, final) -> None:
    """Put the complete directory ``new`` in place as ``final``; ``new`` is consumed.

    When ``final`` exists, the two are swapped in one step, so ``final`` is never missing
    (a reader sees the old or the new one); the old one is then deleted. Where the swap is
    not supported the old one is renamed aside first (a short gap).
    """
    new, final = Path(new), Path(final)
    if final.exists() and _exchange(new, final):
        shutil.rmtree(new, ignore_errors=True)  # now holds the old directory
        return
    old = None
    if final.exists():
        old = final.with_name(".%s.old-%d" % (final.name, os.getpid()))
        shutil.rmtree(old, ignore_errors=True)
        os.rename(final, old)
    os.rename(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
