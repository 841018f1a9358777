"""Game dialogue: the pairing rules, the catalogue walk and `corpus fetch --games` (offline)."""

from __future__ import annotations

import json
from collections import Counter

from helpers import write_mo
from translator_app.cli import main as cli_main
from translator_app.training import fetch, games
from translator_app.training.readers import Pair

CATALOGUE = {
    "": "Content-Type: text/plain; charset=UTF-8\n",
    "We must leave this place before nightfall.": "Wir müssen diesen Ort vor Einbruch der Nacht verlassen.",
    "Open": "Öffnen",                                                      # not a sentence
    "You have $gold gold pieces left.": "Ihr habt noch $gold Goldstücke.",  # placeholder
    "Press <b>Enter</b> to continue now.": "Drückt <b>Enter</b>, um jetzt fortzufahren.",  # markup
    "The bridge is broken. Can you swim across the river?":
        "Die Brücke ist kaputt. Kannst du über den Fluss schwimmen?",     # splits into two
    "Where is my sword? I left it right here by the fire.":
        "Mein Schwert ist weg, ich hatte es doch hier beim Feuer gelassen!",  # 2 vs 1 sentences: kept whole
    "Yes, that is exactly how it is done here in the north.": "Ja, so ist es.",  # length ratio
}


def _tree(root):
    lc = root / "usr" / "share" / "games" / "quest" / "locale" / "de" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    write_mo(lc / "quest.mo", CATALOGUE)
    fr = root / "usr" / "share" / "games" / "quest" / "locale" / "fr" / "LC_MESSAGES"
    fr.mkdir(parents=True)
    write_mo(fr / "quest.mo", {"": "", "We must leave this place before nightfall.": "Nous devons partir d'ici."})


def test_pairing_rules_keep_whole_sentences_and_split_where_both_sides_line_up(tmp_path):
    _tree(tmp_path)
    stats = Counter()
    pairs = [(p.de, p.en, p.origin) for p in games.read_games(tmp_path, stats)]
    assert sorted(pairs) == sorted([
        ("Die Brücke ist kaputt.", "The bridge is broken.", "games"),
        ("Kannst du über den Fluss schwimmen?", "Can you swim across the river?", "games"),
        ("Wir müssen diesen Ort vor Einbruch der Nacht verlassen.", "We must leave this place before nightfall.",
         "games"),
        ("Mein Schwert ist weg, ich hatte es doch hier beim Feuer gelassen!",
         "Where is my sword? I left it right here by the fire.", "games"),
    ])
    assert stats["games_markup"] == 2 and stats["games_length_ratio"] == 1
    assert all("Nous" not in de for de, _, _ in pairs)  # only the de catalogues


def test_duplicates_and_long_unsplittable_entries_are_left_out():
    long_en = "This is a very long line of narration that goes on " * 5 + "forever."
    long_de = "Dies ist eine sehr lange Zeile der Erzählung, die weitergeht " * 5 + "immerzu."
    pairs = [Pair("Wir gehen jetzt nach Hause.", "We are going home now.", "gettext")] * 2 + \
            [Pair(long_de, long_en, "gettext")]
    stats = Counter()
    kept = list(games.dialogue_pairs(pairs, stats))
    assert [p.en for p in kept] == ["We are going home now."]
    assert stats["games_duplicate"] == 1 and stats["games_too_long_to_keep_whole"] == 1


def test_corpus_fetch_games_writes_the_dialogue_file(tmp_path, monkeypatch, capsys):
    unpacked = []

    def fake_download(package, debs, root):
        if not unpacked:  # the first package carries the catalogue
            _tree(root)
        unpacked.append(package)
        return "1.0-1"

    monkeypatch.setattr(fetch, "is_debian_family", lambda: True)
    monkeypatch.setattr(fetch, "fetch_ding", lambda dest: {"name": "ding", "version": "x", "path": "D"})
    monkeypatch.setattr(fetch, "fetch_ddtp", lambda dest: {"name": "ddtp", "version": "y", "path": "P"})
    monkeypatch.setattr(fetch, "_download_and_unpack", fake_download)
    assert cli_main(["corpus", "fetch", "--games", "--dest", str(tmp_path)]) == 0
    assert unpacked == [p for g in games.GAMES for p in g.packages]
    assert "wesnoth-1.16-utbs" in unpacked and "supertux-data" in unpacked
    tsv = (tmp_path / "games" / "games-de-en.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 4 and all(line.count("\t") == 1 for line in tsv)
    manifest = json.loads((tmp_path / "fetch-manifest.json").read_text(encoding="utf-8"))
    entry = [s for s in manifest["sources"] if s["name"] == "games"][0]
    assert entry["pairs"] == 4 and "Wesnoth: GPL-2+" in entry["licence"]
    assert "--games %s" % (tmp_path / "games" / "games-de-en.tsv") in capsys.readouterr().out
