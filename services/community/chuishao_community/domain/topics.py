"""议事 — four parties, five steps (COMMUNITY.md §3): the topic state machine, pure.

A topic's step is never stored by hand; it follows from what happened:

    collect ──set──▶ topic ──meeting──▶ deliberate ──action (needs a decision of a quorate meeting)──▶ implement
    implement ──every action done──▶ review ──review {result, satisfaction}──▶ closed

A decision needs a quorate meeting (every one of the four parties present), an action needs a
decision, a review needs every action done or overdue. An action's progress comes only from real
events: a case action is done when its case is closed (dispatch's case.closed), a need action when
the need is confirmed (this service), a task when it is marked done. Every refusal is a `StepRefused`
naming the reason, raised before anything changes.

Events carry no personal data: ids, codes, steps, counts and times (a resident's name is in the
attendance and the participants, which only the community's staff read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chuishao_community.domain.errors import DomainError, InvalidCommand
from chuishao_community.domain.values import DomainEvent
from chuishao_shared.events.types import EventType

COLLECT, TOPIC, DELIBERATE, IMPLEMENT, REVIEW, CLOSED = (
    "collect",
    "topic",
    "deliberate",
    "implement",
    "review",
    "closed",
)
STEPS = (COLLECT, TOPIC, DELIBERATE, IMPLEMENT, REVIEW, CLOSED)
PARTIES = ("committee", "party_member", "resident", "stakeholder")
EVIDENCE_TYPES = ("case", "need", "report")
ACTION_KINDS = ("case", "need", "task")
RESULTS = ("resolved", "partly", "not")
ORIGINS = ("staff", "hotspot", "returned_case", "expired_need")
OPEN, DONE = "open", "done"


class StepRefused(DomainError):
    """A step that may not be taken now (409): `reason` is a stable code, the message says why."""

    def __init__(self, reason: str, message: str, step: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.step = step


@dataclass(frozen=True)
class Evidence:
    type: str
    id: str


@dataclass(frozen=True)
class Person:
    """One participant or attendee: a directory subject (`person`) or a named resident (`name`), with
    the party they come for (Popolo's membership: a person in an organization, here the party)."""

    party: str
    name: str | None = None
    person: str | None = None


@dataclass
class Meeting:
    id: str
    at: datetime
    place: str
    agenda: tuple[str, ...]
    attendance: tuple[Person, ...]
    options: tuple[dict[str, Any], ...] = ()
    recorded_by: str = ""

    @property
    def present(self) -> dict[str, int]:
        counts = dict.fromkeys(PARTIES, 0)
        for p in self.attendance:
            counts[p.party] += 1
        return counts

    @property
    def missing(self) -> list[str]:
        return [party for party, n in self.present.items() if n == 0]

    @property
    def quorate(self) -> bool:
        return not self.missing


@dataclass
class Decision:
    id: str
    meeting_id: str
    item: str
    decision: str
    owner: str
    due: datetime
    review_at: datetime | None
    dissent: str = ""
    owner_person: str | None = None
    at: datetime | None = None


@dataclass
class Action:
    id: str
    decision_id: str
    kind: str
    due: datetime
    owner: str = ""
    owner_person: str | None = None
    body: dict[str, Any] = field(default_factory=dict)
    status: str = OPEN
    report_id: str | None = None
    case_id: str | None = None
    need_id: str | None = None
    done_at: datetime | None = None
    done_by: str | None = None  # what made it done: case.closed, need.confirmed, or the task's marker
    overdue: bool = False
    created_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.status == DONE

    def is_late(self, now: datetime) -> bool:
        return not self.done and self.due <= now


@dataclass
class Topic:
    id: str
    community: str
    title: str
    question: str
    evidence: tuple[Evidence, ...]
    origin: str = "staff"
    candidate_key: str | None = None
    raised_by: str = ""
    created_at: datetime | None = None
    is_set: bool = False
    participants: tuple[Person, ...] = ()
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    review: dict[str, Any] | None = None
    closed_at: datetime | None = None
    timeline: list[dict[str, Any]] = field(default_factory=list)

    # ------------------------------------------------------------------------------- derived

    @property
    def step(self) -> str:
        if self.review is not None:
            return CLOSED
        if self.actions:
            return REVIEW if all(a.done for a in self.actions) else IMPLEMENT
        if self.meetings:
            return DELIBERATE
        return TOPIC if self.is_set else COLLECT

    @property
    def progress(self) -> float:
        if not self.actions:
            return 0.0
        return round(sum(1 for a in self.actions if a.done) / len(self.actions), 4)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def meeting(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    # -------------------------------------------------------------------------------- events

    def _base(self) -> dict[str, Any]:
        return {"topic_id": self.id, "community": self.community, "step": self.step, "progress": self.progress}

    def _emit(self, type_: str, at: datetime, before: str | None = None, **extra: Any) -> list[DomainEvent]:
        """The event, its timeline entry, and `topic.moved` when the step changed."""
        data = {**self._base(), "at": at.isoformat(), **extra}
        events = [DomainEvent(type_, data)]
        self.timeline.append({"at": at.isoformat(), "type": type_, **extra})
        if before is not None and before != self.step:
            moved = {**self._base(), "at": at.isoformat(), "from_step": before, "to_step": self.step}
            events.append(DomainEvent(EventType.TOPIC_MOVED, moved))
            self.timeline.append(
                {"at": at.isoformat(), "type": EventType.TOPIC_MOVED, "from_step": before, "to_step": self.step}
            )
        return events

    def note(self, at: datetime, type_: str, **extra: Any) -> None:
        """A timeline entry of something that happened elsewhere (a case event): no event of ours."""
        self.timeline.append({"at": at.isoformat(), "type": type_, **extra})

    def collected(self, at: datetime) -> list[DomainEvent]:
        return self._emit(
            EventType.TOPIC_COLLECTED,
            at,
            origin=self.origin,
            evidence=[{"type": e.type, "id": e.id} for e in self.evidence],
        )

    def _refuse_if_closed(self) -> None:
        if self.step == CLOSED:
            raise StepRefused("closed", "the topic is closed: it was reviewed", self.step)

    # --------------------------------------------------------------------------- the steps

    def set_topic(
        self,
        *,
        title: str | None,
        question: str,
        evidence: tuple[Evidence, ...] | None,
        participants: tuple[Person, ...],
        at: datetime,
    ) -> list[DomainEvent]:
        """确定议题: the question, the evidence, the participants invited per party."""
        if self.step not in (COLLECT, TOPIC):
            raise StepRefused(
                "already-deliberating", f"the topic is set once, before its first meeting (step {self.step})", self.step
            )
        check_people(participants, "participants")
        before = self.step
        self.question = question
        if title:
            self.title = title
        if evidence is not None:
            self.evidence = evidence
        self.participants = participants
        self.is_set = True
        invited = {party: sum(1 for p in participants if p.party == party) for party in PARTIES}
        return self._emit(
            EventType.TOPIC_SET,
            at,
            before,
            invited=invited,
            evidence=[{"type": e.type, "id": e.id} for e in self.evidence],
        )

    def hold_meeting(self, meeting: Meeting, at: datetime) -> list[DomainEvent]:
        """协商议事: a meeting with its attendance per party; quorate only when every party is present."""
        self._refuse_if_closed()
        if self.step == COLLECT:
            raise StepRefused("topic-not-set", "set the topic (question, participants) before meeting", self.step)
        if not meeting.agenda:
            raise InvalidCommand("agenda", "at least one agenda item")
        check_people(meeting.attendance, "attendance")
        for i, option in enumerate(meeting.options):
            if option.get("item") is not None and option["item"] not in meeting.agenda:
                raise InvalidCommand(f"options.{i}.item", "not an item of the agenda")
        before = self.step
        self.meetings.append(meeting)
        return self._emit(
            EventType.MEETING_HELD,
            at,
            before,
            meeting_id=meeting.id,
            meeting_at=meeting.at.isoformat(),
            quorate=meeting.quorate,
            missing=meeting.missing,
            present=meeting.present,
            agenda_items=len(meeting.agenda),
            options=len(meeting.options),
        )

    def decide(self, decision: Decision, meeting_id: str | None, at: datetime) -> list[DomainEvent]:
        """A decision of the minutes: it needs a quorate meeting (the one named, else the latest quorate)."""
        self._refuse_if_closed()
        if meeting_id is not None:
            meeting = self.meeting(meeting_id)
            if meeting is None:
                raise InvalidCommand("meeting", f"no meeting {meeting_id} on this topic")
            if not meeting.quorate:
                raise StepRefused(
                    "meeting-not-quorate",
                    f"meeting {meeting_id} was not quorate (missing: {', '.join(meeting.missing)}): it decides nothing",
                    self.step,
                )
        else:
            quorate = [m for m in self.meetings if m.quorate]
            if not quorate:
                missing = self.meetings[-1].missing if self.meetings else list(PARTIES)
                raise StepRefused(
                    "no-quorate-meeting",
                    "a decision needs a quorate meeting (every party present); missing: " + ", ".join(missing),
                    self.step,
                )
            meeting = quorate[-1]
        if decision.review_at is not None and decision.review_at < decision.due:
            raise InvalidCommand("review_at", "the review comes on or after the due date")
        decision.meeting_id = meeting.id
        decision.at = at
        before = self.step
        self.decisions.append(decision)
        return self._emit(
            EventType.MEETING_DECIDED,
            at,
            before,
            meeting_id=meeting.id,
            decision_id=decision.id,
            due=decision.due.isoformat(),
            review_at=decision.review_at.isoformat() if decision.review_at else None,
            dissent=bool(decision.dissent),
        )

    def add_action(self, action: Action, decision_id: str | None, at: datetime) -> list[DomainEvent]:
        """分流落实: a decision becomes an action (a case through intake, a need here, a task)."""
        self._refuse_if_closed()
        if not self.decisions:
            raise StepRefused("no-decision", "an action carries out a decision: record the decision first", self.step)
        if decision_id is not None:
            decision = next((d for d in self.decisions if d.id == decision_id), None)
            if decision is None:
                raise InvalidCommand("decision", f"no decision {decision_id} on this topic")
        else:
            decision = self.decisions[-1]
        if action.kind not in ACTION_KINDS:
            raise InvalidCommand("kind", f"one of {', '.join(ACTION_KINDS)}")
        action.decision_id = decision.id
        action.created_at = at
        if action.kind != "task":  # a case or a need is due when its decision is
            action.due = decision.due
            action.owner = action.owner or decision.owner
            action.owner_person = action.owner_person or decision.owner_person
        before = self.step
        self.actions.append(action)
        return self._emit(EventType.ACTION_CREATED, at, before, **action_data(action))

    def filed(self, action_id: str, report_id: str, case_id: str | None, at: datetime) -> list[DomainEvent]:
        """The case action's report was filed through intake (the relay's answer)."""
        action = self.action(action_id)
        if action is None or action.report_id is not None:
            return []
        action.report_id, action.case_id = report_id, case_id or action.case_id
        return self._emit(EventType.ACTION_FILED, at, None, **action_data(action))

    def complete(self, action_id: str, by: str, at: datetime) -> list[DomainEvent]:
        """An action is done (a case closed, a need confirmed, a task marked): once."""
        action = self.action(action_id)
        if action is None or action.done:
            return []
        before = self.step
        action.status, action.done_at, action.done_by = DONE, at, by
        return self._emit(EventType.ACTION_DONE, at, before, **action_data(action), on_time=at <= action.due)

    def mark_task_done(self, action_id: str, at: datetime) -> list[DomainEvent]:
        self._refuse_if_closed()
        action = self.action(action_id)
        if action is None:
            raise InvalidCommand("action", f"no action {action_id} on this topic")
        if action.kind != "task":
            by = "its case closing" if action.kind == "case" else "its need being confirmed"
            raise StepRefused("not-a-task", f"a {action.kind} action is done by {by}, never by hand", self.step)
        if action.done:
            raise StepRefused("already-done", "the task is already done", self.step)
        return self.complete(action_id, "owner", at)

    def flag_overdue(self, now: datetime) -> list[DomainEvent]:
        """Actions past due and not done are flagged once each (action.overdue: notify tells the owner)."""
        events: list[DomainEvent] = []
        if self.step == CLOSED:
            return events
        for action in self.actions:
            if action.is_late(now) and not action.overdue:
                action.overdue = True
                events += self._emit(EventType.ACTION_OVERDUE, now, None, **action_data(action))
        return events

    def record_review(self, result: str, satisfaction: str | None, at: datetime) -> list[DomainEvent]:
        """监督评审: only once every action is done or overdue."""
        self._refuse_if_closed()
        if not self.actions:
            raise StepRefused("no-actions", "nothing to review: the decisions have no actions yet", self.step)
        pending = [a.id for a in self.actions if not a.done and not a.is_late(at)]
        if pending:
            raise StepRefused(
                "actions-open",
                f"{len(pending)} of {len(self.actions)} actions are neither done nor overdue",
                self.step,
            )
        if result not in RESULTS:
            raise InvalidCommand("result", f"one of {', '.join(RESULTS)}")
        before = self.step
        self.review = {"result": result, "satisfaction": satisfaction, "at": at.isoformat()}
        self.closed_at = at
        return self._emit(EventType.TOPIC_REVIEWED, at, before, result=result, satisfaction=satisfaction)


def action_data(a: Action) -> dict[str, Any]:
    """An action in an event: ids, kind, status, times (never the owner's name or a description)."""
    return {
        "action_id": a.id,
        "decision_id": a.decision_id,
        "kind": a.kind,
        "status": a.status,
        "due": a.due.isoformat(),
        "owner_person": a.owner_person,
        "report_id": a.report_id,
        "case_id": a.case_id,
        "need_id": a.need_id,
        "overdue": a.overdue,
        "done_by": a.done_by,
    }


def check_people(people: tuple[Person, ...], where: str) -> None:
    for i, p in enumerate(people):
        if p.party not in PARTIES:
            raise InvalidCommand(f"{where}.{i}.party", f"one of {', '.join(PARTIES)}")
        if not (p.name or p.person):
            raise InvalidCommand(f"{where}.{i}", "a person (directory subject) or a name")


def check_evidence(evidence: tuple[Evidence, ...]) -> None:
    for i, e in enumerate(evidence):
        if e.type not in EVIDENCE_TYPES:
            raise InvalidCommand(f"evidence.{i}.type", f"one of {', '.join(EVIDENCE_TYPES)}")
        if not e.id:
            raise InvalidCommand(f"evidence.{i}.id", "required")
