""" "Save as a rule" (issue 27 item 1) on a real database and broker: a dispatcher routes a case by hand and
proposes the rule "this 小类 in this community → these departments"; the change set waits for an admin
(a dispatcher cannot approve it); once approved, the next report of that 小类 in that community is routed
to those departments by itself. Bad input is refused naming the field, and nothing is stored."""

from __future__ import annotations

import time
import uuid
from typing import Any

from chuishao_shared.auth import mint_token
from support.db import count
from support.factories import bearer, worker_token
from support.system import ASSIST, System, case_of, dispatcher, file

CATEGORY = "ORDER-DOG"  # no rule covers it anywhere: its reports go to the dispatcher's triage
COMMUNITY = "XY-WQ-WY"
LEAD = "XY-CGJ"  # 襄垣县城管局 (the district's) leads, the residents' committee assists
RULE = "xy-wq-wy.order-dog"
STREET = "XY-WQ"


def admin(chuishao: System) -> dict[str, str]:
    return bearer(mint_token(chuishao.dispatch.settings, sub="admin-1", role="admin"))


def problem(answer: Any, status: int) -> dict[str, str]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    return {e["field"]: e["message"] for e in answer.json().get("errors", [])}


async def test_a_dispatcher_saves_a_hand_route_as_a_rule_an_admin_approves(chuishao: System) -> None:
    client = chuishao.dispatch.client
    desk = dispatcher(chuishao, STREET)
    token = worker_token(chuishao.intake.settings)
    report = await file(chuishao, token, category=CATEGORY, description="小区内有人饲养大型犬未拴绳")
    case = await case_of(chuishao, token, report["id"], "triage")
    assert case["community"] == COMMUNITY

    # Routed by hand first (the console does the same: route, then propose).
    routed = await client.post(
        f"/v1/cases/{case['id']}/route", json={"departments": [LEAD, ASSIST], "reason": "犬只扰民属城管职责"},
        headers={**desk, "Idempotency-Key": uuid.uuid4().hex},
    )  # fmt: skip
    assert routed.status_code == 200, routed.text
    assert routed.json()["status"] == "dispatched"

    path = f"/v1/cases/{case['id']}/rule-proposal"
    # Refusals name the field; nothing is stored.
    unknown = await client.post(path, json={"lead": "XY-NOBODY", "assist": [], "reason": "试"}, headers=desk)
    assert "XY-NOBODY" in problem(unknown, 422)["lead"]
    elsewhere = await client.post(path, json={"lead": LEAD, "assist": ["TN-CGJ"], "reason": "试"}, headers=desk)
    assert "TN-CGJ" in problem(elsewhere, 403)["assist.0"]
    twice = await client.post(path, json={"lead": LEAD, "assist": [LEAD], "reason": "试"}, headers=desk)
    assert "assist.0" in problem(twice, 422)
    no_reason = await client.post(path, json={"lead": LEAD, "assist": [], "reason": "  "}, headers=desk)
    assert "reason" in problem(no_reason, 422)
    other_district = bearer(mint_token(chuishao.dispatch.settings, sub="desk-tn", role="dispatcher", jurisdiction="TN"))
    not_theirs = await client.post(path, json={"lead": LEAD, "assist": [], "reason": "试"}, headers=other_district)
    assert not_theirs.status_code == 404, not_theirs.text
    as_admin = await client.post(path, json={"lead": LEAD, "assist": [], "reason": "试"}, headers=admin(chuishao))
    assert as_admin.status_code == 403
    assert await count(chuishao.dispatch.settings, "reference_changesets") == 0

    # The proposal: once, whatever the retries with its Idempotency-Key.
    body = {"lead": LEAD, "assist": [ASSIST], "reason": "五阳社区犬只扰民由城管牵头，居委会协助"}
    keyed = {**desk, "Idempotency-Key": uuid.uuid4().hex}
    proposed = await client.post(path, json=body, headers=keyed)
    assert proposed.status_code == 201, proposed.text
    again = await client.post(path, json=body, headers=keyed)
    assert again.status_code == 201 and again.json()["id"] == proposed.json()["id"]
    assert await count(chuishao.dispatch.settings, "reference_changesets") == 1
    changeset = proposed.json()
    assert (changeset["status"], changeset["author"], changeset["base_version"]) == ("proposed", "dispatcher-1", 1)
    assert changeset["reason"] == body["reason"]
    ((change,),) = [changeset["diff"]]
    assert (change["document"], change["entry"], change["change"]) == ("routing_rules", RULE, "added")
    assert change["value"] == {"id": RULE, "category": CATEGORY, "scope": COMMUNITY, "lead": LEAD, "assist": [ASSIST]}

    # It waits for an admin: listed as proposed; a dispatcher can neither read the list nor approve.
    listed = (await client.get("/v1/reference/changesets", headers=admin(chuishao))).json()["items"]
    assert [(c["id"], c["status"]) for c in listed] == [(changeset["id"], "proposed")]
    approve = f"/v1/reference/changesets/{changeset['id']}/approve"
    assert (await client.post(approve, json={}, headers=desk)).status_code == 403
    assert (await client.get("/v1/reference/changesets", headers=desk)).status_code == 403
    same_again = await client.post(path, json=body, headers=desk)  # a second proposal is another change set
    assert same_again.status_code == 201

    # The admin approves; the next dog report in 五阳 is routed to the chosen departments by itself.
    approved = await client.post(approve, json={}, headers=admin(chuishao))
    assert approved.status_code == 200, approved.text
    assert approved.json()["version"] == 2 and approved.json()["rule_version"] == 2
    started = time.monotonic()
    second = await file(chuishao, token, category=CATEGORY, description="楼下有狗整夜吠叫")
    routed_by_rule = await case_of(chuishao, token, second["id"], "dispatched")
    assert time.monotonic() - started < 5
    assert routed_by_rule["rule_id"] == RULE and routed_by_rule["rule_version"] == 2
    assert [(a["department"], a["role"]) for a in routed_by_rule["assignments"]] == [(LEAD, "lead"), (ASSIST, "assist")]

    # Now the rule is in force: proposing the same routing again says so; the other proposal is stale.
    same = await client.post(path, json=body, headers=desk)
    assert "already routes" in problem(same, 422)["lead"]
    stale = (await client.get(f"/v1/reference/changesets/{same_again.json()['id']}", headers=admin(chuishao))).json()
    assert stale["stale"] is True

    # Audited with the dispatcher as the author and the case it came from.
    trail = (await client.get("/v1/reference/audit", headers=admin(chuishao))).json()["items"]
    proposal = next(a for a in trail if a["changeset_id"] == changeset["id"] and a["action"] == "rule proposed")
    assert proposal["actor"] == "dispatcher-1"
    assert proposal["detail"]["case_id"] == case["id"] and proposal["detail"]["rule"] == RULE


async def test_a_rule_for_the_same_category_and_community_is_changed_not_doubled(chuishao: System) -> None:
    """楼道卫生 in 五阳 has its own rule: a proposal from such a case changes that rule (its id kept)."""
    client = chuishao.dispatch.client
    token = worker_token(chuishao.intake.settings)
    case = await case_of(chuishao, token, (await file(chuishao, token))["id"], "dispatched")
    answer = await client.post(
        f"/v1/cases/{case['id']}/rule-proposal", json={"lead": ASSIST, "assist": [], "reason": "居委会牵头"},
        headers=dispatcher(chuishao, STREET),
    )  # fmt: skip
    assert answer.status_code == 201, answer.text
    ((change,),) = [answer.json()["diff"]]
    assert (change["entry"], change["change"]) == ("xy-wq-wy.env-stairwell-dirty", "changed")
    assert change["fields"]["lead"] == {"from": "XY-WQ-WY-WY", "to": ASSIST}
    assert change["fields"]["assist"] == {"from": [ASSIST], "to": []}
