"""Ingest: every input kind from small hand-written files, and every bad input as an InputError."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import Settings, article_from_record, normalise_date, read_paths, sniff
from storyline.model import Article, InputError

PARAS = [
    "The harbour board in Kestrel Bay voted on Tuesday to close the old ferry pier after engineers "
    "found deep cracks in two of its concrete supports during a routine inspection.",
    "Board chair Miriam Oduya said the pier would stay shut for at least six months while a "
    "replacement deck is designed, and that ferries would dock at the cargo quay in the meantime.",
    "Local traders warned that the detour adds twenty minutes to every crossing and could cost the "
    "waterfront cafés a large share of their summer trade, which peaks in the school holidays.",
    "The repair is expected to cost about 4.2 million dollars, most of it paid from the port's "
    "reserve fund, with the remainder coming from a regional infrastructure grant.",
]
BODY = "\n\n".join(PARAS)


def page(title: str = "Kestrel Bay closes ferry pier after cracks found", extra: str = "") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Coast Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Coast Courier">
<meta property="article:published_time" content="2024-05-14T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>
{paras}
</article>{extra}
<footer><p>Copyright Coast Courier. All rights reserved.</p></footer>
</body></html>"""


def run(*paths: Path | str, **kw: object) -> tuple[list[Article], list[InputError]]:
    out = list(read_paths(list(paths), **kw))  # type: ignore[arg-type]
    arts = [x for x in out if isinstance(x, Article)]
    errs = [x for x in out if isinstance(x, InputError)]
    assert len(arts) + len(errs) == len(out)
    return arts, errs


# ---------------------------------------------------------------------------------------------
# one kind at a time


def test_plain_text_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "pier.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "top.txt").write_text(PARAS[0], encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(PARAS[1], encoding="utf-8")
    arts, errs = run(tmp_path)
    assert not errs
    assert sorted(a.id for a in arts) == ["a/b/pier.txt", "top.txt"]
    pier = next(a for a in arts if a.id == "a/b/pier.txt")
    assert pier.text == BODY and pier.html is False
    # a file given directly gets its name as id
    arts, _ = run(tmp_path / "a" / "b" / "pier.txt")
    assert [a.id for a in arts] == ["pier.txt"]


def test_jsonl_records_broken_lines_and_html_records(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "one",
                "text": BODY,
                "title": "Pier shut",
                "source": "Courier",
                "url": "https://courier.example/pier",
                "published": "2024-05-14T09:00:00+02:00",
            }
        ),
        '{"id": "cut", "text": "this line stops in the mi',
        json.dumps({"id": "no-text", "title": "Nothing"}),
        json.dumps({"id": "int-text", "text": 42}),
        json.dumps(
            {
                "text": PARAS[2],
                "url": "https://courier.example/traders",
                "title": ["not", "a", "string"],
                "published": "the day before yesterday",
            }
        ),
        json.dumps({"text": PARAS[3]}),
        json.dumps({"id": "page", "html": True, "text": page()}),
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errs = run(f)
    by_id = {a.id: a for a in arts}
    assert by_id["one"].published == "2024-05-14"
    assert by_id["one"].source == "Courier"
    traders = by_id["https://courier.example/traders"]  # no id: the URL
    assert traders.title is None and traders.published is None
    assert len([a for a in arts if len(a.id) == 16]) == 1  # no id, no URL: a content hash
    html_rec = by_id["page"]
    assert "<p>" not in html_rec.text and html_rec.html is False
    assert "Miriam Oduya" in html_rec.text and "\n\n" in html_rec.text
    assert html_rec.title == "Kestrel Bay closes ferry pier after cracks found"
    assert html_rec.published == "2024-05-14"
    assert sorted(e.record for e in errs) == ["line 2", "line 3", "line 4"]
    assert all(e.file == str(f) for e in errs)
    assert "not valid JSON" in errs[0].reason


def test_html_page_text_title_date_and_paragraphs(tmp_path: Path) -> None:
    f = tmp_path / "pier.html"
    f.write_text(page(), encoding="utf-8")
    arts, errs = run(tmp_path)
    assert not errs
    (a,) = arts
    assert a.id == "pier.html"
    assert a.title == "Kestrel Bay closes ferry pier after cracks found"
    assert a.published == "2024-05-14"
    assert a.source == "Coast Courier"
    assert PARAS[1] in a.text.split("\n\n")
    assert "All rights reserved" not in a.text and "Sport" not in a.text


