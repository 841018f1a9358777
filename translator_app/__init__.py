"""translator-app: an offline German <-> English translator that shows its attention.

Importing this package loads neither torch nor Qt; they are imported where used.

Module map (what may import what: engine/, dictionary/ and training/ never import gui/;
only gui/ imports PySide6; nothing imports cli.py):

    cli.py          argparse subcommands; each command's module is imported when it runs
    languages.py    language codes, model tags (<2en>/<2de>), names
    device.py       auto CUDA -> MPS -> CPU, override, fall-back; the CPU thread count
    paths.py        user dirs, the bundled model and resources
    engine/         no Qt
      config.py       ModelConfig; DecodeConfig, validated once (the only place limits live)
      translator.py   Translator: load, cache, batching, device fall-back, translate(text, src, tgt, cfg)
      segment.py      the one sentence splitter; chunks to the model's length
      spans.py        protected spans (URLs, e-mail, paths, code, tags, placeholders), ALL-CAPS
      copying.py      names, numbers and emoji copied through; the one piece-to-word grouping
      search.py       decode(model, src, lengths, cfg, should_stop): greedy and beam search
      assemble.py     hypotheses -> post-edited text -> Segment -> Translation
      langid.py       does the input look like the source language (script + trigrams)
      result.py       Translation, Segment, Alternative, LanguageNote (typed, JSON for the CLI)
      tokenizer.py / model.py / encoder.py / decoder.py / attention.py / checkpoint.py / quantize.py
    dictionary/     Ding dictionary index and lookup (no Qt)
    training/       corpus building, training, evaluation (no Qt)
    bench/          performance measurements
    gui/            the desktop app (PySide6)

A translation request: gui/requests.py (or cli.py) -> gui/worker.py -> Translator.translate
-> segment.split_sentences and chunks -> cache -> assemble.prepare (spans.mask, sentence
case, emoji out) -> search.decode -> assemble.build_segment (copy-through, emoji and spans
back) -> assemble.assemble -> Translation (+ langid note) -> gui/exchange_model.py or stdout.
"""

import logging

__version__ = "0.1.0"

# A library does not print: without this, Python's last-resort handler wrote each logged
# warning to stderr next to the CLI's own line (the device fall-back came out twice).
logging.getLogger(__name__).addHandler(logging.NullHandler())
