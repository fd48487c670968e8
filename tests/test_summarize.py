"""Summary: hard word cap, verbatim cited sentences, paraphrase citations, no redundancy,
chronological order, and no debris or questions — on a small invented story."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.model import Article
from storyline.summarize import summarize
from storyline.summarize.candidates import context_penalty, strip_dateline

LEAD = (
    "A fire destroyed the Marlow grain warehouse in Harlow Creek early Saturday, "
    "forcing about 200 residents to leave their homes."
)
PARAPHRASE = (
    "About 200 Harlow Creek residents were forced to leave their homes early Saturday "
    "after a fire destroyed the Marlow grain warehouse."
)
TEXTS = {
    "wire": (
        "2024-03-02",
        f"HARLOW CREEK, Ore. (AP) -- {LEAD}\n\n"
        "Fire chief Dana Okafor said the blaze started in a conveyor motor shortly after 3 a.m.\n\n"
        "No one was injured, and the evacuation order was lifted on Saturday afternoon.\n\n"
        "The warehouse held about 4,000 tons of wheat from farms across the county.",
    ),
    "daily": (
        "2024-03-03",
        f"{PARAPHRASE}\n\n"
        "Fire chief Dana Okafor said the blaze began in a conveyor motor shortly after 3 a.m. on Saturday.\n\n"
        "What does the loss of the Marlow warehouse mean for county farmers?\n\n"
        "Click here to subscribe to our newsletter for more local news.\n\n"
        "It also damaged two trucks parked beside the loading dock that night.",
    ),
    "copy": (
        "2024-03-03",
        f"{LEAD}\n\n"
        "Fire chief Dana Okafor said the blaze started in a conveyor motor shortly after 3 a.m.\n\n"
        "The warehouse held about 4,000 tons of wheat from farms across the county.",
    ),
    "weekly": (
        "2024-03-05",
        "The county board voted on Monday to pay for a safety review of every grain warehouse in Harlow Creek.\n\n"
        "Fire chief Dana Okafor said the blaze started in a conveyor motor after 3 a.m. on Saturday.\n\n"
        "Insurers estimated the damage to the warehouse and the stored wheat at $3.1 million.\n\n"
        "Fire chief Dana Okafor speaking to reporters outside the Marlow grain warehouse on Saturday.\n\n"
        "PHOTO: SMOKE OVER THE MARLOW WAREHOUSE ON SATURDAY",
    ),
}


@pytest.fixture(scope="module")
def story() -> list[Article]:
    arts = [Article(id=k, text=t, published=d) for k, (d, t) in TEXTS.items()]
    nlp.annotate(arts)
    arts[2].copy_of = "wire"  # dedup marks the verbatim copy
    arts[2].flags = ["duplicate-of:wire"]
    return arts


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("words", [15, 25, 40, 60, 100])
def test_word_cap_is_hard_and_budget_is_used(story: list[Article], words: int) -> None:
    summary = summarize(story, max_words=words)
    used = sum(len(s.text.split()) for s in summary)
    assert used <= words
    if words >= 40:
        assert used >= words // 2  # it fills the budget rather than stopping early


def test_sentences_are_verbatim_from_their_article(story: list[Article]) -> None:
    by_id = {a.id: a for a in story}
    summary = summarize(story, max_words=100)
    assert summary
    for s in summary:
        assert s.article in s.sources and s.sources[0] == s.article
        assert _norm(s.text) in _norm(by_id[s.article].text)
        assert set(s.sources) <= set(by_id)


def test_dateline_is_cut_and_paraphrases_and_copies_are_cited(story: list[Article]) -> None:
    summary = summarize(story, max_words=100)
    fire = [s for s in summary if "200" in s.text]
    assert len(fire) == 1  # the lead and its paraphrase say the same thing: only one is kept
    assert not fire[0].text.startswith("HARLOW")
    assert fire[0].text in (LEAD, PARAPHRASE)
    assert set(fire[0].sources) == {"wire", "daily", "copy"}
    cause = [s for s in summary if "conveyor motor" in s.text]
    assert len(cause) <= 1
    if cause:
        assert set(cause[0].sources) == {"wire", "daily", "copy", "weekly"}


def test_order_is_chronological(story: list[Article]) -> None:
    dates = {a.id: a.published for a in story}
    summary = summarize(story, max_words=100)
    keys = [(dates[s.article], s.article, s.sentence) for s in summary]
    assert len(summary) >= 3
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    for (_, a1, i1), (_, a2, i2) in zip(keys, keys[1:], strict=False):
        if a1 == a2:
            assert i1 < i2  # within one source, in the source's order


def test_no_questions_debris_or_context_dependent_sentences(story: list[Article]) -> None:
    for words in (40, 100, 200):
        for s in summarize(story, max_words=words):
            assert not s.text.rstrip('"').endswith("?")
            assert "subscribe" not in s.text.lower()
            assert "PHOTO" not in s.text
            assert not s.text.startswith("It also")
            assert "speaking to reporters" not in s.text  # a caption: no finite verb


def test_copies_do_not_inflate_support() -> None:
    # one claim repeated by an article and its two copies vs another stated by three outlets
    copied = "The mayor of Harlow Creek promised that a new warehouse would open within a year."
    shared = "Okafor said the evacuation order for Harlow Creek was lifted on Saturday afternoon."
    texts = [copied, copied, copied,
             shared,
             "Okafor said the evacuation order for Harlow Creek was lifted on Saturday afternoon after crews contained the fire.",
             "Residents heard that the evacuation order for Harlow Creek was lifted on Saturday afternoon."]
    arts = [Article(id=f"a{i}", text=t, published="2024-03-02") for i, t in enumerate(texts)]
    nlp.annotate(arts)
    arts[1].copy_of = arts[2].copy_of = "a0"
    summary = summarize(arts, max_words=15)
    assert len(summary) == 1
    assert "evacuation order" in summary[0].text
    assert {"a3", "a4", "a5"} <= set(summary[0].sources)


def test_nothing_to_summarise() -> None:
    assert summarize([], max_words=100) == []
    assert summarize([Article(id="x", text="Short.")], max_words=100) == []


def test_dateline_stripping_keeps_a_verbatim_suffix() -> None:
    cases = {
        "PINE RIDGE, S.D. (AP) -- President Clinton toured the reservation on Wednesday.":
            "President Clinton toured the reservation on Wednesday.",
        "BOSTON _ The marathon drew record crowds this year along the whole route.":
            "The marathon drew record crowds this year along the whole route.",
        "MOSCOW, May 12 (Xinhua) -- Three people were killed in a bus explosion.":
            "Three people were killed in a bus explosion.",
        "VALLEY VILLAGE, Calif. -- Ladybugs tumbled into the trees on Tuesday.":
            "Ladybugs tumbled into the trees on Tuesday.",
        "The plan -- which critics call rushed -- passed on Monday.":
            "The plan -- which critics call rushed -- passed on Monday.",
    }
    for raw, expected in cases.items():
        cut = strip_dateline(raw)
        assert cut == expected
        assert raw.endswith(cut)


def test_context_openers_are_penalised() -> None:
    assert context_penalty("But the council rejected the plan on Monday.") > 0
    assert context_penalty("He also said the plan was too expensive.") > context_penalty(
        "He said the plan was too expensive.")
    assert context_penalty("The council rejected the plan on Monday.") == 0
    assert context_penalty("Officials said the plan was late.") == 0


def test_a_rewrite_with_changed_numbers_is_not_cited() -> None:
    texts = [
        "A fire destroyed the Marlow grain warehouse early Saturday, forcing about 200 residents to leave their homes.",
        "A fire destroyed the Marlow grain warehouse early Saturday, forcing about 2,000 residents to leave their homes.",
        "About 200 residents had to leave their homes early Saturday after a fire destroyed the Marlow grain warehouse.",
    ]
    arts = [Article(id=f"a{i}", text=t, published="2024-03-02") for i, t in enumerate(texts)]
    nlp.annotate(arts)
    arts[1].copy_of = "a0"  # a spun rewrite of a0
    summary = summarize(arts, max_words=20)
    assert len(summary) == 1
    if "2,000" in summary[0].text:
        assert summary[0].sources == ["a1"]
    else:
        assert set(summary[0].sources) == {"a0", "a2"}


def test_swap_search_beats_the_greedy_where_it_wastes_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    from scipy import sparse

    from storyline.summarize import select

    # concepts c0..c3 with weights 6, 5, 1, 1; sentences: A (5 words: c0), B (10 words: c0 c1),
    # D (2 words: c2), E (7 words: c3). Budget 12: the cost-scaled greedy takes A (6 per 5 words),
    # then only D fits (7 in all); the best single sentence is B (11); B + D (12) is the optimum.
    occ = sparse.csr_matrix(np.array([[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                                     dtype=np.float64))
    weights = np.array([6.0, 5.0, 1.0, 1.0])
    lengths = np.array([5, 10, 2, 7])
    args = (occ, weights, np.zeros(4), lengths, 12, lambda j: np.array([j]))
    assert sorted(select.greedy(*args)) == [1, 2]
    monkeypatch.setattr(select, "SWAP_PASSES", 0)
    assert select.greedy(*args) == [1]  # without swaps: only the best-single fallback


def test_distrusted_articles_are_cited_but_never_the_source_of_a_sentence(
        story: list[Article]) -> None:
    plain = summarize(story, max_words=120)
    # distrust the article the plain summary takes most from
    most = max({s.article for s in plain}, key=lambda a: sum(s.article == a for s in plain))
    guarded = summarize(story, max_words=120, distrust={most})
    assert guarded and all(s.article != most for s in guarded)
    # with fewer than two trusted articles left, the distrust is ignored rather than go silent
    everyone = {a.id for a in story}
    assert summarize(story, max_words=120, distrust=everyone) == plain
