"""One training run: tokenizer, examples, model, optimizer, Trainer, validation, best bundle."""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import signal
import sys
import threading
import time
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn

from ..engine import search
from ..engine.checkpoint import load_bundle, save_bundle
from ..engine.config import ModelConfig
from ..engine.model import build_model, count_parameters
from ..engine.tokenizer import PAD, Tokenizer
from . import evaluate
from .batching import collate, make_examples, read_origins, read_tsv, sample_by_origin, shard, token_batches
from .readers import ORIGIN_DDTP, ORIGIN_DING_SENTENCE
from .trainer import Callback, Trainer, TrainerConfig, dist_info

DIRECTIONS = {"both": (("de", "en"), ("en", "de")), "de-en": (("de", "en"),), "en-de": (("en", "de"),)}


def parse_origin_map(text: str, kind=int) -> dict:
    """"ding-sentence=6,tsv=3" -> {"ding-sentence": 6, "tsv": 3}; ValueError on a bad item."""
    out = {}
    for item in filter(None, (t.strip() for t in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"{item!r} is not ORIGIN=VALUE")
        try:
            out[name.strip()] = kind(value)
        except ValueError:
            raise ValueError(f"{item!r}: {value!r} is not a number") from None
        if out[name.strip()] < 0:
            raise ValueError(f"{item!r}: must not be negative")
    return out


def repeats_by_origin(settings: dict) -> dict:
    """Repeats per epoch by origin: the old per-origin flags, then --oversample on top."""
    repeat = {ORIGIN_DING_SENTENCE: int(settings.get("oversample_sentences") or 1),
              ORIGIN_DDTP: int(settings.get("oversample_technical") or 1)}
    repeat.update(parse_origin_map(settings.get("oversample") or "", int))
    return repeat


def naive_forward(model, src, src_lens, tgt_in):
    """The seed's loop: a Python per-step decoder with the vocabulary projection inside it."""
    enc_outputs, hidden = model.encoder(src, src_lens)
    mask = src != model.config.pad_id
    outputs = []
    for t in range(tgt_in.size(1)):
        keys = model.decoder.attention.project_keys(enc_outputs)  # recomputed every step, as in the seed
        logits, hidden, _ = model.decoder.step(tgt_in[:, t], hidden, keys, enc_outputs, mask)
        outputs.append(logits)
    return torch.stack(outputs, dim=1)


def sentence_batches(n_examples: int, batch_size: int, seed: int) -> list[list[int]]:
    """The seed's batching: a fixed number of random sentences, no length bucketing."""
    order = list(range(n_examples))
    random.Random(seed).shuffle(order)
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def bf16_supported() -> bool:
    try:
        with torch.autocast("cpu", dtype=torch.bfloat16):
            torch.ones(2, 2) @ torch.ones(2, 2)
        return True
    except Exception:
        return False


def make_step_fn(examples, label_smoothing: float, naive: bool, use_bf16: bool, device: str):
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, label_smoothing=label_smoothing, reduction="sum")

    def step(model, indices):
        src, lens, tgt_in, tgt_out = (t.to(device) for t in collate(examples, indices))
        with torch.autocast(device.split(":")[0], dtype=torch.bfloat16, enabled=use_bf16):
            core = model.module if hasattr(model, "module") else model
            logits = naive_forward(core, src, lens, tgt_in) if naive else model(src, lens, tgt_in)
        ntok = int((tgt_out != PAD).sum())
        loss = loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1)) / max(ntok, 1)
        return loss, ntok

    return step


def greedy_translate(model, tokenizer, sentences, tgt_lang, device, batch_size=64) -> list[str]:
    """The trainer's old validation decode: plain greedy, no splitting, cleaning or copy-through.
    Kept for tests/benchmarks/validation_path.py, which measured it against the Translator path."""
    out = [""] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        ids = [tokenizer.encode_source(sentences[i], tgt_lang)[:150] for i in idx]
        src = torch.zeros((len(ids), max(map(len, ids))), dtype=torch.long)
        for row, seq in enumerate(ids):
            src[row, :len(seq)] = torch.tensor(seq)
        hyps = search.greedy(model, src.to(device), torch.tensor([len(s) for s in ids]))
        for i, h in zip(idx, hyps):
            out[i] = tokenizer.decode(h.ids)
    return out


def validation_translator(model, tokenizer, device: str):
    """The model being trained behind the app's Translator (greedy, fp32), so that the dev
    scores come from the same path as `evaluate` and the app."""
    from ..engine.checkpoint import Bundle
    from ..engine.config import DecodeConfig
    from ..engine.translator import Translator

    core = model.module if hasattr(model, "module") else model
    bundle = Bundle(path=Path("training"), config=core.config, meta={"name": "training"}, state_dict={},
                    spm_proto=tokenizer.proto)
    return Translator(core, tokenizer, bundle, device, [], DecodeConfig(beam=1, n_best=1))


