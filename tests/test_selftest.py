"""``translator-app --self-test``: translator_app.selftest.run()."""

from __future__ import annotations

import io

from translator_app import selftest


def test_self_test_passes_with_a_model(tiny_bundle):
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run(tiny_bundle, out=out, err=err) == 0, out.getvalue() + err.getvalue()
    text = out.getvalue()
    assert "self-test passed" in text
    assert f"model: {tiny_bundle}" in text
    # the sentence and its (non-empty) translation are printed
    lines = text.splitlines()
    de = next(i for i, line in enumerate(lines) if line.strip() == "de: " + selftest.SENTENCES[("de", "en")])
    assert lines[de + 1].strip().startswith("en: ")
    assert lines[de + 1].strip()[4:].strip()
    assert err.getvalue() == ""


def test_self_test_main_parses_the_flag(tiny_bundle, capsys):
    assert selftest.main(["--self-test", "--model", str(tiny_bundle)]) == 0
    assert "self-test passed" in capsys.readouterr().out


def test_missing_model_fails_with_a_clear_message(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run(tmp_path / "no-such-model", out=out, err=err)
    assert code == selftest.EXIT_NO_MODEL
    message = err.getvalue()
    assert "self-test: error: no usable model" in message
    assert str(tmp_path / "no-such-model") in message
    assert "hint:" in message
    assert "self-test FAILED" in out.getvalue()


def test_missing_default_model_names_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_MODELS_DIR", str(tmp_path / "models"))
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run(out=out, err=err) == selftest.EXIT_NO_MODEL
    assert f"looked in {tmp_path / 'models'}" in err.getvalue()
    assert "TRANSLATOR_MODELS_DIR" in err.getvalue()


def test_broken_bundle_is_reported(tmp_path):
    bundle = tmp_path / "broken"
    bundle.mkdir()
    (bundle / "config.json").write_text("{not json", encoding="utf-8")
    err = io.StringIO()
    assert selftest.run(bundle, out=io.StringIO(), err=err) == selftest.EXIT_NO_MODEL
    assert "corrupt config" in err.getvalue()


def test_cli_routes_self_test(tiny_bundle, capsys):
    """`translator-app --self-test` (active once cli.main routes the flag to selftest)."""
    import inspect

    import pytest

    from translator_app import cli

    if "--self-test" not in inspect.getsource(cli.main):
        pytest.skip("cli.main does not route --self-test yet")
    assert cli.main(["--self-test", "--model", str(tiny_bundle)]) == 0
    assert "self-test passed" in capsys.readouterr().out
