"""Facts: numbers, money, percentages, event dates and titles, merged across articles."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.facts import extract_facts
from storyline.facts.numbers import format_value, parse_value
from storyline.facts.words import content_stem, singular
from storyline.model import Article, Entity, Fact

FIRST = (
    "U.S. Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Geneva "
    "on Friday.\n\n"
    "Lavrov, Russia's foreign minister, said 100,000 troops were deployed near the border.\n\n"
    "NATO sent three shipments of arms, and the alliance has 30 member states.\n\n"
    "Officials pledged $1.2 billion in aid, and about 40 percent of voters backed the plan.\n\n"
    "NATO Secretary-General Jens Stoltenberg spoke in Brussels."
)
SECOND = (
    "Secretary of State Antony Blinken met Foreign Minister Sergei Lavrov on January 21.\n\n"
    "More than 100,000 troops were deployed, Blinken said.\n\n"
    "NATO Secretary General Jens Stoltenberg agreed."
)
SPUN = (  # a rewrite of SECOND: one source with it, not two; and a changed number
    "Secretary of State Anthony Blinken met Prime Minister Sergei Lavrov on January 21.\n\n"
    "More than 130,000 troops were deployed, Blinken said."
)
ENTITIES = [
    Entity(name="Antony Blinken", type="PERSON", variants=["Blinken", "Anthony Blinken"]),
    Entity(name="Sergei Lavrov", type="PERSON", variants=["Lavrov"]),
]


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    articles = [
        Article(id="a", text=FIRST, published="2022-01-22"),
        Article(id="b", text=SECOND, published="2022-01-22"),
        Article(id="c", text=SPUN, published="2022-01-23", copy_of="b"),
    ]
    nlp.annotate(articles)
    return extract_facts(articles, ENTITIES)


def _one(facts: list[Fact], kind: str, context: str, value: str) -> Fact:
    hits = [f for f in facts if (f.kind, f.context, f.value) == (kind, context, value)]
    assert len(hits) == 1, (kind, context, value, facts)
    return hits[0]


def test_numbers_with_units_merge_across_articles(facts: list[Fact]) -> None:
    troops = _one(facts, "number", "troop deploy", "100000")
    assert troops.articles == ["a", "b"] and troops.independent == 2
    changed = _one(facts, "number", "troop deploy", "130000")
    assert changed.articles == ["c"]


def test_different_quantities_get_different_contexts(facts: list[Fact]) -> None:
    shipments = _one(facts, "number", "shipment arm", "3")  # "three shipments of arms"
    states = [f for f in facts if f.kind == "number" and f.value == "30"]
    assert len(states) == 1 and states[0].context != shipments.context
    assert "state" in states[0].context


def test_money_and_percent(facts: list[Fact]) -> None:
    _one(facts, "number", "$ aid", "1.2 billion")
    _one(facts, "number", "percent voter", "40")


def test_event_dates_resolve_relative_days(facts: list[Fact]) -> None:
    # "on Friday" in an article of Saturday 22 January and "on January 21" are one date
    met = _one(facts, "date", "meet", "2022-01-21")
    assert met.articles == ["a", "b", "c"] and met.independent == 2


def test_titles_normalised_and_attached_to_canonical_people(facts: list[Fact]) -> None:
    blinken = _one(facts, "title", "Antony Blinken", "secretary of state")
    assert blinken.articles == ["a", "b", "c"]  # "Anthony Blinken" is a variant of the entity
    lavrov = _one(facts, "title", "Sergei Lavrov", "foreign minister")
    assert lavrov.articles == ["a", "b"]
    assert _one(facts, "title", "Sergei Lavrov", "prime minister").articles == ["c"]
    # spelling variants of one office are one value
    assert _one(facts, "title", "Jens Stoltenberg", "secretary general").articles == ["a", "b"]


def test_sorted_by_independent_support(facts: list[Fact]) -> None:
    support = [f.independent for f in facts]
    assert support == sorted(support, reverse=True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("100,000", 100000), ("1.2 million", 1_200_000), ("three", 3), ("two dozen", 24),
     ("about 40", 40), ("twenty-five", 25), ("$3.5 billion", 3_500_000_000)],
)
def test_parse_value(text: str, value: float) -> None:
    assert parse_value(text) == value


def test_format_value_one_spelling_per_amount() -> None:
    assert [format_value(v) for v in (100000, 1.2e9, 1_200_000, 2.5, 1_234_567, 3e12)] == [
        "100000", "1.2 billion", "1.2 million", "2.5", "1234567", "3 trillion"]


def test_parse_value_rejects_non_numbers() -> None:
    assert parse_value("several") is None and parse_value("") is None


def test_word_normalisers() -> None:
    assert [singular(w) for w in ["troops", "casualties", "people", "crisis", "boxes"]] == [
        "troop", "casualty", "people", "crisis", "box"]
    assert content_stem("met") == content_stem("meets") == "meet"
    assert content_stem("planned") == content_stem("planning") == "plan"


def test_every_form_of_a_verb_meets_in_one_match_stem() -> None:
    from storyline.facts.words import match_stem

    assert {match_stem(w) for w in ("lose", "loses", "lost", "losing")} == {"los"}
    assert {match_stem(w) for w in ("increase", "increased", "increases", "increasing")} == {
        "increas"}
    assert {match_stem(w) for w in ("open", "opened", "opening")} == {"open"}
    assert match_stem("lost") != match_stem("list")
