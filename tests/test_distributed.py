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
    stats: dict = {}
    dask = distributed.brief([EXAMPLES], client, summary_words=60, partition_size=3,
                             stats=stats).to_dict()
    assert {"nlp_s", "group_s", "stories_s"} <= set(stats)
    assert len(stats["worker_peak_rss_mb"]) == len(stats["worker_cpu_s"]) == 2
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


# ------------------------------------------------------------------------------ add --dask
# A stream of a few hundred short invented reports: 24 events (six kinds of news in four made-up
# countries, each with its own people, places, numbers and dates), ten reports each written from
# shuffled sentence templates, plus exact copies under new ids, near-copies and repeated ids.
KINDS = {
    "fire": ("Fire guts {org} warehouse in {town}", [
        "A fire destroyed the {org} warehouse in {town} on {day}, and {n} firefighters fought the "
        "blaze for six hours.",
        "Fire chief {person} said the roof collapsed shortly after midnight.",
        "Nobody was hurt, but {n} workers at the {org} depot were sent home.",
        "Investigators in {town} are looking at an electrical fault, {person} told reporters.",
        "Smoke from the {org} site closed two roads into {town} until the morning.",
        "Residents of {town} were told to keep their windows shut while the fire burned."]),
    "flood": ("Floods cut off {town} after river bursts its banks", [
        "The river burst its banks in {town} on {day}, flooding {n} homes and the old market.",
        "Mayor {person} said boats from the {org} were taking families to the sports hall.",
        "Water rose by almost two metres overnight, the {org} said.",
        "Schools in {town} will stay closed until the water goes down, {person} said.",
        "Farmers near {town} lost crops on {n} hectares of flooded fields.",
        "Forecasters expect more rain over {town} later in the week."]),
    "strike": ("{org} workers walk out in {town}", [
        "About {n} workers at {org} in {town} went on strike on {day} over pay.",
        "Union leader {person} said the members rejected an offer of three percent.",
        "Production at the {org} plant in {town} stopped for the whole shift.",
        "{person} said talks with {org} managers would resume next week.",
        "The company said the strike in {town} would delay deliveries to customers.",
        "Pickets gathered outside the {org} gates in {town} before dawn."]),
    "bridge": ("Bridge collapses on {town} highway", [
        "A road bridge near {town} collapsed on {day}, sending {n} cars into the valley below.",
        "Transport minister {person} ordered checks on every bridge built by {org}.",
        "Rescuers from the {org} pulled survivors from the wreckage near {town}.",
        "{person} said the bridge had passed an inspection two years ago.",
        "Traffic around {town} was diverted onto narrow mountain roads.",
        "Engineers said corrosion may have weakened the steel cables of the {town} bridge."]),
    "election": ("{person} wins mayoral race in {town}", [
        "{person} won the mayoral election in {town} on {day} with {n} votes.",
        "The {org} candidate thanked volunteers at a rally in the centre of {town}.",
        "Turnout in {town} was the highest in two decades, officials said.",
        "{person} promised to build new housing and fix the {town} tram line.",
        "The defeated candidate congratulated {person} and the {org} on their victory.",
        "Counting in {town} finished shortly before midnight."]),
    "merger": ("{org} agrees takeover of rival in {town}", [
        "{org} agreed on {day} to buy its rival in {town} for {n} million crowns.",
        "Chief executive {person} said the deal would create the largest company in the region.",
        "Shares of {org} rose sharply after the announcement in {town}.",
        "{person} said no jobs would be cut at the {town} headquarters.",
        "Regulators must still approve the {org} deal, which is expected to close next year.",
        "Analysts in {town} called the price paid by {org} generous."]),
}
TOWNS = ["Marenza", "Tolvik", "Oskberg", "Halvik", "Brisca", "Almara", "Kelm", "Dornitz",
         "Varosa", "Lindby", "Castrel", "Pomery", "Quentin Bay", "Rosmark", "Sulden", "Tarvo",
         "Ulmen", "Vessel Point", "Wrenford", "Yarrow", "Zelow", "Arnhal", "Belcourt", "Dunmore"]
FIRST = ["Elena", "Piet", "Sanna", "Tomas", "Lucia", "Hana", "Milan", "Ines", "Oskar", "Greta",
         "Rafael", "Mirela", "Jonas", "Petra", "Viktor", "Alma", "Bruno", "Clara", "Dario", "Edit",
         "Felix", "Gloria", "Henrik", "Ilse"]
LAST = ["Rostova", "Lindqvist", "Holm", "Ferreira", "Varga", "Kovic", "Sabo", "Marquez", "Berg",
        "Novak", "Castellano", "Dragan", "Aalto", "Weber", "Orlov", "Quist", "Renner", "Soto",
        "Tamm", "Urban", "Vidal", "Wolff", "Yilmaz", "Zeller"]
