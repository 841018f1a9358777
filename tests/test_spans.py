"""Protected spans are masked before the model and put back exactly; ALL-CAPS is translated
through sentence case."""

import pytest

from translator_app.engine import spans
from translator_app.engine.config import DecodeConfig

CASES = [
    ("Besuchen Sie https://example.org/a_(b)?x=1. Danke.", [("url", "https://example.org/a_(b)?x=1")]),
    ("Mail an max.mustermann@firma.de bitte.", [("email", "max.mustermann@firma.de")]),
    ('printf("Es sind %d Dateien\\n", n); {0} und {name}',
     [("placeholder", "%d"), ("escape", "\\n"), ("placeholder", "{0}"), ("placeholder", "{name}")]),
    ("<p>Hallo <b>Welt</b></p> &amp; &#x20;", [("tag", "<p>"), ("tag", "<b>"), ("tag", "</b>"), ("tag", "</p>"),
                                              ("entity", "&amp;"), ("entity", "&#x20;")]),
    ("Siehe /usr/bin/python3, ~/Dokumente/a.txt, C:\\Users\\x und src/main.py.",
     [("path", "/usr/bin/python3"), ("path", "~/Dokumente/a.txt"), ("path", "C:\\Users\\x"), ("path", "src/main.py")]),
    ("Führe `ls -la | wc` aus. Mit %s und %(name)s und %5.2f.",
     [("code", "`ls -la | wc`"), ("placeholder", "%s"), ("placeholder", "%(name)s"), ("placeholder", "%5.2f")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_spans_are_found_and_masking_round_trips(text, expected):
    masked = spans.mask(text)
    assert [(s.kind, s.text) for s in masked.spans] == expected
    for s in masked.spans:
        assert s.text not in masked.text
    assert spans.unmask(masked.text, masked) == text


@pytest.mark.parametrize("text", ["50% der Leute", "und/oder, km/h, 1/2", "Ein Satz. Noch einer!", "a < b > c",
                                  "Preis: 5 € {", "E-Mail: @home"])
def test_ordinary_text_has_no_spans(text):
    assert spans.mask(text).spans == ()


def test_a_placeholder_already_in_the_text_gets_another_prefix():
    masked = spans.mask("Das Modell X1 hat <b>Turbo</b>.")
    assert masked.prefix != "X" and "X1" in masked.text
    assert spans.unmask(masked.text, masked) == "Das Modell X1 hat <b>Turbo</b>."


def test_each_span_comes_back_exactly_once_and_tags_keep_their_order():
    masked = spans.mask("<p>Hallo <b>Welt</b></p> bei https://a.org")
    # the model swapped the tags, repeated one placeholder and lost the URL
    out = spans.unmask("X3 Hello X2 world X1 X4 X4", masked)
    assert out == "<p>Hello <b>world</b></p> https://a.org"
    for s in masked.spans:
        assert out.count(s.text) == 1


def test_shouting_is_detected_and_sentence_cased():
    assert spans.is_shouting("DIE STRASSE WIRD AUSGEBESSERT.")
    assert not spans.is_shouting("Hello NASA.") and not spans.is_shouting("NASA") and not spans.is_shouting("OK 2")
    masked = spans.mask("BITTE %s LESEN")
    assert spans.sentence_case(masked.text, masked) == "Bitte X1 lesen"


def test_placeholder_pieces_become_one_labelled_token():
    masked = spans.mask("Siehe https://a.org jetzt")
    groups = spans.placeholder_groups(["▁Siehe", "▁X", "1", "▁jetzt"], masked)
    assert groups == [([0], None), ([1, 2], "▁⟨URL⟩"), ([3], None)]


TEXTS = ["Besuchen Sie https://example.org/docs?id=3 für weitere Informationen.",
         "Schreiben Sie an max.mustermann@firma.de oder rufen Sie an.",
         'printf("Es sind %d Dateien\\n", n);',
         "<p>Das ist <b>wichtig</b>.</p>",
         "Die Datei liegt in /usr/share/doc/README.md und {name} ist {0}.",
         "Führen Sie `make install` aus. Dann &amp; danach."]


@pytest.mark.parametrize("text", TEXTS)
def test_the_translator_puts_every_span_back_and_shows_a_placeholder(tiny_translator, text):
    result = tiny_translator.translate(text, "de", "en", cfg=DecodeConfig(beam=3, n_best=2))
    found = [s for seg in result.segments for s in spans.mask(seg.source).spans]
    assert found
    for s in found:
        for alt in [result.translation] + [a.translation for a in result.alternatives]:
            assert alt.count(s.text) == text.count(s.text), (s.text, alt)
    labels = [t for t in result.source_tokens if "⟨" in t]
    assert len(labels) == len(found)
    assert len(result.attention) == len(result.target_tokens) == len(result.token_probs)
    for row in result.attention:
        assert len(row) == len(result.source_tokens) and sum(row) == pytest.approx(1.0, abs=1e-5)
    tags = [s.text for s in found if s.kind == "tag"]
    positions = [result.translation.index(t) for t in tags]
    assert positions == sorted(positions)


def test_only_spans_are_not_sent_to_the_model(tiny_translator):
    result = tiny_translator.translate("https://example.org/x", "de", "en", cfg=DecodeConfig(beam=2))
    assert result.translation == "https://example.org/x"


def test_all_caps_is_translated_in_sentence_case_and_shouted_back(tiny_translator):
    loud = tiny_translator.translate("DIE STRASSE WIRD GERADE AUSGEBESSERT.", "de", "en", cfg=DecodeConfig(beam=2))
    calm = tiny_translator.translate("Die strasse wird gerade ausgebessert.", "de", "en", cfg=DecodeConfig(beam=2))
    assert loud.source_tokens == calm.source_tokens  # the model read the sentence-case text
    assert loud.translation == calm.translation.upper()


def test_a_long_url_is_not_cut_into_chunks(tiny_translator):
    url = "https://example.org/" + "a1b2c3d4e5" * 60   # about 600 pieces on its own
    text = f"Die Datei liegt unter {url} und ist groß."
    assert tiny_translator.chunks(text) == [text]
    assert tiny_translator.translate(text, "de", "en", cfg=DecodeConfig(beam=2)).translation.count(url) == 1


def test_latex_commands_are_not_escapes():
    assert spans.mask("\\alpha und \\beta").spans == ()
    assert [s.text for s in spans.mask("Zeile\\nZwei").spans] == ["\\n"]
