"""The compiled attribute rules give exactly what spaCy's AttributeRuler gives, token for token."""

from __future__ import annotations

import pytest
from spacy.tokens import DocBin

from storyline import nlp
from storyline.attributes import compile_ruler

# text chosen to reach the exception rules: determiners used as pronouns, auxiliaries, "that" as
# relative/complementiser, expletive "there is", dialect contractions, "I"/"you"/"it" as subject
# and object, "but" as an adverb, and stray whitespace tokens
TEXT = (
    "Officials said that those who left the city early would be safe, but it was not clear.\n\n"
    "\"I told you it is gonna be hard,\" the mayor said.  \"Y'all ain't seen nothin' yet.\"\n\n"
    "There is something everyone knows: the plan that failed had been approved.\n\n"
    "Let's see whether anyone does anything,  she added. He has had enough of it, but not all.\n\n"
    "\tThis one, that one and these two were the ones the council picked; nobody objected.\n\n"
    "Did they do it? They did. Ol' Tom got ta go, c'mon, 'em folks said they'll stay."
)


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def _reference(pipeline):
    import spacy

    # a fresh copy of the model's own ruler, as shipped
    original = spacy.load(nlp.MODEL_PACKAGE, exclude=["lemmatizer"])
    return original.get_pipe("attribute_ruler")


def _attrs(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def test_compiled_rules_match_the_ruler_token_for_token(pipeline):
    ruler = _reference(pipeline)
    fast = compile_ruler(ruler)
    assert fast is not None
    texts = [TEXT, TEXT.upper(), " ".join(TEXT.split()[:25]), "   ", "Yes."]
    with pipeline.select_pipes(disable=["storyline_attributes", "ner"]):
        parsed = list(pipeline.pipe(texts))
    data = DocBin(docs=parsed).to_bytes()
    want = [ruler(d) for d in DocBin().from_bytes(data).get_docs(pipeline.vocab)]
    got = [fast(d) for d in DocBin().from_bytes(data).get_docs(pipeline.vocab)]
    for w, g in zip(want, got, strict=True):
        assert _attrs(g) == _attrs(w)
    # the exceptions really fired: not just the plain tag map
    lemmas = {t.lemma_ for d in got for t in d}
    assert {"go", "be", "nothing", "old"} <= lemmas
    pos = {(t.lower_, t.pos_) for d in got for t in d}
    assert ("that", "PRON") in pos or ("that", "SCONJ") in pos


def test_loaded_pipeline_uses_the_compiled_rules(pipeline):
    assert "storyline_attributes" in pipeline.pipe_names
    assert "attribute_ruler" not in pipeline.pipe_names
    doc = pipeline("The minister said that she would resign.")
    assert [t.pos_ for t in doc] == ["DET", "NOUN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"]


def test_unknown_pattern_feature_is_refused(pipeline):
    class Ruler:
        vocab = pipeline.vocab
        patterns = [{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}, "index": 0}]
        attrs = [{74: pipeline.vocab.strings.add("PROPN")}]

    assert compile_ruler(Ruler()) is None
