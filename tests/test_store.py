"""The SQLite store: idempotent adds, kill-and-resume, incremental stories, CLI listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import cli, store
from storyline.model import Article
from test_group import QUAKE_A, QUAKE_B, STORIES, TRANSFER


def rows(items: list[tuple[str, str, str, str]]) -> list[Article]:
    return [Article(id=aid, title=title, published=pub, text=text) for aid, title, pub, text in items]


def write_jsonl(path: Path, items: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for aid, title, pub, text in items:
            fh.write(json.dumps({"id": aid, "title": title, "published": pub, "text": text}) + "\n")
    return path


STREAM = [QUAKE_A[0], QUAKE_B[0], TRANSFER[0], QUAKE_A[1], QUAKE_B[1], TRANSFER[1], QUAKE_A[2],
          QUAKE_B[2]]


def run_add(path: Path, items: list[tuple[str, str, str, str]], batch: int = 3) -> store.AddReport:
    with store.Store(path) as db:
        return store.add(rows(items), db, batch_size=batch)


def test_add_groups_and_is_idempotent(tmp_path: Path) -> None:
    db_path = tmp_path / "s.sqlite"
    first = run_add(db_path, STREAM)
    assert (first.added, first.skipped, first.batches) == (8, 0, 3)
    with store.Store(db_path) as db:
        dump = db.dump()
        stories = {}
        for aid, sid in db.assignments().items():
            stories.setdefault(sid, set()).add(aid)
        assert sorted(stories.values(), key=min) == sorted(STORIES, key=min)
        listed = db.stories()
        assert sorted(s["size"] for s in listed) == [2, 3, 3]
        quake_b = next(s for s in listed if s["first"] == "2011-03-11")
        assert (quake_b["last"], quake_b["headline"]) == ("2011-03-12", "Earthquake hits Northern Telmark")
    again = run_add(db_path, STREAM)
    assert (again.added, again.skipped) == (0, 8)
    # the same text under another id is stored once too
    renamed = [("copy-of-qa1", *QUAKE_A[0][1:])]
    assert run_add(db_path, renamed).added == 0
    with store.Store(db_path) as db:
        assert db.count() == 8
        assert [r for r in db.dump() if r[0] != "seen"] == [r for r in dump if r[0] != "seen"]


def test_failed_batch_leaves_no_trace_and_resume_matches_clean_run(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    clean_path, broken_path = tmp_path / "clean.sqlite", tmp_path / "broken.sqlite"
    run_add(clean_path, STREAM)

    real = store.Store.write_batch
    calls = {"n": 0}

    def failing(self: store.Store, raw_ids, articles, fail_after=None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        # the second batch dies half-way through writing its rows
        return real(self, raw_ids, articles, fail_after=1 if calls["n"] == 2 else None)

    monkeypatch.setattr(store.Store, "write_batch", failing)
    with pytest.raises(RuntimeError, match="simulated"):
        run_add(broken_path, STREAM)
    with store.Store(broken_path) as db:
        assert db.count() == 3  # only the first batch was committed
    monkeypatch.setattr(store.Store, "write_batch", real)
    resumed = run_add(broken_path, STREAM)
    assert (resumed.added, resumed.skipped) == (5, 3)
    with store.Store(clean_path) as a, store.Store(broken_path) as b:
        assert a.dump() == b.dump()


def test_later_batches_join_existing_stories(tmp_path: Path) -> None:
    db_path = tmp_path / "s.sqlite"
    run_add(db_path, QUAKE_A[:2] + QUAKE_B[:1])
    with store.Store(db_path) as db:
        before = db.assignments()
    run_add(db_path, [QUAKE_B[2], QUAKE_A[2]])
    with store.Store(db_path) as db:
        after = db.assignments()
        assert len(db.stories()) == 2
    assert after["qa3"] == before["qa1"] == after["qa1"]
    assert after["qb3"] == before["qb1"]


def test_cli_add_and_stories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", TRANSFER + QUAKE_B)
    db_path = str(tmp_path / "cli.sqlite")
    assert cli.main(["add", str(src), "--store", db_path, "-q"]) == 0
    assert "added 5" in capsys.readouterr().err
    assert cli.main(["stories", "--store", db_path, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(s["size"] for s in listed) == [2, 3]
    assert all(s["id"].startswith("s") and s["headline"] for s in listed)
    assert cli.main(["stories", "--store", db_path]) == 0
    table = capsys.readouterr().out
    assert "2011-03-11..2011-03-12" in table and "Bergqvist" in table
