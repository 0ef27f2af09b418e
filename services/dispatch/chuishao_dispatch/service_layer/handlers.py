"""Dispatch's use cases: one handler per command, each in one unit of work. HTTP routes, the report
consumer and the timer sweep all come here with commands.

A handler loads the case through the unit of work, lets the domain decide, saves the case with its
events, and leaves the metrics for after the commit. It raises domain errors only; the edge turns
them into problem details (`entrypoints/errors.py`) or dead letters (the consumer).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias

from pydantic import ValidationError as PydanticValidationError

from chuishao_dispatch.domain import (
    SYSTEM,
    Case,
    CaseNotFound,
    DomainEvent,
    InvalidCommand,
    InvalidRuleSet,
    MatterKey,
    ReportFacts,
    RoutingRule,
    RuleSet,
    best_match,
    route,
)
from chuishao_dispatch.domain import commands as c
from chuishao_dispatch.domain.access import may_see
from chuishao_dispatch.domain.errors import OutOfScope
from chuishao_dispatch.domain.values import Actor
from chuishao_dispatch.service_layer.context import DispatchContext
from chuishao_dispatch.service_layer.stream_tickets import issue_stream_ticket, redeem_stream_ticket
from chuishao_dispatch.service_layer.unit_of_work import AbstractUnitOfWork, LoadedCase
from chuishao_dispatch.views import case_view
from chuishao_shared.events.types import EventType
from chuishao_shared.observability import ACK_LATENCY, CASES, PROVISIONAL_DEADLINES, RESOLVE_LATENCY, SLA_BREACHES
from chuishao_shared.reference import ReferenceDataError, RoutingRuleData, RuleSetData
from chuishao_shared.service_layer.messagebus import MessageBus
from chuishao_shared.vocabulary import UNSETTLED

View = dict[str, object]
DispatchBus: TypeAlias = MessageBus[AbstractUnitOfWork, DispatchContext]
log = logging.getLogger(__name__)


class UnroutableReport(ValueError):
    """The report names reference data this deployment does not know: poison, not transient."""


# ----------------------------------------------------------------------------------- metrics


def count_outcomes(events: list[DomainEvent], case: Case | None = None) -> Callable[[], None]:
    """Case outcomes, and the acknowledge and resolve latencies the events complete."""

    def record() -> None:
        for event in events:
            CASES.labels(event.type.removeprefix("case.")).inc()
            if "deadline_provisional" in event.data:
                PROVISIONAL_DEADLINES.inc()
                log.warning("provisional deadline on %s: %s", event.type, event.data["deadline_provisional"])
            if case is None:
                continue
            if event.type == EventType.CASE_ACKNOWLEDGED:
                assignment = case.assignment_of(event.data["department"])
                if assignment and assignment.assigned_at and assignment.acknowledged_at:
                    seconds = (assignment.acknowledged_at - assignment.assigned_at).total_seconds()
                    ACK_LATENCY.labels(assignment.department).observe(max(seconds, 0.0))
            elif event.type == EventType.CASE_RESOLVED and case.resolved_at:
                RESOLVE_LATENCY.labels(event.data["department"]).observe(
                    max((case.resolved_at - case.opened_at).total_seconds(), 0.0)
                )

    return record


# ------------------------------------------------------------------------- staff actions on a case

# The domain's decision on the locked case at `now`, given the current rule set when asked for it.
Decision = Callable[[Case, datetime, RuleSet | None], list[DomainEvent]]


async def visible_case(uow: AbstractUnitOfWork, actor: Actor, case_id: str, *, lock: bool) -> LoadedCase:
    loaded = await (uow.cases.lock(case_id) if lock else uow.cases.get(case_id))
    # Another department's case answers exactly like a missing one: case ids are not enumerable.
    if loaded is None or not may_see(actor, loaded.case, loaded.chain):
        raise CaseNotFound(case_id)
    return loaded


async def _act(
    cmd: c.CaseCommand, uow: AbstractUnitOfWork, ctx: DispatchContext, decide: Decision, *, with_rules: bool = False
) -> View:
    """Lock the case, check the actor may see it, let the domain decide, save, answer with the case."""
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_case(uow, cmd.actor, cmd.case_id, lock=True)
        now = ctx.now()
        events = decide(loaded.case, now, await uow.rules.current() if with_rules else None)
        await uow.save(loaded, events)
        view = case_view(loaded.case, ctx.reference, now)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        uow.after_commit(count_outcomes(events, loaded.case))
        await uow.commit()
    return view


async def acknowledge(cmd: c.AcknowledgeCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(cmd, uow, ctx, lambda case, at, _: case.acknowledge(cmd.actor, at))


async def record_progress(cmd: c.RecordProgress, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(cmd, uow, ctx, lambda case, at, _: case.progress(cmd.actor, at, cmd.note, cmd.photos))


async def resolve(cmd: c.ResolveCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(
        cmd, uow, ctx, lambda case, at, _: case.resolve(cmd.actor, at, cmd.note, cmd.photos, cmd.no_photo_reason)
    )


async def request_extension(cmd: c.RequestExtension, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    if cmd.until.tzinfo is None:
        raise InvalidCommand("until", "must carry a time zone (RFC 3339)")
    return await _act(cmd, uow, ctx, lambda case, at, _: case.request_extension(cmd.actor, at, cmd.until, cmd.reason))


async def approve_extension(cmd: c.ApproveExtension, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(cmd, uow, ctx, lambda case, at, _: case.approve_extension(cmd.actor, at))


async def reject_extension(cmd: c.RejectExtension, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(cmd, uow, ctx, lambda case, at, _: case.reject_extension(cmd.actor, at, cmd.reason))


def _check_departments(ctx: DispatchContext, departments: tuple[str, ...]) -> None:
    for i, code in enumerate(departments):
        if code not in ctx.reference.departments:
            raise InvalidCommand(f"departments.{i}", f"unknown department {code!r}")


def _serving(ctx: DispatchContext, case: Case, departments: tuple[str, ...]) -> list[str]:
    """The departments, each of which must serve the case's place (its jurisdiction on the case's
    chain, as for a routing rule): a dispatcher cannot hand a case to another district's department,
    whose liaison would then read it."""
    chain = ctx.reference.chain(case.grid)
    for i, code in enumerate(departments):
        served = ctx.reference.departments[code].jurisdiction
        if served not in chain:
            raise OutOfScope(f"departments.{i}", f"department {code!r} serves {served}, not this case's area")
    return list(departments)


async def route_case(cmd: c.RouteCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    _check_departments(ctx, cmd.departments)
    return await _act(
        cmd, uow, ctx, lambda case, at, _: case.route(cmd.actor, at, _serving(ctx, case, cmd.departments), cmd.reason)
    )


async def whistle(cmd: c.WhistleCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    _check_departments(ctx, cmd.departments)
    return await _act(
        cmd, uow, ctx, lambda case, at, _: case.whistle(cmd.actor, at, _serving(ctx, case, cmd.departments), cmd.reason)
    )


async def cancel(cmd: c.CancelCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    return await _act(cmd, uow, ctx, lambda case, at, _: case.cancel(cmd.actor, at, cmd.reason))


async def return_case(cmd: c.ReturnCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    """退单: a lead's return goes to the next rule candidate that is not already excluded, else triage."""

    def decide(case: Case, at: datetime, rule_set: RuleSet | None) -> list[DomainEvent]:
        next_decision = None
        lead = case.lead
        if rule_set is not None and lead is not None and lead.department == cmd.actor.department:
            next_decision = route(
                rule_set,
                category=case.category,
                major=case.major,
                jurisdiction_chain=ctx.reference.chain(case.grid),
                exclude={*case.returned_departments(), cmd.actor.department or ""},
            )
        return case.return_(cmd.actor, at, cmd.reason, next_decision)

    return await _act(cmd, uow, ctx, decide, with_rules=True)


