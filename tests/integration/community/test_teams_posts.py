"""Teams (志愿服务队) and posts (志愿服务岗位) over the API on real PostgreSQL: formed by staff, members added
and ended with the history kept, a post held within its seats and handed over; another community's staff
get 404; every bad input a problem naming the field that changes nothing; no name on team.*/post.*."""

from __future__ import annotations

from typing import Any

import asyncpg

from chuishao_shared.settings import Settings
from support.community import OTHER_COMMUNITY, active_volunteer, keyed, staff
from support.services import RunningService

NAMES = ("张三", "13800001111")


async def post(service: RunningService, path: str, body: dict[str, Any], **who: Any) -> Any:
    return await service.client.post(path, json=body, headers=keyed(staff(service.settings, **who)))


async def _events(settings: Settings) -> list[str]:
    conn = await asyncpg.connect(settings.asyncpg_dsn)
    try:
        rows = await conn.fetch("SELECT convert_from(payload, 'UTF8') AS p FROM outbox")
    finally:
        await conn.close()
    return [r["p"] for r in rows if "team." in r["p"] or "post." in r["p"]]


async def test_teams_and_posts_keep_their_history(community: RunningService) -> None:
    s, client = community.settings, community.client
    _, alice = await active_volunteer(client, s)
    _, bob = await active_volunteer(client, s)

    made = await post(community, "/v1/teams", {"name": "五阳红马甲志愿服务队", "kind": "red_vest"})
    assert made.status_code == 201, made.text
    team = made.json()
    assert team["kind_name"] == "红马甲" and made.headers["location"] == f"/v1/teams/{team['id']}"
    joined = await post(community, f"/v1/teams/{team['id']}/members", {"member": alice, "role": "leader"})
    assert joined.status_code == 201, joined.text
    membership = joined.json()["members"][0]
    again = await post(community, f"/v1/teams/{team['id']}/members", {"member": alice})
    assert again.status_code == 409, again.text
    ended = await post(community, f"/v1/teams/{team['id']}/members/{membership['id']}/end", {"reason": "调离"})
    assert ended.status_code == 200 and ended.json()["member_count"] == 0
    assert ended.json()["members"][0]["end_date"] is not None  # kept, with its end
    listed = await client.get("/v1/teams", headers=staff(s))
    assert team["id"] in [t["id"] for t in listed.json()["items"]]

    duty = await post(
        community, "/v1/posts", {"name": "楼栋长", "seats": 1, "team_id": team["id"], "building": "7号楼"}
    )
    assert duty.status_code == 201, duty.text
    post_id = duty.json()["id"]
    held = await post(community, f"/v1/posts/{post_id}/holders", {"member": alice})
    assert held.status_code == 201, held.text
    full = await post(community, f"/v1/posts/{post_id}/holders", {"member": bob})
    assert full.status_code == 409, full.text
    holding = held.json()["holders"][0]["id"]
    assert (await post(community, f"/v1/posts/{post_id}/holders/{holding}/end", {})).status_code == 200
    handed = await post(community, f"/v1/posts/{post_id}/holders", {"member": bob})
    assert handed.status_code == 201, handed.text
    history = (await client.get(f"/v1/posts/{post_id}", headers=staff(s))).json()["holders"]
    assert [(h["member_id"], h["current"]) for h in history] == [(alice, False), (bob, True)]

    # Another community's staff: 404; a volunteer: 403.
    assert (await client.get(f"/v1/posts/{post_id}", headers=staff(s, OTHER_COMMUNITY))).status_code == 404
    other = await post(community, f"/v1/teams/{team['id']}/members", {"member": bob}, community=OTHER_COMMUNITY)
    assert other.status_code == 404
    # Bad input names the field and changes nothing.
    for path, body, field in (
        ("/v1/teams", {"name": "x", "kind": "blue_hat"}, "kind"),
        ("/v1/posts", {"name": "x", "seats": 0}, "seats"),
        ("/v1/posts", {"name": "x", "grid": "TN-CS-FQXC-G01"}, "grid"),
        (f"/v1/posts/{post_id}/holders", {"member": "nobody"}, "member"),
        (f"/v1/teams/{team['id']}/members", {"member": bob, "start_date": "2999-01-01"}, "start_date"),
        (f"/v1/teams/{team['id']}/members/{membership['id']}/end", {}, "status"),
    ):
        refused = await post(community, path, body)
        assert refused.status_code in (409, 422), (path, refused.text)
        assert field in str(refused.json()["errors"][0]["field"]), (path, refused.text)
    after = (await client.get(f"/v1/teams/{team['id']}", headers=staff(s))).json()
    assert len(after["members"]) == 1

    events = await _events(s)
    assert any("team.member_ended" in e for e in events) and any("post.holder_added" in e for e in events)
    assert not [e for e in events if any(n in e for n in NAMES) or "五阳红马甲" in e or "楼栋长" in e]
