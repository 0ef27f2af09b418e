from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.board_case_page import BoardCasePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[str] | None | Unset = UNSET,
    community: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    open_: bool | Unset = False,
    q: None | str | Unset = UNSET,
    finished_within_days: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = status

    else:
        json_status = status
    params["status"] = json_status

    json_community: None | str | Unset
    if isinstance(community, Unset):
        json_community = UNSET
    else:
        json_community = community
    params["community"] = json_community

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

    params["open"] = open_

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_finished_within_days: int | None | Unset
    if isinstance(finished_within_days, Unset):
        json_finished_within_days = UNSET
    else:
        json_finished_within_days = finished_within_days
    params["finished_within_days"] = json_finished_within_days

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/board/cases",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BoardCasePage | Problem:
    if response.status_code == 200:
        response_200 = BoardCasePage.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BoardCasePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[str] | None | Unset = UNSET,
    community: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    open_: bool | Unset = False,
    q: None | str | Unset = UNSET,
    finished_within_days: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[BoardCasePage | Problem]:
    """Cases on the supervision board, newest first (public, anonymised)

    Args:
        status (list[str] | None | Unset): status, repeated or comma-separated
        community (None | str | Unset): community code
        department (None | str | Unset): a department with a live assignment
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        open_ (bool | Unset): only cases not closed, merged or cancelled Default: False.
        q (None | str | Unset): search: words separated by spaces, each matching the case id (or
            its first characters) or the public name of the case's category, grid, community (or its
            street or district) or departments; a case matches every word. A report's text and contact
            are never searched.
        finished_within_days (int | None | Unset): finished cases (closed, merged, cancelled) only
            when finished in the last N days; open cases are not affected
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardCasePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        community=community,
        department=department,
        overdue=overdue,
        open_=open_,
        q=q,
        finished_within_days=finished_within_days,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: list[str] | None | Unset = UNSET,
    community: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    open_: bool | Unset = False,
    q: None | str | Unset = UNSET,
    finished_within_days: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> BoardCasePage | Problem | None:
    """Cases on the supervision board, newest first (public, anonymised)

    Args:
        status (list[str] | None | Unset): status, repeated or comma-separated
        community (None | str | Unset): community code
        department (None | str | Unset): a department with a live assignment
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        open_ (bool | Unset): only cases not closed, merged or cancelled Default: False.
        q (None | str | Unset): search: words separated by spaces, each matching the case id (or
            its first characters) or the public name of the case's category, grid, community (or its
            street or district) or departments; a case matches every word. A report's text and contact
            are never searched.
        finished_within_days (int | None | Unset): finished cases (closed, merged, cancelled) only
            when finished in the last N days; open cases are not affected
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardCasePage | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        community=community,
        department=department,
        overdue=overdue,
        open_=open_,
        q=q,
        finished_within_days=finished_within_days,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[str] | None | Unset = UNSET,
    community: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    open_: bool | Unset = False,
    q: None | str | Unset = UNSET,
    finished_within_days: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[BoardCasePage | Problem]:
    """Cases on the supervision board, newest first (public, anonymised)

    Args:
        status (list[str] | None | Unset): status, repeated or comma-separated
        community (None | str | Unset): community code
        department (None | str | Unset): a department with a live assignment
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        open_ (bool | Unset): only cases not closed, merged or cancelled Default: False.
        q (None | str | Unset): search: words separated by spaces, each matching the case id (or
            its first characters) or the public name of the case's category, grid, community (or its
            street or district) or departments; a case matches every word. A report's text and contact
            are never searched.
        finished_within_days (int | None | Unset): finished cases (closed, merged, cancelled) only
            when finished in the last N days; open cases are not affected
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardCasePage | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        community=community,
        department=department,
        overdue=overdue,
        open_=open_,
        q=q,
        finished_within_days=finished_within_days,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: list[str] | None | Unset = UNSET,
    community: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    open_: bool | Unset = False,
    q: None | str | Unset = UNSET,
    finished_within_days: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> BoardCasePage | Problem | None:
    """Cases on the supervision board, newest first (public, anonymised)

    Args:
        status (list[str] | None | Unset): status, repeated or comma-separated
        community (None | str | Unset): community code
        department (None | str | Unset): a department with a live assignment
        overdue (bool | None | Unset): Overdue: the case is at work (dispatched, acknowledged,
            in_progress or reopened) and the earliest deadline its departments still owe has passed:
            the acknowledge deadline of a department that has not reported in (报到), or the case's
            resolve deadline (moved by an approved extension); or the case waits in triage past its
            triage deadline (the dispatcher's, from the SLA policy). Resolved and finished cases are
            never overdue; the escalation level does not count, so a case whose owed deadlines are met
            again is no longer overdue.
        open_ (bool | Unset): only cases not closed, merged or cancelled Default: False.
        q (None | str | Unset): search: words separated by spaces, each matching the case id (or
            its first characters) or the public name of the case's category, grid, community (or its
            street or district) or departments; a case matches every word. A report's text and contact
            are never searched.
        finished_within_days (int | None | Unset): finished cases (closed, merged, cancelled) only
            when finished in the last N days; open cases are not affected
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardCasePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            community=community,
            department=department,
            overdue=overdue,
            open_=open_,
            q=q,
            finished_within_days=finished_within_days,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
