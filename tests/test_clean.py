"""Clean: debris goes, every real sentence stays, metadata is recovered, layout is normalised."""

from __future__ import annotations

import time

import pytest

from storyline.clean import clean_articles, layout, meta
from storyline.model import Article

BODY = [
    "LISBON, March 3 (Reuters) - Port workers in Lisbon walked off the job on Tuesday after "
    "talks over night-shift pay collapsed, halting container traffic at the country's busiest "
    "terminal.",
    "The union said about 1,200 members had joined the strike and that picket lines would stay "
    "in place until the operator returned to the table.",
    "Shipping agents said at least 14 vessels were waiting outside the harbour by the evening.",
    "Pay talks",
    "“We are not asking for the moon,” union leader Marta Sousa told reporters outside the gates.",
    "Share prices of the terminal operator fell 3% in Lisbon trading.",
    "By Monday evening, the operator had offered a 2% rise, which the union rejected.",
    "She said the offer was an insult.",
]

SCRAPED = "\n\n".join(
    [
        "December 6, 2023",
        "Harbor Daily Press",
        "Complete News Europe",
        'Lisbon port strike halts "container" traffic',
        "Lisbon port strike halts “container” traffic",
        "Theme image © JP",
        BODY[0],
        BODY[1],
        "qwxProof: Iberian",
        BODY[2],
        "See also\u00a0 Fishermen protest new quota rules in the Algarve",
        *BODY[3:],
        "Related Articles",
        "Back to top button",
        "Please enter your comment!",
        "Please enter your name here",
    ]
)

DEBRIS = [
    "December 6, 2023",
    "Harbor Daily Press",
    "Complete News Europe",
    "Theme image © JP",
    "qwxProof: Iberian",
    "See also Fishermen protest new quota rules in the Algarve",
    "Related Articles",
    "Back to top button",
    "Please enter your comment!",
    "Please enter your name here",
]


def paragraphs(a: Article) -> list[str]:
    return a.text.split("\n\n")


def test_scraped_article_loses_debris_and_keeps_every_sentence() -> None:
    (a,) = clean_articles([Article(id="x", text=SCRAPED)])
    assert paragraphs(a) == BODY
    for line in DEBRIS:
        assert line not in a.text
        assert line in a.removed_lines
    assert a.title == 'Lisbon port strike halts "container" traffic'
    assert "Lisbon port strike halts “container” traffic" in a.removed_lines  # the repeat
    assert a.source == "Harbor Daily Press"
    assert a.published == "2023-12-06"
    assert a.dateline == "LISBON"
    assert a.text.startswith("LISBON, March 3 (Reuters) - Port workers")  # dateline kept in text


def test_given_title_is_removed_from_the_body_and_metadata_kept() -> None:
    text = "Lisbon Port Strike Halts Traffic\n\n" + "\n\n".join(BODY[1:3])
    a = Article(
        id="t",
        text=text,
        title="Lisbon Port Strike Halts Traffic | Harbor Daily Press",
        source="harbor",
        published="2023-12-07T08:30:00+01:00",
        url="https://www.harbordaily.example/lisbon",
    )
    (a,) = clean_articles([a])
    assert paragraphs(a) == BODY[1:3]
    assert a.title == "Lisbon Port Strike Halts Traffic"  # the site's own name goes
    assert a.source == "harbor"
    assert a.published == "2023-12-07"


def test_only_the_articles_own_site_is_cut_from_the_title() -> None:
    arts = [
        Article(id="1", text=BODY[1], title="Port strike ends - Valley News", source="Valley News"),
        Article(id="2", text=BODY[1], title="Strike | Rivermouth", source="spin-news.example"),
        Article(id="3", text=BODY[1], title="Talks fail - Reuters", url="https://reuters.com/x"),
    ]
    titles = [a.title for a in clean_articles(arts)]
    assert titles == ["Port strike ends", "Strike | Rivermouth", "Talks fail"]


