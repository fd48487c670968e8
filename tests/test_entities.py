"""Entities: name cleaning, person matching, merging across articles, roles."""

from __future__ import annotations

import pytest

from story_fixture import story_articles
from storyline.entities import analyse, extract_entities
from storyline.entities.names import clean_name, same_person, similar_surnames
from storyline.entities.roles import cores_conflict, role_parts
from storyline.model import Article, Mention


@pytest.fixture(scope="module")
def story() -> list[Article]:
    return story_articles()


@pytest.mark.parametrize(("raw", "name", "title"), [
    ("Lindqvist's", "Lindqvist", ""),
    ("Ms. Lindqvist", "Lindqvist", "Ms."),
    ("President Erik Dahl", "Erik Dahl", "President"),
    ("Secretary of State Ana Ortiz", "Ana Ortiz", "Secretary of State"),
    ("PORT ELLEN", "Port Ellen", ""),
    ("the Coast Guard", "Coast Guard", ""),
])
def test_clean_name_fixes_ner_spans(raw: str, name: str, title: str) -> None:
    assert clean_name(raw) == (name, title)


def test_person_matching_tolerates_misspellings_not_other_people() -> None:
    assert same_person("Anton Berglund", "Antton Berglunt")  # one edit in each part
    assert same_person("Maria Lindqvist", "Lindkvist")
    assert same_person("M. Lindqvist", "Maria Lindqvist")
    assert not same_person("Maria Lindqvist", "Karin Lindqvist")  # same surname, other person
    assert not similar_surnames("Paul", "Paula")
    assert not similar_surnames("Hans", "Hanson")
    assert similar_surnames("Rabe", "Reab") is False  # two edits on a short name
    assert similar_surnames("Faris", "Farris")  # doubled letter


def test_entities_merge_across_articles_under_majority_name(story: list[Article]) -> None:
    ents = extract_entities(story)
    lind = next(e for e in ents if "Lindqvist" in e.name)
    assert lind.name == "Maria Lindqvist"
    assert lind.type == "PERSON"
    assert {"Lindkvist", "Maria Lindkvist", "Lindqvist"} <= set(lind.variants)
    assert lind.articles == ["a1", "a2", "a3", "spun"]
    assert any("foreign minister" in r.lower() for r in lind.roles)
    assert ents[0] is lind or ents[0].mentions * len(ents[0].articles) >= \
        lind.mentions * len(lind.articles)
    dahl = next(e for e in ents if e.name == "Erik Dahl")
    assert "Dahl" in dahl.variants
    assert sum(1 for e in ents if "Lindqvist" in e.name or "Lindkvist" in e.name) == 1


def test_roles_come_from_premodifiers_and_appositives(story: list[Article]) -> None:
    an = analyse(story)
    lind = next(r for r in an.records if r.entity.name == "Maria Lindqvist")
    by_article = {u.article: u.roles for u in lind.uses if u.roles}
    assert by_article["a1"] == ["Swedish Foreign Minister"]
    assert by_article["a2"] == ["Swedish foreign minister"]  # "Maria Lindqvist, the Swedish..."
    assert by_article["spun"] == ["Swedish Prime Minister"]


def test_copies_do_not_outvote_independent_sources() -> None:
    # two copies of one article spell it "Karlson", two independent articles "Karlsson"
    arts = [Article(id=i, text=t) for i, t in
            [("x1", "Karlsson"), ("x2", "Karlsson"), ("c1", "Karlson"), ("c2", "Karlson")]]
    for a in arts:
        a.mentions = [Mention(text="Jon " + a.text, label="PERSON", sentence=0, start=0, end=0)]
    arts[3].copy_of = "c1"
    ent = extract_entities(arts)[0]
    assert ent.name == "Jon Karlsson"
    assert ent.variants == ["Jon Karlson"]


def test_roles_split_into_core_and_affiliation() -> None:
    places = {"sweden": "GPE", "swedish": "NORP"}
    a = role_parts("Sweden's foreign minister", places)
    b = role_parts("Swedish Foreign Minister", places)
    assert a.core == b.core == ("foreign", "minister")
    assert a.affiliation == b.affiliation
    assert role_parts("former President", places).temporal
    assert role_parts("US ambassador to Sweden", places).affiliation == frozenset({"amer"})
    assert cores_conflict(("vice", "president"), ("president",))
    assert cores_conflict(("prime", "minister"), ("foreign", "minister"))
    assert not cores_conflict(("secretary",), ("secretary", "state"))


