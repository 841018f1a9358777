"""`translator-app train` and `translator-app evaluate`: wire the corpus, tokenizer, model,
trainer and evaluation together."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .settings import RECIPES, TrainSettings

DEFAULTS = TrainSettings.defaults()  # argparse's defaults are None: a recipe or a resumed run fills the rest


def register(sub) -> None:
    from .help_text import EVALUATE_HELP, train_help

    helps = train_help(DEFAULTS)
    p = sub.add_parser("train", help="train SentencePiece and the model on a corpus directory",
                       description="Train the tokenizer and a model; resumable; writes RUN/best/ (a bundle).")
    p.add_argument("--corpus", help="directory with train.tsv and dev.tsv (from `corpus build`)")
    p.add_argument("--out", required=True, help="run directory (checkpoints, logs, RUN/best bundle)")
    p.add_argument("--max-time", type=float, help="stop cleanly after this many seconds (validation and save included)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out")
    p.add_argument("--recipe", choices=sorted(RECIPES), help="preset hyperparameters (de-en built the bundled model)")
    p.add_argument("--fine-tune", metavar="FILE.tsv",
                   help="fine-tune the bundled model (or --init-from BUNDLE) on your own German<TAB>English pairs: "
                        "builds RUN/corpus from FILE, uses the fine-tune recipe and stops when dev stops improving")
    p.add_argument("--init-from", help="warm-start the weights from a bundle (same architecture and vocabulary)")
    p.add_argument("--snapshot-every", type=int, metavar="STEPS", help=helps["snapshot_every"])
    for key in ("vocab_size", "emb_dim", "enc_hid", "dec_hid", "attn_dim", "max_tokens", "warmup",
                "oversample_sentences", "oversample_technical", "dev_size", "seed", "threads", "max_len",
                "max_steps", "max_epochs", "validate_steps", "patience"):
        p.add_argument("--" + key.replace("_", "-"), type=int, help=helps.get(key))
    for key in ("dropout", "lr", "label_smoothing", "validate_every", "checkpoint_every"):
        p.add_argument("--" + key.replace("_", "-"), type=float, help=helps.get(key))
    # (these two were lost from the parser in bf1ebab; tests/test_training.py uses them)
    p.add_argument("--oversample", metavar="ORIGIN=N,...",
                   help="repeat pairs of these origins N times per epoch, e.g. ding-sentence=6,tsv=4,ddtp=2 "
                        "(origins: ding-word, ding-sentence, ddtp, gettext, tsv, games, moses, tmx)")
    p.add_argument("--sample-share", metavar="ORIGIN=S,...",
                   help="use only a share S (0-1) of these origins' pairs each epoch, drawn afresh, "
                        "e.g. ding-word=0.5 (default: all)")
    p.add_argument("--directions", choices=["both", "de-en", "en-de"], help=helps["directions"])
    bf16 = p.add_mutually_exclusive_group()
    bf16.add_argument("--bf16", dest="bf16", action="store_true", default=None,
                      help="bf16 autocast (default: on where the CPU has AMX or AVX-512 BF16, and on CUDA; "
                           "elsewhere it is many times slower)")
    bf16.add_argument("--no-bf16", dest="bf16", action="store_false", default=None, help="fp32 throughout")
    p.add_argument("--backtranslated", action="store_true", default=None,
                   help="also train de->en on CORPUS/backtranslated.tsv (from `corpus backtranslate`)")
    p.add_argument("--seed-faithful", action="store_true", default=None,
                   help="the seed's architecture: full-vocabulary output layer, no tying, naive per-step loop")
    p.set_defaults(func=run_train)

    e = sub.add_parser("evaluate", help="BLEU and chrF of a model on a test TSV",
                       description="Print BLEU and chrF (sacrebleu), overall and per length bucket.")
    e.add_argument("--model", help="bundle directory (default: the bundled model)")
    e.add_argument("--test", required=True, help="German<TAB>English file")
    e.add_argument("--from", dest="src", choices=["de", "en"], default="de", help=EVALUATE_HELP["src"])
    e.add_argument("--to", dest="tgt", choices=["de", "en"], help=EVALUATE_HELP["tgt"])
    e.add_argument("--beam", type=int, default=5, help=EVALUATE_HELP["beam"])
    e.add_argument("--device", default=None, help=EVALUATE_HELP["device"])
    e.add_argument("--hyp-out", help="write the hypotheses here (default: next to the test file, .hyp)")
    e.add_argument("--baseline", choices=["model", "dictionary", "copy"], default="model",
                   help="score the model, the word-by-word Ding lookup, or the unchanged source")
    e.add_argument("--ding", help="Ding dictionary file (for --baseline dictionary)")
    e.add_argument("--json", action="store_true", help="print the figures as one JSON object on the last line")
    e.set_defaults(func=run_evaluate)

    a = sub.add_parser("average", help="average the weights of several bundles into one",
                       description="Write one bundle whose weights are the mean of the given bundles' weights "
                                   "(e.g. the snapshots of `train --snapshot-every N`: RUN/snapshots/step-*). "
                                   "They must share the architecture and the vocabulary.")
    a.add_argument("bundles", nargs="+", help="bundle directories")
    a.add_argument("--out", required=True, help="the averaged bundle's directory")
    a.add_argument("--dtype", choices=["float16", "float32"], default="float16", help="weights dtype (default float16)")
    a.set_defaults(func=run_average)


# -- training ------------------------------------------------------------------------------

def _settings(args) -> TrainSettings:
    """DEFAULTS, then the recipe (or, with --resume, RUN/train_args.json), then the flags given."""
    out = Path(args.out)
    saved = out / "train_args.json"
    if args.resume and saved.is_file():
        try:
            settings = json.loads(saved.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"{saved} is not readable: {exc}") from None
        if not isinstance(settings, dict):
            raise ValueError(f"{saved} does not hold the run's settings (a JSON object)")
    else:
        settings = dict(DEFAULTS)
        if args.recipe:
            settings.update(RECIPES[args.recipe])
        settings["corpus"] = args.corpus
    for key in DEFAULTS:
        value = getattr(args, key, None)
        if value is not None:
            settings[key] = value
    if args.corpus:
        settings["corpus"] = args.corpus
    return TrainSettings.from_dict(settings)


def _fine_tune_corpus(args) -> int | None:
    """--fine-tune FILE: build RUN/corpus from FILE and train on it with the fine-tune recipe,
    warm-started from the bundled model unless --init-from names another. None, or an exit code."""
    from ..paths import default_model_path
    from . import corpus

    if args.corpus:
        print("error: give --fine-tune FILE or --corpus DIR, not both", file=sys.stderr)
        return 2
    out = Path(args.out)
    target = out / "corpus"
    if not (args.resume and (target / "train.tsv").is_file()):
        try:
            source = corpus.tsv_source(args.fine_tune, progress=False)
        except FileNotFoundError as exc:
            print(f"error: --fine-tune: {exc}", file=sys.stderr)
            return 2
        if Path(args.fine_tune).stat().st_size == 0:
            print(f"error: --fine-tune: {args.fine_tune} is empty; it needs German<TAB>English lines",
                  file=sys.stderr)
            return 2
        out.mkdir(parents=True, exist_ok=True)
        try:
            corpus.build_corpus([source], target, log=lambda *a, **k: None)
        except (ValueError, OSError) as exc:
            print(f"error: --fine-tune: {exc}", file=sys.stderr)
            return 1
    args.corpus = str(target)
    args.recipe = args.recipe or "fine-tune"
    args.init_from = args.init_from or str(default_model_path())
    try:  # the architecture is the warm start's (config.json only: no weights, no code)
        model = json.loads((Path(args.init_from) / "config.json").read_text(encoding="utf-8"))["model"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: --init-from {args.init_from}: no readable config.json ({exc})", file=sys.stderr)
        return 2
    for key in ("vocab_size", "emb_dim", "enc_hid", "dec_hid", "attn_dim"):
        if getattr(args, key, None) is None and isinstance(model.get(key), int):
            setattr(args, key, model[key])
    return None


def run_train(args) -> int:
    if getattr(args, "fine_tune", None):
        code = _fine_tune_corpus(args)
        if code is not None:
            return code
    if not args.corpus and not args.resume:
        print("error: --corpus DIR is required (build one with `translator-app corpus build`)", file=sys.stderr)
        return 2
    try:
        settings = _settings(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not settings.corpus:
        print(f"error: {args.out} holds no run to resume (no train_args.json); pass --corpus DIR to start one",
              file=sys.stderr)
        return 2
    try:
        settings = settings.validated()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    corpus = Path(settings.corpus)
    if not (corpus / "train.tsv").is_file() or not (corpus / "dev.tsv").is_file():
        print(f"error: {corpus} lacks train.tsv or dev.tsv; build it with `translator-app corpus build --out {corpus}`",
              file=sys.stderr)
        return 2
    from .readers.tabular import load_tsv

    if not load_tsv(corpus / "dev.tsv"):
        print(f"error: {corpus / 'dev.tsv'} holds no pairs, so training could not be validated (it would log "
              f"dev_loss=0 and keep an arbitrary 'best' bundle); rebuild the corpus with `translator-app corpus "
              f"build` (every corpus of ten or more pairs gets dev and test parts)", file=sys.stderr)
        return 2
    if settings.backtranslated and not (corpus / "backtranslated.tsv").is_file():
        print(f"error: --backtranslated needs {corpus / 'backtranslated.tsv'}; make it with "
              f"`translator-app corpus backtranslate --corpus {corpus} --ddtp-dir DIR`", file=sys.stderr)
        return 2
    out = Path(args.out)
    if (out / "last.pt").exists() and not args.resume:
        print(f"error: {out} already holds a run; pass --resume to continue it or choose another --out",
              file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    (out / "train_args.json").write_text(json.dumps(settings.to_dict(), indent=2), encoding="utf-8")
    from ..device import DeviceError
    from ..engine.checkpoint import CheckpointError
    from .pipeline import NoTrainingData, train_run
    from .vocab import VocabSizeError

    try:
        return train_run(settings, out, max_time=args.max_time, resume=args.resume)
    except (VocabSizeError, DeviceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except CheckpointError as exc:  # --init-from: missing, damaged, or another shape (1: not a usage error)
        print(f"error: --init-from: {exc}", file=sys.stderr)
        return 1
    except NoTrainingData as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def run_average(args) -> int:
    from ..engine.checkpoint import CheckpointError
    from .average import save_average

    try:
        out = save_average(args.bundles, args.out, dtype=args.dtype)
    except CheckpointError as exc:  # a missing, damaged or mismatched bundle: 1, as for every model
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"averaged {len(args.bundles)} bundles into {out}")
    return 0


# -- evaluation ----------------------------------------------------------------------------

def run_evaluate(args) -> int:
    from . import evaluate
    from .readers.tabular import load_tsv

    test = Path(args.test)
    if not test.is_file():
        print(f"error: test file not found: {test}", file=sys.stderr)
        return 2
    tgt = args.tgt or ("en" if args.src == "de" else "de")
    if tgt == args.src:
        print("error: --from and --to must differ", file=sys.stderr)
        return 2
    from ..engine.config import DecodeConfig, DecodeConfigError

    try:
        cfg = DecodeConfig(beam=args.beam).validated()
    except DecodeConfigError as exc:
        print(f"error: --{exc.option.replace('_', '-')}: {exc}", file=sys.stderr)
        return 2
    pairs = load_tsv(test)
    if not pairs:
        print(f"error: {test} holds no German<TAB>English lines", file=sys.stderr)
        return 2
    col = {"de": 0, "en": 1}
    sources = [p[col[args.src]] for p in pairs]
    refs = [p[col[tgt]] for p in pairs]
    start = time.perf_counter()
    if args.baseline == "copy":
        hyps = list(sources)
        name = "copy-source"
    elif args.baseline == "dictionary":
        if not args.ding:
            print("error: --baseline dictionary needs --ding FILE", file=sys.stderr)
            return 2
        from .dictionary_baseline import DictionaryBaseline

        dictionary = DictionaryBaseline.from_ding(args.ding)
        hyps = [dictionary.translate(s, src=args.src, tgt=tgt) for s in sources]
        name = "dictionary"
    else:
        from ..device import DeviceError, requested_device
        from ..engine.checkpoint import CheckpointError
        from ..engine.translator import Translator

        try:
            translator = Translator.load(args.model, device=requested_device(args.device))
        except DeviceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except CheckpointError as exc:  # a missing or damaged model: 1 (2 is for usage errors)
            print(f"error: {exc}", file=sys.stderr)
            return 1
        from tqdm import tqdm

        bar = tqdm(total=len(sources), desc="translating", unit="sent", file=sys.stderr)
        hyps = []
        for i in range(0, len(sources), 256):
            chunk = sources[i:i + 256]
            hyps.extend(r.translation for r in translator.translate_many(chunk, args.src, tgt, cfg))
            bar.update(len(chunk))
        bar.close()
        name = translator.model_name
    seconds = time.perf_counter() - start
    overall = evaluate.score(hyps, refs)
    buckets = evaluate.bucketed(sources, hyps, refs)
    for line in evaluate.report_lines(f"{name} {args.src}->{tgt} on {test.name}", overall, buckets):
        print(line)
    hyp_path = Path(args.hyp_out) if args.hyp_out else test.with_suffix(f".{args.src}-{tgt}.hyp")
    try:
        evaluate.write_hypotheses(hyp_path, hyps)
        print(f"hypotheses written to {hyp_path}")
    except OSError as exc:
        print(f"warning: could not write hypotheses to {hyp_path}: {exc}", file=sys.stderr)
    if args.json:
        print(json.dumps({"model": name, "src": args.src, "tgt": tgt, **overall, "buckets": buckets,
                          "seconds": round(seconds, 1)}))
    return 0
