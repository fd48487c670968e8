"""Story grouping: separate similar events, keep one event together, incremental updates."""

from __future__ import annotations

import re

from storyline.group import StoryGrouper, group_articles
from storyline.model import Article, Mention

# Invented reports: two earthquakes (same words, different places, people and years) and a
# football transfer. test_store.py uses them too.
QUAKE_A = [
    ("qa1", "Strong quake shakes Valdoria coast", "2010-02-27",
     "A magnitude 7.9 earthquake struck off the coast of Valdoria early on Saturday, February 27, "
     "2010, killing at least 42 people in the port city of Marenza, officials said.\n\n"
     "The National Seismic Office said the quake hit at 3:34 a.m. at a depth of 35 kilometres. "
     "President Elena Rostova declared a state of emergency in the Marenza region.\n\n"
     "Rescue teams searched collapsed apartment blocks through the night."),
    ("qa2", "Valdoria earthquake death toll rises to 60", "2010-02-28",
     "The death toll from Saturday's earthquake in Valdoria rose to 60 on Sunday as rescuers pulled "
     "more bodies from the rubble in Marenza.\n\n"
     "President Elena Rostova visited the port and promised aid to families who lost their homes. "
     "The National Seismic Office recorded more than 40 aftershocks since the magnitude 7.9 quake.\n\n"
     "Hospitals in Marenza said they were treating hundreds of injured people."),
    ("qa3", "Aid arrives in quake-hit Marenza", "2010-03-01",
     "Planes carrying tents, water and medicine landed in Marenza on Monday, two days after the "
     "earthquake that killed 60 people in Valdoria in February 2010.\n\n"
     "Elena Rostova, the Valdorian president, thanked neighbouring countries for their help. "
     "Engineers from the National Seismic Office inspected bridges damaged by the quake."),
]
QUAKE_B = [
    ("qb1", "Earthquake hits Northern Telmark", "2011-03-11",
     "A magnitude 6.8 earthquake hit the mountain town of Oskberg in northern Telmark on Friday, "
     "March 11, 2011, destroying dozens of houses, the Telmark Geological Institute said.\n\n"
     "Governor Piet Lindqvist said 12 people were confirmed dead and the army had been sent to clear "
     "blocked roads into Oskberg.\n\n"
     "The quake was felt as far away as the capital, Halvik."),
    ("qb2", "Oskberg quake: 15 dead, roads still blocked", "2011-03-12",
     "Rescuers in Oskberg dug through landslides on Saturday after the earthquake that struck "
     "northern Telmark, and Governor Piet Lindqvist raised the death toll to 15.\n\n"
     "The Telmark Geological Institute measured the quake at magnitude 6.8 and warned of "
     "aftershocks. Soldiers reopened one of the two roads into Oskberg."),
    ("qb3", "Telmark sends army to quake-hit Oskberg", "2011-03-12",
     "The Telmark army flew engineers and doctors to Oskberg on Saturday, a day after a magnitude "
     "6.8 earthquake killed 15 people in the northern mountain town in March 2011.\n\n"
     "Governor Piet Lindqvist said hundreds of families slept outdoors in the cold."),
]
TRANSFER = [
    ("tr1", "Marenza United sign striker Tomas Bergqvist", "2010-07-02",
     "Marenza United have signed striker Tomas Bergqvist from Halvik City for a fee of 14 million "
     "euros, the club announced on Friday.\n\n"
     "Bergqvist, 24, scored 21 goals last season and agreed a four-year contract. Coach Anton "
     "Vilar said the forward would wear the number nine shirt."),
    ("tr2", "Bergqvist completes 14 million euro move", "2010-07-03",
     "Tomas Bergqvist completed his 14 million euro transfer from Halvik City to Marenza United "
     "on Saturday after passing a medical.\n\n"
     "The 24-year-old striker, who scored 21 league goals, signed a four-year deal. Anton Vilar, "
     "the Marenza United coach, called him the best young forward in the league."),
]
ALL = QUAKE_A + QUAKE_B + TRANSFER
STORIES = [{a[0] for a in QUAKE_A}, {a[0] for a in QUAKE_B}, {a[0] for a in TRANSFER}]

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_YEAR_DATE = re.compile(r"(?:[A-Z][a-z]+ \d{1,2}, )?\b(?:February|March|July) \d{4}|\b\d{4}\b")


