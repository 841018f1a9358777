"""`translator-app memory add|list|remove|export|import`, in child processes with their own
user data directory: output, exit status (0, 1 failure, 2 usage) and one-line errors."""

from __future__ import annotations

import json

from helpers import DATA, run_cli, subprocess_env


def _env(tmp_path):
    return subprocess_env(TRANSLATOR_DATA_DIR=tmp_path / "data")


def _ok(proc):
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_add_list_remove(tmp_path):
    env = _env(tmp_path)
    assert _ok(run_cli(["memory", "add", "Guten Morgen!", "Morning, all!"], env=env)).startswith("added 1:")
    _ok(run_cli(["memory", "add", "Good night", "Gute Nacht", "--from", "en"], env=env))
    assert (tmp_path / "data" / "memory.sqlite3").is_file()
    text = _ok(run_cli(["memory", "list"], env=env)).splitlines()
    assert text == ["1\tde->en\tGuten Morgen!\tMorning, all!", "2\ten->de\tGood night\tGute Nacht"]
    rows = [json.loads(line) for line in _ok(run_cli(["memory", "list", "--json"], env=env)).splitlines()]
    assert [(r["id"], r["source"], r["target"], r["src_lang"], r["tgt_lang"]) for r in rows] == [
        (1, "Guten Morgen!", "Morning, all!", "de", "en"), (2, "Good night", "Gute Nacht", "en", "de")]
    assert all(r["created"].endswith("+00:00") for r in rows)
    assert _ok(run_cli(["memory", "remove", "1"], env=env)) == "removed 1\n"
    gone = run_cli(["memory", "remove", "1"], env=env)
    assert gone.returncode == 1 and "no entry 1" in gone.stderr
    assert [json.loads(line)["id"] for line in _ok(run_cli(["memory", "list", "--json"], env=env)).splitlines()] == [2]


def test_usage_errors_exit_2_with_one_line(tmp_path):
    env = _env(tmp_path)
    for args, words in [(["memory", "remove", "abc"], "must be a number"),
                        (["memory", "add", "...", "x"], "no words"),
                        (["memory", "add", "Hallo", " "], "empty"),
                        (["memory", "add", "Hallo", "Hello", "--from", "fr"], "invalid choice"),
                        (["memory"], "usage")]:
        proc = run_cli(args, env=env)
        assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr, args
    assert not (tmp_path / "data" / "memory.sqlite3").exists()   # nothing was stored, no file made
    empty = run_cli(["memory", "list"], env=env)
    assert empty.returncode == 0 and empty.stdout == "" and "empty" in empty.stderr


def test_export_then_import_round_trip(tmp_path):
    env = _env(tmp_path)
    _ok(run_cli(["memory", "add", "Ärger & <Streit>", "Trouble & <strife>"], env=env))
    _ok(run_cli(["memory", "add", "Good night", "Gute Nacht", "--from", "en"], env=env))
    out = tmp_path / "mine.tmx"
    assert "exported 2 translations" in _ok(run_cli(["memory", "export", str(out)], env=env))
    other = subprocess_env(TRANSLATOR_DATA_DIR=tmp_path / "other")
    assert "imported 2 translations" in _ok(run_cli(["memory", "import", str(out)], env=other))
    listed = [_ok(run_cli(["memory", "list", "--json"], env=e)) for e in (env, other)]
    assert listed[0] == listed[1] and listed[0].count("\n") == 2
    again = _ok(run_cli(["memory", "import", str(out)], env=other))
    assert "imported 0 translations" in again and "2 already" in again
    omegat = _ok(run_cli(["memory", "import", str(DATA / "tm" / "omegat.tmx")], env=other))
    assert "imported 3 translations" in omegat


def test_a_bad_tmx_file_is_refused_with_line_and_nothing_imported(tmp_path):
    env = _env(tmp_path)
    _ok(run_cli(["memory", "add", "Hallo", "Hello"], env=env))
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4"><header srclang="de"/><body>\n'
                   '<tu><tuv xml:lang="de"><seg>Eins</seg></tuv><tuv xml:lang="en"><seg>One</seg></tuv></tu>\n'
                   '<tu><tuv xml:lang="de"><seg>Zwei</seg></tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    for path, words in [(bad, "line 3: the <tu> has no English <tuv>"),
                        (DATA / "corpus" / "evil.tmx", "entity declarations"),
                        (tmp_path / "missing.tmx", "cannot read")]:
        proc = run_cli(["memory", "import", str(path)], env=env)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert _ok(run_cli(["memory", "list"], env=env)).splitlines() == ["1\tde->en\tHallo\tHello"]
    nowhere = run_cli(["memory", "export", str(tmp_path / "no" / "dir" / "x.tmx")], env=env)
    assert nowhere.returncode == 1 and "cannot write" in nowhere.stderr and "Traceback" not in nowhere.stderr


def test_a_damaged_memory_file_is_one_line_and_kept(tmp_path):
    env = _env(tmp_path)
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "memory.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    for args in (["memory", "list"], ["memory", "add", "Hallo", "Hello"]):
        proc = run_cli(args, env=env)
        assert proc.returncode == 1 and "damaged" in proc.stderr and str(path) in proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert path.read_bytes() == b"\x00garbage" * 512
