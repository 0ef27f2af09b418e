import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.week import Week
from ...types import UNSET, Response, Unset


def _get_kwargs(
    owner: str,
    *,
    start: datetime.datetime | None | Unset = UNSET,
    days: int | Unset = 7,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start: None | str | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    elif isinstance(start, datetime.datetime):
        json_start = start.isoformat()
    else:
        json_start = start
    params["start"] = json_start

    params["days"] = days

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/duty/rosters/{owner}/week".format(
            owner=quote(str(owner), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Week:
    if response.status_code == 200:
        response_200 = Week.from_dict(response.json())

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
) -> Response[Problem | Week]:
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
    start: datetime.datetime | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Response[Problem | Week]:
    """Every level's shifts and gaps over a week

    Args:
        owner (str): A department, duty desk or community code
        start (datetime.datetime | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Week]
    """

    kwargs = _get_kwargs(
        owner=owner,
        start=start,
        days=days,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Problem | Week | None:
    """Every level's shifts and gaps over a week

    Args:
        owner (str): A department, duty desk or community code
        start (datetime.datetime | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Week
    """

    return sync_detailed(
        owner=owner,
        client=client,
        start=start,
        days=days,
    ).parsed


async def asyncio_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Response[Problem | Week]:
    """Every level's shifts and gaps over a week

    Args:
        owner (str): A department, duty desk or community code
        start (datetime.datetime | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Week]
    """

    kwargs = _get_kwargs(
        owner=owner,
        start=start,
        days=days,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    days: int | Unset = 7,
) -> Problem | Week | None:
    """Every level's shifts and gaps over a week

    Args:
        owner (str): A department, duty desk or community code
        start (datetime.datetime | None | Unset):
        days (int | Unset):  Default: 7.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Week
    """

    return (
        await asyncio_detailed(
            owner=owner,
            client=client,
            start=start,
            days=days,
        )
    ).parsed
