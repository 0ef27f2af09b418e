from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.person_read import PersonRead
from ...models.person_write import PersonWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    owner: str,
    member: str,
    *,
    body: PersonWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/rosters/{owner}/people/{member}".format(
            owner=quote(str(owner), safe=""),
            member=quote(str(member), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PersonRead | Problem:
    if response.status_code == 200:
        response_200 = PersonRead.from_dict(response.json())

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
) -> Response[PersonRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    owner: str,
    member: str,
    *,
    client: AuthenticatedClient,
    body: PersonWrite,
) -> Response[PersonRead | Problem]:
    """A person on the roster

    Args:
        owner (str):
        member (str):
        body (PersonWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        member=member,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    member: str,
    *,
    client: AuthenticatedClient,
    body: PersonWrite,
) -> PersonRead | Problem | None:
    """A person on the roster

    Args:
        owner (str):
        member (str):
        body (PersonWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonRead | Problem
    """

    return sync_detailed(
        owner=owner,
        member=member,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    owner: str,
    member: str,
    *,
    client: AuthenticatedClient,
    body: PersonWrite,
) -> Response[PersonRead | Problem]:
    """A person on the roster

    Args:
        owner (str):
        member (str):
        body (PersonWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PersonRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        member=member,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    member: str,
    *,
    client: AuthenticatedClient,
    body: PersonWrite,
) -> PersonRead | Problem | None:
    """A person on the roster

    Args:
        owner (str):
        member (str):
        body (PersonWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PersonRead | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            member=member,
            client=client,
            body=body,
        )
    ).parsed
