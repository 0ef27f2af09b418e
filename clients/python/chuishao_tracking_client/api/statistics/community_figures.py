from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.community_figures_page import CommunityFiguresPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    community: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_community: None | str | Unset
    if isinstance(community, Unset):
        json_community = UNSET
    else:
        json_community = community
    params["community"] = json_community

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats/community",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommunityFiguresPage | Problem:
    if response.status_code == 200:
        response_200 = CommunityFiguresPage.from_dict(response.json())

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
) -> Response[CommunityFiguresPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    community: None | str | Unset = UNSET,
) -> Response[CommunityFiguresPage | Problem]:
    """The community side's figures per community for a period (COMMUNITY.md §5, docs/statistics.md)

    Args:
        from_ (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD (default: to − 30 days)
        to (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD, exclusive (default: now)
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommunityFiguresPage | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        community=community,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    community: None | str | Unset = UNSET,
) -> CommunityFiguresPage | Problem | None:
    """The community side's figures per community for a period (COMMUNITY.md §5, docs/statistics.md)

    Args:
        from_ (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD (default: to − 30 days)
        to (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD, exclusive (default: now)
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommunityFiguresPage | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        community=community,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    community: None | str | Unset = UNSET,
) -> Response[CommunityFiguresPage | Problem]:
    """The community side's figures per community for a period (COMMUNITY.md §5, docs/statistics.md)

    Args:
        from_ (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD (default: to − 30 days)
        to (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD, exclusive (default: now)
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommunityFiguresPage | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        community=community,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    community: None | str | Unset = UNSET,
) -> CommunityFiguresPage | Problem | None:
    """The community side's figures per community for a period (COMMUNITY.md §5, docs/statistics.md)

    Args:
        from_ (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD (default: to − 30 days)
        to (None | str | Unset): RFC 3339 date-time or YYYY-MM-DD, exclusive (default: now)
        community (None | str | Unset): community code

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommunityFiguresPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            community=community,
        )
    ).parsed
