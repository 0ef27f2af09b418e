"""A need's whole life over the API (record → claim → start → done → confirm → hours), with the
claim limit, the lapse and expiry sweeps on a settable clock, and the resident's contact shown only to
staff and the confirmed claimant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chuishao_community.entrypoints.sweep import sweep_needs
from support.community import (
    active_volunteer,
    keyed,
    need_body,
    record_need,
    signed_unit,
    staff,
    unit_contact,
    volunteer,
)
from support.db import count
from support.services import RunningService

PHOTO = "ab" * 32


async def test_a_need_from_record_to_confirmed_hours(community: RunningService) -> None:
    client, s = community.client, community.settings
    helper, member_id = await active_volunteer(client, s)
    need = await record_need(client, s)
    assert need["status"] == "open" and need["community"] == "XY-WQ-WY"
    assert need["resident"]["phone"] == "13800001111"  # staff see the resident

    claimed = await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))
    assert claimed.status_code == 200, claimed.text
    body = claimed.json()
    assert body["status"] == "claimed" and body["claims"][0]["status"] == "confirmed"  # privacy `open`
    assert body["resident"]["name"] == "王秀珍"  # the confirmed claimant sees whom to help

    for action, payload, status in (
        ("start", {}, "in_progress"),
        ("done", {"note": "已送到", "photos": [PHOTO], "hours": 3.5}, "done"),
    ):
        answered = await client.post(f"/v1/needs/{need['id']}/{action}", json=payload, headers=keyed(helper))
        assert answered.status_code == 200, answered.text
        assert answered.json()["status"] == status

    confirmed = await client.post(
        f"/v1/needs/{need['id']}/confirm",
        json={"satisfaction": "satisfied", "note": "老人很满意"},
        headers=keyed(staff(s)),
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["hours_credited"] == 2.0  # capped by the 2 hours wanted

    hours = await client.get(f"/v1/members/{member_id}/hours", headers=helper)
    assert hours.status_code == 200, hours.text
    assert hours.json()["total_hours"] == 2.0
    (entry,) = hours.json()["entries"]
    assert entry["source"] == "need" and entry["ref"] == need["id"]
    assert (await client.get(f"/v1/members/{member_id}/hours", headers=staff(s))).json()["total_hours"] == 2.0
    # another volunteer of the same community cannot read them
    assert (await client.get(f"/v1/members/{member_id}/hours", headers=volunteer(s))).status_code == 404
    assert await count(s, "outbox", "event_type = 'hours.recorded'") == 1


async def test_staff_confirm_a_claim_before_the_claimant_sees_the_resident(community: RunningService) -> None:
    client, s = community.client, community.settings
    helper, _ = await active_volunteer(client, s)
    other, _ = await active_volunteer(client, s)
    need = await record_need(client, s, privacy="staff_confirms")
    claimed = (await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))).json()
    assert claimed["claims"][0]["status"] == "pending" and claimed["resident"] is None
    started = await client.post(f"/v1/needs/{need['id']}/start", json={}, headers=keyed(helper))
    assert started.status_code == 409, started.text  # waits for staff
    for reader in (helper, other):
        seen = await client.get(f"/v1/needs/{need['id']}", headers=reader)
        assert seen.status_code == 200 and seen.json()["resident"] is None
        listed = (await client.get("/v1/needs", headers=reader)).json()["items"]
        assert all(item["resident"] is None for item in listed)
        assert "13800001111" not in str(listed)

    claim_id = claimed["claims"][0]["id"]
    ok = await client.post(f"/v1/needs/{need['id']}/claims/{claim_id}/confirm", json={}, headers=keyed(staff(s)))
    assert ok.status_code == 200, ok.text
    assert (await client.get(f"/v1/needs/{need['id']}", headers=helper)).json()["resident"]["phone"] == "13800001111"
    assert (await client.get(f"/v1/needs/{need['id']}", headers=other)).json()["resident"] is None


async def test_a_member_holds_at_most_the_set_number_of_open_claims(community: RunningService) -> None:
    client, s = community.client, community.settings
    helper, _ = await active_volunteer(client, s)
    needs = [await record_need(client, s) for _ in range(4)]
    for need in needs[:3]:
        assert (await client.post(f"/v1/needs/{need['id']}/claim", json={}, headers=keyed(helper))).status_code == 200
    before = await count(s, "outbox")
    refused = await client.post(f"/v1/needs/{needs[3]['id']}/claim", json={}, headers=keyed(helper))
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"][0]["field"] == "claim"
    assert await count(s, "outbox") == before
    assert (await client.get(f"/v1/needs/{needs[3]['id']}", headers=helper)).json()["status"] == "open"
    # releasing one makes room (and is counted on the need)
    released = await client.post(
        f"/v1/needs/{needs[0]['id']}/release", json={"reason": "临时出差"}, headers=keyed(helper)
    )
    assert released.json()["status"] == "open" and released.json()["release_count"] == 1
    assert (await client.post(f"/v1/needs/{needs[3]['id']}/claim", json={}, headers=keyed(helper))).status_code == 200


async def test_a_unit_claims_for_itself_and_no_member_is_credited(community: RunningService) -> None:
    client, s = community.client, community.settings
    code = await signed_unit(client, s)  # a unit's contact acts where the unit's agreement is in force
    contact = unit_contact(s, code)
    need = await record_need(client, s)
    wrong = await client.post(f"/v1/needs/{need['id']}/claim", json={"unit": "UNIT-B"}, headers=keyed(contact))
    assert wrong.status_code == 403 and wrong.json()["errors"][0]["field"] == "unit"
    claimed = await client.post(f"/v1/needs/{need['id']}/claim", json={"unit": code}, headers=keyed(contact))
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["claims"][0] | {"claimant_kind": "unit", "claimant": code} == claimed.json()["claims"][0]


async def test_an_unstarted_claim_lapses_and_an_unclaimed_need_expires(community: RunningService) -> None:
    client, s, app = community.client, community.settings, community.app
    helper, _ = await active_volunteer(client, s)
    now = datetime.now(UTC)
    lapsing = await record_need(client, s)
    expiring = await record_need(client, s, wanted_by=(now + timedelta(hours=30)).isoformat())
    await client.post(f"/v1/needs/{lapsing['id']}/claim", json={}, headers=keyed(helper))
    bus = app.state.bus

    assert await sweep_needs(bus, now + timedelta(hours=23)) == 0
    assert await sweep_needs(bus, now + timedelta(hours=25)) == 1  # the claim lapsed: a no-show
    lapsed = (await client.get(f"/v1/needs/{lapsing['id']}", headers=staff(s))).json()
    assert lapsed["status"] == "open" and lapsed["lapse_count"] == 1
    assert lapsed["claims"][0]["status"] == "lapsed"

    assert await sweep_needs(bus, now + timedelta(hours=31)) == 1  # wanted by 30 h: expired
    assert (await client.get(f"/v1/needs/{expiring['id']}", headers=staff(s))).json()["status"] == "expired"
    assert await count(s, "outbox", "event_type = 'need.expired'") == 1
    assert await count(s, "outbox", "event_type = 'need.lapsed'") == 1
    assert await sweep_needs(bus, now + timedelta(hours=31)) == 0  # each fires once


async def test_a_grid_worker_records_in_their_own_grids_only(community: RunningService) -> None:
    client, s = community.client, community.settings
    from support.community import token

    worker = token(s, "grid_worker", grids=["XY-WQ-WY-G01"])
    ok = await client.post("/v1/needs", json=need_body(), headers=keyed(worker))
    assert ok.status_code == 201, ok.text
    assert ok.json()["resident"] is None  # recorded by proxy; the contact is for staff and the claimant
    other = await client.post("/v1/needs", json=need_body(grid="XY-WQ-WY-G02"), headers=keyed(worker))
    assert other.status_code == 403 and other.json()["errors"][0]["field"] == "grid"
