"""Consistency: findings where one article disagrees with the independent majority."""

from __future__ import annotations

import pytest

from story_fixture import story_articles
from storyline.consistency import find_inconsistencies, source_quality
from storyline.consistency.claims import fact_findings
from storyline.consistency.mentions import value_findings
from storyline.consistency.published import (
    copy_date_findings,
    dateline_findings,
    past_day_findings,
    publication_findings,
    reference_findings,
)
from storyline.entities import extract_entities
from storyline.model import Article, Fact, Finding, Mention


@pytest.fixture(scope="module")
def story() -> list[Article]:
    return story_articles()


def test_misspelt_name_and_wrong_title_are_found_on_the_spun_article(story: list[Article]) -> None:
    findings = find_inconsistencies(story, extract_entities(story), [])
    assert {f.article for f in findings} == {"spun"}  # nothing on the honest articles
    names = [f for f in findings if f.kind == "name"]
    titles = {f.found: f for f in findings if f.kind == "title"}
    assert len(findings) == 3 and len(names) == 1
    assert "Lindkvist" in names[0].found
    assert names[0].expected == "Maria Lindqvist"
    assert names[0].support == ["a1", "a2", "a3"]
    office = titles["Swedish Prime Minister Maria Lindkvist"]
    assert "foreign minister" in office.expected.lower()
    # nationality swapped: another affiliation than the one the others give
    swapped = titles["Danish diplomat Ola Nygaard"]
    assert swapped.expected.startswith("Norwegian ambassador")
    assert set(swapped.support) >= {"a1", "a3"}
    assert all(f.message.endswith(".") and f.article in f.message for f in findings)


def test_no_majority_no_finding(story: list[Article]) -> None:
    two_honest = [a for a in story if a.id in ("a1", "spun")]
    assert find_inconsistencies(two_honest, extract_entities(two_honest), []) == []
    # the spun article's copies do not make it a majority against the honest one (they are one
    # voice against their original, where they disagree with it)
    for a in story:
        if a.id in ("a2", "a3"):
            a.copy_of = "spun"
    try:
        assert {f.article for f in find_inconsistencies(story, extract_entities(story), [])} \
            <= {"spun"}
    finally:
        for a in story:
            a.copy_of = None


def _plain(*ids: str, copy_of: dict[str, str] | None = None) -> list[Article]:
    return [Article(id=i, text="x", copy_of=(copy_of or {}).get(i)) for i in ids]


def test_number_that_only_one_article_gives_is_flagged() -> None:
    arts = _plain("a", "b", "c", "d")
    facts = [Fact(kind="number", value="8,500", context="troops", articles=["a", "b", "c"]),
             Fact(kind="number", value="9,500", context="troops", articles=["d"]),
             Fact(kind="number", value="12", context="ships", articles=["a", "b"]),
             Fact(kind="number", value="14", context="ships", articles=["c"]),
             Fact(kind="date", value="2031-03-04", context="talks", articles=["a", "b"]),
             Fact(kind="date", value="2031-03-06", context="talks", articles=["c"])]
    found = fact_findings(arts, facts)
    # numbers need three sources against them (counts evolve), dates two
    assert sorted((f.article, f.kind, f.found, f.expected, f.support) for f in found) == [
        ("c", "date", "2031-03-06", "2031-03-04", ["a", "b"]),
        ("d", "number", "9,500", "8,500", ["a", "b", "c"])]
    # an article that writes the others' figure itself, of another thing, contradicts nobody
    arts[3].text = "The 9,500 troops arrived; 8,500 troops of another corps stayed home."
    assert [f.article for f in fact_findings(arts, facts) if f.kind == "number"] == []


def test_one_against_one_is_not_a_majority() -> None:
    arts = _plain("a", "b", "c")
    facts = [Fact(kind="number", value="12", context="ships", articles=["a"]),
             Fact(kind="number", value="14", context="ships", articles=["b"])]
    assert fact_findings(arts, facts) == []


def test_number_backed_by_copies_only_is_not_a_majority() -> None:
    arts = _plain("a", "b", "c", "d", copy_of={"b": "a", "c": "a"})
    facts = [Fact(kind="number", value="8,500", context="troops", articles=["a", "b", "c"]),
             Fact(kind="number", value="9,500", context="troops", articles=["d"])]
    assert fact_findings(arts, facts) == []


def test_article_stating_both_values_is_not_contradicting() -> None:
    arts = _plain("a", "b", "c")
    facts = [Fact(kind="number", value="40", context="percent", articles=["a", "b", "c"]),
             Fact(kind="number", value="45", context="percent", articles=["c"])]
    assert fact_findings(arts, facts) == []


def test_publication_date_far_from_same_event_reports() -> None:
    body = ("Floodwaters rose along the Varna river on {d}, forcing {n} families from homes in "
            "Kelso and Pittmore, emergency officials said. Rescue boats reached stranded farms.")
    arts = [Article(id=f"r{i}", text=body.format(d="Monday", n=300 + i), published=p)
            for i, p in enumerate(["2031-05-12", "2031-05-12", "2031-05-13", "2032-09-30"])]
    arts.append(Article(id="other", text="A chess festival opened in a distant city.",
                        published="2029-01-01"))
    found = publication_findings(arts)
    assert [(f.article, f.kind, f.found) for f in found] == [("r3", "date", "2032-09-30")]
    assert set(found[0].support) == {"r0", "r1", "r2"}


def test_source_quality_penalises_contradictions_debris_and_copies() -> None:
    arts = [Article(id="good", text="t", title="T", source="S", published="2031-01-01"),
            Article(id="bad", text="t", removed_lines=["Subscribe now", "Share this"],
                    flags=["spun"], copy_of="good")]
    finding = Finding(article="bad", kind="name", found="X", expected="Y", support=["good"],
                      message="m.")
    q = {s.article: s for s in source_quality(arts, [finding])}
    assert q["good"].score == 1.0 and q["good"].reasons == []
    assert q["bad"].score < 0.5
    text = " ".join(q["bad"].reasons)
    for word in ("contradicted", "debris", "spun", "missing"):
        assert word in text


def test_misspelling_that_ner_missed_is_found_in_the_text() -> None:
    texts = {"a": "Jon Karlsson opened the bridge. Karlsson smiled.",
             "b": "Mayor Jon Karlsson cut the ribbon.",
             "c": "The bridge, said Jon Karlsson, took four years.",
             "d": "The bridge was opened by Jon Karlssen on Friday."}  # NER tagged nothing here
    arts = []
    for aid, text in texts.items():
        a = Article(id=aid, text=text)
        start = text.find("Jon Karlsson")
        if start >= 0:
            a.mentions = [Mention(text="Jon Karlsson", label="PERSON", sentence=0, start=start,
                                  end=start + len("Jon Karlsson"))]
        arts.append(a)
    findings = find_inconsistencies(arts, extract_entities(arts), [])
    assert [(f.article, f.kind, f.found, f.expected) for f in findings] == \
        [("d", "name", "Jon Karlssen", "Jon Karlsson")]


def _reports(texts: dict[str, str], published: dict[str, str] | None = None) -> list[Article]:
    return [Article(id=k, text=v, published=(published or {}).get(k)) for k, v in texts.items()]


def test_count_written_differently_in_the_same_statement_is_flagged() -> None:
    arts = _reports({
        "a": "The landslide near Orvik buried 112 homes, the regional governor said on Monday.",
        "b": "Rescuers said the landslide that buried 112 homes in Orvik began after heavy rain.",
        "c": "In Orvik, 112 homes were buried by the landslide, according to the fire service.",
        "d": "The landslide in Orvik buried 142 homes overnight and cut the coastal road.",
    })
    found = [(f.article, f.kind, f.found, f.expected, f.support) for f in value_findings(arts)]
    assert found == [("d", "number", "142 homes", "112 homes", ["a", "b", "c"])]


