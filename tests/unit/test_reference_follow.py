"""Following the reference data version in force (chuishao_shared.reference.follow): a new version is built
and swapped in, an unchanged one is not fetched again, a request is pinned to the version it began with,
and notify's notice names follow the version (the other services are tested through real ones in
tests/integration/dispatch/test_reference_apply.py)."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest

from chuishao_shared.reference import load_reference
from chuishao_shared.reference.changes import content_of_dir
from chuishao_shared.reference.follow import PinReference, ReferenceFollower

pytestmark = pytest.mark.unit

CONTENT = content_of_dir()


def renamed(name: str) -> dict[str, Any]:
    content = copy.deepcopy(CONTENT)
    env = next(c for c in content["categories"]["items"] if c["code"] == "ENV")
    next(c for c in env["children"] if c["code"] == "ENV-SMALL-ADS")["name"] = name
    return content


class Dispatch:
    """What dispatch's GET /v1/reference/versions/current answers, and what it was asked."""

    def __init__(self) -> None:
        self.version, self.content = 1, CONTENT
        self.asked: list[int | None] = []

    async def __call__(self, known: int | None) -> dict[str, Any]:
        self.asked.append(known)
        page: dict[str, Any] = {"version": self.version}
        if known != self.version:
            page["content"] = self.content
        return page


async def test_a_new_version_is_built_and_swapped_in_an_unchanged_one_not_fetched() -> None:
    dispatch = Dispatch()
    follower = ReferenceFollower(load_reference(), dispatch)
    assert await follower.refresh() is True and follower.version == 1
    assert await follower.refresh() is False
    dispatch.version, dispatch.content = 2, renamed("乱贴乱画小广告")
    applied: list[int] = []
    follower.listeners.append(lambda _ref, number: applied.append(number))
    assert await follower.refresh() is True
    assert follower.view.categories["ENV-SMALL-ADS"].name == "乱贴乱画小广告"
    assert dispatch.asked == [None, 1, 1] and applied == [2]


async def test_a_request_reads_one_version_while_the_swap_happens_during_it() -> None:
    dispatch = Dispatch()
    follower = ReferenceFollower(load_reference(), dispatch)
    await follower.refresh()
    seen: list[tuple[str, str]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        first = follower.view.categories["ENV-SMALL-ADS"].name
        await asyncio.sleep(0.05)  # the new version is applied here
        seen.append((first, follower.view.categories["ENV-SMALL-ADS"].name))

    async def apply() -> None:
        await asyncio.sleep(0.01)
        dispatch.version, dispatch.content = 2, renamed("新名称")
        await follower.refresh()

    await asyncio.gather(PinReference(app, follower)({"type": "http"}, None, None), apply())
    assert seen == [("乱贴小广告", "乱贴小广告")]
    assert follower.view.categories["ENV-SMALL-ADS"].name == "新名称"  # outside a request: the latest


async def test_notify_names_follow_the_version() -> None:
    from chuishao_notify.bootstrap import NotifySettings, build_app

    app = build_app(NotifySettings(database_url="postgresql://postgres@127.0.0.1:1/none"))
    follower = app.state.reference_follower
    dispatch = Dispatch()
    follower.fetch = dispatch
    await follower.refresh()
    dispatch.version, dispatch.content = 2, renamed("乱贴乱画小广告")
    await follower.refresh()
    assert app.state.context.names.categories["ENV-SMALL-ADS"] == "乱贴乱画小广告"
    assert app.state.context.reference.categories["ENV-SMALL-ADS"].name == "乱贴乱画小广告"
