"""The data model: JSON round trip and the documented schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from storyline.model import Article, Briefing, Story, content_id
from storyline.render.json import to_json


def _schema() -> dict:
    text = resources.files("storyline").joinpath("schema/briefing.schema.json").read_text("utf-8")
    return json.loads(text)


def test_briefing_json_round_trip(small_briefing: Briefing) -> None:
    data = json.loads(to_json(small_briefing))
    back = Briefing.from_dict(data)
    assert back.to_dict() == data
    assert back.stories[0].findings[0].found == "40,000"
    assert back.stories[0].summary[0].sources == ["a1", "a2"]
    assert back.errors[0].record == "line 3"


def test_briefing_json_matches_schema(small_briefing: Briefing) -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.validate(json.loads(to_json(small_briefing)), _schema())


def test_schema_rejects_missing_required_fields(small_briefing: Briefing) -> None:
    data = json.loads(to_json(small_briefing))
    del data["stories"][0]["findings"][0]["support"]
    validator = jsonschema.Draft202012Validator(_schema())
    errors = list(validator.iter_errors(data))
    assert errors and "support" in errors[0].message
    data = json.loads(to_json(small_briefing))
    data["articles"][0]["published"] = "March 3rd"
    assert list(validator.iter_errors(data))


def test_private_fields_never_serialised() -> None:
    a = Article(id="x", text="Hello.")
    a._doc = object()
    assert "_doc" not in a.to_dict()
    assert "sentences" not in a.public_dict()


def test_independent_id_follows_copies() -> None:
    orig = Article(id="o", text="t")
    copy = Article(id="c", text="t", copy_of="o")
    assert orig.independent_id == "o"
    assert copy.independent_id == "o"


def test_content_id_is_stable_and_distinct() -> None:
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert len(content_id("abc")) == 16


def test_story_from_dict_ignores_unknown_fields() -> None:
    s = Story.from_dict({"id": "s", "headline": "h", "articles": ["a"], "future_field": 1})
    assert s.articles == ["a"] and s.summary == []
