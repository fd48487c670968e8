"""The pipeline's contract on small inputs: mixed kinds, bad inputs, the CLI flags and outputs.

Every input here is a handful of short articles written for this test, so each run parses only a
few texts (spaCy is loaded once per process through ``storyline.nlp.load``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline import cli
from storyline.model import Article, Briefing

BRIDGE_TXT = """Corran Gazette
Tuesday, April 8, 2025

Corran Bridge closed after inspectors find cracked bearings

Share on Facebook

The Corran Bridge was closed to all traffic on Tuesday after inspectors found cracks in two of its steel bearings, the regional roads agency said.

"We cannot let a single car across until the bearings are replaced," said Maja Oyelaran, the agency's chief inspector. The closure adds a detour of 40 kilometres for about 18,000 drivers a day.

Repairs are expected to take six weeks.
"""

BRIDGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Corran Bridge shut for six weeks | Valley Evening News</title>
<meta property="og:site_name" content="Valley Evening News">
<meta property="article:published_time" content="2025-04-09T07:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Corran Bridge shut for six weeks</h1>
<p>Drivers faced long queues on Wednesday after the Corran Bridge was closed because of cracked steel bearings found by inspectors on Tuesday.</p>
<p>Chief inspector Maja Oyelaran of the regional roads agency said that the repairs would take about six weeks and cost around 3 million euros.</p>
<p>About 18,000 vehicles cross the bridge every day, and the detour adds 40 kilometres to each journey.</p>
</article></main>
<footer><p>&copy; 2025 Valley Evening News</p></footer>
</body></html>
"""

LIBRARY = {
    "id": "feed-library",
    "title": "Fire damages old town library",
    "source": "Harbour Wire",
    "url": "https://harbourwire.example/library-fire",
    "published": "2025-04-08",
    "text": "A fire broke out in the roof of the old town library in Selby Cross on Tuesday night.\n\n"
            "Firefighters saved most of the 60,000 books, fire chief Tomas Reinholt said on "
            "Wednesday. \"The reading room is lost, but the archive is dry,\" he said.",
}
BRIDGE_RECORD = {
    "id": "feed-bridge",
    "title": "Corran Bridge closure: what drivers need to know",
    "source": "Harbour Wire",
    "published": "2025-04-09T10:00:00Z",
    "text": "<html><head><title>Corran Bridge closure</title></head><body><article><p>The Corran "
            "Bridge will stay closed for six weeks while two cracked steel bearings are replaced, "
            "the regional roads agency said on Wednesday.</p><p>Chief inspector Maja Oyelaran "
            "said that about 18,000 drivers a day would have to take a 40-kilometre detour.</p>"
            "</article></body></html>",
    "html": True,
}


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["brief", "--quiet", *args])
    out, err = capsys.readouterr()
    return code, out, err


def summary_words(story: dict[str, Any]) -> int:
    return sum(len(s["text"].split()) for s in story["summary"])


def assert_partition(b: Briefing) -> None:
    """Every article is in exactly one story and every story id names a known article."""
    counts = Counter(i for s in b.stories for i in s.articles)
    assert set(counts) == {a.id for a in b.articles}
    assert all(n == 1 for n in counts.values()), counts


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "bridge.txt").write_text(BRIDGE_TXT, encoding="utf-8")
    (d / "bridge.html").write_text(BRIDGE_HTML, encoding="utf-8")
    write_jsonl(d / "feed.jsonl", [LIBRARY, BRIDGE_RECORD])
    return d


