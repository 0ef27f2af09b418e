from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.wish_wall_page import WishWallPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    community: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_community: None | str | Unset
    if isinstance(community, Unset):
        json_community = UNSET
    else:
        json_community = community
    params["community"] = json_community

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = status

    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/board/needs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WishWallPage:
    if response.status_code == 200:
        response_200 = WishWallPage.from_dict(response.json())

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
) -> Response[Problem | WishWallPage]:
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
    status: list[str] | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | WishWallPage]:
    """The wish wall (心愿墙): residents' needs, de-identified, newest first, with counts per community

     Each need shows its kind, its grid and community, its status, the wanted-by date and whether it is
    claimed or fulfilled. The resident's title and description, the resident and the claimant are never
    published: the public text is the kind's words and the grid's name.

    Args:
        community (None | str | Unset): community code
        status (list[str] | None | Unset): need status, repeated or comma-separated
        kind (None | str | Unset): need kind code
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WishWallPage]
    """

    kwargs = _get_kwargs(
        community=community,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | WishWallPage | None:
    """The wish wall (心愿墙): residents' needs, de-identified, newest first, with counts per community

     Each need shows its kind, its grid and community, its status, the wanted-by date and whether it is
    claimed or fulfilled. The resident's title and description, the resident and the claimant are never
    published: the public text is the kind's words and the grid's name.

    Args:
        community (None | str | Unset): community code
        status (list[str] | None | Unset): need status, repeated or comma-separated
        kind (None | str | Unset): need kind code
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WishWallPage
    """

    return sync_detailed(
        client=client,
        community=community,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | WishWallPage]:
    """The wish wall (心愿墙): residents' needs, de-identified, newest first, with counts per community

     Each need shows its kind, its grid and community, its status, the wanted-by date and whether it is
    claimed or fulfilled. The resident's title and description, the resident and the claimant are never
    published: the public text is the kind's words and the grid's name.

    Args:
        community (None | str | Unset): community code
        status (list[str] | None | Unset): need status, repeated or comma-separated
        kind (None | str | Unset): need kind code
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WishWallPage]
    """

    kwargs = _get_kwargs(
        community=community,
        status=status,
        kind=kind,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | WishWallPage | None:
    """The wish wall (心愿墙): residents' needs, de-identified, newest first, with counts per community

     Each need shows its kind, its grid and community, its status, the wanted-by date and whether it is
    claimed or fulfilled. The resident's title and description, the resident and the claimant are never
    published: the public text is the kind's words and the grid's name.

    Args:
        community (None | str | Unset): community code
        status (list[str] | None | Unset): need status, repeated or comma-separated
        kind (None | str | Unset): need kind code
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WishWallPage
    """

    return (
        await asyncio_detailed(
            client=client,
            community=community,
            status=status,
            kind=kind,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
