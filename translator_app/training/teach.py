"""`teach`: fine-tune a personal copy of the bundled model on the user's corrections.

Always from the bundled model (not from the last personal one), so teaching twice does not
drift and the result depends only on the memory. Each step sees the corrections (up to 64 of
them), each in the direction it was stored (a "de" source with its "en" target trains
<2en>), plus ``replay_ratio`` times as many pairs replayed from human translations
(replay.py), so the rest of the model is not forgotten; it stops once every correction
comes out under teacher forcing, since each further step only moves the rest. The personal bundle is written by save_bundle into a
temporary folder beside its place and swapped in one step (fsutil.replace_dir): a run killed
at any point leaves the previous model as it was. No Qt here.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from .settings import RECIPES, TrainSettings

REPLAY_RATIO = 3        # replayed pairs per correction in each step (measured: teach_targets.py)
MAX_CORRECTIONS_PER_STEP = 64
CHECK_EVERY = 5          # steps between checks whether the corrections are learned
LEARNED_SHARE = 1.0      # ... and the share of them that must be, to stop early
REPLAY_SET_PER_STEP = 4   # the replay set holds this many batches' worth, drawn once per run
# "model": on a replayed pair the model is pulled towards the bundled model's own word
# probabilities (KL to the frozen original, teacher-forced on the human translation), so what
# it says today it keeps saying; "reference": plain cross-entropy on the human translation
REPLAY_TARGETS = "model"


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
    replay_ratio: int
    seconds: float


def teach_settings(steps: Optional[int] = None, lr: Optional[float] = None) -> TrainSettings:
    """The teach recipe (settings.RECIPES["teach"]), ``steps`` and ``lr`` overriding it."""
    recipe = dict(RECIPES["teach"])
    if steps is not None:
        recipe["max_steps"] = steps
    if lr is not None:
        recipe["lr"] = lr
    return TrainSettings(**recipe).validated()


def teach(corrections: Sequence[Correction], *, steps: Optional[int] = None, lr: Optional[float] = None,
          replay_ratio: int = REPLAY_RATIO,
          replay: Optional[list[tuple[str, str]]] = None, base: Optional[Path] = None,
          out: Optional[Path] = None, last_memory_id: int = 0, seed: int = 1, replay_targets: str = REPLAY_TARGETS,
          progress: Optional[Callable[[int, int], None]] = None,
          should_stop: Optional[Callable[[], bool]] = None) -> TeachResult:
    """Fine-tune ``base`` (default: the bundled model) on ``corrections`` and save the result
    as the personal model (``out``, default engine.personal.personal_path()).

    ``replay``: (German, English) pairs to draw replayed ones from (default: replay.pool());
    ``replay_targets``: see REPLAY_TARGETS.
    ``progress(step, total)`` after each step. Raises TeachError, or TeachCancelled.
    """
    import torch

    from ..engine import personal
    from ..paths import default_model_path
    from ..engine.checkpoint import CheckpointError, apply_state, load_bundle, save_bundle
    from ..engine.model import build_model
    from ..engine.tokenizer import Tokenizer
    from .batching import make_examples
    from .pipeline import make_step_fn, optimizer_and_schedule

    if not corrections:
        raise TeachError("there are no corrections to learn: correct a translation first "
                         "(in the window, or `translator-app memory add SOURCE TARGET`)")
    from ..device import cpu_threads

    start = time.perf_counter()
    torch.set_num_threads(cpu_threads(None))  # one unless $TRANSLATOR_THREADS says otherwise
    settings = teach_settings(steps, lr)
    base = Path(base) if base is not None else default_model_path()
    out = Path(out) if out is not None else personal.personal_path()
    try:
        bundle = load_bundle(base)
    except CheckpointError as exc:
        raise TeachError(f"the bundled model could not be read: {exc}") from exc
    random.seed(seed)
    torch.manual_seed(seed)
    tokenizer = Tokenizer(bundle.spm_proto)
    taught = _correction_examples(corrections, tokenizer, settings.max_len)
    if not taught:
        raise TeachError(f"every correction is longer than {settings.max_len} pieces, so none can be learned")
    replayed = []
    if replay_ratio:
        from . import replay as replay_source

        chosen = replay_source.draw(replay if replay is not None else replay_source.pool(),
                                    replay_ratio * len(taught) * REPLAY_SET_PER_STEP, random.Random(seed),
                                    {c.source for c in corrections})
        replayed = _replay_examples(chosen, tokenizer, settings.max_len, random.Random(seed))
    examples = taught + replayed
    model = build_model(bundle.config)
    apply_state(model, bundle)
    model.train()
    optimizer, scheduler = optimizer_and_schedule(model, settings)
    if replayed and replay_targets == "model":
        teacher = build_model(bundle.config)
        apply_state(teacher, bundle)
        teacher.eval().requires_grad_(False)
        step_fn = _distil_step(examples, len(taught), teacher, settings.label_smoothing)
    else:
        step_fn = make_step_fn(examples, settings.label_smoothing, naive=False, use_bf16=False, device="cpu")
    rng = random.Random(seed)
    own = list(range(len(taught)))
    pool = range(len(taught), len(examples))
    for step in range(1, settings.max_steps + 1):
        if should_stop is not None and should_stop():
            raise TeachCancelled("teaching was cancelled; the previous model is unchanged")
        batch = rng.sample(own, min(len(own), MAX_CORRECTIONS_PER_STEP))
        if replayed:
            batch += rng.sample(pool, min(len(pool), replay_ratio * len(batch)))
        loss, _ = step_fn(model, batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # as the Trainer clips
        optimizer.step()
        scheduler.step()
        if progress is not None:
            progress(step, settings.max_steps)
        if step % CHECK_EVERY == 0 and _learned(model, taught) >= LEARNED_SHARE * len(taught):
            break  # every further step only moves the rest of the model
    model.eval()
    info = personal.PersonalInfo(out, *personal.base_identity(base), corrections=len(corrections),
                                 last_memory_id=int(last_memory_id),
                                 taught_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    meta = {"name": info.base_name, "personal": info.to_meta(), "metrics": bundle.meta.get("metrics", {}),
            "teach": {"steps": step, "replay_ratio": replay_ratio, "lr": settings.lr}}
    card = (f"# {personal.label(info)}\n\nThe bundled model {info.base_name} fine-tuned by `translator-app teach` "
            f"on {len(corrections)} of your corrections ({step} steps, {replay_ratio} replayed "
            f"pairs per correction).\n")
    personal.remove_leftovers()
    save_bundle(out, model, bundle.spm_proto, meta=meta, card=card,
                dtype=bundle.meta.get("weights_dtype", "float16"))
    return TeachResult(out, len(corrections), step, replay_ratio, time.perf_counter() - start)


def _correction_examples(corrections: Sequence[Correction], tokenizer, max_len: int) -> list:
    """Examples of the corrections, each in its stored direction."""
    from ..engine.tokenizer import clean_text
    from .batching import make_examples

    examples = []
    for c in corrections:
        source, target = clean_text(c.source), clean_text(c.target)  # as translate() cleans its input
        pair = (source, target) if c.src_lang == "de" else (target, source)
        examples += make_examples([pair], tokenizer, ((c.src_lang, c.tgt_lang),), max_len)
    return examples


def _replay_examples(chosen: list, tokenizer, max_len: int, rng: random.Random) -> list:
    """Examples of the ``chosen`` pairs, each in one random direction."""
    from .batching import make_examples

    by_direction: dict = {("de", "en"): [], ("en", "de"): []}
    for pair in chosen:
        by_direction[("de", "en") if rng.random() < 0.5 else ("en", "de")].append(pair)
    examples = []
    for direction, pairs in by_direction.items():
        examples += make_examples(pairs, tokenizer, (direction,), max_len)
    return examples


def _distil_step(examples, n_own: int, teacher, label_smoothing: float):
    """``step(model, indices) -> (loss, tokens)``: cross-entropy on the corrections (indices
    below ``n_own``) and, on the replayed rows, KL(teacher || model) per target token, where
    the teacher is the frozen bundled model. Tensors: logits [B, T, V], tgt_out [B, T]."""
    import torch
    import torch.nn.functional as F

    from ..engine.tokenizer import PAD
    from .batching import collate

    def step(model, indices):
        src, lens, tgt_in, tgt_out = collate(examples, indices)
        logits = model(src, lens, tgt_in).float()
        own = torch.tensor([i < n_own for i in indices])
        keep = tgt_out != PAD
        mine = keep & own[:, None]
        loss = F.cross_entropy(logits[mine], tgt_out[mine], label_smoothing=label_smoothing, reduction="sum")
        rest = keep & ~own[:, None]
        if rest.any():
            with torch.no_grad():
                target = F.log_softmax(teacher(src[~own], lens[~own], tgt_in[~own]).float(), -1)[rest[~own]]
            loss = loss + F.kl_div(F.log_softmax(logits[rest], -1), target, log_target=True, reduction="sum")
        ntok = int(keep.sum())
        return loss / max(ntok, 1), ntok

    return step


def _learned(model, taught: list) -> int:
    """How many corrections the model reproduces token for token under teacher forcing
    (argmax at every position: what greedy decoding would write). logits [B, T, V]."""
    import torch

    from ..engine.tokenizer import PAD
    from .batching import collate

    model.eval()
    right = 0
    with torch.no_grad():
        for start in range(0, len(taught), MAX_CORRECTIONS_PER_STEP):  # bounded [B, T, V]
            src, lens, tgt_in, tgt_out = collate(taught, list(range(start, min(start + MAX_CORRECTIONS_PER_STEP,
                                                                               len(taught)))))
            best = model(src, lens, tgt_in).argmax(-1)
            right += int(((best == tgt_out) | (tgt_out == PAD)).all(dim=1).sum())
    model.train()
    return right
