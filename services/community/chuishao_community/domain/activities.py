"""Volunteer service activities (志愿服务活动): slots, sign-ups, check-in/out, no-shows and hours.

Pure: standard library only; every command takes the instant `now` (aware) from its caller, and the
QR key from the composition root. Who may mark, grant or create is the service layer's question;
the domain checks the facts.

Rules (COMMUNITY.md §2 "Activity", "Hours ledger"):

- An activity has a time window (`starts_at` < `ends_at`, at most `MAX_LENGTH`), a place, an
  organiser or a team (at least one), and slots by skill, each with a capacity. A slot may require a
  skill: only a member holding it may take the slot.
- Sign-up is refused for an unknown slot, a full slot, a member already signed up (to any slot), at
  or after the start, and a skill the member lacks. Before the start a sign-up may be withdrawn.
- Check-in and check-out: by the QR code the organiser shows (a short-lived token, `issue_code`:
  HMAC-SHA256 over the activity id and the expiry, default life 10 minutes), or marked by the
  organiser with the instant it happened. Refused: an expired, forged or other activity's code; a
  member not signed up; checking in twice; checking in more than `EARLY_CHECK_IN` before the start or
  at/after the end; checking out without a check-in, twice, or before the check-in.
- No-shows: signed up, never checked in, once the activity has ended.
- People served: a count the organiser sets once the activity has started.
- Attended hours = the time checked in clipped to the activity's window (so never more than its
  length), rounded to the nearest quarter hour (an exact half, 7 min 30 s, rounds up), and never
  more than the activity's length rounded *down* to a quarter hour. No check-out, no hours.
- Organiser-granted hours (preparation, clean-up, a task done off the clock): only once the activity
  has ended and the member has no pending check-out (so the attended hours are final); a non-empty
  reason; a positive multiple of 0.25 h; at most `HoursPolicy.grant_cap` per grant (default 8 h); and
  never making the member's hours for the activity (attended + granted) exceed its length (rounded
  down to a quarter hour) plus `HoursPolicy.allowance` (default 1 h).

Refusals are `ActivityError`s carrying `field` (the request field at fault, for problem+json) and
`code` (a stable reason code); `entrypoints` maps `InvalidActivityCommand` → 422,
`ActivityConflict` → 409, `CodeRejected` → 403.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

__all__ = [
    "CODE_LIFETIME",
    "EARLY_CHECK_IN",
    "MAX_LENGTH",
    "QUARTER",
    "Activity",
    "ActivityConflict",
    "ActivityError",
    "CodeRejected",
    "Grant",
    "HoursEntry",
    "HoursPolicy",
    "InvalidActivityCommand",
    "Place",
    "Signup",
    "Slot",
    "attended_hours",
    "floor_quarter",
    "issue_code",
    "round_quarter",
    "verify_code",
]

CODE_LIFETIME = timedelta(minutes=10)
EARLY_CHECK_IN = timedelta(minutes=30)
MAX_LENGTH = timedelta(hours=24)
QUARTER = Decimal("0.25")

# How a check-in or check-out was made.
BY_CODE = "code"
BY_ORGANISER = "organiser"


# ------------------------------------------------------------------------------------------ errors


class ActivityError(Exception):
    """A refused activity command; nothing changed. `field` names the input at fault, `code` the reason."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.message = message


class InvalidActivityCommand(ActivityError):
    """An argument is wrong in itself (422)."""


class ActivityConflict(ActivityError):
    """The argument is well formed but the activity's state refuses it (409)."""


