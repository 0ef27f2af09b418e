from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.case_page import CasePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    json_department: None | str | Unset
    if isinstance(department, Unset):
        json_department = UNSET
    else:
        json_department = department
    params["department"] = json_department

    json_overdue: bool | None | Unset
    if isinstance(overdue, Unset):
        json_overdue = UNSET
    else:
        json_overdue = overdue
    params["overdue"] = json_overdue

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_grid: None | str | Unset
    if isinstance(grid, Unset):
        json_grid = UNSET
    else:
        json_grid = grid
    params["grid"] = json_grid

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CasePage | Problem:
    if response.status_code == 200:
        response_200 = CasePage.from_dict(response.json())

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
) -> Response[CasePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
) -> Response[CasePage | Problem]:
    """The queue: a liaison's department's cases, a dispatcher's jurisdiction's

    Args:
        status (None | str | Unset):
        department (None | str | Unset):
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): next_cursor of the page before: the next page
        grid (None | str | Unset): Only cases in this grid (or area), sub-grids included
        q (None | str | Unset): Find cases: a case id or its start, words of the description or
            building, or a community's or grid's name (at most 100 characters)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        department=department,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        grid=grid,
        q=q,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
) -> CasePage | Problem | None:
    """The queue: a liaison's department's cases, a dispatcher's jurisdiction's

    Args:
        status (None | str | Unset):
        department (None | str | Unset):
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): next_cursor of the page before: the next page
        grid (None | str | Unset): Only cases in this grid (or area), sub-grids included
        q (None | str | Unset): Find cases: a case id or its start, words of the description or
            building, or a community's or grid's name (at most 100 characters)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasePage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        department=department,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        grid=grid,
        q=q,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
) -> Response[CasePage | Problem]:
    """The queue: a liaison's department's cases, a dispatcher's jurisdiction's

    Args:
        status (None | str | Unset):
        department (None | str | Unset):
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): next_cursor of the page before: the next page
        grid (None | str | Unset): Only cases in this grid (or area), sub-grids included
        q (None | str | Unset): Find cases: a case id or its start, words of the description or
            building, or a community's or grid's name (at most 100 characters)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        department=department,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        grid=grid,
        q=q,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    grid: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
) -> CasePage | Problem | None:
    """The queue: a liaison's department's cases, a dispatcher's jurisdiction's

    Args:
        status (None | str | Unset):
        department (None | str | Unset):
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): next_cursor of the page before: the next page
        grid (None | str | Unset): Only cases in this grid (or area), sub-grids included
        q (None | str | Unset): Find cases: a case id or its start, words of the description or
            building, or a community's or grid's name (at most 100 characters)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            department=department,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
            grid=grid,
            q=q,
        )
    ).parsed