def test_wire_datelines_are_recorded_and_the_text_left_alone() -> None:
    cases = {
        "HARBOR FALLS, Ore. (AP) -- The county board voted 4-1 on Tuesday to close the mill.": (
            "HARBOR FALLS, Ore."
        ),
        "MOSCOW (Reuters) - The foreign ministry summoned the ambassador on Friday.": "MOSCOW",
        "Ottawa, January 27: The finance minister said the budget would be tabled in March.": (
            "Ottawa"
        ),
        "DENVER — Snow closed the main highway into the mountains for a second day.": "DENVER",
        "KUNMING, May 4 (Xinhua) -- Farmers in the province planted rice early this year.": (
            "KUNMING"
        ),
    }
    arts = [Article(id=str(i), text=t) for i, t in enumerate(cases)]
    out = clean_articles(arts)
    assert [a.dateline for a in out] == list(cases.values())
    assert [a.text for a in out] == list(cases)


def test_no_dateline_invented_for_ordinary_openings() -> None:
    texts = [
        "Ukraine Crisis Updates: The minister said on Monday that talks would continue.",
        "The company said -- after weeks of silence -- that it would cut 300 jobs.",
        "Klitschko (58-3, 51 KO) knocked out his challenger in the fifth round on Saturday.",
        "BREAKING — A fire broke out at the port on Sunday morning, officials said.",
    ]
    out = clean_articles([Article(id=str(i), text=t) for i, t in enumerate(texts)])
    assert [a.dateline for a in out] == [None, None, None, None]


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    paras = [
        " ".join(
            ["The harbour authority said the dredging work would start in the spring and"]
            + ["run for about eleven weeks, with night work limited to the outer channel."] * 2
        ),
        "Residents of the old town had asked for the work to be moved to the winter "
        "months, when fewer ferries use the inner basin and noise matters less.",
        "A spokesperson declined to say how much the contract was worth.",
    ]
    wrapped = "\n".join(_wrap(p, 68) for p in paras)  # no blank lines: short last lines end them
    assert layout.split_paragraphs(wrapped) == paras
    blank_separated = "\n\n".join(_wrap(p, 68) for p in paras)
    assert layout.split_paragraphs(blank_separated) == paras
    indented = "\n".join("    " + _wrap(p, 68).replace("\n", "\n  ") for p in paras)
    assert layout.split_paragraphs(indented) == paras


def test_one_paragraph_per_line_is_not_mistaken_for_hard_wrapping() -> None:
    lines = [
        "Firefighters were called to the warehouse at around 9:40 p.m.",
        "Friday night.",
        "The owner said the building was insured.",
        "She was 85.",
        "Police are treating the fire as suspicious.",
    ]
    (a,) = clean_articles([Article(id="l", text="\n".join(lines))])
    assert paragraphs(a) == lines


def test_sentence_broken_across_lines_is_rejoined() -> None:
    text = (
        "Editor's summary: The council approved the plan\n"
        "after a long debate, with two members abstaining.\n"
        "The vote followed months of consultation."
    )
    assert layout.split_paragraphs(text) == [
        "Editor's summary: The council approved the plan after a long debate, with two members "
        "abstaining.",
        "The vote followed months of consultation.",
    ]


def test_whitespace_is_normalised() -> None:
    text = (
        "  First  paragraph\u00a0with   odd\tspacing.  \r\n\r\n\r\nSecond paragraph\u200b here.\n"
    )
    (a,) = clean_articles([Article(id="w", text=text)])
    assert a.text == "First paragraph with odd spacing.\n\nSecond paragraph here."


def test_comment_section_and_teaser_list_are_cut() -> None:
    body = [
        "The museum will reopen its east wing next month after a two-year renovation.",
        "Curators said the collection of maritime maps would be shown together for the first "
        "time since 1990.",
        "Admission will remain free on the first Sunday of each month, the director said.",
    ]
    text = "\n".join(
        [
            *body,
            "You may also like",
            "Ten hidden galleries worth a detour",
            "Why the old harbour is booming again",
            "3 Comments",
            "I visited last year and the maps were the best part of the trip.",
            "Great news, cannot wait to see it again!",
        ]
    )
    (a,) = clean_articles([Article(id="m", text=text)])
    assert paragraphs(a) == body
    assert "Ten hidden galleries worth a detour" in a.removed_lines
    assert "Great news, cannot wait to see it again!" in a.removed_lines


