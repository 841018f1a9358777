"""Training's files survive a SIGKILL at the worst moment: the checkpoint with the best score is
written before the best bundle and the log line, a resumed run repairs what the kill cut short
and never lets a worse model replace RUN/best; RUN/best is never missing while it is replaced."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from helpers import subprocess_env

# A generic Trainer on a one-layer model; validation scores come from the command line, so a
# resumed run can score lower than the best before the kill (as a run validating at other
# steps would). on_best can SIGKILL the process just before or just after it writes.
DRIVER = r"""
import json, os, signal, sys
from pathlib import Path
import torch
from translator_app.training.trainer import Trainer, TrainerConfig

out, kill_at, scores, resume, max_steps = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), sys.argv[4] == "1", int(sys.argv[5])
torch.manual_seed(0)
model = torch.nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
batches = [torch.ones(1, 2)] * 100
calls = iter(scores)

def weight(m):
    return round(float(m.weight.sum()), 6)

def validate(m):
    return {"score": next(calls), "w": weight(m)}

def on_best(m, metrics):
    if kill_at == "before_best" and metrics["step"] == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    (out / "best.json").write_text(json.dumps({"step": metrics["step"], "score": metrics["score"], "w": weight(m)}))
    if kill_at == "after_best" and metrics["step"] == 2:
        os.kill(os.getpid(), signal.SIGKILL)

cfg = TrainerConfig(out_dir=str(out), max_steps=max_steps, validate_every=0.0, checkpoint_every=1e9)
t = Trainer(model, opt, None, cfg, lambda epoch: batches, lambda m, b: (m(b).sum(), 1), validate, on_best)
if resume:
    assert t.load_checkpoint()
t.train()
"""


def _drive(tmp_path, kill_at, scores, resume, max_steps):
    return subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path), kill_at, json.dumps(scores),
                           "1" if resume else "0", str(max_steps)],
                          env=subprocess_env(), capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("kill_at", ["before_best", "after_best"])
def test_a_kill_around_the_best_bundle_never_lets_a_worse_model_replace_it(tmp_path, kill_at):
    first = _drive(tmp_path, kill_at, [1.0, 5.0, 9.0], resume=False, max_steps=10)
    assert first.returncode == -9, first.stderr  # killed inside on_best at the step-2 validation
    # the resumed run validates lower than 5 but higher than the step-1 score
    second = _drive(tmp_path, "none", [3.0] * 10, resume=True, max_steps=4)
    assert second.returncode == 0, second.stderr
    best = json.loads((tmp_path / "best.json").read_text())
    log = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert (best["step"], best["score"]) == (2, 5.0)
    steps = [m["step"] for m in log]
    assert steps == [1, 2, 3, 4]  # each validation logged once, none lost
    assert best["w"] == log[1]["w"]  # the best bundle holds the weights that scored 5


def test_a_line_cut_by_the_kill_is_dropped_and_logged_again(tmp_path):
    first = _drive(tmp_path, "after_best", [1.0, 5.0], resume=False, max_steps=10)
    assert first.returncode == -9
    log_path = tmp_path / "log.jsonl"
    log_path.write_text(log_path.read_text() + '{"score": 5.0, "st')  # a half-written line
    second = _drive(tmp_path, "none", [3.0] * 10, resume=True, max_steps=3)
    assert second.returncode == 0, second.stderr
    assert [json.loads(line)["step"] for line in log_path.read_text().splitlines()] == [1, 2, 3]


POLLER = r"""
import os, sys, time
path, seconds = sys.argv[1], float(sys.argv[2])
print("ready", flush=True)
end, missing, looks = time.monotonic() + seconds, 0, 0
while time.monotonic() < end:
    looks += 1
    if not os.path.isfile(os.path.join(path, "config.json")):
        missing += 1
print(missing, looks, flush=True)
"""


def test_replacing_a_directory_never_leaves_it_missing(tmp_path):
    from translator_app.fsutil import replace_dir

    final = tmp_path / "best"
    final.mkdir()
    (final / "config.json").write_text("0")
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(final), "3"], stdout=subprocess.PIPE, text=True)
    assert poller.stdout.readline().strip() == "ready"
    n, end = 0, time.monotonic() + 2.5
    while time.monotonic() < end:
        n += 1
        new = tmp_path / f".best.tmp-{n}"
        new.mkdir()
        (new / "config.json").write_text(str(n))
        replace_dir(new, final)
    missing, looks = map(int, poller.stdout.readline().split())
    poller.wait(timeout=30)
    assert (final / "config.json").read_text() == str(n)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best"]
    assert looks > 1000 and missing == 0, (missing, looks, n)
