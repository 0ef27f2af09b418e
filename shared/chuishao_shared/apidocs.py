"""The API documentation every service serves: an OpenAPI document that says what the server really
sends, and the Swagger UI page from the deployment's own files (no CDN: a city intranet has
no internet).

- Errors: every operation documents its errors as RFC 9457 `application/problem+json` with ONE shared
  `Problem` schema (FastAPI's `HTTPValidationError`, which the server never sends, is replaced):
  401 and 403 wherever a bearer token is required, 404 wherever the path names a resource, 422 wherever
  there is input, and `default` for the rest.
- Operation ids are the route functions' names, chosen by hand and unique per service, so a generated
  client keeps its method names when paths change (FastAPI's default is derived from the path).
- The page's script and style come from the `fastapi-offline` distribution on PyPI (Swagger UI 5),
  served under `/docs/static/`. ReDoc is not offered: its bundle always loads a logo from its CDN."""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.headers import content_security_policy, inline_script_hashes
from chuishao_shared.problems import PROBLEM_JSON

STATIC = "/docs/static"


class FieldProblem(BaseModel):
    field: str = Field(description="The field, as a dotted path in the request (`place.lat`, `grid`)")
    message: str


class ProblemDetails(BaseModel):
    """RFC 9457 problem details: the body of every error answer."""

    model_config = ConfigDict(
        title="Problem",
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "https://chuishao.example/problems/validation",
                    "title": "Invalid request",
                    "status": 422,
                    "detail": "grid: Field required",
                    "instance": "/v1/reports",
                    "errors": [{"field": "grid", "message": "Field required"}],
                }
            ]
        },
    )

    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = Field(None, description="The request path")
    errors: list[FieldProblem] | None = Field(None, description="One entry per invalid field")


def route_operation_id(route: APIRoute) -> str:
    return route.name


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes, tags=app.openapi_tags
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    problem = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            if operation.get("security"):
                responses.setdefault("401", {"description": "No valid bearer token"})
                responses.setdefault("403", {"description": "Not allowed for this role, department or jurisdiction"})
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                responses.setdefault("404", {"description": "Not found (or not visible to you)"})
            if "422" in responses:
                responses["422"] = _problem_response("Invalid request: the problem names the field")
            for code, response in responses.items():
                # Declared with a description only, or with an empty media type: a problem. A route that
                # answers errors in another documented format (Open311's error list) keeps it.
                own = any(media.get("schema") for media in (response.get("content") or {}).values())
                if code[0] in "45" and not own:
                    response.update(_problem_response(response.get("description", "Error")))
            responses.setdefault("default", _problem_response("Any other error, as RFC 9457 problem details"))
    app.openapi_schema = document
    return document


def install_api_docs(app: FastAPI, serve_pages: bool = True) -> None:
    """Call on an app created with `docs_url=None, redoc_url=None`. The document's shape is always
    ours; the Swagger UI page only where documentation is served."""
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    if not serve_pages:
        return
    assets = resources.files("fastapi_offline") / "static"
    app.mount(STATIC, StaticFiles(directory=str(assets)), name="docs-static")
    favicon = f"{STATIC}/favicon.png"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=str(app.openapi_url),
            title=f"{app.title} — API",
            swagger_js_url=f"{STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC}/swagger-ui.css",
            swagger_favicon_url=favicon,
            # No badge fetched from validator.swagger.io.
            swagger_ui_parameters={"validatorUrl": None},
        )
        # FastAPI's page starts Swagger UI from one inline script (allowed by its hash) and Swagger UI
        # styles its elements inline: the platform's policy otherwise (chuishao_shared.headers).
        hashes = inline_script_hashes(bytes(page.body).decode())
        page.headers["Content-Security-Policy"] = content_security_policy(script_hashes=hashes, inline_styles=True)
        return page
