from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.board_map import BoardMap
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
        "url": "/v1/board/map",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BoardMap | Problem:
    if response.status_code == 200:
        response_200 = BoardMap.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[BoardMap | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
) -> Response[BoardMap | Problem]:
    """民情一张图: open matters counted per grid, with the grids' polygons (public, no personal data)

     Counts only: open, overdue and escalated (blue, yellow, red) matters per grid and per community,
    never a point or a row per matter. Grids carry their polygon and communities their outline (the
    union of their grids) as GeoJSON in WGS84 lon/lat. Answers may be a few seconds old.

    Args:
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardMap | Problem]
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
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
) -> BoardMap | Problem | None:
    """民情一张图: open matters counted per grid, with the grids' polygons (public, no personal data)

     Counts only: open, overdue and escalated (blue, yellow, red) matters per grid and per community,
    never a point or a row per matter. Grids carry their polygon and communities their outline (the
    union of their grids) as GeoJSON in WGS84 lon/lat. Answers may be a few seconds old.

    Args:
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardMap | Problem
    """

    return sync_detailed(
        client=client,
        community=community,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
) -> Response[BoardMap | Problem]:
    """民情一张图: open matters counted per grid, with the grids' polygons (public, no personal data)

     Counts only: open, overdue and escalated (blue, yellow, red) matters per grid and per community,
    never a point or a row per matter. Grids carry their polygon and communities their outline (the
    union of their grids) as GeoJSON in WGS84 lon/lat. Answers may be a few seconds old.

    Args:
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardMap | Problem]
    """

    kwargs = _get_kwargs(
        community=community,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
) -> BoardMap | Problem | None:
    """民情一张图: open matters counted per grid, with the grids' polygons (public, no personal data)

     Counts only: open, overdue and escalated (blue, yellow, red) matters per grid and per community,
    never a point or a row per matter. Grids carry their polygon and communities their outline (the
    union of their grids) as GeoJSON in WGS84 lon/lat. Answers may be a few seconds old.

    Args:
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardMap | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            community=community,
        )
    ).parsed
