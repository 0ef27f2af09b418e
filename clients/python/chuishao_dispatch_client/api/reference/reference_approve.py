from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.approval_read import ApprovalRead
from ...models.approve_in import ApproveIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    changeset_id: str,
    *,
    body: ApproveIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reference/changesets/{changeset_id}/approve".format(
            changeset_id=quote(str(changeset_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApprovalRead | Problem:
    if response.status_code == 200:
        response_200 = ApprovalRead.from_dict(response.json())

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
) -> Response[ApprovalRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    changeset_id: str,
    *,
    client: AuthenticatedClient,
    body: ApproveIn,
) -> Response[ApprovalRead | Problem]:
    """Approve it: the next version, in force at effective_at

    Args:
        changeset_id (str):
        body (ApproveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApprovalRead | Problem]
    """

    kwargs = _get_kwargs(
        changeset_id=changeset_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    changeset_id: str,
    *,
    client: AuthenticatedClient,
    body: ApproveIn,
) -> ApprovalRead | Problem | None:
    """Approve it: the next version, in force at effective_at

    Args:
        changeset_id (str):
        body (ApproveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApprovalRead | Problem
    """

    return sync_detailed(
        changeset_id=changeset_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    changeset_id: str,
    *,
    client: AuthenticatedClient,
    body: ApproveIn,
) -> Response[ApprovalRead | Problem]:
    """Approve it: the next version, in force at effective_at

    Args:
        changeset_id (str):
        body (ApproveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApprovalRead | Problem]
    """

    kwargs = _get_kwargs(
        changeset_id=changeset_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    changeset_id: str,
    *,
    client: AuthenticatedClient,
    body: ApproveIn,
) -> ApprovalRead | Problem | None:
    """Approve it: the next version, in force at effective_at

    Args:
        changeset_id (str):
        body (ApproveIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApprovalRead | Problem
    """

    return (
        await asyncio_detailed(
            changeset_id=changeset_id,
            client=client,
            body=body,
        )
    ).parsed
