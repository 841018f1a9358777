"""Repairs for dropped words (engine/repair.py): cutting a chunk at tags, emoji, colons and
brackets gives the whole text back in order, and the Translator takes the repaired
translation only when it drops fewer words."""

import pytest

from translator_app.engine import repair
from translator_app.engine.coverage import Loss
from translator_app.engine.result import Alternative, Segment

CASES = [
    "<p>Hallo <b>Welt</b></p>",
    "Ich liebe dich ❤️ und 🍕 ist lecker 👍🏽",
    "ACHTUNG: DER ZUG FÄHRT AB",
    "Das Auto (ein VW) ist sehr alt.",
    "Siehe https://example.org/a:b für Details: hier",
    "🎉 Fertig!",
    "Nur Text",
]


@pytest.mark.parametrize("text", CASES)
def test_the_pieces_join_back_to_the_text_exactly(text):
    parts = repair.pieces(text)
    assert "".join(t for t, _ in parts) == text
    for t, translate in parts:
        if translate:  # what is translated has no spaces at its edges and no tag or emoji
            assert t == t.strip() and "<" not in t and not repair.has_emoji(t)


def test_the_cuts_are_tags_emoji_colons_and_brackets():
    assert repair.pieces("<p>Hallo <b>Welt</b></p>") == [
        ("<p>", False), ("Hallo", True), (" <b>", False), ("Welt", True), ("</b></p>", False)]
    assert [t for t, tr in repair.pieces("Ich liebe dich ❤️ und 🍕 ist lecker 👍🏽") if tr] == [
        "Ich liebe dich", "und", "ist lecker"]
    assert repair.pieces("ACHTUNG: DER ZUG FÄHRT AB") == [("ACHTUNG", True), (": ", False), ("DER ZUG FÄHRT AB", True)]
    assert [t for t, tr in repair.pieces("Das Auto (ein VW) ist alt.") if tr] == ["Das Auto", "ein VW", "ist alt."]
    # a time, a URL's colon and a text with nothing to cut stay whole
    assert repair.pieces("um 17:30 Uhr") == [("um 17:30 Uhr", True)]
    assert [t for t, tr in repair.pieces("Siehe https://example.org/a:b hier") if tr] == ["Siehe https://example.org/a:b hier"]
    assert not repair.is_cut(repair.pieces("Nur Text"))


def test_a_piece_fits_into_its_sentence():
    assert repair.fit("und", "And.") == "and"
    assert repair.fit("der Zug fährt ab", "The train leaves.") == "the train leaves"
    assert repair.fit("ist alt.", "is old.") == "is old."
    assert repair.fit("ich", "I.") == "I"
    assert repair.fit("Hallo", "Hello") == "Hello"


def _segment(source, translation, n_src, n_tgt, losses=()):
    attention = [[1.0 / n_src] * n_src for _ in range(n_tgt)]
    return Segment(source, translation, [f"▁s{i}" for i in range(n_src - 1)] + ["</s>"],
                   [f"▁t{i}" for i in range(n_tgt)], attention, [0.5] * n_tgt,
                   [Alternative(translation, -1.0)], losses=list(losses))


def test_join_puts_the_translations_between_the_kept_text_with_a_block_diagonal_matrix():
    parts = repair.pieces("<p>Hallo <b>Welt</b></p>")
    decoded = {"Hallo": _segment("Hallo", "Hello", 2, 1), "Welt": _segment("Welt", "world.", 2, 1)}
    seg = repair.join("<p>Hallo <b>Welt</b></p>", parts, decoded, "de")
    assert seg.translation == "<p>Hello <b>world</b></p>"
    assert seg.source == "<p>Hallo <b>Welt</b></p>"
    # the tags are kept: one token each way, copied ("⟨tag⟩" as the heatmap labels them)
    assert seg.source_tokens == ["▁⟨tag⟩", "▁s0", "</s>", "▁⟨tag⟩", "▁s0", "</s>", "▁⟨tag⟩", "▁⟨tag⟩"]
    assert seg.target_tokens == ["▁⟨tag⟩", "▁t0", "▁⟨tag⟩", "▁t0", "▁⟨tag⟩", "▁⟨tag⟩"]
    assert seg.attention[0] == [1.0] + [0.0] * 7 and seg.attention[1] == [0.0, 0.5, 0.5, 0, 0, 0, 0, 0]
    assert seg.attention[3] == [0, 0, 0, 0, 0.5, 0.5, 0, 0] and seg.token_probs[0] == 1.0
    assert all(sum(row) == pytest.approx(1.0) for row in seg.attention)
    assert seg.alternatives[0].translation == seg.translation


def test_best_takes_the_fewest_dropped_words_and_the_first_of_a_tie():
    first = _segment("a", "x", 2, 1, [Loss("dropped", ["a", "b"])])
    fewer = _segment("a", "y", 2, 1, [Loss("dropped", ["a"])])
    same = _segment("a", "z", 2, 1, [Loss("dropped", ["b"])])
    assert repair.best([first, fewer, same]) is fewer
    clean = _segment("a", "x", 2, 1)
    assert repair.best([clean, _segment("a", "y", 2, 1)]) is clean
    assert repair.needs_repair(first) and not repair.needs_repair(clean)


def test_the_translator_repairs_in_pieces_and_keeps_the_text_in_order(tiny_translator, monkeypatch):
    """With every chunk judged in need of repair and the cut form preferred, the tags and
    emoji come back exactly, in their order, around the pieces' translations."""
    monkeypatch.setattr(repair, "needs_repair", lambda seg: True)
    monkeypatch.setattr(repair, "best", lambda candidates: candidates[-1])
    tiny_translator.clear_cache()
    try:
        for text in ("<p>Hallo <b>Welt</b></p>", "Hallo 🎉 Welt 👍", "Achtung: Hallo Welt"):
            out = tiny_translator.translate(text, "de", "en").translation
            kept = [t for t, tr in repair.pieces(text) if not tr]
            pos = 0
            for k in kept:  # every kept piece, in order
                pos = out.index(k, pos) + len(k)
    finally:
        tiny_translator.clear_cache()


def test_without_repair_nothing_is_decoded_again(tiny_translator, monkeypatch):
    calls = []
    monkeypatch.setattr(repair, "pieces", lambda chunk: calls.append(chunk) or [(chunk, True)])
    monkeypatch.setattr(repair, "needs_repair", lambda seg: True)
    tiny_translator.clear_cache()
    tiny_translator.translate("Hallo: Welt", "de", "en", tiny_translator.config.with_(repair=False))
    assert calls == []
    tiny_translator.translate("Hallo: Welt", "de", "en")
    assert calls == ["Hallo: Welt"]
    tiny_translator.clear_cache()
