"""Quote extraction and attribution on small texts written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline import nlp
from storyline.model import Article, Entity, Quote
from storyline.quotes import extract_quotes
from storyline.quotes.marks import quote_spans
from storyline.quotes.names import Canonicaliser

STYLES = (
    "Foreign Minister Antonio Ruiz met the trade envoy Carla Diaz in Geneva on Tuesday.\n\n"
    "„We will not give up on these talks,“ said Ruiz after the meeting.\n\n"
    "«The border must stay open for food convoys» Diaz told reporters.\n\n"
    "“There is still a path to peace,” the minister said.\n\n"
    "“I am ready for this,” Diaz said, “to talk about the grain corridor today.”\n\n"
    "Ruiz said that the negotiations would resume in Vienna next week.\n\n"
    "“Grain has to move before the winter comes,” the top trade envoy said.\n\n"
    "Diaz spoke again later. “We are not naive about the risks,” the Foreign Minister stressed.\n\n"
    "According to Diaz, the convoys carried wheat and medical supplies."
)
PRONOUN = (
    "Senator Jane Holt visited the closed steel plant on Monday with her staff.\n\n"
    "Mayor Tom Reed showed her the furnaces, and his aides handed out the figures.\n\n"
    "“We need these jobs back in the state,” she told reporters.\n\n"
    "“The first part of my statement is long,” Holt added. “And it goes on\n\n"
    "“until it finally ends here in a second paragraph.”\n\n"
    "“Nobody in this town wants charity,” ― Peter Okafor"
)
ROLE_ENTITIES = [
    Entity(name="Antonio Ruiz", type="PERSON", roles=["Foreign Minister"], variants=["Ruiz"]),
    Entity(name="Carla Diaz", type="PERSON", roles=["top trade envoy"], variants=["Diaz"]),
    Entity(name="Jane Holt", type="PERSON", roles=["Senator"], variants=["Holt", "Jane Hold"]),
]


@pytest.fixture(scope="module")
def quotes() -> list[Quote]:
    articles = [Article(id="styles", text=STYLES), Article(id="pronoun", text=PRONOUN)]
    nlp.annotate(articles)
    return extract_quotes(articles, ROLE_ENTITIES)


def _find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, quotes)
    return hits[0]


def test_german_and_guillemet_quotes(quotes: list[Quote]) -> None:
    q = _find(quotes, "give up on these talks")
    assert q.direct and q.speaker == "Antonio Ruiz" and q.cue == "said"
    assert not q.text.startswith("„")
    q = _find(quotes, "border must stay open")
    assert q.speaker == "Carla Diaz" and q.cue == "told reporters"


def test_role_reference_resolves_to_the_person_holding_the_role(quotes: list[Quote]) -> None:
    # the most recent person is Diaz; only Ruiz is a minister
    assert _find(quotes, "path to peace").speaker == "Antonio Ruiz"


def test_role_descriptions_use_entity_roles(quotes: list[Quote]) -> None:
    # the most recent person is Ruiz; the story's entities say Diaz is the top trade envoy
    assert _find(quotes, "Grain has to move").speaker == "Carla Diaz"
    # a capitalised title is a role, not a name of its own (the last person named is Diaz)
    q = _find(quotes, "not naive about the risks")
    assert q.speaker == "Antonio Ruiz" and q.cue == "stressed"


def test_split_quote_parts_share_the_speaker(quotes: list[Quote]) -> None:
    first = _find(quotes, "I am ready for this")
    second = _find(quotes, "grain corridor")
    assert first.speaker == second.speaker == "Carla Diaz"


def test_reported_speech(quotes: list[Quote]) -> None:
    q = _find(quotes, "negotiations would resume")
    assert not q.direct and q.speaker == "Antonio Ruiz" and q.cue == "said"
    q = _find(quotes, "convoys carried wheat")
    assert not q.direct and q.speaker == "Carla Diaz" and q.cue == "according to"
    assert q.text == "the convoys carried wheat and medical supplies"


def test_pronoun_speaker_and_multi_paragraph_quote(quotes: list[Quote]) -> None:
    # "she" skips the more recent Tom Reed: the article used "his" for him and "her" for Holt
    q = _find(quotes, "jobs back in the state")
    assert q.speaker == "Jane Holt" and q.cue == "told reporters"
    assert _find(quotes, "first part of my statement").speaker == "Jane Holt"
    # the opening mark repeated without a closing one: the quote continues, same speaker
    assert _find(quotes, "it goes on").speaker == "Jane Holt"
    assert _find(quotes, "finally ends here").speaker == "Jane Holt"


def test_dash_attribution_and_unknown_speaker_keeps_raw_name(quotes: list[Quote]) -> None:
    assert _find(quotes, "wants charity").speaker == "Peter Okafor"


def test_speakers_canonicalised_to_entities() -> None:
    text = "“The tax plan will pass this spring,” said Jane Hold, visiting the capital."
    article = Article(id="variant", text=text)
    nlp.annotate([article])
    (q,) = [q for q in extract_quotes([article], ROLE_ENTITIES) if q.direct]
    assert q.speaker == "Jane Holt"


def test_quote_marks_are_not_apostrophes_and_may_be_mixed() -> None:
    text = 'It’s the voters’ choice, he said. "Mixed marks close here” and ‘single ones’ too.'
    spans = [text[s.start:s.end] for s in quote_spans(text)]
    assert spans == ["Mixed marks close here", "single ones"]


def test_short_scare_quotes_are_not_quotes(quotes: list[Quote]) -> None:
    assert all(len(q.text.split()) >= 4 for q in quotes if q.direct)


@given(st.text(alphabet=st.sampled_from(list('ab .,\n"“”„«»‹›‘’\'')), max_size=80))
@settings(max_examples=200, deadline=None)
def test_quote_spans_stay_inside_their_paragraph(text: str) -> None:
    spans = quote_spans(text)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for s in spans:
        assert 0 < s.start <= s.end <= len(text)
        assert "\n" not in text[s.start:s.end]


def test_canonicaliser_never_swaps_people_sharing_a_surname() -> None:
    canon = Canonicaliser([Entity(name="Bill Clinton", type="PERSON", variants=["Clinton"]),
                           Entity(name="Antony Blinken", type="PERSON", variants=["Blinken"])])
    none: Counter[str] = Counter()
    assert canon.resolve("Hillary Clinton", none) == "Hillary Clinton"
    assert canon.resolve("Clinton", Counter({"Hillary Clinton": 2})) == "Hillary Clinton"
    assert canon.resolve("Mr. Blinken", none) == "Antony Blinken"
    assert canon.resolve("Antony Blinkin", none) == "Antony Blinken"  # a close misspelling
    assert canon.resolve("Jo Smith", none) == "Jo Smith" and canon.resolve(None, none) is None


def test_reported_clause_does_not_end_on_a_dangling_conjunction() -> None:
    a = Article(id="r", text="The minister said the report would not be published, but he "
                             "was ready to meet the committee.")
    nlp.annotate([a], n_process=1)
    reported = [q.text for q in extract_quotes([a], []) if not q.direct]
    assert reported and all(not t.rstrip(" ,").endswith((" but", " and", " or")) for t in reported)
    assert any(t.startswith("the report would not be published") for t in reported)


def test_pronoun_continues_the_main_subject_not_the_one_inside_her_report() -> None:
    a = Article(id="p", text='Ilse Brandt, head of the opposition, said that Finance Minister '
                             'Omar Velic had "sold the harbour for a song". "He came back with '
                             'nothing but a photograph," she told supporters in the capital.')
    nlp.annotate([a], n_process=1)
    quotes = {q.text[:20]: q.speaker for q in extract_quotes([a], []) if q.direct}
    assert quotes["He came back with no"] == "Ilse Brandt"
