"""The spaCy stage: sentences, mentions and the parse, the same however many processes parse."""

from __future__ import annotations

import os

import pytest

from storyline import nlp
from storyline.model import Article

TEXTS = [
    "Mayor Ana Ruiz of Valdoria said on Monday that the bridge would reopen in May.\n\n"
    "\"We are not there yet,\" she told reporters at City Hall.",
    "Flooding closed 14 schools in the northern district, officials said.\n\n"
    "The Red Cross opened two shelters near the river.",
    "HEADLINE WITHOUT A FULL STOP\n\nPolice arrested a 34-year-old man in Porto on Tuesday.",
    "The central bank raised its rate to 4.5 percent, its governor, Lena Marsh, announced.",
]


def _parse(n_process: int) -> list[tuple]:
    arts = [Article(id=str(i), text=t) for i, t in enumerate(TEXTS)]
    nlp.annotate(arts, n_process=n_process)
    out = []
    for a in arts:
        doc = a._doc
        out.append((
            [(s.text, s.start, s.end, s.paragraph) for s in a.sentences],
            [(m.text, m.label, m.sentence, m.start, m.end) for m in a.mentions],
            [(t.text, t.dep_, t.head.i, t.pos_, t.ent_type_) for t in doc],
        ))
    return out


def test_two_processes_give_the_single_process_parse():
    assert _parse(2) == _parse(1)


def test_mentions_point_at_their_sentence_and_paragraphs_split_sentences():
    a = Article(id="x", text=TEXTS[2])
    nlp.annotate([a], n_process=1)
    assert a.sentences[0].text == "HEADLINE WITHOUT A FULL STOP"
    porto = [m for m in a.mentions if m.text == "Porto"]
    assert porto and a.sentences[porto[0].sentence].text.startswith("Police arrested")


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="needs fork")
def test_a_dead_parser_child_costs_time_not_output(monkeypatch):
    expected = _parse(1)

    def die(*args, **kwargs):
        os._exit(1)

    monkeypatch.setattr(nlp, "_child_main", die)
    assert _parse(2) == expected


def _entities(n_process: int) -> list[list[tuple]]:
    arts = [Article(id=str(i), text=t) for i, t in enumerate(TEXTS * 3)]
    nlp.annotate_entities(arts, n_process=n_process)
    return [[(m.text, m.label, m.start, m.end) for m in a.mentions] for a in arts]


def test_entities_only_are_the_same_in_one_two_and_three_processes():
    one = _entities(1)
    assert ("Valdoria", "GPE", 18, 26) in one[0]
    assert one == _entities(2) == _entities(3)


def test_a_dead_entity_child_costs_time_not_output(monkeypatch):
    expected = _entities(1)
    monkeypatch.setattr(nlp, "_child_main", lambda *a, **k: os._exit(1))
    assert _entities(2) == expected
