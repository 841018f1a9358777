"""``translator-app bench``: speed, measured.

- :mod:`.measure`: the run (latency, throughput, threads, busy neighbour, naive decoder, int8);
- :mod:`.processes`: fresh-process figures (peak RSS, cold start) and the busy neighbour, with
  the drivers :mod:`.rss_driver`, :mod:`.gui_driver` and :mod:`.busy` run by ``python -m``;
- :mod:`.report`: goals, verdicts, the table and the JSON figures;
- :mod:`.cli`: options and the subcommand; :mod:`.sample`, :mod:`.engine_view`: helpers.

Importing this package loads neither torch nor Qt.
"""

from .cli import add_arguments, main, register, run
from .engine_view import plain_decoding, translator_units
from .measure import BLOCK, FULL, QUICK, busy_neighbour, latency_ms, measure, percentile, translate_all, wps
from .processes import PROBE, busy_cores, gui_cold_start, peak_rss_mb
from .report import GOALS, REQUIRED_KEYS, _latency_check, int8_verdict, json_figures, table, verdict
from .sample import n_words, sample_sentences, sentence_of

__all__ = [
    "BLOCK", "FULL", "GOALS", "PROBE", "QUICK", "REQUIRED_KEYS", "_latency_check", "add_arguments", "busy_neighbour",
    "busy_cores", "gui_cold_start", "int8_verdict", "json_figures", "latency_ms", "main",
    "measure", "n_words", "peak_rss_mb", "percentile", "plain_decoding", "register", "run",
    "sample_sentences", "sentence_of", "table", "translate_all", "translator_units", "verdict", "wps",
]
