"""Timeline: date resolution and dated events across articles (small texts written here)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline import nlp
from storyline.model import Article, TimelineEvent
from storyline.timeline import build_timeline, story_date
from storyline.timeline.dates import find_expressions, parse_published, resolve

PUBLISHED = date(2022, 1, 27)  # a Thursday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("January 26, 2022", "2022-01-26"),
        ("Jan. 26", "2022-01-26"),
        ("26 January", "2022-01-26"),
        ("Dec. 30", "2021-12-30"),  # no year: the one nearest publication
        ("on Wednesday", "2022-01-26"),
        ("Thursday", "2022-01-27"),
        ("last Thursday", "2022-01-20"),
        ("yesterday", "2022-01-26"),
        ("two days ago", "2022-01-25"),
        ("2022-01-05", "2022-01-05"),
        ("1/5/2022", "2022-01-05"),
    ],
)
def test_resolve_absolute_and_relative(expression: str, expected: str) -> None:
    found = resolve(expression, PUBLISHED)
    assert found is not None and found.iso == expected and found.precision == "day"


def test_weekday_in_a_future_sentence_points_forward() -> None:
    found = resolve("Friday", PUBLISHED, "The ministers will meet again on Friday.")
    assert found is not None and found.iso == "2022-01-28"


@pytest.mark.parametrize(("sentence", "expression", "expected"), [
    # the future is the other clause's: he spoke on the Thursday before
    ("Delacroix told parliament on Thursday that officers would meet next week.", "Thursday",
     "2022-01-27"),
    ("The minister said on Wednesday that talks will resume.", "Wednesday", "2022-01-26"),
    # a future clause in a Thursday paper: that same Thursday, or the next Friday
    ("The minister is due to visit the town on Thursday evening.", "Thursday", "2022-01-27"),
    ("Dockers will return to work on Friday, the union said.", "Friday", "2022-01-28"),
    # a limit, and a weekday whose date follows: no day of their own
    ("The promenade stays closed to the public until Thursday.", "Thursday", None),
    ("Talks are set for Wednesday, February 2, in the capital.", "Wednesday", None),
])
def test_a_weekday_reads_its_own_clause(sentence: str, expression: str,
                                        expected: str | None) -> None:
    found = resolve(expression, PUBLISHED, sentence)
    assert (found.iso if found else None) == expected


def test_month_precision_is_flagged() -> None:
    found = resolve("last month", PUBLISHED)
    assert found is not None and found.iso == "2021-12-01" and found.precision == "month"


@pytest.mark.parametrize("expression", ["in recent weeks", "2021", "early January", "the 1990s",
                                        "15 years old", "this week", "May"])
def test_vague_expressions_resolve_to_nothing(expression: str) -> None:
    assert resolve(expression, PUBLISHED) is None


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve("yesterday", None) is None
    assert resolve("Jan. 26", None) is None
    found = resolve("January 26, 2022", None)
    assert found is not None and found.iso == "2022-01-26"
    assert parse_published("2022-01-27T08:00:00Z") == PUBLISHED
    assert parse_published("27/01/2022") is None


def test_surface_scan_is_case_sensitive_and_skips_urls() -> None:
    text = "See example.org/today/news: on Jan. 26 they met, and may 5 people left on Wednesday."
    assert find_expressions(text) == ["Jan. 26", "on Wednesday"]


FIRST = (
    "The two foreign ministers met in Geneva on Wednesday to discuss the border crisis.\n\n"
    "Talks first began on January 10, 2022, after troops massed near the frontier.\n\n"
    "In recent weeks, diplomats have shuttled between the capitals.\n\n"
    "Prices for grain are high today across the region."
)
SECOND = (
    "The two foreign ministers met in Geneva yesterday to discuss the border crisis.\n\n"
    "A new round of talks is planned for February 3."
)


@pytest.fixture(scope="module")
def events() -> list[TimelineEvent]:
    first = Article(id="a", text=FIRST, published="2022-01-27")
    second = Article(id="b", text=SECOND, published="2022-01-27", copy_of=None)
    nlp.annotate([first, second])
    return build_timeline([first, second])


def test_events_sorted_by_date_with_relative_dates_resolved(events: list[TimelineEvent]) -> None:
    dates = [e.date for e in events]
    assert dates == sorted(dates)
    assert dates == ["2022-01-10", "2022-01-26", "2022-02-03"]


def test_near_identical_sentences_merge_and_cite_both(events: list[TimelineEvent]) -> None:
    (meeting,) = [e for e in events if e.date == "2022-01-26"]
    assert meeting.articles == ["a", "b"]
    assert meeting.text.startswith("The two foreign ministers met in Geneva")


def test_vague_and_nowadays_sentences_are_not_events(events: list[TimelineEvent]) -> None:
    texts = " ".join(e.text for e in events)
    assert "recent weeks" not in texts and "Prices for grain" not in texts


def test_undated_articles_borrow_the_story_year_for_month_days() -> None:
    articles = [Article(id="x", text="", published="2022-01-27"),
                Article(id="y", text="", published=None),
                Article(id="z", text="", published="2022-01-25")]
    hint = story_date(articles)
    assert hint == date(2022, 1, 27)
    found = resolve("Jan. 26", None, year_hint=hint)
    assert found is not None and found.iso == "2022-01-26"
    assert resolve("yesterday", None, year_hint=hint) is None  # needs the article's own date
