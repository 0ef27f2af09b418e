"""Duty rosters over the API (值班表): who is on duty now and next per level, a gap reported as a gap,
an override, editing a started layer ends it (the past unchanged), problem+json naming the field, and
who may read or write."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chuishao_shared.auth import mint_token
from support.factories import bearer
from support.infra import Infra, unique
from support.notify import start_notify
from support.services import RunningService, running

LEAD = "XY-WQ-WY-WY"
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
async def notify(infra: Infra) -> AsyncIterator[RunningService]:
    settings, app = await start_notify(infra, unique("t") + ".")
    async with running(app, settings) as service:
        yield service


def admin(service: RunningService) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub="admin-1", role="admin"))


def liaison(service: RunningService, department: str) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub=f"l-{department}", role="liaison", department=department))


def hour_start() -> datetime:
    return datetime.now(SH).replace(minute=0, second=0, microsecond=0)


async def test_on_duty_now_and_next_with_a_gap_an_override_and_an_edit(notify: RunningService) -> None:
    owner = LEAD  # each test's notify has a database of its own
    base = hour_start() - timedelta(hours=1)  # shifts of one hour every two hours: on now, a gap next
    layer = {
        "level": 1,
        "name": "白班",
        "rrule": "FREQ=HOURLY;INTERVAL=2",
        "starts": base.isoformat(),
        "shift_minutes": 120,
        "members": ["m-a", "m-b"],
    }
    created = await notify.client.post(f"/v1/rosters/{owner}/layers", json=layer, headers=admin(notify))
    assert created.status_code == 201, created.text
    layer_id = created.json()["id"]
    person = await notify.client.put(
        f"/v1/rosters/{owner}/people/m-a", json={"name": "王值班", "mobile": "13800138000"}, headers=admin(notify)
    )
    assert person.json()["mobile"] == "138****8000"
    duty = (await notify.client.get(f"/v1/rosters/{owner}/on-duty", headers=liaison(notify, owner))).json()
    [level] = [lv for lv in duty["levels"] if lv["level"] == 1]
    assert level["now"]["member"] in {"m-a", "m-b"} and not level["now"]["gap"]
    assert level["next"]["member"] in {"m-a", "m-b"} and level["next"]["member"] != level["now"]["member"]

    # Level 2 exists only from tomorrow: now it is a gap, and next names who comes.
    tomorrow = hour_start() + timedelta(days=1)
    night = {
        **layer,
        "level": 2,
        "name": "夜班",
        "rrule": "FREQ=DAILY",
        "starts": tomorrow.isoformat(),
        "members": ["m-n"],
    }
    assert (
        await notify.client.post(f"/v1/rosters/{owner}/layers", json=night, headers=admin(notify))
    ).status_code == 201
    duty = (await notify.client.get(f"/v1/rosters/{owner}/on-duty", headers=admin(notify))).json()
    [level2] = [lv for lv in duty["levels"] if lv["level"] == 2]
    assert level2["now"]["gap"] is True and level2["now"]["member"] is None
    assert level2["next"]["member"] == "m-n"

    # A sick day: m-s covers level 1 for the next hours.
    now = datetime.now(UTC)
    sick = {"level": 1, "member": "m-s", "starts": now.isoformat(), "ends": (now + timedelta(hours=3)).isoformat()}
    assert (
        await notify.client.post(f"/v1/rosters/{owner}/overrides", json=sick, headers=admin(notify))
    ).status_code == 201
    duty = (await notify.client.get(f"/v1/rosters/{owner}/on-duty", headers=admin(notify))).json()
    assert [lv["now"]["member"] for lv in duty["levels"] if lv["level"] == 1] == ["m-s"]

    # Editing the started layer ends it now and a new layer takes over; the old one is kept.
    edited = await notify.client.put(
        f"/v1/rosters/{owner}/layers/{layer_id}", json={**layer, "members": ["m-c"]}, headers=admin(notify)
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["id"] != layer_id
    roster = (await notify.client.get(f"/v1/rosters/{owner}", headers=admin(notify))).json()
    old = next(x for x in roster["layers"] if x["id"] == layer_id)
    assert old["valid_until"] is not None and old["members"] == ["m-a", "m-b"]
    assert {"member": "m-a", "name": "王值班", "mobile": "138****8000"} in roster["people"]
    later = (datetime.now(UTC) + timedelta(hours=5)).isoformat()
    duty = (await notify.client.get(f"/v1/rosters/{owner}/on-duty", params={"at": later}, headers=admin(notify))).json()
    assert {lv["now"]["member"] for lv in duty["levels"] if lv["level"] == 1} <= {"m-c", None}

    week = await notify.client.get(
        f"/v1/rosters/{owner}/week", params={"start": hour_start().isoformat()}, headers=admin(notify)
    )
    shifts = next(lv for lv in week.json()["levels"] if lv["level"] == 2)["shifts"]
    assert shifts[0]["gap"] is True and any(s["member"] == "m-n" for s in shifts)


BAD = [
    ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
    ({"members": []}, "members"),
    ({"starts": "2026-12-01T08:00:00"}, "starts"),
    ({"shift_minutes": 5}, "shift_minutes"),
    ({"colour": "red"}, "colour"),
]


async def test_bad_layers_are_refused_naming_the_field_and_only_admins_write(notify: RunningService) -> None:
    good = {
        "level": 1,
        "name": "白班",
        "rrule": "FREQ=DAILY",
        "starts": hour_start().isoformat(),
        "shift_minutes": 60,
        "members": ["m-a"],
    }
    for change, field in BAD:
        response = await notify.client.post(
            f"/v1/rosters/{LEAD}/layers", json={**good, **change}, headers=admin(notify)
        )
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert field in {
            e["field"].split(".")[-1] if "." in e["field"] else e["field"] for e in response.json()["errors"]
        }, response.text
    bad_mobile = await notify.client.put(
        f"/v1/rosters/{LEAD}/people/m-a", json={"name": "x", "mobile": "12345"}, headers=admin(notify)
    )
    assert bad_mobile.status_code == 422 and bad_mobile.json()["errors"][0]["field"] == "mobile"
    forbidden = await notify.client.post(f"/v1/rosters/{LEAD}/layers", json=good, headers=liaison(notify, LEAD))
    assert forbidden.status_code == 403
    other = await notify.client.get(f"/v1/rosters/{LEAD}/on-duty", headers=liaison(notify, "XY-WQ-OTHER"))
    assert other.status_code == 403
    unknown = await notify.client.get("/v1/rosters/NOPE/on-duty", headers=admin(notify))
    assert unknown.status_code == 404


async def test_a_dispatcher_reads_the_rosters_and_policies_of_their_area_only(notify: RunningService) -> None:
    def dispatcher(jurisdiction: str) -> dict[str, str]:
        return bearer(mint_token(notify.settings, sub="d-1", role="dispatcher", jurisdiction=jurisdiction))

    async def status(path: str, jurisdiction: str) -> int:
        return (await notify.client.get(path, headers=dispatcher(jurisdiction))).status_code

    for path in (f"/v1/rosters/{LEAD}/on-duty", f"/v1/rosters/{LEAD}/week", f"/v1/escalation-policies/{LEAD}"):
        assert await status(path, "XY-WQ") == 200, path  # 王桥镇's dispatcher: 五阳物业 serves in their street
        assert await status(path, "XY") == 200, path  # the county's: everything in the county
        assert await status(path, "TN-CS") == 403, path  # another district's street
    assert await status("/v1/rosters/XY-CGJ/on-duty", "XY-WQ") == 403  # a county bureau is above the street
    assert await status("/v1/rosters/XY-WQ/on-duty", "XY-WQ") == 200  # the street's own desk
    assert await status("/v1/rosters/XY/on-duty", "XY-WQ") == 403  # the county's desk


async def test_a_demo_roster_is_taken_by_the_api_and_someone_is_on_duty(notify: RunningService) -> None:
    from chuishao_shared.demo_rosters import demo_roster_bodies
    from chuishao_shared.reference import load_reference

    roster = demo_roster_bodies(load_reference())[LEAD]
    for member, person in roster["people"].items():
        answer = await notify.client.put(f"/v1/rosters/{LEAD}/people/{member}", json=person, headers=admin(notify))
        assert answer.status_code == 200, answer.text
    for layer in roster["layers"]:
        answer = await notify.client.post(f"/v1/rosters/{LEAD}/layers", json=layer, headers=admin(notify))
        assert answer.status_code == 201, answer.text
    duty = (await notify.client.get(f"/v1/rosters/{LEAD}/on-duty", headers=admin(notify))).json()
    [level] = duty["levels"]
    assert not level["now"]["gap"] and level["now"]["member"] in roster["people"]
    assert level["now"]["name"] == roster["people"][level["now"]["member"]]["name"]
