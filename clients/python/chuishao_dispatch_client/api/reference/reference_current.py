from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.version_read import VersionRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    known: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_known: int | None | Unset
    if isinstance(known, Unset):
        json_known = UNSET
    else:
        json_known = known
    params["known"] = json_known

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reference/versions/current",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VersionRead:
    if response.status_code == 200:
        response_200 = VersionRead.from_dict(response.json())

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
) -> Response[Problem | VersionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    known: int | None | Unset = UNSET,
) -> Response[Problem | VersionRead]:
    """The version in force with its content (what every service follows)

     `known`: the version the caller holds; when it is still the one in force the content is left out.

    Args:
        known (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionRead]
    """

    kwargs = _get_kwargs(
        known=known,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    known: int | None | Unset = UNSET,
) -> Problem | VersionRead | None:
    """The version in force with its content (what every service follows)

     `known`: the version the caller holds; when it is still the one in force the content is left out.

    Args:
        known (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionRead
    """

    return sync_detailed(
        client=client,
        known=known,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    known: int | None | Unset = UNSET,
) -> Response[Problem | VersionRead]:
    """The version in force with its content (what every service follows)

     `known`: the version the caller holds; when it is still the one in force the content is left out.

    Args:
        known (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionRead]
    """

    kwargs = _get_kwargs(
        known=known,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    known: int | None | Unset = UNSET,
) -> Problem | VersionRead | None:
    """The version in force with its content (what every service follows)

     `known`: the version the caller holds; when it is still the one in force the content is left out.

    Args:
        known (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionRead
    """

    return (
        await asyncio_detailed(
            client=client,
            known=known,
        )
    ).parsed
