"""Duty rosters (值班表, PRODUCT.md §9): a department's or a duty desk's layers of rotations.

A layer is an iCalendar recurrence (a VEVENT with DTSTART in Asia/Shanghai, a DURATION and an RRULE),
expanded with `recurring-ical-events`; its members take the occurrences in turn. An override puts
one person on a layer for a window (a swap, a sick day). A layer is valid from `valid_from` until
`valid_until`: editing a layer whose shifts have started ends it at that moment and starts a new one,
so history is never rewritten. A window where nobody is on duty is a gap, reported as a gap.

Pure: plain values in, plain values out; no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, vRecur

SHANGHAI = ZoneInfo("Asia/Shanghai")
# How far ahead "next" looks.
HORIZON = timedelta(days=31)
# Shifts are at least 15 minutes: no SECONDLY or MINUTELY rules (they would expand without end).
FREQUENCIES = ("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
EARLIEST, LATEST = 2020, 2100


class RosterError(ValueError):
    """A bad layer or override: `field` names the offending input."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Layer:
    id: str
    level: int  # 1 is told first, 2 next, …
    name: str
    rrule: str  # e.g. "FREQ=DAILY" or "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    starts: datetime  # the first shift's start (aware)
    shift: timedelta
    members: tuple[str, ...]
    valid_from: datetime
    valid_until: datetime | None = None


@dataclass(frozen=True)
class Override:
    id: str
    level: int
    member: str
    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class Shift:
    level: int
    member: str | None  # None: a gap
    starts: datetime
    ends: datetime | None
    layer_id: str | None = None
    override_id: str | None = None

    @property
    def gap(self) -> bool:
        return self.member is None


@dataclass(frozen=True)
class OnDuty:
    level: int
    now: Shift
    next: Shift | None = None


@dataclass
class Roster:
    owner: str
    layers: list[Layer] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)


def validate_layer(layer: Layer) -> None:
    if layer.level < 1:
        raise RosterError("level", "must be 1 or more")
    if not layer.members:
        raise RosterError("members", "name at least one member")
    if any(not m.strip() for m in layer.members):
        raise RosterError("members", "a member id cannot be blank")
    if layer.starts.tzinfo is None:
        raise RosterError("starts", "must carry a UTC offset")
    if not timedelta(minutes=15) <= layer.shift <= timedelta(days=14):
        raise RosterError("shift_minutes", "must be between 15 minutes and 14 days")
    if not EARLIEST <= layer.starts.year <= LATEST:
        raise RosterError("starts", f"must be in the years {EARLIEST} to {LATEST}")
    rule = layer.rrule.strip()
    if rule.upper().startswith("RRULE:"):
        raise RosterError("rrule", "give the rule without the 'RRULE:' prefix")
    try:
        recur = vRecur.from_ical(rule)
        rrulestr(rule, dtstart=layer.starts)
    except Exception as error:  # icalendar and dateutil raise several kinds on bad rules
        raise RosterError("rrule", "not an iCalendar RRULE") from error
    if str((recur.get("FREQ") or [""])[0]).upper() not in FREQUENCIES:
        raise RosterError("rrule", f"FREQ must be one of {', '.join(FREQUENCIES)}")
    for part, low, high in (("INTERVAL", 1, 1000), ("COUNT", 1, 100000)):
        values = recur.get(part) or []
        if values and not all(isinstance(v, int) and low <= v <= high for v in values):
            raise RosterError("rrule", f"{part} must be {low} to {high}")
    try:  # some rules parse and only fail when expanded
        recurring_ical_events.of(_calendar(layer)).between(layer.starts, layer.starts + timedelta(days=366))
    except Exception as error:
        raise RosterError("rrule", "not an iCalendar RRULE") from error


def validate_override(override: Override) -> None:
    if override.starts.tzinfo is None or override.ends.tzinfo is None:
        raise RosterError("starts", "must carry a UTC offset")
    if not (EARLIEST <= override.starts.year <= LATEST and EARLIEST <= override.ends.year <= LATEST):
        raise RosterError("starts", f"must be in the years {EARLIEST} to {LATEST}")
    if override.ends <= override.starts:
        raise RosterError("ends", "must be after starts")
    if not override.member.strip():
        raise RosterError("member", "cannot be blank")
    if override.level < 1:
        raise RosterError("level", "must be 1 or more")


def _calendar(layer: Layer) -> Calendar:
    cal = Calendar()
    event = Event()
    event.add("uid", layer.id)
    event.add("dtstart", layer.starts.astimezone(SHANGHAI))
    event.add("duration", layer.shift)
    event.add("rrule", vRecur.from_ical(layer.rrule))
    cal.add_component(event)
    return cal


