"""`teach`: a personal copy of the bundled model that gives the user's corrections.

Always from the bundled model (not from the last personal one), so teaching twice does not
drift and the result depends only on the memory. Each correction is learned in the direction
it was stored (a "de" source with its "en" target trains <2en>) as keyed edits of the deep
output layer (engine/edits.py, learned by teach_edits.py): an edit fires only where the
decoder's state is close (cosine ``radius`` or more) to a corrected sentence's, and closer
than any of the replayed human translations (replay.py) came, so elsewhere the model is the
bundled one. The personal bundle is written by save_bundle into a temporary folder beside its place
and swapped in one step (fsutil.replace_dir): a run killed at any point leaves the previous
model as it was. No Qt here.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Optional, Sequence

from ..engine.personal import Unlearned
from .settings import RECIPES, TrainSettings

REPLAY_PAIRS = 1000     # human translations drawn once per run to check the edits against
RADIUS = 0.96           # the least radius (cosine); measured with tests/benchmarks/teach_targets.py --radii
# Progress is reported in PROGRESS_TOTAL parts over the whole run. Reading the replayed
# examples' decoder states takes most of it (6 corrections, 1 thread, load ~2: 63 s of 73 s;
# the learning steps about 2 s, and they stop early, at ~40-55 of 300), so it gets
# PREPARE_SHARE of the bar; the steps the rest, and the bar is full once learning stops.
PROGRESS_TOTAL = 1000
PREPARE_SHARE = 0.9


class TeachError(Exception):
    """Nothing to teach, or the bundled model could not be read."""


class TeachCancelled(Exception):
    """should_stop() turned true; nothing was written."""


@dataclass(frozen=True)
class Correction:
    """One pair the model should learn: ``source`` (in ``src_lang``) -> ``target``."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str


@dataclass(frozen=True)
class TeachResult:
    path: Path
    corrections: int
    steps: int
    edits: int           # positions of the corrections given an edit
    learned: int         # corrections that now come out word for word under teacher forcing
    replay_fired: int    # replayed positions an edit still fires on (pulled back by KL)
    replay_positions: int
    seconds: float
    not_learned: tuple[Unlearned, ...] = ()   # corrections - learned of them, in the memory's order


def teach_settings(steps: Optional[int] = None, lr: Optional[float] = None) -> TrainSettings:
    """The teach recipe (settings.RECIPES["teach"]), ``steps`` and ``lr`` overriding it."""
    recipe = dict(RECIPES["teach"])
    if steps is not None:
        recipe["max_steps"] = steps
    if lr is not None:
        recipe["lr"] = lr
    return TrainSettings(**recipe).validated()


