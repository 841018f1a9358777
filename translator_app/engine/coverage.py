"""Lost and repeated words, judged from the attention the engine already computes: the one
rule behind the CLI's stderr warning, the ``warnings`` key of ``translate --json`` and the
GUI's marks (the source bubble, the heatmap's flagged rows and columns, the panel's list).
No torch, no Qt.

Word level, as the heatmap merges it: a source word's column is the SUM over its pieces, a
target word's row the AVERAGE over its pieces, so each row still sums to 1.

*Dropped* (``untranslated``): a content word of the source (not a function word, a
placeholder of a protected span or punctuation) that no output word attends to: it is no
output word's strongest attention, and all of them together gave it less than
DROPPED_BELOW. A word that is in the output as written (a copied name or number) is never
dropped.

The attention of a small model is a loose alignment: it can rest on a word that nothing in
the output translates ("Das Update ist jetzt verfügbar." -> "It's available now." had its
most attention on "Update"). So the Translator also asks the model (forced.leave_one_out):
a content word without which the translation is not less likely, by less than
LEFT_OUT_BELOW in log-probability, was dropped too (``left_out`` of find_losses).

A word can also be attended only by an *echo*: an output word that the output says again
for another source word, which it attends more ("Der Zug fährt ab" -> "to train the train":
the first "train" rests on "fährt", the second, surer one on "Zug"). Such a word counts as
dropped too (``echoed``): its only rendering is another word's translation.

A translation that is its source word for word (``is_copy``: the model copied it all, as it
does with "<b>Hallo</b> 🍕 ACHTUNG: ZUG") translated none of it: with two or more content
words, each of them counts as dropped, though the output has it as written.

A lower-case word that the model could read only letter by letter (``spelled``: three or
more pieces of one or two letters, as SentencePiece cuts "(sehr" glued to its bracket) and
that the output has as written was copied, not translated ("(sehr müde)" -> "(sehr
mtired)"): it counts as dropped though the output has it. Names and identifiers are not
lower-case words, and a word the vocabulary knows is not spelled.

A word can be attended and still lost to a wrong guess ("Achtung" -> "eight", "Update" ->
"port"): the output word that attends it most had a probability under UNSURE_BELOW and
fewer than half of the beam's other hypotheses say it (``guessed``); it counts as dropped too.

*Repeated* (``loop``): an output word, or a run of up to three, said twice in a row where
the source says nothing twice in a row ("time time" for "Zeit"); or one output word said
again and again while attending one source word that got more than LOOP_COVERAGE_ABOVE of
attention in total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..languages import SPECIAL_TOKENS
from .copying import WORD_START, group_words, is_emoji_char, strip_edges

DROPPED_BELOW = 0.5        # total attention of a source word no output word mostly attends
UNTRANSLATED_BELOW = DROPPED_BELOW  # the GUI's older name
LOOP_COVERAGE_ABOVE = 1.8  # a source word attended by roughly two words' worth of output
LOOP_MIN_REPEATS = 2
LEFT_OUT_BELOW = 2.5       # log P(translation) lost by leaving a word out of the source
UNSURE_BELOW = 0.1         # an output word this unlikely, that no other hypothesis says, is a guess
BARELY_ABOVE = 0.05        # ... and one this unlikely is, whatever the other hypotheses say
DICTIONARY_UNSURE = 0.2    # ... and so is one this unlikely where the dictionary's translations are missing
MAX_TANDEM = 3             # "the train the train": runs of up to this many words said twice

_BYTE = re.compile(r"^<0x([0-9A-Fa-f]{2})>$")
_PUNCT = "\"'„“”‚‘’«»()[]{}<>,;:!?.-"

# Words a translation may leave out or merge without losing anything: articles, pronouns,
# auxiliaries, prepositions, conjunctions, particles. Negations are content ("nicht").
FUNCTION_WORDS = {
    "de": frozenset("""
        der die das den dem des ein eine einen einem einer eines kein
        ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen man
        mein meine meinen meinem meiner dein deine deinen deinem sein seine seinen seinem
        ihre ihren ihrem ihrer seiner meiner deiner unser unsere unserer euer eure eurer
        dieser diese dieses diesen diesem jener
        da dabei dafür dagegen daher damit danach daran darauf daraus darin darüber dazu
        und oder aber denn sondern doch dass daß wenn als wie ob weil da so auch noch schon
        nur mal ja eben halt wohl gern gerne dann
        zu zur zum am im in ins an ans auf aus bei beim mit nach von vom vor für über unter
        um bis durch gegen ohne seit
        ist sind war waren bin bist seid sei wäre hat habe hast haben hatte hatten habt
        wird werden wurde wurden werde wirst kann können konnte soll sollen muss müssen
        will wollen darf mag möchte möchten ab los uhr
    """.split()),
    "en": frozenset("""
        the a an some any this that these those
        i you he she it we they me him her us them my your his its our their mine yours
        one myself yourself itself
        and or but so if as than then that because while when
        to of in on at by for with from into onto about up down out over off
        is are was were be been being am have has had do does did will would can could
        shall should may might must let please just also too very there here 's 're 've 'll 'd
    """.split()),
}


def piece_text(pieces: list[str]) -> str:
    """The text a run of pieces spells: ▁ as a space, byte-fallback runs decoded as UTF-8."""
    if len(pieces) == 1 and pieces[0] in SPECIAL_TOKENS:
        return pieces[0]
    out, pending = [], bytearray()
    for piece in pieces:
        m = _BYTE.match(piece)
        if m:
            pending.append(int(m.group(1), 16))
            continue
        if pending:
            out.append(pending.decode("utf-8", errors="replace"))
            pending = bytearray()
        out.append(piece.replace(WORD_START, " "))
    if pending:
        out.append(pending.decode("utf-8", errors="replace"))
    return "".join(out).strip()


def word_weights(src_groups: list[list[int]], tgt_groups: list[list[int]],
                 attention: list[list[float]]) -> list[list[float]]:
    """The word-level matrix [target words][source words] of a piece-level one: sum over a
    source word's pieces, average over a target word's pieces."""
    return [[sum(attention[t][s] for t in tg for s in sg) / len(tg) for sg in src_groups]
            for tg in tgt_groups]


@dataclass
class Coverage:
    coverage: list[float]             # per source label: the attention it received in total
    untranslated: list[int]           # source labels dropped (the rule above)
    loop_sources: list[int]           # source labels said again and again
    loop_targets: list[int]           # target labels that repeat

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.untranslated:
            out.append("untranslated")
        if self.loop_targets:
            out.append("loop")
        return out


def in_text(word: str, text: str) -> bool:
    """Whether ``word`` is in ``text`` as a whole word, in any letter case ("Hinweis" is in
    "HINWEIS: ...", "17:30" is not in "17:3000")."""
    return bool(word) and re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE) is not None


def _core(label: str) -> str:
    return strip_edges(label).lower()


def _is_wordlike(label: str) -> bool:
    """Punctuation and lone markers may legitimately get no attention."""
    return any(ch.isalnum() for ch in label)


def is_content(labels: list[str], i: int, src_lang: str | None) -> bool:
    """Whether source label ``i`` is a word a translation must not lose."""
    label = labels[i]
    core = _core(label)
    if label in SPECIAL_TOKENS or label.startswith("⟨") or not _is_wordlike(core) or len(core) < 2 and not core.isdigit():
        return False
    langs = [src_lang] if src_lang in FUNCTION_WORDS else list(FUNCTION_WORDS)
    if any(core in FUNCTION_WORDS[lang] for lang in langs):
        return False
    return True


def analyse(source: list[str], target: list[str], weights: list[list[float]],
            translation: str | None = None, src_lang: str | None = None) -> Coverage:
    """The rule of this module on a word-level matrix: ``source`` and ``target`` are its
    labels, ``weights`` [target][source]. ``translation``: the text shown (after the
    post-editing), whose words are never dropped; ``src_lang`` picks the function words."""
    n_tgt, n_src = len(target), len(source)
    coverage = [sum(weights[t][s] for t in range(n_tgt)) for s in range(n_src)]
    peaks = {max(range(n_src), key=lambda s: weights[t][s]) for t in range(n_tgt)} if n_src else set()
    # A short source's attention rests mostly on its end marker ("Haus" -> "house": 0.76 on
    # </s>); a content output word's strongest attention among the words then counts.
    words = [s for s in range(n_src) if source[s] not in SPECIAL_TOKENS]
    for t in range(n_tgt):
        if words and source[max(range(n_src), key=lambda s: weights[t][s])] in SPECIAL_TOKENS \
                and _content_target(target[t]) is not None:
            peaks.add(max(words, key=lambda s: weights[t][s]))
    untranslated = []
    for s in range(n_src):
        if not is_content(source, s, src_lang) or (n_tgt and (s in peaks or coverage[s] >= DROPPED_BELOW)):
            continue
        if translation is not None and in_text(strip_edges(source[s]), translation):
            continue
        untranslated.append(s)
    for s in echoed(source, target, weights):
        if is_content(source, s, src_lang) and not (translation is not None and in_text(strip_edges(source[s]), translation)):
            untranslated.append(s)
    untranslated = sorted(set(untranslated))
    loop_sources, loop_targets = _repeats(source, target, weights, coverage)
    if translation is not None:  # post-editing may have replaced one of them
        text = translation.lower()
        loop_targets = {t for t in loop_targets if len(re.findall(r"(?<!\w)" + re.escape(_core(target[t])) + r"(?!\w)", text)) >= 2}
        loop_sources = loop_sources if loop_targets else set()
    return Coverage(coverage, untranslated, sorted(loop_sources), sorted(loop_targets))


def _content_target(label: str) -> str | None:
    """An output word's lower-case core, or None for punctuation, markers and function words."""
    core = _core(label)
    if label in SPECIAL_TOKENS or label.startswith("⟨") or not any(c.isalpha() for c in core) \
            or any(core in f for f in FUNCTION_WORDS.values()):
        return None
    return core


