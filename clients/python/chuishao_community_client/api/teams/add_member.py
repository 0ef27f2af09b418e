from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.member_add import MemberAdd
from ...models.problem import Problem
from ...models.team_read import TeamRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    team_id: str,
    *,
    body: MemberAdd,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/teams/{team_id}/members".format(
            team_id=quote(str(team_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TeamRead:
    if response.status_code == 201:
        response_201 = TeamRead.from_dict(response.json())

        return response_201

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
) -> Response[Problem | TeamRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    team_id: str,
    *,
    client: AuthenticatedClient,
    body: MemberAdd,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TeamRead]:
    """Add a member to a team

    Args:
        team_id (str):
        idempotency_key (None | str | Unset):
        body (MemberAdd):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TeamRead]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    team_id: str,
    *,
    client: AuthenticatedClient,
    body: MemberAdd,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TeamRead | None:
    """Add a member to a team

    Args:
        team_id (str):
        idempotency_key (None | str | Unset):
        body (MemberAdd):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TeamRead
    """

    return sync_detailed(
        team_id=team_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    *,
    client: AuthenticatedClient,
    body: MemberAdd,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TeamRead]:
    """Add a member to a team

    Args:
        team_id (str):
        idempotency_key (None | str | Unset):
        body (MemberAdd):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TeamRead]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: str,
    *,
    client: AuthenticatedClient,
    body: MemberAdd,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TeamRead | None:
    """Add a member to a team

    Args:
        team_id (str):
        idempotency_key (None | str | Unset):
        body (MemberAdd):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TeamRead
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
