from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.work_unit_summary_format import WorkUnitSummaryFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    quarter: str,
    format_: WorkUnitSummaryFormat | Unset = WorkUnitSummaryFormat.CSV,
    mask: bool | Unset = True,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["quarter"] = quarter

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["mask"] = mask

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/work-units/{name}/summary".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: WorkUnitSummaryFormat | Unset = WorkUnitSummaryFormat.CSV,
    mask: bool | Unset = True,
) -> Response[Any | Problem]:
    """A work unit's members' hours and tasks in a quarter (staff): CSV or XLSX

    Args:
        name (str):
        quarter (str): e.g. 2026Q3
        format_ (WorkUnitSummaryFormat | Unset):  Default: WorkUnitSummaryFormat.CSV.
        mask (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        quarter=quarter,
        format_=format_,
        mask=mask,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: WorkUnitSummaryFormat | Unset = WorkUnitSummaryFormat.CSV,
    mask: bool | Unset = True,
) -> Any | Problem | None:
    """A work unit's members' hours and tasks in a quarter (staff): CSV or XLSX

    Args:
        name (str):
        quarter (str): e.g. 2026Q3
        format_ (WorkUnitSummaryFormat | Unset):  Default: WorkUnitSummaryFormat.CSV.
        mask (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
        quarter=quarter,
        format_=format_,
        mask=mask,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: WorkUnitSummaryFormat | Unset = WorkUnitSummaryFormat.CSV,
    mask: bool | Unset = True,
) -> Response[Any | Problem]:
    """A work unit's members' hours and tasks in a quarter (staff): CSV or XLSX

    Args:
        name (str):
        quarter (str): e.g. 2026Q3
        format_ (WorkUnitSummaryFormat | Unset):  Default: WorkUnitSummaryFormat.CSV.
        mask (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
        quarter=quarter,
        format_=format_,
        mask=mask,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: WorkUnitSummaryFormat | Unset = WorkUnitSummaryFormat.CSV,
    mask: bool | Unset = True,
) -> Any | Problem | None:
    """A work unit's members' hours and tasks in a quarter (staff): CSV or XLSX

    Args:
        name (str):
        quarter (str): e.g. 2026Q3
        format_ (WorkUnitSummaryFormat | Unset):  Default: WorkUnitSummaryFormat.CSV.
        mask (bool | Unset):  Default: True.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            quarter=quarter,
            format_=format_,
            mask=mask,
        )
    ).parsed
