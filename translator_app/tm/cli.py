"""`translator-app memory add|list|remove|export|import`: your translation memory from the
command line. Exit status 0 on success, 1 when the memory file or a TMX file cannot be used
(one line saying why), 2 on a usage error."""

from __future__ import annotations

import json
import sys

from .. import languages


def register(sub) -> None:
    p = sub.add_parser("memory", help="your translation memory: add, list, remove, export or import (TMX)",
                       description="Your translations, used first by `translate` and the window "
                                   "(before the dictionary and the model).")
    verbs = p.add_subparsers(dest="verb", metavar="ACTION")
    a = verbs.add_parser("add", help="store a translation of SOURCE")
    a.add_argument("source", help="the text as you would type it")
    a.add_argument("target", help="its translation")
    a.add_argument("--from", dest="src", choices=languages.CODES, default="de",
                   help="the source's language (default de; the target is the other one)")
    ls = verbs.add_parser("list", help="print every stored translation")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    r = verbs.add_parser("remove", help="delete one stored translation by its ID (see `memory list`)")
    r.add_argument("id", help="the entry's ID")
    e = verbs.add_parser("export", help="write the memory to a TMX 1.4b file")
    e.add_argument("file", help="the .tmx file to write (replaced if it exists)")
    i = verbs.add_parser("import", help="add every unit of a TMX file (all or nothing)")
    i.add_argument("file", help="the .tmx file to read")
    p.set_defaults(func=run_memory, memory_parser=p)


def _fail(message: str) -> int:
    print(f"translator-app memory: error: {message}", file=sys.stderr)
    return 1


def entry_json(entry) -> dict:
    return {"id": entry.id, "source": entry.source, "target": entry.target, "src_lang": entry.src_lang,
            "tgt_lang": entry.tgt_lang, "created": entry.created.isoformat()}


def run_memory(args) -> int:
    from .store import MemoryStore, MemoryStoreError
    from .tmx import TMXError, export_file, import_file

    if args.verb is None:
        args.memory_parser.print_help(sys.stderr)
        return 2
    store = MemoryStore()
    try:
        if args.verb == "add":
            tgt = languages.other(args.src)
            try:
                entry = store.add(args.source, args.target, args.src, tgt)
            except ValueError as exc:
                print(f"translator-app memory add: error: {exc}", file=sys.stderr)
                return 2
            print(f"added {entry.id}: {entry.source} -> {entry.target} ({entry.src_lang}->{entry.tgt_lang})")
        elif args.verb == "list":
            entries = store.entries()
            for e in entries:
                if args.json:
                    print(json.dumps(entry_json(e), ensure_ascii=False))
                else:
                    source, target = (" ".join(t.split()) for t in (e.source, e.target))  # one line each
                    print(f"{e.id}\t{e.src_lang}->{e.tgt_lang}\t{source}\t{target}")
            if not entries and not args.json:
                print(f"note: your translation memory is empty ({store.path})", file=sys.stderr)
        elif args.verb == "remove":
            try:
                entry_id = int(args.id)
            except ValueError:
                print(f"translator-app memory remove: error: the ID must be a number, not {args.id!r}",
                      file=sys.stderr)
                return 2
            if not store.remove(entry_id):
                return _fail(f"no entry {entry_id} (see `translator-app memory list`)")
            print(f"removed {entry_id}")
        elif args.verb == "export":
            try:
                n = export_file(store, args.file)
            except (OSError, ValueError) as exc:
                return _fail(f"cannot write {args.file}: {getattr(exc, 'strerror', None) or exc}")
            print(f"exported {n} translation{'s' if n != 1 else ''} to {args.file}")
        elif args.verb == "import":
            try:
                added, known = import_file(store, args.file)
            except TMXError as exc:
                return _fail(f"{exc}; nothing was imported")
            except OSError as exc:
                return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
            print(f"imported {len(added)} translation{'s' if len(added) != 1 else ''} from {args.file}"
                  + (f" ({known} already in your memory)" if known else ""))
    except MemoryStoreError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    return 0