def dev_parts_sample(corpus: Path, dev_pairs, size: int) -> dict:
    """The validation sample: ``size`` pairs split evenly over the corpus's dev parts
    (dev-everyday.tsv, ...), so each part is scored on its own; {"all": ...} without them."""
    parts = {}
    for path in sorted(corpus.glob("dev-*.tsv")):
        pairs = read_tsv(path)
        if pairs:
            parts[path.stem[4:]] = pairs
    if not parts:
        parts = {"all": list(dev_pairs)}
    each = max(1, size // len(parts))
    out = {}
    for name, pairs in parts.items():
        pairs = list(pairs)
        random.Random(12345).shuffle(pairs)
        out[name] = pairs[:each]
    return out


class Snapshots(Callback):
    """Keeps the weights every ``every`` steps (fp32 bundles under RUN/snapshots) for checkpoint averaging."""

    def __init__(self, every: int, save):
        self.every, self.save = every, save

    def on_step(self, trainer, loss: float, tokens: int) -> None:
        if trainer.state.step % self.every == 0:
            self.save(trainer.state.step)


class ProgressBar(Callback):
    """tqdm bar over the time budget (or steps): loss, target tokens/s, ETA."""

    def __init__(self, total_seconds: float | None, max_steps: int | None):
        from tqdm import tqdm

        self.by_time = total_seconds is not None
        self.bar = tqdm(total=int(total_seconds) if self.by_time else max_steps, unit="s" if self.by_time else "step",
                        file=sys.stderr, dynamic_ncols=True, mininterval=2.0,
                        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}] {postfix}")
        self.t0 = time.monotonic()
        self.window = []

    def on_step(self, trainer, loss, tokens):
        now = time.monotonic()
        self.window.append((now, tokens, loss))
        self.window = [w for w in self.window if now - w[0] < 30]
        span = max(now - self.window[0][0], 1e-3)
        tps = sum(w[1] for w in self.window[1:]) / span if len(self.window) > 1 else 0.0
        avg_loss = sum(w[2] for w in self.window) / len(self.window)
        if self.by_time:
            self.bar.n = min(int(now - self.t0), self.bar.total or 0)
        else:
            self.bar.n = trainer.state.step
        self.bar.set_postfix_str(f"step {trainer.state.step} loss {avg_loss:.3f} tgt tok/s {tps:,.0f}", refresh=False)
        self.bar.refresh() if trainer.state.step % 20 == 0 else None

    def on_validate(self, trainer, metrics):
        self.bar.write(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items()))

    def on_end(self, trainer):
        self.bar.close()


class NoTrainingData(ValueError):
    """The corpus gives no training examples (empty, or every pair too long)."""


