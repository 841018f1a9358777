"""The SQLite history store: no Qt needed."""

import json
import sqlite3

import pytest

from translator_app.gui.history import FILE_NAME, HistoryStore

RESULT = {"source_tokens": ["▁Hallo", "</s>"], "target_tokens": ["▁Hello"],
          "attention": [[0.9, 0.1]], "token_probs": [0.8], "alternatives": [{"translation": "Hello", "score": -0.2}]}


def test_add_restore_and_persist(tmp_path):
    store = HistoryStore.in_dir(tmp_path)
    first = store.add("de", "en", "Hallo", "Hello", RESULT, created=100.0)
    store.add("en", "de", "Good night", "Gute Nacht", {}, created=200.0)
    store.close()
    again = HistoryStore.in_dir(tmp_path)
    items = again.all()
    assert [e.source for e in items] == ["Hallo", "Good night"]
    assert items[0].id == first and items[0].result["attention"] == [[0.9, 0.1]]
    assert [e.source for e in again.all(limit=1)] == ["Good night"]
    again.close()


def test_wal_mode(tmp_path):
    store = HistoryStore.in_dir(tmp_path)
    mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"
    store.close()


def test_search_is_case_insensitive_and_escapes_wildcards(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.add("de", "en", "Guten Morgen", "Good morning", {})
    store.add("de", "en", "100% sicher", "100% sure", {})
    store.add("de", "en", "Tschüss", "Bye", {})
    assert [e.source for e in store.search("MORGEN")] == ["Guten Morgen"]
    assert [e.source for e in store.search("%")] == ["100% sicher"]
    assert len(store.search("")) == 3
    assert [e.source for e in store.search("TSCHÜSS")] == ["Tschüss"]  # not ASCII-only folding
    assert [e.source for e in store.search("_")] == [] and len(store.search("", limit=2)) == 2
    store.clear()
    assert store.count() == 0


def test_failed_write_rolls_back(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.add("de", "en", "eins", "one", {})
    with pytest.raises(TypeError):
        store.add("de", "en", "zwei", "two", {"bad": object()})  # not JSON-serialisable
    assert [e.source for e in store.all()] == ["eins"]
    store.add("de", "en", "drei", "three", {})  # the connection is still usable
    assert store.count() == 2


def test_committed_exchange_survives_a_killed_writer(tmp_path):
    """Each exchange is its own transaction: another connection sees it at once."""
    store = HistoryStore(tmp_path / FILE_NAME)
    store.add("de", "en", "Hallo", "Hello", RESULT)
    other = sqlite3.connect(tmp_path / FILE_NAME)
    assert other.execute("SELECT source FROM exchanges").fetchall() == [("Hallo",)]
    other.close()


def test_set_translation_keeps_the_chosen_alternative(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    eid = store.add("de", "en", "Hallo", "Hello", RESULT)
    store.set_translation(eid, "Hi")
    assert store.all()[0].translation == "Hi"


def test_exports_include_attention(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.add("de", "en", "Hallo | Welt", "Hello", RESULT, created=0)
    data = json.loads(store.export_json())
    assert data["exchanges"][0]["result"]["attention"] == [[0.9, 0.1]]
    md = store.export_markdown()
    assert "> Hallo | Welt" in md and "de → en" in md
    assert "| ▁Hallo | </s> |" in md and "| ▁Hello | 0.90 | 0.10 |" in md


def test_damaged_file_is_moved_aside_and_a_new_one_started(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    store = HistoryStore.open_or_recover(tmp_path)
    assert "damaged" in store.notice and store.path != ":memory:"
    store.add("de", "en", "Hallo", "Hello", {})
    assert store.count() == 1
    kept = [p.name for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept and (tmp_path / kept[0]).read_bytes().startswith(b"this is not")


def test_a_locked_history_is_not_called_damaged(tmp_path, monkeypatch):
    """"database is locked" or "read-only" says nothing about the file: it stays where it
    is, and this session keeps its history in memory."""
    store = HistoryStore.open_or_recover(tmp_path)
    store.add("de", "en", "Hallo", "Hello", {})
    store.close()
    real_init = HistoryStore.__init__

    def locked(self, path):
        if str(path) != ":memory:":
            raise sqlite3.OperationalError("database is locked")
        real_init(self, path)

    monkeypatch.setattr(HistoryStore, "__init__", locked)
    again = HistoryStore.open_or_recover(tmp_path)
    assert again.path == ":memory:" and "locked" in again.notice and "damaged" not in again.notice
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    monkeypatch.setattr(HistoryStore, "__init__", real_init)
    assert HistoryStore(tmp_path / FILE_NAME).count() == 1


def test_a_failed_rollback_does_not_hide_the_first_error(tmp_path):
    import sqlite3

    from translator_app.gui.history import _transaction

    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(ValueError, match="the real error"):
        with _transaction(store.db):
            store.db.execute("ROLLBACK")  # as SQLite does on SQLITE_FULL
            raise ValueError("the real error")
    assert isinstance(store.db, sqlite3.Connection)


def test_unusable_directory_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    store = HistoryStore.open_or_recover(blocker)  # a file where the directory should be
    assert store.path == ":memory:" and "not saved" in store.notice
    store.add("de", "en", "Hallo", "Hello", {})
    assert store.count() == 1


def test_healthy_file_opens_without_notice(tmp_path):
    assert HistoryStore.open_or_recover(tmp_path).notice == ""


def test_a_version_1_file_is_migrated_and_keeps_its_rows(tmp_path):
    """A history written before corrections (schema 1, no model_translation column) opens,
    reads as before, and takes a correction."""
    path = tmp_path / FILE_NAME
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE exchanges (id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL,"
                " src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, source TEXT NOT NULL,"
                " translation TEXT NOT NULL, result TEXT NOT NULL)")
    old.execute("INSERT INTO exchanges (created, src_lang, tgt_lang, source, translation, result)"
                " VALUES (100.0, 'de', 'en', 'Hallo', 'Hello', ?)", (json.dumps(RESULT),))
    old.execute("PRAGMA user_version=1")
    old.commit()
    old.close()
    store = HistoryStore.in_dir(tmp_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 2
    [row] = store.all()
    assert (row.source, row.translation, row.model_translation) == ("Hallo", "Hello", "")
    assert row.result["attention"] == [[0.9, 0.1]]
    store.set_correction(row.id, "Hi there", "Hello", dict(RESULT, translation="Hi there"))
    store.close()
    again = HistoryStore.in_dir(tmp_path)  # a second open migrates nothing twice
    [row] = again.all()
    assert (row.translation, row.model_translation, row.result["translation"]) == ("Hi there", "Hello", "Hi there")
    assert [e.source for e in again.search("hello")] == ["Hallo"]  # the machine's answer is searchable
    assert "*Model:* Hello" in again.export_markdown()
    assert json.loads(again.export_json())["exchanges"][0]["model_translation"] == "Hello"
    again.close()
