from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.override_read import OverrideRead
from ...models.override_write import OverrideWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    owner: str,
    *,
    body: OverrideWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/rosters/{owner}/overrides".format(
            owner=quote(str(owner), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OverrideRead | Problem:
    if response.status_code == 201:
        response_201 = OverrideRead.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OverrideRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: OverrideWrite,
) -> Response[OverrideRead | Problem]:
    """A swap or sick day

    Args:
        owner (str):
        body (OverrideWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OverrideRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: OverrideWrite,
) -> OverrideRead | Problem | None:
    """A swap or sick day

    Args:
        owner (str):
        body (OverrideWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OverrideRead | Problem
    """

    return sync_detailed(
        owner=owner,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: OverrideWrite,
) -> Response[OverrideRead | Problem]:
    """A swap or sick day

    Args:
        owner (str):
        body (OverrideWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OverrideRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: OverrideWrite,
) -> OverrideRead | Problem | None:
    """A swap or sick day

    Args:
        owner (str):
        body (OverrideWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OverrideRead | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            client=client,
            body=body,
        )
    ).parsed
