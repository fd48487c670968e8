"""The embedded store: SQLite (stdlib ``sqlite3``, WAL mode), one transaction per batch.

Tables
  articles  the cleaned article JSON (no NLP annotations: those are recomputed when a story is
            briefed), its content hash, dedup signature, flags and story
  lsh       dedup LSH band keys -> article id (dedup looks new articles up here, so it never needs
            the stored articles in memory)
  seen      every input id already handled, stored or dropped (an exact copy, an empty text): a
            resumed run skips them and so cuts its batches exactly where the first run did
  stories   id, size, date span, headline of each story
  state     the incremental grouper's state after the last committed batch

:func:`add` streams the input: raw articles -> new ids only -> batches of ``batch_size`` -> clean ->
new content only -> entities (spaCy NER only) -> dedup against the store -> incremental grouping
-> one transaction. Adding the same input twice changes nothing; a run killed half-way and run again
ends with exactly the store an uninterrupted run makes (batches are cut at the same articles and
every batch is all-or-nothing).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import dedup
from .model import Article, InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,            -- insertion order
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,          -- normalised-text hash: one copy of a text is kept
    story INTEGER,
    published TEXT,
    title TEXT,
    copy_of TEXT,
    data TEXT NOT NULL,                 -- Article JSON (cleaned; no sentences / mentions)
    sig BLOB NOT NULL                   -- dedup signature
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE TABLE IF NOT EXISTS lsh (
    kind TEXT NOT NULL, key INTEGER NOT NULL, id TEXT NOT NULL,
    PRIMARY KEY (kind, key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY, size INTEGER NOT NULL, first TEXT, last TEXT, headline TEXT
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value BLOB);
"""


