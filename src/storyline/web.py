"""The web app: the briefing pages live over the SQLite store, and a small REST API.

    GET  /                    story list (``?q=`` searches headlines and article text)
    GET  /stories/{id}        one story: the same page as the HTML report
    GET  /api/stories         story list as JSON (``?q=``, ``?limit=``, ``?offset=``)
    GET  /api/stories/{id}    the briefing JSON (``interfaces.md``) of that story
    POST /api/articles        article records (one object or a list); needs the token
    GET  /api/version         changes whenever the store changes (the pages poll it)
    GET  /docs                OpenAPI docs

Safe by default: ``storyline serve`` binds 127.0.0.1 and checks the Host header (no DNS
rebinding); writes need a bearer token (``STORYLINE_TOKEN``, or one generated on first start and
kept beside the store); request bodies are size-limited while they stream; pages carry a strict
Content-Security-Policy that allows only their own inline CSS/JS by hash.

Each request opens its own SQLite connection (WAL: readers never wait for the writer); writes and
briefing builds (spaCy) run one at a time. A story's briefing is cached until its articles change.
"""

from __future__ import annotations

import hmac
import json
import os
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import store as store_mod
from .model import Article, Briefing, InputError
from .render import html as render_html

MAX_BODY_BYTES = 16 * 1024 * 1024
MAX_RECORDS = 1000  # articles per POST
MAX_TEXT_CHARS = 2_000_000
MAX_QUERY_CHARS = 200
BRIEFING_CACHE = 64  # stories whose briefing is kept in memory
WRITE_TIMEOUT = 600.0  # seconds a POST waits for its batch
TOKEN_FILE = "storyline-token"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
_BEARER = HTTPBearer(auto_error=False, description="the token printed by `storyline serve`")


# ---------------------------------------------------------------- request / response models


class ArticleIn(BaseModel):
    """One article record (the JSONL input fields); only ``text`` is required."""

    model_config = ConfigDict(extra="ignore", strict=True)  # no 0 -> False, 1 -> "1" coercion
    id: str | None = Field(None, max_length=1000)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    html: bool = False
    title: str | None = Field(None, max_length=5000)
    source: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=5000)
    published: str | None = Field(None, max_length=100)


class StoryOut(BaseModel):
    id: str
    headline: str | None
    articles: int
    first: str | None
    last: str | None
    url: str


class AddedArticle(BaseModel):
    id: str
    story: str | None  # None when the text was already stored under another id


class AddOut(BaseModel):
    read: int
    added: int
    skipped: int  # already stored (same id or same text) or empty after cleaning
    flagged: int  # added, and flagged as a copy of a stored article
    stories: int
    articles: list[AddedArticle]
    errors: list[str]


# ---------------------------------------------------------------- the token


def load_token(store_path: Path) -> tuple[str, bool]:
    """The write token: ``STORYLINE_TOKEN``, else the one kept beside the store (made once).

    Returns the token and whether it was generated just now (the caller prints it then).
    """
    env = os.environ.get("STORYLINE_TOKEN", "").strip()
    if env:
        return env, False
    path = store_path.parent / TOKEN_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip(), False
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token, True


# ---------------------------------------------------------------- body limit and headers


class _Guard:
    """Pure ASGI middleware: caps request bodies while they stream, adds safety headers."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
               (b"x-frame-options", b"DENY"), (b"cross-origin-resource-policy", b"same-origin")]

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, b"request body too large")
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.max_body:  # chunked bodies have no Content-Length: count them
                raise HTTPException(413, "request body too large")
            return msg

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = list(msg.get("headers", [])) + self.HEADERS
            await send(msg)

        await self.app(scope, limited, with_headers)


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *_Guard.HEADERS]})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------- the app


class _State:
    """What the routes share: the store path, per-thread connections, the briefing cache."""

    def __init__(self, store_path: Path, summary_words: int) -> None:
        self.store_path = store_path
        self.summary_words = summary_words
        self.local = threading.local()
        self.build_lock = threading.Lock()  # one spaCy pipeline run at a time
        self.cache_lock = threading.Lock()
        self.cache: OrderedDict[str, tuple[tuple[int, int], Briefing, bytes]] = OrderedDict()
        self.writer = _Writer(store_path)

    def db(self) -> store_mod.Store:
        """This thread's connection (sqlite3 connections stay in the thread that made them)."""
        db = getattr(self.local, "db", None)
        if db is None:
            db = self.local.db = store_mod.Store(self.store_path)
        return db

    def briefing(self, sid: str) -> tuple[Briefing, bytes]:
        """The story's briefing (object and JSON), rebuilt only when its articles changed."""
        size, last = self.db().db.execute(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM articles WHERE story=?",
            (int(sid[1:]),)).fetchone()
        if size == 0:
            raise HTTPException(404, f"no story {sid}")
        version = (int(size), int(last))
        with self.cache_lock:
            hit = self.cache.get(sid)
            if hit is not None and hit[0] == version:
                self.cache.move_to_end(sid)
                return hit[1], hit[2]
        with self.build_lock:
            with self.cache_lock:
                hit = self.cache.get(sid)
            if hit is None or hit[0] != version:  # not built by the request we waited for
                from .pipeline import brief_from_store

                built = brief_from_store(self.store_path, story=sid,
                                         summary_words=self.summary_words)
                body = json.dumps(built.to_dict(), ensure_ascii=False).encode("utf-8")
                hit = (version, built, body)
                with self.cache_lock:
                    self.cache[sid] = hit
                    while len(self.cache) > BRIEFING_CACHE:
                        self.cache.popitem(last=False)
            return hit[1], hit[2]