def _aware(value: datetime | object) -> datetime:
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=SHANGHAI)


def layer_shifts(layer: Layer, start: datetime, end: datetime) -> list[Shift]:
    """The layer's shifts overlapping [start, end), clipped to the layer's validity, each with its
    member (the n-th occurrence since the first shift goes to members[n % len])."""
    lo = max(start, layer.valid_from)
    hi = end if layer.valid_until is None else min(end, layer.valid_until)
    if lo >= hi:
        return []
    cal = _calendar(layer)
    events = recurring_ical_events.of(cal).between(lo - layer.shift, hi)
    occurrences = sorted(_aware(e["DTSTART"].dt) for e in events)
    if not occurrences:
        return []
    # The rotation's turn of the first occurrence: how many occurrences came before it.
    first = occurrences[0]
    # Counted with dateutil (what recurring-ical-events expands with; `compatible` counts DTSTART as
    # the first occurrence, as iCalendar does): far quicker than expanding events for a long history.
    rule = rrulestr(layer.rrule, dtstart=layer.starts.astimezone(SHANGHAI), compatible=True)
    turn = sum(1 for _ in rule.between(layer.starts, first, inc=True) if _ < first)
    shifts = []
    for i, at in enumerate(occurrences):
        ends = at + layer.shift
        if ends <= lo or at >= hi:
            continue
        member = layer.members[(turn + i) % len(layer.members)]
        clip_end = ends if layer.valid_until is None else min(ends, layer.valid_until)
        shifts.append(Shift(layer.level, member, max(at, layer.valid_from), clip_end, layer_id=layer.id))
    return shifts


def level_timeline(roster: Roster, level: int, start: datetime, end: datetime) -> list[Shift]:
    """One level's shifts over [start, end) with overrides laid on top and gaps filled in."""
    base = sorted(
        (s for layer in roster.layers if layer.level == level for s in layer_shifts(layer, start, end)),
        key=lambda s: s.starts,
    )
    overrides = sorted(
        (o for o in roster.overrides if o.level == level and o.ends > start and o.starts < end), key=lambda o: o.starts
    )
    pieces: list[Shift] = []
    for shift in base:
        pieces.extend(_cut(shift, overrides))
    for o in overrides:
        pieces.append(Shift(level, o.member, o.starts, o.ends, override_id=o.id))
    pieces.sort(key=lambda s: (s.starts, s.override_id is None))
    timeline: list[Shift] = []
    cursor = start
    for piece in pieces:
        piece_end = piece.ends or end
        if piece_end <= cursor:
            continue
        if piece.starts > cursor:
            timeline.append(Shift(level, None, cursor, piece.starts))
        timeline.append(
            Shift(level, piece.member, max(piece.starts, cursor), piece_end, piece.layer_id, piece.override_id)
        )
        cursor = piece_end
    if cursor < end:
        timeline.append(Shift(level, None, cursor, None))
    return timeline


def _cut(shift: Shift, overrides: list[Override]) -> list[Shift]:
    """The parts of a layer's shift no override covers."""
    parts = [shift]
    for o in overrides:
        kept = []
        for p in parts:
            p_end = p.ends
            assert p_end is not None
            if o.ends <= p.starts or o.starts >= p_end:
                kept.append(p)
                continue
            if o.starts > p.starts:
                kept.append(Shift(p.level, p.member, p.starts, o.starts, p.layer_id))
            if o.ends < p_end:
                kept.append(Shift(p.level, p.member, o.ends, p_end, p.layer_id))
        parts = kept
    return parts


def levels(roster: Roster) -> list[int]:
    return sorted({layer.level for layer in roster.layers} | {o.level for o in roster.overrides})


def on_duty(roster: Roster, at: datetime, horizon: timedelta = HORIZON) -> list[OnDuty]:
    """Per level: who is on duty at `at` (or the gap) and the next shift after it (a person's, or the
    gap that follows; None when nothing changes within the horizon)."""
    answer = []
    for level in levels(roster):
        timeline = level_timeline(roster, level, at, at + horizon)
        now = timeline[0]
        following = [s for s in timeline[1:] if s.member != now.member or s.gap != now.gap]
        answer.append(OnDuty(level, now, following[0] if following else None))
    return answer


def end_layer(layer: Layer, at: datetime) -> Layer:
    """Editing a layer that has started: the old one ends at `at` (its past shifts stay as they were)."""
    from dataclasses import replace

    return replace(layer, valid_until=at)