class CodeRejected(ActivityError):
    """The QR code is malformed, forged, expired or another activity's (403)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__("code", code, message)


# ------------------------------------------------------------------------------------------ values


@dataclass(frozen=True)
class Slot:
    """A slot of the activity: `capacity` people; `skill` (a skill code) required when set."""

    code: str
    capacity: int
    skill: str | None = None


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class HoursPolicy:
    """The caps on organiser-granted hours (a community may configure them)."""

    grant_cap: Decimal = Decimal("8")
    allowance: Decimal = Decimal("1")


@dataclass
class Signup:
    member: str
    slot: str
    signed_up_at: datetime
    checked_in_at: datetime | None = None
    checked_in_by: str | None = None  # BY_CODE or BY_ORGANISER
    checked_out_at: datetime | None = None
    checked_out_by: str | None = None


@dataclass(frozen=True)
class Grant:
    member: str
    hours: Decimal
    reason: str
    granted_by: str
    at: datetime


@dataclass(frozen=True)
class HoursEntry:
    """One hours-ledger entry (Appendix "Hours read": `hours`, `source`, `ref`, `at`)."""

    member: str
    hours: Decimal
    source: str  # "activity" | "granted"
    ref: str  # the activity id
    at: datetime
    reason: str | None = None


# ------------------------------------------------------------------------------------ hours rules


def round_quarter(hours: Decimal) -> Decimal:
    """To the nearest quarter hour; an exact half rounds up."""
    return ((hours / QUARTER).quantize(Decimal(1), rounding=ROUND_HALF_UP) * QUARTER).quantize(Decimal("0.01"))


def floor_quarter(hours: Decimal) -> Decimal:
    return ((hours / QUARTER).quantize(Decimal(1), rounding=ROUND_FLOOR) * QUARTER).quantize(Decimal("0.01"))


def _hours(delta: timedelta) -> Decimal:
    return Decimal(int(delta.total_seconds() * 1_000_000)) / Decimal(3_600_000_000)


def attended_hours(
    starts_at: datetime, ends_at: datetime, checked_in_at: datetime | None, checked_out_at: datetime | None
) -> Decimal:
    """The hours rule for one attendance (see the module docstring)."""
    if checked_in_at is None or checked_out_at is None:
        return Decimal("0.00")
    start = max(starts_at, checked_in_at)
    end = min(ends_at, checked_out_at)
    if end <= start:
        return Decimal("0.00")
    return min(round_quarter(_hours(end - start)), floor_quarter(_hours(ends_at - starts_at)))


# -------------------------------------------------------------------------------------- QR codes


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, b"chuishao.activity.checkin\x00" + payload, hashlib.sha256).digest()


def issue_code(activity_id: str, key: bytes, now: datetime, lifetime: timedelta = CODE_LIFETIME) -> str:
    """The token the organiser's QR code carries: `<b64url(activity id)>.<expiry, unix s>.<b64url(HMAC)>`."""
    _require_aware("now", now)
    if not key:
        raise InvalidActivityCommand("key", "required", "a signing key is required")
    expiry = math.floor((now + lifetime).timestamp())
    payload = f"{_b64(activity_id.encode())}.{expiry}"
    return f"{payload}.{_b64(_signature(key, payload.encode()))}"


def verify_code(token: str, activity_id: str, key: bytes, now: datetime) -> int:
    """Check a scanned token for `activity_id` at `now`; returns its expiry (unix seconds). Forgery is checked first,
    so an unsigned token claims nothing, then the activity, then the expiry."""
    _require_aware("now", now)
    parts = token.strip().split(".") if isinstance(token, str) else []
    if len(parts) != 3 or not parts[1].isdigit():
        raise CodeRejected("malformed", "not a check-in code")
    try:
        signature = _unb64(parts[2])
        claimed_raw = _unb64(parts[0])
        claimed_activity = claimed_raw.decode()
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise CodeRejected("malformed", "not a check-in code") from None
    if _b64(signature) != parts[2] or _b64(claimed_raw) != parts[0]:  # one spelling per token
        raise CodeRejected("malformed", "not a check-in code")
    payload = f"{parts[0]}.{parts[1]}".encode()
    if not key or not hmac.compare_digest(signature, _signature(key, payload)):
        raise CodeRejected("forged", "the code was not issued by this service")
    if claimed_activity != activity_id:
        raise CodeRejected("wrong_activity", "the code belongs to another activity")
    expiry = int(parts[1])
    if now.timestamp() >= expiry:
        raise CodeRejected("expired", "the code has expired; scan the organiser's current code")
    return expiry


# -------------------------------------------------------------------------------------- the aggregate


def _require_aware(name: str, value: datetime) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidActivityCommand(name, "naive_datetime", "must be a timezone-aware instant")


