from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.action_create import ActionCreate
from ...models.problem import Problem
from ...models.topic_read import TopicRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    topic_id: str,
    *,
    body: ActionCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/topics/{topic_id}/actions".format(
            topic_id=quote(str(topic_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TopicRead:
    if response.status_code == 201:
        response_201 = TopicRead.from_dict(response.json())

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
) -> Response[Problem | TopicRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    topic_id: str,
    *,
    client: AuthenticatedClient,
    body: ActionCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TopicRead]:
    """分流落实: a case through intake, a need, or a task (refused without a decision)

    Args:
        topic_id (str):
        idempotency_key (None | str | Unset):
        body (ActionCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopicRead]
    """

    kwargs = _get_kwargs(
        topic_id=topic_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    topic_id: str,
    *,
    client: AuthenticatedClient,
    body: ActionCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TopicRead | None:
    """分流落实: a case through intake, a need, or a task (refused without a decision)

    Args:
        topic_id (str):
        idempotency_key (None | str | Unset):
        body (ActionCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopicRead
    """

    return sync_detailed(
        topic_id=topic_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    topic_id: str,
    *,
    client: AuthenticatedClient,
    body: ActionCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | TopicRead]:
    """分流落实: a case through intake, a need, or a task (refused without a decision)

    Args:
        topic_id (str):
        idempotency_key (None | str | Unset):
        body (ActionCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopicRead]
    """

    kwargs = _get_kwargs(
        topic_id=topic_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    topic_id: str,
    *,
    client: AuthenticatedClient,
    body: ActionCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | TopicRead | None:
    """分流落实: a case through intake, a need, or a task (refused without a decision)

    Args:
        topic_id (str):
        idempotency_key (None | str | Unset):
        body (ActionCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopicRead
    """

    return (
        await asyncio_detailed(
            topic_id=topic_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
