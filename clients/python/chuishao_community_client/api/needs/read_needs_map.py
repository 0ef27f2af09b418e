from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.needs_map import NeedsMap
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    community: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_community: None | str | Unset
    if isinstance(community, Unset):
        json_community = UNSET
    else:
        json_community = community
    params["community"] = json_community

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/needs/map",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NeedsMap | Problem:
    if response.status_code == 200:
        response_200 = NeedsMap.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[NeedsMap | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    community: None | str | Unset = UNSET,
) -> Response[NeedsMap | Problem]:
    """Unfinished needs as points, each with its gap flag (staff)

    Args:
        community (None | str | Unset): community code (default: every community in scope)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedsMap | Problem]
    """

    kwargs = _get_kwargs(
        community=community,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    community: None | str | Unset = UNSET,
) -> NeedsMap | Problem | None:
    """Unfinished needs as points, each with its gap flag (staff)

    Args:
        community (None | str | Unset): community code (default: every community in scope)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedsMap | Problem
    """

    return sync_detailed(
        client=client,
        community=community,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    community: None | str | Unset = UNSET,
) -> Response[NeedsMap | Problem]:
    """Unfinished needs as points, each with its gap flag (staff)

    Args:
        community (None | str | Unset): community code (default: every community in scope)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedsMap | Problem]
    """

    kwargs = _get_kwargs(
        community=community,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    community: None | str | Unset = UNSET,
) -> NeedsMap | Problem | None:
    """Unfinished needs as points, each with its gap flag (staff)

    Args:
        community (None | str | Unset): community code (default: every community in scope)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedsMap | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            community=community,
        )
    ).parsed
