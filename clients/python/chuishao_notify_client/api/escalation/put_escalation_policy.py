from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.policy_read import PolicyRead
from ...models.policy_write import PolicyWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    owner: str,
    *,
    body: PolicyWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/escalation-policies/{owner}".format(
            owner=quote(str(owner), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PolicyRead | Problem:
    if response.status_code == 200:
        response_200 = PolicyRead.from_dict(response.json())

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
) -> Response[PolicyRead | Problem]:
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
    body: PolicyWrite,
) -> Response[PolicyRead | Problem]:
    """Write the policy: a new version, in force for cases opened from now on

    Args:
        owner (str):
        body (PolicyWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: PolicyWrite,
) -> PolicyRead | Problem | None:
    """Write the policy: a new version, in force for cases opened from now on

    Args:
        owner (str):
        body (PolicyWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyRead | Problem
    """

    return sync_detailed(
        owner=owner,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: PolicyWrite,
) -> Response[PolicyRead | Problem]:
    """Write the policy: a new version, in force for cases opened from now on

    Args:
        owner (str):
        body (PolicyWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PolicyRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    *,
    client: AuthenticatedClient,
    body: PolicyWrite,
) -> PolicyRead | Problem | None:
    """Write the policy: a new version, in force for cases opened from now on

    Args:
        owner (str):
        body (PolicyWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PolicyRead | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            client=client,
            body=body,
        )
    ).parsed
