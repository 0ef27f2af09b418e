from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.list_needs_status_type_0 import ListNeedsStatusType0
from ...models.need_page import NeedPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListNeedsStatusType0 | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    skill: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListNeedsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_grid: None | str | Unset
    if isinstance(grid, Unset):
        json_grid = UNSET
    else:
        json_grid = grid
    params["grid"] = json_grid

    json_skill: None | str | Unset
    if isinstance(skill, Unset):
        json_skill = UNSET
    else:
        json_skill = skill
    params["skill"] = json_skill

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
        "url": "/v1/needs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NeedPage | Problem:
    if response.status_code == 200:
        response_200 = NeedPage.from_dict(response.json())

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
) -> Response[NeedPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListNeedsStatusType0 | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    skill: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NeedPage | Problem]:
    """Needs in the caller's scope, newest first

    Args:
        status (ListNeedsStatusType0 | None | Unset):
        kind (None | str | Unset):
        grid (None | str | Unset):
        skill (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        kind=kind,
        grid=grid,
        skill=skill,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListNeedsStatusType0 | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    skill: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NeedPage | Problem | None:
    """Needs in the caller's scope, newest first

    Args:
        status (ListNeedsStatusType0 | None | Unset):
        kind (None | str | Unset):
        grid (None | str | Unset):
        skill (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedPage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        kind=kind,
        grid=grid,
        skill=skill,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListNeedsStatusType0 | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    skill: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[NeedPage | Problem]:
    """Needs in the caller's scope, newest first

    Args:
        status (ListNeedsStatusType0 | None | Unset):
        kind (None | str | Unset):
        grid (None | str | Unset):
        skill (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        kind=kind,
        grid=grid,
        skill=skill,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListNeedsStatusType0 | None | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    skill: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> NeedPage | Problem | None:
    """Needs in the caller's scope, newest first

    Args:
        status (ListNeedsStatusType0 | None | Unset):
        kind (None | str | Unset):
        grid (None | str | Unset):
        skill (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            kind=kind,
            grid=grid,
            skill=skill,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
