"""Device choice: auto picks CUDA, then MPS, then CPU; the user overrides; failures fall back to CPU."""

from __future__ import annotations

import os

CHOICES = ("auto", "cpu", "cuda", "mps")


class DeviceError(ValueError):
    pass


def cpu_threads(requested: int | None = None) -> int:
    """Threads for torch on the CPU: ``requested``, else $TRANSLATOR_THREADS, else 1.

    One, because a desktop has other busy programs. tests/benchmarks/threads.py, 400
    sentences at beam 5 on this 2-core machine (a training run on the other core):
    1 thread 4.8 s, 2 threads 35.1 s; with one more busy process 10.2 s against 51.3 s.
    """
    value = requested or os.environ.get("TRANSLATOR_THREADS", "").strip() or 1
    try:
        n = int(value)
    except ValueError:
        raise DeviceError(f"TRANSLATOR_THREADS must be a whole number, not {value!r}") from None
    if n < 1:
        raise DeviceError(f"the thread count must be at least 1, not {n}")
    return min(n, os.cpu_count() or 1)


def requested_device(cli_value: str | None = None) -> str:
    """The user's wish: the --device flag, else TRANSLATOR_DEVICE, else auto."""
    value = (cli_value or os.environ.get("TRANSLATOR_DEVICE") or "auto").strip().lower()
    base = value.split(":")[0]
    if base not in CHOICES:
        raise DeviceError(f"unknown device {value!r}; choose one of {', '.join(CHOICES)}")
    return value


def resolve_device(value: str = "auto") -> tuple[str, list[str]]:
    """Return (device string, warnings). An unavailable explicit choice falls back to CPU."""
    import torch

    warnings: list[str] = []
    base = value.split(":")[0]
    if base == "auto":
        if torch.cuda.is_available():
            return "cuda", warnings
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps", warnings
        return "cpu", warnings
    if base == "cuda" and not torch.cuda.is_available():
        warnings.append("CUDA was requested but is not available (no GPU or driver); using the CPU instead.")
        return "cpu", warnings
    if base == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            warnings.append("MPS was requested but is not available; using the CPU instead.")
            return "cpu", warnings
    return value, warnings


def cpu_has_bf16(cpuinfo: str = "/proc/cpuinfo") -> bool:
    """Whether the CPU computes bf16 natively (AMX or AVX-512 BF16; Linux's flags list)."""
    try:
        with open(cpuinfo, encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[-1].split())
                    return bool(flags & {"amx_bf16", "avx512_bf16"})
    except OSError:
        pass
    return False
