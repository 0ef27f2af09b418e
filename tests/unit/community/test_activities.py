"""Volunteer service activities: sign-ups, QR check-in/out, no-shows, people served, hours and grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuishao_community.domain.activities import (
    CODE_LIFETIME,
    Activity,
    ActivityConflict,
    ActivityError,
    CodeRejected,
    HoursPolicy,
    InvalidActivityCommand,
    Place,
    Slot,
    attended_hours,
    floor_quarter,
    issue_code,
    round_quarter,
    verify_code,
)

KEY = b"k" * 32
BJ = timezone(timedelta(hours=8))
START = datetime(2025, 6, 7, 9, 0, tzinfo=BJ)  # Saturday 09:00–11:00 Beijing
END = START + timedelta(hours=2)
BEFORE = START - timedelta(days=1)


def make(**overrides: object) -> Activity:
    args: dict[str, object] = {
        "id": "act-1",
        "community": "TN-CS-FQXC",
        "title": "楼道清扫",
        "starts_at": START,
        "ends_at": END,
        "place": Place("富强新村 3 号楼", 31.78, 119.97),
        "slots": [Slot("clean", 2), Slot("patrol", 1, skill="治安巡逻")],
        "organiser": "m-org",
    }
    args.update(overrides)
    return Activity.create(**args)  # type: ignore[arg-type]


def refused(exc: pytest.ExceptionInfo[ActivityError], field: str, code: str) -> None:
    assert (exc.value.field, exc.value.code) == (field, code)


# ------------------------------------------------------------------------------------- creation


def test_a_valid_activity_is_created() -> None:
    activity = make()
    assert activity.length == timedelta(hours=2)
    assert activity.length_hours == Decimal("2.00")
    assert activity.free("clean") == 2


def test_a_team_may_organise_instead_of_a_person() -> None:
    assert make(organiser=None, team="红马甲").team == "红马甲"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": " "}, "title", "required"),
        ({"id": ""}, "id", "required"),
        ({"community": ""}, "community", "required"),
        ({"starts_at": datetime(2025, 6, 7, 9)}, "starts_at", "naive_datetime"),
        ({"ends_at": START}, "ends_at", "not_after_start"),
        ({"ends_at": START - timedelta(minutes=1)}, "ends_at", "not_after_start"),
        ({"ends_at": START + timedelta(hours=25)}, "ends_at", "too_long"),
        ({"place": Place(" ")}, "place.name", "required"),
        ({"place": Place("x", 91, 0)}, "place.lat", "out_of_range"),
        ({"place": Place("x", 0, 181)}, "place.lon", "out_of_range"),
        ({"organiser": None, "team": None}, "organiser", "required"),
        ({"organiser": " ", "team": ""}, "organiser", "required"),
        ({"slots": []}, "slots", "required"),
        ({"slots": [Slot("a", 1), Slot("a", 2)]}, "slots[1].code", "duplicate"),
        ({"slots": [Slot("a", 0)]}, "slots[0].capacity", "out_of_range"),
        ({"slots": [Slot("a", True)]}, "slots[0].capacity", "out_of_range"),  # type: ignore[arg-type]
        ({"slots": [Slot("", 1)]}, "slots[0].code", "required"),
        ({"slots": [Slot("a", 1, skill=" ")]}, "slots[0].skill", "required"),
    ],
)
def test_creation_refusals_name_the_field(overrides: dict[str, object], field: str, code: str) -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        make(**overrides)
    refused(exc, field, code)


# ------------------------------------------------------------------------------------- sign-ups


def test_sign_up_takes_a_place() -> None:
    activity = make()
    signup = activity.sign_up("m1", "clean", [], BEFORE)
    assert (signup.member, signup.slot, signup.signed_up_at) == ("m1", "clean", BEFORE)
    assert activity.free("clean") == 1


def test_a_full_slot_is_refused() -> None:
    activity = make()
    activity.sign_up("m1", "clean", [], BEFORE)
    activity.sign_up("m2", "clean", [], BEFORE)
    with pytest.raises(ActivityConflict) as exc:
        activity.sign_up("m3", "clean", [], BEFORE)
    refused(exc, "slot", "slot_full")


def test_signing_up_twice_is_refused_even_for_another_slot() -> None:
    activity = make()
    activity.sign_up("m1", "clean", ["治安巡逻"], BEFORE)
    for slot in ("clean", "patrol"):
        with pytest.raises(ActivityConflict) as exc:
            activity.sign_up("m1", slot, ["治安巡逻"], BEFORE)
        refused(exc, "member", "already_signed_up")


@pytest.mark.parametrize("now", [START, START + timedelta(minutes=1), END + timedelta(hours=1)])
def test_signing_up_at_or_after_the_start_is_refused(now: datetime) -> None:
    with pytest.raises(ActivityConflict) as exc:
        make().sign_up("m1", "clean", [], now)
    refused(exc, "slot", "started")


def test_a_slot_requiring_a_skill_refuses_a_member_without_it() -> None:
    activity = make()
    with pytest.raises(ActivityConflict) as exc:
        activity.sign_up("m1", "patrol", ["跑腿代购"], BEFORE)
    refused(exc, "slot", "skill_mismatch")
    assert activity.sign_up("m2", "patrol", ["跑腿代购", "治安巡逻"], BEFORE).slot == "patrol"


def test_a_slot_without_a_skill_takes_anyone() -> None:
    assert make().sign_up("m1", "clean", [], BEFORE).slot == "clean"


def test_an_unknown_slot_is_refused() -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        make().sign_up("m1", "cook", [], BEFORE)
    refused(exc, "slot", "unknown_slot")


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        make().sign_up("m1", "clean", [], datetime(2025, 6, 6, 9))
    refused(exc, "now", "naive_datetime")


def test_withdrawing_before_the_start_frees_the_place_and_not_after() -> None:
    activity = make()
    activity.sign_up("m1", "clean", [], BEFORE)
    activity.withdraw("m1", BEFORE)
    assert activity.free("clean") == 2
    with pytest.raises(ActivityConflict) as exc:
        activity.withdraw("m1", BEFORE)
    refused(exc, "member", "not_signed_up")
    activity.sign_up("m1", "clean", [], BEFORE)
    with pytest.raises(ActivityConflict) as exc:
        activity.withdraw("m1", START)
    refused(exc, "member", "started")


# ------------------------------------------------------------------------------------- QR codes


def test_a_fresh_code_verifies_until_it_expires() -> None:
    token = issue_code("act-1", KEY, START)
    assert verify_code(token, "act-1", KEY, START + CODE_LIFETIME - timedelta(seconds=1))
    with pytest.raises(CodeRejected) as exc:
        verify_code(token, "act-1", KEY, START + CODE_LIFETIME)
    refused(exc, "code", "expired")


def test_another_activitys_code_is_refused() -> None:
    with pytest.raises(CodeRejected) as exc:
        verify_code(issue_code("act-2", KEY, START), "act-1", KEY, START)
    refused(exc, "code", "wrong_activity")


def test_a_code_signed_with_another_key_is_forged() -> None:
    with pytest.raises(CodeRejected) as exc:
        verify_code(issue_code("act-1", b"other-key", START), "act-1", KEY, START)
    refused(exc, "code", "forged")


def test_a_code_with_a_moved_expiry_is_forged() -> None:
    activity_part, expiry, signature = issue_code("act-1", KEY, START).split(".")
    tampered = f"{activity_part}.{int(expiry) + 3600}.{signature}"
    with pytest.raises(CodeRejected) as exc:
        verify_code(tampered, "act-1", KEY, START + timedelta(minutes=30))
    refused(exc, "code", "forged")


def test_a_code_relabelled_for_another_activity_is_forged() -> None:
    _, expiry, signature = issue_code("act-2", KEY, START).split(".")
    own_part = issue_code("act-1", KEY, START).split(".")[0]
    with pytest.raises(CodeRejected) as exc:
        verify_code(f"{own_part}.{expiry}.{signature}", "act-1", KEY, START)
    refused(exc, "code", "forged")


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "a.12.!!!", "YWN0LTE.12", "\udcff.1.2"])
def test_a_malformed_code_is_refused(token: str) -> None:
    with pytest.raises(CodeRejected) as exc:
        verify_code(token, "act-1", KEY, START)
    assert exc.value.code in {"malformed", "forged"}


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        issue_code("act-1", b"", START)
    refused(exc, "key", "required")
    with pytest.raises(CodeRejected):
        verify_code(issue_code("act-1", KEY, START), "act-1", b"", START)


TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."


@given(st.data())
def test_a_code_with_any_single_character_changed_is_refused(data: st.DataObject) -> None:
    token = issue_code("act-1", KEY, START)
    i = data.draw(st.integers(min_value=0, max_value=len(token) - 1))
    replacement = data.draw(st.sampled_from(TOKEN_ALPHABET).filter(lambda c: c != token[i]))
    with pytest.raises(CodeRejected):
        verify_code(token[:i] + replacement + token[i + 1 :], "act-1", KEY, START)


# ------------------------------------------------------------------------------------- check-in/out


def signed_up(*members: str) -> Activity:
    activity = make()
    for m in members:
        activity.sign_up(m, "clean", [], BEFORE)
    return activity


def test_check_in_and_out_by_code_records_the_hours() -> None:
    activity = signed_up("m1")
    activity.check_in_by_code("m1", issue_code("act-1", KEY, START), KEY, START + timedelta(minutes=2))
    out_at = END - timedelta(minutes=2)
    entry = activity.check_out_by_code("m1", issue_code("act-1", KEY, out_at), KEY, out_at)
    assert (entry.member, entry.hours, entry.source, entry.ref, entry.at) == (
        "m1",
        Decimal("2.00"),
        "activity",
        "act-1",
        out_at,
    )
    assert activity.signups["m1"].checked_in_by == "code"


def test_check_in_with_a_bad_code_changes_nothing() -> None:
    activity = signed_up("m1")
    with pytest.raises(CodeRejected):
        activity.check_in_by_code("m1", issue_code("act-1", KEY, START - timedelta(hours=1)), KEY, START)
    assert activity.signups["m1"].checked_in_at is None


def test_checking_in_twice_is_refused() -> None:
    activity = signed_up("m1")
    activity.check_in_by_code("m1", issue_code("act-1", KEY, START), KEY, START)
    with pytest.raises(ActivityConflict) as exc:
        activity.check_in_by_code("m1", issue_code("act-1", KEY, START), KEY, START + timedelta(minutes=1))
    refused(exc, "member", "already_checked_in")
    with pytest.raises(ActivityConflict):
        activity.mark_check_in("m1", START, START + timedelta(minutes=1))


def test_checking_in_without_a_sign_up_is_refused() -> None:
    with pytest.raises(ActivityConflict) as exc:
        signed_up().check_in_by_code("m9", issue_code("act-1", KEY, START), KEY, START)
    refused(exc, "member", "not_signed_up")


def test_check_in_opens_half_an_hour_before_the_start_and_closes_at_the_end() -> None:
    activity = signed_up("m1", "m2")
    early = START - timedelta(minutes=31)
    with pytest.raises(ActivityConflict) as exc:
        activity.check_in_by_code("m1", issue_code("act-1", KEY, early), KEY, early)
    refused(exc, "at", "too_early")
    with pytest.raises(ActivityConflict) as exc:
        activity.check_in_by_code("m1", issue_code("act-1", KEY, END), KEY, END)
    refused(exc, "at", "ended")
    ok = START - timedelta(minutes=30)
    activity.check_in_by_code("m2", issue_code("act-1", KEY, ok), KEY, ok)


def test_checking_out_without_check_in_is_refused() -> None:
    activity = signed_up("m1")
    with pytest.raises(ActivityConflict) as exc:
        activity.check_out_by_code("m1", issue_code("act-1", KEY, END), KEY, END)
    refused(exc, "member", "not_checked_in")
    with pytest.raises(ActivityConflict) as exc:
        activity.mark_check_out("m1", END, END)
    refused(exc, "member", "not_checked_in")


def test_checking_out_twice_is_refused() -> None:
    activity = signed_up("m1")
    activity.mark_check_in("m1", START, START)
    activity.mark_check_out("m1", END, END)
    with pytest.raises(ActivityConflict) as exc:
        activity.mark_check_out("m1", END, END)
    refused(exc, "member", "already_checked_out")


def test_the_organiser_marks_attendance_after_the_fact() -> None:
    activity = signed_up("m1")
    now = END + timedelta(hours=3)
    activity.mark_check_in("m1", START + timedelta(minutes=15), now)
    entry = activity.mark_check_out("m1", END - timedelta(minutes=15), now)
    assert entry.hours == Decimal("1.50")
    assert activity.signups["m1"].checked_in_by == activity.signups["m1"].checked_out_by == "organiser"


@pytest.mark.parametrize("method", ["mark_check_in", "mark_check_out"])
def test_marking_in_the_future_is_refused(method: str) -> None:
    activity = signed_up("m1")
    if method == "mark_check_out":
        activity.mark_check_in("m1", START, START)
    with pytest.raises(InvalidActivityCommand) as exc:
        getattr(activity, method)("m1", START + timedelta(minutes=10), START + timedelta(minutes=5))
    refused(exc, "at", "in_future")


def test_a_check_out_before_the_check_in_is_refused() -> None:
    activity = signed_up("m1")
    activity.mark_check_in("m1", START + timedelta(minutes=30), END)
    with pytest.raises(InvalidActivityCommand) as exc:
        activity.mark_check_out("m1", START + timedelta(minutes=10), END)
    refused(exc, "at", "before_check_in")


# ------------------------------------------------------------------------------------- no-shows, served


def test_no_shows_are_the_signed_up_who_never_checked_in_after_the_end() -> None:
    activity = signed_up("m1", "m2")
    activity.mark_check_in("m1", START, START)
    assert activity.no_shows(END - timedelta(seconds=1)) == []
    assert activity.no_shows(END) == ["m2"]


def test_awaiting_check_out() -> None:
    activity = signed_up("m1", "m2")
    activity.mark_check_in("m1", START, START)
    assert activity.awaiting_check_out() == ["m1"]


def test_people_served_is_counted_once_started() -> None:
    activity = make()
    with pytest.raises(ActivityConflict) as exc:
        activity.record_people_served(10, BEFORE)
    refused(exc, "people_served", "not_started")
    activity.record_people_served(40, END)
    assert activity.people_served == 40
    for bad in (-1, True, 1.5):
        with pytest.raises(InvalidActivityCommand) as iexc:
            activity.record_people_served(bad, END)  # type: ignore[arg-type]
        refused(iexc, "people_served", "out_of_range")


# ------------------------------------------------------------------------------------- the hours rule


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [(0, "0.00"), (7, "0.00"), (7.5, "0.25"), (8, "0.25"), (22, "0.25"), (23, "0.50"), (60, "1.00"), (116, "2.00")],
)
def test_round_quarter_is_to_the_nearest_with_half_up(minutes: float, hours: str) -> None:
    assert round_quarter(Decimal(str(minutes)) / 60) == Decimal(hours)


def test_floor_quarter() -> None:
    assert floor_quarter(Decimal(70) / 60) == Decimal("1.00")


def test_hours_are_clipped_to_the_window() -> None:
    assert attended_hours(START, END, START - timedelta(minutes=30), END + timedelta(hours=2)) == Decimal("2.00")
    assert attended_hours(START, END, START + timedelta(hours=1), END + timedelta(hours=2)) == Decimal("1.00")
    assert attended_hours(START, END, START - timedelta(hours=1), START - timedelta(minutes=1)) == Decimal("0.00")
    assert attended_hours(START, END, START, None) == Decimal("0.00")


def test_hours_never_round_above_the_length_rounded_down() -> None:
    # a 1 h 10 min activity attended in full counts 1.00 h, not 1.25 h
    end = START + timedelta(minutes=70)
    assert attended_hours(START, end, START, end) == Decimal("1.00")


def test_no_check_out_means_no_hours() -> None:
    activity = signed_up("m1")
    activity.mark_check_in("m1", START, START)
    assert activity.hours_for("m1") == Decimal("0.00")
    assert activity.hours_for("nobody") == Decimal("0.00")


instants = st.integers(min_value=-600, max_value=24 * 60 + 600).map(lambda m: START + timedelta(minutes=m))


@given(
    st.integers(min_value=1, max_value=24 * 60),
    instants,
    instants,
)
def test_attended_hours_never_exceed_the_length(length_min: int, a: datetime, b: datetime) -> None:
    end = START + timedelta(minutes=length_min)
    hours = attended_hours(START, end, min(a, b), max(a, b))
    assert Decimal(0) <= hours <= Decimal(length_min) / 60
    assert hours % Decimal("0.25") == 0


# ------------------------------------------------------------------------------------- grants


def ended_with(member_in: timedelta | None = None) -> Activity:
    activity = signed_up("m1")
    if member_in is not None:
        activity.mark_check_in("m1", START, START)
        activity.mark_check_out("m1", START + member_in, END)
    return activity


def test_a_grant_adds_hours_with_its_reason() -> None:
    activity = ended_with(timedelta(hours=2))
    entry = activity.grant_hours("m1", "0.75", "提前布置场地", "m-org", END)
    assert (entry.hours, entry.source, entry.reason) == (Decimal("0.75"), "granted", "提前布置场地")
    assert activity.hours_for("m1") == Decimal("2.75")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_grant_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        ended_with().grant_hours("m1", 1, reason, "m-org", END)  # type: ignore[arg-type]
    refused(exc, "reason", "required")


@pytest.mark.parametrize(
    ("hours", "code"),
    [
        (0, "out_of_range"),
        (-1, "out_of_range"),
        ("0.3", "not_quarter_hours"),
        ("abc", "not_a_number"),
        ("NaN", "out_of_range"),
    ],
)
def test_a_grant_amount_is_checked(hours: object, code: str) -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        ended_with().grant_hours("m1", hours, "x", "m-org", END)  # type: ignore[arg-type]
    refused(exc, "hours", code)


def test_one_grant_is_at_most_the_grant_cap() -> None:
    long_day = make(ends_at=START + timedelta(hours=12))
    end = START + timedelta(hours=12)
    with pytest.raises(InvalidActivityCommand) as exc:
        long_day.grant_hours("m1", "8.25", "x", "m-org", end)
    refused(exc, "hours", "above_grant_cap")
    assert long_day.grant_hours("m1", 8, "x", "m-org", end).hours == Decimal("8.00")
    with pytest.raises(InvalidActivityCommand):
        long_day.grant_hours("m1", 3, "x", "m-org", end, HoursPolicy(grant_cap=Decimal(2)))


def test_grants_never_push_a_member_past_length_plus_allowance() -> None:
    activity = ended_with(timedelta(hours=2))  # 2 h attended of a 2 h activity; cap 3 h
    activity.grant_hours("m1", "0.5", "准备", "m-org", END)
    with pytest.raises(ActivityConflict) as exc:
        activity.grant_hours("m1", "0.75", "收尾", "m-org", END)
    refused(exc, "hours", "above_activity_cap")
    activity.grant_hours("m1", "0.5", "收尾", "m-org", END)
    assert activity.hours_for("m1") == Decimal("3.00")
    wider = ended_with(timedelta(hours=2))
    wider.grant_hours("m1", 3, "x", "m-org", END, HoursPolicy(allowance=Decimal(3)))


def test_grants_wait_for_the_end_and_for_the_check_out() -> None:
    activity = signed_up("m1")
    with pytest.raises(ActivityConflict) as exc:
        activity.grant_hours("m1", 1, "x", "m-org", END - timedelta(minutes=1))
    refused(exc, "hours", "not_ended")
    activity.mark_check_in("m1", START, START)
    with pytest.raises(ActivityConflict) as exc:
        activity.grant_hours("m1", 1, "x", "m-org", END)
    refused(exc, "member", "check_out_pending")


def test_a_grant_needs_a_granter() -> None:
    with pytest.raises(InvalidActivityCommand) as exc:
        ended_with().grant_hours("m1", 1, "x", "", END)
    refused(exc, "granted_by", "required")


@given(
    st.integers(min_value=15, max_value=12 * 60),
    st.one_of(st.none(), st.integers(min_value=0, max_value=13 * 60)),
    st.lists(st.integers(min_value=1, max_value=40), max_size=8),
)
def test_a_members_hours_never_exceed_length_plus_allowance(
    length_min: int, attended_min: int | None, grants_in_quarters: list[int]
) -> None:
    end = START + timedelta(minutes=length_min)
    activity = make(ends_at=end)
    activity.sign_up("m1", "clean", [], BEFORE)
    if attended_min is not None:
        activity.mark_check_in("m1", START, START)
        activity.mark_check_out("m1", START + timedelta(minutes=attended_min), end + timedelta(days=1))
    assert activity.attended_hours("m1") <= Decimal(length_min) / 60
    policy = HoursPolicy()
    for quarters in grants_in_quarters:
        try:
            activity.grant_hours("m1", Decimal(quarters) / 4, "补录", "m-org", end, policy)
        except ActivityError:
            pass
    assert activity.hours_for("m1") <= Decimal(length_min) / 60 + policy.allowance


def test_time_zones_do_not_matter() -> None:
    activity = make(starts_at=START.astimezone(UTC), ends_at=END.astimezone(UTC))
    activity.sign_up("m1", "clean", [], BEFORE)
    activity.mark_check_in("m1", START, START)
    assert activity.mark_check_out("m1", END, END).hours == Decimal("2.00")
