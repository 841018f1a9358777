"""A two-process run leaves no gloo thread behind once its process group is destroyed.

torch._dynamo, imported by the first torch.optim.Adam, kept references to a process group
that existed at its import, so destroy_process_group did not end the group's gloo threads
(gloo_tcp_loop, pt_gloo_runloop); they ran into interpreter exit, where rank 0 aborted under
load ("terminate called without an active exception", test_training's DDP test).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import os, torch, torch.distributed as dist
    from translator_app.training.pipeline import _setup_distributed
    from translator_app.training.trainer import Trainer

    rank, world = _setup_distributed()
    model = torch.nn.Linear(3, 2)
    optimizer = torch.optim.Adam(model.parameters())  # imports torch._dynamo, as train does
    torch.manual_seed(rank)  # different gradients per rank
    model(torch.randn(4, 3)).sum().backward()
    trainer = Trainer.__new__(Trainer)  # only its gradient averaging
    trainer.model, trainer.world = model, world
    trainer.sync_gradients()
    grads = torch.cat([p.grad.reshape(-1) for p in model.parameters()])
    gathered = [torch.zeros_like(grads) for _ in range(world)]
    dist.all_gather(gathered, grads)
    dist.destroy_process_group()
    threads = sorted(open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task"))
    print(f"rank {rank} same={all(torch.equal(g, gathered[0]) for g in gathered)} threads={threads}", flush=True)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread names from /proc")
def test_no_gloo_thread_outlives_the_process_group(tmp_path):
    script = tmp_path / "ranks.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS="1")  # loopback TCP between the two ranks
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                           str(script)], env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the two ranks share stdout, so their lines can run together: find each rank's report
    lines = sorted(re.findall(r"rank \d same=\w+ threads=\[[^\]]*\]", proc.stdout))
    assert len(lines) == 2, proc.stdout
    for line in lines:
        assert "same=True" in line, line  # the averaged gradients agree on both ranks
        assert "gloo" not in line, line   # no gloo_tcp_loop / pt_gloo_runloop left running
