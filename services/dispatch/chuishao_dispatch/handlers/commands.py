"""The departments' and dispatchers' commands on a case. Each runs in one transaction: lock the case,
check object-level access, let the domain decide, save the case with its events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.adapters.repository import LoadedCase
from chuishao_dispatch.domain import Actor, Case, DomainEvent, RuleSet, route
from chuishao_dispatch.handlers.common import DispatchContext, count_outcomes, domain_errors, save
from chuishao_dispatch.views import case_view
from chuishao_shared.auth import Principal
from chuishao_shared.idempotency import Replay, claim, store
from chuishao_shared.problems import Problem, field_problem

Command = Callable[[Case, Actor, datetime], list[DomainEvent]]
RoutedCommand = Callable[[Case, Actor, datetime, RuleSet | None], list[DomainEvent]]


def can_see(principal: Principal, loaded: LoadedCase) -> bool:
    if principal.role == "liaison":
        return any(a.department == principal.department for a in loaded.case.assignments)
    if principal.role == "dispatcher":
        return principal.jurisdiction is not None and principal.jurisdiction in loaded.chain
    return principal.role == "admin"


def actor_of(principal: Principal) -> Actor:
    return Actor(principal.sub, principal.role, principal.department)


def _not_found(case_id: str) -> Problem:
    # Another department's case answers exactly like a missing one: case ids are not enumerable.
    return Problem(404, "Not found", f"No case {case_id} visible to you.")


async def read_case(ctx: DispatchContext, principal: Principal, case_id: str) -> dict[str, Any]:
    async with ctx.engine.connect() as conn:
        loaded = await repository.get_case(conn, case_id)
    if loaded is None or not can_see(principal, loaded):
        raise _not_found(case_id)
    return case_view(loaded.case, ctx.reference, datetime.now(UTC))


async def run_command(
    ctx: DispatchContext,
    principal: Principal,
    case_id: str,
    command: Command | RoutedCommand,
    *,
    idempotency_key: str | None,
    fingerprint: str,
    with_rules: bool = False,
) -> dict[str, Any]:
    try:
        async with ctx.engine.begin() as conn:
            await claim(conn, subject=principal.sub, key=idempotency_key, fingerprint=fingerprint)
            loaded = await repository.lock_case(conn, case_id)
            if loaded is None or not can_see(principal, loaded):
                raise _not_found(case_id)
            now = datetime.now(UTC)
            args: tuple[Any, ...] = (loaded.case, actor_of(principal), now)
            if with_rules:
                args += (await repository.current_rule_set(conn),)
            with domain_errors():
                events = command(*args)
            await save(ctx, conn, loaded, events)
            view = case_view(loaded.case, ctx.reference, now)
            await store(conn, subject=principal.sub, key=idempotency_key, status=200, body=view)
    except Replay as replay:
        return replay.body
    count_outcomes(events, loaded.case)
    return view


def check_departments(ctx: DispatchContext, departments: list[str]) -> None:
    for i, code in enumerate(departments):
        if code not in ctx.reference.departments:
            raise field_problem(f"departments.{i}", f"unknown department {code!r}")


def returning(ctx: DispatchContext, reason: str) -> RoutedCommand:
    """退单: a lead's return goes to the next rule candidate that is not already excluded, else triage."""

    def command(case: Case, actor: Actor, at: datetime, rule_set: RuleSet | None) -> list[DomainEvent]:
        next_decision = None
        lead = case.lead
        if lead is not None and lead.department == actor.department:
            excluded = {*case.returned_departments(), actor.department or ""}
            if rule_set is not None:
                next_decision = route(
                    rule_set,
                    category=case.category,
                    major=case.major,
                    jurisdiction_chain=ctx.reference.chain(case.grid),
                    exclude=excluded,
                )
        return case.return_(actor, at, reason, next_decision)

    return command


async def merge_cases(
    ctx: DispatchContext,
    principal: Principal,
    case_id: str,
    into: str,
    reason: str,
    *,
    idempotency_key: str | None,
    fingerprint: str,
) -> dict[str, Any]:
    if into == case_id:
        raise field_problem("into", "a case cannot be merged into itself")
    try:
        async with ctx.engine.begin() as conn:
            await claim(conn, subject=principal.sub, key=idempotency_key, fingerprint=fingerprint)
            first, second = sorted([case_id, into])  # lock in id order: no deadlock between two merges
            locked = {cid: await repository.lock_case(conn, cid) for cid in (first, second)}
            source, target = locked[case_id], locked[into]
            if source is None or not can_see(principal, source):
                raise _not_found(case_id)
            if target is None or not can_see(principal, target):
                raise field_problem("into", f"no case {into} visible to you", status=422)
            now = datetime.now(UTC)
            actor = actor_of(principal)
            with domain_errors():
                source_events = source.case.merge_into(actor, now, into, reason)
                target_events = target.case.absorb(actor, now, source.case)
            await save(ctx, conn, source, source_events)
            await save(ctx, conn, target, target_events, new_report_ids=list(source.case.report_ids))
            view = case_view(target.case, ctx.reference, now)
            await store(conn, subject=principal.sub, key=idempotency_key, status=200, body=view)
    except Replay as replay:
        return replay.body
    count_outcomes(source_events + target_events)
    return view