def default_path() -> Path:
    """``<user data dir>/storyline/storyline.sqlite`` (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("storyline")) / "storyline.sqlite"


@dataclass
class AddReport:
    """What one ``add`` run did."""

    read: int = 0
    added: int = 0
    skipped: int = 0  # already stored (same id or same text)
    empty: int = 0  # nothing left after cleaning
    flagged: int = 0  # new articles flagged as copies
    batches: int = 0
    stories: int = 0  # stories in the store after the run
    errors: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        return (f"read {self.read}, added {self.added}, skipped {self.skipped} already stored, "
                f"{self.empty} empty, {self.flagged} flagged as copies, {len(self.errors)} input "
                f"errors; {self.stories} stories in the store")


class Store:
    """One SQLite store; use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)  # explicit transactions
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._pending: dict[str, dedup.Signature] = {}  # signatures of the batch being written

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ reading
    def is_seen(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen WHERE id=?", (article_id,)).fetchone() is not None

    def has_hash(self, h: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE hash=?", (h,)).fetchone() is not None

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def story_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def stories(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, size, first, last, headline FROM stories ORDER BY size DESC, id")
        return [{"id": f"s{r[0]}", "size": r[1], "first": r[2], "last": r[3], "headline": r[4]}
                for r in rows]

    def story_articles(self, story: str | int) -> list[Article]:
        sid = int(str(story).lstrip("s"))
        rows = self.db.execute("SELECT data FROM articles WHERE story=? ORDER BY seq", (sid,))
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    def assignments(self) -> dict[str, str]:
        return {r[0]: f"s{r[1]}" for r in self.db.execute("SELECT id, story FROM articles")}

    def grouper_state(self) -> bytes | None:
        row = self.db.execute("SELECT value FROM state WHERE key='grouper'").fetchone()
        return bytes(row[0]) if row else None

    def dump(self) -> list[tuple[Any, ...]]:
        """Every row of every table, in a fixed order (to compare two stores)."""
        out: list[tuple[Any, ...]] = []
        for table, order in (("articles", "seq"), ("lsh", "kind, key, id"), ("seen", "id"),
                             ("stories", "id"), ("state", "key")):
            out += [(table, *r) for r in self.db.execute(f"SELECT * FROM {table} ORDER BY {order}")]
        return out

    # ------------------------------------------------------------------ dedup index (Index protocol)
    def candidates(self, kind: str, keys: Sequence[int]) -> set[str]:
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = list(keys[i:i + 500])
            q = f"SELECT id FROM lsh WHERE kind=? AND key IN ({','.join('?' * len(chunk))})"
            out.update(r[0] for r in self.db.execute(q, (kind, *chunk)))
        return out

    def signature(self, article_id: str) -> dedup.Signature | None:
        row = self.db.execute("SELECT sig, copy_of FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            return self._pending.get(article_id)
        sig = _sig_from_blob(row[0])
        sig.copy_of = row[1]
        return sig

    def add(self, article_id: str, sig: dedup.Signature) -> None:
        # called by dedup inside the batch transaction: the article row is written right after
        self._pending[article_id] = sig
        # only originals go into the similarity bands (see dedup.Index)
        self.db.executemany("INSERT OR IGNORE INTO lsh(kind, key, id) VALUES (?, ?, ?)",
                            [(k, key, article_id) for k, ks in dedup.indexed_keys(sig).items()
                             for key in ks])

    # ------------------------------------------------------------------ writing one batch
    def write_batch(self, raw_ids: Sequence[str], articles: Sequence[Article],
                    fail_after: int | None = None,
                    signatures: Sequence[dedup.Signature] | None = None) -> int:
        """Dedup, group and store one batch of cleaned, entity-annotated articles atomically.

        ``raw_ids`` are all the input ids the batch consumed (stored or not). Returns the number
        of articles flagged as copies. ``signatures`` (one per article, computed elsewhere, e.g.
        on a Dask worker) spare dedup computing them here. ``fail_after`` (tests only) raises
        after that many rows.
        """
        from .group import StoryGrouper

        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._pending = {}
            if signatures is None:
                dedup.mark_duplicates(list(articles), index=self)
            else:
                mark_with_signatures(articles, signatures, self)
            grouper = StoryGrouper()
            state = self.grouper_state()
            if state is not None:
                grouper.set_state(state)
            merged_before = dict(grouper.merged_)
            assigned = grouper.update(articles)
            sigs = self._pending
            for n, a in enumerate(articles):
                if fail_after is not None and n >= fail_after:
                    raise RuntimeError("simulated failure mid-batch")
                data = a.to_dict()
                data.pop("sentences", None)
                data.pop("mentions", None)
                self.db.execute(
                    "INSERT INTO articles(id, hash, story, published, title, copy_of, data, sig) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, sigs[a.id].exact, grouper.resolve(assigned[a.id]), a.published, a.title,
                     a.copy_of, json.dumps(data, ensure_ascii=False, sort_keys=True),
                     _sig_to_blob(sigs[a.id])))
            touched = {grouper.resolve(assigned[a.id]) for a in articles}
            for old, new in grouper.merged_.items():
                if old not in merged_before:
                    new = grouper.resolve(new)
                    self.db.execute("UPDATE articles SET story=? WHERE story=?", (new, old))
                    self.db.execute("DELETE FROM stories WHERE id=?", (old,))
                    touched.add(new)
            for sid in sorted(touched):
                self._refresh_story(sid)
            self.db.executemany("INSERT OR IGNORE INTO seen(id) VALUES (?)", [(i,) for i in raw_ids])
            self.db.execute("INSERT OR REPLACE INTO state(key, value) VALUES ('grouper', ?)",
                            (grouper.get_state(),))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        finally:
            self._pending = {}
        return sum(1 for a in articles if a.copy_of)

    def mark_seen(self, raw_ids: Sequence[str]) -> None:
        """Record input ids that produced nothing to store (all copies or empty)."""
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO seen(id) VALUES (?)", [(i,) for i in raw_ids])

    def _refresh_story(self, sid: int) -> None:
        size, first, last = self.db.execute(
            "SELECT COUNT(*), MIN(published), MAX(published) FROM articles WHERE story=?", (sid,)
        ).fetchone()
        # headline: the earliest independent article with a title (as pipeline.headline)
        row = self.db.execute(
            "SELECT title FROM articles WHERE story=? AND title IS NOT NULL AND title != '' "
            "ORDER BY copy_of IS NOT NULL, COALESCE(published, '9999'), seq LIMIT 1", (sid,)
        ).fetchone()
        if row is None:
            row = self.db.execute("SELECT substr(json_extract(data, '$.text'), 1, 120) FROM "
                                  "articles WHERE story=? ORDER BY seq LIMIT 1", (sid,)).fetchone()
        self.db.execute("INSERT OR REPLACE INTO stories(id, size, first, last, headline) "
                        "VALUES (?, ?, ?, ?, ?)", (sid, size, first, last, row[0] if row else ""))


# ---------------------------------------------------------------------- the add run
def annotate_entities(articles: Sequence[Article], batch_size: int = 64,
                      n_process: int | None = None) -> None:
    """Named-entity mentions only: see :func:`storyline.nlp.annotate_entities`."""
    from . import nlp

    nlp.annotate_entities(articles, batch_size=batch_size, n_process=n_process)


def add(
    inputs: Iterable[Article | InputError],
    store: Store,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> AddReport:
    """Stream ``inputs`` (e.g. ``ingest.read_paths(...)``) into ``store``; see the module docs."""
    report = AddReport()
    for raw in _new_batches(inputs, store, batch_size, report, on_error):
        _add_batch(raw, store, report)
        report.batches += 1
        if progress is not None:
            progress(len(raw))
    report.stories = store.story_count()
    return report


def _new_batches(inputs: Iterable[Article | InputError], store: Store, batch_size: int,
                 report: AddReport, on_error: Callable[[InputError], None] | None,
                 in_flight: set[str] | None = None) -> Iterator[list[Article]]:
    """Batches of input articles whose ids the store has not seen (first of each id only).

    ``in_flight``: ids of batches handed out but not yet committed (a pipelined caller such as
    :func:`storyline.distributed.add` keeps it), treated as seen so batches are cut exactly as
    in the sequential run.
    """
    batch: list[Article] = []
    ids: set[str] = set()
    pending = in_flight if in_flight is not None else set()
    for rec in inputs:
        if isinstance(rec, InputError):
            report.errors.append(rec)
            if on_error is not None:
                on_error(rec)
            continue
        report.read += 1
        if rec.id in ids or rec.id in pending or store.is_seen(rec.id):
            report.skipped += 1
            continue
        ids.add(rec.id)
        batch.append(rec)
        if len(batch) >= batch_size:
            yield batch
            batch, ids = [], set()
    if batch:
        yield batch


def _add_batch(raw: list[Article], store: Store, report: AddReport,
               fail_after: int | None = None) -> None:
    from .clean import clean_articles

    raw_ids = [a.id for a in raw]
    cleaned = clean_articles(raw)
    report.empty += len(raw) - len(cleaned)
    fresh: list[Article] = []
    hashes: set[str] = set()
    for a in cleaned:
        h = dedup.signature_hash(a)
        if h in hashes or store.has_hash(h):
            report.skipped += 1
            continue
        hashes.add(h)
        fresh.append(a)
    if not fresh:
        store.mark_seen(raw_ids)
        return
    annotate_entities(fresh)
    report.flagged += store.write_batch(raw_ids, fresh, fail_after=fail_after)
    report.added += len(fresh)


# ---------------------------------------------------------------------- the same, in two halves
@dataclass
class PreparedBatch:
    """One input batch after the per-article stages (what a Dask worker sends back).

    ``articles`` are the cleaned, entity-annotated articles whose text is new within the batch
    (the store is not consulted: that happens on the driver), with their text hashes and dedup
    signatures; ``empty`` and ``repeated`` count the articles dropped as empty or as in-batch
    exact copies.
    """

    raw_ids: list[str]
    articles: list[Article]
    hashes: list[str]
    signatures: list[dedup.Signature]
    empty: int = 0
    repeated: int = 0


def prepare_batch(raw: list[Article], n_process: int | None = 1) -> PreparedBatch:
    """The per-article half of :func:`_add_batch`: clean, in-batch exact copies, NER, signatures.

    Needs no store, so it runs anywhere (a Dask worker); :func:`write_prepared` is the rest.
    """
    from .clean import clean_articles

    raw_ids = [a.id for a in raw]
    cleaned = clean_articles(raw)
    fresh: list[Article] = []
    hashes: dict[str, None] = {}  # insertion-ordered set
    for a in cleaned:
        h = dedup.signature_hash(a)
        if h in hashes:
            continue
        hashes[h] = None
        fresh.append(a)
    if fresh:
        annotate_entities(fresh, n_process=n_process)
    return PreparedBatch(raw_ids=raw_ids, articles=fresh, hashes=list(hashes),
                         signatures=[dedup.signature(a) for a in fresh],
                         empty=len(raw) - len(cleaned), repeated=len(cleaned) - len(fresh))


def write_prepared(batch: PreparedBatch, store: Store, report: AddReport) -> None:
    """The store half of :func:`_add_batch`: drop texts already stored, then dedup, group and
    write in one transaction. ``prepare_batch`` + this give the store ``_add_batch`` gives."""
    report.empty += batch.empty
    report.skipped += batch.repeated
    keep = [i for i, h in enumerate(batch.hashes) if not store.has_hash(h)]
    report.skipped += len(batch.hashes) - len(keep)
    if not keep:
        store.mark_seen(batch.raw_ids)
        return
    fresh = [batch.articles[i] for i in keep]
    report.flagged += store.write_batch(batch.raw_ids, fresh,
                                        signatures=[batch.signatures[i] for i in keep])
    report.added += len(fresh)


def mark_with_signatures(articles: Sequence[Article], signatures: Sequence[dedup.Signature],
                          index: dedup.Index) -> None:
    """:func:`dedup.mark_duplicates` with the signatures given (same order, same result)."""
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    for i in order:
        dedup.check_one(articles[i], signatures[i], index)
        index.add(articles[i].id, signatures[i])


def _sig_to_blob(sig: dedup.Signature) -> bytes:
    head = json.dumps({"exact": sig.exact, "n": sig.n_anchors, "p": sig.published}).encode()
    return len(head).to_bytes(4, "big") + head + sig.surface.tobytes() + sig.anchors.tobytes()


def _sig_from_blob(blob: bytes) -> dedup.Signature:
    n = int.from_bytes(blob[:4], "big")
    head = json.loads(blob[4:4 + n])
    arr = np.frombuffer(blob[4 + n:], dtype=np.uint64)
    half = len(arr) // 2
    return dedup.Signature(exact=head["exact"], surface=arr[:half].copy(),
                           anchors=arr[half:].copy(), n_anchors=head["n"], published=head["p"])


def open_progress(enabled: bool) -> Any:
    """A tqdm bar on stderr counting input articles (a no-op object when disabled)."""
    from tqdm import tqdm

    return tqdm(desc="adding", unit="art", file=sys.stderr, disable=not enabled)
