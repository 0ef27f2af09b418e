"""Notify's pure domain: signatures as receivers check them, exact robot shapes, who hears what,
the reminder schedule, retry arithmetic and the circuit breaker."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from datetime import UTC, datetime, timedelta

import pytest

from chuishao_notify.domain.breaker import CircuitBreaker
from chuishao_notify.domain.endpoints import redacted, url_problem
from chuishao_notify.domain.formats import Names, Target, console_link, render
from chuishao_notify.domain.notices import Notice, notice_for
from chuishao_notify.domain.reminders import (
    ACKNOWLEDGE,
    RESOLVE,
    Deadline,
    ReminderSchedule,
    open_deadlines,
    reminders_for,
)
from chuishao_notify.domain.retry import DELIVERED, REJECTED, RETRY, RetryPolicy, classify, retry_after
from chuishao_notify.domain.signing import dingtalk_sign, generic_signature, verify_generic
from chuishao_shared.events.types import EventType

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
SECRET = "whsec-0123456789abcdef"
DESKS = ["XY-WQ-WY", "XY-WQ", "XY"]


def snapshot(status: str = "dispatched", **overrides: object) -> dict:
    case = {
        "id": "C-1",
        "status": status,
        "category": "ENV-STAIRWELL-DIRTY",
        "major": "ENV",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "severity": "minor",
        "report_ids": ["R-1"],
        "whistle_count": 1,
        "escalation_level": 0,
        "resolve_due_at": (NOW + timedelta(hours=24)).isoformat(),
        "opened_at": NOW.isoformat(),
        "assignments": [
            {
                "department": "XY-WQ-WY-WY",
                "role": "lead",
                "status": "pending",
                "ack_due_at": (NOW + timedelta(hours=1)).isoformat(),
            },
            {"department": "XY-WQ-WY-JWH", "role": "assist", "status": "acknowledged", "ack_due_at": None},
        ],
    }
    case.update(overrides)
    return case


NAMES = Names(
    categories={"ENV-STAIRWELL-DIRTY": "楼道卫生脏乱"},
    jurisdictions={"XY-WQ-WY": "五阳社区", "XY-WQ-WY-G01": "五阳社区第一网格", "XY-WQ": "王桥镇"},
    departments={"XY-WQ-WY-WY": "五阳物业"},
)


def dispatched_notice() -> Notice:
    return Notice("0b8f3f4e-0000-4000-8000-000000000001", "dispatched", NOW, snapshot(), {"lead": "XY-WQ-WY-WY"})


# --- signatures ----------------------------------------------------------------------------------


def test_generic_signature_verifies_with_the_secret_and_not_with_another_or_out_of_tolerance() -> None:
    body = b'{"id":"x"}'
    header = generic_signature(SECRET, 1_764_468_000, body)
    expected = hmac.new(SECRET.encode(), b"1764468000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1764468000,v1={expected}"
    assert verify_generic(SECRET, header, body, now=1_764_468_100)
    assert not verify_generic("another-secret-0000", header, body, now=1_764_468_100)
    assert not verify_generic(SECRET, header, body + b" ", now=1_764_468_100)
    assert not verify_generic(SECRET, header, body, now=1_764_468_000 + 301)
    assert not verify_generic(SECRET, "garbage", body, now=1_764_468_000)


def test_dingtalk_sign_is_the_documented_url_encoded_base64_hmac() -> None:
    timestamp = 1_764_468_000_123
    digest = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    assert dingtalk_sign(SECRET, timestamp) == urllib.parse.quote_plus(base64.b64encode(digest).decode())


# --- formats -------------------------------------------------------------------------------------


def test_generic_request_has_the_headers_and_a_body_the_signature_covers() -> None:
    target = Target("generic", "https://hooks.example/in", SECRET, department="XY-WQ-WY-WY")
    request = render(dispatched_notice(), target, NAMES, dispatch_public_url="https://d.example/", now=NOW)
    assert request.headers["Chuishao-Event-Id"] == "0b8f3f4e-0000-4000-8000-000000000001"
    assert request.headers["Chuishao-Event-Type"] == "case.dispatched"
    assert verify_generic(SECRET, request.headers["Chuishao-Signature"], request.body, now=NOW.timestamp())
    body = json.loads(request.body)
    assert body["id"] == "0b8f3f4e-0000-4000-8000-000000000001"
    assert body["console_url"] == "https://d.example/console/#/case/C-1"
    assert body["case"]["category_name"] == "楼道卫生脏乱"
    assert body["case"]["your_assignment"]["ack_due_at"] == (NOW + timedelta(hours=1)).isoformat()
    assert SECRET not in request.body.decode()


def test_wecom_body_is_exactly_the_robot_markdown_shape() -> None:
    target = Target("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "", department="XY-WQ-WY-WY")
    request = render(dispatched_notice(), target, NAMES, dispatch_public_url="https://d.example", now=NOW)
    body = json.loads(request.body)
    assert set(body) == {"msgtype", "markdown"} and body["msgtype"] == "markdown"
    assert set(body["markdown"]) == {"content"}
    content = body["markdown"]["content"]
    assert "【派单】楼道卫生脏乱" in content and "五阳社区" in content and "签收时限：2026-11-30 11:00" in content
    assert "(https://d.example/console/#/case/C-1)" in content
    assert request.url == target.url


def test_markdown_names_the_place_and_each_kind_says_what_happened() -> None:
    target = Target("wecom", "https://h/x", "", department="XY-WQ-WY-WY")
    case = snapshot(place={"building": "3号楼", "unit": "2单元"})
    text = json.loads(
        render(Notice("e", "dispatched", NOW, case), target, NAMES, dispatch_public_url="https://d", now=NOW).body
    )["markdown"]["content"]
    assert "> 3号楼 2单元" in text
    cases = {
        "reminder": ({"deadline": "acknowledge", "due_at": (NOW + timedelta(hours=1)).isoformat()}, "前签收"),
        "escalated": (
            {"level": 2, "grade": "yellow", "reason": "acknowledge_overdue", "jurisdiction": "XY-WQ"},
            "第2级（黄色）→ 王桥镇",
        ),
        "returned": ({"department": "XY-WQ-WY-WY", "reason": "非本单位职责"}, "退单理由：非本单位职责"),
        "whistled": ({"reason": "需消防协助"}, "吹哨事由：需消防协助"),
        "reopened": ({"rework_count": 1}, "第1次返工"),
    }
    for kind, (details, expected) in cases.items():
        notice = Notice("e", kind, NOW, case, details)
        text = json.loads(render(notice, target, NAMES, dispatch_public_url="https://d", now=NOW).body)["markdown"][
            "content"
        ]
        assert expected in text, (kind, text)


def test_dingtalk_body_shape_and_signed_url() -> None:
    target = Target("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=t", SECRET, department="XY-WQ-WY-WY")
    request = render(dispatched_notice(), target, NAMES, dispatch_public_url="https://d.example", now=NOW)
    body = json.loads(request.body)
    assert set(body) == {"msgtype", "markdown"} and body["msgtype"] == "markdown"
    assert set(body["markdown"]) == {"title", "text"}
    assert body["markdown"]["title"] == "【派单】楼道卫生脏乱"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)
    assert query["access_token"] == ["t"]
    timestamp = int(query["timestamp"][0])
    assert timestamp == int(NOW.timestamp() * 1000)
    digest = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    assert query["sign"] == [base64.b64encode(digest).decode()]  # parse_qs undoes the URL encoding


def test_console_link() -> None:
    assert console_link("http://h:8002/", "C-9") == "http://h:8002/console/#/case/C-9"


# --- who hears what --------------------------------------------------------------------------------


def test_dispatch_and_whistle_go_to_the_named_departments() -> None:
    audience, notice = notice_for(
        EventType.CASE_DISPATCHED, "e1", NOW, {"case": snapshot(), "departments": ["A", "B"], "lead": "A"}, DESKS
    )  # type: ignore[misc]
    assert audience.departments == ("A", "B") and not audience.jurisdictions
    assert notice.kind == "dispatched" and notice.event_id == "e1"
    audience, notice = notice_for(EventType.CASE_WHISTLED, "e2", NOW, {"case": snapshot(), "departments": ["C"]}, DESKS)  # type: ignore[misc]
    assert audience.departments == ("C",) and notice.kind == "whistled"


@pytest.mark.parametrize(("level", "desk"), [(1, "XY-WQ-WY"), (2, "XY-WQ"), (3, "XY")])
def test_escalation_goes_to_the_levels_jurisdiction(level: int, desk: str) -> None:
    data = {"case": snapshot(), "level": level, "grade": "blue", "reason": "acknowledge_overdue", "department": "A"}
    audience, notice = notice_for(EventType.CASE_ESCALATED, "e", NOW, data, DESKS)  # type: ignore[misc]
    assert audience.jurisdictions == (desk,) and audience.departments == ("A",)
    assert notice.details["level"] == level


def test_return_and_reopen_go_to_the_nearest_duty_desk() -> None:
    audience, _ = notice_for(
        EventType.CASE_RETURNED, "e", NOW, {"case": snapshot(), "department": "A", "reason": "r"}, DESKS
    )  # type: ignore[misc]
    assert audience.jurisdictions == tuple(DESKS) and audience.nearest
    audience, _ = notice_for(
        EventType.CASE_REOPENED, "e", NOW, {"case": snapshot("reopened"), "rework_count": 1}, DESKS
    )  # type: ignore[misc]
    assert audience.nearest and audience.departments == ("XY-WQ-WY-WY", "XY-WQ-WY-JWH")


def test_other_events_notify_nobody() -> None:
    for kind in (
        EventType.CASE_OPENED,
        EventType.CASE_ACKNOWLEDGED,
        EventType.CASE_PROGRESSED,
        EventType.CASE_CLOSED,
        EventType.CASE_TRIAGED,
    ):
        assert notice_for(kind, "e", NOW, {"case": snapshot()}, DESKS) is None


def test_notice_round_trips_through_its_stored_form() -> None:
    notice = dispatched_notice()
    assert Notice.from_dict(json.loads(json.dumps(notice.to_dict()))) == notice


# --- reminders -------------------------------------------------------------------------------------


def test_schedule_points_inside_the_window_only() -> None:
    schedule = ReminderSchedule(fractions=(0.5,), before=(timedelta(minutes=10),))
    assert schedule.fire_times(NOW, NOW + timedelta(hours=1)) == [
        NOW + timedelta(minutes=30),
        NOW + timedelta(minutes=50),
    ]
    # A 6-second drill SLA: "10 minutes before" falls before the start and is dropped.
    assert schedule.fire_times(NOW, NOW + timedelta(seconds=6)) == [NOW + timedelta(seconds=3)]
    assert schedule.fire_times(NOW, NOW) == []
    with pytest.raises(ValueError):
        ReminderSchedule(fractions=(1.5,))


def test_open_deadlines_are_owed_acknowledgements_and_the_resolve_deadline() -> None:
    owed = open_deadlines(snapshot())
    kinds = {(d.department, d.kind) for d in owed}
    assert kinds == {("XY-WQ-WY-WY", ACKNOWLEDGE), ("XY-WQ-WY-WY", RESOLVE), ("XY-WQ-WY-JWH", RESOLVE)}
    assert open_deadlines(snapshot("resolved")) == set()
    assert open_deadlines(snapshot("triage")) == set()


def test_reminder_ids_are_stable_per_deadline_and_moment() -> None:
    deadline = Deadline("C-1", "A", ACKNOWLEDGE, NOW + timedelta(hours=1))
    first = reminders_for(deadline, NOW, ReminderSchedule())
    again = reminders_for(deadline, NOW, ReminderSchedule())
    assert [r.event_id for r in first] == [r.event_id for r in again]
    assert len({r.event_id for r in first}) == 2


# --- retries and the breaker -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "errcode", "outcome"),
    [
        (200, None, DELIVERED),
        (204, None, DELIVERED),
        (None, None, RETRY),
        (500, None, RETRY),
        (503, None, RETRY),
        (429, None, RETRY),
        (408, None, RETRY),
        (400, None, REJECTED),
        (404, None, REJECTED),
        (200, 0, DELIVERED),
        (200, 310000, REJECTED),
        (200, 45009, RETRY),
        (200, 130101, RETRY),
    ],
)
def test_classify(status: int | None, errcode: int | None, outcome: str) -> None:
    assert classify(status, errcode) == outcome


def test_backoff_grows_with_jitter_and_gives_up_after_a_day() -> None:
    policy = RetryPolicy(base=timedelta(seconds=1), cap=timedelta(hours=1))
    assert policy.delay(1, 0.0) == timedelta(seconds=0.5)
    assert policy.delay(1, 0.999) < timedelta(seconds=1)
    assert policy.delay(4, 0.0) == timedelta(seconds=4)
    assert policy.delay(40, 0.0) == timedelta(minutes=30)
    start = NOW
    assert policy.next_attempt(failures=3, first_attempt_at=start, now=NOW, jitter=0.0) == NOW + timedelta(seconds=2)
    late = NOW + timedelta(hours=23, minutes=59)
    assert policy.next_attempt(failures=20, first_attempt_at=start, now=late, jitter=0.0) is None


def test_retry_after_is_honoured_in_seconds_and_as_a_date() -> None:
    policy = RetryPolicy()
    assert retry_after("120", NOW) == timedelta(seconds=120)
    assert retry_after("Mon, 30 Nov 2026 02:05:00 GMT", NOW) == timedelta(minutes=5)
    assert retry_after("soon", NOW) is None and retry_after(None, NOW) is None
    at = policy.next_attempt(failures=1, first_attempt_at=NOW, now=NOW, jitter=0.0, retry_after=timedelta(seconds=90))
    assert at == NOW + timedelta(seconds=90)


def test_breaker_opens_after_repeated_failures_and_lets_one_trial_through() -> None:
    breaker = CircuitBreaker(threshold=3, cooldown=timedelta(seconds=30))
    for _ in range(3):
        assert breaker.allow(NOW)
        breaker.failed(NOW)
    assert not breaker.allow(NOW + timedelta(seconds=10)) and breaker.refusing(NOW + timedelta(seconds=10))
    later = NOW + timedelta(seconds=31)
    assert not breaker.refusing(later)
    assert breaker.allow(later) and not breaker.allow(later)  # one trial at a time
    assert breaker.refusing(later)
    breaker.failed(later)
    assert not breaker.allow(later + timedelta(seconds=1))
    assert breaker.allow(later + timedelta(seconds=31))
    breaker.succeeded()
    assert breaker.allow(later) and breaker.allow(later)


# --- endpoints -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://hooks.example/x", True),
        ("http://127.0.0.1:9000/in", True),
        ("ftp://h/x", False),
        ("https://user:pw@h/x", False),
        ("https://user@h/x", False),
        ("https:///x", False),
        ("h/x", False),
        ("https://h:99999/", False),
        ("https://h/x y", False),
        ("https://h/x#frag", False),
    ],
)
def test_receiver_urls(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


def test_redacted_url_masks_query_values() -> None:
    assert redacted("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc") == (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"
    )
    assert redacted("https://h/x") == "https://h/x"
