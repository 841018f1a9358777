"""``python -m translator_app.bench.busy [SECONDS]``: spin one core (the busy neighbour of the
bench's loaded rows) until killed, or for at most SECONDS (default 900) so it never lingers."""

from __future__ import annotations

import sys
import time


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    x = 0
    while time.monotonic() < end:
        for _ in range(10_000):
            x += 1


if __name__ == "__main__":
    spin(float(sys.argv[1]) if len(sys.argv) > 1 else 900.0)