def make(rows: list[tuple[str, str, str, str]], dated: bool = True) -> list[Article]:
    """Articles with hand-made mentions (capitalised names, years), so no model is needed here."""
    out = []
    for aid, title, published, text in rows:
        mentions = [Mention(text=m.group(), label="ORG", sentence=0, start=m.start(), end=m.end())
                    for m in _NAME.finditer(text)]
        mentions += [Mention(text=m.group(), label="DATE", sentence=0, start=m.start(), end=m.end())
                     for m in _YEAR_DATE.finditer(text)]
        out.append(Article(id=aid, text=text, title=title, mentions=mentions,
                           published=published if dated else None))
    return out


def partition(groups: list[list[str]]) -> list[set[str]]:
    return sorted((set(g) for g in groups), key=min)


def test_groups_events_and_separates_similar_ones() -> None:
    got = partition(group_articles(make(ALL)))
    assert got == sorted(STORIES, key=min)


def test_two_earthquakes_stay_apart_without_publication_dates() -> None:
    # only the words, names and years in the text tell them apart
    got = partition(group_articles(make(QUAKE_A + QUAKE_B, dated=False)))
    assert got == sorted(STORIES[:2], key=min)


# two trials of one man: same words and defendant, other court, judge, prosecutor, charge
TRIAL_A = [
    ("va1", "Vell goes on trial for fraud", None,
     "Businessman Marko Vell went on trial in Dornburg on Monday accused of defrauding "
     "investors of 40 million euros through the Halden Trust. Prosecutor Anja Skov told the "
     "Dornburg District Court that Vell had forged the accounts of Halden Trust for six "
     "years. Vell denies the charges. Judge Ruth Ebner said the trial would last three "
     "weeks."),
    ("va2", "Prosecutor says Vell forged Halden Trust accounts", None,
     "The fraud trial of Marko Vell opened at the Dornburg District Court, where prosecutor "
     "Anja Skov said investors lost 40 million euros. Skov said Vell used the Halden Trust "
     "to hide the losses. Judge Ruth Ebner refused a request from the defence to delay the "
     "hearing. Vell, who denies wrongdoing, sat silently in the dock."),
    ("va3", "Halden Trust investors watch Vell trial", None,
     "Dozens of Halden Trust investors filled the public gallery in Dornburg as the fraud "
     "trial of Marko Vell began. Judge Ruth Ebner warned the gallery to keep quiet while "
     "prosecutor Anja Skov read the charges: forgery and fraud costing 40 million euros. "
     "Vell's lawyer said his client would be cleared."),
]
TRIAL_B = [
    ("vb1", "Vell faces second trial over tax evasion", None,
     "Marko Vell went on trial again in Selmark on Tuesday, this time accused of evading "
     "taxes on the sale of the Brisa shipping line. Prosecutor Tomas Lind told the Selmark "
     "Regional Court that Vell hid 7 million euros in accounts on Kaldera. Vell denies the "
     "charges. Judge Peter Holm set the hearing for ten days."),
    ("vb2", "Prosecutor: Vell hid Brisa sale profits", None,
     "At the Selmark Regional Court, prosecutor Tomas Lind said Marko Vell moved profits "
     "from the Brisa sale to Kaldera to avoid tax of 7 million euros. Judge Peter Holm "
     "rejected a defence motion to dismiss the case. Vell, who denies wrongdoing, listened "
     "through an interpreter."),
    ("vb3", "Vell tax trial opens in Selmark", None,
     "The tax evasion trial of Marko Vell opened in Selmark, where Judge Peter Holm heard "
     "that 7 million euros from the Brisa shipping sale went to Kaldera. Prosecutor Tomas "
     "Lind called the scheme deliberate. Vell's lawyer said his client would be cleared."),
]


def test_two_trials_of_one_person_stay_apart_without_dates() -> None:
    arts = make(TRIAL_A + TRIAL_B, dated=False)
    want = [{"va1", "va2", "va3"}, {"vb1", "vb2", "vb3"}]
    assert partition(group_articles(arts)) == want
    assert partition(group_articles([arts[i] for i in (3, 0, 4, 1, 5, 2)])) == want


