from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.layer_read import LayerRead
from ...models.layer_write import LayerWrite
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    owner: str,
    layer_id: str,
    *,
    body: LayerWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/rosters/{owner}/layers/{layer_id}".format(
            owner=quote(str(owner), safe=""),
            layer_id=quote(str(layer_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LayerRead | Problem:
    if response.status_code == 200:
        response_200 = LayerRead.from_dict(response.json())

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
) -> Response[LayerRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    owner: str,
    layer_id: str,
    *,
    client: AuthenticatedClient,
    body: LayerWrite,
) -> Response[LayerRead | Problem]:
    """Change a layer (one that has started ends now and a new one takes over: history is kept)

    Args:
        owner (str):
        layer_id (str):
        body (LayerWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LayerRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        layer_id=layer_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner: str,
    layer_id: str,
    *,
    client: AuthenticatedClient,
    body: LayerWrite,
) -> LayerRead | Problem | None:
    """Change a layer (one that has started ends now and a new one takes over: history is kept)

    Args:
        owner (str):
        layer_id (str):
        body (LayerWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LayerRead | Problem
    """

    return sync_detailed(
        owner=owner,
        layer_id=layer_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    owner: str,
    layer_id: str,
    *,
    client: AuthenticatedClient,
    body: LayerWrite,
) -> Response[LayerRead | Problem]:
    """Change a layer (one that has started ends now and a new one takes over: history is kept)

    Args:
        owner (str):
        layer_id (str):
        body (LayerWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LayerRead | Problem]
    """

    kwargs = _get_kwargs(
        owner=owner,
        layer_id=layer_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner: str,
    layer_id: str,
    *,
    client: AuthenticatedClient,
    body: LayerWrite,
) -> LayerRead | Problem | None:
    """Change a layer (one that has started ends now and a new one takes over: history is kept)

    Args:
        owner (str):
        layer_id (str):
        body (LayerWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LayerRead | Problem
    """

    return (
        await asyncio_detailed(
            owner=owner,
            layer_id=layer_id,
            client=client,
            body=body,
        )
    ).parsed
