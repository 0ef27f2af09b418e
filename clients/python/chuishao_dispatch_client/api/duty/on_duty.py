import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.on_duty import OnDuty
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    owner: str,
    *,
    at: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_at: None | str | Unset
    if isinstance(at, Unset):
        json_at = UNSET
    elif isinstance(at, datetime.datetime):
        json_at = at.isoformat()
    else:
        json_at = at
    params["at"] = json_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/duty/rosters/{owner}/on-duty".format(
            owner=quote(str(owner), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OnDuty | Problem:
    if response.status_code == 200:
        response_200 = OnDuty.from_dict(response.json())

        return response_200

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
) -> Response[OnDuty | Problem]:
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
    at: datetime.datetime | None | Unset = UNSET,
) -> Response[OnDuty | Problem]:
    """Who is on duty now and next, per level

    Args:
        owner (str): A department, duty desk or community code
        at (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnDuty | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        at=at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
) -> OnDuty | Problem | None:
    """Who is on duty now and next, per level

    Args:
        owner (str): A department, duty desk or community code
        at (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnDuty | Problem
    """

    return sync_detailed(
        owner=owner,
        client=client,
        at=at,
    ).parsed


async def asyncio_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
) -> Response[OnDuty | Problem]:
    """Who is on duty now and next, per level

    Args:
        owner (str): A department, duty desk or community code
        at (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnDuty | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        at=at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
) -> OnDuty | Problem | None:
    """Who is on duty now and next, per level

    Args:
        owner (str): A department, duty desk or community code
        at (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnDuty | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            client=client,
            at=at,
        )
    ).parsed
