"""The HTML report: citations land on their passages, findings are marked, nothing executes.

The briefing is built by hand (no NLP) from three short articles written for this test; the third
carries an injection corpus in every field a scraper could fill.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from storyline.model import (
    Article,
    Briefing,
    Entity,
    Fact,
    Finding,
    Quote,
    Sentence,
    SourceQuality,
    Story,
    SummarySentence,
    TimelineEvent,
)
from storyline.render import render
from storyline.render.html import find_passage, safe_url, to_html

PWN = "window.__pwned=1"
INJECTIONS = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f'"><svg onload={PWN}>',
    f"'><a href=javascript:{PWN}>x</a>",
    f"</textarea></style></script><script>{PWN}</script>",
    "<iframe srcdoc='<script>parent.__pwned=1</script>'></iframe>",
    f"<body onload={PWN}>",
    "{{ 7*7 }}{% raw %}",
]
BAD_URLS = [f"javascript:{PWN}", f" JaVaScRiPt:{PWN}", "data:text/html,<script>x</script>",
            "vbscript:msgbox(1)", "//evil.example/x", "https://ok.example/a b"]

TEXT_A = (
    "Harbour bridge closed after storm\n\n"
    "The Kestrel Bay harbour bridge was closed on Tuesday after a storm damaged two of its "
    "supports, the city council said. Engineers will inspect the structure over the next 14 days. "
    "\"Nobody will cross it until we are sure it is safe,\" said Mayor Ilse Varga.\n\n"
    "Ferries will run every 20 minutes while the bridge stays shut."
)
TEXT_B = (
    "Storm shuts Kestrel Bay bridge\n\n"
    "A storm on Monday night damaged two supports of the harbour bridge in Kestrel Bay, which "
    "the council closed on Tuesday. Inspections are expected to take 14 days, according to "
    "Mayor Ilse Varga.\n\n"
    "The ferry service will be doubled during the closure."
)
TEXT_C = (
    "Kestrel Bay bridge closed after storm " + INJECTIONS[0] + "\n\n"
    "The Kestrel Bay harbour bridge was closed on Tuesday after a storm damaged two of its "
    "supports, the city council said. Engineers will inspect the structure over the next 40 days. "
    + " ".join(INJECTIONS) + "\n\n"
    "Mayor Ilsa Vargas said nobody would cross it until it was safe."
)


def split_sentences(text: str) -> list[Sentence]:
    """Stand-in for NLP: sentence ends and paragraph breaks, with offsets into ``text``."""
    out: list[Sentence] = []
    for para, m in enumerate(re.finditer(r"[^\n]+", text)):
        for s in re.finditer(r"\S.*?(?:[.!?](?=\s|$)|$)", m.group()):
            out.append(Sentence(len(out), s.group(), m.start() + s.start(), m.start() + s.end(),
                                para))
    return out


def make_briefing(with_sentences: bool = True) -> Briefing:
    arts = [
        Article("a1", TEXT_A, title="Harbour bridge closed after storm", source="Bay Herald",
                url="https://bayherald.example/bridge", published="2031-03-04"),
        Article("a2", TEXT_B, title="Storm shuts Kestrel Bay bridge", source="Coast Radio",
                url="http://coastradio.example/news/1", published="2031-03-05"),
        Article("evil", TEXT_C, title="Bridge " + " ".join(INJECTIONS),
                source=INJECTIONS[1] + " Daily", url=BAD_URLS[0], published="2031-03-09",
                dateline=INJECTIONS[2], flags=["spun", "copy-of:a1", INJECTIONS[3]],
                copy_of="a1"),
    ]
    if with_sentences:
        for a in arts:
            a.sentences = split_sentences(a.text)
    first = arts[0].sentences[1].text if with_sentences else (
        "The Kestrel Bay harbour bridge was closed on Tuesday after a storm damaged two of its "
        "supports, the city council said.")
    story = Story(
        id="s1", headline=arts[0].title or "", articles=["a1", "a2", "evil"],
        summary=[
            SummarySentence(first, ["a1", "a2", "evil"], article="a1", sentence=1),
            SummarySentence("Ferries will run every 20 minutes while the bridge stays shut.",
                            ["a1"], article="a1", sentence=4),
            SummarySentence(INJECTIONS[0] + " " + INJECTIONS[1], ["evil"], article="evil",
                            sentence=0),
        ],
        entities=[
            Entity("Ilse Varga", "PERSON", roles=["Mayor", INJECTIONS[4]],
                   variants=["Ilse Varga", "Ilsa Vargas", INJECTIONS[5]],
                   articles=["a1", "a2", "evil"]),
            Entity("Kestrel Bay", "GPE", articles=["a1", "a2", "evil"]),
            Entity("city council", "ORG", articles=["a1", "evil"]),
        ],
        quotes=[Quote("Ilse Varga", "Nobody will cross it until we are sure it is safe,", "a1",
                      cue="said"),
                Quote(INJECTIONS[6], INJECTIONS[0], "evil", direct=False)],
        facts=[Fact("number", "14 days", "inspection", ["a1", "a2"], independent=2),
               Fact("number", "40 days", "inspection", ["evil"], independent=1),
               Fact("title", INJECTIONS[1], INJECTIONS[2], ["evil"])],
        findings=[
            Finding("evil", "number", "40 days", "14 days", ["a1", "a2"],
                    "Says the inspection takes 40 days; the other sources say 14 days."),
            Finding("evil", "name", "Ilsa Vargas", "Ilse Varga", ["a1", "a2"],
                    "Spells the mayor's name differently from every other source."),
            Finding("evil", "other", INJECTIONS[0], INJECTIONS[1], ["a1"], INJECTIONS[4]),
        ],
        timeline=[TimelineEvent("2031-03-03", "A storm damages the bridge.", ["a2"]),
                  TimelineEvent("2031-03-04", "The council closes the bridge.", ["a1", "a2"]),
                  TimelineEvent("not-a-date", INJECTIONS[0], ["evil"])],
        quality=[SourceQuality("a1", 1.0), SourceQuality("a2", 0.95),
                 SourceQuality("evil", 0.3, ["2 findings", INJECTIONS[1]])],
    )
    other = Story(id="s2", headline=INJECTIONS[2], articles=[])
    return Briefing(articles=arts, stories=[story, other])


class Page(HTMLParser):
    """Tags, attributes, script/style bodies and the text under each element id."""

    VOID = {"meta", "br", "input", "img", "link", "hr", "rect", "circle", "line"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in self.raw:
            self.raw[tag].append("")
        if tag not in self.VOID and not tag.endswith("/"):
            self._open.append((tag, a.get("id")))
            if a.get("id"):
                self.text_by_id.setdefault(a["id"] or "", "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] in self.raw:
            self.raw[self._open[-1][0]][-1] += data
        for _, ident in self._open:
            if ident:
                self.text_by_id[ident] += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture(scope="module")
def page_html() -> str:
    return to_html(make_briefing())


@pytest.fixture(scope="module")
def page(page_html: str) -> Page:
    return Page(page_html)


def test_injection_corpus_is_escaped(page_html: str, page: Page) -> None:
    assert len(page.all("script")) == 1
    assert PWN not in page.raw["script"][0]
    for tag in ("img", "iframe", "textarea"):
        assert page.all(tag) == [], tag
    assert [t for t, _ in page.tags].count("body") == 1
    for tag, attrs in page.tags:
        for name in attrs:
            assert not name.lower().startswith("on"), (tag, name)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page_html
    assert "{{ 7*7 }}{% raw %}" in page_html  # data is never evaluated as a template


def test_only_http_links_and_page_anchors(page: Page) -> None:
    hrefs = [a.get("href") or "" for t, a in page.tags if "href" in a]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#") or re.match(r"https?://", href), href
        assert "javascript" not in href.lower()
    external = {h for h in hrefs if not h.startswith("#")}
    assert external == {"https://bayherald.example/bridge", "http://coastradio.example/news/1"}
    ids = set(page.text_by_id)
    dangling = [h for h in hrefs if h.startswith("#") and h[1:] not in ids]
    assert dangling == []


@pytest.mark.parametrize("url", BAD_URLS)
def test_safe_url_rejects_other_schemes(url: str) -> None:
    assert safe_url(url) is None


def test_safe_url_keeps_http() -> None:
    assert safe_url("https://a.example/x?y=1#z") == "https://a.example/x?y=1#z"
    assert safe_url("HTTP://a.example") == "HTTP://a.example"


def test_csp_hashes_match_inline_assets(page: Page) -> None:
    (meta,) = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    policy = meta["content"] or ""
    assert "default-src 'none'" in policy
    for kind, body in (("script", page.raw["script"][0]), ("style", page.raw["style"][0])):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy


def _summary_cites(page: Page) -> list[list[str]]:
    """The citation hrefs of each summary bullet, in order."""
    html_cites: list[list[str]] = []
    inside = False
    for tag, attrs in page.tags:
        if tag == "ul":
            inside = attrs.get("class") == "summary"
        elif inside and tag == "li":
            html_cites.append([])
        elif inside and tag == "a" and attrs.get("class") == "cite":
            html_cites[-1].append(attrs["href"] or "")
        elif tag in ("h3", "div"):
            inside = False
    return html_cites


def test_citations_point_at_the_cited_sentence(page: Page) -> None:
    cites = _summary_cites(page)
    assert [len(c) for c in cites] == [3, 1, 1]
    first = make_briefing().stories[0].summary[0].text
    for href in cites[0]:
        target = page.text_by_id[href[1:]]
        # a1 and the copy hold the sentence verbatim, a2 holds a paraphrase: its closest sentence
        assert ("storm" in target and "supports" in target), (href, target)
    assert page.text_by_id[cites[0][0][1:]] == first
    assert page.text_by_id[cites[1][0][1:]].startswith("Ferries will run every 20 minutes")


def test_findings_are_marked_in_the_article_text(page_html: str, page: Page) -> None:
    marks = [a for a in page.all("mark") if a.get("id")]
    texts = {a["id"]: page.text_by_id[a["id"] or ""] for a in marks}
    assert texts == {"st1-f1": "40 days", "st1-f2": "Ilsa Vargas", "st1-f3": INJECTIONS[0]}
    # the list links to the mark
    assert {a["href"] for a in page.all("a")} >= {"#st1-f1", "#st1-f2", "#st1-f3"}
    assert all(a.get("class") == "finding" for a in page.all("mark"))
    assert "No disagreements found" in page_html  # the second story has none


def test_timeline_chart_and_bars(page: Page) -> None:
    assert len(page.all("circle")) == 2  # the undated event is listed but not charted
    timeline_items = [a for t, a in page.tags if t == "li" and (a.get("id") or "").startswith("st1-t")]
    assert len(timeline_items) == 3
    fills = [a for a in page.all("rect") if "fill" in (a.get("class") or "")]
    widths = [float(a["width"] or 0) for a in fills]
    # facts: 14 days has 2 of the 2 independent sources (the copy counts as its original)
    assert widths[:2] == [100.0, 50.0]


def test_story_list_meta(page_html: str) -> None:
    assert "3 articles · 2031-03-04 – 2031-03-09" in page_html
    assert "Bay Herald, Coast Radio" in page_html


def test_loaded_from_json_without_sentences_degrades_to_text_search() -> None:
    briefing = Briefing.from_dict(make_briefing(with_sentences=False).to_dict())
    assert all(not a.sentences for a in briefing.articles)
    page = Page(to_html(briefing))
    cites = _summary_cites(page)
    first = briefing.stories[0].summary[0].text
    assert page.text_by_id[cites[0][0][1:]] == first  # a1: found by searching the text
    assert cites[0][1] == "#st1-a2"  # a2 paraphrases: the article itself
    assert len([a for a in page.all("mark") if a.get("id")]) == 3


def test_render_dispatches_html() -> None:
    out = render(make_briefing(), "html")
    assert out.startswith("<!doctype html>") and "@media print" in out
    assert "viewport" in out


def test_find_passage_ignores_whitespace_and_word_parts() -> None:
    text = "It cost 2025 euros.\n\nThen  it cost   5 euros more."
    assert find_passage(text, "it cost 5 euros") == (text.index("it cost"), text.index(" more"))
    assert find_passage(text, "5") == (text.rindex("5 euros"), text.rindex("5 euros") + 1)
    assert find_passage(text, "then IT cost") is not None  # case-insensitive fallback
    assert find_passage(text, "   ") is None
