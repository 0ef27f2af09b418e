from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.staff_map import StaffMap
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: str | Unset = "open",
    category: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["state"] = state

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    else:
        json_category = category
    params["category"] = json_category

    json_department: None | str | Unset
    if isinstance(department, Unset):
        json_department = UNSET
    else:
        json_department = department
    params["department"] = json_department

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/map",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StaffMap:
    if response.status_code == 200:
        response_200 = StaffMap.from_dict(response.json())

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
) -> Response[Problem | StaffMap]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: str | Unset = "open",
    category: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Response[Problem | StaffMap]:
    """The staff map: the caller's cases as points, with the grids and buildings (liaison, dispatcher)

    Args:
        state (str | Unset): open (default), overdue, all, or a case status Default: 'open'.
        category (None | str | Unset): 小类 or 大类 code
        department (None | str | Unset): a department code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMap]
    """

    kwargs = _get_kwargs(
        state=state,
        category=category,
        department=department,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    state: str | Unset = "open",
    category: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Problem | StaffMap | None:
    """The staff map: the caller's cases as points, with the grids and buildings (liaison, dispatcher)

    Args:
        state (str | Unset): open (default), overdue, all, or a case status Default: 'open'.
        category (None | str | Unset): 小类 or 大类 code
        department (None | str | Unset): a department code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMap
    """

    return sync_detailed(
        client=client,
        state=state,
        category=category,
        department=department,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: str | Unset = "open",
    category: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Response[Problem | StaffMap]:
    """The staff map: the caller's cases as points, with the grids and buildings (liaison, dispatcher)

    Args:
        state (str | Unset): open (default), overdue, all, or a case status Default: 'open'.
        category (None | str | Unset): 小类 or 大类 code
        department (None | str | Unset): a department code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMap]
    """

    kwargs = _get_kwargs(
        state=state,
        category=category,
        department=department,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: str | Unset = "open",
    category: None | str | Unset = UNSET,
    department: None | str | Unset = UNSET,
) -> Problem | StaffMap | None:
    """The staff map: the caller's cases as points, with the grids and buildings (liaison, dispatcher)

    Args:
        state (str | Unset): open (default), overdue, all, or a case status Default: 'open'.
        category (None | str | Unset): 小类 or 大类 code
        department (None | str | Unset): a department code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMap
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            category=category,
            department=department,
        )
    ).parsed
