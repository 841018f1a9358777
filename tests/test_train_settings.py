"""TrainSettings: defaults, old train_args.json files, validation once, and the CLI's messages."""

import json

import pytest

from helpers import TINY_CORPUS
from translator_app.cli import _parser, main
from translator_app.training import train_cli
from translator_app.training.settings import RECIPES, TrainSettings, repeats_by_origin, shares_by_origin

# RUN/train_args.json as written by the code before TrainSettings (the /work/runs/everyday run)
EVERYDAY = {
    "vocab_size": 8000, "emb_dim": 256, "enc_hid": 256, "dec_hid": 512, "attn_dim": 256, "dropout": 0.2,
    "max_tokens": 8000, "lr": 0.0006, "warmup": 200, "label_smoothing": 0.1, "oversample_sentences": 3,
    "oversample_technical": 1, "snapshot_every": 300, "seed_faithful": False, "validate_every": 900.0,
    "checkpoint_every": 300.0, "dev_size": 300, "oversample": "ding-sentence=6,tsv=4,ddtp=2",
    "sample_share": "ding-word=0.5", "seed": 1, "bf16": False, "threads": 1, "max_len": 100, "directions": "both",
    "max_steps": None, "max_epochs": None, "init_from": "models/de-en", "backtranslated": False,
    "corpus": "/work/data/corpus"}


def test_fields_are_the_cli_defaults_plus_the_corpus():
    assert train_cli.DEFAULTS == TrainSettings.defaults()
    assert set(TrainSettings().to_dict()) == set(train_cli.DEFAULTS) | {"corpus"}
    assert train_cli.RECIPES is RECIPES
    for recipe in RECIPES.values():
        assert set(recipe) <= set(train_cli.DEFAULTS)
        TrainSettings.from_dict({**train_cli.DEFAULTS, **recipe, "corpus": "c"}).validated()


def test_an_old_train_args_file_round_trips():
    settings = TrainSettings.from_dict(EVERYDAY).validated()
    assert {k: v for k, v in settings.to_dict().items() if k in EVERYDAY} == EVERYDAY
    assert set(settings.to_dict()) - set(EVERYDAY) == {"validate_steps", "patience"}  # added since: defaults
    assert settings.validate_steps == 0 and settings.patience == 0
    assert repeats_by_origin(settings) == {"ding-sentence": 6, "ddtp": 2, "tsv": 4}
    assert shares_by_origin(settings) == {"ding-word": 0.5}


def test_from_dict_fills_keys_added_since_and_ignores_unknown_ones():
    old = {k: v for k, v in EVERYDAY.items() if k not in ("oversample", "sample_share")}
    old["lr_decay"] = "cosine"  # a key this code does not know
    settings = TrainSettings.from_dict(old).validated()
    assert settings.oversample == "" and settings.sample_share == ""
    assert settings.lr == 0.0006 and settings.corpus == "/work/data/corpus"
    assert "lr_decay" not in settings.to_dict()
    assert repeats_by_origin(settings) == {"ding-sentence": 3, "ddtp": 1}


def test_validated_types_the_values():
    s = TrainSettings.from_dict({"emb_dim": 64.0, "dropout": 0, "lr": 1, "max_steps": 5.0}).validated()
    assert (type(s.emb_dim), type(s.dropout), type(s.lr), type(s.max_steps)) == (int, float, float, int)


