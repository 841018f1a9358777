"""`translator-app lookup --examples TERM`: example sentence pairs as text (matched words
*marked*) or JSON; no TERM: one JSON line per stdin line. The Ding translations of the term
mark the other side (examples.py's rule); without a usable dictionary the examples still come,
that side unmarked, with a note on stderr."""

from __future__ import annotations

import json
import sys
import time

from .cli import stdin_terms


def _building(reason: str) -> None:
    print(f"building the example index ({reason})…", file=sys.stderr, flush=True)


def result_json(term: str, lang: str, found, ms: float) -> dict:
    return {"term": term, "lang": lang, "examples": [e.to_json_dict() for e in found], "ms": round(ms, 3)}


def format_text(term: str, found, lang: str) -> str:
    if not found:
        return f"no example sentences for {term!r}"
    other = "en" if lang == "de" else "de"
    return "\n".join(f"{e.marked(lang)}\n  -> {e.marked(other)}  [{e.source_name}]" for e in found)


def run_examples(args, progress) -> int:
    """``progress``: the dictionary build's progress line (cli._progress)."""
    from .examples import Examples, ExamplesError, dictionary_translations
    from .lookup import Dictionary, DictionaryError

    def find(term: str):
        start = time.perf_counter()
        words = dictionary_translations(dictionary.lookup(term, args.lang, 10)) if dictionary and term else []
        found = ex.lookup(term, args.lang, args.limit, words) if term else []
        return found, (time.perf_counter() - start) * 1000

    try:
        ex = Examples.open(rebuild=args.rebuild, on_build=_building)
    except ExamplesError as exc:
        print(f"translator-app lookup: error: {exc}", file=sys.stderr)
        return 1
    try:
        dictionary = Dictionary.open(progress=progress)
    except DictionaryError as exc:
        dictionary = None
        print(f"translator-app lookup: note: {exc}; the other side is not marked", file=sys.stderr)
    try:
        if args.term:
            term = " ".join(args.term)
            found, ms = find(term)
            if args.json:
                print(json.dumps(result_json(term, args.lang, found, ms), ensure_ascii=False))
            else:
                print(format_text(term, found, args.lang))
            return 0 if found else 3
        for term in stdin_terms():
            found, ms = find(term)
            sys.stdout.write(json.dumps(result_json(term, args.lang, found, ms), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    except (ExamplesError, DictionaryError) as exc:
        print(f"translator-app lookup: error: {exc}", file=sys.stderr)
        return 1
    finally:
        ex.close()
        if dictionary is not None:
            dictionary.close()
