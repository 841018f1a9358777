"""Dictionary lookups in their own thread, for the dictionary card (dictionary_card.py).

The thread starts on the first request, so a window that never shows a card opens no
dictionary. Failures are emitted as the exception object, as the translation worker's
are; error_text.describe_error words them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from .error_text import describe_error

LIMIT = 10  # entries fetched per lookup (the measured <= 10 ms case): the card's top 5 and 5 more
EXAMPLES = 5  # example pairs per lookup


class _Worker(QObject):
    found = Signal(int, str, str, object)   # request id, term, lang, entries
    examples_found = Signal(int, str, str, object)   # request id, term, lang, examples.Example list
    status = Signal(str)
    failed = Signal(object)                 # the DictionaryError

    def __init__(self, open_kwargs: dict, examples_kwargs: dict | None = None):
        super().__init__()
        self._open_kwargs = open_kwargs
        self._examples_kwargs = examples_kwargs or {}
        self._dictionary = None
        self._examples = None
        self._broken: Exception | None = None  # a dictionary that failed to open stays failed
        self._examples_broken = False          # so do the examples (the card simply has none)

    stop = False  # set from the GUI thread at close: the next progress call ends a build

    def _progress(self, done: int, total: int) -> None:
        if self.stop:
            raise _Stopped()
        self.status.emit(_building_text(100 * done // max(total, 1)))

    @Slot(int, str, str, int)
    def lookup(self, request: int, term: str, lang: str, limit: int) -> None:
        from ..dictionary.lookup import Dictionary, DictionaryError

        if self._broken is not None:
            self.failed.emit(self._broken)
            self._find_examples(request, term, lang, [])   # the examples do not need Ding
            return
        try:
            if self._dictionary is None:
                self._dictionary = Dictionary.open(progress=self._progress, **self._open_kwargs)
                self.status.emit("")
            entries = self._dictionary.lookup(term, lang, limit)
        except DictionaryError as exc:
            self._broken = exc
            self.failed.emit(exc)
            self._find_examples(request, term, lang, [])
            return
        except _Stopped:
            return
        self.found.emit(request, term, lang, entries)
        self._find_examples(request, term, lang, entries)

    def _find_examples(self, request: int, term: str, lang: str, entries: list) -> None:
        """After the entries (their translations mark the other side; none when the dictionary
        failed): a first use builds the example index here, once; a failure leaves the card
        without examples."""
        from ..dictionary.examples import Examples, ExamplesError, dictionary_translations

        if self._examples_broken:
            return
        try:
            if self._examples is None:
                self._examples = Examples.open(progress=self._examples_progress, **self._examples_kwargs)
                self.status.emit("")
            found = self._examples.lookup(term, lang, EXAMPLES, dictionary_translations(entries))
        except ExamplesError:
            self._examples_broken = True
            return
        except _Stopped:
            return
        self.examples_found.emit(request, term, lang, found)

    def _examples_progress(self, done: int, total: int) -> None:
        if self.stop:
            raise _Stopped()
        self.status.emit(QCoreApplication.translate("DictionaryCard", "Preparing the example sentences (first use)… {0}%")
                         .format(100 * done // max(total, 1)))

    @Slot()
    def close(self) -> None:
        if self._dictionary is not None:
            self._dictionary.close()
            self._dictionary = None
        if self._examples is not None:
            self._examples.close()
            self._examples = None


class _Stopped(Exception):
    pass


def _building_text(percent: int) -> str:
    return QCoreApplication.translate("DictionaryCard", "Building the dictionary (first use)… {0}%").format(percent)


class DictionaryLookups(QObject):
    """Lookups in a worker thread, started on the first request (the window stays fast).

    Only the newest request's answer is delivered: clicking words quickly never shows a stale card.
    """

    found = Signal(str, list, str)     # term, entries, lang  (DictionaryCard.set_entries' order)
    examples_found = Signal(str, list, str)   # term, examples, lang (after that term's found)
    status = Signal(str)
    _ask = Signal(int, str, str, int)
    _close = Signal()

    def __init__(self, parent: QObject | None = None, examples: dict | None = None, **open_kwargs):
        """``open_kwargs`` go to Dictionary.open, ``examples`` to Examples.open."""
        super().__init__(parent)
        self._open_kwargs = open_kwargs
        self._examples_kwargs = dict(examples or {})
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._latest = 0

    @property
    def started(self) -> bool:
        return self._thread is not None

    def request(self, term: str, lang: str, limit: int = LIMIT) -> None:
        if self._thread is None:
            self._thread = QThread()
            self._thread.setObjectName("dictionary")
            self._worker = _Worker(self._open_kwargs, self._examples_kwargs)
            self._worker.moveToThread(self._thread)
            self._ask.connect(self._worker.lookup)
            self._close.connect(self._worker.close)
            self._worker.found.connect(self._on_found)
            self._worker.examples_found.connect(self._on_examples)
            self._worker.status.connect(self.status)
            self._worker.failed.connect(self._on_failed)
            self._thread.start()
        self._latest += 1
        self._ask.emit(self._latest, term, lang, limit)

    def shutdown(self, timeout_ms: int = 30000) -> None:
        if self._thread is None:
            return
        self._worker.stop = True
        self._close.emit()
        self._thread.quit()
        self._thread.wait(timeout_ms)
        self._thread = None
        self._worker = None

    def _on_found(self, request: int, term: str, lang: str, entries) -> None:
        if request == self._latest:
            self.found.emit(term, list(entries), lang)

    def _on_examples(self, request: int, term: str, lang: str, found) -> None:
        if request == self._latest:
            self.examples_found.emit(term, list(found), lang)

    def _on_failed(self, exc: Exception) -> None:
        self.status.emit(self.tr("The dictionary is not available: {0}").format(describe_error(exc)))
