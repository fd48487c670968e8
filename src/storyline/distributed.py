"""The same pipeline on Dask: per-article stages in partitions, per-story stages one task each.

    driver:   ingest (streaming) ─► clean (needs run-wide boilerplate, < 1 ms/article)
    workers:  nlp.annotate on partitions of ~``partition_size`` articles (the spaCy model is loaded
              once per worker process and cached by :func:`storyline.nlp.load`)
    driver:   dedup ─► group (cheap: sparse vectors and MinHash over the annotated articles)
    workers:  build_story, one task per story
    driver:   assemble the Briefing in the single-process order

Every stage is the single-process function, called on the same inputs in the same order, so the
Dask run gives the same articles, the same story partition and the same briefings. spaCy ``Doc``
objects travel as ``Doc.to_bytes`` (the parse, tags, entities and sentence starts), and are
restored against the worker's own vocabulary.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .model import Article, Briefing, InputError, Story
from .pipeline import ArticleLike, Options, build_story, group, load_articles

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