class _Writer:
    """Group commit: one thread adds what concurrent POSTs bring as one batch.

    Each ``store.add`` pays fixed costs (a spaCy batch, the grouper's state, a transaction), so
    twenty clients posting at once are served by one add of twenty articles, not twenty adds.
    """

    MAX_BATCH = 256

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.jobs: queue.Queue[tuple[list[Article | InputError], Future[AddOut]] | None] = (
            queue.Queue())
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def submit(self, items: list[Article | InputError]) -> AddOut:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="storyline-writer",
                                               daemon=True)
                self.thread.start()
        done: Future[AddOut] = Future()
        self.jobs.put((items, done))
        return done.result(timeout=WRITE_TIMEOUT)

    def stop(self) -> None:
        if self.thread is not None:
            self.jobs.put(None)
            self.thread.join(WRITE_TIMEOUT)
            self.thread = None

    def _run(self) -> None:
        with store_mod.Store(self.store_path) as db:
            while (job := self.jobs.get()) is not None:
                batch = [job]
                size = len(job[0])
                while size < self.MAX_BATCH:
                    try:
                        more = self.jobs.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        self.jobs.put(None)  # stop after this batch
                        break
                    batch.append(more)
                    size += len(more[0])
                try:
                    for result, (_, done) in zip(self._add(db, [j[0] for j in batch]), batch,
                                                 strict=True):
                        done.set_result(result)
                except Exception as exc:  # noqa: BLE001 - every waiting request gets the error
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)

    @staticmethod
    def _add(db: store_mod.Store, requests: list[list[Article | InputError]]) -> list[AddOut]:
        ids = [a.id for items in requests for a in items if isinstance(a, Article)]
        seen = {i for i in set(ids) if db.is_seen(i)}
        report = store_mod.add([x for items in requests for x in items], db)
        rows = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows.update({r[0]: (r[1], r[2]) for r in db.db.execute(
                "SELECT id, story, copy_of FROM articles "
                f"WHERE id IN ({','.join('?' * len(chunk))})", chunk)})
        out = []
        for items in requests:
            arts = [a for a in items if isinstance(a, Article)]
            new = [a for a in arts if a.id in rows and a.id not in seen]
            seen.update(a.id for a in new)  # the same id in two requests: the first added it
            out.append(AddOut(
                read=len(items), added=len(new), skipped=len(arts) - len(new),
                flagged=sum(1 for a in new if rows[a.id][1]), stories=report.stories,
                articles=[AddedArticle(id=a.id, story=f"s{rows[a.id][0]}" if a.id in rows
                                       else None) for a in arts],
                errors=[str(e) for e in items if isinstance(e, InputError)]))
        return out