def teach(corrections: Sequence[Correction], *, steps: Optional[int] = None, lr: Optional[float] = None,
          radius: float = RADIUS, replay_pairs: int = REPLAY_PAIRS, near_misses: bool = True,
          replay: Optional[list[tuple[str, str]]] = None, base: Optional[Path] = None,
          out: Optional[Path] = None, last_memory_id: int = 0, seed: int = 1,
          progress: Optional[Callable[[int, int], None]] = None,
          should_stop: Optional[Callable[[], bool]] = None) -> TeachResult:
    """Learn ``corrections`` on top of ``base`` (default: the bundled model) and save the
    result as the personal model (``out``, default engine.personal.personal_path()).

    ``replay``: (German, English) pairs to draw ``replay_pairs`` from (default: replay.pool()).
    ``near_misses``: also keep the edits off each corrected source with one word left out
    (see _near_misses).
    ``progress(done, PROGRESS_TOTAL)`` as the replayed examples are read and after each
    step, and (total, total) once learning has stopped. Raises TeachError, or TeachCancelled.
    """
    import torch

    from ..device import cpu_threads
    from ..engine import personal
    from ..engine.checkpoint import CheckpointError, apply_state, load_bundle, save_bundle
    from ..paths import default_model_path
    from ..engine.model import build_model
    from ..engine.tokenizer import Tokenizer
    from . import teach_edits

    if not corrections:
        raise TeachError("there are no corrections to learn: correct a translation first "
                         "(in the window, or `translator-app memory add SOURCE TARGET`)")
    if not 0.0 < radius <= 1.0:
        raise TeachError(f"the radius must be in (0, 1], not {radius}")
    start = time.perf_counter()
    torch.set_num_threads(cpu_threads(None))  # one unless $TRANSLATOR_THREADS says otherwise
    settings = teach_settings(steps, lr)
    base = Path(base) if base is not None else default_model_path()
    out = Path(out) if out is not None else personal.personal_path()
    try:
        bundle = load_bundle(base)
    except CheckpointError as exc:
        raise TeachError(f"the bundled model could not be read: {exc}") from exc
    if not bundle.config.tie_output or bundle.config.edits:
        raise TeachError("teach needs a model with a deep output layer (tie_output) and no edits of its own")
    random.seed(seed)
    torch.manual_seed(seed)
    tokenizer = Tokenizer(bundle.spm_proto)
    owners: list[int] = []   # the correction each taught example is of
    taught = _correction_examples(corrections, tokenizer, settings.max_len, owners)
    if not taught:
        raise TeachError(f"every correction is longer than {settings.max_len} pieces, so none can be learned")
    replayed = []
    if replay_pairs:
        from . import replay as replay_source

        chosen = replay_source.draw(replay if replay is not None else replay_source.pool(), replay_pairs,
                                    random.Random(seed), {c.source for c in corrections})
        replayed = _replay_examples(chosen, tokenizer, settings.max_len)
    if near_misses:
        replayed += _correction_examples(_near_misses(corrections), tokenizer, settings.max_len)
    frozen = build_model(bundle.config)
    apply_state(frozen, bundle)
    frozen.requires_grad_(False)
    prepare = PREPARE_SHARE * PROGRESS_TOTAL if replayed else 0.0

    def report(done: float) -> None:
        if progress is not None:
            progress(min(int(done), PROGRESS_TOTAL), PROGRESS_TOTAL)

    own = teach_edits.layer_inputs(frozen, taught)
    replay_positions = (teach_edits.layer_inputs(frozen, replayed, done=lambda n, of: report(prepare * n / of))
                        if replayed else None)

    def step_done(step: int) -> None:
        if should_stop is not None and should_stop():
            raise TeachCancelled("teaching was cancelled; the previous model is unchanged")
        report(prepare + (PROGRESS_TOTAL - prepare) * step / settings.max_steps)

    learned = teach_edits.learn(frozen, own, len(taught), replay_positions, radius, lr=settings.lr,
                                max_steps=settings.max_steps, step_done=step_done)
    report(PROGRESS_TOTAL)  # learning stopped: early, once every correction wins, or at max_steps
    model = build_model(replace(bundle.config, edits=len(learned.keys)))
    missing, unexpected = model.load_state_dict(frozen.state_dict(), strict=False)
    assert not unexpected and all(k.startswith("decoder.edits.") for k in missing), (missing, unexpected)
    if model.decoder.edits is not None:
        model.decoder.edits.keys.copy_(learned.keys)
        model.decoder.edits.values.copy_(learned.values)
        model.decoder.edits.radii.copy_(learned.radii)
    model.eval()
    info = personal.PersonalInfo(out, *personal.base_identity(base), corrections=len(corrections),
                                 last_memory_id=int(last_memory_id),
                                 taught_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    meta = {"name": info.base_name, "personal": info.to_meta(), "metrics": bundle.meta.get("metrics", {}),
            "teach": {"steps": learned.steps, "edits": len(learned.keys), "radius": radius, "lr": settings.lr,
                      "learned": learned.won, "replay_fired": learned.replay_fired,
                      "replay_positions": learned.replay_positions}}
    card = (f"# {personal.label(info)}\n\nThe bundled model {info.base_name} with {len(learned.keys)} keyed "
            f"edits learned by `translator-app teach` from {len(corrections)} of your corrections "
            f"({learned.steps} steps); an edit fires only within cosine {radius} or more of a corrected "
            f"sentence's decoder state.\n")
    personal.remove_leftovers()
    save_bundle(out, model, bundle.spm_proto, meta=meta, card=card,
                dtype=bundle.meta.get("weights_dtype", "float16"))
    failed, taught_ones = {owners[i] for i in learned.failed}, set(owners)
    held = "steps" if learned.ran_out else "near"
    not_learned = tuple(Unlearned(c.source, c.target, c.src_lang, c.tgt_lang, held if i in taught_ones else "long")
                        for i, c in enumerate(corrections) if i in failed or i not in taught_ones)
    return TeachResult(out, len(corrections), learned.steps, len(learned.keys), len(corrections) - len(not_learned),
                       learned.replay_fired, learned.replay_positions, time.perf_counter() - start, not_learned)


def _correction_examples(corrections: Sequence[Correction], tokenizer, max_len: int,
                         owners: Optional[list[int]] = None) -> list:
    """Examples of the corrections, each in its stored direction (one over ``max_len``
    pieces has none); ``owners`` gets the index of the correction each example is of."""
    from ..engine.tokenizer import clean_text
    from .batching import make_examples

    examples = []
    for i, c in enumerate(corrections):
        source, target = clean_text(c.source), clean_text(c.target)  # as translate() cleans its input
        pair = (source, target) if c.src_lang == "de" else (target, source)
        made = make_examples([pair], tokenizer, ((c.src_lang, c.tgt_lang),), max_len)
        examples += made
        if owners is not None:
            owners += [i] * len(made)
    return examples


def _near_misses(corrections: Sequence[Correction]) -> list[Correction]:
    """Each correction's source with one word (of three letters or more) left out, and the
    corrected target: the states on the way to the correction from a source that lacks a
    word. Checked like replayed ones, so an edit does not write the correction, the
    missing word's translation included, for a sentence without that word ("Ich gehe nach
    Hause." -> "I'm heading home now." after "Ich gehe jetzt nach Hause." was corrected)."""
    from ..dictionary import ding

    sources = {ding.fold(c.source) for c in corrections}
    out = []
    for c in corrections:
        words = c.source.split()
        for i, word in enumerate(words):
            if sum(ch.isalpha() for ch in word) < 3:
                continue
            variant = " ".join(words[:i] + words[i + 1:])
            if variant and ding.fold(variant) not in sources:
                out.append(Correction(variant, c.target, c.src_lang, c.tgt_lang))
    return out


def _replay_examples(chosen: list, tokenizer, max_len: int) -> list:
    """Examples of the ``chosen`` pairs, each in both directions."""
    from .batching import make_examples

    return make_examples(chosen, tokenizer, (("de", "en"), ("en", "de")), max_len)
