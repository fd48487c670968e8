"""Storyline: turn a pile of news articles into stories and cited, source-checked briefings.

    >>> import storyline
    >>> briefing = storyline.brief(["articles/"], summary_words=120)
    >>> for story in briefing.stories:
    ...     print(story.headline, len(story.articles))

``brief`` accepts paths (files or directories of any supported kind), article dicts (the JSONL
fields of the briefing schema) or :class:`~storyline.model.Article` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["brief", "Briefing", "Article", "Story", "__version__"]

if TYPE_CHECKING:
    from .model import Article, Briefing, Story


def brief(inputs: Any, **kwargs: Any) -> Briefing:
    """Build a briefing; see :func:`storyline.pipeline.brief` for the keyword arguments."""
    from .pipeline import brief as _brief

    if isinstance(inputs, (str, bytes)) or hasattr(inputs, "__fspath__"):
        inputs = [inputs]
    elif hasattr(inputs, "columns") and hasattr(inputs, "to_dict"):  # a pandas DataFrame
        inputs = [_no_nan(rec) for rec in inputs.to_dict(orient="records")]
    return _brief(inputs, **kwargs)


def _no_nan(record: dict[str, Any]) -> dict[str, Any]:
    """DataFrame rows carry NaN for missing cells; the model wants None."""
    return {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}


def __getattr__(name: str) -> Any:
    if name in {"Article", "Briefing", "Story"}:
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
