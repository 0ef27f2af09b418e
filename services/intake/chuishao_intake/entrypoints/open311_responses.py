"""What the Open311 GeoReport v2 routes answer, for the OpenAPI document: the routes build their JSON
(or XML) by hand in the specification's shapes, so these models only describe them — an integrator
generating a client from `/openapi.json` gets every field, as for the `/v1` routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Service(_Shape):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class AttributeValue(_Shape):
    key: str
    name: str


class Attribute(_Shape):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str
    values: list[AttributeValue]


class ServiceDefinition(_Shape):
    service_code: str
    attributes: list[Attribute]


class CreatedRequest(_Shape):
    service_request_id: str
    service_notice: str | None = None
    account_id: str | None = None


class ServiceRequest(_Shape):
    """A report as the public sees it: never the resident's contact, never a photo address."""

    service_request_id: str
    status: str
    status_notes: str | None = None
    service_name: str
    service_code: str
    description: str
    agency_responsible: str | None = None
    service_notice: str | None = None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None


class RequestToken(_Shape):
    service_request_id: str
    token: str


class Endpoint(_Shape):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(_Shape):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class ErrorItem(_Shape):
    code: int
    description: str


class ServiceList(RootModel[list[Service]]):
    pass


class CreatedRequests(RootModel[list[CreatedRequest]]):
    pass


class ServiceRequests(RootModel[list[ServiceRequest]]):
    pass


class RequestTokens(RootModel[list[RequestToken]]):
    pass


class Open311Errors(RootModel[list[ErrorItem]]):
    pass


_XML = {"text/xml": {"schema": {"type": "string", "description": "the same document in GeoReport v2's XML"}}}
_ERRORS = "GeoReport v2's error format: a list of {code, description} (in XML with the .xml suffix)"


def answers(model: type[BaseModel], status: int = 200, *errors: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of an Open311 route: `model` in JSON (or the XML document) on success, and the
    specification's error list for each of `errors`."""
    found: dict[int | str, dict[str, Any]] = {status: {"model": model, "content": _XML}}
    for code in sorted({400, 404, *errors}):
        found[code] = {"model": Open311Errors, "description": _ERRORS, "content": _XML}
    return found
