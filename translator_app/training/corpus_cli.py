"""``translator-app corpus build|fetch`` - command-line front end of the corpus builder.

:func:`register` adds the ``corpus`` subcommand to an argparse subparsers
object. Handlers take the parsed Namespace and return an exit code:
0 success, 1 failure while running, 2 usage error.

No torch, no Qt here.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
from pathlib import Path

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2



def _err(msg: str) -> None:
    print("translator-app corpus: error: " + msg, file=sys.stderr)


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``corpus`` (with ``build`` and ``fetch``) to ``subparsers``; return the corpus parser."""
    corpus = subparsers.add_parser(
        "corpus",
        help="build the training corpus (German-English) from local sources",
        description="Build or fetch the German-English training corpus.",
    )
    corpus.set_defaults(func=lambda args: _no_action(corpus))
    sub = corpus.add_subparsers(dest="corpus_command", metavar="{build,fetch,backtranslate}")

    b = sub.add_parser(
        "build",
        help="read, clean, de-duplicate and split the sources into DIR",
        description=(
            "Read the given sources, clean and de-duplicate them, drop held-out evaluation "
            "sentences, split off dev/test sets and write DIR/{train,dev,test}.tsv, .origin files, "
            "dev/test everyday/technical/conversational files, manifest.json and report.txt."
        ),
    )
    b.add_argument("--ding", metavar="FILE", help="Ding dictionary file (e.g. /usr/share/trans/de-en)")
    b.add_argument("--ddtp-dir", metavar="DIR", help="directory with decompressed Translation-de and Translation-en")
    b.add_argument("--po", metavar="FILE", nargs="+", action="extend", default=[], help="gettext .po/.mo files (msgid=English, msgstr=German)")
    b.add_argument("--tsv", metavar="FILE", nargs="+", action="extend", default=[], help="German<TAB>English files")
    b.add_argument("--games", metavar="FILE", nargs="+", action="extend", default=[],
                   help="German<TAB>English game dialogue (origin 'games', training only; see `corpus fetch --games`)")
    b.add_argument("--moses", metavar=("DE", "EN"), nargs=2, action="append", default=[], help="line-aligned German and English files")
    b.add_argument("--tmx", metavar="FILE", nargs="+", action="extend", default=[], help="TMX translation memories")
    b.add_argument("--exclude-hashes", metavar="FILE", nargs="+", action="extend",
                   help="held-out sha256 lists, one or more (default: the packaged heldout-de-en.sha256 "
                        "and heldout-external.sha256)")
    b.add_argument("--seed", type=int, default=0, help="seed for the dev/test split (default 0)")
    b.add_argument("--eval-size", type=int, default=1000, metavar="N", help="pairs per domain (everyday, technical, conversational) in each of dev and test (default 1000)")
    b.add_argument("--max-chars", type=int, default=250, help="drop pairs with a side longer than this (default 250)")
    b.add_argument("--max-words", type=int, default=80, help="drop pairs with a side of more words than this (default 80)")
    b.add_argument("--max-ratio", type=float, default=3.0, help="maximum length ratio (default 3.0)")
    b.add_argument("--no-progress", action="store_true", help="no progress bars")
    b.add_argument("--out", metavar="DIR", required=True, help="output directory (replaced atomically)")
    b.set_defaults(func=cmd_build)

    f = sub.add_parser(
        "fetch",
        help="download the Ding dictionary and DDTP descriptions with apt (Debian/Ubuntu only)",
        description=(
            "On a Debian-family system, download the trans-de-en package and the German and English "
            "DDTP package descriptions with apt into DEST (default: the user cache dir); with --games "
            "also the free games' packages, whose German catalogues give the game dialogue."
        ),
    )
    f.add_argument("--dest", metavar="DIR", help="where to put the data (default: user cache dir)")
    f.add_argument("--games", action="store_true",
                   help="also the German catalogues of the free games (Wesnoth, FreedroidRPG, ...) and their "
                        "dialogue as DEST/games/games-de-en.tsv (several hundred MB of packages)")
    f.set_defaults(func=cmd_fetch)

    t = sub.add_parser(
        "backtranslate",
        help="translate English-only DDTP descriptions into German with a model (synthetic pairs)",
        description=(
            "Translate the English DDTP sentences that have no German translation into German with a "
            "model and write DIR/backtranslated.tsv (synthetic German TAB real English) and "
            "backtranslated.json. `translator-app train --backtranslated` then uses them for de->en. "
            "Held-out, dev/test and already-trained English sentences are left out."
        ),
    )
    t.add_argument("--ddtp-dir", metavar="DIR", required=True, help="directory with Translation-de and Translation-en")
    t.add_argument("--corpus", metavar="DIR", required=True, help="corpus directory from `corpus build` (output goes here)")
    t.add_argument("--model", metavar="DIR", help="bundle that translates (default: the bundled model)")
    t.add_argument("--limit", type=int, default=50000, metavar="N", help="at most N sentences (default 50000; 0 = all)")
    t.add_argument("--beam", type=int, default=1, help="beam size (default 1: greedy)")
    t.add_argument("--seed", type=int, default=0, help="seed of the sentence order (default 0)")
    t.add_argument("--threads", type=int, help="torch CPU threads")
    t.add_argument("--exclude-hashes", metavar="FILE", nargs="+", action="extend",
                   help="held-out sha256 lists (default: the packaged ones)")
    t.add_argument("--no-progress", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_backtranslate)
    return corpus