def test_result_does_not_depend_on_input_order() -> None:
    arts = make(ALL, dated=False)
    forward = partition(group_articles(arts))
    backward = partition(group_articles(list(reversed(make(ALL, dated=False)))))
    interleaved = partition(group_articles([arts[i] for i in (0, 3, 6, 1, 4, 7, 2, 5)]))
    assert forward == backward == interleaved


# a short side report of the Telmark quake: it names neither the town nor the governor, so it
# scores under the join threshold against every story, yet far higher against that quake's
AID_BRIEF = ("qb4", "Volunteers collect blankets", "2011-03-13",
             "Charities in Telmark collected blankets, stoves, tinned food and warm clothing "
             "on Sunday for hundreds of families who slept outdoors, volunteers said, and "
             "lorries left the depot before dawn.")
UNRELATED = ("lib1", "City library reopens after repairs", "2011-03-13",
             "The central library of Halvik reopened its reading rooms on Sunday after two "
             "years of repairs to the roof, and children queued for the new comic collection.")


def test_a_short_side_report_is_adopted_by_the_story_it_clearly_belongs_to() -> None:
    alone = partition(group_articles(make(ALL + [AID_BRIEF], dated=False), orphan_threshold=0))
    assert {"qb4"} in alone  # under the join threshold on its own
    got = partition(group_articles(make(ALL + [AID_BRIEF], dated=False)))
    assert got == sorted([STORIES[0], STORIES[1] | {"qb4"}, STORIES[2]], key=min)


def test_a_streamed_orphan_is_adopted_once_enough_later_articles_came() -> None:
    # streaming, the orphan waits: its own event's next reports may still come and open a story
    grouper = StoryGrouper(orphan_wait=3)
    first = grouper.update(make(ALL, dated=False))
    later = grouper.update(make([AID_BRIEF], dated=False))
    assert grouper.resolve(later["qb4"]) not in {grouper.resolve(first[a]) for a in first}
    grouper.update(make([UNRELATED], dated=False))
    copies = [(f"x{i}", t, d, x) for i, (_, t, d, x) in enumerate(TRANSFER)]
    grouper.update(make(copies, dated=False))
    assert grouper.resolve(later["qb4"]) == grouper.resolve(first["qb1"])


def test_an_unrelated_article_stays_alone() -> None:
    got = partition(group_articles(make(ALL + [UNRELATED], dated=False)))
    assert got == sorted(STORIES + [{"lib1"}], key=min)


def test_incremental_update_joins_existing_stories() -> None:
    grouper = StoryGrouper()
    first = grouper.update(make([QUAKE_A[0], QUAKE_B[0], TRANSFER[0]]))
    assert len(set(first.values())) == 3
    second = grouper.update(make([QUAKE_B[1], QUAKE_A[1], TRANSFER[1]]))
    for aid, bid in (("qa1", "qa2"), ("qb1", "qb2"), ("tr1", "tr2")):
        assert grouper.resolve(first[aid]) == grouper.resolve(second[bid])


def test_state_round_trip_continues_identically() -> None:
    a = StoryGrouper(threshold=0.22)
    a.update(make(QUAKE_A[:2] + QUAKE_B[:2]))
    b = StoryGrouper().set_state(a.get_state())
    assert b.threshold == 0.22
    rest = [QUAKE_A[2], QUAKE_B[2]] + TRANSFER
    ra, rb = a.update(make(rest)), b.update(make(rest))
    assert ra == rb
    assert a.get_state() == b.get_state()


def test_memory_is_bounded_by_max_active() -> None:
    grouper = StoryGrouper(max_active=2, max_terms=20)
    for row in ALL:
        grouper.update(make([row]))
    assert len(grouper.story_ids_) <= 2
    assert max(grouper.centroids_.getnnz(axis=1)) <= 20


def test_empty_input() -> None:
    assert group_articles([]) == []
    assert StoryGrouper().update([]) == {}


def test_a_large_input_streams_through_in_batches_with_the_same_stories(monkeypatch) -> None:
    # one batch keeps dense n x n arrays: inputs above MAX_BATCH go through in batches
    import storyline.group as grouping

    whole = partition(group_articles(make(ALL)))
    monkeypatch.setattr(grouping, "MAX_BATCH", 3)
    assert partition(group_articles(make(ALL))) == whole
