"""The command line, end to end in subprocesses (with the network guard)."""

import json
import subprocess
import sys

import pytest

from helpers import run_cli, subprocess_env


def test_translate_keeps_one_output_line_per_input_line(tiny_bundle, tmp_path):
    text = "Die Straße wird gerade ausgebessert.\n\nHallo Welt. Noch ein Satz.\n   \nNatives Build-Werkzeug\n"
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "2"], input_text=text)
    assert proc.returncode == 0, proc.stderr
    out_lines = proc.stdout.split("\n")[:-1]
    assert len(out_lines) == 5
    assert out_lines[1] == "" and out_lines[3] == ""
    assert out_lines[0] and out_lines[2] and out_lines[4]


def test_empty_input_says_so_and_keeps_the_line_contract(tiny_bundle):
    proc = run_cli(["translate", "--model", str(tiny_bundle)], input_text="  \n\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "\n\n"
    assert "nothing to translate" in proc.stderr
    filled = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1"], input_text="Hallo\n")
    assert "nothing to translate" not in filled.stderr


def test_translate_json_contract(tiny_bundle):
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--json", "--beam", "3", "--n-best", "2",
                    "--from", "en"], input_text="The road is under repair.\n\n")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert set(first) >= {"source", "translation", "source_tokens", "target_tokens", "attention",
                          "token_probs", "alternatives", "device", "ms"}
    assert first["device"] == "cpu"
    assert len(first["attention"]) == len(first["target_tokens"]) == len(first["token_probs"])
    assert all(len(row) == len(first["source_tokens"]) for row in first["attention"])
    # "The road is under repair." is a Ding example sentence: the dictionary's answer (the shipped
    # phrase table, whatever the cache holds) comes first, then the model's n-best
    from_dictionary = first["origin"] == "dictionary"
    assert 1 <= len(first["alternatives"]) - from_dictionary <= 2
    assert {"translation", "score"} <= set(first["alternatives"][0])
    assert lines[1]["translation"] == "" and lines[1]["attention"] == []


def test_translate_files_and_text_arguments(tiny_bundle, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("Hallo\nWelt\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = run_cli(["translate", "--model", str(tiny_bundle), "-i", str(src), "-o", str(out), "--beam", "1"])
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1", "Guten", "Tag"])
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["--n-best", "4", "--beam", "2"], "--n-best: n-best 4 is larger than beam 2"),
    (["--beam", "100000"], "--beam: beam must be between 1 and 64, not 100000"),
    (["--beam", "64", "--n-best", "65"], "--n-best: n-best must be between 1 and 64"),
    (["--device", "tpu"], "unknown device"),
    (["--from", "de", "--to", "de"], "must differ"),
    (["--beam", "0"], "between 1 and 64, not 0"),
    (["-i", "/nonexistent/file.txt"], "cannot read"),
])
def test_usage_errors_exit_2_with_a_message(tiny_bundle, args, message):
    proc = run_cli(["translate", "--model", str(tiny_bundle), *args], input_text="Hallo\n")
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_model_is_a_clear_error(tmp_path):
    proc = run_cli(["translate", "--model", str(tmp_path / "nope")], input_text="Hallo\n")
    assert proc.returncode == 1  # not a usage error (2)
    assert "does not exist" in proc.stderr and "hint:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unavailable_device_falls_back_with_a_warning(tiny_bundle):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--device", "cuda", "--json"], input_text="Hallo\n")
    assert proc.returncode == 0
    assert "warning:" in proc.stderr and "CPU" in proc.stderr
    assert json.loads(proc.stdout)["device"] == "cpu"


def test_network_guard_catches_a_connection(tmp_path):
    script = tmp_path / "net.py"
    script.write_text("import socket\nsocket.create_connection(('127.0.0.1', 9))\n")
    import subprocess
    import sys

    from helpers import subprocess_env

    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=subprocess_env())
    assert proc.returncode != 0 and "network access attempted" in proc.stderr


def test_in_process_guard_catches_a_connection():
    import socket

    from helpers import NetworkAccess

    with pytest.raises(NetworkAccess):
        socket.create_connection(("127.0.0.1", 9))
    s = socket.socket()
    with pytest.raises(NetworkAccess):
        s.connect(("127.0.0.1", 9))
    s.close()


def test_help_and_version():
    assert run_cli(["--version"]).stdout.startswith("translator-app")
    proc = run_cli(["translate", "--help"])
    assert proc.returncode == 0 and "--n-best" in proc.stdout