def test_html_content_in_a_txt_file_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(page(), encoding="utf-8")
    (a,), _ = run(tmp_path)
    assert "<p>" not in a.text and "Miriam Oduya" in a.text
    assert sniff(page().encode()) == "html"
    assert sniff(b'{"text": "x"}\n') == "jsonl"
    assert sniff(b"id,headline,body\n1,a,b\n") == "csv"
    assert sniff(b"Just a sentence.\n") == "text"
    assert sniff(b"WARC/1.0\r\n") == "warc"


def _warc(records: list[tuple[str, str, bytes, str]], gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, status, body, ctype in records:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = w.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2023-02-01T10:00:00Z"},
        )
        w.write_record(rec)
    return buf.getvalue()


def test_warc_response_records_become_articles(tmp_path: Path) -> None:
    no_date = page().replace(
        '<meta property="article:published_time" content="2024-05-14T09:00:00Z">', ""
    )
    data = _warc(
        [
            (
                "https://courier.example/pier",
                "200 OK",
                no_date.encode(),
                "text/html; charset=utf-8",
            ),
            (
                "https://courier.example/logo.png",
                "200 OK",
                b"\x89PNG\r\n\x1a\n" + bytes(200),
                "image/png",
            ),
            (
                "https://courier.example/gone",
                "404 Not Found",
                b"<html><body>gone</body></html>",
                "text/html",
            ),
        ]
    )
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    arts, errs = run(f)
    assert not errs
    (a,) = arts
    assert a.id == a.url == "https://courier.example/pier"
    assert a.published == "2023-02-01"  # the page has no date: WARC-Date
    assert "Miriam Oduya" in a.text


def test_truncated_warc_keeps_records_before_the_cut(tmp_path: Path) -> None:
    pages = [
        (
            f"https://courier.example/{i}",
            "200 OK",
            page(f"Story number {i} of the day").encode(),
            "text/html",
        )
        for i in range(3)
    ]
    data = _warc(pages, gz=False)
    f = tmp_path / "cut.warc"
    f.write_bytes(data[: int(len(data) * 0.85)])
    arts, errs = run(f)
    assert [a.id for a in arts] == ["https://courier.example/0", "https://courier.example/1"]
    assert len(errs) == 1 and "truncated" in errs[0].reason and errs[0].record


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Item {i}</title><link>https://courier.example/i{i}</link>"
        f"<pubDate>Tue, 14 May 2024 08:30:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{PARAS[i]}</p><p>{PARAS[i + 1]}</p>]]></description></item>"
        for i in range(2)
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>{items}</channel></rss>'
    (tmp_path / "news.xml").write_text(rss, encoding="utf-8")
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bay</title>'
        f"<entry><title>Full</title><id>urn:bay:1</id><updated>2024-05-15T08:00:00Z</updated>"
        f'<summary>Short teaser.</summary><content type="html">&lt;p&gt;{PARAS[3]}&lt;/p&gt;</content></entry>'
        "</feed>"
    )
    (tmp_path / "bay.atom").write_text(atom, encoding="utf-8")
    arts, errs = run(tmp_path)
    assert not errs
    by_id = {a.id: a for a in arts}
    i0 = by_id["https://courier.example/i0"]
    assert i0.text == PARAS[0] + "\n\n" + PARAS[1]
    assert i0.title == "Item 0" and i0.source == "Courier" and i0.published == "2024-05-14"
    full = by_id["urn:bay:1"]
    assert full.text == PARAS[3]  # full content beats the summary
    assert full.published == "2024-05-15"


def test_csv_and_tsv_columns_mapped_by_name(tmp_path: Path) -> None:
    s = io.StringIO()
    w = csv.writer(s)
    w.writerow(["Headline", "Body", "Outlet", "Link", "PubDate"])
    w.writerow(["Pier shut", BODY, "Courier", "https://courier.example/pier", "14 May 2024"])
    w.writerow(["Short", ""])
    (tmp_path / "a.csv").write_text(s.getvalue(), encoding="utf-8")
    (tmp_path / "b.tsv").write_text(
        "id\ttitle\ttext\nt-1\tTraders\t" + PARAS[2] + "\n", encoding="utf-8"
    )
    (tmp_path / "c.csv").write_text("name,age\nx,3\n", encoding="utf-8")
    arts, errs = run(tmp_path)
    by_id = {a.id: a for a in arts}
    pier = by_id["https://courier.example/pier"]
    assert pier.text == BODY and pier.title == "Pier shut" and pier.source == "Courier"
    assert pier.published == "2024-05-14"
    assert by_id["t-1"].text == PARAS[2]
    assert {(Path(e.file).name, e.record) for e in errs} == {("a.csv", "line 9"), ("c.csv", None)}


