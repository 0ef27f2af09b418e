"""点单响应 on the community's side (domain/case_needs.py, Need.follow_case): a case becomes a need with
only what the public case events carry; a whistled need follows its case to its end. Plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chuishao_community.domain.case_needs import CaseFacts, need_for_case
from chuishao_community.domain.needs import Need
from chuishao_shared.reference import load_reference
from chuishao_shared.reference.community import load_taxonomy

T0 = datetime(2026, 11, 2, 1, tzinfo=UTC)


def case_event(status: str = "dispatched", due: datetime | None = T0 + timedelta(days=1), **extra: object) -> dict:
    case = {
        "id": "CASE-1",
        "status": status,
        "category": "LIFE-ELDERLY-ALONE",
        "grid": "XY-WQ-WY-G03",
        "community": "XY-WQ-WY",
        "severity": "major",
        "report_ids": ["RPT-1"],
        "resolve_due_at": due.isoformat() if due else None,
    }
    return {"case": case, "building": "5号楼", **extra}


def test_the_reference_marks_community_forces_categories_with_a_known_need_kind() -> None:
    ref, kinds = load_reference(), load_taxonomy().need_kind_codes
    marked = {c.code: c.community_forces for c in ref.categories.values() if c.community_forces}
    assert marked["LIFE-ELDERLY-ALONE"] == "elderly_disabled" and len(marked) >= 3
    assert set(marked.values()) <= kinds
    assert ref.categories["FAC-SEWER-BLOCKED"].community_forces is None


def test_a_case_becomes_a_need_without_the_residents_contact() -> None:
    facts = CaseFacts.of(case_event(reason="请上门看看"))
    need = need_for_case("N1", facts, kind="elderly_disabled", category_name="独居老人帮扶", at=T0)
    assert need is not None and need.origin_case_id == "CASE-1" and need.resident == {}
    assert (need.community, need.grid, need.building, need.kind) == (
        "XY-WQ-WY",
        "XY-WQ-WY-G03",
        "5号楼",
        "elderly_disabled",
    )
    assert need.urgency == "urgent" and need.wanted_by == T0 + timedelta(days=1) and need.privacy == "staff_confirms"
    assert "CASE-1" in need.description and "请上门看看" in need.description
    event = need.event("need.recorded", T0)
    assert event.data["origin_case_id"] == "CASE-1" and "resident" not in event.data


def test_a_past_deadline_gives_three_days_and_an_ended_case_no_need() -> None:
    late = need_for_case(
        "N1", CaseFacts.of(case_event(due=T0 - timedelta(hours=1))), kind="living", category_name="x", at=T0
    )
    assert late is not None and late.wanted_by == T0 + timedelta(days=3)
    for status in ("closed", "cancelled", "merged"):
        assert need_for_case("N2", CaseFacts.of(case_event(status)), kind="living", category_name="x", at=T0) is None


def whistled() -> Need:
    need = need_for_case("N1", CaseFacts.of(case_event()), kind="living", category_name="x", at=T0)
    assert need is not None
    need.origin_case_id = None
    need.status = "whistled"
    need.whistle = {"category": "FAC-SEWER-BLOCKED", "description": "d", "report_id": "RPT-7", "case_id": None}
    return need


def test_a_whistled_need_follows_its_case_to_its_end_once() -> None:
    need = whistled()
    assert need.follow_case("CASE-7", "dispatched", None, T0) == []
    assert (
        need.whistle is not None and need.whistle["case_id"] == "CASE-7" and need.whistle["case_status"] == "dispatched"
    )
    assert need.follow_case("CASE-7", "merged", None, T0) == []  # the case it was merged into carries it on
    events = need.follow_case("CASE-7", "closed", "fixed", T0 + timedelta(hours=2))
    assert [e.type for e in events] == ["need.case_closed"]
    assert events[0].data["case_status"] == "closed" and events[0].data["resolution"] == "fixed"
    assert need.status == "whistled" and need.whistle["outcome"]["status"] == "closed"
    assert need.follow_case("CASE-7", "closed", "fixed", T0 + timedelta(hours=3)) == []


def test_only_a_whistled_need_follows_a_case() -> None:
    need = whistled()
    need.status = "open"
    assert need.follow_case("CASE-7", "closed", "fixed", T0) == []


def test_only_staff_record_a_resident_on_a_need_made_from_a_case() -> None:
    from chuishao_community.domain.errors import Forbidden
    from chuishao_community.domain.values import Actor

    need = need_for_case("N1", CaseFacts.of(case_event()), kind="living", category_name="x", at=T0)
    assert need is not None
    try:
        need.record_resident(Actor("v", "volunteer", "XY-WQ-WY"), {"name": "张大爷"})
    except Forbidden as refused:
        assert refused.field == "need"
    else:
        raise AssertionError("a volunteer recorded a resident")
    assert need.resident == {}
    need.record_resident(Actor("s", "community_staff", "XY-WQ-WY"), {"name": "张大爷", "phone": "13900002222"})
    assert need.resident["phone"] == "13900002222" and "resident" not in need.event("need.recorded", T0).data
