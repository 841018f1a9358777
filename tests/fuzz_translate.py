"""Seeded fuzzing of translate: random strings of mixed scripts, control characters,
zero-width and bidi marks, emoji sequences and span-like fragments.

    python tests/fuzz_translate.py --n 10000 [--model DIR] [--beam 5]

runs them through the CLI (one subprocess, one line each) and the Translator; it checks
that nothing raises and that there is exactly one output line per input line.
CI runs 500 of them (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time

PIECES = {
    "ascii": [chr(c) for c in range(0x20, 0x7F)],
    "words": ["Die", "Straße", "wird", "gerade", "ausgebessert", "Hallo", "Welt", "the", "road", "is",
              "Größe", "ÄÖÜ", "über", "z.B.", "Dr.", "17:30", "v1.2.3", "NASA", "USB-Stick", "."],
    "latin": [chr(c) for c in range(0xA0, 0x250)],
    "cjk": [chr(c) for c in range(0x4E00, 0x4E80)] + list("。、「」"),
    "arabic": [chr(c) for c in range(0x0600, 0x06FF)],
    "hebrew": [chr(c) for c in range(0x0591, 0x05F4)],
    "cyrillic": [chr(c) for c in range(0x0400, 0x0460)],
    "devanagari": [chr(c) for c in range(0x0900, 0x0970)],
    "control": [chr(c) for c in range(0x00, 0x20) if c != 0x0A] + [chr(c) for c in range(0x7F, 0xA0)],
    "invisible": list("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u034f\u180e\u2028\u2029"),
    "bidi": list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"),
    "combining": [chr(c) for c in range(0x0300, 0x0370)],
    "emoji": ["😀", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🇩🇪", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
              "1️⃣", "#️⃣", "❤️", "🎉", "\u200d", "\ufe0f", "\U0001F3FB", "🫠", "☺"],
    "spans": ["<b>", "</p>", "<a href=\"x\">", "&amp;", "&#x20;", "%d", "%s", "%(name)s", "{0}", "{name}", "{",
              "}", "`", "`code`", "https://ex.org/a?b=1", "www.", "a@b.de", "/usr/bin/", "C:\\x\\", "\\n", "X1",
              "<!--", "-->", "%", "@", "http://"],
    "odd": ["\ufffd", "\U0010FFFF", "\uFDD0", "\U000E0001", "\u0000", "\x1b[31m", "\x1b]0;t\x07", "ﬁ", "Å", "ß" * 30],
}
KINDS = list(PIECES)


def fuzz_strings(n: int, seed: int = 19) -> list[str]:
    """``n`` strings without a line feed (so each is one input line)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        kinds = rng.sample(KINDS, rng.randint(1, 4))
        parts = []
        for _ in range(rng.randint(0, 24)):
            piece = rng.choice(PIECES[rng.choice(kinds)])
            parts.append(piece + (" " if rng.random() < 0.4 else ""))
        out.append("".join(parts).replace("\n", " "))
    return out


def check_translator(translator, texts: list[str], beam: int) -> None:
    from translator_app.engine.config import DecodeConfig

    for start in range(0, len(texts), 100):
        block = texts[start:start + 100]
        results = translator.translate_many(block, "de", "en", DecodeConfig(beam=beam))
        assert len(results) == len(block)
        for text, r in zip(block, results):
            assert r.source == text
            assert len(r.attention) == len(r.target_tokens) == len(r.token_probs), text
            assert all(len(row) == len(r.source_tokens) for row in r.attention), text


def check_cli(texts: list[str], model: str | None, beam: int, env=None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "translator_app", "translate", "--beam", str(beam)]
    if model:
        args += ["--model", model]
    data = ("\n".join(texts) + "\n").encode("utf-8", errors="surrogatepass")
    proc = subprocess.run(args, input=data, capture_output=True, env=env, timeout=3600)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-2000:]
    lines = proc.stdout.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(texts), (len(lines) - 1, len(texts))
    return proc


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=19)
    p.add_argument("--model", default=None)
    p.add_argument("--beam", type=int, default=5)
    args = p.parse_args()
    texts = fuzz_strings(args.n, args.seed)
    from translator_app.engine.translator import Translator

    t0 = time.perf_counter()
    check_translator(Translator.load(args.model, device="cpu"), texts, args.beam)
    t1 = time.perf_counter()
    check_cli(texts, args.model, args.beam)
    t2 = time.perf_counter()
    print(f"{args.n} strings (seed {args.seed}, beam {args.beam}): no exception; Translator {t1 - t0:.0f} s, "
          f"CLI {t2 - t1:.0f} s, one output line per input line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
