from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error_item import ErrorItem
from ...models.problem import Problem
from ...models.service import Service
from ...types import Response


def _get_kwargs(
    fmt: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/open311/v2/services.{fmt}".format(
            fmt=quote(str(fmt), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ErrorItem] | list[Service]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for componentsschemas_service_list_item_data in _response_200:
            componentsschemas_service_list_item = Service.from_dict(
                componentsschemas_service_list_item_data
            )

            response_200.append(componentsschemas_service_list_item)

        return response_200

    if response.status_code == 400:
        response_400 = []
        _response_400 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_400:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_400.append(componentsschemas_open_311_errors_item)

        return response_400

    if response.status_code == 404:
        response_404 = []
        _response_404 = response.json()
        for componentsschemas_open_311_errors_item_data in _response_404:
            componentsschemas_open_311_errors_item = ErrorItem.from_dict(
                componentsschemas_open_311_errors_item_data
            )

            response_404.append(componentsschemas_open_311_errors_item)

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[ErrorItem] | list[Service]]:
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
) -> Response[Problem | list[ErrorItem] | list[Service]]:
    """Service list: the 小类 categories

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ErrorItem] | list[Service]]
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
) -> Problem | list[ErrorItem] | list[Service] | None:
    """Service list: the 小类 categories

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ErrorItem] | list[Service]
    """

    return sync_detailed(
        fmt=fmt,
        client=client,
    ).parsed


async def asyncio_detailed(
    fmt: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[ErrorItem] | list[Service]]:
    """Service list: the 小类 categories

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ErrorItem] | list[Service]]
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
) -> Problem | list[ErrorItem] | list[Service] | None:
    """Service list: the 小类 categories

    Args:
        fmt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ErrorItem] | list[Service]
    """

    return (
        await asyncio_detailed(
            fmt=fmt,
            client=client,
        )
    ).parsed
