"""tcmalloc for ``train``: preloaded by re-executing the command once, when the system has it.

Measured with tests/benchmarks/step_speed.py: the training step allocates and frees large
tensors at every step, and glibc's malloc hands them back to the kernel and faults them in
again; tcmalloc keeps them. Debian/Ubuntu: ``apt-get install libtcmalloc-minimal4``.
``TRANSLATOR_MALLOC=system`` keeps the system allocator. No torch, no Qt here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "TRANSLATOR_MALLOC"
_NAMES = ("libtcmalloc_minimal.so.4", "libtcmalloc.so.4")
_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib")


def find_tcmalloc(dirs=_DIRS) -> str | None:
    for d in dirs:
        for name in _NAMES:
            path = Path(d) / name
            if path.is_file():
                return str(path)
    return None


def active() -> str:
    """The allocator this process runs with: 'tcmalloc' or 'system'."""
    return "tcmalloc" if "tcmalloc" in os.environ.get("LD_PRELOAD", "") else "system"


def reexec_command(argv: list[str], env: dict, platform: str = sys.platform, dirs=_DIRS):
    """(executable, args, env) that runs ``translator-app ARGV`` again with tcmalloc preloaded,
    or None: not Linux, turned off, already preloaded, or no tcmalloc installed."""
    if not platform.startswith("linux") or env.get(ENV, "").lower() == "system" or \
            "tcmalloc" in env.get("LD_PRELOAD", ""):
        return None
    lib = find_tcmalloc(dirs)
    if lib is None:
        return None
    new_env = dict(env)
    new_env["LD_PRELOAD"] = " ".join(filter(None, (lib, env.get("LD_PRELOAD", ""))))
    new_env[ENV] = "tcmalloc"  # and a second exec never happens
    return sys.executable, [sys.executable, "-m", "translator_app", *argv], new_env


def maybe_reexec(argv: list[str]) -> None:
    """Replace this process by one with tcmalloc preloaded, where :func:`reexec_command` says so."""
    cmd = reexec_command(argv, dict(os.environ))
    if cmd is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(*cmd)
