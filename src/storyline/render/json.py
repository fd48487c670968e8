"""The briefing JSON (schema: ``storyline/schema/briefing.schema.json``)."""

from __future__ import annotations

import json

from ..model import Briefing


def to_json(briefing: Briefing, indent: int | None = 2) -> str:
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=indent)