def test_gz_and_zip_wrappers(tmp_path: Path) -> None:
    (tmp_path / "pier.html.gz").write_bytes(gzip.compress(page().encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/story.txt", BODY)
        zf.writestr("recs.jsonl", json.dumps({"id": "z1", "text": PARAS[0]}) + "\n")
    (tmp_path / "bundle.zip").write_bytes(buf.getvalue())
    arts, errs = run(tmp_path)
    assert not errs
    ids = {a.id for a in arts}
    assert ids == {"pier.html.gz", "bundle.zip/inner/story.txt", "z1"}
    assert "Miriam Oduya" in next(a for a in arts if a.id == "pier.html.gz").text


def test_encodings_cp1252_utf16_bom_and_no_bom(tmp_path: Path) -> None:
    text = "Café owners in Malmö said the naïve plan “won’t work” — a €2.5 million budget."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u16le.txt").write_bytes(text.encode("utf-16-le"))
    mixed = "Straße".encode() + b" and caf\xe9 \x93quoted\x94"
    (tmp_path / "mixed.txt").write_bytes(mixed)
    declared = page().replace('charset="utf-8"', 'charset="iso-8859-1"').replace("cafés", "cafés")
    (tmp_path / "latin.html").write_bytes(declared.encode("latin-1"))
    stale = page().replace('charset="utf-8"', 'charset="iso-8859-1"')  # re-saved as UTF-8
    (tmp_path / "stale.html").write_bytes(stale.encode("utf-8"))
    arts, errs = run(tmp_path)
    assert not errs
    by_id = {a.id: a.text for a in arts}
    assert by_id["cp.txt"] == text
    assert by_id["u16.txt"] == text
    assert by_id["u16le.txt"] == text
    assert by_id["mixed.txt"] == "Straße and café “quoted”"
    assert "waterfront cafés" in by_id["latin.html"]
    assert "waterfront cafés" in by_id["stale.html"]


def test_bad_files_each_give_one_named_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"  \n\n\t")
    (tmp_path / "noise.html").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(BODY.encode() * 50)[:300])
    links = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(40))
    (tmp_path / "nav.html").write_text(
        f"<html><head><title>Home</title></head><body><nav><ul>{links}</ul></nav>"
        "<footer>Cookie settings · Privacy · Terms</footer></body></html>",
        encoding="utf-8",
    )
    arts, errs = run(tmp_path, tmp_path / "missing.txt")
    assert not arts
    reasons = {Path(e.file).name: e.reason for e in errs}
    assert len(errs) == len(reasons) == 6
    assert reasons["empty.txt"] == "empty file"
    assert "empty" in reasons["blank.jsonl"]
    assert "binary" in reasons["noise.html"]
    assert "truncated" in reasons["cut.txt.gz"]
    assert "no article text" in reasons["nav.html"]
    assert "no such file" in reasons["missing.txt"]


def test_enormous_page_is_slimmed_or_refused(tmp_path: Path) -> None:
    blob = "<script>var x = '" + "y" * 400_000 + "';</script>"
    (tmp_path / "scripty.html").write_text(page(extra=blob), encoding="utf-8")
    (tmp_path / "wordy.html").write_text(
        page(extra="<div>" + "word " * 80_000 + "</div>"), encoding="utf-8"
    )
    arts, errs = run(tmp_path, settings=Settings(max_html_bytes=200_000))
    assert [a.id for a in arts] == ["scripty.html"]  # scripts cut: under the limit again
    assert len(errs) == 1 and errs[0].file.endswith("wordy.html") and "limit" in errs[0].reason