def test_a_count_contradicted_only_by_reports_from_another_season_is_not_a_finding() -> None:
    texts = {
        "a": "The survey found 2,600 new housing units under construction in the valley.",
        "b": "Officials said 2,600 new housing units were under construction in the valley.",
        "c": "In the valley, 2,600 new housing units are under construction, the survey found.",
        "d": "The survey found 2,880 new housing units under construction in the valley.",
    }
    published = {"a": "2031-09-01", "b": "2031-09-03", "c": "2031-10-10", "d": "2030-08-01"}
    assert value_findings(_reports(texts, published)) == []
    # a source of its own moment disagrees with it as well: now it is a contradiction
    published["c"] = "2030-08-20"
    found = value_findings(_reports(texts, published))
    assert [(f.article, f.found) for f in found] == [("d", "2,880 new")]
    # a figure four sources give, however long before, has held all along
    published["c"] = "2031-10-10"
    texts["e"] = "The valley has 2,600 new housing units under construction, the survey found."
    published["e"] = "2031-11-01"
    found = value_findings(_reports(texts, published))
    assert [(f.article, f.found) for f in found] == [("d", "2,880 new")]


def test_counts_of_different_things_or_bounds_are_not_contradictions() -> None:
    arts = _reports({
        "a": "The ferry carried 116 sailors when it sank in the Narrow Sound on Friday.",
        "b": "All 116 sailors aboard the ferry were lost when it sank in the Narrow Sound.",
        "c": "The ferry sank in the Narrow Sound with 116 sailors aboard, the navy said.",
        # a bound the others agree with, and a count of something else with the same unit
        "d": "More than 100 sailors were aboard the ferry that sank in the Narrow Sound.",
        "e": "The navy trained 400 sailors at the harbour school last spring.",
    })
    assert value_findings(arts) == []


def test_day_that_disagrees_with_the_others_is_flagged_and_copies_count_once() -> None:
    texts = {
        "a": "The dam on the Selva river was closed on March 14 after inspectors found cracks.",
        "b": "Inspectors found cracks and the Selva river dam was closed on March 14.",
        "c": "Since the Selva river dam was closed on March 14, barges have waited downstream.",
        "d": "The Selva river dam was closed on March 17 after inspectors found cracks.",
    }
    found = value_findings(_reports(texts))
    assert [(f.article, f.kind, f.found, f.expected) for f in found] == [
        ("d", "date", "March 17", "March 14")]
    copies = _reports(texts)
    for a in copies:
        if a.id in ("b", "c"):
            a.copy_of = "a"
    # one story filed three times is one source: it backs the day against an article nobody
    # else backs, and the finding says it is one source
    found = value_findings(copies)
    assert [(f.article, f.found, f.support) for f in found] == [("d", "March 17", ["a", "b", "c"])]
    assert "1 other independent source (a story filed 3 times)" in found[0].message
    # ... but it is one voice: against two independent sources it is the one that disagrees
    two = copies + _reports({"f": "The Selva river dam was closed on March 17, inspectors found "
                                  "cracks."})
    assert [(f.article, f.found, f.support) for f in value_findings(two)] == [
        (x, "March 14", ["d", "f"]) for x in ("a", "b", "c")]
    # ... but a rewrite is judged against its original, which speaks like another source
    texts["e"] = "The Selva river dam was closed on March 14, a day after cracks were found."
    rewrite = _reports(texts)
    rewrite[3].copy_of = "e"
    assert [(f.article, f.found, f.support) for f in value_findings(rewrite)] == [
        ("d", "March 17", ["a", "b", "c", "e"])]
    # a rewrite whose date differs from its original and every other copy of it
    rewrite[0].copy_of = rewrite[1].copy_of = rewrite[2].copy_of = "e"
    found = value_findings(rewrite)
    assert [(f.article, f.found) for f in found] == [("d", "March 17")]
    assert "4 other copies of the same story" in found[0].message


def test_day_with_one_word_of_context_in_common_and_datelines_are_not_claims() -> None:
    arts = _reports({
        "a": "Pensions rise before the Oct. 1 anniversary, the labour minister promised.",
        "b": "Asked whether the raises were timed with the Oct. 1 anniversary in mind, he nodded.",
        "c": "As the government nears the 50th anniversary of its rule, on Oct. 1, growth slows.",
        "d": "Payments will begin before the Sept. 25 anniversary, an official said.",
    })
    found = [(f.article, f.kind, f.found, f.expected) for f in value_findings(arts)]
    assert found == [("d", "date", "Sept. 25", "Oct. 1")]
    # one word in common far from the day is not the same statement
    arts[3].text = ("Officials said the anniversary was a success. Police arrested a suspect "
                    "on Sept. 25 near the border.")
    assert value_findings(arts) == []


def test_a_mixed_context_resolves_on_more_shared_words_and_distant_years_are_not_compared(
) -> None:
    texts = {
        "a": "The budget surpluses over the next 15 years will reach $4 trillion, aides said.",
        "b": "Clinton wants budget surpluses over the next 15 years to shore up pensions.",
        "c": "Economists doubt the budget surpluses projected over the next 15 years.",
        "e": "The budget plan of the Senate covers the next 10 years.",
        "f": "A rival budget for the next 10 years was drafted by the House.",
        "d": "Greenspan said budget surpluses over the next 17 years cannot be projected.",
    }
    published = dict.fromkeys(texts, "1999-02-01")
    found = value_findings(_reports(texts, published))
    assert [(f.article, f.found, f.expected) for f in found] == [("d", "17 years", "15 years")]
    assert found[0].support == ["a", "b", "c"]
    # the same figures written three years before the others: another moment, not compared
    published["d"] = "1996-01-15"
    assert value_findings(_reports(texts, published)) == []


def test_dateline_day_is_when_the_report_was_filed_not_a_claim() -> None:
    arts = _reports({
        "a": "The Newswire report of Sept. 2 said pension payments would rise.",
        "b": "Pensions will rise, the Newswire report of Sept. 2 said.",
        "c": "According to a Newswire report of Sept. 2, pensions will rise.",
        "d": "MORAVA, Sept. 9 (Newswire) -- Pensions will rise, the minister said.",
    })
    assert value_findings(arts) == []


def test_chronology_headings_are_not_compared_as_one_statement() -> None:
    arts = _reports({
        "a": "The commission investigating the Aug. 12 disaster met in Moscow.",
        "b": "A commission looked into the Aug. 12 disaster that sank the ship.",
        "c": "The Aug. 12 disaster is the subject of a commission inquiry.",
        "d": "--Aug. 17 -- Government commission says the ship collided with another object.",
    })
    assert value_findings(arts) == []


def test_a_day_among_small_words_is_read_by_the_content_words_of_its_clause() -> None:
    arts = _reports({
        "a": "Envoys of both sides held a ceremony on Sept. 13, kicking off the long-awaited talks.",
        "b": "The envoys held a ceremony on Sept. 13 that kicked off the talks.",
        "c": "Water rights are among the thorny issues of the talks launched on Sept. 13.",
        # "the talks which have been launched Sept. 4": small words stand between the day and
        # what it is the day of
        "d": "Water rights are among the thorny issues of the talks which have been launched Sept. 4.",
    })
    assert [(f.article, f.kind, f.found, f.expected) for f in value_findings(arts)] == [
        ("d", "date", "Sept. 4", "Sept. 13")]


def test_publication_date_far_from_its_own_dateline() -> None:
    body = "{line} (Newswire) -- Port workers at Halden ended a nine-day strike, union leaders said."
    arts = _reports(
        {"a": body.format(line="HALDEN, May 4"), "b": body.format(line="OSLO, May 5"),
         "c": body.format(line="HALDEN, May 4"), "d": body.format(line="HALDEN, May 4"),
         "e": "A late review of the harbour's history, with no dateline at all."},
        {"a": "2031-05-04", "b": "2031-05-05", "c": "2031-05-06", "d": "2032-01-19",
         "e": "2031-12-01"})
    found = dateline_findings(arts)
    assert [(f.article, f.kind, f.found, f.expected) for f in found] == [
        ("d", "date", "2032-01-19", "2031-05-04")]
    assert set(found[0].support) >= {"a", "c"}


