"""Learning `teach`'s keyed edits (engine/edits.py) from the corrections.

Everything below the decoder's deep output layer is frozen, so its input x at every target
position of a correction (teacher-forced on the correction, dropout off) is computed once:
that x is exactly what greedy decoding of the corrected source meets on the way to the
correction. Each position the bundled model does not already win by ``margin`` logits gets
a value [E] for the layer's pre-activation, learned by gradient descent on a squared hinge,
so a position already won is left as it was. Replayed human translations are the check on
the rest: their positions that come within the radius of a key are pulled to the bundled
model's own word probabilities (KL) with the edit applied, and each key's radius is made
larger than the cosine of its nearest replayed position (up to CAP), so an edit fires on the
corrected sentence's states and on those closer to it than any replayed sentence came. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import torch
import torch.nn.functional as F

MARGIN = 5.0     # logits by which an edited position must win (measured: teach_targets.py)
# A key's radius grows past the nearest replayed position (by NUDGE) up to CAP: the decoder
# state of the corrected sentence itself, in the int8 model the app runs, is >= 0.998 close
# to its key (40 corrections, tests/benchmarks/teach_targets.py), so CAP still lets it fire.
NUDGE = 0.005
PATIENCE = 20    # steps without a 1 % better loss before it stops short of the margin
CAP = 0.995


@dataclass
class Positions:
    """Target positions under teacher forcing: the layer's inputs x [N, F], the word to
    predict [N], and which example each came from [N]."""

    x: torch.Tensor
    target: torch.Tensor
    example: torch.Tensor


@dataclass
class Learned:
    keys: torch.Tensor      # [M, F], unit rows
    values: torch.Tensor    # [M, E]
    radii: torch.Tensor     # [M]
    steps: int
    won: int                # corrections whose every position now wins (as greedy decoding writes them)
    failed: frozenset       # the examples (indices into ``own``'s) with a position that does not win
    replay_fired: int       # replayed positions within the radius of a key
    replay_positions: int
    ran_out: bool = False   # stopped at max_steps with a correction still short, not held or won


def layer_inputs(model, examples: list, chunk: int = 64,
                 done: Optional[Callable[[int, int], None]] = None) -> Positions:
    """The pre_output inputs at every target position of ``examples`` (batching.Example);
    ``done(examples_read, len(examples))`` after each chunk (teach's progress)."""
    from ..engine.tokenizer import PAD
    from .batching import collate

    layer = model.decoder.pre_output
    seen: list[torch.Tensor] = []
    hook = layer.register_forward_hook(lambda _m, args, _out: seen.append(args[0]))
    xs, targets, rows = [], [], []
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(examples), chunk):
                index = list(range(start, min(start + chunk, len(examples))))
                src, lens, tgt_in, tgt_out = collate(examples, index)
                seen.clear()
                model(src, lens, tgt_in)
                keep = tgt_out != PAD
                xs.append(torch.stack(seen, dim=1)[keep])  # [B, T, F] -> [n, F]
                targets.append(tgt_out[keep])
                rows.append(torch.tensor(index)[:, None].expand_as(tgt_out)[keep])
                if done is not None:
                    done(index[-1] + 1, len(examples))
    finally:
        hook.remove()
        model.train(was_training)
    if not xs:
        return Positions(torch.zeros(0, layer.in_features), torch.zeros(0, dtype=torch.long),
                         torch.zeros(0, dtype=torch.long))
    return Positions(torch.cat(xs), torch.cat(targets), torch.cat(rows))


def learn(model, own: Positions, n_corrections: int, replayed: Optional[Positions], radius: float, *,
          lr: float, max_steps: int, margin: float = MARGIN,
          step_done: Optional[Callable[[int], None]] = None) -> Learned:
    """Values for the positions of ``own`` that need one; ``step_done(step)`` after each step
    (it may raise to cancel). Stops once every position wins by ``margin``, or the loss has
    not improved for PATIENCE steps."""
    layer = model.decoder.pre_output
    table, bias = model.decoder.output_layer()
    weight, layer_bias = layer.weight.detach(), layer.bias.detach()
    table, bias = table.detach(), bias.detach()

    def logits(x, delta):
        return F.linear(torch.tanh(F.linear(x, weight, layer_bias) + delta), table, bias)

    def gaps(scores, target):
        right = scores.gather(1, target[:, None]).squeeze(1)
        return right - scores.scatter(1, target[:, None], float("-inf")).max(1).values

    with torch.no_grad():
        need = gaps(logits(own.x, 0.0), own.target) < margin
    x, target = own.x[need], own.target[need]
    keys = F.normalize(x, dim=1)
    values = torch.zeros(len(x), layer.out_features, requires_grad=True)
    radii, near, nearest = _radii(replayed, keys, radius)
    optimizer = torch.optim.Adam([values], lr=lr)
    step, best, since, ran_out = 0, float("inf"), 0, False
    for step in range(1, max_steps + 1):
        shortfall = F.relu(margin - gaps(logits(x, values), target))
        loss = shortfall.pow(2).mean() if len(x) else torch.zeros(())
        if near is not None and len(near):
            with torch.no_grad():
                teacher = F.log_softmax(logits(near, 0.0), -1)
            student = F.log_softmax(logits(near, values[nearest]), -1)
            loss = loss + F.kl_div(student, teacher, log_target=True, reduction="batchmean")
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if step_done is not None:
            step_done(step)
        if not bool((shortfall > 0).any()):
            break
        value = float(loss.detach())
        if value < best * (1 - 1e-2):
            best, since = value, 0
        else:
            since += 1
            if since >= PATIENCE:  # held where a replayed state pulls the other way
                break
    else:
        ran_out = bool(max_steps)
    with torch.no_grad():
        values = values.detach()
        still = gaps(logits(x, values), target) <= 0
    failed = set(own.example[need][still].tolist())
    return Learned(keys, values, radii, step, n_corrections - len(failed), frozenset(failed),
                   0 if near is None else len(near), 0 if replayed is None else len(replayed.target),
                   ran_out and bool(failed))


def _radii(replayed: Optional[Positions], keys: torch.Tensor, radius: float):
    """(radii [M], x [n, F] of the replayed positions still within a key's radius, that key [n])."""
    radii = torch.full((len(keys),), radius)
    if replayed is None or not len(keys):
        return radii, None, None
    sim = F.normalize(replayed.x, dim=1) @ keys.t()   # [N, M]
    closest = sim.max(0).values                        # per key
    radii = torch.clamp(torch.maximum(radii, closest + NUDGE), max=max(CAP, radius))
    best, nearest = sim.max(1)
    fired = best >= radii[nearest]
    return radii, replayed.x[fired], nearest[fired]