async def merge(cmd: c.MergeCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    if cmd.into == cmd.case_id:
        raise InvalidCommand("into", "a case cannot be merged into itself")
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        first, second = sorted([cmd.case_id, cmd.into])  # lock in id order: no deadlock between two merges
        locked = {case_id: await uow.cases.lock(case_id) for case_id in (first, second)}
        source, target = locked[cmd.case_id], locked[cmd.into]
        if source is None or not may_see(cmd.actor, source.case, source.chain):
            raise CaseNotFound(cmd.case_id)
        if target is None or not may_see(cmd.actor, target.case, target.chain):
            raise InvalidCommand("into", f"no case {cmd.into} visible to you")
        now = ctx.now()
        source_events = source.case.merge_into(cmd.actor, now, cmd.into, cmd.reason)
        target_events = target.case.absorb(cmd.actor, now, source.case)
        await uow.save(source, source_events)
        await uow.save(target, target_events, new_report_ids=list(source.case.report_ids))
        view = case_view(target.case, ctx.reference, now)
        await uow.store_answer(cmd.actor.sub, cmd.request.key, view)
        uow.after_commit(count_outcomes(source_events + target_events))
        await uow.commit()
    return view


# ------------------------------------------------------------------------------------ rule sets


async def store_rule_set(cmd: c.StoreRuleSet, uow: AbstractUnitOfWork, ctx: DispatchContext) -> View:
    rules = [dict(r) for r in cmd.rules]
    parsed: list[RoutingRuleData] = []
    problems: list[dict[str, str]] = []
    for i, r in enumerate(rules):
        try:
            parsed.append(RoutingRuleData(**r))
        except PydanticValidationError as error:  # the HTTP schema checks the same; other callers may not
            problems += [
                {"field": ".".join(["rules", str(i), *map(str, e["loc"])]), "message": e["msg"]}
                for e in error.errors(include_url=False)
            ]
    if problems:
        raise InvalidRuleSet(problems)
    try:
        ctx.reference.validate_rule_set(RuleSetData(version=1, rules=tuple(parsed)), source="request")
    except ReferenceDataError as error:
        by_id = {r["id"]: i for i, r in enumerate(rules)}
        raise InvalidRuleSet(
            [
                {
                    "field": f"rules.{by_id.get(p['entry'], p['entry'])}.{p['field']}".rstrip("."),
                    "message": p["message"],
                }
                for p in error.problems
            ]
        ) from error
    try:
        RuleSet(version=1, rules=tuple(RoutingRule.from_dict(r) for r in rules))
    except ValueError as error:
        raise InvalidCommand("rules", str(error)) from error
    async with uow:
        replayed = await uow.claim(cmd.actor.sub, cmd.request.key, cmd.request.fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        version = await uow.rules.store(rules, cmd.actor.sub)
        response: View = {"version": version, "rules": rules}
        await uow.store_answer(cmd.actor.sub, cmd.request.key, response)
        await uow.commit()
    return response


# ------------------------------------------------------------------------------------- timers


async def escalate(cmd: c.EscalateCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> int:
    """Fire one case's due escalation levels; returns the events written (0: claimed elsewhere)."""
    async with uow:
        loaded = await uow.cases.lock_due(cmd.case_id, cmd.now)
        if loaded is None:
            return 0
        events = loaded.case.escalate_due(cmd.now)
        await uow.save(loaded, events)

        def breaches() -> None:
            for event in events:
                SLA_BREACHES.labels(event.data.get("reason", "unknown"), str(event.data.get("level"))).inc()

        uow.after_commit(breaches)
        uow.after_commit(count_outcomes(events, loaded.case))
        await uow.commit()
    return len(events)


# ----------------------------------------------------------------------- consumed report events


def _facts(ctx: DispatchContext, cmd: c.OpenCase) -> ReportFacts:
    category = ctx.reference.categories.get(cmd.category)
    if category is None or cmd.grid not in ctx.reference.jurisdictions:
        raise UnroutableReport(f"unknown category {cmd.category!r} or grid {cmd.grid!r}")
    return ReportFacts(
        report_id=cmd.report_id,
        category=category.code,
        major=category.major,
        grid=cmd.grid,
        community=cmd.community,
        severity=cmd.severity,
        building=cmd.building,
        description=cmd.description,
        handled_on_site=cmd.handled_on_site,
        reporter_sub=cmd.reporter,
        reported_at=cmd.reported_at,
        photos=cmd.photos,
        lat=cmd.lat,
        lon=cmd.lon,
        topic_id=cmd.topic_id,
        unit=cmd.unit,
        address=cmd.address,
        number=cmd.number,
    )


async def open_case(cmd: c.OpenCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> None:
    """A report arrived: a duplicate of an open matter joins its case, else a case opens for it."""
    await open_cases(c.OpenCases(openings=(cmd,)), uow, ctx)


async def open_cases(cmd: c.OpenCases, uow: AbstractUnitOfWork, ctx: DispatchContext) -> None:
    """Reports arrived (a consumer's poll), each, in order, joining an open case of the same matter or
    opening one, as if taken one after another, with the poll's reads and writes made once: the reports'
    cases, the matters' locks and the rule set in one statement; the matters' open cases in one; every new
    case with its events in one. A report also matches the cases opened before it in the same poll."""
    reports = [_facts(ctx, opening) for opening in cmd.openings]
    async with uow:
        matters = sorted({(f.category, f.grid) for f in reports if not f.handled_on_site})
        existing, rule_set = await uow.before_openings([f.report_id for f in reports], matters)
        now = ctx.now()
        candidates = await uow.cases.candidates_of_matters(matters, since=now - ctx.duplicate_window)
        poll = _Openings(uow, ctx, now, candidates)
        seen = set(existing)
        for facts in reports:
            if facts.report_id in seen:
                continue  # the same report re-sent under another event id
            seen.add(facts.report_id)
            if facts.handled_on_site or not await poll.join_a_match(facts):
                poll.open(facts, rule_set)
        if not poll.opened and not poll.joined:
            return  # every report had its case already: nothing to write
        if poll.opened:
            await uow.open_all([(change.loaded, change.events) for change in poll.opened.values()])
        for change in poll.joined.values():
            await uow.save(change.loaded, change.events, new_report_ids=change.new_report_ids)
        for change in [*poll.opened.values(), *poll.joined.values()]:
            uow.after_commit(count_outcomes(change.events, change.loaded.case))
        await uow.commit()


@dataclass
class _Change:
    """A case a poll's reports opened or joined, with the events they raised on it."""

    loaded: LoadedCase
    events: list[DomainEvent] = field(default_factory=list)
    new_report_ids: list[str] = field(default_factory=list)  # of a stored case: the reports that joined it


class _Openings:
    """What a poll's reports did so far: the cases they opened and the stored cases they joined (locked),
    and each matter's open cases, which a later report may join (the poll's new ones first, as newest)."""

    def __init__(
        self,
        uow: AbstractUnitOfWork,
        ctx: DispatchContext,
        now: datetime,
        candidates: dict[tuple[str, str], list[tuple[str, MatterKey]]],
    ) -> None:
        self.uow, self.ctx, self.now, self.candidates = uow, ctx, now, candidates
        self.opened: dict[str, _Change] = {}
        self.joined: dict[str, _Change] = {}

    async def join_a_match(self, facts: ReportFacts) -> bool:
        """Join the best matching open case of the report's matter; False when none matches."""
        pool = self.candidates[(facts.category, facts.grid)]
        matter = MatterKey(facts.category, facts.grid, facts.building, facts.description, facts.reported_at)
        window, min_similarity = self.ctx.duplicate_window, self.ctx.duplicate_min_similarity
        while (match := best_match(pool, matter, window=window, min_similarity=min_similarity)) is not None:
            change = self.opened.get(match) or self.joined.get(match)
            if change is None:
                locked = await self.uow.cases.lock(match)
                if locked is None or locked.case.status not in UNSETTLED:
                    # settled since it was read (matching holds the matter's lock, not the cases'): the next best
                    pool[:] = [candidate for candidate in pool if candidate[0] != match]
                    continue
                change = self.joined[match] = _Change(locked)
            change.events += change.loaded.case.add_report(
                facts.report_id, SYSTEM, self.now, topic_id=facts.topic_id, number=facts.number
            )
            if match in self.joined:
                change.new_report_ids.append(facts.report_id)
            return True
        return False

    def open(self, facts: ReportFacts, rule_set: RuleSet | None) -> None:
        chain = self.ctx.reference.chain(facts.grid)
        decision = (
            route(rule_set, category=facts.category, major=facts.major, jurisdiction_chain=chain) if rule_set else None
        )
        terms = self.ctx.sla_terms(facts.category, facts.severity, self.now)
        case, events = Case.open(str(uuid.uuid4()), facts, decision, terms, SYSTEM, self.now)
        self.opened[case.id] = _Change(LoadedCase(case, 0, chain), events)
        if not facts.handled_on_site and case.status in UNSETTLED:
            key = MatterKey(case.category, case.grid, case.report.building, case.report.description, case.opened_at)
            self.candidates[(facts.category, facts.grid)].insert(0, (case.id, key))


async def _case_of_report(uow: AbstractUnitOfWork, report_id: str) -> LoadedCase:
    case_id = await uow.cases.case_of_report(report_id)
    loaded = await uow.cases.lock(case_id) if case_id else None
    if loaded is None:
        raise LookupError(f"no case holds report {report_id}")
    return loaded


async def verify(cmd: c.VerifyCase, uow: AbstractUnitOfWork, ctx: DispatchContext) -> None:
    async with uow:
        loaded = await _case_of_report(uow, cmd.report_id)
        events = loaded.case.verify(cmd.actor, ctx.now(), cmd.fixed, cmd.note, cmd.photos)
        await uow.save(loaded, events)
        uow.after_commit(count_outcomes(events, loaded.case))
        await uow.commit()


async def record_feedback(cmd: c.RecordFeedback, uow: AbstractUnitOfWork, ctx: DispatchContext) -> None:
    async with uow:
        loaded = await _case_of_report(uow, cmd.report_id)
        events = loaded.case.record_feedback(
            Actor("resident-feedback", "grid_worker"), ctx.now(), cmd.satisfaction, cmd.comment
        )
        await uow.save(loaded, events)
        await uow.commit()


HANDLERS: dict[type[c.Command], Callable[..., Awaitable[Any]]] = {
    c.AcknowledgeCase: acknowledge,
    c.RecordProgress: record_progress,
    c.ResolveCase: resolve,
    c.ReturnCase: return_case,
    c.RequestExtension: request_extension,
    c.ApproveExtension: approve_extension,
    c.RejectExtension: reject_extension,
    c.RouteCase: route_case,
    c.WhistleCase: whistle,
    c.CancelCase: cancel,
    c.MergeCase: merge,
    c.StoreRuleSet: store_rule_set,
    c.EscalateCase: escalate,
    c.OpenCase: open_case,
    c.OpenCases: open_cases,
    c.VerifyCase: verify,
    c.RecordFeedback: record_feedback,
    c.IssueStreamTicket: issue_stream_ticket,
    c.RedeemStreamTicket: redeem_stream_ticket,
}


def message_bus(uow_factory: Callable[[], AbstractUnitOfWork], context: DispatchContext) -> DispatchBus:
    """Dispatch's bus: the shared one with dispatch's handler table."""
    from chuishao_dispatch.service_layer.community_loop import HANDLERS as COMMUNITY_LOOP
    from chuishao_dispatch.service_layer.people import HANDLERS as PEOPLE

    return MessageBus({**HANDLERS, **PEOPLE, **COMMUNITY_LOOP}, uow_factory, context)