# --------------------------------------------------------------------------- Python API
def test_mixed_directory_reads_every_kind(mixed_dir: Path) -> None:
    b = storyline.brief([mixed_dir])
    assert b.errors == []
    by_id = {a.id: a for a in b.articles}
    assert set(by_id) == {"bridge.txt", "bridge.html", "feed-library", "feed-bridge"}
    page = by_id["bridge.html"]
    assert page.source == "Valley Evening News"
    assert page.published == "2025-04-09"
    assert "Drivers faced long queues" in page.text and "<p>" not in page.text
    assert "Home" not in page.text.split("\n\n")  # navigation is not body text
    record = by_id["feed-library"]
    assert (record.title, record.source, record.published) == (
        "Fire damages old town library", "Harbour Wire", "2025-04-08")
    assert "60,000 books" in record.text
    html_record = by_id["feed-bridge"]
    assert "<" not in html_record.text and "cracked steel bearings" in html_record.text
    assert "Share on Facebook" not in by_id["bridge.txt"].text
    assert_partition(b)


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    good, broken = json.dumps(LIBRARY), '{"id": "cut-off", "text": "The Corran Bri'
    (tmp_path / "mixed.jsonl").write_text(
        f"{good}\n{broken}\n{json.dumps(BRIDGE_RECORD)}\n", encoding="utf-8")
    (tmp_path / "bridge.txt").write_text(BRIDGE_TXT, encoding="utf-8")

    b = storyline.brief([tmp_path])

    assert {a.id for a in b.articles} == {"bridge.txt", "feed-library", "feed-bridge"}
    assert_partition(b)
    errors = {Path(e.file).name: e for e in b.errors}
    assert set(errors) == {"empty.txt", "blob.bin", "mixed.jsonl"}
    assert "empty" in errors["empty.txt"].reason
    assert "binary" in errors["blob.bin"].reason
    assert errors["mixed.jsonl"].record == "line 2"
    assert all(e.reason for e in b.errors)


def test_a_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "bridge.txt").write_text(BRIDGE_TXT, encoding="utf-8")
    b = storyline.brief([tmp_path / "bridge.txt", tmp_path / "nowhere"])
    assert [a.id for a in b.articles] == ["bridge.txt"]
    assert [Path(e.file).name for e in b.errors] == ["nowhere"]


def test_ids_are_unique(tmp_path: Path) -> None:
    for sub in ("monday", "tuesday"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(BRIDGE_TXT.replace("Tuesday", sub.title()),
                                                  encoding="utf-8")
    twin = {**LIBRARY, "text": LIBRARY["text"] + "\n\nThe library will reopen in September."}
    write_jsonl(tmp_path / "feed.jsonl", [LIBRARY, twin])  # the feed repeats an id

    b = storyline.brief([tmp_path])

    ids = [a.id for a in b.articles]
    assert len(ids) == len(set(ids)) == 4
    assert {"monday/story.txt", "tuesday/story.txt", "feed-library"} <= set(ids)
    assert_partition(b)


def test_records_without_an_id_get_a_stable_one() -> None:
    record = {"text": LIBRARY["text"], "title": LIBRARY["title"]}
    first = storyline.brief([dict(record)]).articles[0].id
    again = storyline.brief([dict(record)]).articles[0].id
    assert first and first == again


# ------------------------------------------------------------------------------------ CLI
def test_cli_json_output(mixed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(mixed_dir), "--format", "json"], capsys)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert data["schema_version"] == "1"
    ids = {a["id"] for a in data["articles"]}
    assert ids == {"bridge.txt", "bridge.html", "feed-library", "feed-bridge"}
    in_stories = [i for s in data["stories"] for i in s["articles"]]
    assert sorted(in_stories) == sorted(ids)
    for story in data["stories"]:
        assert story["headline"]
        for sent in story["summary"]:
            assert set(sent["sources"]) <= set(story["articles"])


def test_cli_one_story(mixed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(mixed_dir), "--one-story", "--format", "json"], capsys)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    assert len(data["stories"]) == 1
    assert sorted(data["stories"][0]["articles"]) == sorted(a["id"] for a in data["articles"])


