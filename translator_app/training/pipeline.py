"""One training run, in named steps: device, corpus, tokenizer, examples, model, optimizer,
batches, Trainer (validation, checkpoints, best bundle)."""

from __future__ import annotations

import json
import math
import os
import random
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn

from ..engine.checkpoint import load_bundle, save_bundle
from ..engine.config import ModelConfig
from ..engine.model import build_model, count_parameters
from ..engine.tokenizer import PAD, Tokenizer
from .batching import collate, make_examples, read_origins, sample_by_origin, shard, token_batches
from .readers.tabular import load_tsv
from .callbacks import ProgressBar, Snapshots, stop_on_signals
from .settings import TrainSettings, parse_origin_map, repeats_by_origin, shares_by_origin
from .trainer import Trainer, TrainerConfig, dist_info
from .validation import dev_parts_sample, make_validate, validation_translator

__all__ = ["NoTrainingData", "train_run", "make_step_fn", "sentence_batches", "naive_forward", "bf16_supported",
           "dev_parts_sample", "validation_translator", "parse_origin_map",
           "repeats_by_origin", "DIRECTIONS"]

DIRECTIONS = {"both": (("de", "en"), ("en", "de")), "de-en": (("de", "en"),), "en-de": (("en", "de"),)}


class NoTrainingData(ValueError):
    """The corpus gives no training examples (empty, or every pair too long)."""


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
    """Whether bf16 autocast is fast here: a CPU with AMX or AVX-512 BF16 (elsewhere torch
    emulates it, about 20x slower on an AVX2 EPYC) whose torch can autocast to bf16."""
    from ..device import cpu_has_bf16

    if not cpu_has_bf16():
        return False
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
        ntok = int((tgt_out != PAD).sum())
        with torch.autocast(device.split(":")[0], dtype=torch.bfloat16, enabled=use_bf16):
            if naive:
                core = model.module if hasattr(model, "module") else model
                logits = naive_forward(core, src, lens, tgt_in)
            else:  # through forward (not a method of its own): hooks on the module see the call
                total = model(src, lens, tgt_in, tgt_out, label_smoothing)
        if naive:
            total = loss_fn(logits.float().reshape(-1, logits.size(-1)), tgt_out.reshape(-1))
        return total / max(ntok, 1), ntok

    return step


@dataclass
class _Corpus:
    path: Path
    train_pairs: list
    origins: list
    dev_pairs: list


@dataclass
class _Examples:
    train: list
    dev_loss: list
    directions: tuple
    shares: dict          # origin -> share drawn per epoch (below 1 only)


def train_run(settings: TrainSettings, out: Path, max_time: float | None, resume: bool) -> int:
    """Train as ``settings`` (validated) say into ``out``; 0, or 128+signal when stopped by one."""
    wall_start = time.monotonic()
    rank, world = _setup_distributed()
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    device, use_bf16 = _setup_device(settings)
    log = (lambda *a: print(*a, file=sys.stderr)) if rank == 0 else (lambda *a: None)
    from ..allocator import active as allocator

    log(f"device {device}, {torch.get_num_threads()} thread(s), bf16 autocast {'on' if use_bf16 else 'off'}, "
        f"allocator {allocator()}")

    corpus = _load_corpus(settings, log)
    init_bundle = load_bundle(settings.init_from) if settings.init_from else None
    tokenizer = _tokenizer(settings, out, corpus, init_bundle, rank, world, log)
    data = _examples(settings, corpus, tokenizer, log)
    # (a run stopped before its first checkpoint resumes from the same warm start)
    warm_start = init_bundle if not (resume and (out / "last.pt").is_file()) else None
    model = _build_model(settings, tokenizer, device, warm_start, log)
    optimizer, scheduler = optimizer_and_schedule(model, settings)
    step_fn = make_step_fn(data.train, settings.label_smoothing, settings.seed_faithful, use_bf16, device)
    batches_for_epoch = _batches(settings, data, rank, world)
    dev_samples = dev_parts_sample(corpus.path, corpus.dev_pairs, settings.dev_size)
    validate = make_validate(tokenizer, data.dev_loss, dev_samples, data.directions, settings.max_tokens, device)
    trainer, save_run_bundle = _trainer(settings, out, max_time, model, optimizer, scheduler, batches_for_epoch,
                                        step_fn, validate, tokenizer, rank)
    if resume and trainer.load_checkpoint():
        log(f"resumed at step {trainer.state.step} (epoch {trainer.state.epoch}, batch {trainer.state.batch_pos})")
    if max_time is not None:
        # the budget counts from process start: set-up time is spent already
        trainer.config.max_time = max(1.0, max_time - (time.monotonic() - wall_start))
    return _train_and_finish(trainer, model, save_run_bundle, out, rank, world, log,
                             warm=bool(settings.init_from))