def create_app(store_path: str | Path | None = None, *, token: str | None = None,
               max_body: int = MAX_BODY_BYTES, allowed_hosts: list[str] | None = None,
               summary_words: int = 100) -> FastAPI:
    """The app over the store at ``store_path`` (default store when None).

    ``token`` defaults to :func:`load_token`; ``allowed_hosts`` (Host header names) is checked
    when given.
    """
    path = Path(store_path) if store_path is not None else store_mod.default_path()
    state = _State(path, summary_words)
    if token is None:
        token = load_token(path)[0]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state.writer.stop()

    app = FastAPI(title="Storyline", version="1", lifespan=lifespan,
                  description="Stories and cited, source-checked briefings from news articles.")
    app.state.storyline = state
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(_Guard, max_body=max_body)

    def require_token(request: Request,
                      cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]
                      ) -> None:
        given = cred.credentials if cred else request.headers.get("x-storyline-token", "")
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid token is required to write",
                                headers={"WWW-Authenticate": "Bearer"})

    def page(html: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(html, status, headers={
            "Content-Security-Policy": render_html.csp(live=True), "Cache-Control": "no-store"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "") -> HTMLResponse:
        db = state.db()
        rows = _story_rows(db, q.strip())
        count, version = db.count(), _version(db)
        return page(render_html.render_index(rows, query=q, articles=count, poll="/api/version",
                                             version=version))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        if not _valid_id(story_id):
            return page("<!doctype html><title>Not found</title><p>No such story.</p>", 404)
        briefing, _ = state.briefing(story_id)
        return page(render_html.render_story_page(briefing, briefing.stories[0], index_href="/"))

    @app.get("/api/version", tags=["stories"])
    def version() -> dict[str, str]:
        return {"version": _version(state.db())}

    @app.get("/api/stories", response_model=list[StoryOut], tags=["stories"])
    def list_stories(q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
                     limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
                     offset: Annotated[int, Query(ge=0)] = 0) -> list[StoryOut]:
        rows = _search(state.db(), q.strip())[offset:offset + limit]
        return [StoryOut(id=r["id"], headline=r["headline"], articles=r["size"], first=r["first"],
                         last=r["last"], url=f"/stories/{r['id']}") for r in rows]

    @app.get("/api/stories/{story_id}", tags=["stories"],
             responses={404: {"description": "no such story"}})
    def get_story(story_id: str) -> Response:
        """The briefing JSON of one story (schema_version, articles, stories: [the story])."""
        if not _valid_id(story_id):
            raise HTTPException(404, f"no story {story_id}")
        return Response(state.briefing(story_id)[1], media_type="application/json")

    @app.post("/api/articles", response_model=AddOut, status_code=201, tags=["articles"],
              dependencies=[Depends(require_token)],
              responses={400: {"description": "body is not valid JSON"},
                         401: {"description": "missing or wrong token"},
                         413: {"description": "body too large"}})
    def post_articles(
        body: Annotated[ArticleIn | Annotated[list[ArticleIn], Field(max_length=MAX_RECORDS)],
                        Body()],
    ) -> AddOut:
        """Add article records (one object or a list) and update the stories incrementally."""
        from .ingest import article_from_record

        records = body if isinstance(body, list) else [body]
        articles: list[Article | InputError] = []
        for n, rec in enumerate(records):
            try:
                articles.append(article_from_record(rec.model_dump(), origin="<api>"))
            except ValueError as exc:
                articles.append(InputError(file="<api>", reason=str(exc), record=str(n)))
        return state.writer.submit(articles)

    return app


# ---------------------------------------------------------------- queries


def _valid_id(story_id: str) -> bool:
    return len(story_id) <= 19 and story_id[:1] == "s" and story_id[1:].isdigit()


def _version(db: store_mod.Store) -> str:
    seq, stories = db.db.execute(
        "SELECT COALESCE(MAX(seq), 0), (SELECT COUNT(*) FROM stories) FROM articles").fetchone()
    return f"{seq}.{stories}"


def _search(db: store_mod.Store, q: str) -> list[dict[str, Any]]:
    """Stories whose headline or any article (title, text, source) contains ``q``."""
    rows = db.stories()
    if not q:
        return rows
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    hits = {f"s{r[0]}" for r in db.db.execute(
        "SELECT DISTINCT story FROM articles WHERE data LIKE ? ESCAPE '\\'", (like,))}
    low = q.lower()
    return [r for r in rows if r["id"] in hits or low in (r["headline"] or "").lower()]


def _story_rows(db: store_mod.Store, q: str) -> list[render_html.StoryRow]:
    rows = _search(db, q)
    outlets: dict[str, list[str]] = {}
    for story, source in db.db.execute(
            "SELECT DISTINCT story, json_extract(data, '$.source') FROM articles "
            "WHERE json_extract(data, '$.source') IS NOT NULL ORDER BY 2"):
        outlets.setdefault(f"s{story}", []).append(source)
    out = []
    for r in rows:
        first, last = r["first"] or "", r["last"] or ""
        span = first if first == last or not last else f"{first} – {last}"
        names = outlets.get(r["id"], [])
        out.append(render_html.StoryRow(
            r["id"], r["headline"] or "", r["size"], span,
            ", ".join(names[:6]) + (" …" if len(names) > 6 else ""), f"/stories/{r['id']}"))
    return out


def serve(store_path: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          summary_words: int = 100) -> None:
    """Run the app with uvicorn (``storyline serve``)."""
    import sys

    import uvicorn

    path = Path(store_path) if store_path is not None else store_mod.default_path()
    token, created = load_token(path)
    if created:
        print(f"storyline: generated a write token (kept in {path.parent / TOKEN_FILE}):\n"
              f"  {token}", file=sys.stderr)
    elif not os.environ.get("STORYLINE_TOKEN"):
        print(f"storyline: write token in {path.parent / TOKEN_FILE}", file=sys.stderr)
    loopback = host in LOOPBACK_HOSTS
    if not loopback:
        print(f"storyline: warning: serving on {host}, reachable from other machines",
              file=sys.stderr)
    # a loopback server answers only to loopback names: a web page elsewhere cannot reach it
    # through a DNS name rebound to 127.0.0.1
    app = create_app(path, token=token, allowed_hosts=LOOPBACK_HOSTS if loopback else None,
                     summary_words=summary_words)
    print(f"storyline: serving {path} on http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="warning")