@pytest.mark.parametrize("cap", [12, 45])
def test_cli_summary_words_cap(mixed_dir: Path, capsys: pytest.CaptureFixture[str],
                               cap: int) -> None:
    code, out, _ = run_cli([str(mixed_dir), "--one-story", "--summary-words", str(cap),
                            "--format", "json"], capsys)
    assert code == cli.EXIT_OK
    data = json.loads(out)
    story = data["stories"][0]
    assert summary_words(story) <= cap
    if cap >= 45:  # room for at least one of the sentences (all shorter than 45 words)
        assert story["summary"]


def test_cli_markdown_output(mixed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([str(mixed_dir), "--one-story", "--format", "json"], capsys)
    story = json.loads(out)["stories"][0]
    code, md, _ = run_cli([str(mixed_dir), "--one-story", "--format", "md"], capsys)
    assert code == cli.EXIT_OK
    assert md.startswith("# ")
    assert story["headline"] in md
    assert all(" ".join(s["text"].split()) in " ".join(md.split()) for s in story["summary"])
    with pytest.raises(json.JSONDecodeError):
        json.loads(md)


def test_cli_writes_output_file(mixed_dir: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "briefing.json"
    code, out, _ = run_cli([str(mixed_dir), "--format", "json", "-o", str(target)], capsys)
    assert code == cli.EXIT_OK
    assert out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 4


def test_cli_reports_bad_input_and_still_briefs(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bridge.txt").write_text(BRIDGE_TXT, encoding="utf-8")
    code, out, err = run_cli([str(tmp_path), "--format", "json"], capsys)
    assert code == cli.EXIT_INPUT_ERRORS
    assert "empty.txt" in err
    data = json.loads(out)
    assert [a["id"] for a in data["articles"]] == ["bridge.txt"]
    assert [Path(e["file"]).name for e in data["errors"]] == ["empty.txt"]


def test_cli_unwritable_output_is_a_clear_error(mixed_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-dir" / "out.json"
    code, _, err = run_cli([str(mixed_dir), "--format", "json", "-o", str(target)], capsys)
    assert code == 1
    assert "no-such-dir" in err and "Traceback" not in err


def test_headline_comes_from_an_uncontradicted_article() -> None:
    from storyline.model import Finding
    from storyline.pipeline import _doubtful, headline

    spun = Article(id="s", text="x", title="Minister Quits Over Bridg Scandal!!",
                   published="2025-01-01")
    honest = Article(id="h", text="x", title="Transport minister resigns over bridge contracts",
                     published="2025-01-03")
    other = Article(id="o", text="x", title="Minister resigns", published="2025-01-04")
    arts = [spun, honest, other]
    assert headline(arts) == spun.title  # the earliest, when nothing is known against it
    findings = [Finding(article="s", kind="name", found="Bridg", expected="Bridge", support=["h"],
                        message="m"),
                Finding(article="s", kind="number", found="40", expected="4", support=["h"],
                        message="m"),
                Finding(article="o", kind="date", found="2025-01-04", expected="2025-01-02",
                        support=["h"], message="m")]
    doubtful = _doubtful(arts, findings)
    assert doubtful == {"s"}  # one contradicted claim is not enough to distrust an article
    assert headline(arts, doubtful) == honest.title


def test_stage_seconds_are_collected_when_asked() -> None:
    from storyline.pipeline import Options, build_story

    arts = [Article(id=f"a{i}", text="Mayor Jon Karlsson opened the new bridge on Friday. "
                    "\"It took four years,\" Karlsson said.", published="2025-05-02")
            for i in range(3)]
    times: dict[str, float] = {}
    story = build_story(arts, Options(progress=False, extra={"stage_seconds": times}))
    assert story.articles == ["a0", "a1", "a2"]
    assert set(times) == {"entities", "quotes", "facts", "consistency", "quality", "summary",
                          "timeline"}
    assert all(t >= 0 for t in times.values())
    build_story(arts, Options(progress=False))  # no hook: nothing collected, nothing breaks