def _setup_distributed() -> tuple[int, int]:
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not dist.is_initialized():
        # torch._dynamo (first imported by the first torch.optim.Adam) keeps references to a
        # process group that exists when it is imported, which destroy_process_group does
        # not drop: the gloo threads then ran into interpreter exit, and rank 0 aborted under
        # load ("terminate called without an active exception"). Imported first, it holds none.
        import torch._dynamo  # noqa: F401

        dist.init_process_group("gloo")
    return dist_info()


def _setup_device(settings: TrainSettings) -> tuple[str, bool]:
    """The torch device of this process, and whether bf16 autocast is on."""
    from ..device import cpu_threads, requested_device

    # one thread unless asked: with a busy neighbour, 2 threads ran at 94 target tokens/s against ~2,000
    torch.set_num_threads(cpu_threads(settings.threads or None))
    device = "cpu"
    if requested_device().startswith("cuda") and torch.cuda.is_available():
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))  # torchrun: one GPU per process
        torch.cuda.set_device(local_rank)
        device = f"cuda:{local_rank}"
    if settings.bf16 is False:
        return device, False
    fast = device.startswith("cuda") or bf16_supported()
    if settings.bf16 and not fast:
        print("warning: --bf16 on a CPU without AMX or AVX-512 BF16 runs many times slower than fp32",
              file=sys.stderr)
    return device, bool(settings.bf16 or fast)


def _load_corpus(settings: TrainSettings, log) -> _Corpus:
    path = Path(settings.corpus)
    train_pairs = load_tsv(path / "train.tsv")
    corpus = _Corpus(path, train_pairs, read_origins(path / "train.origin", len(train_pairs)),
                     load_tsv(path / "dev.tsv"))
    log(f"corpus: {len(corpus.train_pairs):,} train pairs, {len(corpus.dev_pairs):,} dev pairs")
    return corpus


def _tokenizer(settings: TrainSettings, out: Path, corpus: _Corpus, init_bundle, rank: int, world: int,
               log) -> Tokenizer:
    """RUN/spm.model: the warm start's, one trained before (resume), or trained now on train.tsv."""
    spm_path = out / "spm.model"
    if init_bundle is not None and not spm_path.exists() and rank == 0:
        spm_path.write_bytes(init_bundle.spm_proto)
    if not spm_path.exists() and rank == 0:
        from .vocab import fit_vocab_size

        text_file = out / "spm-train.txt"
        with open(text_file, "w", encoding="utf-8") as fh:
            for de, en in corpus.train_pairs:
                fh.write(de + "\n" + en + "\n")
        size, note = fit_vocab_size(settings.vocab_size, text_file)
        if note:
            log(note)
        log(f"training SentencePiece ({size} pieces)...")
        Tokenizer.train(text_file, out / "spm", size, seed=settings.seed)
        text_file.unlink()
    if world > 1:
        dist.barrier()
    return Tokenizer.from_file(spm_path)


def _examples(settings: TrainSettings, corpus: _Corpus, tokenizer: Tokenizer, log) -> _Examples:
    # everyday sentences and technical descriptions are few beside 413k dictionary words
    repeat = repeats_by_origin(settings)
    weights = [repeat.get(o, 1) for o in corpus.origins]
    present = set(corpus.origins)
    applied = [f"{o} ×{n}" for o, n in sorted(repeat.items()) if n != 1 and o in present]
    log("repeated per epoch: " + (", ".join(applied) if applied else "nothing (every pair once)"))
    shares = shares_by_origin(settings)
    if any(o in present for o in shares):
        log("sampled per epoch: " + ", ".join(f"{o} {s:.0%}" for o, s in sorted(shares.items()) if o in present))
    directions = DIRECTIONS[settings.directions]
    examples = make_examples(corpus.train_pairs, tokenizer, directions, settings.max_len, weights, corpus.origins)
    if settings.backtranslated and ("de", "en") in directions:
        # synthetic German is only ever a source: the model must not learn to write it
        synthetic = load_tsv(corpus.path / "backtranslated.tsv")
        examples += make_examples(synthetic, tokenizer, (("de", "en"),), settings.max_len)
        log(f"back-translated: {len(synthetic):,} pairs (de->en only)")
    if not examples:
        raise NoTrainingData(f"{corpus.path} gives no training examples: train.tsv is empty, or every pair "
                             f"is longer than --max-len {settings.max_len} pieces")
    # dev.tsv lists the parts one after another: shuffle so that the loss covers all of them
    dev_mixed = list(corpus.dev_pairs)
    random.Random(12345).shuffle(dev_mixed)
    dev_loss = make_examples(dev_mixed[:1000], tokenizer, directions, settings.max_len)
    log(f"examples: {len(examples):,} training, {len(dev_loss):,} dev-loss")
    return _Examples(examples, dev_loss, directions, shares)