def _require_text(name: str, value: str | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidActivityCommand(name, "required", "must not be empty")
    return value.strip()


@dataclass
class Activity:
    id: str
    community: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: Place
    organiser: str | None
    team: str | None
    slots: tuple[Slot, ...]
    signups: dict[str, Signup] = field(default_factory=dict)
    grants: list[Grant] = field(default_factory=list)
    people_served: int = 0

    # ---------------------------------------------------------------------------------- creation

    @classmethod
    def create(
        cls,
        *,
        id: str,
        community: str,
        title: str,
        starts_at: datetime,
        ends_at: datetime,
        place: Place,
        slots: Sequence[Slot],
        organiser: str | None = None,
        team: str | None = None,
    ) -> Activity:
        _require_text("id", id)
        _require_text("community", community)
        title = _require_text("title", title)
        _require_aware("starts_at", starts_at)
        _require_aware("ends_at", ends_at)
        if ends_at <= starts_at:
            raise InvalidActivityCommand("ends_at", "not_after_start", "must be after starts_at")
        if ends_at - starts_at > MAX_LENGTH:
            raise InvalidActivityCommand("ends_at", "too_long", f"an activity lasts at most {MAX_LENGTH}")
        if not isinstance(place, Place):
            raise InvalidActivityCommand("place", "required", "a place is required")
        _require_text("place.name", place.name)
        if place.lat is not None and not -90 <= place.lat <= 90:
            raise InvalidActivityCommand("place.lat", "out_of_range", "latitude must lie in [-90, 90]")
        if place.lon is not None and not -180 <= place.lon <= 180:
            raise InvalidActivityCommand("place.lon", "out_of_range", "longitude must lie in [-180, 180]")
        if not (organiser and organiser.strip()) and not (team and team.strip()):
            raise InvalidActivityCommand("organiser", "required", "an organiser or a team is required")
        if not slots:
            raise InvalidActivityCommand("slots", "required", "at least one slot is required")
        seen: set[str] = set()
        for i, slot in enumerate(slots):
            _require_text(f"slots[{i}].code", slot.code)
            if slot.code in seen:
                raise InvalidActivityCommand(f"slots[{i}].code", "duplicate", f"slot '{slot.code}' is listed twice")
            seen.add(slot.code)
            if isinstance(slot.capacity, bool) or not isinstance(slot.capacity, int) or slot.capacity < 1:
                raise InvalidActivityCommand(f"slots[{i}].capacity", "out_of_range", "must be a whole number ≥ 1")
            if slot.skill is not None and not slot.skill.strip():
                raise InvalidActivityCommand(f"slots[{i}].skill", "required", "a required skill must be named")
        return cls(
            id=id,
            community=community,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            organiser=organiser or None,
            team=team or None,
            slots=tuple(slots),
        )

    # ---------------------------------------------------------------------------------- queries

    @property
    def length(self) -> timedelta:
        return self.ends_at - self.starts_at

    @property
    def length_hours(self) -> Decimal:
        """The activity's length in countable hours: rounded down to a quarter hour."""
        return floor_quarter(_hours(self.length))

    def slot(self, code: str) -> Slot:
        for slot in self.slots:
            if slot.code == code:
                return slot
        raise InvalidActivityCommand("slot", "unknown_slot", f"no slot '{code}' in this activity")

    def taken(self, slot_code: str) -> int:
        return sum(1 for s in self.signups.values() if s.slot == slot_code)

    def free(self, slot_code: str) -> int:
        return self.slot(slot_code).capacity - self.taken(slot_code)

    def no_shows(self, now: datetime) -> list[str]:
        """Members signed up who never checked in, once the activity has ended (before: none yet)."""
        _require_aware("now", now)
        if now < self.ends_at:
            return []
        return sorted(m for m, s in self.signups.items() if s.checked_in_at is None)

    def awaiting_check_out(self) -> list[str]:
        return sorted(m for m, s in self.signups.items() if s.checked_in_at and s.checked_out_at is None)

    def attended_hours(self, member: str) -> Decimal:
        signup = self.signups.get(member)
        if signup is None:
            return Decimal("0.00")
        return attended_hours(self.starts_at, self.ends_at, signup.checked_in_at, signup.checked_out_at)

    def granted_hours(self, member: str) -> Decimal:
        return sum((g.hours for g in self.grants if g.member == member), Decimal("0.00"))

    def hours_for(self, member: str) -> Decimal:
        """The member's hours for this activity: attended plus granted (both capped as documented)."""
        return self.attended_hours(member) + self.granted_hours(member)

    def hours_cap(self, policy: HoursPolicy) -> Decimal:
        return self.length_hours + policy.allowance

    # ---------------------------------------------------------------------------------- sign-up

    def sign_up(self, member: str, slot_code: str, skills: Iterable[str], now: datetime) -> Signup:
        _require_text("member", member)
        _require_aware("now", now)
        slot = self.slot(slot_code)
        if now >= self.starts_at:
            raise ActivityConflict("slot", "started", "sign-up closes when the activity starts")
        if member in self.signups:
            raise ActivityConflict("member", "already_signed_up", "already signed up to this activity")
        if slot.skill is not None and slot.skill not in set(skills):
            raise ActivityConflict("slot", "skill_mismatch", f"slot '{slot.code}' needs the skill '{slot.skill}'")
        if self.free(slot.code) <= 0:
            raise ActivityConflict("slot", "slot_full", f"slot '{slot.code}' is full")
        signup = Signup(member=member, slot=slot.code, signed_up_at=now)
        self.signups[member] = signup
        return signup

    def withdraw(self, member: str, now: datetime) -> Signup:
        """Withdraw a sign-up before the start (frees the place)."""
        _require_aware("now", now)
        self._signup(member)
        if now >= self.starts_at:
            raise ActivityConflict("member", "started", "a sign-up can no longer be withdrawn once started")
        return self.signups.pop(member)

    # ---------------------------------------------------------------------------------- check-in/out

    def check_in_by_code(self, member: str, token: str, key: bytes, now: datetime) -> Signup:
        verify_code(token, self.id, key, now)
        return self._check_in(member, at=now, now=now, how=BY_CODE)

    def mark_check_in(self, member: str, at: datetime, now: datetime) -> Signup:
        """The organiser marks the member present from `at` (not in the future)."""
        _require_aware("at", at)
        _require_aware("now", now)
        if at > now:
            raise InvalidActivityCommand("at", "in_future", "cannot mark a check-in in the future")
        return self._check_in(member, at=at, now=now, how=BY_ORGANISER)

    def check_out_by_code(self, member: str, token: str, key: bytes, now: datetime) -> HoursEntry:
        verify_code(token, self.id, key, now)
        return self._check_out(member, at=now, how=BY_CODE)

    def mark_check_out(self, member: str, at: datetime, now: datetime) -> HoursEntry:
        _require_aware("at", at)
        _require_aware("now", now)
        if at > now:
            raise InvalidActivityCommand("at", "in_future", "cannot mark a check-out in the future")
        return self._check_out(member, at=at, how=BY_ORGANISER)

    def _signup(self, member: str) -> Signup:
        signup = self.signups.get(member)
        if signup is None:
            raise ActivityConflict("member", "not_signed_up", "not signed up to this activity")
        return signup

    def _check_in(self, member: str, *, at: datetime, now: datetime, how: str) -> Signup:
        _require_aware("now", now)
        signup = self._signup(member)
        if signup.checked_in_at is not None:
            raise ActivityConflict("member", "already_checked_in", "already checked in")
        if at < self.starts_at - EARLY_CHECK_IN:
            raise ActivityConflict("at", "too_early", f"check-in opens {EARLY_CHECK_IN} before the start")
        if at >= self.ends_at:
            raise ActivityConflict("at", "ended", "the activity has ended")
        signup.checked_in_at = at
        signup.checked_in_by = how
        return signup

    def _check_out(self, member: str, *, at: datetime, how: str) -> HoursEntry:
        signup = self._signup(member)
        if signup.checked_in_at is None:
            raise ActivityConflict("member", "not_checked_in", "check in before checking out")
        if signup.checked_out_at is not None:
            raise ActivityConflict("member", "already_checked_out", "already checked out")
        if at < signup.checked_in_at:
            raise InvalidActivityCommand("at", "before_check_in", "a check-out cannot precede the check-in")
        signup.checked_out_at = at
        signup.checked_out_by = how
        return HoursEntry(member=member, hours=self.attended_hours(member), source="activity", ref=self.id, at=at)

    # ---------------------------------------------------------------------------------- outcome

    def record_people_served(self, count: int, now: datetime) -> None:
        _require_aware("now", now)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidActivityCommand("people_served", "out_of_range", "must be a whole number ≥ 0")
        if now < self.starts_at:
            raise ActivityConflict("people_served", "not_started", "people served are counted once it has started")
        self.people_served = count

    def grant_hours(
        self,
        member: str,
        hours: Decimal | int | str,
        reason: str,
        granted_by: str,
        now: datetime,
        policy: HoursPolicy = HoursPolicy(),
    ) -> HoursEntry:
        _require_text("member", member)
        _require_aware("now", now)
        reason = _require_text("reason", reason)
        _require_text("granted_by", granted_by)
        try:
            amount = Decimal(str(hours))
        except ArithmeticError:
            raise InvalidActivityCommand("hours", "not_a_number", "must be a number of hours") from None
        if not amount.is_finite() or amount <= 0:
            raise InvalidActivityCommand("hours", "out_of_range", "must be more than 0")
        if amount % QUARTER != 0:
            raise InvalidActivityCommand("hours", "not_quarter_hours", "must be a multiple of 0.25 h")
        if amount > policy.grant_cap:
            raise InvalidActivityCommand("hours", "above_grant_cap", f"one grant is at most {policy.grant_cap} h")
        if now < self.ends_at:
            raise ActivityConflict("hours", "not_ended", "hours are granted once the activity has ended")
        if member in self.awaiting_check_out():
            raise ActivityConflict("member", "check_out_pending", "check the member out before granting hours")
        if self.hours_for(member) + amount > self.hours_cap(policy):
            raise ActivityConflict(
                "hours",
                "above_activity_cap",
                f"a member's hours for this activity are at most {self.hours_cap(policy)} h "
                f"(its length plus {policy.allowance} h)",
            )
        grant = Grant(
            member=member, hours=amount.quantize(Decimal("0.01")), reason=reason, granted_by=granted_by, at=now
        )
        self.grants.append(grant)
        return HoursEntry(member=member, hours=grant.hours, source="granted", ref=self.id, at=now, reason=reason)
