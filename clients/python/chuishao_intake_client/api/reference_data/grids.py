from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.grids_format_type_0 import GridsFormatType0
from ...models.grids_response_200 import GridsResponse200
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    mine: bool | Unset = False,
    format_: GridsFormatType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["mine"] = mine

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, GridsFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/grids",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GridsResponse200 | Problem:
    if response.status_code == 200:
        response_200 = GridsResponse200.from_dict(response.json())

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
) -> Response[GridsResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    mine: bool | Unset = False,
    format_: GridsFormatType0 | None | Unset = UNSET,
) -> Response[GridsResponse200 | Problem]:
    """Grids with their community (JSON, or GeoJSON with their polygons)

     `?format=geojson` or `Accept: application/geo+json` answers a GeoJSON FeatureCollection: one Feature
    per grid, its polygon (WGS84 lon/lat) as geometry and the grid's fields as properties.

    Args:
        mine (bool | Unset):  Default: False.
        format_ (GridsFormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GridsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        mine=mine,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    mine: bool | Unset = False,
    format_: GridsFormatType0 | None | Unset = UNSET,
) -> GridsResponse200 | Problem | None:
    """Grids with their community (JSON, or GeoJSON with their polygons)

     `?format=geojson` or `Accept: application/geo+json` answers a GeoJSON FeatureCollection: one Feature
    per grid, its polygon (WGS84 lon/lat) as geometry and the grid's fields as properties.

    Args:
        mine (bool | Unset):  Default: False.
        format_ (GridsFormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GridsResponse200 | Problem
    """

    return sync_detailed(
        client=client,
        mine=mine,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    mine: bool | Unset = False,
    format_: GridsFormatType0 | None | Unset = UNSET,
) -> Response[GridsResponse200 | Problem]:
    """Grids with their community (JSON, or GeoJSON with their polygons)

     `?format=geojson` or `Accept: application/geo+json` answers a GeoJSON FeatureCollection: one Feature
    per grid, its polygon (WGS84 lon/lat) as geometry and the grid's fields as properties.

    Args:
        mine (bool | Unset):  Default: False.
        format_ (GridsFormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GridsResponse200 | Problem]
    """

    kwargs = _get_kwargs(
        mine=mine,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    mine: bool | Unset = False,
    format_: GridsFormatType0 | None | Unset = UNSET,
) -> GridsResponse200 | Problem | None:
    """Grids with their community (JSON, or GeoJSON with their polygons)

     `?format=geojson` or `Accept: application/geo+json` answers a GeoJSON FeatureCollection: one Feature
    per grid, its polygon (WGS84 lon/lat) as geometry and the grid's fields as properties.

    Args:
        mine (bool | Unset):  Default: False.
        format_ (GridsFormatType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GridsResponse200 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            mine=mine,
            format_=format_,
        )
    ).parsed