def _parsed(*texts: str) -> list[Article]:
    from storyline import nlp

    arts = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    nlp.annotate(arts, n_process=1)
    return arts


def test_acronyms_keep_their_case_and_absorb_their_long_form() -> None:
    arts = _parsed(
        "NATO members met in Brussels on Tuesday. NATO said its answer was ready.",
        "The North Atlantic Treaty Organization will send its reply, a NATO official said.",
        "NATO Secretary General Ines Varga spoke to reporters in Brussels.",
    )
    orgs = {e.name: e for e in extract_entities(arts) if e.type == "ORG"}
    assert "Nato" not in orgs
    assert "North Atlantic Treaty Organization" in orgs["NATO"].variants
    assert len(orgs["NATO"].articles) == 3


def test_the_portfolio_of_a_title_is_not_an_organisation() -> None:
    arts = _parsed(
        "Secretary of State Ana Ortiz said the talks would resume on Monday.",
        "The Secretary of State, Ana Ortiz, met the envoy in Geneva.",
    )
    names = {e.name for e in extract_entities(arts)}
    assert "State" not in names and "Ana Ortiz" in names


def test_an_organisation_ending_in_a_portfolio_leaves_the_portfolio_to_the_office() -> None:
    from storyline.entities.roles import cores_conflict, role_parts

    # "U.S. Treasury" is an organisation of the story, but in "U.S. Treasury Secretary" its
    # last word names the secretary's portfolio: that office is not the Secretary of State
    affiliations = {"u.s. treasury": "ORG", "u.s.": "GPE", "russian navy": "ORG"}
    treasury = role_parts("U.S. Treasury Secretary", affiliations)
    state = role_parts("U.S. Secretary of State", affiliations)
    assert treasury.core == ("treasury", "secretary") and treasury.affiliation == state.affiliation
    assert cores_conflict(treasury.core, state.core)
    # ... a commander's is the force he commands, named by the organisation
    assert role_parts("Russian navy commander", affiliations).core == ("commander",)


def test_lowercase_words_are_not_a_person_name() -> None:
    from storyline.entities import _name_like

    assert _name_like(["Ludwig", "van", "Beethoven"]) and _name_like(["Ana", "Ortiz"])
    assert not _name_like(["Javelin", "missiles"])


def test_a_lone_name_used_like_a_place_is_not_a_person() -> None:
    from storyline.entities import NameUse, _relabel_lone_non_persons

    def use(name: str, label: str, before: str, art: str = "a1") -> NameUse:
        return NameUse(art, art, name, name, label, 0, 0, len(name), before=before)

    uses = [
        use("Brennick", "PERSON", "of"), use("Brennick", "PERSON", "outside", "a2"),
        use("Brennick", "PERSON", "said", "a3"),  # mostly after "of"/"outside": a place
        use("Halden", "PERSON", "said"), use("Halden", "GPE", "in", "a2"),  # tagged a place too
        use("Ortiz", "PERSON", "said"), use("Ana Ortiz", "PERSON", "minister", "a2"),  # a person
        use("Marsh", "PERSON", "the"), use("Marsh", "PERSON", "said", "a2"),
        use("Marsh", "PERSON", "told", "a3"),  # once after "the": still a person
    ]
    _relabel_lone_non_persons(uses)
    labels = {(u.name, u.article): u.label for u in uses}
    assert labels[("Brennick", "a3")] == "GPE" and labels[("Halden", "a1")] == "GPE"
    assert labels[("Ortiz", "a1")] == "PERSON" and labels[("Marsh", "a1")] == "PERSON"


def test_office_words_before_a_name_are_its_role_whatever_the_parse_hangs_them_on() -> None:
    # the parser joins "General" to Hart as a second person; the words still title Reno
    arts = _parsed("Clinton put Secretary of the Treasury Ellen Hart and Solicitor General "
                   "Janet Reno in charge of the plan.")
    roles = {e.name: e.roles for e in extract_entities(arts) if e.type == "PERSON"}
    assert any("Solicitor General" in r for r in roles["Janet Reno"])
