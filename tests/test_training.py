"""Training: determinism, exact resume, SIGKILL safety, time budget, DDP on gloo, evaluate."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from helpers import TINY_ARGS, TINY_CORPUS, run_cli, subprocess_env
from translator_app.cli import main


def _train(out, *extra):
    return main(["train", "--corpus", str(TINY_CORPUS), "--out", str(out), *TINY_ARGS, *extra])


def _weights(run: Path) -> dict:
    return torch.load(run / "last.pt", map_location="cpu", weights_only=True)["model"]


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_same_seed_same_weights_and_resume_is_exact(tmp_path):
    assert _train(tmp_path / "a", "--max-steps", "12") == 0
    assert _train(tmp_path / "b", "--max-steps", "12") == 0
    assert _same(_weights(tmp_path / "a"), _weights(tmp_path / "b"))
    # 6 steps, stop, resume to 12: the same weights as 12 steps in one go
    assert _train(tmp_path / "c", "--max-steps", "6") == 0
    assert not _same(_weights(tmp_path / "c"), _weights(tmp_path / "a"))
    assert main(["train", "--out", str(tmp_path / "c"), "--resume", "--max-steps", "12"]) == 0
    assert _same(_weights(tmp_path / "c"), _weights(tmp_path / "a"))
    # a different seed gives different weights
    assert _train(tmp_path / "d", "--max-steps", "12", "--seed", "2") == 0
    assert not _same(_weights(tmp_path / "d"), _weights(tmp_path / "a"))


def _examples_logged(err: str) -> int:
    line = next(l for l in err.splitlines() if l.startswith("examples: "))
    return int(line.split()[1].replace(",", ""))


def test_oversample_technical_repeats_the_ddtp_pairs(tmp_path, capsys):
    assert _train(tmp_path / "a", "--max-steps", "1", "--oversample-sentences", "1") == 0
    plain = _examples_logged(capsys.readouterr().err)
    assert _train(tmp_path / "b", "--max-steps", "1", "--oversample-sentences", "1", "--oversample-technical", "3") == 0
    err = capsys.readouterr().err
    assert "ddtp ×3" in err
    n_ddtp = (TINY_CORPUS / "train.origin").read_text().split().count("ddtp")  # 222 pairs, 2 directions each
    extra = _examples_logged(err) - plain
    assert 0 < extra <= 2 * 2 * n_ddtp and extra % 2 == 0  # two more copies of each kept ddtp example


def test_oversample_by_origin_and_sample_share(tmp_path, capsys):
    assert _train(tmp_path / "a", "--max-steps", "1", "--oversample-sentences", "1") == 0
    plain = _examples_logged(capsys.readouterr().err)
    assert _train(tmp_path / "b", "--max-steps", "1", "--oversample", "ddtp=3,ding-sentence=1,tsv=5") == 0
    err = capsys.readouterr().err
    line = next(l for l in err.splitlines() if l.startswith("repeated per epoch"))
    assert "ddtp ×3" in line and "tsv" not in line and "ding-sentence" not in line  # only what applies
    n_ddtp = (TINY_CORPUS / "train.origin").read_text().split().count("ddtp")
    extra = _examples_logged(err) - plain
    assert 0 < extra <= 2 * 2 * n_ddtp and extra % 2 == 0
    # a share of an origin per epoch: fewer batches, and a log line saying so
    assert _train(tmp_path / "c", "--max-steps", "1", "--oversample-sentences", "1",
                  "--sample-share", "ddtp=0.1") == 0
    assert "sampled per epoch: ddtp 10%" in capsys.readouterr().err
    assert _train(tmp_path / "d", "--max-steps", "1", "--oversample", "ddtp=x") == 2
    assert "not a number" in capsys.readouterr().err
    assert _train(tmp_path / "e", "--max-steps", "1", "--sample-share", "ddtp=2") == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_sample_by_origin_is_seeded_and_keeps_other_origins():
    from translator_app.training.batching import Example, sample_by_origin

    ex = [Example([1], [2], "ding-word") for _ in range(1000)] + [Example([1], [2], "tsv") for _ in range(10)]
    a = sample_by_origin(ex, {"ding-word": 0.5}, seed=3)
    assert a == sample_by_origin(ex, {"ding-word": 0.5}, seed=3) != sample_by_origin(ex, {"ding-word": 0.5}, seed=4)
    assert set(range(1000, 1010)) <= set(a) and 400 < len(a) - 10 < 600


def test_validation_scores_each_dev_part(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(TINY_CORPUS, corpus)
    dev = (TINY_CORPUS / "dev.tsv").read_text(encoding="utf-8").splitlines()
    (corpus / "dev-everyday.tsv").write_text("\n".join(dev[:20]) + "\n", encoding="utf-8")
    (corpus / "dev-conversational.tsv").write_text("\n".join(dev[20:]) + "\n", encoding="utf-8")
    assert main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "r"), *TINY_ARGS, "--max-steps", "2"]) == 0
    rows = [json.loads(l) for l in (tmp_path / "r" / "log.jsonl").read_text().splitlines()]
    last = [r for r in rows if "score" in r][-1]
    parts = {k.split("_")[0] for k in last if k.endswith("_chrf")}
    assert parts == {"everyday", "conversational"}
    chrfs = [v for k, v in last.items() if k.endswith("_chrf")]
    assert len(chrfs) == 4 and abs(last["score"] - sum(chrfs) / 4) < 0.01


def test_refuses_to_overwrite_a_run_without_resume(tmp_path, capsys):
    assert _train(tmp_path / "a", "--max-steps", "2") == 0
    assert _train(tmp_path / "a", "--max-steps", "2") == 2
    assert "--resume" in capsys.readouterr().err


def test_sigkill_loses_at_most_the_work_since_the_last_checkpoint(tmp_path):
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "translator_app", "train", "--corpus", str(TINY_CORPUS), "--out", str(run),
           *TINY_ARGS, "--checkpoint-every", "0.5", "--max-time", "300"]
    proc = subprocess.Popen(cmd, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        ckpt = run / "last.pt"
        while time.monotonic() < deadline:
            if ckpt.exists() and torch.load(ckpt, weights_only=True)["state"]["step"] >= 8:
                break
            time.sleep(0.3)
        else:
            pytest.fail("no checkpoint appeared")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    saved = torch.load(run / "last.pt", map_location="cpu", weights_only=True)  # never half-written
    step = saved["state"]["step"]
    assert step >= 8
    result = run_cli(["train", "--out", str(run), "--resume", "--max-steps", str(step + 3)])
    assert result.returncode == 0, result.stderr
    assert f"resumed at step {step}" in result.stderr
    assert torch.load(run / "last.pt", weights_only=True)["state"]["step"] == step + 3
    assert (run / "best" / "config.json").is_file()
    # RUN/last holds the final weights, whichever step the dev sample liked best
    from translator_app.engine.checkpoint import load_bundle

    last = load_bundle(run / "last")
    assert last.meta["training"]["steps"] == step + 3
    final = torch.load(run / "last.pt", weights_only=True)["model"]
    name = next(k for k in final if k.endswith("weight"))
    assert torch.allclose(last.state_dict[name].float(), final[name].float(), atol=1e-2)


def test_max_time_includes_validation_and_the_final_save(tmp_path):
    start = time.monotonic()
    result = run_cli(["train", "--corpus", str(TINY_CORPUS), "--out", str(tmp_path / "t"), *TINY_ARGS,
                      "--max-time", "6"])
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert elapsed < 6 + 8  # the budget, plus Python/torch start-up before the clock starts
    log = [json.loads(line) for line in (tmp_path / "t" / "log.jsonl").read_text().splitlines()]
    assert log and "de-en_chrf" in log[-1] and "en-de_bleu" in log[-1]


def test_seed_faithful_configuration_trains(tmp_path):
    assert _train(tmp_path / "s", "--max-steps", "3", "--seed-faithful") == 0
    cfg = json.loads((tmp_path / "s" / "best" / "config.json").read_text())["model"]
    assert cfg["tie_output"] is False and cfg["share_embeddings"] is False


_RENDEZVOUS_TROUBLE = ("RendezvousError", "DistNetworkError", "Address already in use", "Connection refused",
                       "Connection reset by peer", "RendezvousTimeoutError")


def test_ddp_two_processes_on_gloo_keep_weights_in_sync(tmp_path):
    run = tmp_path / "ddp"
    env = dict(os.environ, OMP_NUM_THREADS="1")  # torchrun talks over loopback TCP: no network guard here
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "-m", "translator_app", "train", "--corpus", str(TINY_CORPUS), "--out", str(run), *TINY_ARGS,
           "--max-steps", "6", "--validate-every", "0.05"]  # validations mid-run: both ranks must agree
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    if proc.returncode != 0 and any(sign in proc.stderr for sign in _RENDEZVOUS_TROUBLE):
        # the loopback rendezvous itself failed (a port race on a busy machine): that is not
        # what this test checks, so it gets one more try; a wrong sum or a crash does not
        first = proc.stderr[-1500:]
        shutil.rmtree(run, ignore_errors=True)
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, f"first try:\n{first}\nsecond try:\n{proc.stderr[-3000:]}"
    assert proc.returncode == 0, proc.stdout[-1000:] + proc.stderr[-3000:]
    sync = json.loads((run / "ddp_sync.json").read_text())
    assert sync["world"] == 2
    rank0, rank1 = sync["ranks"]
    assert rank0 == rank1          # identical weights (sum, |sum|, sum of squares) and step count
    assert rank0[3] == 6


def test_evaluate_prints_bleu_and_chrf_and_writes_hypotheses(tiny_bundle, tmp_path):
    test = tmp_path / "test.tsv"
    test.write_text((TINY_CORPUS / "dev.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(["evaluate", "--model", str(tiny_bundle), "--test", str(test), "--from", "en", "--to", "de",
                      "--beam", "2", "--json"])
    assert result.returncode == 0, result.stderr
    assert "BLEU =" in result.stdout and "chrF =" in result.stdout and "words" in result.stdout
    figures = json.loads(result.stdout.splitlines()[-1])
    assert 0 <= figures["chrf"] <= 100 and figures["n"] == 40
    hyps = test.with_suffix(".en-de.hyp").read_text(encoding="utf-8").splitlines()
    assert len(hyps) == 40
    copy = run_cli(["evaluate", "--baseline", "copy", "--test", str(test), "--json"])
    assert json.loads(copy.stdout.splitlines()[-1])["chrf"] > 0
    bad_device = run_cli(["evaluate", "--model", str(tiny_bundle), "--test", str(test), "--device", "gpu"])
    assert bad_device.returncode == 2 and "unknown device 'gpu'" in bad_device.stderr
    assert "Traceback" not in bad_device.stderr


def test_snapshots_and_their_average(tmp_path):
    from safetensors.torch import load_file

    run = tmp_path / "run"
    assert _train(run, "--max-steps", "6", "--snapshot-every", "3") == 0
    snaps = sorted((run / "snapshots").iterdir())
    assert [s.name for s in snaps] == ["step-000003", "step-000006"]
    w3, w6 = (load_file(str(s / "model.safetensors")) for s in snaps)
    assert all(t.dtype == torch.float32 for t in w3.values() if t.is_floating_point())  # exact, for averaging
    assert any(not torch.equal(w3[k], w6[k]) for k in w3)  # the weights moved between snapshots
    avg = tmp_path / "avg"
    result = run_cli(["average", str(snaps[0]), str(snaps[1]), "--out", str(avg), "--dtype", "float32"])
    assert result.returncode == 0, result.stderr
    mean = load_file(str(avg / "model.safetensors"))
    for key in w3:
        assert torch.allclose(mean[key], (w3[key] + w6[key]) / 2, atol=1e-6), key
    config = json.loads((avg / "config.json").read_text())
    assert [a["steps"] for a in config["training"]["averaged"]] == [3, 6]
    translated = run_cli(["translate", "--model", str(avg), "--from", "de", "--to", "en"], input_text="Guten Tag.\n")
    assert translated.returncode == 0, translated.stderr


def test_average_refuses_bundles_that_do_not_fit_together(tmp_path, tiny_bundle):
    other = tmp_path / "other"
    assert _train(other, "--max-steps", "1", "--emb-dim", "16") == 0
    result = run_cli(["average", str(tiny_bundle), str(other / "last"), "--out", str(tmp_path / "avg")])
    assert result.returncode == 1
    assert "model configs differ" in result.stderr
    assert not (tmp_path / "avg").exists()
    missing = run_cli(["average", str(tmp_path / "nowhere"), "--out", str(tmp_path / "avg")])
    assert missing.returncode == 1 and "model not found" in missing.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_after_the_step_and_saves_everything(tmp_path, sig):
    """The first Ctrl+C (or SIGTERM) ends the run like a normal end: checkpoint, RUN/last,
    and an exit status that tells a script it was interrupted; --resume goes on from there."""
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "translator_app", "train", "--corpus", str(TINY_CORPUS), "--out", str(run),
           *TINY_ARGS, "--checkpoint-every", "0.5", "--max-time", "300"]
    proc = subprocess.Popen(cmd, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (run / "last.pt").exists():
            time.sleep(0.2)
        assert (run / "last.pt").exists(), "training did not start"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig, err
    assert f"stopped by {signal.Signals(sig).name}" in err and "--resume" in err
    step = torch.load(run / "last.pt", map_location="cpu", weights_only=True)["state"]["step"]
    from translator_app.engine.checkpoint import load_bundle

    assert load_bundle(run / "last").meta["training"]["steps"] == step  # the final weights, saved
    result = run_cli(["train", "--out", str(run), "--resume", "--max-steps", str(step + 2)])
    assert result.returncode == 0, result.stderr
    assert f"resumed at step {step}" in result.stderr


def test_training_mistakes_get_a_message_not_a_traceback(tmp_path, capsys):
    # --resume on a folder that holds no run
    assert main(["train", "--out", str(tmp_path / "typo"), "--resume"]) == 2
    assert "holds no run to resume" in capsys.readouterr().err
    # --init-from a bundle that is not there
    assert _train(tmp_path / "a", "--init-from", str(tmp_path / "missing"), "--max-steps", "1") == 1
    err = capsys.readouterr().err
    assert "error: --init-from:" in err and "Traceback" not in err
    # every pair longer than --max-len: a clear error, not an endless loop over empty epochs
    assert _train(tmp_path / "b", "--max-len", "1", "--max-steps", "3") == 2
    assert "gives no training examples" in capsys.readouterr().err


def test_resume_before_the_first_checkpoint_keeps_the_warm_start(tmp_path, capsys, tiny_bundle):
    """A run killed before its first checkpoint has no last.pt: --resume must start from the
    --init-from weights again, not from random ones."""
    run = tmp_path / "run"
    assert _train(run, "--init-from", str(tiny_bundle), "--resume", "--max-steps", "1") == 0
    assert f"warm-started from {tiny_bundle}" in capsys.readouterr().err


def _tsv_corpus(tmp_path, n):
    src = tmp_path / "pairs.tsv"
    lines = [f"Das ist Satz Nummer {i} über das Wetter in Stadt {i % 7}.\tThis is sentence number {i} about "
             f"the weather in town {i % 7}." for i in range(n)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["corpus", "build", "--tsv", str(src), "--no-progress", "--out", str(tmp_path / "c")]) == 0
    return tmp_path / "c"


def test_small_tsv_corpus_lowers_the_vocabulary_and_validates_on_its_own_dev_part(tmp_path, capsys):
    corpus = _tsv_corpus(tmp_path, 600)
    assert (corpus / "dev-conversational.tsv").read_text(encoding="utf-8").count("\n") == 60
    args = [a for a in TINY_ARGS]
    args[args.index("--vocab-size") + 1] = "8000"
    assert main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "r"), *args, "--max-steps", "2"]) == 0
    err = capsys.readouterr().err
    assert "vocabulary lowered from 8,000 to" in err
    last = [json.loads(l) for l in (tmp_path / "r" / "log.jsonl").read_text().splitlines()][-1]
    assert last["dev_loss"] > 0 and "conversational_de-en_chrf" in last


def test_a_run_that_has_not_learned_says_so_and_suggests_the_warm_start(tmp_path, capsys):
    corpus = _tsv_corpus(tmp_path, 600)
    assert main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "r"), *TINY_ARGS, "--max-steps", "2"]) == 0
    last = [json.loads(l) for l in (tmp_path / "r" / "log.jsonl").read_text().splitlines()][-1]
    assert last["score"] < 15  # two steps from scratch
    err = capsys.readouterr().err
    assert "has not learned to translate yet" in err and "--init-from models/de-en" in err


def test_train_refuses_an_empty_dev_set(tmp_path, capsys):
    corpus = tmp_path / "c"
    shutil.copytree(TINY_CORPUS, corpus)
    (corpus / "dev.tsv").write_text("", encoding="utf-8")
    assert main(["train", "--corpus", str(corpus), "--out", str(tmp_path / "r"), *TINY_ARGS]) == 2
    assert "holds no pairs" in capsys.readouterr().err
    assert not (tmp_path / "r" / "last.pt").exists()


def test_train_and_evaluate_help_describe_every_option(capsys):
    import re

    for cmd in ("train", "evaluate"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        text = capsys.readouterr().out
        options = re.findall(r"^  (--[a-z-]+)(.*)$", text, flags=re.M)
        assert len(options) > (20 if cmd == "train" else 8)
        # every option line (or its continuation) carries a description
        blocks = re.split(r"\n  (?=--)", text.split("options:")[1])
        undocumented = [b.split()[0] for b in blocks[1:] if len(b.split()) < 3]
        assert not undocumented, undocumented


def _made_up_pairs(path, n=300):
    animals = [("Hund", "dog"), ("Katze", "cat"), ("Vogel", "bird"), ("Fisch", "fish"), ("Pferd", "horse")]
    colours = [("rot", "red"), ("blau", "blue"), ("grün", "green"), ("gelb", "yellow")]
    rows = [f"Der {a} Nummer {i} ist {c}.\tThe {e} number {i} is {f}."
            for i in range(n) for (a, e), (c, f) in [(animals[i % 5], colours[i % 4])]]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_fine_tune_builds_the_corpus_warm_starts_and_stops_when_dev_stops_improving(tmp_path, capsys, tiny_bundle):
    pairs = _made_up_pairs(tmp_path / "mine.tsv")
    out = tmp_path / "run"
    # a learning rate too small to change anything: the second validation is no better, so patience 1 stops it
    code = main(["train", "--fine-tune", str(pairs), "--out", str(out), "--init-from", str(tiny_bundle),
                 "--lr", "1e-12", "--validate-steps", "2", "--patience", "1", "--max-steps", "50", "--threads", "1"])
    assert code == 0
    err = capsys.readouterr().err
    assert "stopped early: 1 validations without a better dev score" in err
    assert (out / "corpus" / "train.tsv").is_file() and (out / "best" / "config.json").is_file()
    settings = json.loads((out / "train_args.json").read_text(encoding="utf-8"))
    assert settings["init_from"] == str(tiny_bundle) and settings["warmup"] == 10 and settings["patience"] == 1
    steps = [json.loads(l)["step"] for l in (out / "log.jsonl").read_text().splitlines()]
    assert steps[:2] == [2, 4] and max(steps) < 50


def test_fine_tune_defaults_to_the_bundled_model_and_refuses_a_corpus_too(tmp_path, capsys):
    from translator_app.cli import _parser
    from translator_app.paths import default_model_path
    from translator_app.training import train_cli

    pairs = _made_up_pairs(tmp_path / "mine.tsv", 40)
    args = _parser().parse_args(["train", "--fine-tune", str(pairs), "--out", str(tmp_path / "r")])
    assert train_cli._fine_tune_corpus(args) is None
    assert args.init_from == str(default_model_path()) and args.recipe == "fine-tune"
    assert (tmp_path / "r" / "corpus" / "dev.tsv").is_file()
    assert main(["train", "--fine-tune", str(pairs), "--corpus", "c", "--out", str(tmp_path / "r2")]) == 2
    assert main(["train", "--fine-tune", str(tmp_path / "missing.tsv"), "--out", str(tmp_path / "r3")]) == 2
    assert "not both" in capsys.readouterr().err
