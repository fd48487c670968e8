"""The Dask run equals the single-process run (same articles, stories and briefings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import distributed, pipeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    env = {"STORYLINE_NLP_PROCESSES": "1"}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard": False}, env=env) as cluster, \
            Client(cluster) as cl:
        yield cl


def test_dask_run_equals_single_process_run(client) -> None:
    single = pipeline.brief([EXAMPLES], summary_words=60).to_dict()
    # small partitions: the articles are spread over both workers and several tasks
    dask = distributed.brief([EXAMPLES], client, summary_words=60, partition_size=3).to_dict()
    assert [a["id"] for a in dask["articles"]] == [a["id"] for a in single["articles"]]
    assert dask["articles"] == single["articles"]
    assert [s["articles"] for s in dask["stories"]] == [s["articles"] for s in single["stories"]]
    for got, want in zip(dask["stories"], single["stories"], strict=True):
        for key in want:
            assert got[key] == want[key], f"story {want['id']}: {key} differs"
    assert dask["errors"] == single["errors"]


def test_dask_one_story_and_errors_are_kept(client, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Firefighters in Dunmore contained a warehouse blaze on Friday night after four hours.\n\n"
        "Chief officer Lena Brandt said nobody was hurt and the cause was under investigation.\n",
        encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    b = distributed.brief([tmp_path], client, one_story=True, summary_words=30)
    assert [a.id for a in b.articles] == ["good.txt"]
    assert len(b.stories) == 1 and b.stories[0].articles == ["good.txt"]
    assert any(e.file.endswith("empty.txt") for e in b.errors)
    assert b.stories[0].summary and all(s.sources == ["good.txt"] for s in b.stories[0].summary)
