"""Every bad input is an RFC 9457 problem naming the field or the reason, and changes nothing; and
object-level scope: another community's staff or volunteer gets 404 (or 403 where the body names a
place that is not theirs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from support.community import (
    OTHER_COMMUNITY,
    active_volunteer,
    keyed,
    member_body,
    need_body,
    record_need,
    staff,
    token,
    volunteer,
)
from support.db import count
from support.services import RunningService


async def _state(community: RunningService) -> tuple[int, ...]:
    s = community.settings
    return (
        await count(s, "outbox"),
        await count(s, "members"),
        await count(s, "needs"),
        await count(s, "hours_entries"),
        await count(s, "whistles"),
        await count(s, "needs", "status = 'open'"),
    )


def _problem(response: Any, status: int, field: str | None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    if field is not None:
        fields = [e["field"] for e in body.get("errors") or []]
        assert any(f == field or f.endswith(f".{field}") or f.endswith(field) for f in fields), (field, body)


async def test_each_bad_input_is_a_problem_naming_the_field_and_changes_nothing(community: RunningService) -> None:
    client, s = community.client, community.settings
    helper, member_id = await active_volunteer(client, s)
    open_need = await record_need(client, s)
    taken = await record_need(client, s)
    assert (await client.post(f"/v1/needs/{taken['id']}/claim", json={}, headers=keyed(helper))).status_code == 200
    mine = await record_need(client, s)
    await client.post(f"/v1/needs/{mine['id']}/claim", json={}, headers=keyed(helper))
    await client.post(f"/v1/needs/{mine['id']}/start", json={}, headers=keyed(helper))
    await client.post(f"/v1/needs/{mine['id']}/done", json={"hours": 1}, headers=keyed(helper))
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    own_staff_token = staff(s, sub=None)
    # the claimant's own subject holding a staff token (one person, two roles)
    helper_sub = "volunteer-self"
    self_helper = volunteer(s, sub=helper_sub)
    reg = await client.post("/v1/members", json=member_body(), headers=keyed(self_helper))
    await client.post(f"/v1/members/{reg.json()['id']}/confirm", headers=keyed(own_staff_token))
    self_need = await record_need(client, s)
    for action, body in (("claim", {}), ("start", {}), ("done", {"hours": 1})):
        answered = await client.post(f"/v1/needs/{self_need['id']}/{action}", json=body, headers=keyed(self_helper))
        assert answered.status_code == 200, answered.text

    cases: list[tuple[str, str, dict[str, str], Any, int, str | None]] = [
        ("record: wanted_by in the past", "/v1/needs", staff(s), need_body(wanted_by=past), 422, "wanted_by"),
        ("record: unknown skill", "/v1/needs", staff(s), need_body(skills=["errands", "juggling"]), 422, "skills.1"),
        ("record: unknown kind", "/v1/needs", staff(s), need_body(kind="unicorn"), 422, "kind"),
        ("record: unknown grid", "/v1/needs", staff(s), need_body(grid="NOWHERE-G01"), 422, "grid"),
        (
            "record: no resident",
            "/v1/needs",
            staff(s),
            {k: v for k, v in need_body().items() if k != "resident"},
            422,
            "resident",
        ),
        ("record: bad privacy", "/v1/needs", staff(s), need_body(privacy="public"), 422, "privacy"),
        ("record: another community's grid", "/v1/needs", staff(s, OTHER_COMMUNITY), need_body(), 403, "grid"),
        ("register: unknown skill", "/v1/members", volunteer(s), member_body(skills=["flying"]), 422, "skills.0"),
        (
            "register: grid of another community",
            "/v1/members",
            volunteer(s),
            member_body(grid="TN-CS-FQXC-G01"),
            422,
            "grid",
        ),
        (
            "register: another community",
            "/v1/members",
            volunteer(s),
            member_body(community=OTHER_COMMUNITY, grid="TN-CS-FQXC-G01"),
            403,
            "community",
        ),
        ("register: twice", "/v1/members", helper, member_body(), 409, "sub"),
        ("claim: not open", f"/v1/needs/{taken['id']}/claim", volunteer(s), {}, 403, "member"),
        ("claim: taken, by the claimant", f"/v1/needs/{taken['id']}/claim", helper, {}, 409, "status"),
        (
            "claim: a volunteer naming a unit",
            f"/v1/needs/{open_need['id']}/claim",
            helper,
            {"unit": "UNIT-A"},
            422,
            "unit",
        ),
        ("start: not the claimant", f"/v1/needs/{taken['id']}/start", volunteer(s), {}, 403, "claim"),
        (
            "done: photos not hashes",
            f"/v1/needs/{taken['id']}/done",
            helper,
            {"hours": 1, "photos": ["x.jpg"]},
            422,
            "photos.0",
        ),
        ("done: no hours", f"/v1/needs/{taken['id']}/done", helper, {"note": "ok"}, 422, "hours"),
        (
            "confirm: your own claim",
            f"/v1/needs/{self_need['id']}/confirm",
            staff(s, sub=helper_sub),
            {"satisfaction": "satisfied"},
            403,
            "claim",
        ),
        (
            "confirm: bad satisfaction",
            f"/v1/needs/{mine['id']}/confirm",
            staff(s),
            {"satisfaction": "thrilled"},
            422,
            "satisfaction",
        ),
        (
            "confirm: not done",
            f"/v1/needs/{taken['id']}/confirm",
            staff(s),
            {"satisfaction": "satisfied"},
            409,
            "status",
        ),
        (
            "confirm: another community",
            f"/v1/needs/{mine['id']}/confirm",
            staff(s, OTHER_COMMUNITY),
            {"satisfaction": "satisfied"},
            404,
            None,
        ),
        ("cancel: no reason", f"/v1/needs/{open_need['id']}/cancel", staff(s), {}, 422, "reason"),
        (
            "cancel: another community",
            f"/v1/needs/{open_need['id']}/cancel",
            staff(s, OTHER_COMMUNITY),
            {"reason": "x"},
            404,
            None,
        ),
        (
            "whistle: unknown category",
            f"/v1/needs/{open_need['id']}/whistle",
            staff(s),
            {"category": "NOPE", "description": "x"},
            422,
            "category",
        ),
        (
            "whistle: a volunteer",
            f"/v1/needs/{open_need['id']}/whistle",
            helper,
            {"category": "FAC-SEWER-BLOCKED", "description": "x"},
            403,
            None,
        ),
        (
            "claim: another community's volunteer",
            f"/v1/needs/{open_need['id']}/claim",
            volunteer(s, OTHER_COMMUNITY),
            {},
            404,
            None,
        ),
        (
            "member confirm: another community",
            f"/v1/members/{member_id}/confirm",
            staff(s, OTHER_COMMUNITY),
            {},
            404,
            None,
        ),
        ("member pause: another volunteer", f"/v1/members/{member_id}/pause", volunteer(s), {}, 404, None),
        (
            "token: a community that does not exist",
            "/v1/needs",
            token(s, "community_staff", community="NOWHERE"),
            need_body(),
            403,
            "community",
        ),
        ("extra field", "/v1/needs", staff(s), need_body(colour="red"), 422, "colour"),
    ]
    before = await _state(community)
    for name, path, headers, body, status, field in cases:
        response = await client.post(path, json=body, headers=keyed(headers))
        try:
            _problem(response, status, field)
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from error
    assert await _state(community) == before, "a refused request changed something"


async def test_another_communitys_people_see_nothing_of_this_one(community: RunningService) -> None:
    client, s = community.client, community.settings
    helper, member_id = await active_volunteer(client, s)
    need = await record_need(client, s)
    for outsider in (staff(s, OTHER_COMMUNITY), volunteer(s, OTHER_COMMUNITY)):
        assert (await client.get(f"/v1/needs/{need['id']}", headers=outsider)).status_code == 404
        listed = (await client.get("/v1/needs", headers=outsider)).json()["items"]
        assert need["id"] not in {n["id"] for n in listed}
        assert (await client.get(f"/v1/members/{member_id}", headers=outsider)).status_code == 404
        assert (await client.get(f"/v1/members/{member_id}/hours", headers=outsider)).status_code == 404
    other_staff_list = (await client.get("/v1/members", headers=staff(s, OTHER_COMMUNITY))).json()["items"]
    assert member_id not in {m["id"] for m in other_staff_list}
    own = (await client.get("/v1/members", headers=staff(s))).json()["items"]
    assert member_id in {m["id"] for m in own}
    # the member's phone: the member and staff, no other volunteer
    assert (await client.get(f"/v1/members/{member_id}", headers=helper)).json()["phone"] == "13912345678"
    assert (await client.get(f"/v1/members/{member_id}", headers=volunteer(s))).status_code == 404
    assert (await client.get("/v1/members", headers=helper)).status_code == 403
    # filters
    assert {n["id"] for n in (await client.get("/v1/needs?skill=errands", headers=helper)).json()["items"]} >= {
        need["id"]
    }
    assert need["id"] not in {
        n["id"] for n in (await client.get("/v1/needs?skill=legal", headers=helper)).json()["items"]
    }
    assert need["id"] not in {
        n["id"] for n in (await client.get("/v1/needs?status=claimed", headers=helper)).json()["items"]
    }
    assert need["id"] in {
        n["id"] for n in (await client.get("/v1/needs?kind=wish&grid=XY-WQ-WY-G01", headers=helper)).json()["items"]
    }


async def test_staff_list_the_party_members_behind_their_hours_target(community: RunningService) -> None:
    client, s = community.client, community.settings
    _, behind_id = await active_volunteer(client, s)
    listed = await client.get("/v1/members?behind=true", headers=staff(s))
    assert listed.status_code == 200, listed.text
    ids = {m["id"] for m in listed.json()["items"]}
    # (a member who registered today has 0 hours: behind unless the year has just begun)
    if datetime.now(UTC).timetuple().tm_yday > 8:
        assert behind_id in ids
    applied = await client.post("/v1/members", json=member_body(), headers=keyed(volunteer(s)))
    assert applied.json()["id"] not in ids  # not active: not counted
    assert {
        m["status"] for m in (await client.get("/v1/members?status=applied", headers=staff(s))).json()["items"]
    } == {"applied"}
