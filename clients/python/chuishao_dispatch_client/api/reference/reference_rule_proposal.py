from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.change_set_read import ChangeSetRead
from ...models.problem import Problem
from ...models.rule_proposal_in import RuleProposalIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: str,
    *,
    body: RuleProposalIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/cases/{case_id}/rule-proposal".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeSetRead | Problem:
    if response.status_code == 201:
        response_201 = ChangeSetRead.from_dict(response.json())

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
) -> Response[ChangeSetRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: RuleProposalIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChangeSetRead | Problem]:
    """Propose a routing rule from a case: this 小类 in this community → these departments (an admin
    approves)

     A change set of the routing rules in force with a rule for the case's 小类 in the case's community
    (the
    rule for exactly that 小类 and community changed, if there is one). It waits, 待审批, for an admin.

    Args:
        case_id (str):
        idempotency_key (None | str | Unset):
        body (RuleProposalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeSetRead | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: RuleProposalIn,
    idempotency_key: None | str | Unset = UNSET,
) -> ChangeSetRead | Problem | None:
    """Propose a routing rule from a case: this 小类 in this community → these departments (an admin
    approves)

     A change set of the routing rules in force with a rule for the case's 小类 in the case's community
    (the
    rule for exactly that 小类 and community changed, if there is one). It waits, 待审批, for an admin.

    Args:
        case_id (str):
        idempotency_key (None | str | Unset):
        body (RuleProposalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeSetRead | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: RuleProposalIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChangeSetRead | Problem]:
    """Propose a routing rule from a case: this 小类 in this community → these departments (an admin
    approves)

     A change set of the routing rules in force with a rule for the case's 小类 in the case's community
    (the
    rule for exactly that 小类 and community changed, if there is one). It waits, 待审批, for an admin.

    Args:
        case_id (str):
        idempotency_key (None | str | Unset):
        body (RuleProposalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeSetRead | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: RuleProposalIn,
    idempotency_key: None | str | Unset = UNSET,
) -> ChangeSetRead | Problem | None:
    """Propose a routing rule from a case: this 小类 in this community → these departments (an admin
    approves)

     A change set of the routing rules in force with a rule for the case's 小类 in the case's community
    (the
    rule for exactly that 小类 and community changed, if there is one). It waits, 待审批, for an admin.

    Args:
        case_id (str):
        idempotency_key (None | str | Unset):
        body (RuleProposalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeSetRead | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
