"""``python -m translator_app.bench.rss_driver MODEL QUANTIZE THREADS`` (texts as JSON on stdin):
load the model, translate the texts, print the peak RSS (see processes.hwm_kb)."""

from __future__ import annotations

import json
import resource
import sys
import warnings

from .processes import hwm_kb, stamp


def main(argv: list[str]) -> int:
    warnings.filterwarnings("ignore", category=UserWarning)
    from ..engine.config import DecodeConfig
    from ..engine.translator import Translator

    path, quantize, threads = argv[0], argv[1] == "1", int(argv[2])
    t = Translator.load(path or None, device="cpu", threads=threads or None, quantize=quantize)
    texts = json.loads(sys.stdin.read())
    t.translate_many(texts, "de", "en", DecodeConfig(beam=5, n_best=3))
    stamp("rss_kb", hwm_kb())
    stamp("ru_maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
