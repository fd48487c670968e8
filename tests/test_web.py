"""The web app over a real store: auth on writes, body limits, response shapes, page safety."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from storyline.web import MAX_RECORDS, TOKEN_FILE, create_app, load_token
from test_render_html import INJECTIONS, PWN, TEXT_A, TEXT_B, TEXT_C

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RECORDS = [
    {"id": "bay-1", "text": TEXT_A, "title": "Harbour bridge closed after storm",
     "source": "Bay Herald", "url": "https://bayherald.example/bridge", "published": "2031-03-04"},
    {"id": "bay-2", "text": TEXT_B, "title": "Storm shuts Kestrel Bay bridge",
     "source": "Coast Radio", "published": "2031-03-05"},
    {"id": "bay-3", "text": TEXT_C, "title": "Bridge " + INJECTIONS[0], "source": INJECTIONS[1],
     "url": f"javascript:{PWN}", "published": "2031-03-09", "unknown_field": 1},
]
SCHEMA = Path(__file__).parents[1] / "src" / "storyline" / "schema" / "briefing.schema.json"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = tmp_path_factory.mktemp("web") / "store.sqlite"
    with TestClient(create_app(store, token=TOKEN, max_body=64 * 1024)) as c:
        r = c.post("/api/articles", json=RECORDS, headers=AUTH)
        assert r.status_code == 201, r.text
        c.added = r.json()  # type: ignore[attr-defined]
        yield c


def test_post_adds_articles_and_assigns_stories(client: TestClient) -> None:
    out = client.added  # type: ignore[attr-defined]
    assert (out["read"], out["added"], out["errors"]) == (3, 3, [])
    assert [a["id"] for a in out["articles"]] == ["bay-1", "bay-2", "bay-3"]
    listed = {s["id"]: s for s in client.get("/api/stories").json()}
    assert {a["story"] for a in out["articles"]} <= set(listed)
    assert sum(s["articles"] for s in listed.values()) == 3


def test_post_again_is_idempotent(client: TestClient) -> None:
    r = client.post("/api/articles", json=RECORDS[0], headers={"X-Storyline-Token": TOKEN})
    assert r.status_code == 201
    assert (r.json()["added"], r.json()["skipped"]) == (0, 1)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"},
                                     {"Authorization": f"Basic {TOKEN}"},
                                     {"X-Storyline-Token": TOKEN[:-1]}])
def test_post_needs_the_token(client: TestClient, headers: dict[str, str]) -> None:
    r = client.post("/api/articles", json={"text": "Something happened today."}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_body_limit_by_content_length(client: TestClient) -> None:
    big = {"text": "word " * 20_000}  # ~100 KB > the 64 KiB limit of this app
    r = client.post("/api/articles", json=big, headers=AUTH)
    assert r.status_code == 413


def test_body_limit_on_chunked_body(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    r = client.post("/api/articles", content=chunks(),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_record_validation(client: TestClient) -> None:
    assert client.post("/api/articles", json={"title": "no text"}, headers=AUTH).status_code == 422
    assert client.post("/api/articles", json={"text": ""}, headers=AUTH).status_code == 422
    many = [{"text": "x"}] * (MAX_RECORDS + 1)
    r = client.post("/api/articles", content=json.dumps(many).encode(),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422


def test_story_list_shape_and_search(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert set(stories[0]) == {"id", "headline", "articles", "first", "last", "url"}
    assert stories[0]["url"] == f"/stories/{stories[0]['id']}"
    # "Ferries" is only in an article body, not in any headline
    found = client.get("/api/stories", params={"q": "ferries"}).json()
    assert len(found) == 1 and found[0]["first"] <= "2031-03-04"
    assert client.get("/api/stories", params={"q": "100%_zebra"}).json() == []
    assert client.get("/api/stories", params={"q": "x" * 500}).status_code == 422


def test_story_briefing_json(client: TestClient) -> None:
    sid = client.added["articles"][0]["story"]  # type: ignore[attr-defined]
    r = client.get(f"/api/stories/{sid}")
    assert r.status_code == 200
    data = r.json()
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    (story,) = data["stories"]
    assert story["id"] == sid
    assert {a["id"] for a in data["articles"]} == set(story["articles"])
    assert "bay-1" in story["articles"]
    for s in story["summary"]:
        assert set(s["sources"]) <= set(story["articles"])


@pytest.mark.parametrize("sid", ["s999999", "abc", "s", "s1x", "s" + "9" * 40])
def test_unknown_story_is_404(client: TestClient, sid: str) -> None:
    assert client.get(f"/api/stories/{sid}").status_code == 404
    assert client.get(f"/stories/{sid}").status_code == 404


def test_pages_are_escaped_and_locked_down(client: TestClient) -> None:
    r = client.get("/", params={"q": INJECTIONS[0]})
    assert r.status_code == 200
    assert "<script>window" not in r.text and "&lt;script&gt;" in r.text
    sid = client.added["articles"][2]["story"]  # type: ignore[attr-defined]
    r = client.get(f"/stories/{sid}")
    assert r.status_code == 200
    policy = r.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.text.count("<script>") == 1 and PWN not in r.text.split("<script>")[1]
    assert 'href="javascript' not in r.text.lower()


def test_version_changes_on_write(client: TestClient) -> None:
    before = client.get("/api/version").json()["version"]
    r = client.post("/api/articles", json={"id": "other-1", "source": "Valley Post",
                                           "text": "The Orchard Valley cider festival opened "
                                                   "on Saturday with 80 stalls."}, headers=AUTH)
    assert r.status_code == 201 and r.json()["added"] == 1
    assert client.get("/api/version").json()["version"] != before


def test_host_header_is_checked(tmp_path: Path) -> None:
    app = create_app(tmp_path / "s.sqlite", token=TOKEN, allowed_hosts=["127.0.0.1"])
    assert TestClient(app).get("/api/stories").status_code == 400  # Host: testserver
    ok = TestClient(app, base_url="http://127.0.0.1:8123")
    assert ok.get("/api/stories").status_code == 200


def test_token_generated_once_and_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    token, created = load_token(tmp_path / "store.sqlite")
    assert created and len(token) >= 32
    assert stat.S_IMODE(os.stat(tmp_path / TOKEN_FILE).st_mode) == 0o600
    assert load_token(tmp_path / "store.sqlite") == (token, False)
    monkeypatch.setenv("STORYLINE_TOKEN", "from-env")
    assert load_token(tmp_path / "store.sqlite") == ("from-env", False)


def test_concurrent_posts_each_get_their_own_answer(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    towns = ["Ashford", "Brookmere", "Calder", "Dunmore", "Eastwick", "Fenwick"]

    def post(n: int) -> dict:
        town = towns[n % len(towns)]
        rec = {"id": f"conc-{n}", "source": "Wire",
               "text": f"Voters in {town} elected a new council of {n + 5} members on Sunday, "
                       f"officials in {town} said after the count."}
        # request 0 and 1 also both send one shared id: only one of them may add it
        shared = {"id": "conc-shared", "text": "A shared dispatch about the regional ferry "
                                               "timetable was published on Monday."}
        r = client.post("/api/articles", json=[rec, shared] if n < 2 else rec, headers=AUTH)
        assert r.status_code == 201, r.text
        return r.json()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post, range(8)))
    for n, out in enumerate(results):
        assert out["articles"][0]["id"] == f"conc-{n}"
        assert out["articles"][0]["story"] is not None
    assert sum(out["added"] for out in results) == 9
    assert sum(a["id"] == "conc-shared" for out in results[:2] for a in out["articles"]) == 2
    assert [out["added"] for out in results[:2]] in ([2, 1], [1, 2])
