"""The briefing as Markdown: what a journalist reads in the morning.

Per story: headline and coverage line, the cited summary ([n] refers to the story's numbered source
list at the end), people and organisations with roles, who said what, key facts with how many
independent sources agree, consistency findings, timeline, source quality, sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Article, Briefing, Story
from . import quotes_by_speaker

MAX_ENTITIES = 15
MAX_QUOTES = 12  # quotes shown in all
QUOTES_PER_SPEAKER = 3
MAX_FACTS = 12
MAX_TIMELINE = 12
PEOPLE_TYPES = ("PERSON",)
ORG_TYPES = ("ORG",)  # NORP (nationalities, groups) are adjectives, not organisations
PLACE_TYPES = ("GPE", "LOC", "FAC")


def to_markdown(briefing: Briefing) -> str:
    by_id = {a.id: a for a in briefing.articles}
    n_art = len(briefing.articles)
    lines = [
        "# Storyline briefing",
        "",
        f"{len(briefing.stories)} {_plural(len(briefing.stories), 'story', 'stories')} "
        f"from {n_art} {_plural(n_art, 'article', 'articles')}.",
        "",
    ]
    if len(briefing.stories) > 1:
        for i, story in enumerate(briefing.stories, 1):
            lines.append(f"{i}. {_inline(story.headline)} ({len(story.articles)} articles)")
        lines.append("")
    for i, story in enumerate(briefing.stories, 1):
        lines.extend(_story(i, story, by_id))
    if briefing.errors:
        lines += ["## Inputs that could not be read", ""]
        lines += [f"- `{e.file}`{' ' + e.record if e.record else ''}: {e.reason}"
                  for e in briefing.errors]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _story(number: int, story: Story, by_id: dict[str, Article]) -> list[str]:
    arts = [by_id[a] for a in story.articles if a in by_id]
    ref = {a.id: n for n, a in enumerate(arts, 1)}
    dates = sorted(a.published for a in arts if a.published)
    outlets = sorted({a.source for a in arts if a.source})
    span = f"{dates[0]} – {dates[-1]}" if dates and dates[0] != dates[-1] else (dates or [""])[0]
    meta = [f"{len(arts)} {_plural(len(arts), 'article', 'articles')}"]
    if span:
        meta.append(span)
    if outlets:
        meta.append(", ".join(outlets[:6]) + (" …" if len(outlets) > 6 else ""))
    out = [f"## {number}. {_inline(story.headline)}", "", "*" + " · ".join(meta) + "*", ""]

    if story.summary:
        out += ["### Summary", ""]
        for s in story.summary:
            out.append(f"- {_inline(s.text)} {_cite(s.sources, ref)}")
        out.append("")

    people = [e for e in story.entities if e.type in PEOPLE_TYPES][:MAX_ENTITIES]
    orgs = [e for e in story.entities if e.type in ORG_TYPES][:MAX_ENTITIES]
    places = [e for e in story.entities if e.type in PLACE_TYPES][:MAX_ENTITIES]
    for title, ents in (("People", people), ("Organisations", orgs), ("Places", places)):
        if not ents:
            continue
        out += [f"### {title}", ""]
        for e in ents:
            line = f"- **{_inline(e.name)}**"
            if e.roles:
                line += " — " + "; ".join(_inline(r) for r in e.roles)
            others = [v for v in e.variants if v != e.name]
            if others:
                line += " (also: " + ", ".join(_inline(v) for v in others[:6]) + ")"
            line += f" {_cite(e.articles, ref)}"
            out.append(line)
        out.append("")

    if story.quotes:
        out += ["### Who said what", ""]
        shown, total = quotes_by_speaker(story, by_id, MAX_QUOTES, QUOTES_PER_SPEAKER)
        for speaker, quotes in shown:
            ent = next((e for e in story.entities if e.name == speaker), None)
            head = f"- **{_inline(speaker)}**" if speaker else "- **unattributed**"
            if ent is not None and ent.roles:
                head += f", {_inline(ent.roles[0])}"
            out.append(head)
            for q in quotes:
                text = f"“{_inline(q.text)}”" if q.direct else f"(reported) {_inline(q.text)}"
                out.append(f"  - {text} {_cite([q.article], ref)}")
        rest = total - sum(len(q) for _, q in shown)
        if rest > 0:
            out.append(f"- … and {rest} more in the JSON briefing")
        out.append("")

    if story.facts:
        out += ["### Key facts", "", "| kind | about | value | independent sources | cited |",
                "|---|---|---|---|---|"]
        for f in story.facts[:MAX_FACTS]:
            out.append(f"| {f.kind} | {_cell(f.context)} | {_cell(f.value)} | "
                       f"{f.independent} | {_cite(f.articles, ref)} |")
        out.append("")

    out += ["### Consistency report", ""]
    if story.findings:
        for fnd in story.findings:
            out.append(f"- ⚠ **{fnd.kind}** in {_cite([fnd.article], ref)}: {_inline(fnd.message)} "
                       f"(has “{_inline(fnd.found)}”; {_cite(fnd.support, ref)} say "
                       f"“{_inline(fnd.expected)}”)")
    else:
        out.append("- No disagreements found between the sources.")
    out.append("")

    if story.timeline:
        out += ["### Timeline", ""]
        for ev in story.timeline[:MAX_TIMELINE]:
            out.append(f"- **{ev.date}** — {_inline(ev.text)} {_cite(ev.articles, ref)}")
        out.append("")

    out += ["### Sources", ""]
    quality = {q.article: q for q in story.quality}
    for a in arts:
        bits = [f"[{ref[a.id]}] {_inline(a.title or a.id)}"]
        meta_bits = [x for x in (a.source, a.published, a.dateline) if x]
        if meta_bits:
            bits.append("— " + ", ".join(_inline(x) for x in meta_bits))
        bits.append(f"`{a.id}`")
        if a.flags:
            bits.append("**" + ", ".join(_flag(f, ref) for f in a.flags) + "**")
        q = quality.get(a.id)
        if q is not None:
            bits.append(f"quality {q.score:.2f}" + (f" ({'; '.join(q.reasons)})" if q.reasons else ""))
        out.append("- " + " ".join(bits))
    out.append("")
    return out


def _cite(ids: Iterable[str], ref: dict[str, int]) -> str:
    nums = sorted({ref[i] for i in ids if i in ref})
    return "".join(f"[{n}]" for n in nums)


def _flag(flag: str, ref: dict[str, int]) -> str:
    kind, _, target = flag.partition(":")
    if target and target in ref:
        return f"{kind} [{ref[target]}]"
    return flag


def _inline(text: str) -> str:
    """One line of text, with Markdown control characters that would restyle it escaped."""
    text = " ".join(str(text).split())
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many
