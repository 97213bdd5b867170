"""The API fuzzed from its own OpenAPI document (schemathesis, a bounded number of examples per
operation so the suite stays fast): no answer is a server error, and the document is valid."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from hypothesis import HealthCheck, given, settings

from custodes.web import create_app

TOKEN = "fuzz-token"


@pytest.fixture(scope="module")
def app(kb_path: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("fuzz") / "kb.db"
    shutil.copy(kb_path, db)
    web = create_app(str(db), TOKEN)
    yield web
    web.state.kb.close()


def test_no_server_error(app) -> None:  # type: ignore[no-untyped-def]
    """Every operation, reads and writes alike (writes with the token, so they get past the
    door), with a few generated requests each."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    answered: list[int] = []
    for op in operations:

        @given(case=op.as_strategy())
        @settings(
            max_examples=int(os.environ.get("CUSTODES_API_EXAMPLES", "8")),
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
            answered.append(response.status_code)
            assert response.status_code < 500, (case.path, case.query, response.text[:200])

        check()
    assert len(answered) >= 3 * len(operations)  # it did ask