def test_bylines_credits_and_calls_to_action_go() -> None:
    body = [
        "Share prices of regional banks fell sharply on Thursday after the central bank raised "
        "its key rate.",
        "Share prices of app makers rose.",
        "by the end of the day",
        "Related protests broke out in two cities, police said.",
        "Follow-up talks between the government and the banks are planned for next week.",
        "The band sued the label for copyright infringement.",
        "Jane Doe covers the story for local radio, one analyst said on Friday.",
    ]
    text = "\n\n".join(
        [
            "By Jane Doe and Ravi Menon",
            *body,
            "Follow us on Facebook, Twitter and Instagram.",
            "Click here to subscribe to our newsletter",
            "(Reporting by Jane Doe; Editing by Ravi Menon)",
            "Photo: Harbor Press/Ana Lima",
            "55 0",
            "banking crisis",
        ]
    )
    (a,) = clean_articles([Article(id="b", text=text)])
    assert paragraphs(a) == body
    assert len(a.removed_lines) == 7


def test_reader_prompts_go_but_sentences_about_apps_stay() -> None:
    body = [
        "Users who download the app must log in with an email address, the regulator said.",
        "The newsletter industry has grown quickly since 2020, according to the survey.",
        "Officials said they would click through every complaint before the hearing.",
    ]
    text = "\n\n".join(
        [
            "Updated at 1:23 p.m.",
            body[0],
            "[Related: Regulator fines two app makers over data leaks]",
            body[1],
            "Also on example.com Five apps that track you without asking",
            body[2],
            "There's more where that came from. Sign up for our daily newsletter, delivered "
            "to your inbox every morning.",
            "GET THE NEWS APP BY CLICKING HERE",
        ]
    )
    (a,) = clean_articles([Article(id="p", text=text)])
    assert paragraphs(a) == body
    assert len(a.removed_lines) == 5


def test_boilerplate_repeated_across_different_articles_goes() -> None:
    stories = [
        ["The river rose two metres overnight and flooded the lower town.", "Schools closed."],
        ["A new ferry line will link the islands from June, the operator said.", "Fares rise."],
        ["The orchestra named a new conductor after a two-year search.", "She starts in May."],
    ]
    arts = [
        Article(id=str(i), text="\n\n".join(["Valley Network Live", s[0], s[1], "Most Read Now"]))
        for i, s in enumerate(stories)
    ]
    for a, s in zip(clean_articles(arts), stories, strict=True):
        assert paragraphs(a) == s
        assert "Valley Network Live" in a.removed_lines


def test_copies_and_shared_sentences_are_not_boilerplate() -> None:
    text = "\n\n".join(
        [
            "The river rose two metres overnight and flooded the lower town.",
            "Emergency crews evacuated 300 people from homes near the old bridge.",
            "She was 85.",
            "Water levels are expected to fall by Sunday",
        ]
    )
    arts = [Article(id=str(i), text=text) for i in range(4)]
    for a in clean_articles(arts):
        assert a.text == text
        assert a.removed_lines == []


def test_text_pasted_twice_keeps_one_copy_but_structure_repeats_stay() -> None:
    body = [
        "The council approved the new budget by seven votes to two on Tuesday evening.",
        "Spending on roads will rise by a fifth, the treasurer said.",
    ]
    table = ["| Team | Won | Lost |", "| Harbor FC | 10 | 2 |", "| Team | Won | Lost |"]
    (a,) = clean_articles([Article(id="d", text="\n".join(body + body + table))])
    assert paragraphs(a) == body + table


def test_headline_recovered_when_title_is_a_date() -> None:
    text = "FALLOUT CONTINUES AFTER PRISON ESCAPE\n" + "\n".join(BODY[1:3])
    (a,) = clean_articles([Article(id="d", text=text, title="12 January 2010 @ 09:29 pm")])
    assert a.title == "FALLOUT CONTINUES AFTER PRISON ESCAPE"
    assert a.published == "2010-01-12"
    assert paragraphs(a) == BODY[1:3]


def test_outlet_from_url_and_date_from_published_line() -> None:
    text = "Published: April 11, 2007 4:59 PM EDT\n" + "\n".join(BODY[1:3])
    a = Article(id="u", text=text, url="https://www.valleynews.example/2007/04/strike.html")
    (a,) = clean_articles([a])
    assert a.source == "valleynews.example"
    assert a.published == "2007-04-11"
    assert paragraphs(a) == BODY[1:3]