ORGS = ["Red Cross", "Steel", "Rail", "Foods", "Power", "Textiles", "Post", "Motors"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
OUTLETS = ["Coast Daily", "Harbour Times", "Evening Ledger", "The Northern Star", "Metro Wire"]
WITNESS = ["a shopkeeper", "a retired teacher", "a taxi driver", "a student", "a nurse",
           "a local councillor", "a bus driver", "a baker"]
FEELING = ["frightening", "unbelievable", "long overdue", "a shock", "very sad", "a relief"]


def invented_stream(seed: int = 8) -> list[dict]:
    import random

    rng = random.Random(seed)
    rows: list[dict] = []
    for e in range(24):
        kind = list(KINDS)[e % len(KINDS)]
        title, sentences = KINDS[kind]
        slots = {"town": TOWNS[e], "person": f"{FIRST[e]} {LAST[(5 * e) % 24]}",
                 "org": f"{TOWNS[(e + 7) % 24]} {ORGS[e % 8]}", "n": 40 + 17 * e,
                 "day": DAYS[e % 6]}
        for j in range(10):
            paras = [s.format(**slots) for s in rng.sample(sentences, 4)]
            paras.insert(rng.randrange(1, 4), f"One witness, {rng.choice(WITNESS)}, called it "
                         f"{rng.choice(FEELING)}, {rng.choice(OUTLETS)} reported.")
            rows.append({"id": f"{kind}-{e}-{j}", "title": title.format(**slots),
                         "source": rng.choice(OUTLETS), "text": "\n\n".join(paras),
                         "published": f"2024-{1 + e % 12:02d}-{1 + e + j % 3:02d}"})
    rng.shuffle(rows)
    extra = []
    for i, r in enumerate(rows[:12]):  # the same text under another id: stored once
        extra.append({**r, "id": f"copy-{i}"})
    for i, r in enumerate(rows[12:20]):  # light edits: near-duplicates
        extra.append({**r, "id": f"near-{i}",
                      "text": r["text"] + "\n\nThe report was updated with new figures later."})
    extra += [dict(r) for r in rows[:5]]  # the same ids again: skipped
    stream = rows + extra
    rng.shuffle(stream)
    return stream


@pytest.fixture(scope="module")
def stream_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    path = tmp_path_factory.mktemp("stream") / "stream.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for row in invented_stream():
            fh.write(json.dumps(row) + "\n")
    return path


@pytest.fixture(scope="module")
def single_store(stream_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("single") / "single.sqlite"
    pipeline.add_to_store([stream_file], db, batch_size=60)
    return db


def stories_of(db_path: Path) -> list[set[str]]:
    from storyline.store import Store

    with Store(db_path) as db:
        by_story: dict[str, set[str]] = {}
        for aid, sid in db.assignments().items():
            by_story.setdefault(sid, set()).add(aid)
    return sorted(by_story.values(), key=min)


def test_dask_add_gives_the_single_process_store(client, stream_file: Path, single_store: Path,
                                                 tmp_path: Path) -> None:
    from storyline.store import Store

    db = tmp_path / "dask.sqlite"
    report = distributed.add([stream_file], db, client, batch_size=60)
    assert report.read == 265 and report.added == 248 and report.skipped == 17
    assert report.batches == 5  # 260 new ids, 60 a batch
    with Store(single_store) as one, Store(db) as two:
        assert two.dump() == one.dump()  # every row of every table
        assert two.story_count() == one.story_count()
    stories = stories_of(db)
    # a real grouping, not one story or one per article: no invented event is split
    assert 10 <= len(stories) <= 30
    event_of = {aid: aid.split("-")[1] for s in stories for aid in s if aid.count("-") == 2}
    for event in set(event_of.values()):
        assert sum(1 for s in stories if event in {event_of.get(a) for a in s}) == 1
    # a lightly edited copy or its original is flagged (whichever dedup visits later)
    with Store(db) as two:
        copy_of = {r[2]: r[7] for r in two.dump() if r[0] == "articles"}
    suffix = "\n\nThe report was updated with new figures later."
    source = {r["text"]: r["id"] for r in invented_stream() if not r["id"].startswith("near-")}
    for r in invented_stream():
        if r["id"].startswith("near-"):
            original = source[r["text"].removesuffix(suffix)]
            assert copy_of[r["id"]] is not None or copy_of[original] is not None
    again = distributed.add([stream_file], db, client, batch_size=60)
    assert (again.added, again.skipped, again.batches) == (0, 265, 0)


def test_dask_add_resumes_a_single_process_store(client, stream_file: Path, single_store: Path,
                                                 tmp_path: Path) -> None:
    from itertools import islice

    from storyline import ingest, store

    # a single-process run stopped after two batches (120 new ids), then the whole stream on Dask
    rows = invented_stream()
    n = next(i for i in range(1, len(rows) + 1) if len({r["id"] for r in rows[:i]}) == 120)
    db = tmp_path / "resumed.sqlite"
    with store.Store(db) as s:
        first = store.add(islice(ingest.read_paths([stream_file]), n), s, batch_size=60)
    assert first.batches == 2
    distributed.add([stream_file], db, client, batch_size=60)
    with store.Store(single_store) as one, store.Store(db) as two:
        assert two.dump() == one.dump()


def test_cli_add_dask(client, stream_file: Path, single_store: Path, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    from storyline import cli

    db = tmp_path / "cli.sqlite"
    address = client.scheduler.address
    assert cli.main(["add", str(stream_file), "--store", str(db), "--batch-size", "60", "-q",
                     "--dask", address]) == 0
    assert "added 248" in capsys.readouterr().err
    assert stories_of(db) == stories_of(single_store)
