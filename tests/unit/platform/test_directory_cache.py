"""Each service's copy of the directory: refreshed from the change feed page by page, kept whole when
the directory cannot be reached, reloaded when the feed was reset, and applied to every principal."""

from __future__ import annotations

from typing import Any

import pytest

from chuishao_shared.auth import AuthError, Principal
from chuishao_shared.directory import Directory


class Feed:
    """A change feed in memory: `rows` by revision; `down` makes it unreachable."""

    def __init__(self, page_size: int = 2) -> None:
        self.rows: list[dict[str, Any]] = []
        self.page_size = page_size
        self.down = False
        self.calls: list[int] = []
        self._next = 0

    def put(self, subject: str, roles: list[dict[str, Any]], active: bool = True) -> None:
        self.rows = [r for r in self.rows if r["subject"] != subject]
        self._next += 1
        self.rows.append({"subject": subject, "roles": roles, "active": active, "revision": self._next})

    async def __call__(self, since: int) -> dict[str, Any]:
        self.calls.append(since)
        if self.down:
            raise ConnectionError("dispatch unreachable")
        items = sorted((r for r in self.rows if r["revision"] > since), key=lambda r: r["revision"])
        page = items[: self.page_size]
        latest = max((r["revision"] for r in self.rows), default=0)
        cursor = page[-1]["revision"] if page else min(since, latest)
        return {"items": page, "cursor": cursor, "latest": latest, "more": len(page) == self.page_size}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


LIAISON = [{"role": "liaison", "department": "D1"}]


async def test_refresh_reads_every_page_then_only_what_changed() -> None:
    feed = Feed(page_size=2)
    for i in range(5):
        feed.put(f"s{i}", LIAISON)
    directory = Directory(feed)
    assert await directory.refresh() == 5
    assert set(directory.entries) == {f"s{i}" for i in range(5)} and directory.cursor == 5
    feed.put("s1", LIAISON, active=False)
    feed.calls.clear()
    assert await directory.refresh() == 1
    assert feed.calls == [5] and not directory.entries["s1"].active


async def test_an_unreachable_directory_keeps_the_last_known_copy_and_its_age_grows() -> None:
    feed, clock = Feed(), Clock()
    feed.put("s1", LIAISON)
    directory = Directory(feed, clock=clock)
    await directory.refresh()
    feed.down = True
    clock.now += 42
    with pytest.raises(ConnectionError):
        await directory.refresh()
    assert "s1" in directory.entries and directory.age() == 42
    feed.down = False
    await directory.refresh()
    assert directory.age() == 0


async def test_a_failure_halfway_through_the_pages_changes_nothing() -> None:
    feed = Feed(page_size=1)
    feed.put("a", LIAISON)
    feed.put("b", LIAISON)
    directory = Directory(feed)
    calls = 0
    real = feed.__call__

    async def flaky(since: int) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionError("dropped")
        return await real(since)

    directory.fetch = flaky
    with pytest.raises(ConnectionError):
        await directory.refresh()
    assert directory.entries == {} and directory.cursor == 0


async def test_a_reset_feed_is_read_again_from_the_start() -> None:
    feed = Feed()
    for s in ("a", "b", "c"):
        feed.put(s, LIAISON)
    directory = Directory(feed)
    await directory.refresh()
    feed.rows, feed._next = [], 0  # restored from an older backup
    feed.put("z", LIAISON)
    await directory.refresh()
    assert set(directory.entries) == {"z"}


def test_never_refreshed_has_no_age_and_no_fetch_does_nothing() -> None:
    assert Directory().age() is None


async def test_resolve_unknown_keeps_the_token_known_gets_the_directory_deactivated_is_refused() -> None:
    feed = Feed()
    feed.put("known", [{"role": "grid_worker", "grids": ["G2"]}, {"role": "admin"}])
    feed.put("gone", LIAISON, active=False)
    directory = Directory(feed)
    await directory.refresh()
    token = Principal(sub="stranger", role="liaison", department="D9")
    assert directory.resolve(token) is token
    claimed = Principal(sub="known", role="grid_worker", grids=frozenset({"G1"}))
    assert directory.resolve(claimed).grids == frozenset({"G2"})
    # A role the person does not hold is not granted: they get their first role's.
    assert directory.resolve(Principal(sub="known", role="dispatcher", jurisdiction="XY")).role == "grid_worker"
    assert directory.resolve(Principal(sub="known", role="admin")).role == "admin"
    with pytest.raises(AuthError):
        directory.resolve(Principal(sub="gone", role="liaison", department="D1"))


async def test_a_wecom_or_dingtalk_user_id_finds_its_subject_in_the_copy() -> None:
    feed = Feed()
    feed.put("wang.lei", LIAISON)
    feed.rows[-1].update(wecom_user_id="WangLei", dingtalk_user_id="wl-ding")
    feed.put("li.si", LIAISON)  # an older feed's item without the fields
    directory = Directory(feed)
    await directory.refresh()
    assert await directory.subject_of_account("wecom_user_id", "WangLei") == "wang.lei"
    assert await directory.subject_of_account("dingtalk_user_id", "wl-ding") == "wang.lei"
    assert await directory.subject_of_account("wecom_user_id", "wl-ding") is None
    assert await directory.subject_of_account("dingtalk_user_id", "Stranger") is None