def echoed(source: list[str], target: list[str], weights: list[list[float]]) -> list[int]:
    """Source labels whose every attending output word (each output word whose strongest
    attention is on it) is an echo: a content word the output says again where it attends
    another source word, a different word, more strongly ("fährt" in "to train the train").
    ``weights`` [target][source] at word level, as ``analyse`` takes them."""
    n_src = len(source)
    if not n_src:
        return []
    peaks = [max(range(n_src), key=lambda s: row[s]) for row in weights]
    words = [_content_target(t) for t in target]
    owner: dict[str, int] = {}  # output word -> the target row where it is surest of its source
    for t, w in enumerate(words):
        if w is not None and (w not in owner or weights[t][peaks[t]] > weights[owner[w]][peaks[owner[w]]]):
            owner[w] = t
    out = []
    for s in range(n_src):
        rows = [t for t in range(len(target)) if peaks[t] == s]
        if rows and all(words[t] is not None and owner[words[t]] != t
                        and _core(source[peaks[owner[words[t]]]]) != _core(source[s]) for t in rows):
            out.append(s)
    return out


def _repeats(source, target, weights, coverage) -> tuple[set[int], set[int]]:
    n_tgt, n_src = len(target), len(source)
    words = [_core(t) if any(c.isalpha() for c in t) and t not in SPECIAL_TOKENS else None for t in target]
    src_words = [_core(s) for s in source]
    sources: set[int] = set()
    targets: set[int] = set()
    real = range(n_src - 1 if source and source[-1] in SPECIAL_TOKENS else n_src)  # not </s>
    for n in range(1, MAX_TANDEM + 1):
        if any(src_words[i:i + n] == src_words[i + n:i + 2 * n] for i in range(len(src_words) - 2 * n + 1)):
            continue  # "sehr sehr": the source repeats itself too
        for t in range(n_tgt - 2 * n + 1):
            run = words[t:t + n]
            if None not in run and run == words[t + n:t + 2 * n]:
                targets.update(range(t, t + 2 * n))
                if real:
                    sources.update(max(real, key=lambda s: weights[r][s]) for r in range(t + n, t + 2 * n))
    peaks = [max(range(n_src), key=lambda s: weights[t][s]) if n_src else -1 for t in range(n_tgt)]
    for s in range(n_src):
        if coverage[s] <= LOOP_COVERAGE_ABOVE or source[s] in SPECIAL_TOKENS:
            continue
        by_word: dict[str, list[int]] = {}
        if not is_content(source, s, None):
            continue  # "es" attended by "it ... it": a function word said twice is no loop
        for t in range(n_tgt):
            if peaks[t] == s and words[t] is not None and not any(words[t] in f for f in FUNCTION_WORDS.values()):
                by_word.setdefault(words[t], []).append(t)
        repeated = [ts for w, ts in by_word.items() if len(ts) >= LOOP_MIN_REPEATS and src_words.count(w) < len(ts)]
        if repeated:
            sources.add(s)
            for ts in repeated:
                targets.update(ts)
    return sources, targets


