"""`translator-app lookup TERM [--from de|en] [--json] [--limit N]`; no TERM: one JSON line per
stdin line. The JSON fields are documented in the README ("Dictionary")."""

from __future__ import annotations

import io
import json
import sys
import time

from .. import languages

STDIN_HINT = "reading from standard input; Ctrl-D ends"


def register(sub) -> None:
    p = sub.add_parser("lookup", help="look a word or phrase up in the offline dictionary (Ding)",
                       description="Look TERM up in the bundled Ding dictionary. Without TERM, read "
                                   "terms from standard input, one a line, and print one JSON line each.")
    p.add_argument("term", nargs="*", help="the word or phrase (several words are joined by spaces)")
    p.add_argument("--from", dest="lang", choices=("de", "en"), default="de",
                   help="the term's language (default de)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--limit", type=int, default=None,
                   help="entries (or example pairs) per term, 1 to 500 (default 10; 5 with --examples)")
    p.add_argument("--examples", action="store_true",
                   help="print example sentence pairs containing TERM (Tatoeba, game dialogue, Ding) "
                        "instead of dictionary entries, shortest and exact matches first; the matched "
                        "words are marked *like this* on both sides, the source follows in brackets; "
                        "with --json: {term, lang, examples: [{id, german, english, source, source_name, "
                        "match, german_spans, english_spans}], ms}, spans as [start, end] character offsets")
    p.add_argument("--rebuild", action="store_true",
                   help="rebuild the dictionary index first (with --examples: the example index)")
    p.set_defaults(func=run_lookup)


def _progress(done: int, total: int) -> None:
    print(f"\rbuilding the dictionary index (first use): {100 * done // max(total, 1)}%",
          end="" if done < total else "\n", file=sys.stderr, flush=True)


def result_json(term: str, lang: str, entries, ms: float) -> dict:
    return {"term": term, "lang": lang, "entries": [e.to_json_dict() for e in entries], "ms": round(ms, 3)}


def run_lookup(args) -> int:
    from .lookup import Dictionary, DictionaryError

    if args.limit is None:
        args.limit = 5 if args.examples else 10
    if not 1 <= args.limit <= 500:
        print("translator-app lookup: error: --limit must be between 1 and 500", file=sys.stderr)
        return 2
    if args.examples:
        from .examples_cli import run_examples

        return run_examples(args, _progress)
    try:
        d = Dictionary.open(progress=_progress, rebuild=args.rebuild)
    except DictionaryError as exc:
        print(f"translator-app lookup: error: {exc}", file=sys.stderr)
        return 1
    try:
        if args.term:
            term = " ".join(args.term)
            start = time.perf_counter()
            entries = d.lookup(term, args.lang, args.limit)
            ms = (time.perf_counter() - start) * 1000
            other = None if entries else _other_side(d, term, args.lang)
            if args.json:
                print(json.dumps(result_json(term, args.lang, entries, ms), ensure_ascii=False))
                if other:
                    print(f"hint: {other}", file=sys.stderr)
            else:
                print(other or format_text(term, entries))
            return 0 if entries else 3
        for term in stdin_terms():
            start = time.perf_counter()
            entries = d.lookup(term, args.lang, args.limit) if term else []
            ms = (time.perf_counter() - start) * 1000
            sys.stdout.write(json.dumps(result_json(term, args.lang, entries, ms), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    except DictionaryError as exc:
        print(f"translator-app lookup: error: {exc}", file=sys.stderr)
        return 1
    finally:
        d.close()


def _other_side(d, term: str, lang: str):
    """For a term without entries, when the other side has some: "no German entries for
    'to go'; English has 12: try --from en" (the count stops at 500)."""
    other = "en" if lang == "de" else "de"
    n = len(d.lookup(term, other, 500))
    if not n:
        return None
    return (f"no {languages.name(lang)} entries for {term!r}; {languages.name(other)} has "
            f"{n if n < 500 else '500 or more'}: try --from {other}")


def stdin_terms():
    """The lines of standard input, stripped, as UTF-8 (one line on stderr first when it is a
    terminal, saying how to end)."""
    if _isatty(sys.stdin):
        print(STDIN_HINT, file=sys.stderr, flush=True)
    stream = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
              if hasattr(sys.stdin, "buffer") else sys.stdin)
    for line in stream:
        yield line.strip()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def format_text(term: str, entries) -> str:
    if not entries:
        return f"no entries for {term!r}"
    out = []
    for e in entries:
        tags = f" {{{', '.join(e.tags)}}}" if e.tags else ""
        out.append(f"{e.headword}{tags}  [{e.match}]")
        for s in e.senses:
            out.append(f"  {s.text}  ->  {'; '.join(t.text for t in s.translations)}")
        for x in e.examples:
            out.append(f"  e.g. {x.source}  ->  {x.target}")
    return "\n".join(out)