def _build_model(settings: TrainSettings, tokenizer: Tokenizer, device: str, warm_start, log):
    naive = settings.seed_faithful
    config = ModelConfig(vocab_size=tokenizer.vocab_size, emb_dim=settings.emb_dim, enc_hid=settings.enc_hid,
                         dec_hid=settings.dec_hid, attn_dim=settings.attn_dim, dropout=settings.dropout,
                         tie_output=not naive, share_embeddings=not naive)
    model = build_model(config).to(device)
    if warm_start is not None:
        from ..engine.checkpoint import apply_state

        apply_state(model, warm_start)
        log(f"warm-started from {warm_start.path}")
    log(f"model: {count_parameters(model):,} parameters, {config}")
    return model


def optimizer_and_schedule(model, settings: TrainSettings):
    """Adam; linear warm-up over ``warmup`` steps, then 1/sqrt(step) decay (constant with warmup 0)."""
    optimizer = torch.optim.Adam(model.parameters(), lr=settings.lr)
    warmup = settings.warmup

    def schedule(step: int) -> float:
        if warmup <= 0:
            return 1.0
        step = max(step, 1)
        return min(step / warmup, math.sqrt(warmup / step))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)


def _batches(settings: TrainSettings, data: _Examples, rank: int, world: int):
    """``batches_for_epoch(epoch)``: this rank's batches, seeded by seed + epoch (so resume is exact)."""
    cache: dict = {}

    def batches_for_epoch(epoch: int):
        if epoch not in cache:
            cache.clear()
            seed = settings.seed + epoch
            if settings.seed_faithful:
                batches = sentence_batches(len(data.train), 64, seed)
            else:
                keep = sample_by_origin(data.train, data.shares, seed) if data.shares else None
                batches = token_batches(data.train, settings.max_tokens, seed, indices=keep)
            cache[epoch] = shard(batches, rank, world)
        return cache[epoch]

    return batches_for_epoch


def _trainer(settings: TrainSettings, out: Path, max_time, model, optimizer, scheduler, batches_for_epoch,
             step_fn, validate, tokenizer, rank: int):
    """The Trainer, with the best bundle, snapshots and the progress bar hooked on; and the
    function that writes a bundle of the run (RUN/best, RUN/last, snapshots)."""

    def save_run_bundle(m, metrics, where: str, dtype: str = "float16") -> None:
        meta = {"name": out.name, "metrics": metrics, "training": {
            "steps": trainer.state.step, "train_hours": round(trainer.state.elapsed / 3600, 3),
            "target_tokens": trainer.state.tokens, "settings": settings.to_dict()}}
        save_bundle(out / where, m, tokenizer.proto, meta=meta, dtype=dtype,
                    card=f"# {out.name}\n\nTrained by `translator-app train`. Dev metrics: {json.dumps(metrics)}\n")

    def on_best(m, metrics) -> None:
        save_run_bundle(m, metrics, "best")

    tcfg = TrainerConfig(out_dir=str(out), max_time=max_time, max_steps=settings.max_steps,
                         max_epochs=settings.max_epochs, validate_every=settings.validate_every,
                         validate_steps=settings.validate_steps, patience=settings.patience,
                         checkpoint_every=settings.checkpoint_every, seed=settings.seed)
    callbacks = [ProgressBar(max_time, settings.max_steps)] if rank == 0 else []
    if rank == 0 and settings.snapshot_every > 0:
        callbacks.append(Snapshots(settings.snapshot_every, lambda step: save_run_bundle(
            model, trainer.state.history[-1] if trainer.state.history else {},
            f"snapshots/step-{step:06d}", dtype="float32")))
    trainer = Trainer(model, optimizer, scheduler, tcfg, batches_for_epoch, step_fn, validate, on_best, callbacks)
    return trainer, save_run_bundle


WEAK_CHRF = 15.0  # below this mean dev chrF a model prints ".." or noise for most inputs


def _train_and_finish(trainer: Trainer, model, save_run_bundle, out: Path, rank: int, world: int, log,
                      warm: bool = False) -> int:
    with stop_on_signals(trainer):
        state = trainer.train()
        if rank == 0 and state.step > 0:
            # RUN/last: the final weights as a bundle, for when the noisy dev sample did not pick them
            save_run_bundle(model, state.history[-1] if state.history else {}, "last")
    log(f"done: {state.step} steps, {state.tokens:,} target tokens, best dev score {state.best_score:.2f}, "
        f"bundle {out / 'best'}")
    if trainer.early_stopped:
        log(f"stopped early: {trainer.config.patience} validations without a better dev score "
            f"(the best, step {state.best_step}, is in {out / 'best'})")
    if state.history and state.best_score < WEAK_CHRF and not warm:
        log(f"note: the best dev chrF is {state.best_score:.1f}, so this model has not learned to translate yet; "
            "with little data, start from the bundled model: --init-from models/de-en")
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