def guessed(source_tokens: list[str], target_tokens: list[str], attention: list[list[float]],
            probs: list[float], others: list[str], translation: str, src_lang: str | None,
            unrendered=None) -> tuple[str, ...]:
    """Source words (labels, as ``left_out`` of find_losses takes them) lost to a guess: the
    output word that attends one most is unlikely (its weakest piece under UNSURE_BELOW),
    not a function word, and in fewer than half of ``others`` (the beam's other hypotheses;
    with none, nothing counts); or it is very unlikely (under BARELY_ABOVE), whatever the
    beam says ("Hinweis:" -> "Furry:" at 3 %, in three of the four other hypotheses too).
    ``unrendered(label)``: whether the dictionary translates the source word and the output
    has none of its translations (copied.py); then an output word under DICTIONARY_UNSURE,
    a function word too, is a guess ("1. Brot" -> "1. But" at 14 %). tokens and attention
    [target pieces][source pieces] as a Segment's."""
    if not source_tokens or not others and unrendered is None:
        return ()
    src_groups, tgt_groups = group_words(source_tokens), group_words(target_tokens)
    source = [piece_text([source_tokens[i] for i in g]) for g in src_groups]
    weights = word_weights(src_groups, tgt_groups, attention)
    out = []
    for t, group in enumerate(tgt_groups):
        word = _core(piece_text([target_tokens[i] for i in group]))
        if not _is_wordlike(word) or not source:
            continue
        p = min((probs[i] for i in group if i < len(probs)), default=1.0)
        s = max(range(len(source)), key=lambda k: weights[t][k])
        if not is_content(source, s, src_lang) or in_text(strip_edges(source[s]), translation):
            continue
        by_beam = (p < UNSURE_BELOW and others and not any(word in f for f in FUNCTION_WORDS.values())
                   and (2 * sum(in_text(word, o) for o in others) < len(others) or p < BARELY_ABOVE))
        if by_beam or (unrendered is not None and p < DICTIONARY_UNSURE and unrendered(source[s])):
            out.append(source[s])
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Loss:
    """A warning about one translated chunk: ``kind`` "dropped" (these source words were
    not translated) or "repeated" (the output says these source words' translation again)."""

    kind: str
    source_words: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"kind": self.kind, "source_words": list(self.source_words)}