def test_publication_date_far_from_the_day_its_url_or_identifier_carries() -> None:
    body = "Port workers at Halden ended a nine-day strike, union leaders said."
    arts = [
        Article(id="WIRE20310504.0101", text=body, published="2031-05-04"),
        Article(id="b", text=body, url="https://news.example/2031/05/05/halden-strike",
                published="2031-05-05"),
        Article(id="c", text=body, url="https://paper.example/world/2031/may/06/strike",
                published="2031-05-06"),
        # filed the day before it was dated: time zones, no finding
        Article(id="WIRE20310506.0033", text=body, published="2031-05-05"),
        # the wire id says May 2031 and so do the other sources: the date field is wrong
        Article(id="WIRE20310505.0177", text=body, published="2032-01-19"),
        # a URL day with nobody else published near it says nothing about which date is wrong
        Article(id="f", text=body, url="https://x.example/2029/11/02/a", published="2031-05-07"),
        # a content hash is not a date, whatever its digits
        Article(id="20310505a1b2c3d4", text=body, published="2030-02-02"),
    ]
    found = reference_findings(arts)
    assert [(f.article, f.kind, f.found, f.expected) for f in found] == [
        ("WIRE20310505.0177", "date", "2032-01-19", "2031-05-05")]
    assert {"WIRE20310504.0101", "b", "c"} <= set(found[0].support)
    assert "identifier 'WIRE20310505.0177' carries 2031-05-05" in found[0].message
    # the same through its URL
    arts[4].id, arts[4].url = "e", "https://wire.example/2031/05/05/strike-ends"
    assert [(f.article, f.found) for f in reference_findings(arts)] == [("e", "2032-01-19")]
    assert "its URL" in reference_findings(arts)[0].message


def test_percentages_of_different_things_in_one_story_are_not_contradictions() -> None:
    arts = _reports({
        "a": "Turnout in the Kestrel county vote reached 52 percent, officials said.",
        "b": "Officials said turnout in the Kestrel county vote reached 52 percent.",
        "c": "The Kestrel county vote drew a turnout of 52 percent, the highest in years.",
        # same story, same unit, another quantity sharing only the story's topic words
        "d": "In the Kestrel county vote, 61 percent backed the new bridge toll.",
    })
    assert value_findings(arts) == []
    # the same share of the same thing, another value: that is a contradiction
    arts[3].text = "Turnout in the Kestrel county vote reached 61 percent, the council said."
    assert [(f.article, f.found) for f in value_findings(arts)] == [("d", "61 percent")]


def test_ages_are_not_durations_and_lines_do_not_run_together() -> None:
    arts = _reports({
        "a": "The pilot, who flew for 12 years with the airline, landed the plane safely.",
        "b": "The pilot had flown for 12 years with the airline before the emergency landing.",
        "c": "After 12 years with the airline, the pilot landed the plane safely.",
        "d": "The pilot, 47 years old, landed the plane safely.\n\n55 0\n\nShare this story",
    })
    assert value_findings(arts) == []
    arts[3].text = "The pilot, who flew for 15 years with the airline, landed the plane safely."
    assert [(f.article, f.found) for f in value_findings(arts)] == [("d", "15 years")]


def test_same_bound_with_another_value_and_a_changed_digit_are_flagged() -> None:
    arts = _reports({
        "a": "The probe will make a closer approach of the moon on Nov. 25, flying within 186 "
             "miles of the surface, mission managers said.",
        "b": "Mission managers said the probe would make a closer approach of the moon, flying "
             "within 186 miles of the surface.",
        "c": "Flying within 186 miles of the moon's surface, the probe will take new pictures.",
        "d": "The probe is scheduled to make a closer approach of the moon on Nov. 25, flying "
             "within 254 miles of the surface.",
    })
    assert [(f.article, f.found, f.expected) for f in value_findings(arts)] == [
        ("d", "254 miles", "186 miles")]
    tolls = _reports({
        "a": "The embassy bombing in the capital killed 247 people and injured thousands.",
        "b": "Investigators said the embassy bombing in the capital killed 247 people.",
        "c": "The embassy bombing in the capital, which killed 247 people, shocked the city.",
        "d": "The embassy bombing in the capital killed 847 people and injured thousands.",
    })
    assert [(f.article, f.found) for f in value_findings(tolls)] == [("d", "847 people")]


def test_numbers_about_an_event_years_before_are_not_this_storys_facts() -> None:
    from storyline.consistency.values import past_event

    arts = _reports({
        "a": "The jet crashed off the island, killing all 217 people aboard, officials said.",
        "b": "All 217 people aboard the jet were killed when it crashed off the island.",
        "c": "The crash off the island killed all 217 people aboard the jet.",
        "d": "A similar jet crashed in Thailand in 1991 and killed all 223 people aboard.",
    }, published={k: "1999-11-10" for k in "abcd"})
    assert value_findings(arts) == []
    assert past_event("The crash in 1991 killed all 223 people.", 1999)
    assert not past_event("Crime fell 40 percent between 1995 and 1998.", 1999)
    assert not past_event("No year here: 223 people.", 1999)
    # ... yet two accounts of the same year's history are compared with each other
    arts = _reports({
        "a": "Gay voters made up about 5 percent of the electorate nationwide in 1996, polls said.",
        "b": "About 5 percent of voters in 1996 told exit polls they were gay.",
        "c": "Exit polls in 1996 found gay voters made up 5 percent of the electorate.",
        "d": "Gay voters made up about 8 percent of the electorate nationwide in 1996, polls said.",
        "e": "Gay voters make up about 4 percent of the electorate today, a new poll found.",
    }, published={k: "2000-04-10" for k in "abcde"})
    assert [(f.article, f.found) for f in value_findings(arts)] == [("d", "8 percent")]


def test_role_rules_portfolios_bodies_and_rank() -> None:
    from storyline.entities.roles import cores_conflict, role_parts

    defense = role_parts("Russian Defense Minister", {"defense": "ORG", "russian": "NORP"})
    foreign = role_parts("Russian Foreign Minister", {"russian": "NORP"})
    assert defense.core == ("defense", "minister") and cores_conflict(defense.core, foreign.core)
    senator, leader = role_parts("Senator"), role_parts("Senate Majority Leader", {"senate": "ORG"})
    assert not cores_conflict(senator.core, leader.core)
    assert not role_parts("Cabinet minister in charge of the police", {"cabinet": "ORG"}).office
    assert role_parts("one-time fraternity president").temporal
    assert role_parts("president's chief spokesman on Social Security").core == ("chief",)
    # an honorific belongs to the name; a justice is a judge, a chief justice is not an associate
    judge = role_parts("retired judge Sir")
    justice = role_parts("retired High Court justice", {"high court": "ORG"})
    assert judge.core == ("judge",) and not cores_conflict(judge.core, justice.core)
    assert cores_conflict(role_parts("Chief Justice").core, role_parts("Associate Justice").core)


def _parsed(texts: dict[str, str]) -> list[Article]:
    from storyline import nlp

    arts = _reports(texts)
    nlp.annotate(arts, n_process=1)
    return arts


