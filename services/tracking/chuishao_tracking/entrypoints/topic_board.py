"""`GET /v1/board/topics`, the public 议事公开栏 (COMMUNITY.md §4; no token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from chuishao_shared.problems import field_problem
from chuishao_tracking.deps import Context
from chuishao_tracking.entrypoints import params
from chuishao_tracking.entrypoints.api import ERRORS
from chuishao_tracking.service_layer.topic_board import STEPS, board_topics
from chuishao_tracking.topic_board_schemas import TopicBoardPage

topics_board = APIRouter(prefix="/v1/board", tags=["board"])


@topics_board.get(
    "/topics",
    response_model=TopicBoardPage,
    responses=ERRORS,
    summary="The 议事公开栏: topics with their step, decisions, actions' live results and the 议事 figures",
    description="Topics set by staff (step `topic` onwards), latest activity first, each with its meetings, "
    "how many items were decided when, its actions with their live result (from their real events) and its "
    "progress; and COMMUNITY.md §5's 议事 figures for the last 365 days. No title, question, decision text, "
    "owner or attendee is ever published (they may name a resident): a topic is named by its community and a "
    "short reference.",
)
async def list_topics(
    ctx: Context,
    community: Annotated[str | None, Query(description="community code")] = None,
    step: Annotated[str | None, Query(description=f"one of {', '.join(STEPS)}")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> dict[str, Any]:
    if step is not None and step not in STEPS:
        raise field_problem("step", f"one of {', '.join(STEPS)}")
    code = params.check_community(ctx.names.reference, community)
    return await board_topics(ctx, community_code=code, step=step, limit=limit)
