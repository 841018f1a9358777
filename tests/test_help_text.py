"""The one-line help texts for `train` and `evaluate` (translator_app.training.help_text)."""

from __future__ import annotations

import argparse

from translator_app.training import help_text, train_cli


def _train_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="translator-app")
    train_cli.register(parser.add_subparsers(dest="command"))
    return parser


def _options(parser, name):
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]
    return {a.dest: a for a in sub._actions if a.option_strings and a.dest != "help"}


def test_every_train_option_without_help_has_a_text_with_its_default():
    parser = _train_parser()
    texts = help_text.train_help(train_cli.DEFAULTS)
    bare = [d for d, a in _options(parser, "train").items() if not a.help]
    missing = [d for d in bare if d not in texts]
    assert not missing
    for key, text in texts.items():
        assert key in train_cli.DEFAULTS, key
        shown = train_cli.DEFAULTS[key]
        assert "(default" in text or "default " in text, key
        if shown is None:
            assert text.endswith("(default: no limit)"), key
        else:
            assert ("%g" % shown if isinstance(shown, float) else str(shown)) in text, key
    assert texts["vocab_size"].endswith("(default 8000)")
    assert texts["validate_every"].endswith("(default 600)")


def test_every_evaluate_option_without_help_has_a_text():
    bare = [d for d, a in _options(_train_parser(), "evaluate").items() if not a.help]
    assert set(bare) <= set(help_text.EVALUATE_HELP)


def test_texts_survive_argparse_formatting():
    p = argparse.ArgumentParser()
    texts = help_text.train_help(train_cli.DEFAULTS)
    for key, text in texts.items():
        p.add_argument("--" + key.replace("_", "-"), help=text)
    for key, text in help_text.EVALUATE_HELP.items():
        p.add_argument("--e-" + key, default=5, help=text)
    out = p.format_help()  # a stray % would raise here
    assert "(default 5)" in out and "no limit" in out
