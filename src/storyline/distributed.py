"""The same pipeline on Dask: per-article stages in partitions, per-story stages one task each.

``brief``:

    driver:   ingest (streaming) ─► clean (needs run-wide boilerplate, < 1 ms/article)
    workers:  nlp.annotate on partitions of ~``partition_size`` articles (the spaCy model is loaded
              once per worker process and cached by :func:`storyline.nlp.load`)
    driver:   dedup ─► group (cheap: sparse vectors and MinHash over the annotated articles)
    workers:  build_story, one task per story
    driver:   assemble the Briefing in the single-process order

``add`` (the store, :func:`storyline.store.add` on Dask):

    driver:   ingest (streaming) ─► new ids ─► batches of ``batch_size`` input articles
    workers:  one task per batch: clean ─► in-batch exact copies ─► NER ─► dedup signatures
              (:func:`storyline.store.prepare_batch`); a window of batches is in flight
    driver:   per batch, in input order: texts already stored ─► dedup against the store ─►
              incremental grouping ─► one transaction (:func:`storyline.store.write_prepared`)

Every stage is the single-process function, called on the same inputs in the same order, so the
Dask run gives the same articles, the same story partition and the same briefings (for ``add``:
the same store, row for row, since a task is exactly one batch of the sequential run). spaCy ``Doc``
objects travel as ``Doc.to_bytes`` (the parse, tags, entities and sentence starts), and are
restored against the worker's own vocabulary.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .model import Article, Briefing, InputError, Story
from .pipeline import ArticleLike, Options, build_story, group, load_articles
from .store import AddReport

DEFAULT_PARTITION = 300


# ------------------------------------------------------------------------------ serialisation
_DOC_EXCLUDE = ["tensor", "user_data"]


def _doc_bytes(article: Article) -> bytes:
    return article._doc.to_bytes(exclude=_DOC_EXCLUDE)


def _restore_doc(article: Article, payload: bytes) -> None:
    from spacy.tokens import Doc

    from . import nlp

    article._doc = Doc(nlp.load().vocab).from_bytes(payload, exclude=_DOC_EXCLUDE)


def _without_doc(article: Article) -> Article:
    from dataclasses import replace

    return replace(article, _doc=None, flags=list(article.flags))


# ------------------------------------------------------------------------------ worker tasks
class Parsed:
    """One parsed partition, kept in the memory of the worker that parsed it: the articles
    (sentences, mentions; no Doc), their Docs as bytes and their dedup signatures."""

    def __init__(self, articles: list[Article], payloads: list[bytes], signatures: list) -> None:
        self.articles, self.payloads, self.signatures = articles, payloads, signatures


def annotate_partition(articles: list[Article], batch_size: int = 32) -> Parsed:
    """Worker: parse one partition and compute its dedup signatures."""
    from . import dedup, nlp

    nlp.annotate(articles, batch_size=batch_size, n_process=1)
    return Parsed([_without_doc(a) for a in articles], [_doc_bytes(a) for a in articles],
                  [dedup.signature(a) for a in articles])


def light_part(part: Parsed) -> tuple[list[Article], list]:
    """Worker: what the driver needs of a partition (no Doc bytes: they stay on the workers)."""
    return part.articles, part.signatures


def story_task(members: list[Article], where: list[tuple[int, int]], *parts: Parsed,
               options: Options) -> tuple[Story, list]:
    """Worker: every per-story stage over one story's articles.

    ``members`` are the driver's articles (with the dedup flags); ``where[i]`` = (index into
    ``parts``, index in that partition) locates the Doc of ``members[i]``; Dask brings the
    partitions this story needs to the worker that runs it.
    """
    for article, (p, i) in zip(members, where, strict=True):
        _restore_doc(article, parts[p].payloads[i])
    errors: list[InputError] = []
    story = build_story(members, options, errors)
    return story, errors


def partition_sizes(n: int, workers: int, largest: int = DEFAULT_PARTITION) -> int:
    """Articles per partition: at most ``largest``, and at least four partitions per worker
    (a worker that finishes early takes the next one, so the last partition is a short wait)."""
    return max(1, min(largest, -(-n // (4 * workers))))


# ------------------------------------------------------------------------------ the driver
@contextmanager
def client_for(address: str | Any, workers: int | None = None) -> Any:
    """A ``distributed.Client``: a given client, ``local`` (a LocalCluster of worker processes,
    one thread each) or a scheduler address."""
    import dask
    from dask.distributed import Client, LocalCluster

    if not isinstance(address, str):  # already a Client
        yield address
        return
    if address == "local":
        n = workers or os.cpu_count() or 1
        # the workers are the parallelism: spaCy must not fork again inside them
        env = {"STORYLINE_NLP_PROCESSES": "1", "OMP_NUM_THREADS": "1"}
        # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers, which turns off glibc's
        # adaptive mmap threshold: spaCy's large short-lived arrays are then mapped and unmapped
        # every time, and parsing costs ~40 % more CPU (measured, docs/scaling.md)
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}), \
                LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                             dashboard_address=None, scheduler_kwargs={"dashboard": False},
                             env=env) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def brief(
    inputs: Iterable[str | Path | ArticleLike],
    client: Any = "local",
    *,
    workers: int | None = None,
    one_story: bool = False,
    summary_words: int = 100,
    partition_size: int = DEFAULT_PARTITION,
    on_error: Any = None,
    stats: dict[str, Any] | None = None,
) -> Briefing:
    """:func:`storyline.pipeline.brief` on Dask; ``client`` is a Client, ``"local"`` or an
    address. Returns the same Briefing as the single-process run.

    ``stats``, when given, is filled with the wall seconds of each phase and the peak memory of
    each worker (what ``benchmarks/bench_dask.py`` reports).
    """
    from concurrent.futures import ThreadPoolExecutor

    from . import clean, dedup, store

    options = Options(one_story=one_story, summary_words=summary_words)
    clock = _Clock(stats)

    def read_and_clean() -> tuple[list[Article], list[InputError]]:
        raw, errs = load_articles(inputs, on_error=on_error)
        return clean.clean_articles(list(raw)), errs

    with ThreadPoolExecutor(1) as pool:
        reading = pool.submit(read_and_clean)  # while the cluster starts
        with client_for(client, workers) as cl:
            clock.lap("cluster_start")
            articles, errors = reading.result()
            clock.lap("ingest_clean")
            size = partition_sizes(len(articles), n_workers(cl), partition_size)
            parts = cl.map(annotate_partition,
                           [articles[i:i + size] for i in range(0, len(articles), size)],
                           pure=False)
            annotated: list[Article] = []
            signatures: list = []
            where: dict[str, tuple[int, int]] = {}
            for p, light in enumerate(cl.map(light_part, parts)):  # partition order = input order
                arts, sigs = light.result()
                for i, a in enumerate(arts):
                    where[a.id] = (p, i)
                annotated += arts
                signatures += sigs
            clock.lap("nlp")
            store.mark_with_signatures(annotated, signatures, dedup.MemoryIndex())
            clock.lap("dedup")
            groups = group(annotated, options)
            clock.lap("group")
            futures = []
            # largest stories first: the per-story cost grows faster than the story, and a big
            # story started last would leave the other workers idle
            for members in sorted(groups, key=len, reverse=True):
                needed = sorted({where[a.id][0] for a in members})
                slot = {p: k for k, p in enumerate(needed)}
                locs = [(slot[where[a.id][0]], where[a.id][1]) for a in members]
                futures.append(cl.submit(story_task, members, locs,
                                         *[parts[p] for p in needed], options=options,
                                         pure=False, priority=len(members)))
            built = {}
            for fut in futures:
                story, story_errors = fut.result()
                built[story.id] = (story, story_errors)
            clock.lap("stories")
            clock.workers(cl)
            del parts, futures
    stories: list[Story] = []
    for members in groups:  # errors in the single-process order
        story, story_errors = built[_story_key(members)]
        stories.append(story)
        errors.extend(story_errors)
    stories.sort(key=lambda s: (-len(s.articles), s.headline))
    return Briefing(articles=annotated, stories=stories, errors=errors)


def _story_key(members: list[Article]) -> str:
    from .pipeline import story_id

    return story_id(members)


class _Clock:
    """Phase timings into a stats dict (a no-op without one)."""

    def __init__(self, stats: dict[str, Any] | None) -> None:
        import time

        self.stats, self.now = stats, time.perf_counter
        self.t = self.now()

    def lap(self, phase: str) -> None:
        if self.stats is not None:
            t = self.now()
            self.stats[f"{phase}_s"] = round(t - self.t, 2)
            self.t = t

    def workers(self, client: Any) -> None:
        if self.stats is not None:
            usage = sorted(client.run(_usage).values())
            self.stats["worker_peak_rss_mb"] = [u[1] for u in usage]
            self.stats["worker_cpu_s"] = [u[0] for u in usage]
            self.stats["driver_cpu_s"] = _usage()[0]  # with the scheduler and nannies if local


def _usage() -> tuple[float, int]:
    """(CPU seconds, peak RSS MB) of this process."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return round(r.ru_utime + r.ru_stime, 1), r.ru_maxrss // 1024


