"""Pure presentation pieces: period and cursor parameters, public notes, the countdown, the chart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from unit.tracking.tracking_events import RESIDENT_NAME, RESIDENT_PHONE
from unit.tracking.tracking_scenario import records_of, scenario

from chuishao_shared.events.types import EventType
from chuishao_shared.pagination import encode_cursor
from chuishao_shared.problems import Problem
from chuishao_tracking import chart, i18n
from chuishao_tracking.domain.statistics import Day
from chuishao_tracking.entrypoints import params
from chuishao_tracking.notes import note

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 6, 15, 4, 0, tzinfo=UTC)


def test_a_date_is_midnight_in_the_boards_time_zone_and_the_default_is_the_last_30_days() -> None:
    period = params.parse_period("2025-06-01", "2025-06-02T00:00:00Z", NOW, SHANGHAI)
    assert period.start == datetime(2025, 5, 31, 16, 0, tzinfo=UTC)
    assert period.end == datetime(2025, 6, 2, tzinfo=UTC)
    default = params.parse_period(None, None, NOW, SHANGHAI)
    assert (default.start, default.end) == (NOW - timedelta(days=30), NOW)


@pytest.mark.parametrize(
    ("raw_from", "raw_to", "field"),
    [
        ("last week", None, "from"),
        (None, "2025-06-01T08:00", "to"),
        ("2025-06-02", "2025-06-01", "from"),
        ("2023-01-01", "2025-01-01", "to"),
    ],
)
def test_bad_periods_name_the_field(raw_from: str | None, raw_to: str | None, field: str) -> None:
    with pytest.raises(Problem) as caught:
        params.parse_period(raw_from, raw_to, NOW, SHANGHAI)
    assert caught.value.status == 422 and caught.value.errors == [
        {"field": field, "message": caught.value.errors[0]["message"]}
    ]


def test_cursor_round_trip_and_garbage() -> None:
    cursor = encode_cursor(NOW, "case-1")
    assert params.decode_cursor(cursor) == (NOW, "case-1")
    for garbage in ("%%%", "bm90IGpzb24", encode_cursor(NOW, "x")[:-3]):
        with pytest.raises(Problem):
            params.decode_cursor(garbage)
    with pytest.raises(Problem) as refused:
        params.decode_cursor("%%%")
    assert refused.value.status == 422 and refused.value.errors == [
        {"field": "cursor", "message": "not a cursor this API issued"}
    ]


def test_every_public_note_is_generated_and_carries_no_free_text() -> None:
    names = {"XY-WQ-WY-WY": ("五阳物业服务公司", "Wuyang Property Services Company")}
    for record in records_of(scenario().case_events):
        for lang, index in (("zh", 0), ("en", 1)):
            text = note(record.type, record.details, lang, lambda c, i=index: names.get(c, (c, c))[i])
            assert text and text != record.type
            assert RESIDENT_NAME not in text and RESIDENT_PHONE not in text
    assert (
        note(EventType.CASE_ACKNOWLEDGED, {"department": "XY-WQ-WY-WY", "late": True}, "zh", lambda c: names[c][0])
        == "五阳物业服务公司已报到签收（超时）"
    )
    assert (
        note(EventType.CASE_ESCALATED, {"level": 3, "grade": "red", "to": "district"}, "en", str)
        == "Deadline missed: escalated to level 3 (red), district supervision alerted"
    )


def test_countdown_reads_naturally_in_both_languages() -> None:
    assert i18n.countdown(3 * 3600 + 5 * 60 + 9, "zh") == "剩余 3时05分"
    assert i18n.countdown(-(12 * 60 + 30), "zh") == "超时 12分30秒"
    assert i18n.countdown(2 * 86400 + 3600, "en") == "2d 1h left"
    assert i18n.countdown(-90, "en") == "overdue by 1m 30s"


def test_the_chart_scales_to_the_busiest_day() -> None:
    days = [Day(date(2025, 6, 1) + timedelta(days=i), opened=i, resolved=i // 2, closed=0) for i in range(30)]
    drawn = chart.build(days)
    assert len(drawn.opened) == 30 and drawn.grid[-1][1] == 40  # 29 rounds up to a scale of 40
    tallest = max(drawn.opened, key=lambda b: b.height)
    assert tallest.value == 29 and tallest.y >= chart.TOP
    assert all(b.height == 0 for b in drawn.closed)


# ------------------------------------------------------------------ lateness per department (issue 27)


def _view(case: object) -> object:
    from chuishao_tracking.domain.records import CaseView

    return CaseView.from_snapshot(case.snapshot())  # type: ignore[attr-defined]


def test_an_assists_missed_acknowledgement_is_its_own_not_the_leads() -> None:
    from unit.tracking.tracking_events import CaseScript

    from chuishao_tracking.views import lateness

    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    case = (
        CaseScript()
        .open(now - timedelta(minutes=90), "LEAD", ("HELP",))
        .acknowledge("LEAD", now - timedelta(minutes=80))
    )
    assert lateness(_view(case), now) == (["HELP"], ["HELP"])  # type: ignore[arg-type]
    # Before its deadline the assist owes the next deadline but is not late.
    assert lateness(_view(case), now - timedelta(minutes=40)) == (["HELP"], [])  # type: ignore[arg-type]
    case.acknowledge("HELP", now)
    # Everyone reported in: the lead owes the resolve deadline, nobody is late.
    assert lateness(_view(case), now) == (["LEAD"], [])  # type: ignore[arg-type]
    assert lateness(_view(case), now + timedelta(days=2)) == (["LEAD"], ["LEAD"])  # type: ignore[arg-type]


def test_a_case_not_at_work_owes_nothing() -> None:
    from unit.tracking.tracking_events import CaseScript

    from chuishao_tracking.views import lateness

    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    triage = CaseScript().open(now - timedelta(hours=3), None)
    assert lateness(_view(triage), now) == ([], [])  # type: ignore[arg-type]
    cancelled = CaseScript().open(now - timedelta(hours=3), "LEAD").cancel(now - timedelta(hours=2), "误报")
    assert lateness(_view(cancelled), now) == ([], [])  # type: ignore[arg-type]


def test_a_case_in_triage_owes_its_triage_deadline_on_the_board() -> None:
    from unit.tracking.tracking_events import CaseScript

    from chuishao_tracking.entrypoints.page import deadline_kind
    from chuishao_tracking.views import lateness

    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    raw = CaseScript().open(now - timedelta(minutes=70), None).snapshot()
    raw["triage_due_at"] = (now - timedelta(minutes=10)).isoformat()
    view = _view_of(raw)
    assert view.next_deadline_at == now - timedelta(minutes=10)
    assert view.overdue(now) is True and view.overdue(now - timedelta(minutes=11)) is False
    assert lateness(view, now) == ([], [])  # the dispatcher's, no department's
    assert deadline_kind({"status": "triage", "next_deadline_at": raw["triage_due_at"], "assignments": []}) == "triage"
    raw.pop("triage_due_at")
    assert _view_of(raw).next_deadline_at is None  # a case projected before triage deadlines: no clock


def _view_of(raw: dict) -> object:  # type: ignore[type-arg]
    from chuishao_tracking.domain.records import CaseView

    return CaseView.from_snapshot(raw)
