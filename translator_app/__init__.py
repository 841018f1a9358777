"""translator-app: an offline German <-> English translator that shows its attention.

Importing this package loads neither torch nor Qt; they are imported where used.

Module map. Parts, lowest first; a part imports only parts above it in this list (tests/
test_architecture.py checks it, and that every module is named here); only gui/ imports
PySide6; nothing imports cli.py.

    ground floor (imported by every part)
      languages.py    language codes, model tags (<2en>/<2de>), names
      device.py       auto CUDA -> MPS -> CPU, override, fall-back; CPU threads; native bf16
      paths.py        user dirs, the bundled model and resources
      fsutil.py       file hash, atomic replace, the binary-file rule (looks_binary)
      heldout.py      the held-out rule: normalisation, hash, the strict list loader, default lists
      allocator.py    tcmalloc for `train` (re-executes the command once)
    engine/         the model and decoding; no Qt, nothing from the parts below
      config.py       ModelConfig; DecodeConfig, validated once (the only place limits live)
      translator.py   Translator: load, cache, batching, device fall-back, translate(), score()
      segment.py      the one sentence splitter; chunks to the model's length
      spans.py        protected spans (URLs, e-mail, paths, code, tags, placeholders), ALL-CAPS
      copying.py      names, numbers and emoji copied through; the one piece-to-word grouping
      coverage.py     the one rule for dropped and repeated words: CLI warnings, --json, GUI marks
      copied.py       words copied, not translated: the dictionary's glossary (senses.py) picks
                      a hypothesis that translates them, or they are warned
      repair.py       a chunk that dropped words decoded again: emoji as placeholders, or in
                      pieces cut at tags, emoji, colons and brackets
      search.py       decode(model, src, lengths, cfg, should_stop): greedy and beam search
      trace.py        Trace: one sentence's search step by step (cfg.trace), replayable; recorder.py fills it
      forced.py       forced decoding: the model scores a given translation (Translator.score),
                      and the leave-one-out check of dropped words
      assemble.py     hypotheses -> post-edited text -> Segment -> Translation
      langid.py       does the input look like the source language (script + trigrams)
      result.py       Translation, Segment, Alternative, LanguageNote (typed, JSON for the CLI)
      confidence.py   the confidence: geometric mean of token probabilities x n-best agreement; levels
      naive.py        the seed-faithful decoder the bench measures against
      model.py / encoder.py / decoder.py / attention.py    Seq2Seq and its parts
      loss.py         the fused, chunked projection + label-smoothed cross-entropy of training
      tokenizer.py / checkpoint.py / quantize.py           SentencePiece, bundles, int8
      edits.py        keyed edits of the deep output layer: fire only near a corrected sentence's state
      personal.py     the taught model (`teach`) in the user data dir: chosen over the bundled one
                      only if made from it (else set aside), its name, reset; Unlearned: a
                      correction it did not learn (teach's line to the window)
    dictionary/     Ding: parsing, the SQLite FTS5 index, lookup, exact matches; no Qt
      ding.py         the one Ding line parser (the corpus reader uses it too)
      index.py        the index in the user cache, checked at every open
      lookup.py       ranked lookups
      memory.py       exact matches answered from Ding, then from the example corpus (once its index
                      is built, credited): memory.translate_many (worker and CLI)
      phrases.py      the memory's phrase table (resources/dictionary/de-en-phrases.xz)
      clauses.py      a text whose comma-separated clauses are all Ding phrases, answered clause by clause
      senses.py       how common a translation is (resources/dictionary/de-en-senses.xz): sense order,
                      and the engine's glossary of words copied, not translated (engine/copied.py)
      package.py      makes resources/dictionary/de-en.xz
      examples.py     example sentences for the card (Example, Examples.lookup), the memory's
                      exact answers (Examples.exact) and fuzzy_candidates; BUILT: the index once built
      examples_index.py   the example file's format and its FTS5 index in the user cache
      examples_cli.py `translator-app lookup --examples`
      cli.py          `translator-app lookup`
    tm/             your translation memory (SQLite), fuzzy matches, TMX; no Qt
      store.py        MemoryStore, Entry: add, list, remove, exact (normalised as the Ding memory)
      fuzzy.py        similar sources (>= 75 %, word edit distance) in the memory and the examples
      answer.py       the answer layers, first wins: your memory, Ding, the example corpus, the
                      model: translate_many
                      (worker and CLI)
      tmx.py          TMX 1.4b: the one TMX parser (the corpus reader uses it), import, export
      cli.py          `translator-app memory add|list|remove|export|import`
    training/       corpus, training, evaluation; no Qt
      readers/        one module per format: common.py, ding.py, ddtp.py, gettext.py,
                      tabular.py (TSV, Moses; load_tsv), tmx.py
      sources.py / cleaning.py / split.py / report.py / corpus.py    corpus build
      corpus_cli.py   `corpus build|fetch|backtranslate`
      fetch.py        the apt downloads (Ding, DDTP, the games)
      games.py        game dialogue from the games' German catalogues
      backtranslate.py  synthetic German for English-only DDTP
      settings.py / train_cli.py / help_text.py    TrainSettings, `train`, `evaluate`
      pipeline.py     one run in named steps; batching.py, trainer.py, callbacks.py, validation.py
      evaluate.py / average.py / vocab.py / dictionary_baseline.py / langid_table.py
      examples_package.py   makes resources/examples/de-en-examples.xz (Tatoeba, games, Ding)
      teach.py / teach_cli.py    `teach`: a personal copy of the bundled model that gives your memory
      teach_edits.py  learns its keyed edits (engine/edits.py) from the corrections
      replay.py       human translations the edits are checked against
    gui/            the desktop app (PySide6); torch only through worker.py's Translator
      app.py          main(argv, on_window=...); platform_check.py, single_instance.py, i18n.py,
                      theme.py, _compat.py
      main_window.py  the window; window_layout.py, window_commands.py, dialogs.py, settings.py
      requests.py     TranslationQueue (ids, stale results dropped); worker.py (QThread)
      exchange_model.py   ExchangeModel and its ExchangeView (no Qt): what an exchange draws
      conversation.py / bubbles.py / bubble_parts.py / wordflow.py / input_pane.py /
                      language_bar.py / model_info.py / error_text.py    the chat
      bubble_edit.py / corrections.py    your translations: the in-place editor and the similar
                      rows; the history row, your memory and the model's score of the new text
      attention_panel.py / heatmap.py / heatmap_render.py / colour_bar.py / colormap.py /
                      alignment.py    the heatmap
      steps_view.py   the panel's Steps view: the recorded search (engine/trace.py) step by step
      compact.py      the panel's parts that fold when narrow: header row, one-line legend
      dictionary_card.py / lookup_worker.py    the dictionary card and its thread
      teach_controller.py / teach_runner.py    Teach: button, progress, Cancel; `teach` in a QProcess
      examples_section.py   the card's Examples section
      history.py      the conversation history (SQLite); screenshots.py: --screenshot
                      (screenshots_yours.py: the states of your translations)
    bench/          performance measurements: cli.py, measure.py (named steps), report.py,
                    sample.py, engine_view.py, processes.py, busy.py, gui_driver.py, rss_driver.py,
                    lookups.py (the Ding and example lookup steps)
    entry points: cli.py (subcommands), cli_translate.py (`translate`: input, batches, output),
                  selftest.py (--self-test), desktop.py (install-desktop)

A translation request, a hop a line:
    gui/input_pane.py (or cli_translate.py reading stdin) takes the text
    gui/requests.TranslationQueue queues it with a request id (stale results are dropped)
    gui/worker.py, on its QThread, calls tm/answer.translate_many(translator, ...)
    answer.translate_many sends every text to Translator.translate_many, then answers exact
        matches from your memory (tm/store.py), else exact Ding matches from the phrase table
        (dictionary/memory.py, phrases.py), else exact sentences of the example corpus
        (examples.py), all scored by Translator.score -> engine/forced.py;
        the rest carry fuzzy matches (tm/fuzzy.py)
    engine/segment.py splits sentences and model-sized chunks; the cache answers repeats
    engine/assemble.prepare masks protected spans (spans.py), ALL-CAPS and emoji
    engine/search.decode runs greedy or beam search over the batch
    engine/assemble.build_segment copies names and numbers through (copying.py), puts spans and
        emoji back; assemble.assemble builds the Translation; engine/langid.py adds a language note
    engine/copied.py prefers a hypothesis that translates a word the best one copied (glossary)
    engine/coverage.py judges the words dropped or repeated (with forced.leave_one_out); a chunk
        that dropped some is decoded again (repair.py) and the better one kept
    gui/exchange_model.ExchangeModel is built from it; its view() is what the bubble (bubbles.py)
        and the panel (attention_panel.py) draw; or cli_translate.py prints it (text or JSON)
"""

import logging

__version__ = "0.1.0"

# A library does not print: without this, Python's last-resort handler wrote each logged
# warning to stderr next to the CLI's own line (the device fall-back came out twice).
logging.getLogger(__name__).addHandler(logging.NullHandler())
