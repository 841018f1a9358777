"""Trainer callbacks of `translator-app train`: snapshots, the progress bar, and Ctrl+C/SIGTERM."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

from .trainer import Callback, Trainer


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
        # tqdm's monitor thread outlives its last bar; end it rather than leave it to exit
        monitor = getattr(type(self.bar), "monitor", None)
        if monitor is not None and not type(self.bar)._instances:
            monitor.exit()


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