@contextlib.contextmanager
def stop_on_signals(trainer: Trainer):
    """The first Ctrl+C (or SIGTERM) asks the trainer to stop after this step, then validate
    and save as at a normal end; a second one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def say(text: str) -> None:  # os.write: print() may not be re-entered from a handler
        if trainer.rank == 0:
            os.write(sys.stderr.fileno(), ("\n" + text + "\n").encode())

    def handler(signum, frame):
        name = signal.Signals(signum).name
        if trainer.stop_reason is None:
            trainer.request_stop(name)
            say(f"{name}: stopping after this step; saving the checkpoint, validating and writing "
                f"RUN/last (press Ctrl+C again to abort at once)")
        elif signum == signal.SIGINT:  # a second Ctrl+C: the user means it
            raise KeyboardInterrupt
        # a repeated SIGTERM (a supervisor and torchrun both send one) is ignored

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def train_run(settings: dict, out: Path, max_time: float | None, resume: bool) -> int:
    wall_start = time.monotonic()
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not dist.is_initialized():
        dist.init_process_group("gloo")
    rank, world = dist_info()
    seed = int(settings["seed"])
    random.seed(seed)
    torch.manual_seed(seed)
    from ..device import cpu_threads, requested_device

    # one thread unless asked: with a busy neighbour, 2 threads ran at 94 target tokens/s against ~2,000
    torch.set_num_threads(cpu_threads(int(settings.get("threads") or 0) or None))
    device = "cpu"
    if requested_device().startswith("cuda") and torch.cuda.is_available():
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))  # torchrun: one GPU per process
        torch.cuda.set_device(local_rank)
        device = f"cuda:{local_rank}"
    use_bf16 = bool(settings["bf16"]) and (device.startswith("cuda") or bf16_supported())

    corpus = Path(settings["corpus"])
    train_pairs = read_tsv(corpus / "train.tsv")
    origins = read_origins(corpus / "train.origin", len(train_pairs))
    dev_pairs = read_tsv(corpus / "dev.tsv")
    log = (lambda *a: print(*a, file=sys.stderr)) if rank == 0 else (lambda *a: None)
    log(f"corpus: {len(train_pairs):,} train pairs, {len(dev_pairs):,} dev pairs")

    spm_path = out / "spm.model"
    init_bundle = load_bundle(settings["init_from"]) if settings.get("init_from") else None
    if init_bundle is not None and not spm_path.exists() and rank == 0:
        spm_path.write_bytes(init_bundle.spm_proto)
    if not spm_path.exists() and rank == 0:
        from .vocab import fit_vocab_size

        text_file = out / "spm-train.txt"
        with open(text_file, "w", encoding="utf-8") as fh:
            for de, en in train_pairs:
                fh.write(de + "\n" + en + "\n")
        size, note = fit_vocab_size(int(settings["vocab_size"]), text_file)
        if note:
            log(note)
        log(f"training SentencePiece ({size} pieces)...")
        Tokenizer.train(text_file, out / "spm", size, seed=seed)
        text_file.unlink()
    if world > 1:
        dist.barrier()
    tokenizer = Tokenizer.from_file(spm_path)

    # everyday sentences and technical descriptions are few beside 413k dictionary words
    repeat = repeats_by_origin(settings)
    weights = [repeat.get(o, 1) for o in origins]
    present = set(origins)
    applied = [f"{o} ×{n}" for o, n in sorted(repeat.items()) if n != 1 and o in present]
    log("repeated per epoch: " + (", ".join(applied) if applied else "nothing (every pair once)"))
    shares = {o: s for o, s in parse_origin_map(settings.get("sample_share") or "", float).items() if s < 1}
    if any(o in present for o in shares):
        log("sampled per epoch: " + ", ".join(f"{o} {s:.0%}" for o, s in sorted(shares.items()) if o in present))
    directions = DIRECTIONS[settings["directions"]]
    examples = make_examples(train_pairs, tokenizer, directions, int(settings["max_len"]), weights, origins)
    if settings.get("backtranslated") and ("de", "en") in directions:
        # synthetic German is only ever a source: the model must not learn to write it
        synthetic = read_tsv(corpus / "backtranslated.tsv")
        examples += make_examples(synthetic, tokenizer, (("de", "en"),), int(settings["max_len"]))
        log(f"back-translated: {len(synthetic):,} pairs (de->en only)")
    if not examples:
        raise NoTrainingData(f"{corpus} gives no training examples: train.tsv is empty, or every pair "
                             f"is longer than --max-len {settings['max_len']} pieces")
    # dev.tsv lists the parts one after another: shuffle so that the loss covers all of them
    dev_mixed = list(dev_pairs)
    random.Random(12345).shuffle(dev_mixed)
    dev_loss_examples = make_examples(dev_mixed[:1000], tokenizer, directions, int(settings["max_len"]))
    log(f"examples: {len(examples):,} training, {len(dev_loss_examples):,} dev-loss")

    naive = bool(settings.get("seed_faithful"))
    config = ModelConfig(vocab_size=tokenizer.vocab_size, emb_dim=int(settings["emb_dim"]),
                         enc_hid=int(settings["enc_hid"]), dec_hid=int(settings["dec_hid"]),
                         attn_dim=int(settings["attn_dim"]), dropout=float(settings["dropout"]),
                         tie_output=not naive, share_embeddings=not naive)
    model = build_model(config).to(device)
    if init_bundle is not None and not (resume and (out / "last.pt").is_file()):
        # (a run stopped before its first checkpoint resumes from the same warm start)
        from ..engine.checkpoint import apply_state

        apply_state(model, init_bundle)
        log(f"warm-started from {init_bundle.path}")
    log(f"model: {count_parameters(model):,} parameters, {config}")

    optimizer = torch.optim.Adam(model.parameters(), lr=float(settings["lr"]))
    warmup = int(settings["warmup"])

    def schedule(step: int) -> float:
        if warmup <= 0:
            return 1.0
        step = max(step, 1)
        return min(step / warmup, math.sqrt(warmup / step))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    step_fn = make_step_fn(examples, float(settings["label_smoothing"]), naive, use_bf16, device)
    max_tokens = int(settings["max_tokens"])
    cache: dict = {}

    def batches_for_epoch(epoch: int):
        if epoch not in cache:
            cache.clear()
            if naive:
                batches = sentence_batches(len(examples), 64, seed + epoch)
            else:
                keep = sample_by_origin(examples, shares, seed + epoch) if shares else None
                batches = token_batches(examples, max_tokens, seed + epoch, indices=keep)
            cache[epoch] = shard(batches, rank, world)
        return cache[epoch]

    dev_samples = dev_parts_sample(corpus, dev_pairs, int(settings["dev_size"]))

    def validate(m) -> dict:
        t0 = time.monotonic()
        with torch.inference_mode():
            loss_fn = nn.CrossEntropyLoss(ignore_index=PAD, reduction="sum")
            total, ntok = 0.0, 0
            for batch in token_batches(dev_loss_examples, max_tokens, 0, shuffle=False):
                src, lens, tgt_in, tgt_out = (t.to(device) for t in collate(dev_loss_examples, batch))
                logits = m(src, lens, tgt_in)
                total += float(loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1)))
                ntok += int((tgt_out != PAD).sum())
        metrics = {"dev_loss": round(total / max(ntok, 1), 4)}
        chrfs = []
        translator = validation_translator(m, tokenizer, device)
        for part, sample in dev_samples.items():
            for src_lang, tgt_lang in directions:
                col = {"de": 0, "en": 1}
                sources = [p[col[src_lang]] for p in sample]
                refs = [p[col[tgt_lang]] for p in sample]
                hyps = [r.translation for r in translator.translate_many(sources, src_lang, tgt_lang)]
                s = evaluate.score(hyps, refs)
                key = f"{src_lang}-{tgt_lang}" if part == "all" else f"{part}_{src_lang}-{tgt_lang}"
                metrics[f"{key}_bleu"] = s["bleu"]
                metrics[f"{key}_chrf"] = s["chrf"]
                chrfs.append(s["chrf"])
        metrics["score"] = round(sum(chrfs) / len(chrfs), 3)
        metrics["validation_s"] = round(time.monotonic() - t0, 1)
        return metrics

    def save_run_bundle(m, metrics, where: str, dtype: str = "float16") -> None:
        meta = {"name": out.name, "metrics": metrics, "training": {
            "steps": trainer.state.step, "train_hours": round(trainer.state.elapsed / 3600, 3),
            "target_tokens": trainer.state.tokens, "settings": settings}}
        save_bundle(out / where, m, tokenizer.proto, meta=meta, dtype=dtype,
                    card=f"# {out.name}\n\nTrained by `translator-app train`. Dev metrics: {json.dumps(metrics)}\n")

    def on_best(m, metrics) -> None:
        save_run_bundle(m, metrics, "best")

    tcfg = TrainerConfig(out_dir=str(out), max_time=max_time, max_steps=settings.get("max_steps"),
                         max_epochs=settings.get("max_epochs"), validate_every=float(settings["validate_every"]),
                         checkpoint_every=float(settings["checkpoint_every"]), seed=seed)
    callbacks = [ProgressBar(max_time, settings.get("max_steps"))] if rank == 0 else []
    snapshot_every = int(settings.get("snapshot_every") or 0)
    if rank == 0 and snapshot_every > 0:
        callbacks.append(Snapshots(snapshot_every, lambda step: save_run_bundle(
            model, trainer.state.history[-1] if trainer.state.history else {},
            f"snapshots/step-{step:06d}", dtype="float32")))
    trainer = Trainer(model, optimizer, scheduler, tcfg, batches_for_epoch, step_fn, validate, on_best, callbacks)
    if resume and trainer.load_checkpoint():
        log(f"resumed at step {trainer.state.step} (epoch {trainer.state.epoch}, batch {trainer.state.batch_pos})")
    if max_time is not None:
        # the budget counts from process start: set-up time is spent already
        trainer.config.max_time = max(1.0, max_time - (time.monotonic() - wall_start))
    with stop_on_signals(trainer):
        state = trainer.train()
        if rank == 0 and state.step > 0:
            # RUN/last: the final weights as a bundle, for when the noisy dev sample did not pick them
            save_run_bundle(model, state.history[-1] if state.history else {}, "last")
    log(f"done: {state.step} steps, {state.tokens:,} target tokens, best dev score {state.best_score:.2f}, "
        f"bundle {out / 'best'}")
    if world > 1:
        _record_ddp_sync(model, out, rank, world, state.step)
        dist.destroy_process_group()
    if trainer.stop_reason is not None:
        log(f"stopped by {trainer.stop_reason} at step {state.step}; nothing was lost: "
            f"`translator-app train --out {out} --resume` continues from here")
        return 128 + int(getattr(signal, trainer.stop_reason))
    return 0


def _record_ddp_sync(model, out: Path, rank: int, world: int, step: int) -> None:
    """Gather a checksum of every rank's weights; rank 0 writes them to ddp_sync.json."""
    flat = torch.cat([p.detach().float().reshape(-1) for p in model.parameters()])
    local = torch.tensor([float(flat.sum()), float(flat.abs().sum()), float((flat * flat).sum()), float(step)],
                         dtype=torch.float64)
    gathered = [torch.zeros_like(local) for _ in range(world)]
    dist.all_gather(gathered, local)
    if rank == 0:
        (out / "ddp_sync.json").write_text(json.dumps({"world": world, "ranks": [g.tolist() for g in gathered]}))