def _no_action(parser) -> int:
    parser.print_usage(sys.stderr)
    _err("choose an action: build, fetch or backtranslate")
    return EXIT_USAGE


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


_SKIP_WORDS = {"tsv_header_skipped": "header line skipped", "tsv_no_tab": "lines without a tab skipped",
               "tsv_extra_columns": "lines with more than two columns (columns after the second dropped)"}


def cmd_build(args) -> int:
    from translator_app.training import corpus

    progress = not getattr(args, "no_progress", False)
    sources = []
    try:
        if args.ding:
            sources.append(corpus.ding_source(args.ding, progress=progress))
        if args.ddtp_dir:
            sources.append(corpus.ddtp_source(args.ddtp_dir, progress=progress))
        for p in args.po:
            sources.append(corpus.po_source(p))
        for p in args.tsv:
            sources.append(corpus.tsv_source(p, progress=progress))
        for p in args.games:
            sources.append(corpus.games_source(p, progress=progress))
        for de, en in args.moses:
            sources.append(corpus.moses_source(de, en, progress=progress))
        for p in args.tmx:
            sources.append(corpus.tmx_source(p))
    except FileNotFoundError as e:
        _err(str(e))
        return EXIT_USAGE
    if not sources:
        _err("no input given: pass at least one of --ding, --ddtp-dir, --po, --tsv, --games, --moses, --tmx "
             "(see 'translator-app corpus fetch' to download Ding and DDTP)")
        return EXIT_USAGE
    missing = [h for h in args.exclude_hashes or [] if not Path(h).is_file()]
    if missing:
        _err("hash file not found: %s" % missing[0])
        return EXIT_USAGE
    if args.eval_size < 0 or args.max_chars < 1 or args.max_words < 1 or args.max_ratio < 1:
        _err("--eval-size must be >= 0, --max-chars/--max-words >= 1 and --max-ratio >= 1")
        return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        _err("--out exists and is not a directory: %s" % out)
        return EXIT_USAGE
    try:
        result = corpus.build_corpus(
            sources,
            out,
            hash_files=args.exclude_hashes,
            seed=args.seed,
            per_domain=args.eval_size,
            config=corpus.CleanConfig(args.max_chars, args.max_words, args.max_ratio),
        )
    except (ValueError, OSError) as e:
        _err(str(e))
        return EXIT_FAIL
    sizes = result.manifest["split"]["sizes"]
    print("\nWrote %s: train %d, dev %d, test %d pairs" % (result.out_dir, sizes["train"], sizes["dev"], sizes["test"]))
    for source in sources:  # what a TSV's reader left out, so a messy file is not a silent loss
        skipped = {k: v for k, v in source.reader_stats.items() if k.startswith("tsv_") and v}
        if skipped:
            print("%s: %s" % (source.path, ", ".join("%s %d" % (_SKIP_WORDS.get(k, k), v)
                                                     for k, v in sorted(skipped.items()))), file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------------
# backtranslate
# ---------------------------------------------------------------------------


def cmd_backtranslate(args) -> int:
    from collections import Counter

    from translator_app import heldout
    from translator_app.training import backtranslate, corpus

    corpus_dir = Path(args.corpus)
    if not (corpus_dir / "train.tsv").is_file():
        _err("%s lacks train.tsv; build it with `translator-app corpus build --out %s`" % (corpus_dir, corpus_dir))
        return EXIT_USAGE
    from translator_app.engine.config import DecodeConfig, DecodeConfigError

    if args.limit < 0:
        _err("--limit must be >= 0")
        return EXIT_USAGE
    try:
        cfg = DecodeConfig(beam=args.beam).validated()  # the engine's limits (1 to MAX_BEAM)
    except DecodeConfigError as exc:
        _err("--beam: %s" % exc)
        return EXIT_USAGE
    hash_files = [Path(h) for h in args.exclude_hashes] if args.exclude_hashes else heldout.default_hash_files()
    missing = [h for h in hash_files if not h.is_file()]
    if missing:
        _err("hash file not found: %s" % missing[0])
        return EXIT_USAGE
    stats: Counter = Counter()
    try:
        sentences = backtranslate.select_sentences(args.ddtp_dir, corpus_dir, heldout.load_hashes(hash_files),
                                                   limit=args.limit or None, seed=args.seed, stats=stats)
    except FileNotFoundError as e:
        _err(str(e))
        return EXIT_USAGE
    print("%d English-only sentences to translate (of %d candidates)" % (len(sentences), stats["bt_candidates"]),
          file=sys.stderr)

    from translator_app.engine.checkpoint import CheckpointError
    from translator_app.engine.translator import Translator

    try:
        translator = Translator.load(args.model, threads=args.threads)
    except CheckpointError as e:  # a missing or damaged model: 1 (2 is for usage errors)
        _err(str(e))
        return EXIT_FAIL
    from tqdm import tqdm

    bar = tqdm(total=len(sentences), unit="sent", file=sys.stderr, disable=args.no_progress, dynamic_ncols=True)

    def progress(done: int, total: int) -> None:
        bar.n = done
        bar.refresh()

    started = time.monotonic()
    pairs = backtranslate.backtranslate(translator, sentences, cfg, progress=progress)
    bar.close()
    seconds = time.monotonic() - started
    info = {"model": translator.model_name, "model_sha256": (translator.bundle.meta.get("sha256") or {}).get("model.safetensors"),
            "beam": args.beam, "seed": args.seed, "limit": args.limit, "sentences": len(sentences),
            "seconds": round(seconds, 1), "ddtp_version": _ddtp_version(args.ddtp_dir),
            "heldout_sha256": [corpus.file_sha256(h) for h in hash_files], "counts": dict(sorted(stats.items()))}
    out = backtranslate.write_backtranslated(corpus_dir, pairs, info)
    print("Wrote %s: %d pairs in %.0f s" % (out, len(pairs), seconds))
    return EXIT_OK


def _ddtp_version(directory) -> str:
    from translator_app.training import readers

    try:
        return readers.ddtp_version(directory)
    except Exception:
        return "unknown"


# ---------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------


def cmd_fetch(args) -> int:
    from translator_app.training import fetch

    dest = Path(args.dest) if args.dest else fetch.default_cache_dir()
    if not fetch.is_debian_family():
        print(
            "corpus fetch needs a Debian-family system (apt-get, dpkg-deb, apt-helper). On this system, "
            "get the Ding dictionary (https://dict.tu-chemnitz.de/, file 'de-en') and the DDTP "
            "Translation-de/Translation-en files yourself and pass local paths:\n"
            "  translator-app corpus build --ding PATH/de-en --ddtp-dir DIR --out OUT",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        _err("cannot create %s: %s" % (dest, e))
        return EXIT_USAGE
    fetched = []
    failures = []
    steps = [("ding", fetch.fetch_ding), ("ddtp", fetch.fetch_ddtp)]
    if getattr(args, "games", False):
        steps.append(("games", fetch.fetch_games))
    for name, fn in steps:
        try:
            fetched.append(fn(dest))
        except (subprocess.CalledProcessError, RuntimeError, OSError, ValueError) as e:
            failures.append("%s: %s" % (name, e))
            _err("fetching %s failed: %s" % (name, e))
    manifest = {
        "fetched_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "sources": fetched,
        "failures": failures,
    }
    with open(dest / "fetch-manifest.json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    flags = {"ding": "--ding", "ddtp": "--ddtp-dir", "games": "--games"}
    for s in fetched:
        print("fetched %s %s -> %s" % (s["name"], s["version"], s["path"]))
    if fetched:
        hint = " ".join("%s %s" % (flags[s["name"]], s["path"]) for s in fetched)
        print("next: translator-app corpus build %s --out DIR" % hint)
    return EXIT_FAIL if failures else EXIT_OK


def main(argv=None) -> int:
    """Standalone entry point (``python -m translator_app.training.corpus_cli build ...``)."""
    parser = argparse.ArgumentParser(prog="translator-app")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(["corpus"] + list(sys.argv[1:] if argv is None else argv))
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
