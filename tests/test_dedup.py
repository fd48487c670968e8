"""Duplicate detection: exact, near and spun copies flagged; same-event reports left alone."""

from __future__ import annotations

import numpy as np

from storyline.dedup import MemoryIndex, mark_duplicates
from storyline.model import Article

ORIGINAL = (
    "Firefighters in Brantwell battled a blaze at the Corvin Paper Mill for nine hours on Tuesday "
    "before bringing it under control, Fire Chief Dana Okafor said.\n\n"
    "The fire broke out at about 6:40 a.m. in a storage hall holding 300 tonnes of recycled paper. "
    "Okafor said 85 firefighters and 22 engines from four towns were sent to the site on Harlow Road.\n\n"
    "Two workers were treated for smoke inhalation at Brantwell General Hospital and released. "
    "The mill employs 410 people and production will stop for at least two weeks, said Corvin "
    "spokesman Luis Ferreira.\n\n"
    "Residents of the Eastgate district were told to keep windows closed until Wednesday morning."
)
LIGHT_EDIT = ORIGINAL.replace("nine hours", "almost nine hours").replace("released", "sent home") + (
    "\n\nFollow us for more local news and updates."
)
SPUN = (
    "Fire crews in Brantwell fought a blaze at the Corvin Paper Mill for nine hours on Tuesday "
    "before getting it under command, Fire Chief Dana Okafor stated.\n\n"
    "The flames erupted at roughly 6:40 a.m. in a warehouse building containing 300 tonnes of "
    "reused paper. Okafor stated 85 firefighters and 22 trucks from four towns were dispatched to "
    "the location on Harlow Road.\n\n"
    "Two staff were handled for fume breathing at Brantwell General Hospital and discharged. The "
    "plant hires 410 people and output will halt for no less than two weeks, stated Corvin "
    "representative Luis Ferreira.\n\n"
    "Inhabitants of the Eastgate area were instructed to keep windows shut until Wednesday morning."
)
SAME_EVENT = (
    "A fire that started in a storage hall of the Corvin Paper Mill in Brantwell on Tuesday took "
    "firefighters most of the day to put out.\n\n"
    "Luis Ferreira, speaking for Corvin, said the 410 staff would be paid while the mill is closed. "
    "Chief Dana Okafor said the cause was not yet known and investigators would enter the hall on "
    "Wednesday.\n\n"
    "Neighbours in Eastgate described thick black smoke over Harlow Road, and two workers needed "
    "hospital treatment. The mill on Harlow Road is the largest employer in Brantwell."
)


def art(aid: str, text: str, published: str | None = None) -> Article:
    return Article(id=aid, text=text, published=published)


def test_flags_each_kind_of_copy_and_names_the_original() -> None:
    arts = [
        art("spun", SPUN, "2024-05-08"),
        art("copy", ORIGINAL.upper().replace("\n\n", " \n\n"), "2024-05-08"),
        art("orig", ORIGINAL, "2024-05-07"),  # earliest published: the original, listed late
        art("edit", LIGHT_EDIT, "2024-05-09"),
        art("other", SAME_EVENT, "2024-05-07"),
    ]
    mark_duplicates(arts)
    flags = {a.id: a.flags for a in arts}
    assert flags["orig"] == []
    assert flags["copy"] == ["duplicate-of:orig"]
    assert flags["edit"] == ["near-duplicate-of:orig"]
    assert flags["spun"] == ["spun-copy-of:orig"]
    assert flags["other"] == []  # another outlet's report of the same fire is independent
    assert {a.id: a.independent_id for a in arts} == {
        "spun": "orig", "copy": "orig", "orig": "orig", "edit": "orig", "other": "other"}


def test_first_seen_is_the_original_without_dates() -> None:
    arts = [art("b", LIGHT_EDIT), art("a", ORIGINAL)]
    mark_duplicates(arts)
    assert arts[0].copy_of is None
    assert arts[1].flags == ["near-duplicate-of:b"]


def test_index_carries_over_between_batches_and_reruns_are_stable() -> None:
    index = MemoryIndex()
    first = [art("orig", ORIGINAL), art("other", SAME_EVENT)]
    mark_duplicates(first, index=index)
    later = art("spun", SPUN)
    mark_duplicates([later], index=index)
    assert later.copy_of == "orig"
    mark_duplicates([later], index=index)  # flags are replaced, not appended twice
    assert later.flags == ["spun-copy-of:orig"]


def test_short_texts_are_not_called_spun() -> None:
    a, b = art("a", "Police said Smith, 42, was arrested."), art("b", "Officers stated Smith, 42, was held.")
    mark_duplicates([a, b])
    assert a.flags == b.flags == []


def test_minhash_matches_datasketch_bit_for_bit():
    # stored signatures were made with datasketch: our numpy MinHash must give the same values
    from datasketch import MinHash

    from storyline.dedup import _SEED, NUM_PERM, minhash

    for values in ([], [b"the mayor said"], [f"shingle {i} of a text".encode() for i in range(500)]):
        ref = MinHash(num_perm=NUM_PERM, seed=_SEED)
        if values:
            ref.update_batch(values)
        assert np.array_equal(minhash(values), ref.hashvalues.astype(np.uint64))
