"""Escalation's use cases (PRODUCT.md §9, issue 25 item 2).

- A consumed case event starts a chain for every assignment waiting for 签收 (with the policy version
  in force when the case was opened, copied into the chain) and stops the chains of departments that
  reported in — `case.acknowledged` — or no longer owe it (returned, done, the case finished).
- The escalation sweep (a periodic task on the shared runner) takes the due step of one chain per unit
  of work: the step row, its person notices and the chain's new position commit together, so a kill
  between steps neither repeats nor skips one (a step row is also unique per position).
- Admins write a policy as a new version; admins and the department's liaison read it, and a case's
  chains with every step taken."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chuishao_notify.adapters.escalation_store import Chain
from chuishao_notify.domain.escalation import (
    Policy,
    PolicyError,
    Step,
    Target,
    advance,
    chains_wanted,
    default_policy,
    policy_in_force,
    policy_to_dict,
    steps_from,
    validate_policy,
)
from chuishao_notify.domain.escalation_commands import AdvanceEscalations, PutEscalationPolicy
from chuishao_notify.domain.rosters import Roster, on_duty
from chuishao_notify.metrics import ESCALATION_STEPS
from chuishao_notify.service_layer.bus import NotifyBus
from chuishao_notify.service_layer.context import NotifyContext
from chuishao_notify.service_layer.rosters import check_owner, may_read, read_refused
from chuishao_notify.service_layer.unit_of_work import AbstractUnitOfWork
from chuishao_shared.auth import Principal
from chuishao_shared.events.types import EventType
from chuishao_shared.problems import field_problem


def now() -> datetime:
    return datetime.now(UTC)


# --- from case events (inside the consumer's unit of work) ------------------------------------------


async def sync_chains(uow: AbstractUnitOfWork, case: dict[str, Any], event_type: str) -> None:
    """Start the chains a case snapshot wants and stop those it no longer does. Called by
    `notifying.notify_of_case_event` with the newest snapshot, inside its unit of work."""
    start, stop = chains_wanted(case)
    if stop:
        status = "acknowledged" if event_type == EventType.CASE_ACKNOWLEDGED else "stopped"
        await uow.escalation.stop(str(case["id"]), stop, status)
    opened_at = _when(case.get("opened_at")) or now()
    for key in start:
        policy = policy_in_force(await uow.escalation.versions(key.department), opened_at)
        await uow.escalation.start(key, case.get("community"), policy or default_policy(key.department), opened_at)


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- the sweep -------------------------------------------------------------------------------------


async def advance_escalations(cmd: AdvanceEscalations, uow: AbstractUnitOfWork, ctx: NotifyContext) -> int:
    """Take the due step of one chain in `uow`; the sweep calls this again (a fresh unit of work each
    time) until nothing is due. Returns 1 when a chain moved, 0 when none was due."""
    at = now()
    async with uow:
        chain = await uow.escalation.claim_due()
        if chain is None:
            return 0
        rosters = {owner: await uow.rosters.load(owner, since=at) for owner in _owners(ctx, chain)}
        moved = advance(chain.policy, chain.position, at, _resolver(ctx, chain, rosters, at))
        for taken in moved.taken:
            if not await uow.escalation.record(chain, taken):
                # Recorded already (a replayed step): never told twice. Nothing else to do this round.
                break
        await uow.escalation.move(chain.id, moved.position, moved.next_at)
        outcomes = [("skipped" if t.skipped else t.kind) for t in moved.taken]
        uow.after_commit(lambda: _count_steps(outcomes))
        await uow.commit()
    return 1


def _count_steps(outcomes: list[str]) -> None:
    for outcome in outcomes:
        ESCALATION_STEPS.labels(outcome).inc()


def _owners(ctx: NotifyContext, chain: Chain) -> list[str]:
    return [chain.department, *ctx.duty_desks(chain.community)]


def _resolver(ctx: NotifyContext, chain: Chain, rosters: dict[str, Roster], at: datetime):  # type: ignore[no-untyped-def]
    def on_level(owner: str, level: int) -> tuple[str, ...]:
        roster = rosters.get(owner)
        if roster is None:
            return ()
        for duty in on_duty(roster, at):
            if duty.level == level and duty.now.member and duty.now.starts <= at:
                return (duty.now.member,)
        return ()

    def resolve(step: Step) -> Target:
        if step.kind == "level":
            return Target(chain.department, on_level(chain.department, step.level or 1))
        if step.kind == "head":
            return Target(chain.department, (chain.policy.head,) if chain.policy.head else ())
        for desk in ctx.duty_desks(chain.community):  # the nearest desk with someone on duty
            members = on_level(desk, 1)
            if members:
                return Target(desk, members)
        return Target(chain.department)

    return resolve


async def sweep(bus: NotifyBus, limit: int = 50) -> int:
    """Up to `limit` chains' due steps, each in its own unit of work."""
    moved = 0
    for _ in range(limit):
        if not await bus.handle(AdvanceEscalations()):
            break
        moved += 1
    return moved


# --- policies --------------------------------------------------------------------------------------


async def put_policy(cmd: PutEscalationPolicy, uow: AbstractUnitOfWork, ctx: NotifyContext) -> dict[str, Any]:
    check_owner(ctx, cmd.owner)
    if len(cmd.reason) > 200:
        raise field_problem("/reason", "at most 200 characters")
    try:
        steps = steps_from(cmd.steps)
    except (KeyError, TypeError, ValueError) as error:
        raise field_problem("/steps", "each step needs kind and wait_minutes") from error
    head = (cmd.head or "").strip() or None
    policy = Policy(cmd.owner, 0, steps, cmd.repeats, head, now())
    try:
        validate_policy(policy)
    except PolicyError as error:
        raise field_problem(error.field, error.message) from error
    async with uow:
        policy = await uow.escalation.add_version(policy, reason=cmd.reason, created_by=cmd.principal.sub)
        await uow.commit()
    return policy_to_dict(policy)


async def read_policy(bus: NotifyBus, principal: Principal, owner: str) -> dict[str, Any]:
    check_owner(bus.context, owner)
    if not may_read(principal, owner, bus.context):
        raise read_refused("policy")
    async with bus.uow() as uow:
        versions = await uow.escalation.versions(owner)
    current = versions[-1] if versions else default_policy(owner)
    return {**policy_to_dict(current), "default": not versions, "versions": len(versions)}


async def read_chains(bus: NotifyBus, principal: Principal, case_id: str) -> dict[str, Any]:
    if len(case_id) > 80:
        raise field_problem("case_id", "at most 80 characters")
    async with bus.uow() as uow:
        chains = await uow.escalation.chains_of(case_id)
    if principal.role != "admin":  # the chains of departments the reader may read; none is an empty list
        chains = [(c, s) for c, s in chains if may_read(principal, c.department, bus.context)]
    return {
        "case_id": case_id,
        "chains": [
            {
                "department": chain.department,
                "policy_version": chain.policy.version,
                "status": chain.status,
                "started_at": chain.started_at.isoformat(),
                "next_at": chain.next_at.isoformat() if chain.next_at else None,
                "stopped_at": chain.stopped_at.isoformat() if chain.stopped_at else None,
                "steps": [
                    {
                        "position": s["position"],
                        "kind": s["kind"],
                        "level": s["level"],
                        "owner": s["owner"],
                        "told": list(s["told"]),
                        "skipped": not s["told"],
                        "taken_at": s["taken_at"].isoformat(),
                        "notices": list(s["notices"]),
                    }
                    for s in steps
                ],
            }
            for chain, steps in chains
        ],
    }
