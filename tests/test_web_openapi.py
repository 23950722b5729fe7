"""Property-based run of the HTTP API against its own OpenAPI description: whatever the
parameters, no server error, and every client error in the one error shape."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from communique.store import Store
from communique.web import create_app

from test_web import ARTICLES, article


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("openapi") / "web.duckdb"
    with Store(path) as store:
        store.write([article(d) for d in ARTICLES])
    app = create_app(path, timeout=5)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_parameters_make_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text)
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error"} and body["error"]["message"], body

        check()
