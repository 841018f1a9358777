"""The start-up check for Qt's platform plugin: a clear message and exit 1, never Qt's
abort (134) with a misleading library name."""

from __future__ import annotations

import os
import subprocess
import sys

from translator_app.gui import platform_check as pc


def _fake_loader(missing: set[str]):
    return lambda name: name if name in missing else None


def test_every_missing_library_and_its_package_is_named():
    msg = pc.problem({"DISPLAY": ":0"}, "linux", _fake_loader({"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}),
                     plugin=False)
    assert "libxcb-icccm.so.4" in msg and "libxcb-keysyms.so.1" in msg
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1\n" in msg
    assert "libxcb-cursor" not in msg.splitlines()[0]  # Qt's own message blamed this one
    assert "translator-app translate" in msg


def test_a_library_the_list_does_not_know_is_found_through_the_plugin():
    msg = pc.problem({"DISPLAY": ":0"}, "linux", _fake_loader({"/x/libqxcb.so"}), plugin="/x/libqxcb.so")
    assert msg is not None and "/x/libqxcb.so" in msg


def test_no_display_is_named_as_such():
    msg = pc.problem({}, "linux", _fake_loader(set()), plugin=False)
    assert "DISPLAY is not set" in msg and "translator-app translate" in msg
    assert "WAYLAND_DISPLAY" in pc.problem({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"},
                                           "linux", _fake_loader(set()), plugin=False)


def test_headless_platforms_and_other_systems_skip_the_check():
    everything = _fake_loader({s for s, _ in pc.XCB_LIBRARIES})
    for name in ("offscreen", "minimal", "offscreen:fontengine=freetype"):
        assert pc.problem({"QT_QPA_PLATFORM": name}, "linux", everything, plugin=False) is None
    assert pc.problem({}, "darwin", everything, plugin=False) is None
    assert pc.problem({"DISPLAY": ":0"}, "linux", _fake_loader(set()), plugin=False) is None
    assert pc.requested_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert pc.requested_platform({"WAYLAND_DISPLAY": "w", "XDG_SESSION_TYPE": "wayland"}) == "wayland"
    assert pc.requested_platform({"DISPLAY": ":0"}) == "xcb"


def test_the_real_loader_finds_a_present_library_and_names_an_absent_one():
    assert pc._loadable("libc.so.6") is None
    assert pc._loadable("libno-such-thing.so.7") == "libno-such-thing.so.7"


def test_without_a_display_the_app_exits_1_with_the_message_not_134(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["QT_QPA_PLATFORM"] = "xcb"
    env["TRANSLATOR_DATA_DIR"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "translator_app", "gui", "--new-instance"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "DISPLAY is not set" in proc.stderr and "translator-app translate" in proc.stderr
    assert "Traceback" not in proc.stderr
