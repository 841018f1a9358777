"""Single instance: a second launch hands its files to the running window."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NONET = Path(__file__).resolve().parents[1] / "nonet"

SECOND_LAUNCH = """
import sys
from translator_app.gui.single_instance import SingleInstance
took = SingleInstance().try_hand_over(sys.argv[1:])
print("handed over" if took else "no instance")
sys.exit(0 if took else 3)
"""


def child_env():
    env = dict(os.environ)  # TRANSLATOR_DATA_DIR is the test's profile (isolated_profile)
    env["PYTHONPATH"] = os.pathsep.join([str(NONET), env.get("PYTHONPATH", "")])
    env["TRANSLATOR_NO_NETWORK"] = "1"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["OMP_NUM_THREADS"] = "1"
    return env


@pytest.fixture
def primary(qtbot):
    from translator_app.gui.single_instance import SingleInstance

    instances = []

    def make(name=None):
        inst = SingleInstance(name)
        instances.append(inst)
        return inst

    yield make
    for inst in instances:
        inst.close()


def test_name_depends_on_user_and_data_dir(tmp_path, monkeypatch):
    from translator_app.gui.single_instance import server_name

    a = server_name(tmp_path / "a")
    assert a == server_name(tmp_path / "a")
    assert a != server_name(tmp_path / "b")
    assert a.startswith("translator-app-")
    assert len(a) <= 44  # fits a Unix socket path with the temp dir in front
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path / "b"))
    assert server_name() == server_name(tmp_path / "b")


def test_no_running_instance_means_no_hand_over(primary):
    first = primary()
    t0 = time.monotonic()
    assert first.try_hand_over(["x.txt"]) is False
    assert time.monotonic() - t0 < 2
    assert first.listen()
    assert first.is_listening()


def test_second_launch_hands_its_file_to_the_first(primary, qtbot, tmp_path):
    first = primary()
    assert first.listen()
    doc = tmp_path / "brief über uns.txt"
    doc.write_text("Guten Morgen.", encoding="utf-8")

    with qtbot.waitSignal(first.files_received, timeout=60_000) as blocker:
        proc = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, str(doc)], env=child_env(),
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert blocker.args == [[str(doc)]]
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)  # the event loop keeps serving
    out, err = proc.communicate()
    assert proc.returncode == 0, out + err
    assert "handed over" in out


def test_relative_paths_arrive_absolute_and_no_file_means_activate(primary, qtbot, tmp_path):
    first = primary()
    assert first.listen()
    received = []
    first.files_received.connect(received.append)

    proc = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, "notes.txt"], env=child_env(), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0, proc.communicate()
    proc = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH], env=child_env(), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0, proc.communicate()
    assert received == [[str(tmp_path / "notes.txt")], []]


def test_two_objects_in_one_process(primary, qtbot):
    """The server side, driven by a raw non-blocking client in the same thread."""
    from PySide6.QtNetwork import QLocalSocket

    first = primary()
    assert first.listen()
    client = QLocalSocket()
    client.connectToServer(first.name)
    assert client.waitForConnected(2000)
    with qtbot.waitSignal(first.files_received, timeout=5000) as blocker:
        client.write(json.dumps({"files": ["/tmp/a.txt", "/tmp/b.txt"]}).encode() + b"\n")
    assert blocker.args == [["/tmp/a.txt", "/tmp/b.txt"]]
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0 or client.state() != QLocalSocket.LocalSocketState.ConnectedState,
                    timeout=5000)
    assert bytes(client.readAll().data()).startswith(b"ok")
    client.abort()

    # a garbage message is answered with "error" and emits nothing
    bad = QLocalSocket()
    bad.connectToServer(first.name)
    assert bad.waitForConnected(2000)
    bad.write(b"not json\n")
    qtbot.waitUntil(lambda: bad.bytesAvailable() > 0, timeout=5000)
    assert bytes(bad.readAll().data()).startswith(b"error")
    bad.abort()


def test_other_profile_is_a_separate_instance(primary, tmp_path):
    from translator_app.gui.single_instance import server_name

    first = primary(server_name(tmp_path / "profile-a"))
    assert first.listen()
    other = primary(server_name(tmp_path / "profile-b"))
    assert other.try_hand_over(["x.txt"], timeout_ms=500) is False


@pytest.mark.skipif(sys.platform == "win32", reason="stale socket files are a Unix matter")
def test_socket_left_by_a_crashed_instance_is_taken_over(primary, qtbot):
    code = ("import sys, time\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from translator_app.gui.single_instance import SingleInstance\n"
            "app = QCoreApplication([])\n"
            "s = SingleInstance()\n"
            "print('listening' if s.listen() else 'failed', flush=True)\n"
            "time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=child_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "listening"
    finally:
        proc.send_signal(signal.SIGKILL)  # no clean-up: the socket file stays behind
        proc.wait(30)
    second = primary()
    assert second.try_hand_over(["x.txt"], timeout_ms=1000) is False
    assert second.listen()
    with qtbot.waitSignal(second.files_received, timeout=60_000) as blocker:
        child = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, "/tmp/y.txt"], env=child_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert blocker.args == [["/tmp/y.txt"]]
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=60_000)
    assert child.returncode == 0


def test_handed_over_file_is_translated_in_the_running_window(primary, make_window, qtbot, tmp_path):
    """The lines gui/app.py uses: files_received -> open_in_window(window, paths)."""
    from translator_app.gui.single_instance import open_in_window

    window = make_window()
    first = primary()
    first.files_received.connect(lambda paths: open_in_window(window, paths))
    assert first.listen()
    doc = tmp_path / "brief.txt"
    doc.write_text("Guten Morgen.", encoding="utf-8")

    with qtbot.waitSignal(window.translation_shown, timeout=60_000):
        proc = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, str(doc)], env=child_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0, proc.communicate()
    assert window.isVisible()


def test_file_handed_over_while_the_model_loads_is_translated_once_ready(make_window, qtbot, tmp_path):
    from translator_app.gui.single_instance import open_in_window

    window = make_window(wait_ready=False)
    doc = tmp_path / "brief.txt"
    doc.write_text("Guten Abend.", encoding="utf-8")
    with qtbot.waitSignal(window.translation_shown, timeout=60_000):
        open_in_window(window, [str(doc)])
        assert window.input.text() == "Guten Abend."


def test_second_app_launch_hands_its_file_to_the_running_app(gui_bundle, isolated_profile, tmp_path, qtbot):
    """The real entry point, twice: the second `translator-app gui FILE` exits at once and the
    first window translates FILE (it lands in the first one's history)."""
    import sqlite3

    from translator_app.gui.single_instance import SingleInstance

    env = child_env()
    first = subprocess.Popen([sys.executable, "-m", "translator_app", "gui", "--model", str(gui_bundle)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        probe = SingleInstance()  # the same per-profile name as the child's
        qtbot.waitUntil(lambda: first.poll() is not None or probe.try_hand_over([], timeout_ms=500),
                        timeout=60_000)
        assert first.poll() is None, first.communicate()
        doc = tmp_path / "brief.txt"
        doc.write_text("Guten Morgen.", encoding="utf-8")
        t0 = time.monotonic()
        second = subprocess.run([sys.executable, "-m", "translator_app", "gui", "--model", str(gui_bundle), str(doc)],
                                env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr[-2000:]
        assert time.monotonic() - t0 < 30  # it handed over; it did not load a model and wait

        db = isolated_profile / "history.sqlite3"

        def translated():
            if not db.exists():
                return False
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                return con.execute("SELECT count(*) FROM exchanges WHERE source = ?",
                                   ("Guten Morgen.",)).fetchone()[0] == 1

        qtbot.waitUntil(translated, timeout=90_000)
        assert first.poll() is None
    finally:
        first.terminate()
        try:
            first.wait(30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(30)


def _second_launch(tmp_path, *files):
    return subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, *files], env=child_env(), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_live_window_keeps_its_channel(primary, qtbot, tmp_path):
    """listen() never takes the name from a running instance (one slow to answer a
    hand-over), and fails with False, not an exception."""
    first, second = primary(), primary()
    assert first.listen()
    assert second.listen() is False
    assert first.is_listening() and not second.is_listening()
    received = []
    first.files_received.connect(received.append)
    proc = _second_launch(tmp_path, "/tmp/x.txt")
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0, proc.communicate()
    qtbot.waitUntil(lambda: received == [["/tmp/x.txt"]], timeout=5000)


def test_the_answer_comes_before_the_work(primary, qtbot, tmp_path):
    """A receiver that takes longer than the hand-over timeout (a big file) does not make
    the other launch give up and start a second window."""
    from translator_app.gui.single_instance import HAND_OVER_TIMEOUT_MS

    first = primary()
    assert first.listen()
    first.files_received.connect(lambda paths: time.sleep(HAND_OVER_TIMEOUT_MS / 1000 + 1))
    proc = _second_launch(tmp_path, "/tmp/y.txt")
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    out, err = proc.communicate()
    assert proc.returncode == 0 and "handed over" in out, out + err


def test_claim_serialises_launches(primary):
    first, second = primary(), primary()
    assert first.claim(timeout_ms=100)
    assert second.claim(timeout_ms=200) is False  # held by the first launch
    first.release()
    assert second.claim(timeout_ms=200)
    second.release()
