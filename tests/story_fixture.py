"""A small invented story shared by the entity and consistency tests (parsed once per session).

Three honest reports of a ministers' meeting and one careless rewrite that misspells the
minister's surname, promotes her to prime minister and gives the ambassador another nationality.
"""

from __future__ import annotations

from storyline.model import Article

HONEST = {
    "a1": (
        "Swedish Foreign Minister Maria Lindqvist met her Norwegian counterpart Erik Dahl in "
        "Oslo on Tuesday.\n\nLindqvist said the talks on fishing quotas had made real progress. "
        "The two ministers agreed to set up a joint commission of 12 experts.\n\n"
        "Norwegian ambassador Ola Nygaard also attended the meeting."
    ),
    "a2": (
        "Maria Lindqvist, the Swedish foreign minister, arrived in Oslo on Tuesday for talks with "
        "Erik Dahl.\n\nMs. Lindqvist's visit was the first by a Swedish minister in four years, "
        "and Dahl called it a fresh start for the fishing talks.\n\n"
        "The Norwegian ambassador, Ola Nygaard, said the mood was good."
    ),
    "a3": (
        "Swedish Foreign Minister Maria Lindqvist and Norwegian Foreign Minister Erik Dahl held "
        "talks in Oslo on Tuesday.\n\nLindqvist told reporters that a commission of experts "
        "would report on fishing quotas by the summer.\n\n"
        "Norwegian ambassador Ola Nygaard took notes."
    ),
}
SPUN = (
    "Swedish Prime Minister Maria Lindkvist met Erik Dahl in Oslo on Tuesday.\n\n"
    "Lindkvist said the fishing talks went well and that experts would meet again soon.\n\n"
    "Danish diplomat Ola Nygaard was also there."
)


def story_articles() -> list[Article]:
    """The four articles, annotated (parsed once per process: ``nlp.load`` is cached)."""
    from storyline import nlp

    arts = [Article(id=k, text=v, source=f"outlet-{k}", published="2031-03-04", title="Talks")
            for k, v in HONEST.items()]
    arts.append(Article(id="spun", text=SPUN, source="copycat", published="2031-03-05"))
    nlp.annotate(arts)
    return arts
