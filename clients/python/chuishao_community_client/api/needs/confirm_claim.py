from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.empty import Empty
from ...models.need_read import NeedRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    need_id: str,
    claim_id: str,
    *,
    body: Empty | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/needs/{need_id}/claims/{claim_id}/confirm".format(
            need_id=quote(str(need_id), safe=""),
            claim_id=quote(str(claim_id), safe=""),
        ),
    }

    if isinstance(body, Empty):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NeedRead | Problem:
    if response.status_code == 200:
        response_200 = NeedRead.from_dict(response.json())

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
) -> Response[NeedRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    need_id: str,
    claim_id: str,
    *,
    client: AuthenticatedClient,
    body: Empty | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NeedRead | Problem]:
    """Confirm a claim (staff)

    Args:
        need_id (str):
        claim_id (str):
        idempotency_key (None | str | Unset):
        body (Empty | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedRead | Problem]
    """

    kwargs = _get_kwargs(
        need_id=need_id,
        claim_id=claim_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    need_id: str,
    claim_id: str,
    *,
    client: AuthenticatedClient,
    body: Empty | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> NeedRead | Problem | None:
    """Confirm a claim (staff)

    Args:
        need_id (str):
        claim_id (str):
        idempotency_key (None | str | Unset):
        body (Empty | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedRead | Problem
    """

    return sync_detailed(
        need_id=need_id,
        claim_id=claim_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    need_id: str,
    claim_id: str,
    *,
    client: AuthenticatedClient,
    body: Empty | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[NeedRead | Problem]:
    """Confirm a claim (staff)

    Args:
        need_id (str):
        claim_id (str):
        idempotency_key (None | str | Unset):
        body (Empty | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NeedRead | Problem]
    """

    kwargs = _get_kwargs(
        need_id=need_id,
        claim_id=claim_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    need_id: str,
    claim_id: str,
    *,
    client: AuthenticatedClient,
    body: Empty | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> NeedRead | Problem | None:
    """Confirm a claim (staff)

    Args:
        need_id (str):
        claim_id (str):
        idempotency_key (None | str | Unset):
        body (Empty | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NeedRead | Problem
    """

    return (
        await asyncio_detailed(
            need_id=need_id,
            claim_id=claim_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
