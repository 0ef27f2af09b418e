"""What tracking keeps of a community event (domain/community.py, domain/community_forces.py): the
whitelisted codes, statuses, counts and times, and nothing a person wrote — with a resident's name,
phone and address planted in added fields and in fields that should hold codes; and the month edges the
"on track" figure sums the ledger between."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from chuishao_tracking.adapters.community_queries import month_edges
from chuishao_tracking.domain.community import HoursRecord, MemberRecord, NeedRecord
from chuishao_tracking.domain.community_forces import OrderRecord, ProjectRecord, TopicRecord

NAME, PHONE, ADDRESS = "赵桂兰", "13687654321", "朝阳小区7号楼2单元301"
PLANTED = {
    "title": f"给{NAME}买菜",
    "description": f"{NAME} {PHONE} {ADDRESS}",
    "resident": {"name": NAME, "phone": PHONE, "address": ADDRESS},
    "building": ADDRESS,
    "note": PHONE,
    "claimant": "m-7",
}
NEED = {
    "need_id": "n-1",
    "community": "XY-WQ-WY",
    "grid": "XY-WQ-WY-G03",
    "kind": "living",
    "status": "claimed",
    "urgency": "urgent",
    "skills": ["errands", PHONE],
    "helpers": 2,
    "privacy": "staff_confirms",
    "wanted_by": "2026-03-09T02:00:00+00:00",
    "release_count": 1,
    "lapse_count": 0,
    "claim_id": "c-1",
    "claimant_kind": "member",
    "claim_status": "pending",
    "at": "2026-03-02T04:00:00+00:00",
    **PLANTED,
}


def kept(record: object) -> str:
    return str(asdict(record))  # type: ignore[call-overload]


def test_a_need_keeps_codes_statuses_counts_and_times_only() -> None:
    record = NeedRecord.from_event("need.claimed", "n-1", 2, NEED)
    assert record is not None
    assert (record.kind, record.grid, record.status, record.urgency, record.helpers) == (
        "living",
        "XY-WQ-WY-G03",
        "claimed",
        "urgent",
        2,
    )
    assert record.skills == ("errands",)  # a phone number is not a code
    assert record.claimant_kind == "member" and record.release_count == 1
    text = kept(record)
    assert not [s for s in (NAME, PHONE, ADDRESS, "m-7") if s in text]


def test_a_phone_or_a_name_where_a_code_belongs_drops_the_event() -> None:
    assert NeedRecord.from_event("need.recorded", "n-1", 1, {**NEED, "grid": PHONE}) is None
    assert NeedRecord.from_event("need.recorded", "n-1", 1, {**NEED, "kind": NAME}) is None
    assert NeedRecord.from_event("need.recorded", "n-1", 1, {**NEED, "status": "nonsense"}) is None


def test_members_hours_orders_projects_and_topics_keep_no_person() -> None:
    at = "2026-03-02T04:00:00+00:00"
    member = MemberRecord.from_event(
        "m-1",
        1,
        {
            "member_id": "m-1",
            "community": "XY-WQ-WY",
            "status": "active",
            "party_member": True,
            "at": at,
            "name": NAME,
            "phone": PHONE,
        },
    )
    hours = HoursRecord.from_event(
        {
            "entry_id": "e-1",
            "member_id": "m-1",
            "community": "XY-WQ-WY",
            "hours": 2.25,
            "source": "need",
            "ref": "n-1",
            "at": at,
            "note": NAME,
        }
    )
    order = OrderRecord.from_event(
        "order.responded",
        2,
        {
            "order_id": "o-1",
            "community": "XY-WQ-WY",
            "status": "open",
            "units": ["XY-GDGS", PHONE],
            "unit": "XY-GDGS",
            "declined": False,
            "response_seconds": 7200,
            "at": at,
            **PLANTED,
        },
    )
    project = ProjectRecord.from_event(
        1,
        {
            "project_id": "p-1",
            "community": "XY-WQ-WY",
            "status": "active",
            "people_served": 40,
            "period_from": "2026-01-01",
            "at": at,
            **PLANTED,
        },
    )
    topic = TopicRecord.from_event(
        "meeting.held",
        3,
        {
            "topic_id": "t-1",
            "community": "XY-WQ-WY",
            "step": "deliberate",
            "meeting_id": "mt-1",
            "meeting_at": at,
            "quorate": True,
            "at": at,
            **PLANTED,
        },
    )
    records = [member, hours, order, project, topic]
    assert all(r is not None for r in records)
    assert order is not None and order.units == ("XY-GDGS",) and order.response_seconds == 7200.0
    assert hours is not None and hours.hours == 2.25
    assert topic is not None and topic.quorate and topic.meeting_id == "mt-1"
    text = "".join(kept(r) for r in records)
    assert not [s for s in (NAME, PHONE, ADDRESS) if s in text]


def test_month_edges_split_a_local_year_into_whole_utc_months_and_two_edges() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    year_start = datetime(2026, 1, 1, tzinfo=shanghai)  # 2025-12-31 16:00 UTC
    first, last = month_edges(year_start, datetime(2026, 4, 1, tzinfo=shanghai))
    assert (first, last) == (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC))
    # No whole month between: the entries alone are summed.
    end = datetime(2026, 1, 20, tzinfo=UTC)
    assert month_edges(year_start, end) == (end, end)
    # A year starting on a UTC month boundary keeps it.
    assert month_edges(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 3, tzinfo=UTC))[0] == datetime(
        2026, 1, 1, tzinfo=UTC
    )


def test_a_team_keeps_its_kind_and_memberships_never_its_name() -> None:
    from chuishao_tracking.domain.community_forces import TeamRecord

    data = {
        "team_id": "t-1",
        "community": "XY-WQ-WY",
        "kind": "red_vest",
        "member_count": 1,
        "name": f"{NAME}的队",
        "membership_id": "ms-1",
        "member_id": "m-1",
        "role": "队长",
        "start_date": "2026-02-01",
        "end_date": None,
    }
    record = TeamRecord.from_event(2, data)
    assert record is not None and record.kind == "red_vest" and record.member_id == "m-1"
    assert str(record.start_date) == "2026-02-01" and record.end_date is None
    assert NAME not in kept(record) and "队长" not in kept(record)
    assert TeamRecord.from_event(1, {**data, "kind": NAME}) is None
