from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.grid_located import GridLocated
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    lon: float,
    lat: float,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lon"] = lon

    params["lat"] = lat

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/grids/locate",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GridLocated | Problem:
    if response.status_code == 200:
        response_200 = GridLocated.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GridLocated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lon: float,
    lat: float,
) -> Response[GridLocated | Problem]:
    """The grid, among yours, that contains a WGS84 point (for a report with a phone location)

     Answers the most specific of the signed-in grid worker's grids (a sub-grid before its parent) whose
    polygon contains the point, edges included; 404 (problem+json) when none of theirs does.

    Args:
        lon (float): longitude, WGS84 degrees
        lat (float): latitude, WGS84 degrees

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GridLocated | Problem]
    """

    kwargs = _get_kwargs(
        lon=lon,
        lat=lat,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lon: float,
    lat: float,
) -> GridLocated | Problem | None:
    """The grid, among yours, that contains a WGS84 point (for a report with a phone location)

     Answers the most specific of the signed-in grid worker's grids (a sub-grid before its parent) whose
    polygon contains the point, edges included; 404 (problem+json) when none of theirs does.

    Args:
        lon (float): longitude, WGS84 degrees
        lat (float): latitude, WGS84 degrees

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GridLocated | Problem
    """

    return sync_detailed(
        client=client,
        lon=lon,
        lat=lat,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lon: float,
    lat: float,
) -> Response[GridLocated | Problem]:
    """The grid, among yours, that contains a WGS84 point (for a report with a phone location)

     Answers the most specific of the signed-in grid worker's grids (a sub-grid before its parent) whose
    polygon contains the point, edges included; 404 (problem+json) when none of theirs does.

    Args:
        lon (float): longitude, WGS84 degrees
        lat (float): latitude, WGS84 degrees

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GridLocated | Problem]
    """

    kwargs = _get_kwargs(
        lon=lon,
        lat=lat,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lon: float,
    lat: float,
) -> GridLocated | Problem | None:
    """The grid, among yours, that contains a WGS84 point (for a report with a phone location)

     Answers the most specific of the signed-in grid worker's grids (a sub-grid before its parent) whose
    polygon contains the point, edges included; 404 (problem+json) when none of theirs does.

    Args:
        lon (float): longitude, WGS84 degrees
        lat (float): latitude, WGS84 degrees

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GridLocated | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            lon=lon,
            lat=lat,
        )
    ).parsed
