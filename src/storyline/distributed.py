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
def annotate_partition(
    articles: list[Article], batch_size: int = 32
) -> list[tuple[Article, bytes]]:
    """Worker: parse one partition; each article comes back with its Doc as bytes."""
    from . import nlp

    nlp.annotate(articles, batch_size=batch_size, n_process=1)
    return [(_without_doc(a), _doc_bytes(a)) for a in articles]


def story_task(members: list[tuple[Article, bytes]], options: Options) -> tuple[Story, list]:
    """Worker: every per-story stage over one story's articles."""
    articles = []
    for article, payload in members:
        _restore_doc(article, payload)
        articles.append(article)
    errors: list[InputError] = []
    story = build_story(articles, options, errors)
    return story, errors


# ------------------------------------------------------------------------------ the driver
@contextmanager
def client_for(address: str | Any, workers: int | None = None) -> Any:
    """A ``distributed.Client``: a given client, ``local`` (a LocalCluster of worker processes,
    one thread each) or a scheduler address."""
    from dask.distributed import Client, LocalCluster

    if not isinstance(address, str):  # already a Client
        yield address
        return
    if address == "local":
        n = workers or os.cpu_count() or 1
        # the workers are the parallelism: spaCy must not fork again inside them
        env = {"STORYLINE_NLP_PROCESSES": "1", "OMP_NUM_THREADS": "1"}
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
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
) -> Briefing:
    """:func:`storyline.pipeline.brief` on Dask; ``client`` is a Client, ``"local"`` or an
    address. Returns the same Briefing as the single-process run."""
    from . import clean, dedup

    options = Options(one_story=one_story, summary_words=summary_words)
    raw, errors = load_articles(inputs, on_error=on_error)
    articles = clean.clean_articles(list(raw))
    with client_for(client, workers) as cl:
        parts = [articles[i:i + partition_size] for i in range(0, len(articles), partition_size)]
        annotated: list[Article] = []
        doc_bytes: dict[str, bytes] = {}
        for fut in cl.map(annotate_partition, parts, pure=False):  # partition order = input order
            for article, payload in fut.result():
                annotated.append(article)
                doc_bytes[article.id] = payload
        dedup.mark_duplicates(annotated)
        groups = group(annotated, options)
        futures = [
            cl.submit(story_task, [(_without_doc(a), doc_bytes[a.id]) for a in members], options,
                      pure=False)
            for members in groups
        ]
        stories: list[Story] = []
        for fut in futures:
            story, story_errors = fut.result()
            stories.append(story)
            errors.extend(story_errors)
    stories.sort(key=lambda s: (-len(s.articles), s.headline))
    return Briefing(articles=annotated, stories=stories, errors=errors)


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
