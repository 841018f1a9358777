"""What recording the search (DecodeConfig.trace, issue 26) costs, on the bundled model as
the app runs it (CPU, int8, one thread), for 20-word sentences at beam 5.

    nice -n 10 python tests/benchmarks/trace_cost.py [--repeats 15] [--baseline OLD_SEARCH_PY]

Rounds interleave the variants, each round starting with the next one, so a busy neighbour
(the training run) slows them alike; each cell is the median over the rounds. ``--baseline`` times a copy of search.py from
before the recorder (e.g. `git show 6dbcd57:translator_app/engine/search.py > /tmp/old.py`)
with the same inputs: the normal path, before and after. Two rows: the search alone
(search.decode), and the whole Translator.translate (cache cleared each time).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time

SENTENCES = [  # 20 words each
    "Ich habe heute leider keine Zeit, aber morgen komme ich gern vorbei, wenn du dann sicher noch zu Hause bist.",
    "Der Server kann über eine einfache Weboberfläche konfiguriert werden, die nach der Installation auf jedem Rechner im Netz sofort bereitsteht.",
    "Wir sind gestern Abend mit dem Zug nach Berlin gefahren und haben dort zwei alte Freunde aus der Schule getroffen.",
]


def _load_baseline(path: str):
    spec = importlib.util.spec_from_file_location("translator_app.engine._search_baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # its relative imports resolve inside translator_app.engine
    return module


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--baseline", default=None, help="a search.py from before the recorder")
    args = ap.parse_args()

    import torch

    from translator_app.engine import search
    from translator_app.engine.config import DecodeConfig
    from translator_app.engine.translator import Translator

    t = Translator.load(device="cpu")
    plain = DecodeConfig(beam=args.beam, n_best=args.beam).validated()
    traced = plain.with_(trace=True)
    inputs = []
    for s in SENTENCES:
        assert len(s.split()) == 20, s
        ids = t.tokenizer.encode_source(s, "en")
        inputs.append((torch.tensor([ids]), torch.tensor([len(ids)])))
    old = _load_baseline(args.baseline) if args.baseline else None

    def decode_all(module, cfg):
        return lambda: [module.decode(t.model, src, lens, cfg) for src, lens in inputs]

    def translate_all(cfg):
        def run():
            t.clear_cache()
            t.translate_many(SENTENCES, "de", "en", cfg)
        return run

    decode_off, decode_on = decode_all(search, plain), decode_all(search, traced)
    pairs = {"search.decode": (decode_off, decode_on), "Translator.translate": (translate_all(plain), translate_all(traced))}
    if old is not None:
        pairs["search.decode, before"] = (decode_all(old, plain), decode_off)
    for off, on in pairs.values():  # warm up
        off(), on()
    times = {key: ([], [], []) for key in pairs}   # off ms, on ms, on/off of the same round
    for r in range(args.repeats):
        for key, (off, on) in pairs.items():  # a pair runs back to back, in turns first
            a, b = (_time(off), _time(on)) if r % 2 == 0 else (_time(on), _time(off))[::-1]
            for out, value in zip(times[key], (a / len(SENTENCES), b / len(SENTENCES), b / a)):
                out.append(value)
    print(f"per 20-word sentence, beam {args.beam}, n-best {args.beam}, {torch.get_num_threads()} thread(s), "
          f"medians of {args.repeats} rounds (ms); the ratio is the median of each round's pair")
    print(f"{'pair':24} {'first':>8} {'second':>8} {'ratio':>8}")
    labels = {"search.decode": "trace off / on", "Translator.translate": "trace off / on",
              "search.decode, before": "before / after, trace off"}
    for key, (off, on, ratio) in times.items():
        print(f"{key:24} {statistics.median(off):8.1f} {statistics.median(on):8.1f} "
              f"{statistics.median(ratio) - 1:+8.1%}  {labels[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
