"""HTML pages → article text and metadata (trafilatura), and HTML fragments → plain text.

trafilatura is the HTML→text step of the whole pipeline: body text, title, date and site name
in one pass. We run it in precision mode without comments, which on the development pages beats
its defaults (less navigation and reader-comment debris, the same recall), and turn its one-line-
per-block output into the project's convention: paragraphs separated by blank lines.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Article, InputError
from .archives import Source
from .decode import HEAD_BYTES, choose_encoding, errors_for
from .settings import MB, Settings

# trafilatura and its helpers log every page they give up on; ingest reports those itself
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

MIN_WORDS = 5  # fewer words extracted from a whole page: no article there
_HEAVY_OPEN = re.compile(r"<(script|style|svg|template|noscript|iframe|math)\b|<!--")
_KEEP_SCRIPT = re.compile(r"""\btype\s*=\s*["']?application/ld\+json""")
_LONG_ATTR = re.compile(r"""\s[\w:.-]+\s*=\s*(?:"[^"]{512,}"|'[^']{512,}')""")
_DEEP_RUN = re.compile(
    r"(?:<(?:div|span|p|b|i|em|strong|td|tr|table|section)\b[^>]*>\s*){300}", re.I
)
_WRAPPERS = re.compile(r"</?(?:div|span|section)\b[^>]*>", re.I)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "hr",
        "aside",
        "nav",
        "main",
    ]
)
_PARA_SPLIT = re.compile(r"\n\s*\n")


@dataclass
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_page(
    html: str, url: str | None = None, max_bytes: int | None = None, *, flattened: bool = False
) -> Page:
    """Extract the article of one HTML page. Raises ValueError with a plain reason.

    A page nested deeper than libxml2 will build (a recursion bomb, or an article buried under
    thousands of wrapper divs) loses its text past that depth; it gets a second try with the
    wrapper tags (div, span, section) removed, which flattens the bomb and keeps the paragraphs.
    """
    limit = max_bytes or Settings().max_html_bytes
    if len(html) > limit:
        html = slim(html)
        if len(html) > limit:
            raise ValueError(
                f"page is {len(html) / MB:.1f} MB of HTML even without scripts and styles, "
                f"over the {limit / MB:.1f} MB limit"
            )
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        doc: Any = None
        if tree is not None:
            meta = _metadata(tree, url)
            doc = trafilatura.bare_extraction(
                tree, url=url, favor_precision=True, include_comments=False
            )
    except RecursionError:
        raise ValueError("HTML is nested too deeply to parse") from None
    text = _paragraphs(doc.text or "") if doc is not None else ""
    if len(text.split()) < MIN_WORDS:  # a lone "Home" link is what is left of a page with no story
        text = ""
    if not text:
        if flattened:
            raise ValueError("no article text found: HTML nested deeper than the parser's limit")
        if _DEEP_RUN.search(html[: 4 * MB]):
            return extract_page(_WRAPPERS.sub("", html), url, max_bytes, flattened=True)
        raise ValueError("no article text found in the page")
    meta.text = text
    return meta


def _metadata(tree: Any, url: str | None) -> Page:
    """Title, date, site name and canonical URL: trafilatura's metadata steps minus the slow ones
    we do not use (author, categories, tags, licence), which take a quarter of its time."""
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import set_date_params

    meta = examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura guards this call the same way (JSON-LD bugs)
        meta = extract_meta_json(tree, meta)
    title = meta.title or extract_title(tree)
    page_url = meta.url or extract_url(tree, url)
    # htmldate's extensive search costs ~40x its quick one and, on the development pages, adds a
    # date to one page in ninety: run it only when the quick search finds nothing
    date = None
    for extensive in (False, True):
        params = set_date_params(extensive)
        params["url"] = page_url
        date = find_date(tree, **params)
        if date:
            break
    sitename = meta.sitename or extract_sitename(tree)
    return Page(
        text="",
        title=_clean(title),
        date=_clean(date),
        sitename=_clean(sitename.lstrip("@")) if sitename else None,
        url=_clean(page_url) or url,
    )


def slim(html: str) -> str:
    """Cut scripts, styles, SVG, comments and huge attribute values: what makes pages enormous.

    A linear scan with ``str.find`` rather than one regex, so an unclosed ``<script>`` costs one
    pass, not one pass per occurrence. JSON-LD scripts stay (they carry title and date).
    """
    low = html.lower()
    out: list[str] = []
    pos = 0
    for m in _HEAVY_OPEN.finditer(low):
        start = m.start()
        if start < pos:
            continue
        tag = m.group(1)
        if tag == "script":
            gt = low.find(">", start)
            if (
                gt != -1
                and _KEEP_SCRIPT.search(low, start, gt)
                and low.find("</script", gt) - gt < 200_000
            ):
                continue
        out.append(html[pos:start])
        if tag is None:
            end = low.find("-->", m.end())
            pos = len(html) if end == -1 else end + 3
        else:
            close = low.find("</" + tag, m.end())
            end = -1 if close == -1 else low.find(">", close)
            pos = len(html) if end == -1 else end + 1
    out.append(html[pos:])
    return _LONG_ATTR.sub("", "".join(out))


def fragment_text(fragment: str) -> str:
    """An HTML fragment (a feed entry body) → plain text, one paragraph per block element."""
    if "<" not in fragment:
        return "\n\n".join(
            p for p in (" ".join(b.split()) for b in _PARA_SPLIT.split(fragment)) if p
        )
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError, TypeError):
        return ""
    lxml.etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    for el in root.iter():  # iterative: deep fragments cannot blow the stack
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    return "\n\n".join(p for p in (" ".join(b.split()) for b in _PARA_SPLIT.split(text)) if p)


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    return s or None


def read_text_of(src: Source, limit: int, declared: str | None = None) -> str:
    """The decoded text of a one-document source, refusing files over ``limit`` bytes."""
    with src.open() as fh:
        data = fh.read(limit + 1)
        if getattr(fh, "truncated", False):
            raise EOFError("compressed file ends early")
    if len(data) > limit:
        raise ValueError(f"file is over the {limit / MB:.0f} MB limit for one document")
    enc = choose_encoding(data[:HEAD_BYTES], declared)
    text = data.decode(enc, errors_for(enc))
    return text.lstrip("\ufeff").replace("\x00", "")


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    """One HTML file → one Article whose id is the file's relative path."""
    try:
        html = read_text_of(src, settings.max_raw_html_bytes)
        page = extract_page(html, max_bytes=settings.max_html_bytes)
    except ValueError as exc:
        yield InputError(file=src.name, reason=str(exc))
        return
    from .records import normalise_date

    yield Article(
        id=src.id,
        text=page.text,
        title=page.title,
        source=page.sitename,
        url=page.url,
        published=normalise_date(page.date),
        path=src.name,
    )
