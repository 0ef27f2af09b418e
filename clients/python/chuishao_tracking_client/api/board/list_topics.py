from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.topic_board_page import TopicBoardPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    community: None | str | Unset = UNSET,
    step: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_community: None | str | Unset
    if isinstance(community, Unset):
        json_community = UNSET
    else:
        json_community = community
    params["community"] = json_community

    json_step: None | str | Unset
    if isinstance(step, Unset):
        json_step = UNSET
    else:
        json_step = step
    params["step"] = json_step

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/board/topics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TopicBoardPage:
    if response.status_code == 200:
        response_200 = TopicBoardPage.from_dict(response.json())

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
) -> Response[Problem | TopicBoardPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    step: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[Problem | TopicBoardPage]:
    """The 议事公开栏: topics with their step, decisions, actions' live results and the 议事 figures

     Topics set by staff (step `topic` onwards), latest activity first, each with its meetings, how many
    items were decided when, its actions with their live result (from their real events) and its
    progress; and COMMUNITY.md §5's 议事 figures for the last 365 days. No title, question, decision text,
    owner or attendee is ever published (they may name a resident): a topic is named by its community
    and a short reference.

    Args:
        community (None | str | Unset): community code
        step (None | str | Unset): one of topic, deliberate, implement, review, closed
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopicBoardPage]
    """

    kwargs = _get_kwargs(
        community=community,
        step=step,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    step: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Problem | TopicBoardPage | None:
    """The 议事公开栏: topics with their step, decisions, actions' live results and the 议事 figures

     Topics set by staff (step `topic` onwards), latest activity first, each with its meetings, how many
    items were decided when, its actions with their live result (from their real events) and its
    progress; and COMMUNITY.md §5's 议事 figures for the last 365 days. No title, question, decision text,
    owner or attendee is ever published (they may name a resident): a topic is named by its community
    and a short reference.

    Args:
        community (None | str | Unset): community code
        step (None | str | Unset): one of topic, deliberate, implement, review, closed
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopicBoardPage
    """

    return sync_detailed(
        client=client,
        community=community,
        step=step,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    step: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Response[Problem | TopicBoardPage]:
    """The 议事公开栏: topics with their step, decisions, actions' live results and the 议事 figures

     Topics set by staff (step `topic` onwards), latest activity first, each with its meetings, how many
    items were decided when, its actions with their live result (from their real events) and its
    progress; and COMMUNITY.md §5's 议事 figures for the last 365 days. No title, question, decision text,
    owner or attendee is ever published (they may name a resident): a topic is named by its community
    and a short reference.

    Args:
        community (None | str | Unset): community code
        step (None | str | Unset): one of topic, deliberate, implement, review, closed
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TopicBoardPage]
    """

    kwargs = _get_kwargs(
        community=community,
        step=step,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    community: None | str | Unset = UNSET,
    step: None | str | Unset = UNSET,
    limit: int | Unset = 20,
) -> Problem | TopicBoardPage | None:
    """The 议事公开栏: topics with their step, decisions, actions' live results and the 议事 figures

     Topics set by staff (step `topic` onwards), latest activity first, each with its meetings, how many
    items were decided when, its actions with their live result (from their real events) and its
    progress; and COMMUNITY.md §5's 议事 figures for the last 365 days. No title, question, decision text,
    owner or attendee is ever published (they may name a resident): a topic is named by its community
    and a short reference.

    Args:
        community (None | str | Unset): community code
        step (None | str | Unset): one of topic, deliberate, implement, review, closed
        limit (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TopicBoardPage
    """

    return (
        await asyncio_detailed(
            client=client,
            community=community,
            step=step,
            limit=limit,
        )
    ).parsed
