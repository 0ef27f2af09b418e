from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.list_members_status_type_0 import ListMembersStatusType0
from ...models.member_page import MemberPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListMembersStatusType0 | None | Unset = UNSET,
    behind: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListMembersStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["behind"] = behind

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
        "url": "/v1/members",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MemberPage | Problem:
    if response.status_code == 200:
        response_200 = MemberPage.from_dict(response.json())

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
) -> Response[MemberPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListMembersStatusType0 | None | Unset = UNSET,
    behind: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[MemberPage | Problem]:
    """The community's members (staff)

    Args:
        status (ListMembersStatusType0 | None | Unset):
        behind (bool | Unset): Only active in-service party members behind their yearly hours
            target (pro rata) Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        behind=behind,
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
    status: ListMembersStatusType0 | None | Unset = UNSET,
    behind: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> MemberPage | Problem | None:
    """The community's members (staff)

    Args:
        status (ListMembersStatusType0 | None | Unset):
        behind (bool | Unset): Only active in-service party members behind their yearly hours
            target (pro rata) Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberPage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        behind=behind,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListMembersStatusType0 | None | Unset = UNSET,
    behind: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[MemberPage | Problem]:
    """The community's members (staff)

    Args:
        status (ListMembersStatusType0 | None | Unset):
        behind (bool | Unset): Only active in-service party members behind their yearly hours
            target (pro rata) Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberPage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        behind=behind,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListMembersStatusType0 | None | Unset = UNSET,
    behind: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> MemberPage | Problem | None:
    """The community's members (staff)

    Args:
        status (ListMembersStatusType0 | None | Unset):
        behind (bool | Unset): Only active in-service party members behind their yearly hours
            target (pro rata) Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            behind=behind,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
