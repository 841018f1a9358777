"""``translator-app install-desktop`` / ``uninstall-desktop``: freedesktop integration.

Installs three things below a ``share`` directory (``~/.local/share`` for ``--user``,
``DIR/share`` for ``--prefix DIR``):

* ``applications/translator-app.desktop`` - the launcher from ``resources/``, with ``Exec``
  and ``TryExec`` rewritten to the absolute path of the installed GUI launcher, so that the
  entry works from a virtual environment that is not on ``PATH``;
* the app icon in the hicolor theme: ``icons/hicolor/scalable/apps/translator-app.svg`` and
  ``icons/hicolor/NxN/apps/translator-app.png`` for every rendered size;
* the MIME association: the desktop file declares ``MimeType=text/plain;`` with ``Exec ... %f``,
  so "Open with" on a .txt file starts the app, which translates that file.
  ``update-desktop-database`` (when present) records it in ``applications/mimeinfo.cache``.

``uninstall-desktop`` removes exactly those files. Cache tools (``update-desktop-database``,
``gtk-update-icon-cache``) run only when present; their failures are ignored.

No Qt and no torch here. :func:`register` adds the two subcommands to an argparse
subparsers object; handlers return 0 on success, 1 on failure, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from .paths import APP_NAME, resources_dir

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

DESKTOP_FILE = f"{APP_NAME}.desktop"
ICON_NAME = APP_NAME
GUI_SCRIPT = "translator-app-gui"
_PNG_RE = re.compile(re.escape(ICON_NAME) + r"-(\d+)\.png$")

# Characters that force an Exec argument into double quotes (Desktop Entry Spec, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopError(Exception):
    pass


# -- locations ---------------------------------------------------------------------------------
def user_share_dir() -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share``."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path.home() / ".local" / "share"


def share_dir(prefix: Optional[str | os.PathLike] = None) -> Path:
    """Where files go: ``PREFIX/share``, or the user's data home when ``prefix`` is None."""
    if prefix is None:
        return user_share_dir()
    return Path(prefix).expanduser().absolute() / "share"


def icon_sources(resources: Optional[Path] = None) -> list[tuple[Path, str]]:
    """``(file, size_dir)`` for the app icon: the SVG ("scalable") and each PNG ("NxN")."""
    icons = (resources or resources_dir()) / "icons"
    found: list[tuple[Path, str]] = []
    svg = icons / f"{ICON_NAME}.svg"
    if svg.is_file():
        found.append((svg, "scalable"))
    pngs = []
    for png in icons.glob(f"{ICON_NAME}-*.png"):
        match = _PNG_RE.search(png.name)
        if match:
            pngs.append((int(match.group(1)), png))
    for size, png in sorted(pngs):
        found.append((png, f"{size}x{size}"))
    return found


def installed_files(share: Path, resources: Optional[Path] = None) -> list[Path]:
    """The files :func:`install` writes below ``share`` (in that order)."""
    files = [share / "applications" / DESKTOP_FILE]
    for src, size_dir in icon_sources(resources):
        files.append(share / "icons" / "hicolor" / size_dir / "apps" / f"{ICON_NAME}{src.suffix}")
    return files


