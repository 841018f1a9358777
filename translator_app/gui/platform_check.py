"""Can Qt's platform plugin load? Checked before QApplication exists, because Qt aborts
(exit 134, SIGABRT) when it cannot, with a message that often names the wrong library.

No Qt import here: the check must run where importing Qt's GUI parts would already fail.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from pathlib import Path

# The shared libraries libqxcb.so and libQt6XcbQpa.so.6 link against (from `ldd` on the
# PySide6 6.x wheels) that a minimal Debian/Ubuntu may lack, with the package of each.
XCB_LIBRARIES = (
    ("libxcb.so.1", "libxcb1"), ("libX11.so.6", "libx11-6"), ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-util.so.1", "libxcb-util1"), ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"), ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"), ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"), ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"), ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libGL.so.1", "libgl1"), ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"), ("libfreetype.so.6", "libfreetype6"),
    ("libdbus-1.so.3", "libdbus-1-3"), ("libglib-2.0.so.0", "libglib2.0-0"),
)
APT_PACKAGES = " ".join(package for _, package in XCB_LIBRARIES)
APT_COMMAND = f"sudo apt-get install -y {APT_PACKAGES}"
# Platforms that draw into memory: no display, no X libraries.
HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
_MISSING = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def _loadable(name: str) -> str | None:
    """None if the library loads, else the missing library dlopen names (maybe a dependency)."""
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        m = _MISSING.search(str(exc))
        return m.group(1) if m else name
    return None


def requested_platform(env=None) -> str:
    """The platform Qt will try first: QT_QPA_PLATFORM's first entry, else Qt's Linux default."""
    env = os.environ if env is None else env
    name = re.split(r"[;:]", env.get("QT_QPA_PLATFORM", "").strip(), maxsplit=1)[0].strip().lower()
    if name:
        return name
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def xcb_plugin() -> Path | None:
    try:
        import PySide6  # the package only: its __init__ loads no Qt GUI library
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def missing_xcb_libraries(load=_loadable, plugin: Path | None = None) -> list[str]:
    """Sonames of the libraries the xcb plugin needs and cannot find. The known list first
    (so every missing one is named, not just the first); then the plugin itself, which
    catches a library the list does not know."""
    missing = [soname for soname, _ in XCB_LIBRARIES if load(soname)]
    if not missing and plugin:
        lost = load(str(plugin))
        if lost:
            missing.append(lost)
    return missing


def packages_for(sonames: list[str]) -> list[str]:
    known = dict(XCB_LIBRARIES)
    return [known.get(s, s) for s in sonames]


def problem(env=None, platform: str = sys.platform, load=_loadable, plugin=None) -> str | None:
    """A message for the user when the window cannot open, or None when it can (as far as
    can be known without starting Qt)."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    name = requested_platform(env)
    if name in HEADLESS or name != "xcb":
        return None  # wayland and others report their own errors clearly enough
    headless_hint = ("Without a display, translate on the command line: "
                     "translator-app translate --from de --to en")
    if not env.get("DISPLAY"):
        where = (" (WAYLAND_DISPLAY is set: try QT_QPA_PLATFORM=wayland)" if env.get("WAYLAND_DISPLAY") else "")
        return ("translator-app: no X display to open the window on: DISPLAY is not set" + where + ".\n"
                + headless_hint + "\n")
    missing = missing_xcb_libraries(load, xcb_plugin() if plugin is None else plugin)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(packages_for(missing)))
    return ("translator-app: the window cannot open: Qt's X11 (xcb) platform plugin needs "
            f"libraries that are not installed: {', '.join(missing)}.\n"
            f"On Debian or Ubuntu, install them with:\n  sudo apt-get install -y {packages}\n"
            f"(all the window needs: {APT_COMMAND})\n"
            + headless_hint + "\n")
