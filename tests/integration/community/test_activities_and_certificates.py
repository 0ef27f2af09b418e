"""Activities (志愿服务活动) end to end with the service's clock set by the test: sign-ups by skill slot,
check-in and check-out by the organiser's signed QR code or the organiser's mark, the hours they
append to the ledger (capped by the activity's length), organiser grants with their cap, no-shows and
people served; then a certificate (志愿服务记录证明) whose number anyone can check, its printable page,
and the quarterly summary per work unit (CSV and XLSX). Every refusal names its field and changes
nothing. And no personal data of these areas on chuishao.community.v1."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

from aiokafka import AIOKafkaConsumer
from integration.community.test_units_orders_projects import CONTACT, _problem, _unit, resource_body

from chuishao_shared.events import COMMUNITY_TOPIC
from support.community import OTHER_COMMUNITY, active_volunteer, keyed, staff, unit_contact, volunteer
from support.db import count
from support.services import RunningService
from support.system import eventually


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def activity_body(t0: datetime, **overrides: Any) -> dict[str, Any]:
    body = {
        "title": "周六敬老院陪护",
        "description": "陪老人聊天、打扫",
        "starts_at": (t0 + timedelta(hours=1)).isoformat(),
        "ends_at": (t0 + timedelta(hours=3)).isoformat(),
        "place": {"name": "县敬老院", "lat": 38.47, "lon": 112.7},
        "slots": [{"code": "companions", "capacity": 1, "skill": "companionship"}, {"code": "helpers", "capacity": 5}],
    }
    return body | overrides


async def _state(s: Any) -> tuple[int, ...]:
    return (await count(s, "outbox"), await count(s, "hours_entries"), await count(s, "certificates"))


async def test_an_activity_from_sign_up_to_hours_and_a_certificate(community: RunningService) -> None:
    client, s = community.client, community.settings
    t0 = datetime.now(UTC).replace(microsecond=0)
    clock = Clock(t0)
    community.app.state.context.now = clock
    try:
        await _activity_life(community, client, s, clock, t0)
    finally:
        community.app.state.context.now = lambda: datetime.now(UTC)


async def _activity_life(community: RunningService, client: Any, s: Any, clock: Clock, t0: datetime) -> None:
    alice, alice_id = await active_volunteer(client, s)
    bob, bob_id = await active_volunteer(client, s)
    carol, carol_id = await active_volunteer(client, s)
    organiser = staff(s)
    created = await client.post("/v1/activities", json=activity_body(t0), headers=keyed(organiser))
    assert created.status_code == 201, created.text
    activity = created.json()
    path = f"/v1/activities/{activity['id']}"
    other = (
        await client.post("/v1/activities", json=activity_body(t0, title="另一场"), headers=keyed(organiser))
    ).json()

    # Sign-ups: by slot; a full slot, twice, an unknown slot, a skill the member lacks are refused.
    assert (await client.post(f"{path}/signups", json={"slot": "companions"}, headers=keyed(alice))).status_code == 201
    before = await _state(s)
    _problem(await client.post(f"{path}/signups", json={"slot": "companions"}, headers=keyed(bob)), 409, "slot")
    _problem(await client.post(f"{path}/signups", json={"slot": "helpers"}, headers=keyed(alice)), 409, "member")
    _problem(await client.post(f"{path}/signups", json={"slot": "nope"}, headers=keyed(bob)), 422, "slot")
    assert await _state(s) == before
    assert (await client.post(f"{path}/signups", json={"slot": "helpers"}, headers=keyed(bob))).status_code == 201
    assert (await client.post(f"{path}/signups", json={"slot": "helpers"}, headers=keyed(carol))).status_code == 201

    # At the start: the organiser's QR code; Alice scans it; another activity's code, an expired one,
    # a forged one, and checking in twice are refused.
    clock.at = t0 + timedelta(hours=1)
    qr = await client.get(f"{path}/qr", headers=organiser)
    assert qr.status_code == 200, qr.text
    code = qr.json()["code"]
    assert (await client.get(f"{path}/qr", headers=alice)).status_code == 403
    other_code = (await client.get(f"/v1/activities/{other['id']}/qr", headers=organiser)).json()["code"]
    before = await _state(s)
    _problem(await client.post(f"{path}/checkin", json={"code": other_code}, headers=keyed(alice)), 403, "code")
    _problem(await client.post(f"{path}/checkin", json={"code": code[:-2] + "AA"}, headers=keyed(alice)), 403, "code")
    assert await _state(s) == before
    assert (await client.post(f"{path}/checkin", json={"code": code}, headers=keyed(alice))).status_code == 200
    before = await _state(s)
    _problem(await client.post(f"{path}/checkin", json={"code": code}, headers=keyed(alice)), 409, "member")
    clock.at = t0 + timedelta(hours=1, minutes=11)  # the code lived 10 minutes
    _problem(await client.post(f"{path}/checkin", json={"code": code}, headers=keyed(bob)), 403, "code")
    assert await _state(s) == before
    # The organiser marks Bob present from 1 h 15 (not in the future); Carol never comes.
    clock.at = t0 + timedelta(hours=1, minutes=20)
    _problem(
        await client.post(
            f"{path}/checkin",
            json={"member": bob_id, "at": (t0 + timedelta(hours=2)).isoformat()},
            headers=keyed(organiser),
        ),
        422,
        "at",
    )
    marked = await client.post(
        f"{path}/checkin",
        json={"member": bob_id, "at": (t0 + timedelta(hours=1, minutes=15)).isoformat()},
        headers=keyed(organiser),
    )
    assert marked.status_code == 200, marked.text
    _problem(await client.post(f"{path}/checkin", json={"member": bob_id}, headers=keyed(alice)), 403, "activity")

    # Check-out: Alice by a fresh code at 2 h 30 (1.5 h), Bob marked out long after the end (capped).
    clock.at = t0 + timedelta(hours=2, minutes=30)
    code = (await client.get(f"{path}/qr", headers=organiser)).json()["code"]
    out = await client.post(f"{path}/checkout", json={"code": code}, headers=keyed(alice))
    assert out.status_code == 200, out.text
    clock.at = t0 + timedelta(hours=5)
    out = await client.post(
        f"{path}/checkout",
        json={"member": bob_id, "at": (t0 + timedelta(hours=4)).isoformat()},
        headers=keyed(organiser),
    )
    assert out.status_code == 200, out.text
    before = await _state(s)
    _problem(await client.post(f"{path}/checkout", json={"member": bob_id}, headers=keyed(organiser)), 409, "member")
    _problem(await client.post(f"{path}/checkout", json={"member": carol_id}, headers=keyed(organiser)), 409, "member")
    assert await _state(s) == before
    hours = (await client.get(f"/v1/members/{alice_id}/hours", headers=alice)).json()
    assert [(e["hours"], e["source"], e["ref"]) for e in hours["entries"]] == [(1.5, "activity", activity["id"])]
    bob_hours = (await client.get(f"/v1/members/{bob_id}/hours", headers=bob)).json()
    assert bob_hours["total_hours"] == 1.75  # 1:15 → 3:00, clipped to the end

    # Grants: a reason, 0.25 h steps, at most 8 h each, never past the length + 1 h (3 h) in all.
    grant = {"member": alice_id, "hours": 1, "reason": "提前布置场地"}
    assert (await client.post(f"{path}/grants", json=grant, headers=keyed(organiser))).status_code == 201
    before = await _state(s)
    _problem(await client.post(f"{path}/grants", json={**grant, "hours": 1}, headers=keyed(organiser)), 409, "hours")
    _problem(await client.post(f"{path}/grants", json={**grant, "hours": 0.3}, headers=keyed(organiser)), 422, "hours")
    _problem(await client.post(f"{path}/grants", json={**grant, "reason": ""}, headers=keyed(organiser)), 422, "reason")
    _problem(await client.post(f"{path}/grants", json=grant, headers=keyed(bob)), 403, "activity")
    assert await _state(s) == before
    hours = (await client.get(f"/v1/members/{alice_id}/hours", headers=alice)).json()
    assert hours["total_hours"] == 2.5 and [e["source"] for e in hours["entries"]] == ["activity", "granted"]

    # Close: people served and the no-shows (Carol); then nothing more checks in.
    closed = await client.post(f"{path}/close", json={"people_served": 23}, headers=keyed(organiser))
    assert closed.status_code == 200, closed.text
    assert closed.json()["no_shows"] == [carol_id] and closed.json()["people_served"] == 23
    _problem(await client.post(f"{path}/close", json={"people_served": 1}, headers=keyed(organiser)), 409, "activity")
    # Another community sees no such activity.
    assert (await client.get(path, headers=staff(s, OTHER_COMMUNITY))).status_code == 404
    assert (await client.get(path, headers=volunteer(s, OTHER_COMMUNITY))).status_code == 404

    # The certificate: issued by staff, checked by anyone by its number.
    clock.at = datetime.now(UTC)
    issued = await client.post(f"/v1/members/{alice_id}/certificates", json={}, headers=keyed(staff(s)))
    assert issued.status_code == 201, issued.text
    number = issued.json()["number"]
    assert issued.json()["hours"] == "2.50" and issued.json()["holder"] == "李*国"
    checked = await client.get(f"/v1/certificates/{number}")
    assert checked.status_code == 200 and checked.json()["valid"] is True and "李建国" not in checked.text
    assert (await client.get(f"/v1/certificates/{number.lower()}")).status_code == 200
    page = await client.get(f"/v1/certificates/{number}/page")
    assert page.status_code == 200 and "志愿服务记录证明" in page.text and "周六敬老院陪护" in page.text
    assert "李*国" in page.text and "李建国" not in page.text
    before = await _state(s)
    typo = number[:-3] + ("0" if number[-3] != "0" else "1") + number[-2:]
    forged = number[:-6] + "000000-" + "ZZZZZ"
    for wrong in (typo, forged, "XY-WQ-WY-2026-999999-AAAAA", "not-a-number"):
        _problem(await client.get(f"/v1/certificates/{wrong}"), 404, "number")
    _problem(await client.get(f"/v1/certificates/{typo}/page"), 404, "number")
    assert (
        await client.post(f"/v1/members/{alice_id}/certificates", json={}, headers=keyed(staff(s, OTHER_COMMUNITY)))
    ).status_code == 404
    assert (await client.post(f"/v1/members/{alice_id}/certificates", json={}, headers=keyed(alice))).status_code == 403
    assert await _state(s) == before
    again = await client.post(f"/v1/members/{alice_id}/certificates", json={}, headers=keyed(staff(s)))
    assert again.json()["number"] != number

    # The quarterly summary of a work unit (the members registered with 县教育局 in support.community).
    quarter = f"{t0.year}Q{(t0.astimezone(UTC).month - 1) // 3 + 1}"
    csv = await client.get("/v1/work-units/县教育局/summary", params={"quarter": quarter}, headers=staff(s))
    assert csv.status_code == 200, csv.text
    assert csv.headers["content-type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "李*国" in text and "周六敬老院陪护" in text and "合计" in text
    xlsx = await client.get(
        "/v1/work-units/县教育局/summary", params={"quarter": quarter, "format": "xlsx"}, headers=staff(s)
    )
    assert xlsx.status_code == 200
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(io.BytesIO(xlsx.content)).namelist()
    _problem(
        await client.get("/v1/work-units/县教育局/summary", params={"quarter": "2026Q5"}, headers=staff(s)),
        422,
        "quarter",
    )
    assert (
        await client.get("/v1/work-units/县教育局/summary", params={"quarter": quarter}, headers=alice)
    ).status_code == 403


async def test_no_personal_data_of_units_activities_or_certificates_on_the_topic(community: RunningService) -> None:
    client, s = community.client, community.settings
    code = await _unit(community)
    assert (
        await client.post(
            "/v1/resources", json=resource_body(unit=code, community="XY-WQ-WY"), headers=keyed(unit_contact(s, code))
        )
    ).status_code == 201
    needed_by = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    order = await client.post(
        "/v1/orders",
        json={
            "title": "找钱多多借梯子",
            "items": [{"name": "梯子", "quantity": 1}],
            "needed_by": needed_by,
            "units": [code],
        },
        headers=keyed(staff(s)),
    )
    assert order.status_code == 201, order.text
    answer = {"unit": code, "items": [{"name": "梯子", "quantity": 1}], "note": f"联系{CONTACT['phone']}"}
    assert (
        await client.post(
            f"/v1/orders/{order.json()['id']}/responses", json=answer, headers=keyed(unit_contact(s, code))
        )
    ).status_code == 201
    t0 = datetime.now(UTC)
    activity = await client.post("/v1/activities", json=activity_body(t0, title="活动"), headers=keyed(staff(s)))
    assert activity.status_code == 201
    helper, _ = await active_volunteer(client, s)
    assert (
        await client.post(
            f"/v1/activities/{activity.json()['id']}/signups", json={"slot": "helpers"}, headers=keyed(helper)
        )
    ).status_code == 201
    project = {"title": "钱多多的项目", "goal": f"联系{CONTACT['phone']}", "period_from": "2026-01-01", "units": [code]}
    assert (await client.post("/v1/projects", json=project, headers=keyed(staff(s)))).status_code == 201
    kinds = (
        "unit.registered",
        "resource.offered",
        "order.posted",
        "order.responded",
        "activity.signed_up",
        "project.created",
    )
    published = await _published(s, kinds)
    for personal in (CONTACT["name"], CONTACT["phone"], "孙建华", "李建国", "13912345678", "找钱多多"):
        assert personal not in published, personal


async def _published(settings: Any, kinds: tuple[str, ...]) -> str:
    """What chuishao.community.v1 holds once every one of `kinds` has been relayed."""
    consumer = AIOKafkaConsumer(
        settings.topic(COMMUNITY_TOPIC),
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=f"forces-{datetime.now(UTC).timestamp()}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    values: list[str] = []
    try:

        async def all_there() -> bool:
            batch = await consumer.getmany(timeout_ms=300)
            values.extend(m.value.decode() for messages in batch.values() for m in messages)
            text = "\n".join(values)
            return all(f'"{kind}"' in text for kind in kinds)

        await eventually(all_there, timeout=30)
    finally:
        await consumer.stop()
    return "\n".join(values)
