"""The command line as a Unix user expects (issue 24): -o FILE written whole or not at all,
a mistyped command, stdin at a terminal and as it arrives, a progress bar only at a terminal,
and exit status 1 for a broken model and for a binary -i FILE. (lookup's hint at the other
language: test_dictionary_cli.py)"""

from __future__ import annotations

import codecs
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

from helpers import DATA, run_cli, subprocess_env

CMD = [sys.executable, "-m", "translator_app"]
TINY_DING = DATA / "dictionary" / "de-en-tiny"


def _translate(bundle, *extra):
    return [*CMD, "translate", "--model", str(bundle), "--from", "de", "--to", "en", "--beam", "1", *extra]


def _text(n: int, template: str) -> str:
    return "".join(template.format(i) + "\n" for i in range(n))


# -- -o FILE ---------------------------------------------------------------------------------

def _something_written(folder) -> bool:
    for path in folder.iterdir():
        try:
            if path.stat().st_size:
                return True
        except FileNotFoundError:  # a temporary file renamed meanwhile
            pass
    return False


def test_two_runs_writing_one_file_never_mix_and_a_reader_sees_a_whole_file(tiny_bundle, tmp_path):
    """Run A is stopped mid-write while run B writes the same FILE from start to end: FILE is
    then B's whole output; when A goes on, it is A's whole output (today A went on writing at
    its offset into B's file: a mixed file, and both exit 0)."""
    a_text, b_text = _text(1500, "Der Satz Nummer {} ist hier."), _text(300, "Das Haus {} ist alt.")
    want_a = run_cli(_translate(tiny_bundle)[3:], input_text=a_text).stdout
    want_b = run_cli(_translate(tiny_bundle)[3:], input_text=b_text).stdout
    assert want_a.count("\n") == 1500 and want_b.count("\n") == 300 and want_a[:50] != want_b[:50]
    out = tmp_path / "out" / "same.txt"
    out.parent.mkdir()
    a_err = open(tmp_path / "a.err", "w+b")  # a file, not a pipe: A's per-line warnings must not block it
    a = subprocess.Popen(_translate(tiny_bundle, "-o", str(out)), stdin=subprocess.PIPE,
                         stderr=a_err, env=subprocess_env())
    try:
        a.stdin.write(a_text.encode())
        a.stdin.close()
        deadline = time.monotonic() + 120
        # A is writing once something it wrote is on disk: FILE itself, or a file beside it
        while not _something_written(out.parent):
            assert a.poll() is None and time.monotonic() < deadline, "run A ended before it was seen writing"
            time.sleep(0.002)
        a.send_signal(signal.SIGSTOP)
        assert a.poll() is None, "run A ended before it could be stopped"
        b = subprocess.run(_translate(tiny_bundle, "-o", str(out)), input=b_text, capture_output=True,
                           text=True, env=subprocess_env(), timeout=300)
        assert b.returncode == 0, b.stderr
        assert out.read_text(encoding="utf-8") == want_b  # while A is still running
    finally:
        a.send_signal(signal.SIGCONT)
    code = a.wait(timeout=300)
    a_err.seek(0)
    assert code == 0, a_err.read().decode(errors="replace")
    a_err.close()
    assert out.read_text(encoding="utf-8") == want_a
    assert [p.name for p in out.parent.iterdir()] == ["same.txt"]  # no temporary file left


def test_the_output_file_keeps_the_mode_open_would_give(tiny_bundle, tmp_path):
    new, old = tmp_path / "new.txt", tmp_path / "old.txt"
    old.write_text("old\n", encoding="utf-8")
    old.chmod(0o604)

    def umask():
        os.umask(0o027)

    for path in (new, old):
        proc = subprocess.run(_translate(tiny_bundle, "-o", str(path), "Hallo"), capture_output=True,
                              text=True, env=subprocess_env(), timeout=300, preexec_fn=umask)
        assert proc.returncode == 0, proc.stderr
    assert new.stat().st_mode & 0o7777 == 0o640  # 0o666 less the umask
    assert old.stat().st_mode & 0o7777 == 0o604  # an existing file keeps its own
    assert old.read_text(encoding="utf-8").count("\n") == 1
    link = tmp_path / "link.txt"
    link.symlink_to(old)
    proc = run_cli(_translate(tiny_bundle, "-o", str(link), "Hallo")[3:])
    assert proc.returncode == 0 and link.is_symlink() and old.read_text(encoding="utf-8").count("\n") == 1


