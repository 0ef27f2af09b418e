"""What each case command does beyond the status it lands in: assignments, deadlines, counts, data."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

import pytest

from chuishao_dispatch.domain import (
    Actor,
    Case,
    IllegalTransition,
    InvalidCommand,
    NotAllowed,
    NotAssigned,
    RoutingDecision,
    SlaTerms,
    WorkCalendar,
)
from chuishao_shared.events.types import EventType
from chuishao_shared.times import utc_iso

if TYPE_CHECKING:
    from conftest import Builder

NEXT = RoutingDecision("R20", 3, "HOUSING", ("PROPERTY",), "规则 R20 (v3)")


def types(events: list) -> list[str]:
    return [e.type for e in events]


def statuses(case: Case) -> dict[str, tuple[str, str]]:
    return {a.department: (a.role, a.status) for a in case.assignments if a.status != "returned"}


# ----------------------------------------------------------------------------------------- open


def test_open_with_a_decision_dispatches_lead_and_assists(build: Builder) -> None:
    case = build.open()
    assert types(build.events) == [EventType.CASE_OPENED, EventType.CASE_DISPATCHED]
    assert case.status == "dispatched" and case.version == 1
    assert statuses(case) == {
        "WATER": ("lead", "pending"),
        "PROPERTY": ("assist", "pending"),
        "CITYMGMT": ("assist", "pending"),
    }
    assert {a.ack_due_at for a in case.assignments} == {build.at(60)}
    assert case.resolve_due_at == build.at(24 * 60)
    assert (case.rule_id, case.rule_version, case.routing_explanation) == ("R12", 3, "规则 R12 (v3)")
    assert case.report_ids == ["RPT-1"] and case.whistle_count == 1
    dispatched = build.events[1].data
    assert dispatched["departments"] == ["WATER", "PROPERTY", "CITYMGMT"]
    assert dispatched["rule_id"] == "R12" and dispatched["case"]["status"] == "dispatched"
    assert [t.type for t in case.timeline] == types(build.events)
    build.assert_json_ready(build.events)


def test_open_without_a_decision_waits_in_triage(build: Builder) -> None:
    case = build.open(None)
    assert types(build.events) == [EventType.CASE_OPENED, EventType.CASE_TRIAGED]
    assert build.events[1].data["reason"] == "no_rule_matched"
    assert case.status == "triage" and case.assignments == [] and case.resolve_due_at is None


def test_open_handled_on_site_closes_at_once(build: Builder) -> None:
    case = build.open(handled=True)
    assert types(build.events) == [EventType.CASE_OPENED, EventType.CASE_CLOSED]
    assert build.events[0].data["handled_on_site"] is True
    assert build.events[1].data["resolution"] == "handled_on_site"
    assert (case.status, case.resolution, case.closed_at) == ("closed", "handled_on_site", build.t0)
    assert case.assignments == [] and case.next_timer_at() is None


def test_open_on_the_working_hours_clock(build: Builder) -> None:
    calendar = WorkCalendar("Asia/Shanghai", time(9), time(17, 30), frozenset(range(5)), frozenset())
    sla = SlaTerms(60, 8 * 60, "working_hours", calendar)
    friday_5pm = datetime(2024, 5, 10, 9, 0, tzinfo=UTC)  # 17:00 in Beijing
    case = build.open(sla=sla, at=friday_5pm)
    monday = datetime(2024, 5, 13, 1, 0, tzinfo=UTC)  # 09:00 in Beijing
    assert case.assignments[0].ack_due_at == monday + timedelta(minutes=30)
    assert case.resolve_due_at == monday + timedelta(hours=7, minutes=30)


def test_open_refuses_a_naive_instant(build: Builder) -> None:
    with pytest.raises(InvalidCommand) as refused:
        Case.open("C", build.facts(), None, build.sla, build.system, datetime(2024, 5, 6, 9))
    assert refused.value.field == "at"


# ---------------------------------------------------------------------------------- add_report


def test_a_duplicate_report_raises_the_whistle_count(build: Builder) -> None:
    case = build.open()
    events = case.add_report("RPT-7", build.system, build.at(3))
    assert types(events) == [EventType.CASE_MERGED]
    assert {k: events[0].data[k] for k in ("report_id", "whistle_count")} == {
        "report_id": "RPT-7",
        "whistle_count": 2,
    }
    assert case.report_ids == ["RPT-1", "RPT-7"] and case.whistle_count == 2
    with pytest.raises(InvalidCommand):
        case.add_report("RPT-7", build.system, build.at(4))
    with pytest.raises(NotAllowed):
        case.add_report("RPT-8", build.liaison("WATER"), build.at(4))


# --------------------------------------------------------------------------------- acknowledge


def test_lead_acknowledgement_moves_the_case_and_reports_lateness(build: Builder) -> None:
    case = build.open()
    events = case.acknowledge(build.liaison("PROPERTY"), build.at(30))
    assert case.status == "dispatched"  # an assist reporting in does not move the case
    assert events[0].data["late"] is False and events[0].data["department"] == "PROPERTY"
    events = case.acknowledge(build.liaison("WATER"), build.at(61))
    assert case.status == "acknowledged"
    assert events[0].data["late"] is True
    assert case.assignment_of("WATER").acknowledged_at == build.at(61)  # type: ignore[union-attr]


def test_acknowledge_at_the_deadline_is_on_time(build: Builder) -> None:
    case = build.open()
    assert case.acknowledge(build.liaison("WATER"), build.at(60))[0].data["late"] is False


def test_acknowledging_twice_is_refused(build: Builder) -> None:
    case = build.case_in("acknowledged")
    with pytest.raises(IllegalTransition, match="already acknowledged"):
        case.acknowledge(build.liaison("WATER"), build.at(50))


@pytest.mark.parametrize(
    ("actor", "department"),
    [
        (Actor("l-x", "liaison", "FIRE"), "FIRE"),  # a department with no assignment
        (Actor("l-x", "liaison", None), None),  # a liaison of no department
        (Actor("d-1", "dispatcher", None), None),  # not a liaison at all
        (Actor("gw", "grid_worker", None), None),
    ],
)
def test_only_an_assigned_department_acts_on_its_assignment(
    build: Builder, actor: Actor, department: str | None
) -> None:
    case = build.open()
    for command in (
        lambda: case.acknowledge(actor, build.at(5)),
        lambda: case.return_(actor, build.at(5), "不归我管"),
        lambda: case.request_extension(actor, build.at(5), build.at(3000), "需要时间"),
    ):
        with pytest.raises(NotAssigned) as refused:
            command()
        assert refused.value.department == department


def test_not_allowed_is_a_not_assigned_naming_the_role(build: Builder) -> None:
    case = build.open()
    with pytest.raises(NotAllowed, match="role 'dispatcher' may not acknowledge"):
        case.acknowledge(build.dispatcher, build.at(5))


# ---------------------------------------------------------------------------- progress/resolve


def test_progress_needs_an_acknowledgement_and_a_note(build: Builder) -> None:
    case = build.open()
    with pytest.raises(IllegalTransition, match="has not acknowledged"):
        case.progress(build.liaison("WATER"), build.at(5), "处理中")
    case.acknowledge(build.liaison("WATER"), build.at(6))
    with pytest.raises(InvalidCommand) as refused:
        case.progress(build.liaison("WATER"), build.at(7), "  ")
    assert refused.value.field == "note"
    with pytest.raises(InvalidCommand) as refused:
        case.progress(build.liaison("WATER"), build.at(7), "处理中", [f"https://i/{n}.jpg" for n in range(10)])
    assert refused.value.field == "photos"
    events = case.progress(build.liaison("WATER"), build.at(8), "处理中", ["https://i/1.jpg"])
    assert case.status == "in_progress" and statuses(case)["WATER"] == ("lead", "in_progress")
    assert events[0].data["done"] is False and events[0].data["note"] == "处理中"


def test_events_carry_the_actor_and_mask_personal_data_the_audit_trail_keeps(build: Builder) -> None:
    case = build.case_in("in_progress")
    note = "已联系住户（13912345678，zhang.san@example.cn，身份证11010119900307803X）"
    events = case.progress(build.liaison("WATER"), build.at(95), note)
    data = events[0].data
    assert data["note"] == "已联系住户（＊＊＊，＊＊＊，身份证＊＊＊）"
    assert data["actor"] == {"role": "liaison", "subject": build.liaison("WATER").sub, "department": "WATER"}
    assert data["actor_role"] == "liaison"
    assert case.timeline[-1].note == note  # the audit trail (dispatch's own table) keeps it as typed
    reasons = case.whistle(build.dispatcher, build.at(96), ["FIRE"], "请联系 0351-1234567")
    assert reasons[0].data["reason"] == reasons[0].data["note"] == "请联系 ＊＊＊"


def test_the_lead_resolves_the_case_for_everyone(build: Builder) -> None:
    case = build.case_in("in_progress")
    events = case.resolve(build.liaison("WATER"), build.at(90), "疏通完毕", ["https://i/after.jpg"])
    assert types(events) == [EventType.CASE_RESOLVED]
    data = events[0].data
    assert (data["department"], data["on_time"]) == ("WATER", True)
    assert data["also_done"] == ["PROPERTY"] and data["never_acknowledged"] == ["CITYMGMT"]
    # an assist that never acknowledged is not marked done: it stays 待签收, its lateness its own
    assert statuses(case) == {
        "WATER": ("lead", "done"),
        "PROPERTY": ("assist", "done"),
        "CITYMGMT": ("assist", "pending"),
    }
    assert case.resolved_at == build.at(90) and case.status == "resolved"


def test_a_late_resolution_is_not_on_time(build: Builder) -> None:
    case = build.case_in("acknowledged")
    events = case.resolve(build.liaison("WATER"), build.at(24 * 60 + 1), "办结", ["https://i/after.jpg"])
    assert events[0].data["on_time"] is False


def test_an_assist_resolving_only_finishes_its_part(build: Builder) -> None:
    case = build.case_in("acknowledged")
    events = case.resolve(build.liaison("PROPERTY"), build.at(50), "物业已配合清理", no_photo_reason="unsafe")
    assert types(events) == [EventType.CASE_PROGRESSED]
    assert events[0].data["done"] is True and events[0].data["department"] == "PROPERTY"
    assert case.status == "acknowledged" and statuses(case)["PROPERTY"] == ("assist", "done")
    with pytest.raises(IllegalTransition, match="already done"):
        case.progress(build.liaison("PROPERTY"), build.at(51), "又来了")


def test_a_resolve_needs_a_photo_or_a_listed_reason_for_none(build: Builder) -> None:
    case = build.case_in("acknowledged")
    for photos, reason, field in (([], None, "photos"), ([], "太忙了", "no_photo_reason")):
        with pytest.raises(InvalidCommand) as refused:
            case.resolve(build.liaison("WATER"), build.at(50), "办结", photos, reason)
        assert refused.value.field == field
    assert case.status == "acknowledged" and case.resolved_at is None
    events = case.resolve(build.liaison("WATER"), build.at(50), "已调解", no_photo_reason="nothing_visible")
    assert events[0].data["no_photo_reason"] == "nothing_visible" and events[0].data["photos"] == []


# -------------------------------------------------------------------------------------- return


def test_a_lead_return_goes_to_the_next_rule_candidate(build: Builder) -> None:
    case = build.case_in("acknowledged")
    events = case.return_(build.liaison("WATER"), build.at(100), "属房管职责", NEXT)
    assert types(events) == [EventType.CASE_RETURNED, EventType.CASE_DISPATCHED]
    assert {k: events[0].data[k] for k in ("department", "reason", "next_lead")} == {
        "department": "WATER",
        "reason": "属房管职责",
        "next_lead": "HOUSING",
    }
    water = case.assignments[0]
    assert (water.status, water.returned_reason) == ("returned", "属房管职责")
    assert case.status == "dispatched" and case.lead.department == "HOUSING"  # type: ignore[union-attr]
    assert case.lead.ack_due_at == build.at(160)  # type: ignore[union-attr]  # a fresh deadline
    assert case.resolve_due_at == build.at(24 * 60)  # the resolve clock keeps running
    # PROPERTY was already assisting (acknowledged): it is not assigned twice
    assert statuses(case) == {
        "HOUSING": ("lead", "pending"),
        "PROPERTY": ("assist", "acknowledged"),
        "CITYMGMT": ("assist", "pending"),
    }
    assert (case.rule_id, case.routing_explanation) == ("R20", "规则 R20 (v3)")
    assert case.returned_departments() == ["WATER"]


def test_a_lead_return_without_candidate_goes_to_triage(build: Builder) -> None:
    case = build.open()
    events = case.return_(build.liaison("WATER"), build.at(10), "非本部门职责")
    assert types(events) == [EventType.CASE_RETURNED, EventType.CASE_TRIAGED]
    assert events[0].data["next_lead"] is None and events[1].data["reason"] == "lead_returned"
    assert case.status == "triage" and case.lead is None
    # Back in triage the dispatcher's clock runs: the triage deadline (60 min in the Builder's SLA).
    assert case.triage_due_at == build.at(70) and case.next_timer_at() == build.at(70)
    assert events[1].data["triage_due_at"] == utc_iso(build.at(70))


def test_the_next_lead_may_be_a_department_already_assisting(build: Builder) -> None:
    case = build.open()
    promote = RoutingDecision("R30", 3, "PROPERTY", ("CITYMGMT",), "规则 R30 (v3)")
    case.return_(build.liaison("WATER"), build.at(10), "物业管辖", promote)
    assert statuses(case) == {"PROPERTY": ("lead", "pending"), "CITYMGMT": ("assist", "pending")}
    case.acknowledge(build.liaison("PROPERTY"), build.at(11))
    assert case.status == "acknowledged"


def test_an_assist_return_only_marks_its_assignment(build: Builder) -> None:
    case = build.case_in("in_progress")
    events = case.return_(build.liaison("CITYMGMT"), build.at(30), "无需城管")
    assert types(events) == [EventType.CASE_RETURNED] and events[0].data["next_lead"] is None
    assert case.status == "in_progress" and "CITYMGMT" not in case.departments_active()
    with pytest.raises(InvalidCommand) as refused:
        case.return_(build.liaison("PROPERTY"), build.at(31), "无需物业", NEXT)
    assert refused.value.field == "next_decision"


def test_a_return_needs_a_reason_and_an_unstarted_assignment(build: Builder) -> None:
    case = build.case_in("in_progress")
    with pytest.raises(InvalidCommand) as refused:
        case.return_(build.liaison("PROPERTY"), build.at(30), "")
    assert refused.value.field == "reason"
    with pytest.raises(IllegalTransition, match="only a pending or acknowledged"):
        case.return_(build.liaison("WATER"), build.at(30), "做不了")
    same_lead = RoutingDecision("R21", 3, "WATER", (), "规则 R21 (v3)")
    with pytest.raises(InvalidCommand, match="returning department"):
        build.open(case_id="C-2").return_(build.liaison("WATER"), build.at(5), "x", same_lead)


# --------------------------------------------------------------------------------------- route


def test_a_dispatcher_routes_a_triaged_case(build: Builder) -> None:
    case = build.open(None)
    events = case.route(build.dispatcher, build.at(20), ["HOUSING", "PROPERTY"], "人工研判")
    assert types(events) == [EventType.CASE_DISPATCHED]
    assert events[0].data["routed_by"] == "dispatcher" and events[0].data["reason"] == "人工研判"
    assert statuses(case) == {"HOUSING": ("lead", "pending"), "PROPERTY": ("assist", "pending")}
    assert case.resolve_due_at == build.at(20 + 24 * 60)
    assert case.rule_id is None and "人工研判" in (case.routing_explanation or "")


def test_a_dispatcher_overrides_the_automatic_next_candidate(build: Builder) -> None:
    case = build.open()
    case.return_(build.liaison("WATER"), build.at(10), "非本部门职责", NEXT)
    case.route(build.dispatcher, build.at(20), ["GAS"], "燃气问题")
    housing = next(a for a in case.assignments if a.department == "HOUSING")
    assert housing.status == "returned" and "superseded" in (housing.returned_reason or "")
    assert case.lead.department == "GAS" and case.status == "dispatched"  # type: ignore[union-attr]


def test_route_on_a_normally_dispatched_case_is_refused(build: Builder) -> None:
    case = build.open()
    with pytest.raises(IllegalTransition, match="whistle"):
        case.route(build.dispatcher, build.at(20), ["GAS"], "改派")


@pytest.mark.parametrize(
    ("departments", "field"),
    [([], "departments"), (["A", "A"], "departments"), ("A", "departments"), ([""], "departments")],
)
def test_route_validates_its_departments(build: Builder, departments: object, field: str) -> None:
    case = build.open(None)
    with pytest.raises(InvalidCommand) as refused:
        case.route(build.dispatcher, build.at(20), departments, "人工")  # type: ignore[arg-type]
    assert refused.value.field == field


def test_only_a_dispatcher_routes(build: Builder) -> None:
    with pytest.raises(NotAllowed):
        build.open(None).route(build.liaison("WATER"), build.at(20), ["WATER"], "我来")


# ------------------------------------------------------------------------------------- whistle


def test_a_whistle_summons_new_departments(build: Builder) -> None:
    case = build.case_in("in_progress")
    events = case.whistle(build.dispatcher, build.at(40), ["POLICE", "PROPERTY"], "需派出所协同")
    assert types(events) == [EventType.CASE_WHISTLED]
    assert events[0].data["departments"] == ["POLICE"] and events[0].data["whistle_count"] == 2
    assert statuses(case)["POLICE"] == ("assist", "pending")
    assert case.assignment_of("POLICE").ack_due_at == build.at(100)  # type: ignore[union-attr]
    with pytest.raises(InvalidCommand):
        case.whistle(build.dispatcher, build.at(41), ["POLICE", "WATER"], "再吹")


# ---------------------------------------------------------------------------------- extensions


def test_an_approved_extension_moves_the_resolve_deadline(build: Builder) -> None:
    case = build.case_in("in_progress")
    until = build.at(3 * 24 * 60)
    with pytest.raises(InvalidCommand) as refused:
        case.request_extension(build.liaison("WATER"), build.at(50), build.at(60), "需更换管道")
    assert refused.value.field == "until"
    with pytest.raises(IllegalTransition, match="no extension"):
        case.approve_extension(build.dispatcher, build.at(50))
    events = case.request_extension(build.liaison("WATER"), build.at(50), until, "需更换管道")
    assert types(events) == [EventType.CASE_EXTENDED]
    assert events[0].data["requested"] is True and events[0].data["approved"] is False
    assert case.timeline[-1].type == EventType.CASE_EXTENDED and case.timeline[-1].data["requested"] is True
    assert case.resolve_due_at == build.at(24 * 60)  # not before approval
    with pytest.raises(NotAllowed):
        case.approve_extension(build.liaison("WATER"), build.at(55))
    events = case.approve_extension(build.dispatcher, build.at(60))
    assert events[0].data["approved"] is True and events[0].data["until"] == utc_iso(until)
    assert case.resolve_due_at == until and case.pending_extension is None


def test_a_rejected_extension_leaves_the_deadline(build: Builder) -> None:
    case = build.case_in("acknowledged")
    case.request_extension(build.liaison("PROPERTY"), build.at(50), build.at(2 * 24 * 60), "等材料")
    events = case.reject_extension(build.dispatcher, build.at(60), "今日可完成")
    assert events[0].data["approved"] is False and events[0].data["rejected"] is True
    assert case.resolve_due_at == build.at(24 * 60) and case.pending_extension is None


# ----------------------------------------------------------------------------- verify/feedback


def test_verification_failure_sends_the_case_back_to_the_same_departments(build: Builder) -> None:
    case = build.case_in("resolved")
    events = case.verify(build.worker, build.at(120), False, "仍有积水")
    assert types(events) == [EventType.CASE_REOPENED]
    assert events[0].data["rework_count"] == 1
    assert case.status == "reopened" and case.rework_count == 1 and case.resolved_at is None
    assert statuses(case) == {
        "WATER": ("lead", "pending"),
        "PROPERTY": ("assist", "pending"),
        "CITYMGMT": ("assist", "pending"),
    }
    assert {a.ack_due_at for a in case.assignments} == {build.at(180)}
    assert {a.acknowledged_at for a in case.assignments} == {None}
    assert case.resolve_due_at == build.at(120 + 24 * 60)
    # the rework round
    case.acknowledge(build.liaison("WATER"), build.at(130))
    case.resolve(build.liaison("WATER"), build.at(200), "已彻底疏通", ["https://i/after.jpg"])
    closing = case.verify(build.worker, build.at(240), True, "确认通畅")
    assert types(closing) == [EventType.CASE_CLOSED] and closing[0].data["resolution"] == "fixed"
    assert (case.status, case.resolution, case.rework_count) == ("closed", "fixed", 1)


def test_verify_wants_a_boolean_result(build: Builder) -> None:
    with pytest.raises(InvalidCommand):
        build.case_in("resolved").verify(build.worker, build.at(120), "yes", "")  # type: ignore[arg-type]


def test_feedback_is_a_timeline_entry_without_case_event(build: Builder) -> None:
    case = build.case_in("closed")
    version = case.version
    assert case.record_feedback(build.worker, build.at(300), "basically_satisfied", "还可以") == []
    assert case.feedback is not None and case.feedback.satisfaction == "basically_satisfied"
    assert case.timeline[-1].type == "case.feedback" and case.version == version + 1
    with pytest.raises(InvalidCommand) as refused:
        case.record_feedback(build.worker, build.at(301), "满意")
    assert refused.value.field == "satisfaction"


# ------------------------------------------------------------------------------ merge / cancel


def test_merging_moves_reports_and_whistles_to_the_target(build: Builder) -> None:
    target = build.open(case_id="CASE-1")
    target.add_report("RPT-5", build.system, build.at(1))
    duplicate = build.open(case_id="CASE-2")
    with pytest.raises(InvalidCommand, match="has not been merged"):
        target.absorb(build.dispatcher, build.at(9), duplicate)
    with pytest.raises(InvalidCommand):
        duplicate.merge_into(build.dispatcher, build.at(9), "CASE-2")
    merged = duplicate.merge_into(build.dispatcher, build.at(10), "CASE-1", "同一下水道")
    assert types(merged) == [EventType.CASE_MERGED] and merged[0].data["into"] == "CASE-1"
    assert duplicate.status == "merged" and duplicate.next_timer_at() is None
    absorbed = target.absorb(build.dispatcher, build.at(11), duplicate)
    assert absorbed[0].data["merged_case_id"] == "CASE-2" and absorbed[0].data["whistle_count"] == 3
    assert target.report_ids == ["RPT-1", "RPT-5", duplicate.report_ids[0]]
    assert target.whistle_count == 3
    with pytest.raises(InvalidCommand, match="already"):
        target.absorb(build.dispatcher, build.at(12), duplicate)


def test_cancel_needs_a_reason(build: Builder) -> None:
    case = build.open()
    with pytest.raises(InvalidCommand):
        case.cancel(build.dispatcher, build.at(5), " ")
    events = case.cancel(build.dispatcher, build.at(5), "重复误报")
    assert events[0].data["reason"] == "重复误报" and case.cancel_reason == "重复误报"
    assert case.next_timer_at() is None


def test_a_merged_case_closes_its_departments_tasks_as_withdrawn(build: Builder) -> None:
    case = build.case_in("acknowledged")  # the lead and one assist reported in, the other did not
    events = case.merge_into(build.dispatcher, build.at(70), "CASE-0", "同一下水道")
    # Nobody is left 待签收 on a case that no longer exists as such, nor marked done for work not done.
    assert {a.status for a in case.assignments} == {"withdrawn"}
    assert sorted(events[0].data["withdrawn"]) == ["CITYMGMT", "PROPERTY", "WATER"]
    assert case.departments_active() == [] and case.merged_into == "CASE-0"
    assert events[0].data["case"]["assignments"][0]["status"] == "withdrawn"
    build.assert_json_ready(events)


def test_a_cancelled_case_closes_its_departments_tasks_but_keeps_finished_ones(build: Builder) -> None:
    case = build.case_in("acknowledged")
    case.resolve(build.liaison("PROPERTY"), build.at(50), "物业已配合清理", no_photo_reason="unsafe")
    events = case.cancel(build.dispatcher, build.at(60), "无效上报")
    assert statuses(case) == {
        "WATER": ("lead", "withdrawn"),
        "PROPERTY": ("assist", "done"),  # its part was finished: it stays done
        "CITYMGMT": ("assist", "withdrawn"),
    }
    assert sorted(events[0].data["withdrawn"]) == ["CITYMGMT", "WATER"]


def test_a_triage_case_cancelled_has_nothing_to_withdraw(build: Builder) -> None:
    case = build.case_in("triage")
    events = case.cancel(build.dispatcher, build.at(5), "测试误报")
    assert events[0].data["withdrawn"] == [] and case.status == "cancelled"


# ------------------------------------------------------------------------------- invariants


def test_a_refused_command_changes_nothing(build: Builder) -> None:
    case = build.case_in("in_progress")
    before = case.to_dict()
    refusals = [
        lambda: case.resolve(build.liaison("WATER"), build.at(50), ""),
        lambda: case.whistle(build.dispatcher, build.at(50), ["WATER"], "重复"),
        lambda: case.request_extension(build.liaison("WATER"), build.at(50), build.at(10), "x"),
        lambda: case.return_(build.liaison("PROPERTY"), build.at(50), "x", NEXT),
        lambda: case.acknowledge(build.liaison("WATER"), datetime(2024, 5, 6, 10)),
    ]
    for refusal in refusals:
        with pytest.raises((InvalidCommand, IllegalTransition)):
            refusal()
    assert case.to_dict() == before


def test_every_event_is_json_ready_and_mirrored_in_the_timeline(build: Builder) -> None:
    for status in ("closed", "reopened", "merged", "cancelled"):
        build.case_in(status, case_id=f"CASE-{status}")
    build.assert_json_ready(build.events)
    for event in build.events:
        assert {"case", "actor_role", "note"} <= set(event.data)
        assert event.data["case"]["id"].startswith("CASE-")


def test_version_counts_commands(build: Builder) -> None:
    case = build.open()
    assert case.version == 1
    case.acknowledge(build.liaison("WATER"), build.at(5))
    case.return_(build.liaison("PROPERTY"), build.at(6), "无需物业")
    assert case.version == 3
    assert case.escalate_due(build.at(7)) == [] and case.version == 3  # nothing happened
