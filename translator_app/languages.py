"""Language codes, model tags and names: the one table the engine, CLI and GUI share."""

from __future__ import annotations

CODES = ("de", "en")
NAMES = {"de": "German", "en": "English"}
TAGS = {code: f"<2{code}>" for code in CODES}   # the target-language tag that starts a source
SPECIAL_TOKENS = frozenset({"<pad>", "<unk>", "<s>", "</s>", *TAGS.values()})


def other(code: str) -> str:
    """The other language of the pair: other("de") == "en"."""
    if code not in CODES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(CODES)}")
    return CODES[1 - CODES.index(code)]


def name(code: str) -> str:
    return NAMES.get(code, code)


def pair(src: str | None, tgt: str | None) -> tuple[str, str]:
    """Fill in a half-given direction (only one of --from/--to); German -> English by default."""
    if src and tgt:
        if src == tgt:
            raise ValueError("the source and target languages must differ")
        return src, tgt
    if src:
        return src, other(src)
    if tgt:
        return other(tgt), tgt
    return "de", "en"
