from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.created_request import CreatedRequest
from ...models.error_item import ErrorItem
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    fmt: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/open311/v2/requests.{fmt}".format(
            fmt=quote(str(fmt), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[CreatedRequest] | list[ErrorItem]:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for componentsschemas_created_requests_item_data in _response_201:
            componentsschemas_created_requests_item = CreatedRequest.from_dict(
                componentsschemas_created_requests_item_data
            )

            response_201.append(componentsschemas_created_requests_item)

        return response_201

    if response.status_code == 400:
        response_400 = []
        _response_400 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_400:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_400.append(componentsschemas_open_311_errors_item)

        return response_400

    if response.status_code == 401:
        response_401 = []
        _response_401 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_401:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_401.append(componentsschemas_open_311_errors_item)

        return response_401

    if response.status_code == 403:
        response_403 = []
        _response_403 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_403:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_403.append(componentsschemas_open_311_errors_item)

        return response_403

    if response.status_code == 404:
        response_404 = []
        _response_404 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_404:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_404.append(componentsschemas_open_311_errors_item)

        return response_404

    if response.status_code == 409:
        response_409 = []
        _response_409 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_409:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_409.append(componentsschemas_open_311_errors_item)

        return response_409

    if response.status_code == 415:
        response_415 = []
        _response_415 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_415:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_415.append(componentsschemas_open_311_errors_item)

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[CreatedRequest] | list[ErrorItem]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    fmt: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[CreatedRequest] | list[ErrorItem]]:
    """Create a service request (a report)

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CreatedRequest] | list[ErrorItem]]
    """

    kwargs = _get_kwargs(
        fmt=fmt,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fmt: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[CreatedRequest] | list[ErrorItem] | None:
    """Create a service request (a report)

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CreatedRequest] | list[ErrorItem]
    """

    return sync_detailed(
        fmt=fmt,
        client=client,
    ).parsed


async def asyncio_detailed(
    fmt: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[CreatedRequest] | list[ErrorItem]]:
    """Create a service request (a report)

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CreatedRequest] | list[ErrorItem]]
    """

    kwargs = _get_kwargs(
        fmt=fmt,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fmt: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[CreatedRequest] | list[ErrorItem] | None:
    """Create a service request (a report)

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CreatedRequest] | list[ErrorItem]
    """

    return (
        await asyncio_detailed(
            fmt=fmt,
            client=client,
        )
    ).parsed
