"""Viridis, the perceptually uniform, colour-blind-safe map (matplotlib's, sampled at
tenths and interpolated linearly). No Qt, so it is easy to test."""

from __future__ import annotations

VIRIDIS = [
    (0x44, 0x01, 0x54), (0x48, 0x24, 0x75), (0x41, 0x44, 0x87), (0x35, 0x5f, 0x8d),
    (0x2a, 0x78, 0x8e), (0x21, 0x91, 0x8c), (0x22, 0xa8, 0x84), (0x44, 0xbf, 0x70),
    (0x7a, 0xd1, 0x51), (0xbd, 0xdf, 0x26), (0xfd, 0xe7, 0x25),
]
# Okabe-Ito vermillion: stands apart from every viridis hue; always paired with a symbol.
WARNING_RGB = (0xD5, 0x5E, 0x00)


def viridis(value: float) -> tuple[int, int, int]:
    value = 0.0 if value != value else min(max(value, 0.0), 1.0)  # NaN -> 0
    pos = value * (len(VIRIDIS) - 1)
    i = min(int(pos), len(VIRIDIS) - 2)
    f = pos - i
    a, b = VIRIDIS[i], VIRIDIS[i + 1]
    return tuple(round(a[k] + (b[k] - a[k]) * f) for k in range(3))  # type: ignore[return-value]


def text_on(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on ``rgb``."""
    r, g, b = rgb
    return (0, 0, 0) if 0.299 * r + 0.587 * g + 0.114 * b > 140 else (255, 255, 255)
