"""HTML pages extracted on several cores, results still yielded in file order.

trafilatura costs tens of milliseconds per page and pages are independent, so a directory of
pages is the one place ingest gains from more processes. Only plain (uncompressed) HTML files go
to the pool; every other kind is read in this process, streamed, after the pages queued before it
have been yielded, so output order never depends on timing. A bounded window of pending pages keeps
memory flat. If a pool cannot start (no ``fork``, a daemonic parent) or breaks (a worker killed),
the remaining pages are read here instead: slower, never lost.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..model import Article, InputError
from .archives import Source, compression_of, file_source, is_zip
from .decode import HEAD_BYTES
from .settings import Settings

Record = Article | InputError


def _read_file(path: str, article_id: str, settings: Settings) -> list[Record]:
    """Worker: every record of one file (a page: one Article or one InputError)."""
    from . import read_source

    try:
        return list(read_source(file_source(Path(path), article_id), settings))
    except Exception as exc:  # noqa: BLE001 - read_source reports its own; this is the last resort
        return [
            InputError(file=path, reason=f"unexpected error while reading ({type(exc).__name__})")
        ]


class PagePool:
    """Sends HTML files to worker processes; yields every result in submission order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.window = 4 * workers
        self.pending: deque[tuple[Source, Future[list[Record]] | None]] = deque()
        self.executor: ProcessPoolExecutor | None = None
        self.broken = workers < 2 or "fork" not in multiprocessing.get_all_start_methods()

    def wants(self, src: Source) -> bool:
        """True for an uncompressed file that sniffs as HTML (and while the pool works)."""
        if self.broken:
            return False
        from . import sniff

        try:
            head = src.head(HEAD_BYTES)
        except OSError:
            return False
        return not (compression_of(head) or is_zip(head)) and sniff(head, src.name) == "html"

    def submit(self, src: Source) -> Iterator[Record]:
        """Queue one page; yields the oldest results once the window is full."""
        future = None
        try:
            if self.executor is None:
                ctx = multiprocessing.get_context("fork")
                self.executor = ProcessPoolExecutor(self.workers, mp_context=ctx)
            future = self.executor.submit(_read_file, src.name, src.id, self.settings)
        except (OSError, RuntimeError, AssertionError, ValueError):  # cannot start a pool here
            self.broken = True
        self.pending.append((src, future))
        while len(self.pending) > self.window:
            yield from self._pop()

    def drain(self) -> Iterator[Record]:
        while self.pending:
            yield from self._pop()

    def _pop(self) -> Iterator[Record]:
        from . import read_source

        src, future = self.pending.popleft()
        if future is not None and not self.broken:
            try:
                yield from future.result()
                return
            except Exception:  # noqa: BLE001 - a broken pool: read this page here instead
                self.broken = True
        yield from read_source(src, self.settings)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
