"""`translator-app lookup --examples`: text with *marked* words and the source, --json, stdin."""

from __future__ import annotations

import json

import pytest

from helpers import DATA, run_cli, subprocess_env
from translator_app.training import examples_package

EX = DATA / "examples"
TINY = DATA / "dictionary" / "de-en-tiny"
EXAMPLE_KEYS = {"id", "german", "english", "source", "source_name", "match", "german_spans", "english_spans"}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("excli")
    data = tmp / "ex.xz"
    (tmp / "none.sha256").write_text("", encoding="utf-8")
    examples_package.package(EX / "tatoeba-tiny.tsv", EX / "games-tiny.tsv", TINY, data, [tmp / "none.sha256"])
    return subprocess_env(TRANSLATOR_DICTIONARY_DATA=TINY, TRANSLATOR_EXAMPLES_DATA=data,
                          TRANSLATOR_CACHE_DIR=tmp / "cache")


def test_examples_as_text(env):
    proc = run_cli(["lookup", "--examples", "Haus"], env=env)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:2] == ["Das ist mein *Haus*.", "  -> That is my *house*.  [Tatoeba]"]
    assert len(lines) == 10 and "building the example index (not built yet)" in proc.stderr
    assert "  -> He lives in a big *house*.  [Ding]" in lines
    again = run_cli(["lookup", "--examples", "--limit", "1", "--from", "en", "station"], env=env)
    assert again.returncode == 0 and "building the example index" not in again.stderr
    assert again.stdout == "Where is the *station*?\n  -> Wo ist der Bahnhof?  [Tatoeba]\n"   # Bahnhof is not in the tiny Ding
    none = run_cli(["lookup", "--examples", "xyzzy"], env=env)
    assert none.returncode == 3 and none.stdout == "no example sentences for 'xyzzy'\n"


def test_examples_as_json_and_from_stdin(env, tmp_path):
    proc = run_cli(["lookup", "--examples", "--json", "nach", "Hause"], env=env)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert set(d) == {"term", "lang", "examples", "ms"} and d["term"] == "nach Hause"
    first = d["examples"][0]
    assert set(first) == EXAMPLE_KEYS
    assert (first["german"], first["german_spans"], first["source"], first["match"]) == \
        ("Wir gehen nach Hause.", [[10, 20]], "ding", "exact")
    house = json.loads(run_cli(["lookup", "--examples", "--json", "Haus"], env=env).stdout)["examples"][0]
    (start, end), = house["english_spans"]
    assert house["german_spans"] == [[13, 17]] and house["english"][start:end] == "house"
    lines = run_cli(["lookup", "--examples"], input_text="Bahnhof\n\nHaus\n", env=env)
    got = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [g["term"] for g in got] == ["Bahnhof", "", "Haus"] and got[1]["examples"] == []
    assert [e["german"] for e in got[0]["examples"]] == ["Wo ist der Bahnhof?", "Der Bahnhof ist weit weg von hier."]
    gone = run_cli(["lookup", "--examples", "Haus"], env=dict(env, TRANSLATOR_EXAMPLES_DATA=str(tmp_path / "no.xz")))
    assert gone.returncode == 1 and "example sentences not found" in gone.stderr and "Traceback" not in gone.stderr
    # without a dictionary the examples still come, the other side unmarked
    alone = run_cli(["lookup", "--examples", "--limit", "1", "Haus"],
                    env=dict(env, TRANSLATOR_DICTIONARY_DATA=str(tmp_path / "no-ding.xz")))
    assert alone.returncode == 0 and alone.stdout == "Das ist mein *Haus*.\n  -> That is my house.  [Tatoeba]\n"
    assert "dictionary data not found" in alone.stderr and "not marked" in alone.stderr