def n_workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def add(
    paths: Iterable[str | Path],
    store_path: str | Path | None = None,
    client: Any = "local",
    *,
    workers: int | None = None,
    batch_size: int = 500,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> AddReport:
    """:func:`storyline.pipeline.add_to_store` on Dask: the same store, row for row.

    Each input batch is one task (clean, NER, dedup signatures on a worker); the driver writes
    the batches in input order, one transaction each, while the next ones are being prepared.
    Idempotent and resumable like the single-process ``add``.
    """
    from . import ingest, store

    report = AddReport()
    in_flight: set[str] = set()  # ids handed to workers, not yet committed
    window: deque[tuple[Any, list[str]]] = deque()
    with store.Store(store_path) as db, store.open_progress(progress) as bar, \
            client_for(client, workers) as cl:
        depth = 2 * n_workers(cl)  # enough queued work to keep every worker busy while we write

        def commit_oldest() -> None:
            future, ids = window.popleft()
            store.write_prepared(future.result(), db, report)
            future.release()
            in_flight.difference_update(ids)  # now in the store's ``seen``
            report.batches += 1
            bar.update(len(ids))

        batches = store._new_batches(ingest.read_paths(paths), db, batch_size, report, on_error,
                                     in_flight=in_flight)
        for raw in batches:
            ids = [a.id for a in raw]
            in_flight.update(ids)
            window.append((cl.submit(store.prepare_batch, raw, 1, pure=False), ids))
            while len(window) > depth:
                commit_oldest()
        while window:
            commit_oldest()
        report.stories = db.story_count()
    return report
