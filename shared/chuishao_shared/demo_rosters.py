"""Demo duty rosters (值班表) for `make run`: every department gets a working-hours layer (its demo
liaison and a colleague, weekdays 08:30–17:30) and a nights-and-weekends layer (two duty officers in
turn, 17:30 to 08:30 the next morning, and the weekends' days), Asia/Shanghai; every duty desk (street and district) a
round-the-clock desk layer. Made up people: names and 170-prefixed mobiles (a range for virtual
operators, not a real person's). Posted through notify's roster API, once (skipped when a roster has
layers already).

Every department also gets a demo escalation policy (issue 25): its person on duty at once; after 15
minutes level 2 (the demo rosters have none: a gap, skipped straight on); then the department head;
after 15 more minutes the duty desk; then once more from the top."""

from __future__ import annotations

from typing import Any

import httpx

from chuishao_shared.reference import ReferenceData, load_reference

STARTS = "2026-01-05"  # a Monday


def demo_roster_bodies(ref: ReferenceData) -> dict[str, dict[str, Any]]:
    """owner → {"layers": [...], "people": {member: {name, mobile}}}."""
    rosters: dict[str, dict[str, Any]] = {}
    for i, code in enumerate(sorted(ref.departments)):
        liaison, colleague = f"demo-liaison-{code}", f"demo-duty-{code}-2"
        night_a, night_b = f"demo-duty-{code}-n1", f"demo-duty-{code}-n2"
        rosters[code] = {
            "layers": [
                {
                    "level": 1,
                    "name": "工作日白班",
                    "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                    "starts": f"{STARTS}T08:30:00+08:00",
                    "shift_minutes": 540,
                    "members": [liaison, colleague],
                },
                {
                    "level": 1,
                    "name": "夜间及周末",
                    "rrule": "FREQ=DAILY",
                    "starts": f"{STARTS}T17:30:00+08:00",
                    "shift_minutes": 900,
                    "members": [night_a, night_b],
                },
                {
                    "level": 1,
                    "name": "周末白天",
                    "rrule": "FREQ=WEEKLY;BYDAY=SA,SU",
                    "starts": "2026-01-10T08:30:00+08:00",
                    "shift_minutes": 540,
                    "members": [night_a, night_b],
                },
            ],
            "people": {
                liaison: {"name": "联络员", "mobile": f"1700000{i:04d}"},
                colleague: {"name": "值班员甲", "mobile": f"1700001{i:04d}"},
                night_a: {"name": "夜班员乙", "mobile": f"1700002{i:04d}"},
                night_b: {"name": "夜班员丙", "mobile": f"1700003{i:04d}"},
                f"demo-head-{code}": {"name": "部门负责人", "mobile": f"1700006{i:04d}"},
            },
        }
    desks = [j for j in ref.jurisdictions.values() if j.level in ("street", "district")]
    for i, desk in enumerate(sorted(desks, key=lambda j: j.code)):
        a, b = f"demo-desk-{desk.code}-1", f"demo-desk-{desk.code}-2"
        rosters[desk.code] = {
            "layers": [
                {
                    "level": 1,
                    "name": "值班长",
                    "rrule": "FREQ=DAILY",
                    "starts": f"{STARTS}T08:00:00+08:00",
                    "shift_minutes": 1440,
                    "members": [a, b],
                }
            ],
            "people": {
                a: {"name": "值班长甲", "mobile": f"1700004{i:04d}"},
                b: {"name": "值班长乙", "mobile": f"1700005{i:04d}"},
            },
        }
    return rosters


def demo_policy_bodies(ref: ReferenceData) -> dict[str, dict[str, Any]]:
    """department → the body of `PUT /v1/escalation-policies/{department}`."""
    return {
        code: {
            "steps": [
                {"kind": "level", "level": 1, "wait_minutes": 15},
                {"kind": "level", "level": 2, "wait_minutes": 15},
                {"kind": "head", "wait_minutes": 15},
                {"kind": "desk", "wait_minutes": 30},
            ],
            "repeats": 1,
            "head": f"demo-head-{code}",
            "reason": "demo policy",
        }
        for code in sorted(ref.departments)
    }


def seed_demo_rosters(notify_url: str, admin_token: str, ref: ReferenceData | None = None) -> int:
    """Posts the demo rosters; returns how many rosters it made (0 when they are there already)."""
    headers = {"Authorization": f"Bearer {admin_token}"}
    made = 0
    ref = ref or load_reference()
    with httpx.Client(base_url=notify_url, headers=headers, timeout=10) as client:
        for owner, policy in demo_policy_bodies(ref).items():
            if client.get(f"/v1/escalation-policies/{owner}").json().get("default"):
                client.put(f"/v1/escalation-policies/{owner}", json=policy).raise_for_status()
        for owner, roster in demo_roster_bodies(ref).items():
            if client.get(f"/v1/rosters/{owner}").json().get("layers"):
                continue
            for member, person in roster["people"].items():
                client.put(f"/v1/rosters/{owner}/people/{member}", json=person).raise_for_status()
            for layer in roster["layers"]:
                client.post(f"/v1/rosters/{owner}/layers", json=layer).raise_for_status()
            made += 1
    return made