@pytest.mark.parametrize("changes, flag", [
    ({"dropout": 1.5}, "--dropout"), ({"dropout": 1.0}, "--dropout"), ({"dropout": -0.1}, "--dropout"),
    ({"label_smoothing": 1.0}, "--label-smoothing"), ({"lr": 0.0}, "--lr"), ({"lr": float("nan")}, "--lr"),
    ({"vocab_size": 0}, "--vocab-size"), ({"emb_dim": -8}, "--emb-dim"), ({"max_tokens": 2.5}, "--max-tokens"),
    ({"dev_size": "300"}, "--dev-size"), ({"warmup": -1}, "--warmup"), ({"max_steps": 0}, "--max-steps"),
    ({"validate_every": -1.0}, "--validate-every"), ({"directions": "de-fr"}, "--directions"),
    ({"bf16": "yes"}, "--bf16"), ({"oversample": "ddtp=x"}, "--oversample"), ({"oversample": "ddtp"}, "--oversample"),
    ({"oversample": "ddtp=-2"}, "--oversample"), ({"sample_share": "ding-word=2"}, "--sample-share"),
    ({"sample_share": "ding-word=nan"}, "--sample-share"), ({"sample_share": "=0.5"}, "--sample-share"),
])
def test_validated_names_the_flag_at_fault(changes, flag):
    with pytest.raises(ValueError) as info:
        TrainSettings.from_dict({**EVERYDAY, **changes}).validated()
    assert str(info.value).startswith(flag)


def test_resume_reads_the_run_file_and_the_flags_given_override_it(tmp_path):
    old = {k: v for k, v in EVERYDAY.items() if k != "sample_share"}
    old["unknown"] = 1
    (tmp_path / "train_args.json").write_text(json.dumps(old))
    args = _parser().parse_args(["train", "--out", str(tmp_path), "--resume", "--lr", "0.001", "--max-steps", "9"])
    settings = train_cli._settings(args)
    assert settings.lr == 0.001 and settings.max_steps == 9  # given now
    assert settings.warmup == 200 and settings.corpus == "/work/data/corpus"  # from the file
    assert settings.sample_share == ""  # a key the file lacks: the default
    # without --resume: DEFAULTS, the recipe, then the flags
    args = _parser().parse_args(["train", "--out", str(tmp_path), "--corpus", "c", "--recipe", "de-en",
                                 "--warmup", "7"])
    settings = train_cli._settings(args)
    assert (settings.max_tokens, settings.warmup, settings.corpus) == (8000, 7, "c")


@pytest.mark.parametrize("flags, message", [
    (["--dropout", "1.5"], "error: --dropout must be"),
    (["--sample-share", "ding-word=2"], "between 0 and 1"),
    (["--oversample", "ddtp=x"], "not a number"),
    (["--max-tokens", "0"], "error: --max-tokens must be positive"),
])
def test_cli_refuses_bad_values_with_exit_2_and_writes_nothing(tmp_path, capsys, flags, message):
    out = tmp_path / "run"
    assert main(["train", "--corpus", str(TINY_CORPUS), "--out", str(out), *flags]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_cli_resume_with_a_damaged_run_file_is_an_error_not_a_traceback(tmp_path, capsys):
    (tmp_path / "train_args.json").write_text("{not json")
    assert main(["train", "--out", str(tmp_path), "--resume"]) == 2
    assert "train_args.json is not readable" in capsys.readouterr().err
    (tmp_path / "train_args.json").write_text("[1, 2]")
    assert main(["train", "--out", str(tmp_path), "--resume"]) == 2
    assert "does not hold the run's settings" in capsys.readouterr().err


def test_bf16_is_automatic_unless_a_flag_says_otherwise(tmp_path):
    assert TrainSettings().bf16 is None  # automatic: on only where the CPU has native bf16
    for flags, want in (([], None), (["--bf16"], True), (["--no-bf16"], False)):
        args = _parser().parse_args(["train", "--out", str(tmp_path), "--corpus", "c", *flags])
        assert train_cli._settings(args).bf16 is want
    with pytest.raises(SystemExit):
        _parser().parse_args(["train", "--out", str(tmp_path), "--bf16", "--no-bf16"])
    # a run file written before: false stays false on resume
    assert TrainSettings.from_dict(EVERYDAY).validated().bf16 is False


def test_native_bf16_is_read_from_the_cpu_flags(tmp_path):
    from translator_app.device import cpu_has_bf16

    amx, avx2, none = tmp_path / "amx", tmp_path / "avx2", tmp_path / "none"
    amx.write_text("processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n")
    avx2.write_text("processor\t: 0\nflags\t\t: fpu sse avx2 fma\n")
    assert cpu_has_bf16(str(amx)) and not cpu_has_bf16(str(avx2)) and not cpu_has_bf16(str(none))
