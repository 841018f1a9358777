"""`translator-app lookup`: TERM, stdin (one JSON line per term) and the JSON contract."""

from __future__ import annotations

import json

from helpers import DATA, run_cli, subprocess_env

TINY = DATA / "dictionary" / "de-en-tiny"
ENTRY_KEYS = {"id", "lang", "headword", "tags", "senses", "examples", "match", "matched", "translations"}
SENSE_KEYS = {"text", "synonyms", "translations", "regions"}
TERM_KEYS = {"text", "word", "tags", "regions", "labels", "notes"}


def _env(tmp_path):
    return subprocess_env(TRANSLATOR_DICTIONARY_DATA=TINY, TRANSLATOR_CACHE_DIR=tmp_path / "cache")


def test_stdin_gives_one_json_line_per_term(tmp_path):
    proc = run_cli(["lookup", "--limit", "3"], input_text="Haus\n\nStrasse\nxyzzy\n", env=_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["term"] for d in lines] == ["Haus", "", "Strasse", "xyzzy"]
    assert all(set(d) == {"term", "lang", "entries", "ms"} and d["lang"] == "de" for d in lines)
    assert lines[1]["entries"] == [] and lines[3]["entries"] == []
    first = lines[0]["entries"][0]
    assert set(first) == ENTRY_KEYS
    assert (first["headword"], first["tags"], first["match"], first["translations"]) == ("Haus", ["n"], "exact", ["house"])
    assert set(first["senses"][0]) == SENSE_KEYS and set(first["senses"][0]["synonyms"][0]) == TERM_KEYS
    assert lines[2]["entries"][0]["headword"] == "Straße"
    assert len(lines[0]["entries"]) <= 3
    assert "building the dictionary index" in proc.stderr   # the first use builds it
    again = run_cli(["lookup", "--json", "--from", "en", "houses"], env=_env(tmp_path))
    assert again.returncode == 0 and "building" not in again.stderr
    d = json.loads(again.stdout)
    assert d["lang"] == "en" and d["entries"][0]["headword"] == "house"


def test_term_as_text_and_bad_input(tmp_path):
    proc = run_cli(["lookup", "Guten", "Morgen"], env=_env(tmp_path))
    assert proc.returncode == 0 and "Guten Morgen!" in proc.stdout and "Good morning!" in proc.stdout
    missing = run_cli(["lookup", "xyzzy"], env=_env(tmp_path))
    assert missing.returncode == 3 and "no entries" in missing.stdout
    bad = run_cli(["lookup", "--limit", "0", "Haus"], env=_env(tmp_path))
    assert bad.returncode == 2 and "--limit" in bad.stderr and "Traceback" not in bad.stderr
    gone = run_cli(["lookup", "Haus"], env=subprocess_env(TRANSLATOR_DICTIONARY_DATA=tmp_path / "nope.xz",
                                                          TRANSLATOR_CACHE_DIR=tmp_path / "c2"))
    assert gone.returncode == 1 and "not found" in gone.stderr and "Traceback" not in gone.stderr


def _without_ms(stdout):
    lines = [json.loads(line) for line in stdout.splitlines()]
    for d in lines:
        d.pop("ms")
    return lines


def test_translate_answers_exact_phrases_whatever_the_cache_holds(tmp_path):
    env = _env(tmp_path)
    text = "Guten Morgen!\nDas Haus ist alt.\nGuten Morgen❤️!\n<b>Guten Morgen!</b>\n"
    # an empty cache: the phrase table answers, and translate builds no index
    first = run_cli(["translate", "--json", "--from", "de"], input_text=text, env=env)
    assert first.returncode == 0, first.stderr
    assert not list((tmp_path / "cache").rglob("*.sqlite*"))
    hit, miss, heart, tagged = _without_ms(first.stdout)
    assert (hit["origin"], hit["translation"]) == ("dictionary", "Good morning!")
    assert miss["origin"] == "model"
    assert (heart["origin"], heart["translation"]) == ("dictionary", "Good morning❤️!")
    assert (tagged["origin"], tagged["translation"]) == ("dictionary", "<b>Good morning!</b>")
    # alternatives list the answer first (as for the model's n-best), then the model's own output
    off = run_cli(["translate", "--json", "--no-dictionary", "--from", "de"], input_text="Guten Morgen!\n", env=env)
    model_answer = json.loads(off.stdout)["translation"]
    assert json.loads(off.stdout)["origin"] == "model"
    assert [a["translation"] for a in hit["alternatives"][:2]] == ["Good morning!", model_answer] != [
        "Good morning!", "Good morning!"]
    rows = hit["attention"]
    assert len(rows) == len(hit["target_tokens"]) and all(abs(sum(r) - 1) < 1e-3 for r in rows)
    # the index built (by `lookup`, or the window's card): the very same output
    assert run_cli(["lookup", "Haus"], env=env).returncode == 0
    assert list((tmp_path / "cache").rglob("*.sqlite"))
    again = run_cli(["translate", "--json", "--from", "de"], input_text=text, env=env)
    assert again.returncode == 0, again.stderr
    assert _without_ms(again.stdout) == _without_ms(first.stdout)
    plain = run_cli(["translate", "--from", "de"], input_text="Guten Morgen❤️!\n", env=env)
    assert plain.stdout == "Good morning❤️!\n"


def test_lookup_points_to_the_other_language(tmp_path):
    env = _env(tmp_path)
    proc = run_cli(["lookup", "to", "go"], env=env)
    assert proc.returncode == 3
    assert proc.stdout == "no German entries for 'to go'; English has 2: try --from en\n"
    assert run_cli(["lookup", "--from", "en", "to go"], env=env).returncode == 0
    back = run_cli(["lookup", "--from", "en", "Haus"], env=env)
    assert back.returncode == 3 and back.stdout.startswith("no English entries for 'Haus'; German has ")
    assert back.stdout.rstrip().endswith(": try --from de")
    js = run_cli(["lookup", "--json", "to go"], env=env)
    assert js.returncode == 3 and json.loads(js.stdout)["entries"] == []  # the JSON stays as it was
    assert "hint: no German entries for 'to go'; English has 2: try --from en" in js.stderr
    none = run_cli(["lookup", "xyzzy"], env=env)
    assert none.returncode == 3 and none.stdout == "no entries for 'xyzzy'\n"