def test_headline_with_a_full_stop_and_section_labels_go() -> None:
    text = "\n\n".join(["Council Backs Harbour Plan.", "ABSTRACT.", *BODY[1:3]])
    (a,) = clean_articles([Article(id="h", text=text, title="Council Backs Harbour Plan")])
    assert paragraphs(a) == BODY[1:3]
    assert a.removed_lines == ["Council Backs Harbour Plan.", "ABSTRACT."]


def test_breadcrumbs_mastheads_and_copyright_name_the_outlet() -> None:
    text = "\n\n".join(
        [
            "Harbor Observer — Local news since 1901",
            "Home › Business › Ports & Shipping",
            "Tuesday 10 June 2025 • 5 min read",
            "Ferry operator cuts winter timetable",
            "Ferry operator cuts winter timetable",
            *BODY[1:3],
            "Save my name, email, and website in this browser for the next time I comment.",
            "© 2025 Harbor Observer Media. All rights reserved.",
        ]
    )
    (a,) = clean_articles([Article(id="o", text=text)])
    assert paragraphs(a) == BODY[1:3]
    assert a.title == "Ferry operator cuts winter timetable"
    assert a.source == "Harbor Observer"
    assert a.published == "2025-06-10"
    footer_only = "\n\n".join([*BODY[1:3], "Bytewire © 2025 — Tech news for people who build it"])
    (b,) = clean_articles([Article(id="c", text=footer_only)])
    assert b.source == "Bytewire"
    assert paragraphs(b) == BODY[1:3]


def test_data_lines_with_slashes_are_not_menus() -> None:
    text = "\n".join([BODY[1], "Wheelbase/Overall length: 108.5", "Width/Height: 73.0", BODY[2]])
    (a,) = clean_articles([Article(id="s", text=text)])
    assert paragraphs(a) == text.split("\n")


def test_a_lead_sentence_used_as_title_stays_in_the_text() -> None:
    lead = "The teenager was shot by police in the capital eight days ago, triggering protests."
    text = lead + "\n" + BODY[1]
    (a,) = clean_articles([Article(id="s", text=text, title=lead)])
    assert paragraphs(a) == [lead, BODY[1]]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-27T08:30:00Z", "2022-01-27"),
        ("2022-01-27", "2022-01-27"),
        ("Thu, 27 Jan 2022 08:30:00 GMT", "2022-01-27"),
        ("January 27, 2022", "2022-01-27"),
        ("1998-30-06T11:49:00", "1998-06-30"),
        (1709625600, "2024-03-05"),
        ("1709625600000", "2024-03-05"),
        ("sexta-feira, 22 de outubro de 2010", "2010-10-22"),
        ("the day before yesterday", None),
        ("", None),
        ("not a date at all 12345678", None),
    ],
)
def test_published_is_normalised(value: object, expected: str | None) -> None:
    assert meta.normalise_published(value) == expected


def test_empty_articles_are_dropped_not_errors() -> None:
    arts = [
        Article(id="e1", text="Share this article\nFollow us on Twitter\nBack to top"),
        Article(id="e2", text="   \n\n  "),
        Article(id="ok", text=BODY[1]),
    ]
    assert [a.id for a in clean_articles(arts)] == ["ok"]


def test_cleaning_is_fast() -> None:
    text = SCRAPED + "\n\n" + "\n\n".join(BODY * 6)  # ~5 KB
    arts = [Article(id=str(i), text=text) for i in range(200)]
    start = time.process_time()
    clean_articles(arts)
    per_article = (time.process_time() - start) / len(arts)
    assert per_article < 0.005  # measured ~0.3 ms; generous for loaded CI machines


def _wrap(paragraph: str, width: int) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def test_an_article_left_with_no_text_is_named_not_dropped_silently(
        caplog: pytest.LogCaptureFixture) -> None:
    trailer = Article(id="NYT-trailer", path="dump/2000-01-24.jsonl",
                      text="Please enter your comment!\nPlease enter your name here")
    story = Article(id="AP-1", text="A strong earthquake hit the coastal city on Monday, killing "
                                    "12 people and destroying hundreds of homes, officials said.")
    with caplog.at_level("WARNING", logger="storyline.clean"):
        kept = clean_articles([trailer, story])
    assert [a.id for a in kept] == ["AP-1"]
    assert "left out 1 article(s)" in caplog.text
    assert "NYT-trailer (dump/2000-01-24.jsonl)" in caplog.text
    assert "AP-1" not in caplog.text