def _found(texts: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(article, kind, found, expected) of every finding on these texts, parsed."""
    arts = _parsed(texts)
    return [(f.article, f.kind, f.found, f.expected)
            for f in find_inconsistencies(arts, extract_entities(arts), [])]


def test_a_role_no_namesake_holds_and_a_past_rank_are_findings() -> None:
    texts = {
        "a": "President Clinton toured the reservation on Monday.",
        "b": "President Clinton promised new investment in the region.",
        "c": "The poverty tour of President Clinton reached the reservation.",
        "d": "Gov. George Clinton of New York once owned the land.",
        "e": "Vice President Clinton turned the attention of his tour to the reservation.",
    }
    arts = _parsed(texts)
    found = [(f.article, f.found) for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("e", "Vice President Clinton")]
    # a namesake the story gives no office at all does not make the lone surname doubtful
    texts["d"] = "Hillary Rodham Clinton stayed in Washington for the week."
    arts = _parsed(texts)
    found = [(f.article, f.found) for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("e", "Vice President Clinton")]
    # ... but one the story gives that office does ("Vice President Clinton" may be him)
    texts["d"] = "Vice President Roger Clinton of the county board stayed in Washington."
    arts = _parsed(texts)
    assert find_inconsistencies(arts, extract_entities(arts), []) == []
    texts = {
        "a": "Former President Jimmy Carter arrived in Lima on Monday.",
        "b": "The mission was led by former President Jimmy Carter.",
        "c": "Former President Jimmy Carter praised the vote count.",
        "d": "Former Vice President Jimmy Carter reiterated his support for the talks.",
    }
    arts = _parsed(texts)
    found = [(f.article, f.found) for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("d", "Former Vice President Jimmy Carter")]
    # a past office is a past office: "former Prime Minister" is not what he was either
    texts["d"] = "Former U.S. Prime Minister Jimmy Carter reiterated his support for the talks."
    arts = _parsed(texts)
    found = [(f.article, f.found) for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("d", "Former U.S. Prime Minister Jimmy Carter")]


def test_misspelt_full_name_kept_apart_by_the_grouping_is_found() -> None:
    texts = {
        "a": "NTSB Chairman Jim Hall said the board would study the crash.",
        "b": "The safety board's chairman, Jim Hall, spoke on Tuesday.",
        "c": "Jim Hall, who heads the safety board, called for new rules.",
        "d": "There are 100 ways to confuse the average consumer, NTSB Chairman Jim Hal says.",
    }
    assert _found(texts) == [("d", "name", "Jim Hal", "Jim Hall")]


def test_a_member_title_neither_backs_nor_contradicts_the_office() -> None:
    texts = {
        "a": "Senate Majority Leader Trent Lott said the vote would wait until Tuesday.",
        "b": "Senator Trent Lott of Mississippi, the Republican leader, opposed the bill. "
             "Senate Majority Leader Trent Lott later scheduled the vote.",
        "c": "The bill stalled after Senate Majority Leader Trent Lott refused to bring it up.",
        "d": "Republicans like Senate Speaker Trent Lott of Mississippi have resisted the bill.",
        "e": "Senator Trent Lott spoke to reporters after the vote.",
    }
    assert [f[:3] for f in _found(texts)] == [("d", "title", "Senate Speaker Trent Lott")]


def test_misspelt_speaker_and_short_first_name_are_found() -> None:
    texts = {
        "a": "Geraldine Dawson, a psychologist at the university, led the autism study.",
        "b": "The study's author, Geraldine Dawson, said the rise was real.",
        "c": "Geraldine Dawson presented the figures in Seattle on Monday.",
        # a surname-only speaker NER does not tag, spelt with two letters swapped
        "d": "\"It's very difficult to estimate prevalence,\" Dawosn said after the meeting.",
    }
    assert _found(texts) == [("d", "name", "Dawosn", "Geraldine Dawson")]
    texts = {
        "a": "Kathy Fithen, a manager at the response team, tracked the virus.",
        "b": "The response team's manager, Kathy Fithen, warned users on Friday.",
        "c": "Kathy Fithen said the virus had spread to thousands of computers.",
        "d": "The team worked overnight on a fix, manager Katherine Fihten said.",
    }
    assert _found(texts) == [("d", "name", "Katherine Fihten", "Kathy Fithen")]


def test_a_copy_is_judged_against_its_original_too() -> None:
    original = ("The treaty won the support of politicians ranging from Senator Jesse Helms, the "
                "conservative chairman of the foreign relations committee, to liberal Democrats. "
                "Negotiators met for three weeks in Geneva before the text was agreed.")
    texts = {
        "a": original,
        "b": "Sen. Jesse Helms said on Tuesday the treaty would pass before the recess.",
        "c": original.replace("Senator Jesse Helms", "Governor Jesse Helms"),
    }
    arts = _parsed(texts)
    from storyline import dedup

    dedup.mark_duplicates(arts)
    assert arts[2].independent_id == "a"  # the rewrite is recognised as a copy of "a"
    found = [(f.article, f.found, sorted(f.support))
             for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("c", "Governor Jesse Helms", ["a", "b"])]
    # ... and an original against its copy: the copy corrected it, another source agrees
    texts["a"], texts["c"] = texts["c"], texts["a"]
    arts = _parsed(texts)
    dedup.mark_duplicates(arts)
    assert arts[2].independent_id == "a"
    found = [(f.article, f.found, sorted(f.support))
             for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("a", "Governor Jesse Helms", ["b", "c"])]


def test_a_misprinted_digit_is_flagged_however_far_the_amounts_are() -> None:
    arts = _reports({
        "a": "The supersonic jet crashed into a hotel near the airport, killing 113 people.",
        # these two share only a couple of words with "d": a digit apart is what ties them
        "b": "Rescuers said the fire at the hotel burned for hours, killing 113 people in all.",
        "c": "The airport stayed shut after the disaster, killing 113 people, officials said.",
        "d": "The supersonic jet crashed into a hotel near the airport, killing 813 people.",
    })
    assert [(f.article, f.found, f.expected) for f in value_findings(arts)] == [
        ("d", "813 people", "113 people")]


def test_a_toll_misprinted_with_another_verb_form_is_flagged_but_two_digit_lookalikes_are_not(
) -> None:
    texts = {
        "a": "Friday's bombing of the embassy killed 247 people and wounded thousands more.",
        "b": "The embassy bombing on Friday, killing 247 people, was the worst in its history.",
        "c": "Investigators said the blast that killed 247 people at the embassy used TNT.",
    }
    texts["d"] = "Arrests followed Friday's bombing of the embassy, killing 847 people."
    assert [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))] == [
        ("d", "847 people", "247 people")]
    # "20" and "50" are one digit apart too, but two-digit counts are not misprints of each other
    texts = {
        "a": "Melissa mailed a copy of itself to the first 50 people listed in Outlook address books.",
        "b": "The virus mailed a copy of itself to the first 50 people listed in the address book.",
        "c": "Each copy of itself went to the first 50 people listed in an Outlook address book.",
        "d": "A second virus works alike, sending a copy of itself to 20 people in the victim's "
             "address book.",
    }
    assert value_findings(_reports(texts)) == []


def test_shares_in_the_same_words_are_compared_even_in_other_clauses() -> None:
    texts = {
        "a": "Communist Gennady Zyuganov, his nearest challenger in opinion polls, was in second "
             "place with about 20 percent.",
        "b": "Opinion polls put Communist Gennady Zyuganov, the nearest challenger, at about "
             "20 percent.",
        "c": "In the latest opinion polls, the nearest challenger, Communist Gennady Zyuganov, "
             "trails with 20 percent.",
        "d": "Putin has about 60 percent in pre-election opinion polls, against about 27 percent "
             "for Communist Gennady Zyuganov, his nearest challenger.",
    }
    found = value_findings(_reports(texts))
    assert [(f.article, f.found, f.expected) for f in found] == [("d", "27 percent", "20 percent")]


def test_an_article_dated_before_the_day_it_reports_is_flagged() -> None:
    body = ("The ferry Estrela sank off the coast on {day} after a storm, and divers recovered "
            "the hull of the Estrela on {day}, the coast guard said.")
    texts = {k: body.format(day="Oct. 12") for k in "abcd"}
    published = {"a": "2031-10-13", "b": "2031-10-14", "c": "2031-10-13", "d": "2031-04-02"}
    arts = _reports(texts, published)
    found = past_day_findings(arts)
    assert [(f.article, f.kind, f.found) for f in found] == [("d", "date", "2031-04-02")]
    assert found[0].support == ["a", "b", "c"] and found[0].expected == "2031-10-12"
    # a coming day is no contradiction: an article may announce the vote of Oct. 12
    texts["d"] = "The vote on the ferry Estrela is scheduled for Oct. 12, the coast guard said."
    arts = _reports(texts, published)
    assert past_day_findings(arts) == []
    published["d"] = "2031-10-15"  # dated with the others: nothing to say
    assert past_day_findings(_reports({k: body.format(day="Oct. 12") for k in "abcd"},
                                      published)) == []


def test_a_copy_dated_months_from_its_twin_and_the_story_is_flagged() -> None:
    report = ("Rescue teams pulled {n} miners alive from the flooded Kestrel pit near Dunmore "
              "on Tuesday after three days underground, the mine operator said. Pumps lowered "
              "the water in the lower galleries overnight, and medics treated the men at the "
              "pithead before taking them to hospital in Dunmore.")
    other = ("Union leaders demanded an inquiry into safety at the Kestrel pit after the "
             "flood, saying warnings about water in the lower galleries had been ignored.")
    arts = [Article(id="orig", text=report.format(n=9), published="2031-03-04"),
            Article(id="copy", text=report.format(n=9), published="2031-11-20", copy_of="orig"),
            Article(id="union", text=other, published="2031-03-06"),
            Article(id="later", text=other + " The inquiry opens in May.", published="2031-03-09")]
    found = copy_date_findings(arts)
    assert [(f.article, f.found, f.expected) for f in found] == [
        ("copy", "2031-11-20", "2031-03-04")]
    assert found[0].support[0] == "orig"
    # with nothing else of the story near either date, which one is wrong cannot be told
    assert copy_date_findings([a for a in arts if a.id in ("orig", "copy")]
                              + [Article(id="x", text=other, published="2030-01-01")]) == []


def test_a_misspelt_place_or_company_name_is_found_but_not_one_slip_among_correct_uses() -> None:
    texts = {
        "a": "Union officials in Ohio and New York said the Ford contract was a good deal.",
        "b": "The deal was approved by locals in New York, Michigan and Ohio on Sunday.",
        "c": "Workers in New York and Kentucky will vote on the Ford contract next week.",
        "d": "But local union officials in Indiana and New Yolk said the deal was a trap.",
    }
    found = _found(texts)
    assert [(a, k, f, e) for a, k, f, e in found if k == "name"] == [
        ("d", "name", "New Yolk", "New York")]
    # one slip in an article that writes the name right elsewhere is a typo, not a disagreement
    texts["d"] += " Officials in New York disagreed."
    assert [x for x in _found(texts) if x[1] == "name"] == []
    # a spelling convention is not a slip: "Defence Ministry" beside "Defense Ministry"
    texts = {k: v.replace("New York", "the Defense Ministry") for k, v in texts.items()}
    texts["d"] = "But officials in Indiana and the Defence Ministry said the deal was a trap."
    assert [x for x in _found(texts) if x[1] == "name"] == []


def test_a_count_whose_noun_phrase_ends_another_is_the_same_count() -> None:
    texts = {
        "a": "The vote leaves teaching evolution to the state's 304 public school districts.",
        "b": "Local boards in the state's 304 public school districts decide on evolution.",
        "c": "Each of the state's 304 school districts may now drop evolution from its tests.",
        "d": "The standards leave teaching evolution to the state's 364 school districts.",
    }
    found = value_findings(_reports(texts))
    assert [(f.article, f.found, f.support) for f in found] == [("d", "364 school", ["a", "b", "c"])]
    # "127 Texas death penalty" does not end "81 death penalty cases": not compared
    texts = {
        "a": "Bush reviewed the state's 81 death penalty cases in his time as governor.",
        "b": "As governor, Bush reviewed 81 death penalty cases, his office said.",
        "c": "The governor's office reviewed 81 death penalty cases under Bush.",
        "d": "Bush's office reviewed 127 Texas death penalty appeals in his time as governor.",
    }
    assert value_findings(_reports(texts)) == []


def test_a_toll_of_something_no_other_source_names_is_not_a_contradiction() -> None:
    from storyline.facts import extract_facts

    texts = {
        "a": "The EgyptAir jet crashed off Nantucket on Sunday. The crash killed all 217 people "
             "on board, officials said.",
        "b": "Divers searched the sea off Nantucket. The EgyptAir crash killed all 217 people on "
             "board.",
        "c": "Investigators studied the EgyptAir recorders. The crash killed all 217 people on "
             "board the Boeing.",
        "d": "Investigators compared the EgyptAir flight with an older disaster. The Lauda Air "
             "crash killed all 223 people on board.",
    }

    def numbers(texts: dict[str, str]) -> list[tuple[str, str]]:
        arts = _parsed(texts)
        ents = extract_entities(arts)
        return [(f.article, f.found) for f in find_inconsistencies(arts, ents, extract_facts(arts, ents))
                if f.kind == "number"]

    assert numbers(texts) == []
    texts["d"] = texts["d"].replace("The Lauda Air crash", "The EgyptAir crash")
    assert [a for a, _ in numbers(texts)] == ["d"]


def test_a_place_name_backed_by_a_copy_whose_original_words_it_otherwise() -> None:
    from storyline.consistency.people import name_findings
    from storyline.entities import analysis_for

    texts = {
        "a": "Union officials in Ohio and Manhattan said the Ford contract was a good deal.",
        "a2": "Union officials in Ohio and New York said the Ford contract was a good deal.",
        "b": "The deal was approved by locals in New York, Michigan and Ohio on Sunday.",
        "c": "Workers in New York and Kentucky will vote on the Ford contract next week.",
        "d": "But local union officials in Indiana and New Yolk said the deal was a trap.",
    }
    arts = _parsed(texts)
    arts[1].copy_of = "a"
    found = name_findings(arts, analysis_for(arts, extract_entities(arts)))
    yolk = [f for f in found if f.found == "New Yolk"]
    assert len(yolk) == 1 and yolk[0].expected == "New York"
    assert yolk[0].support == ["a", "a2", "b", "c"]


def test_a_name_written_again_and_again_beside_the_common_spelling_is_another_person() -> None:
    texts = {
        "a": "Representative Tony Hall of Dayton said the school plan deserved federal money.",
        "b": "Tony Hall, a Dayton congressman, backed the school plan on Monday.",
        "c": "The school plan won the support of Representative Tony Hall, who spoke in Dayton.",
        "d": ("Representative Tony Hall praised the school plan. Tony Hill, who leads the Dayton "
              "school board, said the plan was his. Hill said the board would vote in May. "
              "Tony Hill, 31, first ran for the board last fall."),
    }
    assert [f for f in _found(texts) if f[1] == "name"] == []
    # written once, in place of the name, it is a slip
    texts["d"] = "Representative Tony Hill praised the school plan in Dayton on Monday."
    assert [f[:3] for f in _found(texts) if f[1] == "name"] == [("d", "name", "Tony Hill")]


def test_a_mistake_an_original_and_its_copy_share_is_reported_once() -> None:
    texts = {
        "a": "The landslide near Orvik buried 112 homes, the regional governor said on Monday.",
        "b": "Rescuers said the landslide that buried 112 homes in Orvik began after heavy rain.",
        "c": "In Orvik, 112 homes were buried by the landslide, according to the fire service.",
        "d": "The landslide in Orvik buried 142 homes overnight and cut the coastal road.",
        "d2": "The landslide in Orvik buried 142 homes overnight and cut the coastal road (wire).",
    }
    arts = _parsed(texts)
    arts[4].copy_of = "d"
    found = find_inconsistencies(arts, extract_entities(arts), [])
    assert [(f.article, f.found) for f in found] == [("d", "142 homes")]
    assert found[0].message.endswith("Its copy d2 says the same.")
    # the original holds the finding wherever its copy stands in the input
    arts = [arts[4]] + arts[:4]
    found = find_inconsistencies(arts, extract_entities(arts), [])
    assert [(f.article, f.found) for f in found] == [("d", "142 homes")]


def test_every_misspelling_an_article_writes_is_reported() -> None:
    texts = {
        "a": "Richard Lindzen, a meteorologist at the institute, doubted the climate models.",
        "b": "The climate models were questioned by Richard Lindzen of the institute.",
        "c": "Richard Lindzen said on Monday that the climate models ran too hot.",
        "d": ("The conclusion was drawn by Dr. Richard S. Lyndzen of the institute. Lyndzen said "
              "the climate models ran too hot. Professor Lindzeb also wrote the paper."),
    }
    names = [f[:3] for f in _found(texts) if f[1] == "name"]
    assert names == [("d", "name", "Lindzeb"), ("d", "name", "Richard S. Lyndzen")]


def test_a_share_one_source_repeats_word_for_word_and_another_confirms_is_compared() -> None:
    texts = {
        "a": ("Harlow Motors had an initial public offering of nearly 18 percent of its parts "
              "unit earlier this year and plans to spin off the rest."),
        "b": "In February, 18 percent of the unit went to public investors.",
        "c": "Analysts expect Harlow Motors to cut 30 percent of its office staff.",
        "d": ("Harlow Motors had an initial public offering of nearly 10 percent of its parts "
              "unit earlier this year and plans to spin off the rest."),
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "10 percent", "18 percent")]


def test_a_number_whose_whole_sentence_others_write_with_another_value() -> None:
    from storyline.consistency.claims import statement_findings
    from storyline.consistency.values import all_mentions

    texts = {
        "a": ("Four people on the ground and all 109 people in the plane were killed when it "
              "crashed into a hotel north of Paris."),
        "b": ("The plane crashed into a hotel north of Paris, and all 109 people in the plane "
              "and four people on the ground were killed."),
        "c": "Investigators said the plane, which crashed north of Paris, lost an engine.",
        "d": ("The jet crashed into a small hotel north of Paris shortly after takeoff. Four "
              "people on the ground and all 125 people in the plane were killed."),
    }
    arts = _parsed(texts)
    found = statement_findings(arts, all_mentions(arts))
    assert [(f.article, f.found, f.expected, f.support) for f in found] == [
        ("d", "125 people", "109 people", ["a", "b"])]
    assert "write the same sentence" in found[0].message
    # one source is no majority
    arts = _parsed({k: v for k, v in texts.items() if k != "b"})
    assert statement_findings(arts, all_mentions(arts)) == []
    # a sentence that names what theirs do not tells of something else (both crashes together)
    texts["d"] = ("Four people on the ground and all 125 people in the planes were killed when "
                  "they crashed into hotels north of Paris and near Lyon.")
    arts = _parsed(texts)
    assert statement_findings(arts, all_mentions(arts)) == []


def test_a_surname_alone_speaks_for_the_person_when_the_story_has_no_namesake() -> None:
    texts = {
        "a": "President Bill Clinton signed the crime bill on Tuesday.",
        "b": "President Clinton said violent crime fell for the sixth year.",
        "c": "The figures pleased President Clinton, who praised the police.",
        "d": "President Clinton will announce the crime figures on Friday.",
        "e": "U.S. Vice President Bill Clinton ordered his government to develop a crime plan.",
    }
    assert [f[:3] for f in _found(texts) if f[1] == "title"] == [
        ("e", "title", "U.S. Vice President Bill Clinton")]


def test_a_deputy_called_the_holder_after_the_others_wrote_may_have_been_promoted() -> None:
    from storyline import nlp

    texts = {
        "a": "Deputy Treasury Secretary Lawrence Sommer said the surplus would last.",
        "b": "The plan was drawn up by Deputy Treasury Secretary Lawrence Sommer.",
        "c": "Deputy Treasury Secretary Lawrence Sommer defended the plan in Congress.",
        "d": "Treasury Secretary Lawrence Sommer warned that the tax cut went too far.",
    }
    dates = {"a": "2031-01-10", "b": "2031-03-01", "c": "2031-04-01", "d": "2031-07-11"}

    def titles() -> list[tuple[str, str]]:
        arts = _reports(texts, dates)
        nlp.annotate(arts, n_process=1)
        return [(f.article, f.found) for f in find_inconsistencies(arts, extract_entities(arts), [])
                if f.kind == "title"]

    assert titles() == []
    # written before them, the same words are a wrong title
    dates["d"] = "2030-12-20"
    assert titles() == [("d", "Treasury Secretary Lawrence Sommer")]
    # another office altogether is a finding whenever it was written, with the gap told
    texts["d"] = "Prime Minister Lawrence Sommer warned that the tax cut went too far."
    dates["d"] = "2032-06-01"
    arts = _reports(texts, dates)
    nlp.annotate(arts, n_process=1)
    found = [f for f in find_inconsistencies(arts, extract_entities(arts), []) if f.kind == "title"]
    assert [f.article for f in found] == ["d"]
    assert "six months apart" in found[0].message


def test_the_unit_pool_offers_every_mention_of_the_same_unit_once_in_article_order() -> None:
    from storyline.consistency.mentions import _candidates, _same_unit, unit_pool
    from storyline.consistency.values import all_mentions

    arts = _reports({
        "a": "The state's 304 public school districts got 45 percent more money and 12 buses.",
        "b": "Each of its 364 school districts, 40 percent of them rural, runs 12 buses.",
        "c": "Some 310 school districts and 2 charter schools sued; 7 percent of districts lost.",
        "d": "The 304 public school districts hired 900 teachers for $2 million.",
    })
    mentions = all_mentions(arts)
    pool = unit_pool(mentions)
    every = [(art, m) for art, ms in mentions.items() for m in ms]
    for _, m in every:
        offered = _candidates(m, mentions, pool)
        assert len(offered) == len({id(x) for _, x in offered})  # no mention twice
        assert offered == [(art, x) for art, x in every if x in [y for _, y in offered]]  # order
        assert [(art, x) for art, x in offered if _same_unit(m, x)] == [
            (art, x) for art, x in every if _same_unit(m, x)]
    districts = next(m for m in mentions["a"] if m.value == 304)
    assert [(art, m.value) for art, m in _candidates(districts, mentions, pool)
            if _same_unit(districts, m)] == [("a", 304), ("b", 364), ("c", 310), ("d", 304)]


def test_a_count_several_times_off_is_flagged_when_several_sources_agree_on_it() -> None:
    texts = {
        "a": "His mother and 10 others died when the boat sank in November.",
        "b": "The boat carried his mother and 10 others, who died at sea.",
        "c": "The boy lost his mother and 10 others from the boat.",
        "d": "His mother and 10 others were lost when the boat went down at sea.",
        "e": "Elian was rescued at sea after the boat sank, killing his mother and 30 others.",
    }
    # 30 is three times 10: past what two figures for one thing usually differ by, and the
    # sentences are not one statement reworded; four sources agreeing make it a slip
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("e", "30 others", "10 others")]
    # two sources are not enough to call a value that far off a slip rather than another count
    del texts["c"], texts["d"]
    texts["e"] = texts["e"].replace("30 others", "25 others")
    assert value_findings(_reports(texts)) == []
    # ... unless one digit of it is all that differs: a misprint
    texts["e"] = texts["e"].replace("25 others", "30 others")
    assert [f.found for f in value_findings(_reports(texts))] == ["30 others"]


def test_the_words_around_a_number_reach_back_to_the_start_of_a_long_sentence() -> None:
    texts = {
        "a": "The Orvik landslide buried 112 homes, officials said.",
        "b": "Officials said the Orvik landslide buried 112 homes.",
        "c": "In all, the Orvik landslide buried 112 homes.",
        # "Orvik" stands ten words before the count: it is still the same statement
        "d": "Landslide in Orvik by Monday evening the rescuers said it had buried 142 homes.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "142 homes", "112 homes")]


def test_a_count_another_source_gives_with_a_shorter_noun_phrase_is_not_contradicted() -> None:
    texts = {
        "a": "The Parti Quebecois won 75 seats in the provincial assembly on Monday.",
        "b": "Final results gave the Parti Quebecois 75 seats in the provincial assembly.",
        "c": "In the provincial assembly the Parti Quebecois now holds 75 seats.",
        "d": "The Parti Quebecois fell short of 125 legislative seats in the provincial assembly.",
    }
    assert [(f.article, f.found) for f in value_findings(_reports(texts))] == [
        ("d", "125 legislative")]
    # another source gives 125 seats, whatever it says around them: the figure is attested
    texts["e"] = "Quebec's legislature has 125 seats."
    assert value_findings(_reports(texts)) == []


def test_amounts_of_money_several_times_apart_are_not_called_a_slip() -> None:
    texts = {
        "a": "Republicans want the $1 trillion in projected surpluses returned as tax cuts.",
        "b": "The White House plans to spend the $1 trillion in projected surpluses on schools.",
        "c": "Critics say the $1 trillion in projected surpluses may never appear.",
        "d": "Skeptics note that the other third of the $4.5 trillion in projected surpluses "
             "is unspoken for.",
    }
    assert value_findings(_reports(texts)) == []


def _refiled(texts: dict[str, str], copies: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(article, found, support, message) of every finding, ``copies`` marked as copies."""
    arts = _parsed(texts)
    for a in arts:
        a.copy_of = copies.get(a.id)
    return [(f.article, f.found, ",".join(f.support), f.message)
            for f in find_inconsistencies(arts, extract_entities(arts), [])]


def test_a_story_filed_twice_backs_a_name_or_title_against_one_article() -> None:
    story = ("The adoption bill won the support of politicians ranging from Senator Jesse Helms, "
             "the chairman of the foreign relations committee, to liberal Democrats. The "
             "manager of the agency, Kathy Fithen, said the rules would take effect in June.")
    texts = {
        "a": story,
        "a2": story + " Officials expect the first cases within weeks.",
        "c": "Gov. Jesse Helms, chairman of the foreign relations committee, praised the bill. "
             "Agency manager Kathy Fihten said the rules would take effect in June.",
    }
    found = _refiled(texts, {"a2": "a"})
    assert [(art, what, sup) for art, what, sup, _ in found] == [
        ("c", "Kathy Fihten", "a,a2"), ("c", "Gov. Jesse Helms", "a,a2")]
    assert all("1 other independent source (a story filed 2 times)" in m for *_, m in found)
    # filed once, it is one article against one: no majority
    del texts["a2"]
    assert _refiled(texts, {}) == []
    # ... and a count wants two witnesses however often one story is filed
    counts = {"a": "The flood destroyed 112 homes in Orvik, the governor said.",
              "a2": "The flood destroyed 112 homes in Orvik, the governor said on Monday.",
              "c": "The flood destroyed 142 homes in Orvik overnight."}
    arts = _reports(counts)
    arts[1].copy_of = "a"
    assert value_findings(arts) == []
    # ... unless the refiled story makes the article's very statement with another figure
    counts["c"] = "The flood destroyed 142 homes in Orvik, the regional governor said."
    arts = _reports(counts)
    arts[1].copy_of = "a"
    found = value_findings(arts)
    assert [(f.article, f.found, f.support) for f in found] == [("c", "142 homes", ["a", "a2"])]


def test_an_original_that_misspells_a_name_its_copy_and_another_source_spell_right() -> None:
    story = ("The response team's manager, Kathy Fihten, warned users on Friday that the virus "
             "had spread to thousands of computers across three continents overnight.")
    texts = {
        "a": story,
        "b": story.replace("Fihten", "Fithen") + " A fix is expected.",
        "c": "Kathy Fithen said the virus had spread to thousands of computers.",
    }
    found = _refiled(texts, {"b": "a"})
    assert [(art, what, sup) for art, what, sup, _ in found] == [("a", "Kathy Fihten", "b,c")]
    assert found[0][3].endswith("one of them a copy of the article itself.")


def test_a_spokesman_called_the_director_of_what_he_speaks_for_is_a_finding() -> None:
    texts = {
        "a": "Ellen Varga, a spokeswoman for Harbor Books, said the chain would appeal the ruling.",
        "b": "The chain will appeal, said Ellen Varga, a spokeswoman for Harbor Books.",
        "c": "Ellen Varga, a director for Harbor Books, said the chain would appeal the ruling.",
    }
    assert _found(texts) == [("c", "title", "director for Harbor Books Ellen Varga",
                              "spokeswoman for Harbor Books Ellen Varga")]
    # a director of something named may well speak for it
    texts["c"] = ("Ellen Varga, the communications director for Harbor Books, said the chain "
                  "would appeal.")
    assert _found(texts) == []


def test_a_share_of_more_than_all_of_a_set_is_flagged_against_what_others_give() -> None:
    texts = {
        "a": "About 85 percent of patients with the disorder take Calmex, the clinic reported.",
        "b": "Doctors said 85 percent of patients take Calmex daily.",
        "c": "The survey found 85 percent of the patients on Calmex improved.",
        # one shared word ("patients") is too loose a context for 115 against 85 ...
        "d": "Nurses in Vella say 115 percent of patients are children.",
    }
    found = value_findings(_reports(texts))
    assert [(f.article, f.found, f.expected, f.support) for f in found] == [
        ("d", "115 percent", "85 percent", ["a", "b", "c"])]
    texts["d"] = "Nurses in Vella say 75 percent of patients are children."
    assert value_findings(_reports(texts)) == []  # ... unless the share is impossible
    assert "more than all of them" in found[0].message
    # ... but more than the whole of a measure is no error, and so is a rise
    texts["d"] = "Families earning up to 115 percent of the median income may apply for Calmex."
    assert value_findings(_reports(texts)) == []
    texts["d"] = "Nurses in Vella say visits rose 115 percent as patients came back."
    assert value_findings(_reports(texts)) == []


def test_a_title_word_swapped_inside_an_organisations_name_is_a_finding() -> None:
    texts = {
        "a": "Workers at General Motors voted on Sunday to accept the contract.",
        "b": "The union said General Motors had agreed to keep the Flint plant open.",
        "c": "Shares of General Motors rose after the vote.",
        "d": "The strike ended when Colonel Motors Corp. agreed to keep the Flint plant open.",
    }
    found = _found(texts)
    assert found == [("d", "name", "Colonel Motors", "General Motors")]
    # a person's title is compared as a title, not as a name ("Senator"/"President Clinton")
    texts["d"] = "The strike ended when Senator Motors agreed to keep the plant open."
    texts["a"] = texts["b"] = texts["c"] = "President Motors spoke at the plant on Sunday."
    assert [f for f in _found(texts) if f[2] == "Senator Motors" and f[1] == "name"] == []


def test_a_surname_with_two_letters_swapped_is_a_slip_even_under_another_first_name() -> None:
    texts = {
        "a": "President Hallgren signed the land bill on Monday.",
        "b": "The tribe thanked President Hallgren for the bill.",
        "c": "Critics said Hallgren had moved too slowly on the claims.",
        "d": "Two centuries ago, Gov. Peter Hlalgren ignored the warnings of the tribe.",
    }
    assert [(f[0], f[2]) for f in _found(texts)] == [("d", "Peter Hlalgren")]
    # a letter changed may be another person's real name: left alone
    texts["d"] = "Two centuries ago, Gov. Peter Hallgran ignored the warnings of the tribe."
    assert _found(texts) == []


def test_a_count_after_new_is_a_count_of_the_noun_its_phrase_ends_in() -> None:
    from storyline.consistency.values import article_mentions

    art = Article(id="a", text="The bill includes $690 million for 120,000 new rental assistance "
                               "vouchers, and 2,600 new housing units will be built.")
    units = {m.value: (m.unit, m.phrase) for m in article_mentions(art)}
    assert units[120000.0] == ("voucher", ("rental", "assistance", "voucher"))
    assert units[2600.0] == ("unit", ("housing", "unit"))
    texts = {
        "a": "The bill includes $690 million for 120,000 new housing vouchers, officials said.",
        "b": "Officials said the bill includes 120,000 new vouchers for poor families.",
        "c": "The $690 million bill includes 120,000 housing vouchers, officials said.",
        "d": "Officials said the $690 million bill includes 140,000 new rental assistance "
             "vouchers.",
    }
    found = value_findings(_reports(texts))
    assert [(f.article, f.found, f.expected) for f in found] == [
        ("d", "140,000 new", "120,000 new")]


def test_a_family_that_gives_both_values_does_not_speak_against_its_copy() -> None:
    texts = {
        "a": "Mayor Ron Vale said the plan is to build 3,000 new housing units in Orvik. He said "
             "Orvik has permission to build 2,600 additional units.",
        "a2": "Mayor Ron Vale said the plan is to build 3,000 new housing units in Orvik.",
        "b": "Orvik has permission to build 2,600 additional units, Mayor Ron Vale said.",
    }
    arts = _reports(texts)
    arts[1].copy_of = "a"
    assert value_findings(arts) == []


def test_about_reaches_as_far_as_the_rounding_of_its_number() -> None:
    texts = {
        "a": "The blasts that killed 300 people in Velmar and two other cities shocked the nation.",
        "b": "Investigators linked the group to blasts that killed 300 people in Velmar.",
        "c": "The bombings killed 300 people in Velmar and two other cities last month.",
        # "about 260" is rounded to ten: it does not cover 300
        "d": "The two are accused of blasts that killed about 260 people in Velmar and two "
             "other cities.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "260 people", "300 people")]
    # "about 280" is not 300 either; but "about 300" covers the others' 280
    texts["d"] = texts["d"].replace("about 260", "about 280")
    assert [f.found for f in value_findings(_reports(texts))] == ["280 people"]
    for k in "abc":
        texts[k] = texts[k].replace("killed 300", "killed 280")
    texts["d"] = texts["d"].replace("about 280", "about 300")
    assert value_findings(_reports(texts)) == []
    texts["d"] = texts["d"].replace("about 300", "300")
    assert [f.found for f in value_findings(_reports(texts))] == ["300 people"]


def test_a_number_set_off_by_commas_is_compared_as_the_same_statement() -> None:
    texts = {
        "a": "This decade, more than 60,000 children, infants to teenagers, have died in "
             "traffic crashes on the state's roads.",
        "b": "This decade, more than 60,000 children, the safety board said, have died in "
             "traffic crashes.",
        "c": "Safety officials said that this decade, more than 60,000 children, from infants "
             "to teenagers, have died in traffic crashes.",
        "d": "This decade, more than 46,000 children, infants to teenagers, have died in "
             "traffic crashes.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "46,000 children", "60,000 children")]
    # with fewer words in common, an amount without a clause of its own is left alone
    texts["d"] = "Last spring, 46,000 children, the board said, were vaccinated."
    assert value_findings(_reports(texts)) == []


def test_other_before_a_noun_counts_the_others() -> None:
    texts = {
        "a": "The boy survived the shipwreck that killed his mother and 10 others.",
        "b": "His mother and 10 others died when the boat sank in November.",
        "c": "The boat sank, killing his mother and 10 others on board.",
        "d": "He was one of three survivors of the shipwreck in which his mother and 13 other "
             "migrants died.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "13 other", "10 others")]


def test_two_digit_misprint_of_a_distance_but_not_of_a_loose_unit() -> None:
    texts = {
        "a": "The shooting happened in Conyers, 25 miles east of Atlanta, on Thursday.",
        "b": "Rockdale County, 25 miles east of Atlanta, is a quiet suburb.",
        "c": "Heritage High School lies in a community about 45 miles east of Atlanta.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("c", "45 miles", "25 miles")]
    # "people" is too loose a unit: 20 and 50 people are as likely two different counts
    texts = {
        "a": "The virus sends a copy of itself to the first 50 people in the address book.",
        "b": "Melissa mails itself to the first 50 people in the address book.",
        "c": "A third virus sends itself to 20 people in the victim's address book.",
    }
    assert value_findings(_reports(texts)) == []


def test_one_word_in_common_will_do_where_many_sources_agree() -> None:
    texts = {
        "a": "The airliner went down off Nantucket with all 217 people on board.",
        "b": "Investigators said all 217 people on board died instantly.",
        "c": "The search for the 217 people on board was called off on Tuesday.",
        "d": "The families of the 217 people on board gathered in Cairo.",
        "e": "All the 317 people on board are feared dead, officials said.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("e", "317 people", "217 people")]
    # three sources are too few on one word
    del texts["d"]
    assert value_findings(_reports(texts)) == []


def test_a_second_figure_against_the_same_consensus_on_one_word_is_another_count() -> None:
    texts = {
        "a": "Relatives of the 113 people killed in the crash laid flowers in Paris.",
        "b": "Relatives of the 113 people killed in the crash gathered in Cologne.",
        "c": "The jet crashed into a hotel and killed 113 people.",
        "d": "A memorial lists the 113 people killed that day.",
        # the others' figure misprinted, and a count of another disaster told beside it
        "e": "Relatives of the 130 people killed in the crash met the bishop, who spoke of a "
             "train disaster that killed 101 people.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("e", "130 people", "113 people")]


def test_years_ago_dates_a_sentence_to_its_own_year() -> None:
    texts = {
        "a": "The crash killed 113 people, most of them German tourists.",
        "b": "Relatives of the 113 people killed in the crash gathered in Cologne.",
        "c": "The jet crashed into a hotel and killed 113 people.",
        "d": "A memorial lists the 113 people killed that day.",
        "e": "The bishop recalled a train disaster two years ago that killed 101 people.",
    }
    published = dict.fromkeys(texts, "2000-08-18")
    assert value_findings(_reports(texts, published)) == []
    texts["e"] = texts["e"].replace("two years ago", "on the line")
    assert [f.found for f in value_findings(_reports(texts, published))] == ["101 people"]


def test_a_figure_without_its_decimals_is_not_another_figure() -> None:
    texts = {
        "a": "The surplus would help pay down the $5.7 trillion national debt, Clinton said.",
        "b": "Paying down the $5.7 trillion national debt is the priority, he said.",
        "c": "The plan would pay down the $5.7 trillion national debt within 15 years.",
        "d": "He said the surplus should pay down the $5 trillion national debt.",
    }
    assert value_findings(_reports(texts)) == []
    texts["d"] = texts["d"].replace("$5 trillion", "$4.7 trillion")
    assert [f.found for f in value_findings(_reports(texts))] == ["$4.7 trillion national"]


def test_a_bare_director_against_a_campaign_spokesman_is_a_finding() -> None:
    texts = {
        "a": "Campaign spokesman Dan Whitcombe said the governor would not attend.",
        "b": "The governor will skip the debate, spokesman Dan Whitcombe said on Monday.",
        "c": "The governor meets many groups, Director Dan Whitcombe said.",
    }
    assert _found(texts) == [("c", "title", "Director Dan Whitcombe",
                              "Campaign spokesman Dan Whitcombe")]
    # a director of something named may well speak for it
    texts["c"] = texts["c"].replace("Director", "Communications Director")
    assert _found(texts) == []


def test_a_misspelt_name_written_in_the_other_order_is_a_finding() -> None:
    texts = {
        "a": "Police criminal investigations director Adadi Rajabu said three men were held.",
        "b": "Adadi Rajabu, the head of criminal investigations, said the men were questioned.",
        "c": "The suspects were questioned, said Adadi Rajabu, who leads the inquiry.",
        "d": "Criminal investigation director Rajabi Adady said the suspects were in custody.",
    }
    found = [f for f in _found(texts) if f[1] == "name"]
    assert found == [("d", "name", "Rajabi Adady", "Adadi Rajabu")]
    # the same name in the other order, spelt right, is no finding
    texts["d"] = texts["d"].replace("Adady", "Adadi")
    assert [f for f in _found(texts) if f[1] == "name"] == []


def test_thousands_of_years_ago_is_a_figure_a_few_years_ago_is_not() -> None:
    texts = {
        "a": "Half the public believes humans were created 10,000 years ago, the survey found.",
        "b": "Many in the survey believe humans were created 10,000 years ago.",
        "c": "The survey found many believe humans were created 10,000 years ago by God.",
        "d": "The survey found half believe humans were created 14,000 years ago.",
    }
    assert [f.found for f in value_findings(_reports(texts))] == ["14,000 years"]
    # "12 years ago" counts back from the day each report was written
    for k in texts:
        texts[k] = texts[k].replace("10,000", "12").replace("14,000", "16")
    assert value_findings(_reports(texts)) == []


def test_a_count_in_millions_every_other_source_agrees_on_is_compared_in_any_words() -> None:
    texts = {
        "a": "Arthritis is the leading cause of disability, striking 40 million Americans.",
        "b": "The drug maker wants approval for acute pain, a market of 40 million Americans.",
        "c": "Quack cures flourish because so many suffer from it: 40 million Americans today.",
        "d": "The new pills will be marketed to people with osteoarthritis, 34 million Americans.",
    }
    found = [(f.article, f.found, f.expected) for f in value_findings(_reports(texts))]
    assert found == [("d", "34 million Americans", "40 million Americans")]
    # the others disagree among themselves: no consensus to hold it against
    texts["c"] = texts["c"].replace("40 million", "45 million")
    assert value_findings(_reports(texts)) == []


def test_campaign_director_against_campaign_spokesmen_is_a_finding() -> None:
    texts = {
        "a": "Campaign spokesman Dan Whitcombe said the governor would not attend.",
        "b": "The governor will skip the debate, campaign spokesman Dan Whitcombe said.",
        "c": "The governor meets many groups, campaign director Dan Whitcombe said.",
    }
    assert [f[:3] for f in _found(texts)] == [("c", "title", "campaign director Dan Whitcombe")]


def test_a_misspelt_name_in_the_lines_cleaning_removed_is_a_finding() -> None:
    texts = {
        "a": "Voters lined up early in Guadalajara on Sunday.",
        "b": "Turnout was high across the state of Jalisco.",
        "c": "The former president watched the vote in Leon.",
    }
    signature = "{}'s e-mail address is susanf(at)example.com"
    arts = _parsed(texts)
    for a, name in zip(arts, ("Susan Ferriss", "Susan Ferriss", "Susan Ferirss"), strict=True):
        a.removed_lines = [signature.format(name), "Story Filed By Example News Service"]
    found = [(f.article, f.kind, f.found, f.expected)
             for f in find_inconsistencies(arts, extract_entities(arts), [])]
    assert found == [("c", "name", "Susan Ferirss", "Susan Ferriss")]
    # one signature each way: no majority
    arts[1].removed_lines = []
    assert find_inconsistencies(arts, extract_entities(arts), []) == []