def test_every_subcommand_is_routed_to_the_parser_not_the_gui():
    import argparse

    from translator_app import cli

    sub = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == cli._COMMANDS


def test_stray_bytes_on_stdin_and_a_reader_that_leaves(tiny_bundle):
    import subprocess
    import sys

    from helpers import subprocess_env

    cmd = [sys.executable, "-m", "translator_app", "translate", "--model", str(tiny_bundle), "--from", "de",
           "--to", "en", "--beam", "1"]
    # Latin-1 bytes in a UTF-8 stream: replaced, one output line per input line, no traceback
    proc = subprocess.run(cmd, input=b"Gr\xfc\xdfe\nHallo\n", capture_output=True, env=subprocess_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 2 and b"Traceback" not in proc.stderr
    # `| head -1`: the reader closes the pipe after one line
    many = ("Der Hund spielt.\n" * 400).encode()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=subprocess_env())
    p.stdin.write(many)
    p.stdin.close()
    assert p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141 and b"Traceback" not in err, err.decode()


def test_the_apps_own_options_start_the_app(monkeypatch):
    """`translator-app --model PATH` (what the error bubble suggests) starts the app."""
    from translator_app import cli

    seen = []
    monkeypatch.setattr(cli, "_run_gui", lambda argv: seen.append(argv) or 0)
    assert cli.main(["--model", "/some/bundle"]) == 0
    assert cli.main(["--device=cpu", "notes.txt"]) == 0
    assert seen == [["--model", "/some/bundle"], ["--device=cpu", "notes.txt"]]


@pytest.mark.parametrize("where", ["-o /dev/full", "stdout /dev/full", "-o /proc/version"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_1(tiny_bundle, where):
    import os

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    args = ["translate", "--model", str(tiny_bundle), "--beam", "1"]
    if where.startswith("-o"):
        proc = run_cli([*args, *where.split()], input_text="Hallo\nWelt\n")
    else:
        with open("/dev/full", "w") as full:
            proc = subprocess.run([sys.executable, "-m", "translator_app", *args], input="Hallo\n",
                                  stdout=full, stderr=subprocess.PIPE, text=True, env=subprocess_env(), timeout=300)
    assert proc.returncode == 1, proc.stderr
    lines = [ln for ln in proc.stderr.strip().splitlines() if not ln.startswith("warning: line ")]  # lost words
    assert len(lines) == 1 and lines[0].startswith("translator-app translate: error: cannot write"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(tiny_bundle, tmp_path):
    """With a 2 KB file-size limit (the disk 'fills up' mid-run) the temporary file the run
    writes goes, FILE keeps its old content, and one error line says so."""
    import resource
    import signal

    text = "".join(f"Der Satz Nummer {i} ist hier.\n" for i in range(600))
    full = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1"], input_text=text)
    assert full.returncode == 0 and len(full.stdout.encode()) > 3_000  # well past the 2 KB limit below

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))

    out = tmp_path / "out.txt"
    out.write_text("the old file\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "translator_app", "translate", "--model", str(tiny_bundle),
                           "--beam", "1", "-o", str(out)], input=text, capture_output=True, text=True,
                          env=subprocess_env(), timeout=300, preexec_fn=small_disk)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.strip().splitlines() if not ln.startswith("warning: line ")]  # lost words
    assert len(lines) == 1 and lines[0].startswith(f"translator-app translate: error: cannot write {out}"), lines
    assert out.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_the_device_fall_back_warning_is_printed_once(tiny_bundle):
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1", "--device", "cuda", "Hallo"],
                   env=subprocess_env(CUDA_VISIBLE_DEVICES=""))
    assert proc.returncode == 0
    assert proc.stderr.count("CUDA was requested") == 1, proc.stderr


def test_bad_thread_count_and_evaluate_beam_are_usage_errors(tmp_path):
    from helpers import subprocess_env

    proc = run_cli(["translate", "Hallo"], env=subprocess_env(TRANSLATOR_THREADS="abc"))
    assert proc.returncode == 2 and "TRANSLATOR_THREADS" in proc.stderr and "Traceback" not in proc.stderr
    test = tmp_path / "t.tsv"
    test.write_text("Hallo Welt.\tHello world.\n", encoding="utf-8")
    proc = run_cli(["evaluate", "--test", str(test), "--beam", "0"])
    assert proc.returncode == 2 and "--beam" in proc.stderr and "Traceback" not in proc.stderr
