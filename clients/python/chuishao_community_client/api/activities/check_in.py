from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.activity_read import ActivityRead
from ...models.check_body import CheckBody
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    activity_id: str,
    *,
    body: CheckBody,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/activities/{activity_id}/checkin".format(
            activity_id=quote(str(activity_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivityRead | Problem:
    if response.status_code == 200:
        response_200 = ActivityRead.from_dict(response.json())

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
) -> Response[ActivityRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    activity_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ActivityRead | Problem]:
    """Check in: `{code}` or `{member, at}`

    Args:
        activity_id (str):
        idempotency_key (None | str | Unset):
        body (CheckBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivityRead | Problem]
    """

    kwargs = _get_kwargs(
        activity_id=activity_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    activity_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckBody,
    idempotency_key: None | str | Unset = UNSET,
) -> ActivityRead | Problem | None:
    """Check in: `{code}` or `{member, at}`

    Args:
        activity_id (str):
        idempotency_key (None | str | Unset):
        body (CheckBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivityRead | Problem
    """

    return sync_detailed(
        activity_id=activity_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    activity_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckBody,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ActivityRead | Problem]:
    """Check in: `{code}` or `{member, at}`

    Args:
        activity_id (str):
        idempotency_key (None | str | Unset):
        body (CheckBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivityRead | Problem]
    """

    kwargs = _get_kwargs(
        activity_id=activity_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    activity_id: str,
    *,
    client: AuthenticatedClient,
    body: CheckBody,
    idempotency_key: None | str | Unset = UNSET,
) -> ActivityRead | Problem | None:
    """Check in: `{code}` or `{member, at}`

    Args:
        activity_id (str):
        idempotency_key (None | str | Unset):
        body (CheckBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivityRead | Problem
    """

    return (
        await asyncio_detailed(
            activity_id=activity_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
