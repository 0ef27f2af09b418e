"""Each service's OpenAPI document says what the server sends: errors as problem+json with one shared
Problem schema (never FastAPI's HTTPValidationError), stable hand-chosen operation ids, tags."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_notify.bootstrap import build_app as build_notify
from chuishao_tracking.bootstrap import build_app as build_tracking

BUILDERS = {
    "intake": build_intake,
    "dispatch": build_dispatch,
    "tracking": build_tracking,
    "notify": build_notify,
}
PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, item in document["paths"].items() for method, op in item.items()]


@pytest.fixture(scope="module", params=list(BUILDERS))
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    return BUILDERS[request.param]().openapi()


def test_errors_are_problem_details_with_one_shared_schema(document: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in json.dumps(document)
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"]) and problem["examples"]
    for method, path, operation in _operations(document):
        responses = operation["responses"]
        assert responses["default"]["content"] == {"application/problem+json": {"schema": PROBLEM}}, (method, path)
        for code, response in responses.items():
            if code.startswith(("4", "5")) and path.startswith("/open311/") and code != "422":
                # GeoReport v2 answers its errors in its own format, and says so.
                assert response["content"]["application/json"]["schema"]["$ref"].endswith("/Open311Errors")
            elif code.startswith(("4", "5")):
                assert response["content"]["application/problem+json"]["schema"] == PROBLEM, (method, path, code)


def test_operation_ids_are_hand_chosen_unique_and_tagged(document: dict[str, Any]) -> None:
    operations = _operations(document)
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    for method, path, operation in operations:
        # FastAPI's generated ids carry the path and method (acknowledge_v1_cases__case_id__acknowledge_post).
        assert "__" not in operation["operationId"] and not operation["operationId"].endswith(f"_{method}")
        assert operation["tags"], (method, path)


def test_the_validation_answer_matches_its_documentation() -> None:
    client = TestClient(build_dispatch())
    documented = client.get("/openapi.json").json()["paths"]["/v1/cases/{case_id}/resolve"]["post"]
    assert documented["operationId"] == "resolve"
    assert documented["responses"]["422"]["content"]["application/problem+json"]["schema"] == PROBLEM


def test_swagger_ui_is_served_from_the_deployment() -> None:
    client = TestClient(build_intake())
    page = client.get("/docs").text
    assert "/docs/static/swagger-ui-bundle.js" in page and "cdn" not in page.lower() and "https://" not in page
    script = client.get("/docs/static/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 500_000


def test_dispatch_case_routes_declare_the_case_read() -> None:
    document = build_dispatch().openapi()
    for _, path, operation in _operations(document):
        if path.startswith("/v1/cases") and not path.endswith(("/duplicates", "/reporter", "/rule-proposal")):
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert schema["$ref"] in ("#/components/schemas/CaseRead", "#/components/schemas/CasePage"), path
    # Saving a hand route as a rule answers with the change set it proposed, not the case.
    proposal = document["paths"]["/v1/cases/{case_id}/rule-proposal"]["post"]["responses"]["201"]
    assert proposal["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ChangeSetRead"
    reporter = document["paths"]["/v1/cases/{case_id}/reporter"]["get"]["responses"]["200"]
    assert reporter["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ReporterContact"
    example = document["components"]["schemas"]["CaseRead"]["examples"][0]
    from chuishao_dispatch.entrypoints.responses import CaseRead

    assert not CaseRead.model_validate(example).model_extra  # the example uses only declared fields
