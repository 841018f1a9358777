"""The translation memory memory_store: add, list, remove, exact lookup with the Ding memory's
normalisation, two connections at once, and a clear error for a file it cannot use."""

from __future__ import annotations

import sqlite3
from datetime import timezone

import pytest

from translator_app.tm.store import Entry, MemoryStore, MemoryStoreError, normalise


def test_add_list_remove(memory_store):
    assert memory_store.entries() == [] and memory_store.count() == 0 and memory_store.last_id() == 0
    a = memory_store.add("Guten Morgen!", "Good morning!", "de", "en")
    b = memory_store.add("Good night", "Gute Nacht", "en", "de")
    assert isinstance(a, Entry) and a.created.tzinfo == timezone.utc
    assert [e.id for e in memory_store.entries()] == [a.id, b.id]
    assert memory_store.entries("en") == [b]
    assert memory_store.count() == 2 and memory_store.last_id() == b.id
    assert memory_store.remove(a.id) is True
    assert memory_store.remove(a.id) is False
    assert memory_store.entries() == [b]
    assert memory_store.last_id() == b.id  # ids are never reused: "new since" stays true
    c = memory_store.add("Hallo", "Hello", "de", "en")
    assert c.id > b.id


def test_exact_ignores_case_spacing_and_end_punctuation_latest_wins(memory_store):
    memory_store.add("Wie geht es dir?", "How are you?", "de", "en")
    assert memory_store.exact("wie  geht es   dir", "de", "en").target == "How are you?"
    assert memory_store.exact("WIE GEHT ES DIR!", "de", "en") is not None
    assert memory_store.exact("Wie geht es dir?", "en", "de") is None       # other direction
    assert memory_store.exact("Wie geht es ihr?", "de", "en") is None
    memory_store.add("wie geht es dir", "How are you doing?", "de", "en")
    assert memory_store.exact("Wie geht es dir?", "de", "en").target == "How are you doing?"
    assert normalise("Straße!") == normalise("strasse")


def test_bad_pairs_are_refused_and_nothing_is_stored(memory_store):
    for pair in [("...", "x", "de", "en"), ("Hallo", "  ", "de", "en"), ("Hallo", "Hello", "de", "fr"),
                 ("Hallo", "Hello", "de", "de")]:
        with pytest.raises(ValueError):
            memory_store.add_many([("Gut", "Good", "de", "en"), pair])
    assert memory_store.count() == 0


def test_a_missing_file_reads_as_empty_and_is_not_created(tmp_path):
    path = tmp_path / "sub" / "memory.sqlite3"
    s = MemoryStore(path)
    assert s.exact("Hallo", "de", "en") is None and s.entries() == [] and s.count() == 0
    assert s.remove(1) is False
    assert not path.exists()
    s.add("Hallo", "Hello", "de", "en")
    assert path.exists()


def test_two_connections_at_once(tmp_path):
    path = tmp_path / "memory.sqlite3"
    gui, cli = MemoryStore(path), MemoryStore(path)
    gui.add("Hallo", "Hello", "de", "en")
    assert cli.exact("hallo", "de", "en").target == "Hello"   # the other one sees it at once
    cli.add("Tschüss", "Bye", "de", "en")
    assert [e.source for e in gui.entries()] == ["Hallo", "Tschüss"]
    # a reader holding a read transaction does not block a writer (WAL)
    reader = sqlite3.connect(str(path))
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM entries").fetchall()
    gui.add("Danke", "Thanks", "de", "en")
    reader.rollback()
    reader.close()
    assert cli.count() == 3
    gui.close()
    cli.close()


def test_a_damaged_file_is_a_clear_error_and_is_kept(tmp_path):
    path = tmp_path / "memory.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    s = MemoryStore(path)
    with pytest.raises(MemoryStoreError) as err:
        s.exact("Hallo", "de", "en")
    assert str(err.value).count("\n") == 0 and str(path) in str(err.value) and "damaged" in str(err.value)
    with pytest.raises(MemoryStoreError):
        s.add("Hallo", "Hello", "de", "en")
    assert path.read_bytes() == before


def test_a_read_only_file_is_a_clear_error(tmp_path):
    import os

    path = tmp_path / "memory.sqlite3"
    MemoryStore(path).add("Hallo", "Hello", "de", "en")
    os.chmod(path, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        s = MemoryStore(path)
        with pytest.raises(MemoryStoreError) as err:
            s.add("Tschüss", "Bye", "de", "en")
        assert str(path) in str(err.value)
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(path, 0o644)
    assert MemoryStore(path).count() == 1


def test_a_newer_format_is_refused(tmp_path):
    path = tmp_path / "memory.sqlite3"
    db = sqlite3.connect(str(path))
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(MemoryStoreError, match="newer"):
        MemoryStore(path).entries()


def test_the_default_path_is_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("TRANSLATOR_DATA_DIR", str(tmp_path))
    assert MemoryStore().path == tmp_path / "memory.sqlite3"


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    s = MemoryStore(tmp_path / "afile" / "memory.sqlite3")
    with pytest.raises(MemoryStoreError) as err:
        s.add("Hallo", "Hello", "de", "en")
    assert "afile" in str(err.value) and "\n" not in str(err.value)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "memory.sqlite3"
    MemoryStore(path).add("Start", "Start", "de", "en")   # the schema exists before the race
    code = ("import sys\nfrom translator_app.tm.store import MemoryStore\ns = MemoryStore(sys.argv[1])\n"
            "for i in range(60):\n    s.add(f'{sys.argv[2]} Satz {i}', f'{sys.argv[2]} sentence {i}', 'de', 'en')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), name]) for name in ("Fenster", "Konsole")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    s = MemoryStore(path)
    assert s.count() == 121 and len({e.id for e in s.entries()}) == 121
    assert s.exact("fenster satz 59", "de", "en").target == "Fenster sentence 59"