def test_article_from_record_reasons_and_dates() -> None:
    a = article_from_record({"text": "Body.", "id": 7, "html": "false"}, "<api>")
    assert a.id == "7" and a.path == "<api>"
    for bad, why in [
        ({"title": "x"}, "no 'text'"),
        ({"text": 3}, "must be a string"),
        ({"text": "  "}, "empty"),
        ({"text": "x", "html": [1]}, "'html'"),
    ]:
        with pytest.raises(ValueError, match=why):
            article_from_record(bad, "<api>")
    assert normalise_date("2024-02-30") is None
    assert normalise_date("March 5, 2024 10:00 EST") == "2024-03-05"
    assert normalise_date(1709625600) == "2024-03-05"
    assert normalise_date("Tuesday") is None


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.sampled_from(
        [
            b"",
            b"\x1f\x8b\x08\x00",
            b"PK\x03\x04",
            b"WARC/1.0\r\n",
            b"<html><p>",
            b'{"text": "',
            b"<?xml version='1.0'?><rss><item>",
            b"id,text\n",
            b"\xff\xfe",
        ]
    ),
    data=st.binary(max_size=3000),
    name=st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.csv", "x.warc.gz", "x.rss", "x.zip"]),
)
def test_read_paths_never_raises_on_random_bytes(
    tmp_path: Path, prefix: bytes, data: bytes, name: str
) -> None:
    f = tmp_path / name
    f.write_bytes(prefix + data)
    for rec in read_paths([f]):
        assert isinstance(rec, Article | InputError)
        if isinstance(rec, Article):
            assert rec.text.strip() and "\x00" not in rec.text


def test_pages_in_worker_processes_keep_order_and_content(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.html").write_text(page(f"Story number {i} of the day"), encoding="utf-8")
    (tmp_path / "p1b.jsonl").write_text(
        json.dumps({"id": "j", "text": PARAS[0]}) + "\n", encoding="utf-8"
    )
    (tmp_path / "p2b.html").write_bytes(b"")
    serial = list(read_paths([tmp_path], Settings(workers=1)))
    parallel = list(read_paths([tmp_path], Settings(workers=2)))
    assert [type(r).__name__ for r in serial] == [
        "Article",
        "Article",
        "Article",
        "Article",
        "InputError",
    ]
    assert serial == parallel


def test_recursion_bomb_pages(tmp_path: Path) -> None:
    depth = 5000  # far past libxml2's depth limit
    inside = (
        page()
        .replace("<article>", "<article>" + "<div>" * depth)
        .replace("</article>", "</div>" * depth + "</article>")
    )
    (tmp_path / "inside.html").write_text(inside, encoding="utf-8")
    (tmp_path / "after.html").write_text(
        page(extra="<div>" * depth + "deep" + "</div>" * depth), encoding="utf-8"
    )
    (tmp_path / "only.html").write_text(
        "<html><body>" + "<div>" * depth + "</div>" * depth + "</body></html>", encoding="utf-8"
    )
    arts, errs = run(tmp_path)
    assert sorted(a.id for a in arts) == ["after.html", "inside.html"]
    assert all(PARAS[2] in a.text for a in arts)
    assert [Path(e.file).name for e in errs] == ["only.html"] and "nested" in errs[0].reason


def test_json_array_file_and_hostile_feed(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(
        json.dumps([{"id": "a1", "text": PARAS[0]}, {"title": "no text"}]), encoding="utf-8"
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<rss version="2.0"><channel><title>F</title><item><title>T</title>'
        f"<description>{PARAS[1]} &x;</description></item></channel></rss>"
    )
    (tmp_path / "x.rss").write_text(feed, encoding="utf-8")
    arts, errs = run(tmp_path / "list.json", tmp_path / "x.rss")
    assert [a.id for a in arts][0] == "a1"
    assert [(Path(e.file).name, e.record) for e in errs] == [("list.json", "item 2")]
    feed_art = arts[1]
    assert "Miriam Oduya" in feed_art.text and "CANARY" not in feed_art.text


def test_warc_pages_in_worker_processes_keep_archive_order(tmp_path: Path) -> None:
    pages = [
        (
            f"https://courier.example/{i}",
            "200 OK",
            page(f"Story number {i} of the day").encode(),
            "text/html",
        )
        for i in range(7)
    ]
    pages.insert(
        5,
        (
            "https://courier.example/nav",
            "200 OK",
            b"<html><body><nav>Home</nav></body></html>",
            "text/html",
        ),
    )
    (tmp_path / "many.warc.gz").write_bytes(_warc(pages))
    serial = list(read_paths([tmp_path], Settings(workers=1)))
    parallel = list(read_paths([tmp_path], Settings(workers=2)))
    assert serial == parallel
    assert [getattr(r, "id", "error") for r in serial][4:7] == [
        "https://courier.example/4",
        "error",
        "https://courier.example/5",
    ]
