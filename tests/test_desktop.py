"""Desktop integration: install into a temporary prefix, validate, uninstall."""

from __future__ import annotations

import argparse
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator_app import desktop
from translator_app.paths import resources_dir

INSTALL_HINT = ("desktop-file-validate is missing: install it with "
                "`apt-get install -y desktop-file-utils` (Debian/Ubuntu) or "
                "`dnf install desktop-file-utils` (Fedora)")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop integration is for Linux")


def _cli(argv):
    """The same wiring as translator_app/cli.py: subparsers + desktop.register(sub)."""
    parser = argparse.ArgumentParser(prog="translator-app")
    sub = parser.add_subparsers(dest="command")
    desktop.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def _entry(path: Path) -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # keys are case sensitive
    cp.read_string(path.read_text(encoding="utf-8"))
    return cp["Desktop Entry"]


def _validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.fail(INSTALL_HINT)
    proc = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"desktop-file-validate {path}:\n{proc.stdout}{proc.stderr}"
    assert "error:" not in proc.stdout + proc.stderr


def test_source_desktop_file_has_the_required_keys_and_validates():
    path = resources_dir() / desktop.DESKTOP_FILE
    entry = _entry(path)
    assert entry["Type"] == "Application"
    for key in ("Name", "Name[de]", "GenericName", "Comment", "Icon", "Exec"):
        assert entry.get(key), key
    assert entry["Name[de]"] != entry["Name"]
    assert entry["Categories"] == "Office;Translation;"
    assert "text/plain" in entry["MimeType"].split(";")
    assert entry["Exec"].endswith(" %f")
    assert entry["Exec"].split()[0] == "translator-app-gui"
    assert entry["Icon"] == desktop.ICON_NAME
    assert entry["Terminal"] == "false"
    _validate(path)


def test_icons_cover_svg_and_png_sizes():
    sizes = {size_dir for _, size_dir in desktop.icon_sources()}
    assert "scalable" in sizes
    for n in (16, 32, 48, 64, 128, 256):
        assert f"{n}x{n}" in sizes


def test_install_into_prefix_then_uninstall(tmp_path, capsys):
    prefix = tmp_path / "prefix"
    assert _cli(["install-desktop", "--prefix", str(prefix)]) == 0
    share = prefix / "share"
    out = capsys.readouterr().out

    expected = desktop.installed_files(share)
    for path in expected:
        assert path.is_file(), path
        assert f"installed {path}" in out
    entry_path = share / "applications" / "translator-app.desktop"
    assert entry_path in expected
    assert (share / "icons/hicolor/scalable/apps/translator-app.svg").is_file()
    for n in (16, 48, 128, 256):
        png = share / f"icons/hicolor/{n}x{n}/apps/translator-app.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Exec points at an absolute launcher (works from a venv that is not on PATH) and keeps %f
    entry = _entry(entry_path)
    program = desktop.gui_command()[0]
    assert Path(program).is_absolute()
    assert entry["Exec"].endswith(" %f")
    assert entry["TryExec"] == program
    assert entry["MimeType"] == "text/plain;"
    _validate(entry_path)

    # the MIME association is recorded when update-desktop-database exists
    if shutil.which("update-desktop-database"):
        cache = (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "text/plain=translator-app.desktop;" in cache

    # installing twice is harmless
    assert _cli(["install-desktop", "--prefix", str(prefix), "--no-refresh"]) == 0

    assert _cli(["uninstall-desktop", "--prefix", str(prefix)]) == 0
    for path in expected:
        assert not path.exists(), path
    leftovers = [p for p in share.rglob("translator-app*") if p.is_file()]
    assert leftovers == []
    if (share / "applications" / "mimeinfo.cache").exists():
        assert "translator-app" not in (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")

    # uninstalling again says so and succeeds
    capsys.readouterr()
    assert _cli(["uninstall-desktop", "--prefix", str(prefix)]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_user_install_goes_to_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert _cli(["install-desktop", "--user", "--no-refresh"]) == 0
    assert (tmp_path / "data/applications/translator-app.desktop").is_file()
    assert (tmp_path / "data/icons/hicolor/scalable/apps/translator-app.svg").is_file()
    assert _cli(["uninstall-desktop", "--no-refresh"]) == 0  # --user is the default
    assert not (tmp_path / "data/applications/translator-app.desktop").exists()


def test_user_and_prefix_are_exclusive(tmp_path):
    with pytest.raises(SystemExit) as exc:
        _cli(["install-desktop", "--user", "--prefix", str(tmp_path)])
    assert exc.value.code == 2


def test_exec_path_with_spaces_is_quoted_and_still_valid(tmp_path):
    program = tmp_path / "my apps" / "translator $app\\gui"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    share = tmp_path / "share"
    desktop.install(share, command=[str(program)], refresh=False)
    entry_path = share / "applications" / "translator-app.desktop"
    text = entry_path.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # quoted for Exec ($ and \ escaped), then \ escaped again for the string type
    assert exec_line == 'Exec="' + str(program.parent).replace("\\", "\\\\\\\\") + '/translator \\\\$app\\\\\\\\gui" %f'
    _validate(entry_path)


def test_exec_quote_rules():
    assert desktop.exec_quote("/usr/bin/translator-app-gui") == "/usr/bin/translator-app-gui"
    assert desktop.exec_quote("/a b/c") == '"/a b/c"'
    assert desktop.exec_quote('/a"b') == '"/a\\"b"'
    assert desktop.exec_quote("/100%") == "/100%%"


def test_exec_option_must_exist(tmp_path, capsys):
    code = _cli(["install-desktop", "--prefix", str(tmp_path), "--exec", str(tmp_path / "nope")])
    assert code == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "share/applications/translator-app.desktop").exists()


def test_fallback_launcher_is_python_module(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python3"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert desktop.gui_command() == [str(tmp_path / "bin" / "python3"), "-m", "translator_app", "gui"]


def test_missing_resources_is_a_clear_error(tmp_path):
    with pytest.raises(desktop.DesktopError, match="cannot read"):
        desktop.install(tmp_path / "share", resources=tmp_path / "no-resources", refresh=False)


def test_cli_wiring(tmp_path):
    """`translator-app install-desktop` (active once cli.py calls desktop.register(sub))."""
    import inspect

    from translator_app import cli

    if "desktop.register" not in inspect.getsource(cli._parser):
        pytest.skip("cli._parser does not call desktop.register(sub) yet")
    assert cli.main(["install-desktop", "--prefix", str(tmp_path), "--no-refresh"]) == 0
    assert (tmp_path / "share/applications/translator-app.desktop").is_file()
    assert cli.main(["uninstall-desktop", "--prefix", str(tmp_path), "--no-refresh"]) == 0
    assert not (tmp_path / "share/applications/translator-app.desktop").exists()
