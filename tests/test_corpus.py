"""Tests for the corpus readers, cleaning pipeline, split and the ``corpus`` CLI (no network)."""

import argparse
import hashlib
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from helpers import write_mo

from translator_app import heldout
from translator_app.dictionary import ding as ding_format
from translator_app.training import corpus, corpus_cli, fetch, readers
from translator_app.training.corpus import Kept

DATA = Path(__file__).parent / "data" / "corpus"
DING = DATA / "ding-sample.txt"
DDTP = DATA / "ddtp"


# ---------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------


def test_ding_reader_pairs_subentries_and_alternatives_positionally():
    stats = Counter()
    pairs = list(readers.read_ding(DING, stats=stats))
    got = {(p.de, p.en) for p in pairs}
    # i-th German sub-entry with i-th English; markup, tags, notes removed
    assert ("Aal", "eel") in got and ("Aale", "eels") in got
    # alternatives paired by position, no cross product
    assert ("Abendessen", "supper") in got and ("Abendbrot", "evening meal") in got
    assert ("Abendessen", "evening meal") not in got
    assert not any(p.de == "Nachtmahl" for p in pairs)  # no English partner at position 3
    assert ("Amtsdauer", "tenure of office") in got
    # angle-bracket keywords, slash abbreviations and parenthesised notes are dropped
    assert ("Ablöse", "key money") in got and ("Abstandszahlung", "premium") in got
    assert ("Abfertigung", "check-in") in got
    for p in pairs:
        for side in (p.de, p.en):
            assert not any(ch in side for ch in "{}[]()<>"), side
            assert side == side.strip() and "  " not in side


def test_ding_reader_skips_comments_templates_and_mismatches():
    stats = Counter()
    pairs = list(readers.read_ding(DING, stats=stats))
    assert not any(p.de.startswith("#") or "Version" in p.de for p in pairs)
    assert not any("…" in p.de for p in pairs)
    assert stats["ding_subentry_mismatch"] == 1  # Abmessung: 3 German vs 2 English sub-entries
    assert not any(p.de.startswith("Abmessung") for p in pairs)
    # placeholders: kept when they line up, dropped when they do not
    assert ("jdn. anrufen", "to call sb.") in {(p.de, p.en) for p in pairs}
    assert not any(p.en == "to litter" for p in pairs)
    assert stats["ding_placeholder_mismatch"] == 1
    # slash variants in word entries are dropped
    assert not any(p.de == "Messung" for p in pairs)
    assert stats["ding_slash_variants"] == 1


def test_ding_origin_tags():
    pairs = {(p.de, p.en): p.origin for p in readers.read_ding(DING)}
    assert pairs[("Der Hund bellt laut im Garten.", "The dog barks loudly in the garden.")] == "ding-sentence"
    assert pairs[("Das Abendessen hat mir geschmeckt.", "I enjoyed the supper.")] == "ding-sentence"
    # ';'-separated sentence alternatives pair positionally
    assert pairs[("Man soll den Tag nicht vor dem Abend loben.",
                  "Don’t count your chickens before they are hatched.")] == "ding-sentence"
    assert pairs[("Hund", "dog")] == "ding-word"
    assert pairs[("Wir schlossen Frieden.", "We made it up.")] == "ding-word"  # 3 German words
    # the origin is the dictionary's own sentence rule
    assert ding_format.is_sentence("Das ist ein Haus.", "This is a house.")
    assert not ding_format.is_sentence("das ist ein Haus.", "This is a house.")
    assert not ding_format.is_sentence("Das ist ein Haus", "This is a house.")


