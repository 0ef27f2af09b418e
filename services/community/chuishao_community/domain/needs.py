"""A resident's need (需求清单, 微心愿) and its claims: the state machine of COMMUNITY.md §2.

    open ──claim──▶ claimed ──start──▶ in_progress ──done──▶ done ──confirm──▶ confirmed (hours count)
     ▲  ▲              │                    │
     │  └─ release ────┴────────────────────┘   (the claimant gives up: counted)
     └──── lapse: a claim not started within the lapse time (a no-show: counted)
    open ──wanted_by passes──▶ expired          open/claimed/in_progress/expired ──cancel──▶ cancelled
    open/claimed/in_progress/expired ──whistle (吹哨: a department's job, filed through intake)──▶ whistled

A need holds one live claim at a time (a unit's claim brings its own people; `helpers` says how many
are wanted). With privacy `staff_confirms` a claim waits (`pending`) until staff confirm it; only a
confirmed claim may start, and only its claimant sees the resident. With `open` it is confirmed at once.
Every method checks everything before it changes anything, so a refusal leaves the need as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chuishao_community.domain.errors import ClaimLimitReached, Forbidden, IllegalTransition, InvalidCommand
from chuishao_community.domain.hours import credited_hours
from chuishao_community.domain.values import Actor, DomainEvent
from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import CLAIM_OPEN, FINISHED, MERGED

OPEN, CLAIMED, IN_PROGRESS, DONE, CONFIRMED = "open", "claimed", "in_progress", "done", "confirmed"
EXPIRED, CANCELLED, WHISTLED = "expired", "cancelled", "whistled"
# Claim statuses
PENDING, STARTED, COMPLETED, RELEASED, LAPSED = "pending", "started", "completed", "released", "lapsed"
CLAIM_CONFIRMED, CLAIM_DONE, CLAIM_CANCELLED = "confirmed", "done", "cancelled"
# A claim whose claimant sees the resident's contact.
SEES_RESIDENT = frozenset({CLAIM_CONFIRMED, STARTED, CLAIM_DONE})
# From where staff may cancel, or blow the whistle.
ENDABLE = frozenset({OPEN, CLAIMED, IN_PROGRESS, EXPIRED})
STAFF_CONFIRMS, OPEN_PRIVACY = "staff_confirms", "open"
# The case statuses that end a whistled need's case (dispatch's closed and cancelled).
CASE_ENDS = FINISHED - {MERGED}


@dataclass(frozen=True)
class Claimant:
    kind: str  # "member" | "unit"
    ident: str  # the member id or the unit code
    sub: str  # the token subject who claimed

    @property
    def key(self) -> str:
        """What the open-claims limit counts by."""
        return f"{self.kind}:{self.ident}"


@dataclass
class Claim:
    id: str
    claimant: Claimant
    status: str
    claimed_at: datetime
    confirmed_at: datetime | None = None
    started_at: datetime | None = None
    done_at: datetime | None = None
    ended_at: datetime | None = None

    def is_by(self, actor: Actor) -> bool:
        if self.claimant.kind == "unit":
            return actor.role == "unit_contact" and actor.unit == self.claimant.ident
        return actor.role == "volunteer" and actor.sub == self.claimant.sub

    def lapses_at(self, lapse: timedelta) -> datetime:
        """A claim must be started within `lapse` of being confirmed (or of being made, while it waits)."""
        return (self.confirmed_at or self.claimed_at) + lapse


@dataclass
class Need:
    id: str
    community: str
    grid: str
    kind: str
    title: str
    description: str
    resident: dict[str, str]  # name, phone, address: personal
    urgency: str
    wanted_by: datetime
    privacy: str
    recorded_by: str
    recorded_at: datetime
    building: str | None = None
    skills: tuple[str, ...] = ()
    helpers: int = 1
    hours_wanted: float | None = None
    status: str = OPEN
    claims: list[Claim] = field(default_factory=list)
    release_count: int = 0
    lapse_count: int = 0
    done_note: str = ""
    photos: tuple[str, ...] = ()
    hours_reported: float | None = None
    hours_credited: float | None = None
    satisfaction: str | None = None
    confirm_note: str = ""
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None
    end_reason: str = ""
    ended_at: datetime | None = None
    whistle: dict[str, Any] | None = None  # category, description, report_id, case_id, filed_at
    # 点单响应: the case in dispatch this need answers (made from a case event; its confirmation closes it).
    origin_case_id: str | None = None

    # ------------------------------------------------------------------ reading

    @property
    def live_claim(self) -> Claim | None:
        return next((c for c in reversed(self.claims) if c.status in CLAIM_OPEN or c.status == CLAIM_DONE), None)

    def claim_by_id(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def sees_resident(self, actor: Actor) -> bool:
        """The community's staff, and the claimant of a confirmed claim (COMMUNITY.md §1)."""
        if actor.is_staff_of(self.community):
            return True
        claim = self.live_claim
        return claim is not None and claim.status in SEES_RESIDENT and claim.is_by(actor)

    def may_see(self, actor: Actor) -> bool:
        """Staff and volunteers of its community, a grid worker of its grid, the contact of a unit whose
        agreement with its community is in force."""
        if actor.role in ("community_staff", "volunteer"):
            return actor.community == self.community
        if actor.role == "grid_worker":
            return self.grid in actor.grids
        return actor.role == "unit_contact" and self.community in actor.communities

    def next_due(self, lapse: timedelta) -> datetime | None:
        """When the sweep should look at this need again: its live claim's lapse, or its wanted-by date."""
        if self.status == OPEN:
            return self.wanted_by
        claim = self.live_claim
        if self.status == CLAIMED and claim is not None and claim.status in (PENDING, CLAIM_CONFIRMED):
            return claim.lapses_at(lapse)
        return None

    @property
    def open_claimant(self) -> str | None:
        """The claimant whose open claim this need holds (the limit counts these)."""
        claim = self.live_claim
        return claim.claimant.key if claim is not None and claim.status in CLAIM_OPEN else None

    def event(self, type_: str, at: datetime, claim: Claim | None = None, **extra: Any) -> DomainEvent:
        """Public-safe: ids, codes, status, counts and times; no resident, no free text."""
        data: dict[str, Any] = {
            "need_id": self.id,
            "community": self.community,
            "grid": self.grid,
            "kind": self.kind,
            "status": self.status,
            "urgency": self.urgency,
            "skills": list(self.skills),
            "helpers": self.helpers,
            "privacy": self.privacy,
            "wanted_by": self.wanted_by.isoformat(),
            "release_count": self.release_count,
            "lapse_count": self.lapse_count,
            "at": at.isoformat(),
        }
        if claim is not None:
            data |= {"claim_id": claim.id, "claimant_kind": claim.claimant.kind, "claimant": claim.claimant.ident}
        if self.origin_case_id is not None:
            data["origin_case_id"] = self.origin_case_id
        return DomainEvent(type_, data | extra)

    # ------------------------------------------------------------------ changing

    def _require(self, allowed: frozenset[str] | set[str], action: str) -> None:
        if self.status not in allowed:
            raise IllegalTransition(f"a need that is {self.status} cannot be {action}", self.status)

    def _own_live_claim(self, actor: Actor, action: str) -> Claim:
        claim = self.live_claim
        if claim is None or not claim.is_by(actor):
            raise Forbidden("claim", f"only the claimant may {action} this need")
        return claim

    def claim(
        self, claim_id: str, claimant: Claimant, at: datetime, *, open_claims: int, limit: int
    ) -> list[DomainEvent]:
        self._require({OPEN}, "claimed")
        if open_claims >= limit:
            raise ClaimLimitReached(limit)
        confirmed = self.privacy == OPEN_PRIVACY
        claim = Claim(
            id=claim_id,
            claimant=claimant,
            status=CLAIM_CONFIRMED if confirmed else PENDING,
            claimed_at=at,
            confirmed_at=at if confirmed else None,
        )
        self.claims.append(claim)
        self.status = CLAIMED
        return [self.event(EventType.NEED_CLAIMED, at, claim, claim_status=claim.status)]

    def confirm_claim(self, actor: Actor, claim_id: str, at: datetime) -> list[DomainEvent]:
        if not actor.is_staff_of(self.community):
            raise Forbidden("claim", "only the community's staff confirm a claim")
        claim = self.claim_by_id(claim_id)
        if claim is None or claim is not self.live_claim:
            raise IllegalTransition(f"claim {claim_id} is not this need's live claim", self.status)
        if claim.status != PENDING:
            raise IllegalTransition(f"the claim is {claim.status}, not waiting for confirmation", self.status)
        claim.status, claim.confirmed_at = CLAIM_CONFIRMED, at
        return [self.event(EventType.NEED_CLAIM_CONFIRMED, at, claim)]

    def release(self, actor: Actor, reason: str, at: datetime) -> list[DomainEvent]:
        self._require({CLAIMED, IN_PROGRESS}, "released")
        claim = self.live_claim
        assert claim is not None
        if not (claim.is_by(actor) or actor.is_staff_of(self.community)):
            raise Forbidden("claim", "only the claimant or the community's staff may release a claim")
        claim.status, claim.ended_at = RELEASED, at
        self.status = OPEN
        self.release_count += 1
        self.end_reason = reason
        return [self.event(EventType.NEED_RELEASED, at, claim)]

    def start(self, actor: Actor, at: datetime) -> list[DomainEvent]:
        self._require({CLAIMED}, "started")
        claim = self._own_live_claim(actor, "start")
        if claim.status != CLAIM_CONFIRMED:
            raise IllegalTransition("the claim waits for the community's staff to confirm it", self.status)
        claim.status, claim.started_at = STARTED, at
        self.status = IN_PROGRESS
        return [self.event(EventType.NEED_STARTED, at, claim)]

    def done(self, actor: Actor, note: str, photos: tuple[str, ...], hours: float, at: datetime) -> list[DomainEvent]:
        self._require({IN_PROGRESS}, "reported done")
        claim = self._own_live_claim(actor, "report done")
        if not 0 < hours <= 24:
            raise InvalidCommand("hours", "the hours spent must lie within (0, 24]")
        claim.status, claim.done_at = CLAIM_DONE, at
        self.status = DONE
        self.done_note, self.photos, self.hours_reported = note, photos, hours
        return [self.event(EventType.NEED_DONE, at, claim, hours_reported=hours, photo_count=len(photos))]

    def confirm(
        self, actor: Actor, satisfaction: str, note: str, at: datetime, *, max_hours: float
    ) -> tuple[list[DomainEvent], float]:
        """Staff, or the need's grid worker, confirm with the resident; never the claimant. Returns the
        events and the hours credited to a member's claim (0 for a unit's)."""
        if not (actor.is_staff_of(self.community) or (actor.role == "grid_worker" and self.grid in actor.grids)):
            raise Forbidden("need", "only the community's staff or the need's grid worker confirm a need")
        self._require({DONE}, "confirmed")
        claim = self.live_claim
        assert claim is not None
        if actor.sub == claim.claimant.sub:
            raise Forbidden("claim", "confirming your own claim is not allowed: another confirms with the resident")
        hours = credited_hours(self.hours_reported or 0.0, self.hours_wanted, max_hours)
        credited = hours if claim.claimant.kind == "member" else 0.0
        claim.status, claim.ended_at = COMPLETED, at
        self.status = CONFIRMED
        self.satisfaction, self.confirm_note = satisfaction, note
        self.confirmed_at, self.confirmed_by, self.hours_credited = at, actor.sub, credited
        return [self.event(EventType.NEED_CONFIRMED, at, claim, satisfaction=satisfaction, hours=credited)], credited

    def cancel(self, actor: Actor, reason: str, at: datetime) -> list[DomainEvent]:
        if not actor.is_staff_of(self.community):
            raise Forbidden("need", "only the community's staff cancel a need")
        self._require(ENDABLE, "cancelled")
        claim = self._end_live_claim(at)
        self.status, self.end_reason, self.ended_at = CANCELLED, reason, at
        return [self.event(EventType.NEED_CANCELLED, at, claim)]

    def blow_whistle(self, actor: Actor, category: str, description: str, at: datetime) -> list[DomainEvent]:
        """吹哨: it is a department's job. The report is filed through intake by the whistle relay."""
        if not (actor.is_staff_of(self.community) or (actor.role == "grid_worker" and self.grid in actor.grids)):
            raise Forbidden("need", "only the community's staff or the need's grid worker blow the whistle")
        self._require(ENDABLE, "whistled")
        claim = self._end_live_claim(at)
        self.status, self.ended_at = WHISTLED, at
        self.whistle = {"category": category, "description": description, "report_id": None, "case_id": None}
        return [self.event(EventType.NEED_WHISTLED, at, claim, category=category, report_id=None, case_id=None)]

    def follow_case(self, case_id: str, case_status: str, resolution: str | None, at: datetime) -> list[DomainEvent]:
        """A whistled need follows its case (from dispatch's case events): it learns the case id and status,
        and when the case ends (closed or cancelled) the outcome is kept on the need, once (need.case_closed).
        A merged case is left to the case it was merged into (whose events carry this need's report)."""
        if self.status != WHISTLED or self.whistle is None or case_status == MERGED:
            return []
        whistle = self.whistle
        if whistle.get("outcome") is not None:
            return []
        whistle["case_id"], whistle["case_status"] = case_id, case_status
        if case_status not in CASE_ENDS:
            return []
        whistle["outcome"] = {"status": case_status, "resolution": resolution, "at": at.isoformat()}
        return [
            self.event(
                EventType.NEED_CASE_CLOSED,
                at,
                report_id=whistle.get("report_id"),
                case_id=case_id,
                case_status=case_status,
                resolution=resolution,
            )
        ]

    def record_resident(self, actor: Actor, resident: dict[str, str]) -> None:
        """The community's staff record (or correct) the resident's contact — a need made from a case has
        none, since no case event carries it. Personal: no event, never on a topic."""
        if not actor.is_staff_of(self.community):
            raise Forbidden("need", "only the community's staff record a resident's contact")
        self._require(ENDABLE | {DONE}, "given a resident")
        self.resident = dict(resident)

    def _end_live_claim(self, at: datetime) -> Claim | None:
        claim = self.live_claim
        if claim is not None:
            claim.status, claim.ended_at = CLAIM_CANCELLED, at
        return claim

    def tick(self, at: datetime, lapse: timedelta) -> list[DomainEvent]:
        """What time alone does: a claim not started in time lapses (a no-show, back to open), and an
        open need past its wanted-by date expires (staff are alerted by need.expired)."""
        events: list[DomainEvent] = []
        claim = self.live_claim
        if self.status == CLAIMED and claim is not None and claim.status in (PENDING, CLAIM_CONFIRMED):
            if claim.lapses_at(lapse) <= at:
                claim.status, claim.ended_at = LAPSED, at
                self.status = OPEN
                self.lapse_count += 1
                events.append(self.event(EventType.NEED_LAPSED, at, claim))
        if self.status == OPEN and self.wanted_by <= at:
            self.status, self.ended_at = EXPIRED, at
            events.append(self.event(EventType.NEED_EXPIRED, at))
        return events
