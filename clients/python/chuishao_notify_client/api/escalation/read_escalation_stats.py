import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.escalation_stats_read import EscalationStatsRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_department: None | str | Unset
    if isinstance(department, Unset):
        json_department = UNSET
    else:
        json_department = department
    params["department"] = json_department

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/escalation-stats",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EscalationStatsRead | Problem:
    if response.status_code == 200:
        response_200 = EscalationStatsRead.from_dict(response.json())

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
) -> Response[EscalationStatsRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Response[EscalationStatsRead | Problem]:
    """Dispatch to 签收 per department: cases, median and p90, the step reached, the first person's share

    Args:
        from_ (datetime.datetime | None | Unset): Chains started from (default: a week before to)
        to (datetime.datetime | None | Unset): Chains started before (default: now)
        department (None | str | Unset): One department's figures

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EscalationStatsRead | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        department=department,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> EscalationStatsRead | Problem | None:
    """Dispatch to 签收 per department: cases, median and p90, the step reached, the first person's share

    Args:
        from_ (datetime.datetime | None | Unset): Chains started from (default: a week before to)
        to (datetime.datetime | None | Unset): Chains started before (default: now)
        department (None | str | Unset): One department's figures

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EscalationStatsRead | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        department=department,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Response[EscalationStatsRead | Problem]:
    """Dispatch to 签收 per department: cases, median and p90, the step reached, the first person's share

    Args:
        from_ (datetime.datetime | None | Unset): Chains started from (default: a week before to)
        to (datetime.datetime | None | Unset): Chains started before (default: now)
        department (None | str | Unset): One department's figures

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EscalationStatsRead | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        department=department,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> EscalationStatsRead | Problem | None:
    """Dispatch to 签收 per department: cases, median and p90, the step reached, the first person's share

    Args:
        from_ (datetime.datetime | None | Unset): Chains started from (default: a week before to)
        to (datetime.datetime | None | Unset): Chains started before (default: now)
        department (None | str | Unset): One department's figures

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EscalationStatsRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            department=department,
        )
    ).parsed
