"""Lost words, before and after the repairs (issue 24), on tests/data/drops-de.txt.

Each input is translated alone (as `translate` one line at a time would), once with the
repairs off (no retry in pieces, no truecasing of ALL-CAPS, no block on a word said twice,
no coverage penalty), once with the engine's defaults, and once with the dictionary's glossary
as the app and the CLI run (engine/copied.py: words copied, not translated). A word is *lost* when the output
has none of the renderings the data file lists for it (nor the German word itself); a
lost word is *warned* when the engine's warnings (Translation.losses, what the CLI prints
and `--json` gives as ``warnings``) name it as dropped, and an input is warned when it has
any "dropped" warning. A word *kept only as a copy* is in the output as written though the
data file lists other renderings for it ("Brot" in "1. Brot 2. Butter 3. cheese"): it counts
as kept above, but it was not translated.

    python tests/benchmarks/drops.py [--model DIR] [--beam 5] [--threads 1] [--show]

On a checkout from before the repairs (PYTHONPATH=OLD python tests/benchmarks/drops.py) it
measures that checkout's output once, with no warnings.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from translator_app.engine.copying import appears_in, strip_edges
from translator_app.engine.coverage import in_text
from translator_app.engine.translator import Translator

DATA = Path(__file__).resolve().parent.parent / "data" / "drops-de.txt"


def read(path: Path) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(German input, [(German word, [renderings])])] from the data file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, wanted = line.split("\t")
        words = []
        for item in wanted.split(" ; "):
            word, renderings = item.split("=", 1)
            words.append((word.strip(), renderings.strip().split("|")))
        out.append((text, words))
    return out


def kept(word: str, renderings: list[str], output: str) -> bool:
    return in_text(word, output) or rendered(renderings, output)  # copied through: not dropped


def only_copied(word: str, renderings: list[str], output: str) -> bool:
    """In the output as written, though not one of its renderings, and none of those is there."""
    return (word.lower() not in {r.lower() for r in renderings} and in_text(word, output)
            and not rendered(renderings, output))


def rendered(renderings: list[str], output: str) -> bool:
    for r in renderings:
        if r[:1].isalpha() and "'" not in r:
            if re.search(r"(?<!\w)" + re.escape(r), output, re.IGNORECASE):
                return True
        elif r[:1].isdigit():
            if appears_in(r, output):
                return True
        elif r.lower() in output.lower():
            return True
    return False


def says_twice(source: str, output: str) -> bool:
    """A word said twice in a row that the source does not say twice in a row."""
    def twice(text: str) -> bool:
        words = [strip_edges(w).lower() for w in text.split()]
        return any(a == b and any(c.isalpha() for c in a) for a, b in zip(words, words[1:]))
    return twice(output) and not twice(source)


def measure(translator: Translator, cases, cfg, show: bool) -> dict:
    row = {"inputs": len(cases), "losing": 0, "words": sum(len(w) for _, w in cases), "lost": 0,
           "lost_warned": 0, "losing_warned": 0, "warned_clean": 0, "copies": 0, "twice": 0, "repeat_warned": 0, "s": 0.0}
    start = time.perf_counter()
    for text, words in cases:
        result = translator.translate(text, "de", "en", cfg)
        losses = getattr(result, "losses", [])
        dropped = {strip_edges(w).lower() for l in losses if l.kind == "dropped" for w in l.source_words}
        lost = [w for w, renderings in words if not kept(w, renderings, result.translation)]
        row["copies"] += sum(only_copied(w, renderings, result.translation) for w, renderings in words)
        row["lost"] += len(lost)
        row["lost_warned"] += sum(strip_edges(w).lower() in dropped for w in lost)
        if lost:
            row["losing"] += 1
            row["losing_warned"] += bool(dropped)
        elif dropped:
            row["warned_clean"] += 1
        if says_twice(text, result.translation):
            row["twice"] += 1
            row["repeat_warned"] += any(l.kind == "repeated" for l in losses)
        if show:
            flags = (f" LOST {', '.join(lost)}" if lost else "") + (f" WARNED {', '.join(sorted(dropped))}" if dropped else "")
            print(f"  {text!r} -> {result.translation!r}{flags}")
    row["s"] = time.perf_counter() - start
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="bundle directory (default: the bundled model)")
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--beam", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--show", action="store_true", help="print every input and its translation")
    args = ap.parse_args()
    cases = read(Path(args.data))
    translator = Translator.load(args.model, device="cpu", threads=args.threads)
    base = translator.config.with_(beam=args.beam)
    if hasattr(base, "repair"):
        arms = [("before (repairs off)", base.with_(repair=False, no_word_twice=False, coverage_penalty=0.0), False),
                ("after (the defaults)", base, False)]
        if hasattr(translator, "glossary"):  # the app and the CLI hand it the dictionary's
            arms.append(("after, with the dictionary (as the app runs)", base, True))
    else:  # a checkout from before the repairs (run with PYTHONPATH=that checkout): its own output
        arms = [("that checkout", base, False)]
    rows = []
    for name, cfg, with_glossary in arms:
        if args.show:
            print(name)
        if hasattr(translator, "glossary"):
            from translator_app.dictionary.senses import glossary

            translator.glossary = glossary() if with_glossary else None
            translator.clear_cache()  # its answers were made without (or with) it
        rows.append((name, measure(translator, cases, cfg, args.show)))
    n = rows[0][1]["inputs"]
    print(f"{n} inputs, {rows[0][1]['words']} words to keep, beam {args.beam}, {args.data}")
    print("| | inputs losing a word | words lost | lost words warned | losing inputs warned | "
          "silent losing inputs | warned, nothing lost | kept only as a copy | word said twice (warned) | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['losing']} | {r['lost']} | {r['lost_warned']} | {r['losing_warned']} | "
              f"{r['losing'] - r['losing_warned']} | {r['warned_clean']} | {r['copies']} | {r['twice']} ({r['repeat_warned']}) | "
              f"{r['s']:.1f} |")


if __name__ == "__main__":
    main()
