"""A need's state machine (COMMUNITY.md §2) with plain values: every transition, and every refusal
leaving the need as it was."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from chuishao_community.domain.errors import ClaimLimitReached, Forbidden, IllegalTransition, InvalidCommand
from chuishao_community.domain.needs import Claimant, Need
from chuishao_community.domain.values import Actor

T = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LAPSE = timedelta(hours=24)
STAFF = Actor("staff-1", "community_staff", community="XY-WQ-WY")
OTHER_STAFF = Actor("staff-2", "community_staff", community="TN-CS-FQXC")
HELPER = Actor("vol-1", "volunteer", community="XY-WQ-WY")
STRANGER = Actor("vol-2", "volunteer", community="XY-WQ-WY")
WORKER = Actor("worker-1", "grid_worker", grids=frozenset({"XY-WQ-WY-G01"}))
OTHER_WORKER = Actor("worker-2", "grid_worker", grids=frozenset({"XY-WQ-WY-G02"}))
# A unit whose co-building agreement with the need's community is in force (resolved from the units table).
UNIT = Actor("contact-1", "unit_contact", unit="UNIT-A", communities=frozenset({"XY-WQ-WY"}))
ME = Claimant("member", "m-1", "vol-1")


def need(privacy: str = "open", **changes: object) -> Need:
    values: dict[str, object] = dict(
        id="n-1",
        community="XY-WQ-WY",
        grid="XY-WQ-WY-G01",
        kind="wish",
        title="代购",
        description="",
        resident={"name": "王秀珍", "phone": "13800001111", "address": "7号楼301"},
        urgency="normal",
        wanted_by=T + timedelta(days=3),
        privacy=privacy,
        recorded_by="staff-1",
        recorded_at=T,
        hours_wanted=2.0,
    )
    values.update(changes)
    return Need(**values)  # type: ignore[arg-type]


def claimed(privacy: str = "open") -> Need:
    n = need(privacy)
    n.claim("c-1", ME, T, open_claims=0, limit=3)
    return n


def started() -> Need:
    n = claimed()
    n.start(HELPER, T + timedelta(hours=1))
    return n


def done() -> Need:
    n = started()
    n.done(HELPER, "已送到", ("ab" * 32,), 3.0, T + timedelta(hours=2))
    return n


def refused(n: Need, error: type[Exception], act: object) -> None:
    before = copy.deepcopy(n)
    with pytest.raises(error):
        act(n)  # type: ignore[operator]
    assert n == before, "a refusal changes nothing"


def test_the_whole_life_open_to_confirmed() -> None:
    n = need()
    assert [e.type for e in n.claim("c-1", ME, T, open_claims=2, limit=3)] == ["need.claimed"]
    assert n.status == "claimed" and n.claims[0].status == "confirmed"  # privacy open: at once
    assert [e.type for e in n.start(HELPER, T)] == ["need.started"] and n.status == "in_progress"
    events = n.done(HELPER, "ok", (), 3.0, T)
    assert [e.type for e in events] == ["need.done"] and events[0].data["hours_reported"] == 3.0
    events, hours = n.confirm(STAFF, "satisfied", "", T, max_hours=8)
    assert [e.type for e in events] == ["need.confirmed"] and n.status == "confirmed"
    assert hours == 2.0 and n.claims[0].status == "completed"  # capped by the hours wanted


def test_staff_confirm_a_claim_when_the_privacy_tier_says_so() -> None:
    n = claimed("staff_confirms")
    assert n.claims[0].status == "pending" and not n.sees_resident(HELPER)
    refused(n, IllegalTransition, lambda n: n.start(HELPER, T))
    refused(n, Forbidden, lambda n: n.confirm_claim(HELPER, "c-1", T))
    refused(n, Forbidden, lambda n: n.confirm_claim(OTHER_STAFF, "c-1", T))
    refused(n, IllegalTransition, lambda n: n.confirm_claim(STAFF, "c-9", T))
    assert [e.type for e in n.confirm_claim(STAFF, "c-1", T)] == ["need.claim_confirmed"]
    assert n.sees_resident(HELPER) and not n.sees_resident(STRANGER)
    refused(n, IllegalTransition, lambda n: n.confirm_claim(STAFF, "c-1", T))


def test_the_resident_is_for_staff_and_the_confirmed_claimant_only() -> None:
    n = need()
    assert n.sees_resident(STAFF)
    assert not any(n.sees_resident(a) for a in (OTHER_STAFF, HELPER, WORKER, UNIT))
    n.claim("c-1", ME, T, open_claims=0, limit=3)
    assert n.sees_resident(HELPER) and not n.sees_resident(STRANGER)
    n.start(HELPER, T)
    n.done(HELPER, "", (), 1, T)
    n.confirm(STAFF, "satisfied", "", T, max_hours=8)
    assert not n.sees_resident(HELPER)  # the job is over


def test_who_may_see_a_need() -> None:
    n = need()
    assert all(n.may_see(a) for a in (STAFF, HELPER, WORKER, UNIT))
    assert not any(n.may_see(a) for a in (OTHER_STAFF, OTHER_WORKER, Actor("v", "volunteer", community="TN-CS-FQXC")))
    # A unit with no agreement in force with the need's community sees nothing of it.
    assert not n.may_see(Actor("contact-2", "unit_contact", unit="UNIT-B", communities=frozenset({"TN-CS-FQXC"})))


@pytest.mark.parametrize("status_of", [claimed, started, done])
def test_only_an_open_need_is_claimed(status_of: object) -> None:
    n = status_of()  # type: ignore[operator]
    refused(
        n, IllegalTransition, lambda n: n.claim("c-2", Claimant("member", "m-2", "vol-2"), T, open_claims=0, limit=3)
    )


def test_the_claim_limit() -> None:
    refused(need(), ClaimLimitReached, lambda n: n.claim("c-1", ME, T, open_claims=3, limit=3))


def test_release_goes_back_to_open_and_is_counted() -> None:
    for n in (claimed(), started()):
        refused(n, Forbidden, lambda n: n.release(STRANGER, "", T))
        refused(n, Forbidden, lambda n: n.release(UNIT, "", T))
        assert [e.type for e in n.release(HELPER, "出差", T)] == ["need.released"]
        assert n.status == "open" and n.release_count == 1 and n.claims[-1].status == "released"
        assert n.open_claimant is None
    n = claimed()
    n.release(STAFF, "staff may release too", T)
    assert n.status == "open"
    refused(need(), IllegalTransition, lambda n: n.release(HELPER, "", T))
    refused(done(), IllegalTransition, lambda n: n.release(HELPER, "", T))


def test_only_the_claimant_starts_and_reports_done() -> None:
    refused(claimed(), Forbidden, lambda n: n.start(STRANGER, T))
    refused(claimed(), Forbidden, lambda n: n.start(STAFF, T))
    refused(need(), IllegalTransition, lambda n: n.start(HELPER, T))
    refused(started(), Forbidden, lambda n: n.done(STRANGER, "", (), 1, T))
    refused(claimed(), IllegalTransition, lambda n: n.done(HELPER, "", (), 1, T))
    refused(started(), InvalidCommand, lambda n: n.done(HELPER, "", (), 25, T))
    refused(started(), InvalidCommand, lambda n: n.done(HELPER, "", (), 0, T))


def test_confirming_is_for_staff_or_the_grid_worker_and_never_the_claimant() -> None:
    refused(done(), Forbidden, lambda n: n.confirm(HELPER, "satisfied", "", T, max_hours=8))
    refused(done(), Forbidden, lambda n: n.confirm(OTHER_STAFF, "satisfied", "", T, max_hours=8))
    refused(done(), Forbidden, lambda n: n.confirm(OTHER_WORKER, "satisfied", "", T, max_hours=8))
    # the claimant's own subject holding a staff token: confirming your own claim
    own = Actor("vol-1", "community_staff", community="XY-WQ-WY")
    refused(done(), Forbidden, lambda n: n.confirm(own, "satisfied", "", T, max_hours=8))
    refused(started(), IllegalTransition, lambda n: n.confirm(STAFF, "satisfied", "", T, max_hours=8))
    n = done()
    _, hours = n.confirm(WORKER, "basically_satisfied", "", T, max_hours=8)
    assert n.status == "confirmed" and n.satisfaction == "basically_satisfied" and hours == 2.0


def test_a_units_claim_credits_no_member() -> None:
    n = need()
    n.claim("c-1", Claimant("unit", "UNIT-A", "contact-1"), T, open_claims=0, limit=3)
    refused(n, Forbidden, lambda n: n.start(Actor("contact-2", "unit_contact", unit="UNIT-B"), T))
    n.start(UNIT, T)
    n.done(UNIT, "", (), 4, T)
    _, hours = n.confirm(STAFF, "satisfied", "", T, max_hours=8)
    assert hours == 0.0


@pytest.mark.parametrize("status_of", [need, claimed, started])
def test_staff_cancel_or_whistle_a_live_need(status_of: object) -> None:
    n = status_of()  # type: ignore[operator]
    refused(n, Forbidden, lambda n: n.cancel(HELPER, "x", T))
    refused(n, Forbidden, lambda n: n.cancel(OTHER_STAFF, "x", T))
    refused(n, Forbidden, lambda n: n.blow_whistle(OTHER_WORKER, "FAC-SEWER-BLOCKED", "x", T))
    m = copy.deepcopy(n)
    assert [e.type for e in n.cancel(STAFF, "居民已自行解决", T)] == ["need.cancelled"]
    assert n.status == "cancelled" and n.open_claimant is None
    events = m.blow_whistle(WORKER, "FAC-SEWER-BLOCKED", "下水堵塞", T)
    assert [e.type for e in events] == ["need.whistled"] and m.status == "whistled"
    assert m.whistle == {"category": "FAC-SEWER-BLOCKED", "description": "下水堵塞", "report_id": None, "case_id": None}
    assert all(c.status in ("cancelled",) for c in m.claims)


@pytest.mark.parametrize("status_of", [done])
def test_a_done_need_is_neither_cancelled_nor_whistled(status_of: object) -> None:
    refused(status_of(), IllegalTransition, lambda n: n.cancel(STAFF, "x", T))  # type: ignore[operator]
    refused(status_of(), IllegalTransition, lambda n: n.blow_whistle(STAFF, "X", "x", T))  # type: ignore[operator]


def test_an_unstarted_claim_lapses_and_an_unclaimed_need_expires() -> None:
    n = claimed()
    assert n.next_due(LAPSE) == T + LAPSE
    assert n.tick(T + LAPSE - timedelta(seconds=1), LAPSE) == []
    events = n.tick(T + LAPSE, LAPSE)
    assert [e.type for e in events] == ["need.lapsed"] and n.status == "open" and n.lapse_count == 1
    assert n.next_due(LAPSE) == n.wanted_by
    assert [e.type for e in n.tick(n.wanted_by, LAPSE)] == ["need.expired"] and n.status == "expired"
    assert n.next_due(LAPSE) is None and n.tick(n.wanted_by + LAPSE, LAPSE) == []
    # a started claim never lapses
    s = started()
    assert s.next_due(LAPSE) is None and s.tick(T + 10 * LAPSE, LAPSE) == []


def test_a_claim_waiting_for_staff_lapses_from_when_it_was_made_and_a_confirmed_one_from_its_confirmation() -> None:
    n = claimed("staff_confirms")
    n.confirm_claim(STAFF, "c-1", T + timedelta(hours=10))
    assert n.next_due(LAPSE) == T + timedelta(hours=10) + LAPSE


def test_a_lapse_after_the_wanted_by_date_expires_at_once() -> None:
    n = claimed()
    events = n.tick(n.wanted_by + timedelta(hours=1), LAPSE)
    assert [e.type for e in events] == ["need.lapsed", "need.expired"]


def test_events_carry_no_personal_data_and_no_free_text() -> None:
    n = need(description="老人王秀珍独居")
    events = n.claim("c-1", ME, T, open_claims=0, limit=3)
    events += n.start(HELPER, T) + n.done(HELPER, "王秀珍 13800001111", (), 1, T)
    events += n.confirm(STAFF, "satisfied", "13800001111", T, max_hours=8)[0]
    text = str([e.data for e in events])
    for secret in ("王秀珍", "13800001111", "7号楼301", "老人"):
        assert secret not in text