def test_ding_reader_pairs_the_dictionary_parsers_words():
    # one Ding line parser: the reader's alternatives are dictionary.ding's side_words
    lines = [line for line in DING.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#") and ding_format.split_line(line)]
    expected = [(ding_format.side_words(s.de), ding_format.side_words(s.en))
                for line in lines for s in ding_format.split_line(line)]
    assert list(readers.iter_ding_subentries(DING)) == [(d, e) for d, e in expected if d and e]


def test_ding_version_from_header():
    assert "devel 2023-01-30" in readers.ding_version(DING)


def test_ddtp_reader_aligns_by_md5_paragraph_and_sentence():
    stats = Counter()
    pairs = [(p.de, p.en) for p in readers.read_ddtp(DDTP / "Translation-de", DDTP / "Translation-en", stats=stats)]
    assert ("Werkzeug zum Verwalten von Paketen", "tool to manage packages") in pairs
    assert ("Foo ist ein einfaches Werkzeug.", "Foo is a simple tool.") in pairs
    assert ("Es verwaltet Pakete für LibreOffice 7.4 schnell.",
            "It manages packages for LibreOffice 7.4 quickly.") in pairs
    assert ("Unterstützung für viele Formate", "support for many formats") in pairs  # bullet item
    assert ("Er ist klein.", "It is small.") in pairs
    # duplicated md5 (foo-doc) is read once
    assert pairs.count(("Foo ist ein einfaches Werkzeug.", "Foo is a simple tool.")) == 1
    # the paragraph with 1 vs 2 sentences is skipped
    assert not any("Absatz" in d for d, _ in pairs)
    assert stats["ddtp_sentence_count_mismatch"] == 1
    # identifier mismatch (Python 3 vs Python 2) is dropped, matching XML::Parser kept
    assert not any("Python" in d for d, _ in pairs)
    assert stats["ddtp_identifier_mismatch"] == 1
    assert any("XML::Parser" in d for d, _ in pairs)
    # one-word bullet junk skipped; description without English skipped
    assert ("Jabber", "Jabber") not in pairs
    assert stats["ddtp_no_english_description"] == 1


def test_ddtp_version_reads_clear_signed_inrelease():
    assert readers.ddtp_version(DDTP) == "Debian bookworm (Sat, 11 Jul 2026 10:16:37 UTC)"


def test_sentence_splitter_and_identifiers():
    from translator_app.engine.segment import sentences  # the one splitter, as the DDTP reader uses it

    assert sentences("Das ist z. B. gut. Und 500 v. Chr. war es so. Ende") == [
        "Das ist z. B. gut.", "Und 500 v. Chr. war es so.", "Ende"]
    assert sentences("Version 1.2. Next one.") == ["Version 1.2. Next one."]
    assert readers.identifier_tokens("Nutzt LibreOffice, foo_bar und 3D-Grafiken.") == Counter(
        {"LibreOffice": 1, "foo_bar": 1, "3D": 1})
    assert readers.identifier_tokens("Ein ganz normaler Satz.") == Counter()


def test_po_reader():
    stats = Counter()
    pairs = [(p.de, p.en, p.origin) for p in readers.read_po(DATA / "sample.po", stats=stats)]
    assert ("Datei öffnen", "Open File", "gettext") in pairs  # accelerators stripped
    assert ("Speichern", "Save", "gettext") in pairs
    assert ("%s wurde nach %s kopiert", "Copied %s to %s", "gettext") in pairs
    assert ("Das Dokument drucken", "Print the document", "gettext") in pairs  # multi-line strings
    assert ("Eine Datei", "One file", "gettext") in pairs  # plural: msgstr[0]
    assert ("Tom & Jerry", "Tom & Jerry", "gettext") in pairs  # && is a literal &
    assert ("Zuerst my_var setzen", "Set my_var first", "gettext") in pairs  # identifier, not a mnemonic
    englishes = {p[1] for p in pairs}
    assert "Quit" not in englishes and "Untranslated" not in englishes and "Obsolete" not in englishes
    assert not any(p[1] == "" for p in pairs)  # header skipped
    assert stats["gettext_fuzzy"] == 1 and stats["gettext_empty"] == 1
    assert stats["gettext_placeholder_mismatch"] == 1


def test_strip_accelerators():
    assert readers.strip_accelerators("Ö&ffnen") == "Öffnen"
    assert readers.strip_accelerators("_Open") == "Open"
    assert readers.strip_accelerators("Tom & Jerry") == "Tom & Jerry"
    assert readers.strip_accelerators("Set foo_bar_baz") == "Set foo_bar_baz"
    assert readers.strip_accelerators("a_b and c_d") == "a_b and c_d"


def test_mo_reader(tmp_path):
    mo = tmp_path / "x.mo"
    write_mo(mo, {
        "": "Content-Type: text/plain; charset=UTF-8\n",
        "_Edit": "_Bearbeiten",
        "menu\x04Close": "Schließen",
        "%d item\x00%d items": "%d Eintrag\x00%d Einträge",
        "Copy %s": "Kopieren",
    })
    stats = Counter()
    pairs = {(p.de, p.en) for p in readers.read_mo(mo, stats=stats)}
    assert pairs == {("Bearbeiten", "Edit"), ("Schließen", "Close"), ("%d Eintrag", "%d item")}
    assert stats["gettext_placeholder_mismatch"] == 1
    bad = tmp_path / "bad.mo"
    bad.write_bytes(b"not a mo file at all, sorry!!")
    with pytest.raises(ValueError):
        list(readers.read_mo(bad))


def test_tsv_moses_tmx_readers(tmp_path):
    stats = Counter()
    tsv = [(p.de, p.en, p.origin) for p in readers.read_tsv(DATA / "sample.tsv", stats=stats)]
    assert tsv == [("Guten Morgen!", "Good morning!", "tsv"), ("Das ist ein Test.", "This is a test.", "tsv"),
                   ("Wie spät ist es?", "What time is it?", "tsv")]
    assert stats["tsv_no_tab"] == 1
    moses = [(p.de, p.en, p.origin) for p in readers.read_moses(DATA / "sample.de", DATA / "sample.en")]
    assert moses == [("Hallo Welt.", "Hello world.", "moses"), ("Ich bin müde.", "I am tired.", "moses")]
    short = tmp_path / "short.en"
    short.write_text("only one\n", encoding="utf-8")
    with pytest.raises(ValueError):
        list(readers.read_moses(DATA / "sample.de", short))
    tmx = [(p.de, p.en, p.origin) for p in readers.read_tmx(DATA / "sample.tmx")]
    assert tmx == [("Klicken Sie hier, um fortzufahren.", "Click here to continue.", "tmx"),
                   ("Danke & auf Wiedersehen.", "Thank you & goodbye.", "tmx")]


def test_one_tsv_reader_for_corpus_training_and_bench(tmp_path):
    f = tmp_path / "part.tsv"
    f.write_bytes("Guten Tag.\tGood day.\r\n\nnur eine Spalte\n \tleer\nA\tB\tC\n".encode("utf-8") + b"caf\xe9\tx\n")
    # CRLF stripped, blank and one-column lines skipped, an empty side left out, extra columns
    # ignored, bad UTF-8 replaced rather than a traceback
    assert readers.load_tsv(f) == [("Guten Tag.", "Good day."), ("A", "B"), ("caf\ufffd", "x")]


def test_tmx_with_entity_declarations_is_refused():
    with pytest.raises(readers.UnsafeXMLError):
        list(readers.read_tmx(DATA / "evil.tmx"))


# ---------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------


def test_normalisation_rule_is_exact():
    s = "  Ｆｕｓｓ\u00adSTRASSE \t Straße\n"
    expected = " ".join(unicodedata.normalize("NFKC", s).casefold().split())
    assert heldout.normalise_for_hash(s) == expected
    assert heldout.heldout_hash(s) == hashlib.sha256(expected.encode("utf-8")).hexdigest()
    assert heldout.heldout_hash("Hello  World") == hashlib.sha256(b"hello world").hexdigest()


def test_clean_field():
    assert heldout.clean_field("  a\tb\n c\u200b\u0007d  ") == "a b cd"
    assert heldout.clean_field("Cafe\u0301") == "Café" and len(heldout.clean_field("Cafe\u0301")) == 4
    assert heldout.clean_field("a\u00a0\u2028b\x1fc") == "a bc"  # not printable, nothing else dropped
    assert corpus.dedup_key("Hallo, Welt!") == corpus.dedup_key("hallo welt")


def _src(name, pairs, origin="tsv"):
    return corpus.Source(name, "tsv", name, lambda st: (readers.Pair(d, e, origin) for d, e in pairs))


def test_clean_pairs_counts_filters_and_heldout():
    pairs = [
        ("Guten Morgen!", "Good morning!"),
        ("Guten Morgen!", "Good morning!"),          # exact duplicate
        ("guten morgen", "good morning"),            # normalised duplicate
        ("", "empty"),                               # empty
        ("x " * 100, "y " * 100),                    # too long
        ("Ja", "This is clearly not a translation of that"),  # ratio
        ("Geheimer  Satz", "whatever"),               # German side held out
        ("Irgendwas", "SECRET sentence"),            # English side held out
        ("Tschüss\u0000!", "Bye!"),
    ]
    listed = {heldout.heldout_hash("geheimer satz"), heldout.heldout_hash("secret sentence")}
    kept, counts = corpus.clean_pairs([_src("s", pairs)], listed)
    c = counts["s"]
    assert [c[s] for s in corpus.STAGES] == [9, 8, 7, 6, 4, 3, 2]
    assert [(k.de, k.en) for k in kept] == [("Guten Morgen!", "Good morning!"), ("Tschüss!", "Bye!")]


def test_dedup_is_global_across_sources():
    kept, counts = corpus.clean_pairs([_src("a", [("Haus", "house")]), _src("b", [("Haus", "house"), ("Baum", "tree")])], set())
    assert counts["a"]["dedup_normalised"] == 1 and counts["b"]["dedup_normalised"] == 1
    assert [k.source for k in kept] == ["a", "b"]


def test_load_hashes_and_packaged_copy(tmp_path):
    packaged = heldout.default_hash_files()
    assert [p.name for p in packaged] == ["heldout-de-en.sha256", "heldout-external.sha256"]
    assert all(p.is_file() for p in packaged)
    one = heldout.load_hashes(packaged[0])
    hashes = heldout.load_hashes(packaged)
    assert len(one) > 100 and len(hashes) > len(one) and all(len(h) == 64 for h in hashes)
    bad = tmp_path / "bad.sha256"
    bad.write_text("# a comment\n\n" + "A" * 64 + "  upper case is fine\nnothex\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.sha256:4: not a sha256 hex digest: 'nothex'"):
        heldout.load_hashes(bad)


# ---------------------------------------------------------------------------
# Split
# ---------------------------------------------------------------------------


def _synthetic(n=300):
    pairs = []
    for i in range(n):
        pairs.append(Kept("Das ist der Satz Nummer %d." % i, "This is sentence number %d." % i, "ding-sentence", "ding"))
        pairs.append(Kept("Paket %d enthält Dateien für den Server." % i, "Package %d contains files for the server." % i, "ddtp", "ddtp"))
        pairs.append(Kept("Wort%d" % i, "word%d" % i, "ding-word", "ding"))
    # same German sentence with a second translation: must stay in one split
    pairs.append(Kept("Das ist der Satz Nummer 7.", "That is sentence no. 7.", "ding-sentence", "ding"))
    # slash variants never go to dev/test
    pairs.append(Kept("Wir haben das abgemacht/ausgemacht, oder nicht?", "We agreed on that, didn't we?", "ding-sentence", "ding"))
    return pairs


def test_split_is_deterministic_disjoint_and_domain_balanced():
    pairs = _synthetic()
    a = corpus.split_corpus(pairs, seed=1, per_domain=20)
    b = corpus.split_corpus(list(pairs), seed=1, per_domain=20)
    assert [(p.de, p.en) for p in a.test] == [(p.de, p.en) for p in b.test]
    assert len(a.test_parts["everyday"]) >= 20 and len(a.test_parts["technical"]) == 20
    assert len(a.dev_parts["everyday"]) >= 20 and len(a.dev_parts["technical"]) == 20
    assert all(p.origin == "ding-sentence" for p in a.dev_parts["everyday"] + a.test_parts["everyday"])
    assert all(p.origin == "ddtp" for p in a.dev_parts["technical"] + a.test_parts["technical"])
    assert "conversational" not in a.dev_parts  # no TSV pairs, no conversational part
    assert not any("/" in p.de for p in a.dev + a.test)
    train_de = {corpus.dedup_key(p.de) for p in a.train}
    train_en = {corpus.dedup_key(p.en) for p in a.train}
    dev_de = {corpus.dedup_key(p.de) for p in a.dev}
    test_de = {corpus.dedup_key(p.de) for p in a.test}
    assert not (train_de & dev_de) and not (train_de & test_de) and not (dev_de & test_de)
    assert not (train_en & {corpus.dedup_key(p.en) for p in a.dev + a.test})
    assert len(a.train) + len(a.dev) + len(a.test) + a.removed_overlap == len(pairs)
    c = corpus.split_corpus(pairs, seed=2, per_domain=20)
    assert {p.de for p in c.test} != {p.de for p in a.test}


def test_split_is_small_when_data_is_small():
    pairs = _synthetic(30)
    s = corpus.split_corpus(pairs, per_domain=1000)
    assert 0 < len(s.test_parts["technical"]) <= 3 and 0 < len(s.dev_parts["technical"]) <= 3


def test_conversational_part_from_tsv_pairs_unseen_in_ding():
    pairs = _synthetic(50)
    for i in range(200):
        pairs.append(Kept("Wie geht es dir, Anna %d?" % i, "How are you, Anna %d?" % i, "tsv", "tsv:t"))
    # a TSV pair that Ding has too never goes to the conversational dev/test parts
    pairs.append(Kept("Das ist der Satz Nummer 3.", "This is sentence number 3!", "tsv", "tsv:t"))
    s = corpus.split_corpus(pairs, per_domain=15)
    assert len(s.dev_parts["conversational"]) == 15 and len(s.test_parts["conversational"]) == 15
    assert all(p.origin == "tsv" for p in s.dev_parts["conversational"] + s.test_parts["conversational"])
    assert all("Anna" in p.de for p in s.test_parts["conversational"])
    assert [n for n, _ in s.named_parts()] == ["dev-everyday", "dev-technical", "dev-conversational",
                                               "test-everyday", "test-technical", "test-conversational"]


def test_tiny_tsv_only_corpus_still_gets_dev_and_test():
    pairs = [Kept("Satz Nummer %d ist hier." % i, "Sentence number %d is here." % i, "tsv", "tsv:t") for i in range(12)]
    s = corpus.split_corpus(pairs, per_domain=1000)
    assert len(s.dev) == 1 and len(s.test) == 1 and len(s.train) == 10
    assert len(s.train) > len(pairs) * 0.7


def test_length_histogram():
    h = corpus.length_histogram(["a" * 5, "a" * 10, "a" * 11, "a" * 300])
    assert h["0-10"] == 2 and h["11-20"] == 1 and h[">250"] == 1


# ---------------------------------------------------------------------------
# Build + CLI
# ---------------------------------------------------------------------------


def _parser():
    parser = argparse.ArgumentParser(prog="translator-app")
    sub = parser.add_subparsers(dest="command")
    corpus_cli.register(sub)
    return parser


def _run(argv):
    args = _parser().parse_args(argv)
    return args.func(args)


def _read_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_cli_build_writes_all_outputs(tmp_path, capsys):
    out = tmp_path / "corpus"
    hashes = tmp_path / "h.sha256"
    hashes.write_text(heldout.heldout_hash("Er ist klein.") + "\n", encoding="utf-8")
    rc = _run(["corpus", "build", "--ding", str(DING), "--ddtp-dir", str(DDTP),
               "--po", str(DATA / "sample.po"), "--tsv", str(DATA / "sample.tsv"),
               "--moses", str(DATA / "sample.de"), str(DATA / "sample.en"),
               "--tmx", str(DATA / "sample.tmx"), "--exclude-hashes", str(hashes),
               "--no-progress", "--out", str(out)])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "dedup_normalised" in printed and "ding" in printed and "histogram" in printed
    for name in ("train", "dev", "test", "dev-everyday", "dev-technical", "test-everyday", "test-technical",
                 "dev-conversational", "test-conversational"):
        assert (out / (name + ".tsv")).is_file()
    all_de = set()
    for name in ("train", "dev", "test"):
        tsv = _read_lines(out / (name + ".tsv"))
        origin = _read_lines(out / (name + ".origin"))
        assert len(tsv) == len(origin)
        for line in tsv:
            assert line.count("\t") == 1
            all_de.add(line.split("\t")[0])
        assert set(origin) <= {"ding-sentence", "ding-word", "ddtp", "gettext", "tsv", "moses", "tmx"}
    assert "Er ist klein." not in all_de  # held out
    assert "Hallo Welt." in all_de and "Datei öffnen" in all_de and "Danke & auf Wiedersehen." in all_de
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    names = [s["name"] for s in m["sources"]]
    assert names[:2] == ["ding", "ddtp"] and "gettext:sample.po" in names and "tmx:sample.tmx" in names
    ding = m["sources"][0]
    assert ding["licence"].startswith("GPL-2+") and ding["pairs"]["read"] > ding["pairs"]["dedup_normalised"] > 0
    assert m["heldout"]["hash_files"][0]["sha256"] == hashlib.sha256(hashes.read_bytes()).hexdigest()
    assert "NFKC" in m["heldout"]["normalisation"]
    assert m["split"]["sizes"]["train"] == len(_read_lines(out / "train.tsv"))
    assert not list(tmp_path.glob(".corpus.tmp-*"))


def test_packaged_default_excludes_a_pair_listed_only_in_the_external_list(tmp_path):
    # the real lists name sentences we may not put in the repository: stand-in lists of the
    # same names, the made-up sentence listed only in the external one
    ext = tmp_path / "data" / "heldout-external.sha256"
    ext.parent.mkdir()
    ext.write_text(heldout.heldout_hash("Ein ausgedachter Satz steht hier.") + "\n", encoding="utf-8")
    own = tmp_path / "data" / "heldout-de-en.sha256"
    own.write_text("", encoding="utf-8")
    tsv = tmp_path / "in.tsv"
    tsv.write_text("Ein ausgedachter Satz steht hier.\tA made-up sentence is here.\nHallo.\tHello.\n", encoding="utf-8")
    import unittest.mock as mock

    with mock.patch.object(heldout, "default_hash_files", lambda: [own, ext]):
        assert _run(["corpus", "build", "--tsv", str(tsv), "--no-progress", "--out", str(tmp_path / "c")]) == 0
    kept = (tmp_path / "c" / "train.tsv").read_text(encoding="utf-8") + (tmp_path / "c" / "dev.tsv").read_text(
        encoding="utf-8") + (tmp_path / "c" / "test.tsv").read_text(encoding="utf-8")
    assert "Hallo." in kept and "ausgedachter" not in kept
    m = json.loads((tmp_path / "c" / "manifest.json").read_text(encoding="utf-8"))
    assert [h["path"] for h in m["heldout"]["hash_files"]] == [str(own), str(ext)]


def test_exclude_hashes_takes_several_files(tmp_path):
    a, b = tmp_path / "a.sha256", tmp_path / "b.sha256"
    a.write_text(heldout.heldout_hash("Erster Satz hier.") + "\n", encoding="utf-8")
    b.write_text(heldout.heldout_hash("Second sentence here.") + "\n", encoding="utf-8")
    tsv = tmp_path / "in.tsv"
    tsv.write_text("Erster Satz hier.\tFirst sentence here.\nZweiter Satz hier.\tSecond sentence here.\n"
                   "Dritter Satz.\tThird sentence.\n", encoding="utf-8")
    assert _run(["corpus", "build", "--tsv", str(tsv), "--exclude-hashes", str(a), str(b), "--no-progress",
                 "--out", str(tmp_path / "c")]) == 0
    train = (tmp_path / "c" / "train.tsv").read_text(encoding="utf-8")
    assert "Dritter" in train and "Erster" not in train and "Zweiter" not in train


def test_cli_build_replaces_existing_output(tmp_path):
    out = tmp_path / "c"
    out.mkdir()
    (out / "stale.txt").write_text("old", encoding="utf-8")
    assert _run(["corpus", "build", "--tsv", str(DATA / "sample.tsv"), "--no-progress", "--out", str(out)]) == 0
    assert not (out / "stale.txt").exists() and (out / "train.tsv").is_file()


def test_cli_usage_errors(tmp_path, capsys):
    assert _run(["corpus", "build", "--out", str(tmp_path / "o")]) == 2
    assert "no input" in capsys.readouterr().err
    assert _run(["corpus", "build", "--ding", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "not found" in capsys.readouterr().err
    assert _run(["corpus", "build", "--tsv", str(DATA / "sample.tsv"), "--exclude-hashes",
                 str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert _run(["corpus"]) == 2
    with pytest.raises(SystemExit) as e:
        _run(["corpus", "build"])  # --out is required
    assert e.value.code == 2
    assert not (tmp_path / "o").exists()


def test_cli_fetch_elsewhere_prints_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(fetch, "is_debian_family", lambda: False)
    assert _run(["corpus", "fetch", "--dest", str(tmp_path)]) == 2
    assert "--ding" in capsys.readouterr().err


def test_fetch_default_is_the_apps_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(tmp_path / "cache"))
    assert fetch.default_cache_dir() == tmp_path / "cache"


def test_no_torch_or_qt_imports():
    import translator_app.training.corpus_cli as c
    import translator_app.training.dictionary_baseline as d
    from translator_app.training import cleaning, report, sources, split

    files = [Path(m.__file__) for m in (c, corpus, d, cleaning, report, sources, split)]
    files += sorted(Path(readers.__file__).parent.glob("*.py"))
    assert len(files) >= 13
    for f in files:
        src = f.read_text(encoding="utf-8")
        assert "import torch" not in src and "PySide6" not in src, f


def test_tsv_only_corpus_gets_dev_and_test_parts(tmp_path):
    """A user's own data (TSV only, 600 pairs) gets dev and test pairs, disjoint from train."""
    words = ["Hund", "Katze", "Haus", "Baum", "Auto", "Buch"]
    rows = ["Der %s Nummer %d steht heute hier.\tThe %s number %d is here today." % (
        words[i % 6], i, words[i % 6].lower(), i) for i in range(600)]
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "corpus"
    assert _run(["corpus", "build", "--tsv", str(tsv), "--out", str(out), "--no-progress"]) == 0
    train, dev, test = (set(_read_lines(out / f)) for f in ("train.tsv", "dev.tsv", "test.tsv"))
    assert len(dev) == len(test) == 60  # 10% of the candidates each
    assert len(train) == 480 and not (train & dev) and not (train & test) and not (dev & test)
    assert set(_read_lines(out / "dev-conversational.tsv")) == dev
    assert set(_read_lines(out / "test-conversational.tsv")) == test
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["split"]["sizes"]["dev-conversational"] == 60


def test_games_file_is_its_own_origin_and_only_trains(tmp_path):
    """--games pairs are origin 'games': in train.origin, never in a dev or test part."""
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("\n".join("Der Hund Nummer %d schläft hier.\tThe dog number %d sleeps here." % (i, i)
                             for i in range(200)) + "\n", encoding="utf-8")
    games = tmp_path / "games.tsv"
    games.write_text("\n".join("Der Ork Nummer %d greift Euch an.\tThe orc number %d attacks you." % (i, i)
                               for i in range(50)) + "\n", encoding="utf-8")
    out = tmp_path / "corpus"
    assert _run(["corpus", "build", "--tsv", str(tsv), "--games", str(games), "--out", str(out),
                 "--no-progress"]) == 0
    origins = Counter(_read_lines(out / "train.origin"))
    assert origins["games"] == 50
    held = set(_read_lines(out / "dev.tsv")) | set(_read_lines(out / "test.tsv"))
    assert held and not any("Ork" in line for line in held)
    assert "games:games.tsv" in (out / "report.txt").read_text(encoding="utf-8")


def test_a_messy_tsv_is_read_and_every_skip_is_counted_and_said(tmp_path, capsys):
    tsv = tmp_path / "messy.tsv"
    tsv.write_text("German\tEnglish\n"
                   "Der Hund schläft jetzt.\tThe dog is sleeping now.\tcomment\n"
                   "no tab on this line\n"
                   + "".join("Das Haus Nummer %d ist rot.\tHouse number %d is red.\n" % (i, i) for i in range(30)),
                   encoding="utf-8")
    stats = Counter()
    pairs = [(p.de, p.en) for p in readers.read_tsv(tsv, stats=stats)]
    assert ("German", "English") not in pairs and ("Der Hund schläft jetzt.", "The dog is sleeping now.") in pairs
    assert (stats["tsv_header_skipped"], stats["tsv_no_tab"], stats["tsv_extra_columns"]) == (1, 1, 1)
    assert len(pairs) == 31
    assert _run(["corpus", "build", "--tsv", str(tsv), "--no-progress", "--out", str(tmp_path / "c")]) == 0
    err = capsys.readouterr().err
    assert "header line skipped 1" in err and "lines without a tab skipped 1" in err and "more than two columns" in err
    assert "tsv_header_skipped" in (tmp_path / "c" / "report.txt").read_text(encoding="utf-8")


def test_header_detection_keeps_real_pairs():
    assert readers.tabular.looks_like_header(["de", "en"]) and readers.tabular.looks_like_header(["2", "1"])
    assert readers.tabular.looks_like_header(["Deutsch", "Englisch"])
    assert not readers.tabular.looks_like_header(["Geh.", "Go."])
    assert not readers.tabular.looks_like_header(["Text", "Hello there."])
