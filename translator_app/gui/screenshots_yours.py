"""``--screenshot``'s states of your translations (screenshots.py runs them): a translation
being corrected in place, the corrected exchange (marked "your translation", the model's
answer among the alternatives, the heatmap of your text), and a similar sentence from your
memory under a new translation. The memory is a fresh one in the run's own data directory
(screenshots.render_all), never the user's."""

from __future__ import annotations

import sys
from pathlib import Path

# The everyday example (screenshots.EXAMPLES[0]) as a person would correct it, then a
# sentence two words away from it: the memory offers the correction as a similar sentence.
CORRECTED = "Unfortunately I have no time today, but I'd be glad to come by tomorrow."
NEAR = "Ich habe morgen leider keine Zeit, aber heute komme ich gern vorbei."


def render(app, window, out: Path, shown: list, done: list[str], sizes) -> None:
    from . import screenshots as s

    ex = shown[0]
    ex.start_edit()
    ex.editor.setPlainText(CORRECTED)
    for size, suffix in sizes:
        s._resize(app, window, size)
        window.conversation.select(ex)
        window.conversation.reveal(ex.editor, ex.translation_bubble)
        s._save(app, window, out, f"10-editing{suffix}.png", done)
    ex.editor.saved.emit(ex.editor.toPlainText())  # Enter
    if not s._wait(app, lambda: ex.model.has_attention, timeout=30.0):
        print("translator-app: the model did not score the correction in time", file=sys.stderr)
        return
    before = len(shown)
    window.input.set_text(NEAR)
    window.send()
    if not s._wait(app, lambda: len(shown) > before):
        return
    near = shown[-1]
    for size, suffix in sizes:
        s._resize(app, window, size)
        window.conversation.select(ex)
        ex.alt_button.setChecked(True)
        s._settle(app)
        window.conversation.ensureWidgetVisible(ex.alt_box)
        s._save(app, window, out, f"11-your-translation{suffix}.png", done)
        ex.alt_button.setChecked(False)
        window.conversation.select(near)
        s._settle(app)
        window.conversation.ensureWidgetVisible(near.similar_box)
        s._save(app, window, out, f"12-similar-sentence{suffix}.png", done)
