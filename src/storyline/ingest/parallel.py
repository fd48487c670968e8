"""HTML extraction on several cores, results still yielded in input order.

trafilatura costs tens of milliseconds per page and pages are independent, so pages (files of a
directory, response records of a WARC) are the one place ingest gains from more processes. Work
goes out as ``fn(*args) -> list[record]`` tasks; results come back in submission order, so output
never depends on timing, and a bounded window of pending tasks keeps memory flat while the caller
keeps streaming. If a pool cannot start (no ``fork``, a daemonic parent) or breaks (a worker was
killed), tasks run in this process instead: slower, never lost.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..model import Article, InputError
from .archives import Source, compression_of, file_source, is_zip
from .decode import HEAD_BYTES
from .settings import Settings

Record = Article | InputError
Task = Callable[..., list[Record]]


class OrderedPool:
    """Runs tasks in worker processes (``workers`` >= 2) and yields their results in order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = 4 * workers
        self.pending: deque[tuple[Task, tuple[Any, ...], Future[list[Record]] | None]] = deque()
        self.executor: ProcessPoolExecutor | None = None
        self.broken = workers < 2 or "fork" not in multiprocessing.get_all_start_methods()

    @property
    def active(self) -> bool:
        return not self.broken

    def submit(self, fn: Task, *args: Any) -> Iterator[Record]:
        """Queue ``fn(*args)``; yields the oldest results once the window is full."""
        future = None
        if not self.broken:
            try:
                if self.executor is None:
                    ctx = multiprocessing.get_context("fork")  # workers inherit the imports
                    self.executor = ProcessPoolExecutor(self.workers, mp_context=ctx)
                future = self.executor.submit(fn, *args)
            except (OSError, RuntimeError, AssertionError, ValueError):  # no pool possible here
                self.broken = True
        self.pending.append((fn, args, future))
        while len(self.pending) > self.window:
            yield from self._pop()

    def drain(self) -> Iterator[Record]:
        while self.pending:
            yield from self._pop()

    def _pop(self) -> Iterator[Record]:
        fn, args, future = self.pending.popleft()
        if future is not None and not self.broken:
            try:
                yield from future.result()
                return
            except Exception:  # noqa: BLE001 - a broken pool: run this task here instead
                self.broken = True
        yield from fn(*args)

    def close(self) -> None:
        self.pending.clear()
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None


def is_page(src: Source) -> bool:
    """True for an uncompressed file that sniffs as HTML: worth sending to a worker."""
    from . import sniff

    try:
        head = src.head(HEAD_BYTES)
    except OSError:
        return False
    return not (compression_of(head) or is_zip(head)) and sniff(head, src.name) == "html"


def read_file(path: str, article_id: str, settings: Settings) -> list[Record]:
    """Task: every record of one file (for a page, one Article or one InputError)."""
    from . import read_source

    try:
        return list(read_source(file_source(Path(path), article_id), settings))
    except Exception as exc:  # noqa: BLE001 - read_source reports its own; this is the last resort
        reason = f"unexpected error while reading ({type(exc).__name__})"
        return [InputError(file=path, reason=reason)]
