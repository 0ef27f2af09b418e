"""The demo rosters (make run): every department and street or district desk has one, each layer is
what the roster API takes, and a department is covered around the clock on weekdays and weekends."""

from __future__ import annotations

from datetime import datetime, timedelta

from chuishao_notify.domain.rosters import SHANGHAI, Layer, Roster, level_timeline, validate_layer
from chuishao_notify.roster_schemas import LayerWrite, PersonWrite
from chuishao_shared.demo_rosters import demo_roster_bodies
from chuishao_shared.reference import load_reference


def test_every_department_and_desk_has_a_roster_the_api_takes_with_no_gap_in_a_week() -> None:
    ref = load_reference()
    rosters = demo_roster_bodies(ref)
    assert set(ref.departments) <= set(rosters)
    assert {j.code for j in ref.jurisdictions.values() if j.level in ("street", "district")} <= set(rosters)
    monday = datetime(2026, 12, 7, 0, 0, tzinfo=SHANGHAI)
    for owner, roster in rosters.items():
        layers = []
        for i, body in enumerate(roster["layers"]):
            w = LayerWrite(**body)
            layer = Layer(
                f"{owner}-{i}",
                w.level,
                w.name,
                w.rrule,
                w.starts,
                timedelta(minutes=w.shift_minutes),
                tuple(w.members),
                w.starts,
            )
            validate_layer(layer)
            layers.append(layer)
        for person in roster["people"].values():
            PersonWrite(**person)
        assert {m for layer in layers for m in layer.members} <= set(roster["people"])
        week = level_timeline(Roster(owner, layers), 1, monday, monday + timedelta(days=7))
        assert [s for s in week if s.gap] == [], owner


def test_every_department_has_a_demo_escalation_policy_the_api_takes_whose_head_is_on_its_roster() -> None:
    from chuishao_notify.domain.escalation import Policy, steps_from, validate_policy
    from chuishao_notify.escalation_schemas import PolicyWrite
    from chuishao_shared.demo_rosters import demo_policy_bodies

    ref = load_reference()
    rosters, policies = demo_roster_bodies(ref), demo_policy_bodies(ref)
    assert set(policies) == set(ref.departments)
    for owner, body in policies.items():
        w = PolicyWrite(**body)
        steps = steps_from([s.model_dump() for s in w.steps])
        validate_policy(Policy(owner, 1, steps, w.repeats, w.head))
        assert w.head in rosters[owner]["people"]