def find_losses(source_tokens: list[str], target_tokens: list[str], attention: list[list[float]],
                source_text: str, translation: str, src_lang: str | None,
                left_out: tuple[str, ...] = (), copied: tuple[str, ...] = ()) -> list[Loss]:
    """The losses of one translated chunk from its piece-level tokens and attention
    [target pieces][source pieces] (as a Segment holds them). ``left_out``: source words
    (as the model read them) that the model check found the translation does not need;
    they count as dropped unless the translation has them as written. ``copied``: words the
    translation has as written though the dictionary translates them (copied.py); they count
    as dropped. The words are named
    as the input wrote them (an ALL-CAPS input's "ZUG", not the model's "Zug")."""
    if not source_tokens:
        return []
    src_groups, tgt_groups = group_words(source_tokens), group_words(target_tokens)
    source = [piece_text([source_tokens[i] for i in g]) for g in src_groups]
    target = [piece_text([target_tokens[i] for i in g]) for g in tgt_groups]
    cov = analyse(source, target, word_weights(src_groups, tgt_groups, attention), translation, src_lang)
    checked = {_core(w) for w in left_out if not in_text(strip_edges(w), translation)}
    checked |= {_core(w) for w in copied}
    dropped = set(cov.untranslated) | {s for s, label in enumerate(source) if _core(label) in checked}
    dropped |= {s for s, g in enumerate(src_groups)
                if is_content(source, s, src_lang) and spelled([source_tokens[i] for i in g])
                and strip_edges(source[s]).islower() and in_text(strip_edges(source[s]), translation)}
    if is_copy(source_text, translation):
        content = [s for s in range(len(source)) if is_content(source, s, src_lang) and any(c.isalpha() for c in source[s])]
        if len(content) >= 2:
            dropped |= set(content)
    dropped = sorted(dropped)
    out = []
    for kind, labels in (("dropped", dropped), ("repeated", cov.loop_sources)):
        words = []
        for s in labels:
            word = as_written(source[s], source_text)
            if word and word not in words:
                words.append(word)
        if words:
            out.append(Loss(kind, words))
    return out


