"""Renderers: the briefing as JSON, Markdown or a self-contained HTML page."""

from __future__ import annotations

from ..model import Briefing


def render(briefing: Briefing, fmt: str) -> str:
    if fmt == "json":
        from .json import to_json

        return to_json(briefing)
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(briefing)
    if fmt == "html":
        from .html import to_html

        return to_html(briefing)
    raise ValueError(f"unknown format: {fmt!r} (json, md or html)")
