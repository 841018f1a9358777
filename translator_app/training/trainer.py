"""A generic, resumable training loop. It knows nothing about the model: it is handed a
``step_fn`` that returns (loss, target tokens), a ``validate_fn`` that returns metrics, and
reports through callbacks.

Checkpoints hold the model, optimizer, schedule, RNG states and the data position, and are
written atomically (temp file, then rename), so a SIGKILL loses at most the work since the
last one. After a validation the checkpoint (with the new best score) is written first, then
the best bundle (``on_best``), then the log line: a kill in between is repaired on resume
(the best bundle is written again, a missing log line appended), and a resumed run can never
think a worse model is its best. ``request_stop()`` (what Ctrl+C calls) ends the run after the current step, with
the usual final validation and save, so nothing is lost. Under torchrun (WORLD_SIZE > 1)
every rank starts from rank 0's weights and the gradients are averaged over the ranks after
each backward pass (sync_gradients), as DistributedDataParallel does. Not DDP itself: its
reducer kept the process group alive after destroy_process_group, with its gloo threads
(gloo_tcp_loop, pt_gloo_runloop), and at exit under load rank 0 aborted with "terminate
called without an active exception".
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Optional

import torch
import torch.distributed as dist


@dataclass
class TrainerConfig:
    out_dir: str
    max_time: Optional[float] = None       # seconds, including validation and the final save
    max_steps: Optional[int] = None
    max_epochs: Optional[int] = None
    validate_every: float = 600.0          # seconds
    validate_steps: int = 0                # also every N steps (0: by time only)
    patience: int = 0                      # stop after N validations without a better score (0: never)
    checkpoint_every: float = 300.0        # seconds
    grad_clip: float = 1.0
    seed: int = 1


@dataclass
class TrainState:
    step: int = 0
    epoch: int = 0
    batch_pos: int = 0                     # next batch within the epoch
    elapsed: float = 0.0                   # training seconds over all runs
    tokens: int = 0
    best_score: float = float("-inf")
    best_step: int = -1                    # step of the best validation
    history: list = field(default_factory=list)


class Callback:
    def on_step(self, trainer: "Trainer", loss: float, tokens: int) -> None: ...
    def on_validate(self, trainer: "Trainer", metrics: dict) -> None: ...
    def on_end(self, trainer: "Trainer") -> None: ...


def dist_info() -> tuple[int, int]:
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def atomic_torch_save(obj, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    torch.save(obj, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Trainer:
    """Runs ``step_fn`` over ``batches_for_epoch(epoch)`` until a budget runs out."""

    def __init__(self, model, optimizer, scheduler, config: TrainerConfig,
                 batches_for_epoch: Callable[[int], list],
                 step_fn: Callable, validate_fn: Callable[[torch.nn.Module], dict],
                 on_best: Callable[[torch.nn.Module, dict], None],
                 callbacks: list[Callback] | None = None):
        self.model = model
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.config = config
        self.batches_for_epoch = batches_for_epoch
        self.step_fn = step_fn
        self.validate_fn = validate_fn
        self.on_best = on_best
        self.callbacks = callbacks or []
        self.stop_reason: str | None = None
        self.early_stopped = False
        self._best_pending = False
        self._validated = False                 # on every rank, unlike the rank-0 history
        self.state = TrainState()
        self.rank, self.world = dist_info()
        self.out = Path(config.out_dir)
        self.ckpt_path = self.out / "last.pt"
        if self.world > 1:
            with torch.no_grad():
                for t in [*model.parameters(), *model.buffers()]:
                    dist.broadcast(t, 0)

    def sync_gradients(self) -> None:
        """Average the gradients over the ranks: one all-reduce of them all, flattened. A
        parameter without a gradient on this rank counts as zero, so every rank sends the
        same sizes."""
        params = list(self.model.parameters())
        grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
        flat = torch._utils._flatten_dense_tensors(grads)
        dist.all_reduce(flat)
        flat /= self.world
        for p, synced in zip(params, torch._utils._unflatten_dense_tensors(flat, grads)):
            p.grad = synced

    # -- checkpoints ---------------------------------------------------------------------
    def save_checkpoint(self) -> None:
        if self.rank != 0:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        atomic_torch_save({
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict() if self.scheduler else None,
            "state": asdict(self.state),
            "rng": {"torch": torch.get_rng_state(), "python": random.getstate(),
                    # dropout on a GPU draws from the CUDA generators
                    "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_initialized() else None},
        }, self.ckpt_path)

    def load_checkpoint(self) -> bool:
        if not self.ckpt_path.is_file():
            return False
        data = torch.load(self.ckpt_path, map_location="cpu", weights_only=True)
        self.model.load_state_dict(data["model"])
        self.optimizer.load_state_dict(data["optimizer"])
        if self.scheduler and data.get("scheduler"):
            self.scheduler.load_state_dict(data["scheduler"])
        self.state = TrainState(**data["state"])
        # saved right after a best validation, then killed before on_best finished: redo it
        self._best_pending = self.state.best_step == self.state.step and bool(self.state.history)
        torch.set_rng_state(data["rng"]["torch"])
        random.setstate(_as_tuple(data["rng"]["python"]))
        cuda_states = data["rng"].get("cuda")
        if cuda_states and torch.cuda.is_available() and len(cuda_states) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(cuda_states)
        return True

    # -- the loop ------------------------------------------------------------------------
    def _validate(self) -> dict:
        """Validate, then save in the order that survives a kill: the checkpoint (with the new
        best score), the best bundle, the log line."""
        metrics = {}
        self._validated = True
        if self.rank == 0:
            self.model.eval()
            metrics = self.validate_fn(self.model)
            self.model.train()
            metrics.update(step=self.state.step, hours=self.state.elapsed / 3600, tokens=self.state.tokens)
            self.state.history.append(metrics)
            best = metrics.get("score", float("-inf")) > self.state.best_score
            if best:
                self.state.best_score = metrics["score"]
                self.state.best_step = self.state.step
            self.save_checkpoint()
            if best:
                self.on_best(self.model, metrics)
            self._append_log([metrics])
            for cb in self.callbacks:
                cb.on_validate(self, metrics)
        if self.world > 1:
            dist.barrier()
        return metrics

    def _append_log(self, entries: list) -> None:
        with open(self.out / "log.jsonl", "a", encoding="utf-8") as fh:
            for metrics in entries:
                fh.write(json.dumps(metrics) + "\n")

    def _repair_after_kill(self) -> None:
        """On resume: finish what a kill interrupted after the last checkpoint was written."""
        if self.rank != 0:
            return
        if self._best_pending:
            self.on_best(self.model, self.state.history[-1])
            self._best_pending = False
        logged = -1
        log_path = self.out / "log.jsonl"
        if log_path.is_file():
            text = log_path.read_text(encoding="utf-8", errors="replace")
            if text and not text.endswith("\n"):  # a line cut by the kill: drop it
                text = text[:text.rfind("\n") + 1]
                log_path.write_text(text, encoding="utf-8")
            for line in text.splitlines():
                try:
                    logged = max(logged, int(json.loads(line).get("step", -1)))
                except (ValueError, AttributeError, TypeError):
                    continue
        self._append_log([m for m in self.state.history if m.get("step", -1) > logged])

    def request_stop(self, reason: str) -> None:
        """Stop after the current step; safe to call from a signal handler."""
        self.stop_reason = reason

    def _decide(self, reserve: float, validation_due: bool) -> tuple[bool, bool]:
        """(stop, validate now), the same on every rank, from one all-reduce per step: ranks
        must validate and stop together, or one waits in a barrier while another waits here."""
        cfg, st = self.config, self.state
        stop = self.stop_reason is not None or self._no_longer_improving() or \
               (cfg.max_time is not None and self._run_elapsed() + reserve >= cfg.max_time) or \
               (cfg.max_steps is not None and st.step >= cfg.max_steps) or \
               (cfg.max_epochs is not None and st.epoch >= cfg.max_epochs)
        if self.world == 1:
            return stop, validation_due
        flags = torch.tensor([float(stop), float(validation_due)])
        dist.all_reduce(flags, op=dist.ReduceOp.MAX)
        return bool(flags[0]), bool(flags[1])

    def _no_longer_improving(self) -> bool:
        """Early stop: ``patience`` validations in a row without a better dev score (rank 0 knows;
        _decide shares its answer)."""
        if not self.config.patience or not self.state.history:
            return False
        since_best = sum(1 for h in self.state.history if h.get("step", 0) > self.state.best_step)
        self.early_stopped = since_best >= self.config.patience
        return self.early_stopped

    def _run_elapsed(self) -> float:
        return time.monotonic() - self._run_start

    def train(self) -> TrainState:
        self._run_start = time.monotonic()
        self._repair_after_kill()
        self.model.train()
        last_val = last_ckpt = time.monotonic()
        # time kept back for the final validation and save; refined once one has run
        reserve = min(60.0, 0.1 * self.config.max_time) if self.config.max_time else 0.0
        trained_since_val = False
        last_val_step = self.state.step
        while True:
            every = self.config.validate_steps
            due = trained_since_val and (time.monotonic() - last_val >= self.config.validate_every or
                                         bool(every and self.state.step - last_val_step >= every))
            stop, validate_now = self._decide(reserve, due)
            if stop:
                break
            if validate_now:
                v0 = time.monotonic()
                self._validate()  # saves the checkpoint too
                reserve = max(reserve, 1.5 * (time.monotonic() - v0) + 5)
                last_val = last_ckpt = time.monotonic()
                last_val_step = self.state.step
                trained_since_val = False
            batches = self.batches_for_epoch(self.state.epoch)
            if not batches:
                raise ValueError(f"epoch {self.state.epoch} has no training batches: the corpus is empty, "
                                 "or every pair is longer than --max-len")
            if self.state.batch_pos >= len(batches):
                self.state.epoch += 1
                self.state.batch_pos = 0
                continue
            t0 = time.monotonic()
            batch = batches[self.state.batch_pos]
            self.optimizer.zero_grad(set_to_none=True)
            loss, tokens = self.step_fn(self.model, batch)
            loss.backward()
            if self.world > 1:
                self.sync_gradients()
            if self.config.grad_clip:
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_clip)
            self.optimizer.step()
            if self.scheduler:
                self.scheduler.step()
            self.state.step += 1
            self.state.batch_pos += 1
            self.state.tokens += int(tokens)
            self.state.elapsed += time.monotonic() - t0
            trained_since_val = True
            for cb in self.callbacks:
                cb.on_step(self, float(loss.detach()), int(tokens))
            if time.monotonic() - last_ckpt >= self.config.checkpoint_every:
                self.save_checkpoint()  # rank 0 only; no collective, so no agreement needed
                last_ckpt = time.monotonic()
        if self.stop_reason is not None:
            self.save_checkpoint()  # first: a supervisor may not wait for the validation
        if trained_since_val or not self._validated:
            self._validate()
        else:
            self.save_checkpoint()
        for cb in self.callbacks:
            cb.on_end(self)
        return self.state


def _as_tuple(value):
    """random.setstate needs tuples; a checkpoint round-trip may give lists."""
    if isinstance(value, list):
        return tuple(_as_tuple(v) for v in value)
    return value