def spelled(pieces: list[str]) -> bool:
    """Whether a word's pieces spell it letter by letter: three or more pieces with letters,
    none of more than two ("▁(", "s", "e", "hr" for "(sehr"), so the model read no word it knew."""
    letters = [p.replace(WORD_START, "").strip(_PUNCT) for p in pieces]
    letters = [p for p in letters if p]
    return len(letters) >= 3 and all(len(p) <= 2 and p.isalpha() for p in letters)


def is_copy(source_text: str, translation: str) -> bool:
    """Whether the translation is the source word for word (up to spacing and the
    punctuation at word edges): nothing in it was translated."""
    def words(text: str) -> list[str]:  # emoji aside: the engine may put them back elsewhere
        return [w for w in (strip_edges("".join(c for c in w if not is_emoji_char(c))) for w in text.split()) if w]
    return bool(words(source_text)) and words(source_text) == words(translation)


def as_written(label: str, text: str) -> str:
    """A source label as the input wrote it, edge punctuation stripped: the first word of
    ``text`` that is the label up to letter case; the label itself if none is."""
    core = strip_edges(label)
    for word in text.split():
        if strip_edges(word).lower() == core.lower():
            return strip_edges(word)
    return core


def placeholders_lost(source_tokens: list[str], target_tokens: list[str]) -> int:
    """How many placeholders of protected spans (labelled "⟨tag⟩" etc. by assemble) the
    model did not write: spans.unmask puts them back, but a model that lost them had lost
    its way in the sentence (a repair is tried, repair.py)."""
    def count(tokens):
        return sum(t.lstrip(WORD_START).startswith("⟨") for t in tokens)
    return max(0, count(source_tokens) - count(target_tokens))


def dropped_words(losses: list[Loss]) -> int:
    """How many source words these losses say were dropped (the repairs compare this)."""
    return sum(len(l.source_words) for l in losses if l.kind == "dropped")


def describe(losses: list[Loss]) -> str:
    """One line for a person: "not translated: Dezember, Uhr; repeated: Zeit"."""
    parts = []
    for kind, name in (("dropped", "not translated"), ("repeated", "said twice")):
        words = [w for l in losses if l.kind == kind for w in l.source_words]
        if words:
            parts.append(f"{name}: {', '.join(dict.fromkeys(words))}")
    return "; ".join(parts)