# -- the launcher ------------------------------------------------------------------------------
def gui_command() -> list[str]:
    """The command that opens the window (a file name is appended by the desktop).

    In order: the ``translator-app-gui`` script next to the running Python (a virtual
    environment's ``bin``, ``/usr/bin``, or the folder of a frozen bundle), the one on PATH,
    a frozen bundle's own executable, and finally ``python -m translator_app gui``.
    """
    bindir = Path(sys.executable).parent
    for name in (GUI_SCRIPT, GUI_SCRIPT + ".exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    if getattr(sys, "frozen", False):
        return [sys.executable]
    on_path = shutil.which(GUI_SCRIPT)
    if on_path:
        return [str(Path(on_path).absolute())]
    return [sys.executable, "-m", "translator_app", "gui"]


def exec_quote(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry Spec asks (before string escaping)."""
    arg = arg.replace("%", "%%")
    if not arg or any(ch in _EXEC_RESERVED for ch in arg):
        escaped = re.sub(r'(["`$\\])', r"\\\1", arg)
        return f'"{escaped}"'
    return arg


def _escape_string(value: str) -> str:
    """Escape a value of type "string" (backslash, newline, tab, CR)."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def desktop_entry(command: Optional[Sequence[str]] = None, resources: Optional[Path] = None) -> str:
    """The text of the .desktop file with Exec (and TryExec) pointing at ``command``."""
    source = (resources or resources_dir()) / DESKTOP_FILE
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise DesktopError(f"cannot read {source}: {exc.strerror or exc}") from exc
    command = list(command or gui_command())
    exec_value = _escape_string(" ".join(exec_quote(a) for a in command) + " %f")
    tryexec_value = _escape_string(command[0])
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value
        elif line.startswith("TryExec="):
            line = "TryExec=" + tryexec_value
        lines.append(line)
    return "\n".join(lines) + "\n"


# -- install / uninstall -----------------------------------------------------------------------
def _write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def install(share: Path, command: Optional[Sequence[str]] = None, resources: Optional[Path] = None,
            refresh: bool = True) -> list[Path]:
    """Install the desktop file and icons below ``share``; return the files written."""
    share = Path(share)
    resources = resources or resources_dir()
    entry = desktop_entry(command, resources)
    icons = icon_sources(resources)
    if not icons:
        raise DesktopError(f"no icons in {resources / 'icons'}")
    written = []
    target = share / "applications" / DESKTOP_FILE
    try:
        _write_atomic(target, entry.encode("utf-8"))
        written.append(target)
        for src, size_dir in icons:
            dest = share / "icons" / "hicolor" / size_dir / "apps" / f"{ICON_NAME}{src.suffix}"
            _write_atomic(dest, src.read_bytes())
            written.append(dest)
    except OSError as exc:
        raise DesktopError(f"cannot write below {share}: {exc.strerror or exc}") from exc
    if refresh:
        refresh_caches(share)
    return written


def uninstall(share: Path, refresh: bool = True) -> list[Path]:
    """Remove what :func:`install` put below ``share`` (any icon size); return the files removed."""
    share = Path(share)
    candidates = [share / "applications" / DESKTOP_FILE]
    hicolor = share / "icons" / "hicolor"
    if hicolor.is_dir():
        for ext in ("png", "svg"):
            candidates.extend(sorted(hicolor.glob(f"*/apps/{ICON_NAME}.{ext}")))
    removed = []
    for path in candidates:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    if refresh and removed:
        refresh_caches(share)
    return removed


def refresh_caches(share: Path) -> list[str]:
    """Run update-desktop-database and gtk-update-icon-cache when present; ignore failures.
    Returns the tools that ran and succeeded."""
    ran = []
    jobs = [("update-desktop-database", ["-q", str(share / "applications")], share / "applications"),
            ("gtk-update-icon-cache", ["-q", "-t", "-f", str(share / "icons" / "hicolor")],
             share / "icons" / "hicolor")]
    for tool, args, directory in jobs:
        exe = shutil.which(tool)
        if not exe or not directory.is_dir():
            continue
        try:
            proc = subprocess.run([exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if proc.returncode == 0:
            ran.append(tool)
    return ran


# -- command line ------------------------------------------------------------------------------
def _add_target_args(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true",
                       help="for the current user, below $XDG_DATA_HOME or ~/.local/share (the default)")
    where.add_argument("--prefix", metavar="DIR", help="below DIR/share (e.g. /usr/local, or a staging directory)")


def register(subparsers) -> None:
    """Add ``install-desktop`` and ``uninstall-desktop`` to ``subparsers``."""
    i = subparsers.add_parser(
        "install-desktop",
        help="add the app to the desktop's menu, with its icon and 'Open with' for .txt files",
        description="Install the freedesktop launcher (translator-app.desktop), the app icon in the "
                    "hicolor theme and the text/plain association, so that the app appears in the "
                    "menu and 'Open with' on a .txt file translates it.")
    _add_target_args(i)
    i.add_argument("--exec", dest="exec_path", metavar="PROGRAM",
                   help="program the launcher runs (default: the translator-app-gui next to this Python)")
    i.add_argument("--no-refresh", action="store_true",
                   help="do not run update-desktop-database / gtk-update-icon-cache")
    i.set_defaults(func=cmd_install)

    u = subparsers.add_parser(
        "uninstall-desktop",
        help="remove what install-desktop installed",
        description="Remove the launcher and the icons that install-desktop installed.")
    _add_target_args(u)
    u.add_argument("--no-refresh", action="store_true",
                   help="do not run update-desktop-database / gtk-update-icon-cache")
    u.set_defaults(func=cmd_uninstall)


def _err(command: str, msg: str) -> None:
    print(f"translator-app {command}: error: {msg}", file=sys.stderr)


def _platform_ok(command: str) -> bool:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")):
        return True
    _err(command, "desktop integration is for Linux and other freedesktop.org systems; "
                  "on Windows and macOS use the app bundle (see packaging/)")
    return False


def cmd_install(args) -> int:
    if not _platform_ok("install-desktop"):
        return EXIT_USAGE
    share = share_dir(args.prefix)
    command = None
    if getattr(args, "exec_path", None):
        exe = Path(args.exec_path).expanduser()
        if not exe.is_file():
            _err("install-desktop", f"--exec {args.exec_path}: no such file")
            return EXIT_USAGE
        command = [str(exe.absolute())]
    try:
        written = install(share, command=command, refresh=not args.no_refresh)
    except DesktopError as exc:
        _err("install-desktop", str(exc))
        return EXIT_FAIL
    for path in written:
        print(f"installed {path}")
    entry = written[0].read_text(encoding="utf-8")
    exec_line = next((ln for ln in entry.splitlines() if ln.startswith("Exec=")), "")
    print(f"launcher: {exec_line}")
    if args.prefix is None and not _on_data_dirs(share):
        print(f"note: {share} is not in $XDG_DATA_DIRS/$XDG_DATA_HOME; the menu may not show the app",
              file=sys.stderr)
    return EXIT_OK


def cmd_uninstall(args) -> int:
    if not _platform_ok("uninstall-desktop"):
        return EXIT_USAGE
    share = share_dir(args.prefix)
    try:
        removed = uninstall(share, refresh=not args.no_refresh)
    except DesktopError as exc:
        _err("uninstall-desktop", str(exc))
        return EXIT_FAIL
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print(f"nothing to remove below {share}")
    return EXIT_OK


def _on_data_dirs(share: Path) -> bool:
    if share == user_share_dir():
        return True
    dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return any(Path(d) == share for d in dirs.split(":") if d)


def main(argv: Optional[List[str]] = None) -> int:
    """Stand-alone entry (``python -m translator_app.desktop install-desktop ...``)."""
    parser = argparse.ArgumentParser(prog="translator-app")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
