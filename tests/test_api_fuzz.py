"""Property-based fuzzing of the REST API against its own OpenAPI spec (schemathesis).

Every generated request (valid and invalid bodies, paths, query strings) must get a documented,
schema-conformant answer and never a server error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from storyline.web import create_app

TOKEN = "fuzz-token"
_STORE = Path(tempfile.mkdtemp(prefix="storyline-fuzz-")) / "store.sqlite"
app = create_app(_STORE, token=TOKEN)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