def test_a_fifo_and_dev_null_are_written_directly(tiny_bundle, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, encoding="utf-8").read()), daemon=True)
    reader.start()
    proc = subprocess.run(_translate(tiny_bundle, "-o", str(fifo)), input="Hallo\n\nWelt\n",
                          capture_output=True, text=True, env=subprocess_env(), timeout=300)
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert got and got[0].count("\n") == 3 and got[0].split("\n")[1] == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
    assert run_cli(_translate(tiny_bundle, "-o", os.devnull, "Hallo")[3:]).returncode == 0


# -- a mistyped command ----------------------------------------------------------------------

def test_a_mistyped_command_is_a_usage_error_not_the_window(monkeypatch, capsys, tmp_path):
    from translator_app import cli

    opened = []
    monkeypatch.setattr(cli, "_run_gui", lambda argv: opened.append(argv) or 0)
    assert cli.main(["tranlsate", "Hallo"]) == 2
    assert capsys.readouterr().err == "translator-app: unknown command 'tranlsate'; did you mean 'translate'?\n"
    assert cli.main(["lokup"]) == 2 and "did you mean 'lookup'?" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert cli.main(["notes.txt"]) == 2  # no such file: not opened
    err = capsys.readouterr().err
    assert err.startswith("translator-app: unknown command 'notes.txt'") and "translate" in err and "lookup" in err
    (tmp_path / "notes.txt").write_text("Hallo\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert cli.main(["notes.txt"]) == 0 and cli.main(["--model", "/some/bundle"]) == 0
    assert cli.main(["folder"]) == 2
    assert opened == [["notes.txt"], ["--model", "/some/bundle"]]


def test_a_mistyped_command_in_a_subprocess_says_so_without_a_display(tmp_path):
    env = subprocess_env()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):  # a server: today the window failed
        env.pop(name, None)
    proc = run_cli(["tranlsate"], env=env, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "translator-app: unknown command 'tranlsate'; did you mean 'translate'?\n"


# -- standard input --------------------------------------------------------------------------

def _read_line(stream, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([stream], [], [], max(left, 0))
        assert ready, f"no output line within {timeout} s (got {line!r})"
        byte = os.read(stream.fileno(), 1)
        assert byte, f"output ended early (got {line!r})"
        line += byte
    return line


def test_translate_streams_each_line_as_it_arrives(tiny_bundle):
    """`tail -f log | translator-app translate`: a line's translation comes out while stdin is
    still open (today nothing came out before the input ended)."""
    alone = run_cli(_translate(tiny_bundle, "Der Hund spielt.")[3:]).stdout
    p = subprocess.Popen(_translate(tiny_bundle), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=subprocess_env())
    try:
        p.stdin.write(b"Der Hund spielt.\n")
        p.stdin.flush()
        assert _read_line(p.stdout, 120).decode() == alone
        p.stdin.write(b"   \n")
        p.stdin.flush()
        assert _read_line(p.stdout, 60) == b"\n"  # a blank line stays blank
        p.stdin.write(b"Hallo Welt.\n")
        p.stdin.flush()
        assert _read_line(p.stdout, 60).strip()
        p.stdin.close()
        assert p.wait(timeout=60) == 0
        assert p.stdout.read() == b""  # one output line per input line, nothing more
        err = p.stderr.read().decode()
    finally:
        p.kill()
    assert "reading from standard input" not in err and "Traceback" not in err  # stdin is a pipe


def _run_with_tty(cmd, where: str, data: bytes = b"", env=None, timeout=300):
    """Run cmd with its stdin or its stderr on a pseudo-terminal; returns (rc, stdout, stderr
    or what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    streams = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, where: slave}
    p = subprocess.Popen(cmd, **streams, env=env or subprocess_env())
    os.close(slave)
    shown = []

    def drain():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    if where == "stdin":
        os.write(master, data + b"\x04")  # the line(s), then Ctrl-D on an empty line
    out, err = p.communicate(input=None if where == "stdin" else data, timeout=timeout)
    reader.join(timeout=10)
    os.close(master)
    return p.returncode, out.decode(), err.decode() if where != "stderr" else b"".join(shown).decode(errors="replace")


def test_stdin_at_a_terminal_says_how_to_end_it(tiny_bundle, tmp_path):
    rc, out, err = _run_with_tty(_translate(tiny_bundle), "stdin", b"Hallo\n")
    assert rc == 0, err
    assert err.splitlines()[0] == "reading from standard input; Ctrl-D ends" and out.count("\n") == 1
    env = subprocess_env(TRANSLATOR_DICTIONARY_DATA=TINY_DING, TRANSLATOR_CACHE_DIR=tmp_path / "cache")
    rc, out, err = _run_with_tty([*CMD, "lookup"], "stdin", b"Haus\n", env=env)
    assert rc == 0, err
    assert "reading from standard input; Ctrl-D ends" in err and json.loads(out)["term"] == "Haus"
    piped = run_cli(["lookup"], input_text="Haus\n", env=env)
    assert piped.returncode == 0 and "reading from standard input" not in piped.stderr


# -- progress ----------------------------------------------------------------------------------

def test_progress_is_shown_only_at_a_terminal_for_long_inputs():
    from translator_app.cli_translate import wants_progress

    assert wants_progress(stderr_tty=True, output_tty=False, lines=201)
    assert not wants_progress(stderr_tty=True, output_tty=False, lines=200)
    assert not wants_progress(stderr_tty=False, output_tty=False, lines=100_000)  # a pipe, a log file
    assert not wants_progress(stderr_tty=True, output_tty=True, lines=100_000)  # the lines show it


def test_a_progress_bar_on_a_terminal_never_in_a_pipe(tiny_bundle, tmp_path):
    text = _text(260, "Der Satz Nummer {} ist hier.")
    src = tmp_path / "in.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    rc, stdout, shown = _run_with_tty(_translate(tiny_bundle, "-i", str(src), "-o", str(out)), "stderr")
    assert rc == 0, shown
    assert "260/260" in shown and stdout == ""  # -i FILE: the total is known
    assert out.read_text(encoding="utf-8").count("\n") == 260
    rc, stdout, shown = _run_with_tty(_translate(tiny_bundle), "stderr", text.encode())
    assert rc == 0, shown
    assert "260line" in shown.replace(" ", "") and stdout.count("\n") == 260  # stdin: no total
    rc, stdout, shown = _run_with_tty(_translate(tiny_bundle), "stderr", _text(150, "Satz {}.").encode())
    assert rc == 0 and "line/s" not in shown and stdout.count("\n") == 150  # too short for a bar
    piped = run_cli(_translate(tiny_bundle, "-i", str(src))[3:])
    assert piped.returncode == 0 and "line/s" not in piped.stderr and "line/s" not in piped.stdout


# -- exit status -------------------------------------------------------------------------------

def test_a_damaged_model_exits_1_not_2(tiny_bundle, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_bundle, broken)
    (broken / "config.json").write_text("{", encoding="utf-8")
    for model in (broken, tmp_path / "missing"):
        proc = run_cli(["translate", "--model", str(model), "Hallo"])
        assert proc.returncode == 1, proc.stderr
        assert "error:" in proc.stderr and "hint:" in proc.stderr and "Traceback" not in proc.stderr


def test_a_binary_input_file_is_refused_with_one_line_and_exit_1(tmp_path):
    # bad data, not a usage error: status 1, one line that names the file, nothing on stdout;
    # refused before any model is loaded (the model given here does not exist)
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)))
    proc = run_cli(["translate", "--model", str(tmp_path / "missing"), "-i", str(image)])
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: {image} looks like a binary file, not text (it holds NUL bytes); give a text file (UTF-8)"]
    assert proc.stdout == ""


def test_the_binary_rule_is_nul_bytes_unless_utf16(tiny_bundle, tmp_path):
    from translator_app.fsutil import looks_binary

    assert looks_binary(b"%PDF-1.4\n\x00\x01") and not looks_binary("Grüße\n".encode())
    assert not looks_binary("\ufeffHallo".encode("utf-16-le"))  # its BOM says it is text
    text = tmp_path / "in.txt"
    text.write_text("Hallo\nWelt\n", encoding="utf-8")
    proc = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1", "-i", str(text)])
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2
    # the same text in UTF-16 with its BOM (as Windows Notepad saves it) is read as such
    wide = tmp_path / "wide.txt"
    wide.write_bytes(codecs.BOM_UTF16_LE + "Hallo\nWelt\n".encode("utf-16-le"))
    proc_wide = run_cli(["translate", "--model", str(tiny_bundle), "--beam", "1", "-i", str(wide)])
    assert proc_wide.returncode == 0 and proc_wide.stdout == proc.stdout, proc_wide.stderr
