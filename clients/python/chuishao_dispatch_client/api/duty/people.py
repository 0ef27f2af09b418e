from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.duty_people import DutyPeople
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    owner: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/duty/rosters/{owner}/people".format(
            owner=quote(str(owner), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DutyPeople | Problem:
    if response.status_code == 200:
        response_200 = DutyPeople.from_dict(response.json())

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
) -> Response[DutyPeople | Problem]:
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
) -> Response[DutyPeople | Problem]:
    """The roster's members by name (no mobile)

    Args:
        owner (str): A department, duty desk or community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DutyPeople | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    *,
    client: AuthenticatedClient,
) -> DutyPeople | Problem | None:
    """The roster's members by name (no mobile)

    Args:
        owner (str): A department, duty desk or community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DutyPeople | Problem
    """

    return sync_detailed(
        owner=owner,
        client=client,
    ).parsed


async def asyncio_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
) -> Response[DutyPeople | Problem]:
    """The roster's members by name (no mobile)

    Args:
        owner (str): A department, duty desk or community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DutyPeople | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    *,
    client: AuthenticatedClient,
) -> DutyPeople | Problem | None:
    """The roster's members by name (no mobile)

    Args:
        owner (str): A department, duty desk or community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DutyPeople | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            client=client,
        )
    ).parsed
