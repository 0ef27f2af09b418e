"""Consumed report events: open or merge a case, verification, feedback."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_dispatch.adapters import repository
from chuishao_dispatch.domain import SYSTEM, Actor, Case, MatterKey, ReportFacts, best_match, route
from chuishao_dispatch.handlers.common import DispatchContext, count_outcomes, new_loaded, save
from chuishao_shared.events import Envelope

log = logging.getLogger(__name__)


class UnroutableReport(ValueError):
    """The report names reference data this deployment does not know: poison, not transient."""


def _facts(ctx: DispatchContext, data: dict) -> ReportFacts:
    category = ctx.reference.categories.get(data["category"])
    if category is None or data["grid"] not in ctx.reference.jurisdictions:
        raise UnroutableReport(f"unknown category {data['category']!r} or grid {data['grid']!r}")
    return ReportFacts(
        report_id=data["report_id"],
        category=category.code,
        major=category.major,
        grid=data["grid"],
        community=data["community"],
        severity=data["severity"],
        building=(data.get("place") or {}).get("building"),
        description=data["description"],
        handled_on_site=data["handled_on_site"],
        reporter_sub=data["reporter"],
        reported_at=datetime.fromisoformat(data["received_at"].replace("Z", "+00:00")),
        photos=tuple(data.get("photos") or ()),
    )


def _matter(case: Case) -> MatterKey:
    return MatterKey(case.category, case.grid, case.report.building, case.report.description, case.opened_at)


async def on_report_received(ctx: DispatchContext, conn: AsyncConnection, envelope: Envelope) -> None:
    facts = _facts(ctx, envelope.data)
    if await repository.report_known(conn, facts.report_id):
        return  # the same report re-sent under another event id
    now = datetime.now(UTC)
    if not facts.handled_on_site:
        await repository.lock_matter(conn, facts.category, facts.grid)
        open_cases = await repository.open_cases_of_matter(
            conn, category=facts.category, grid=facts.grid, since=now - ctx.duplicate_window
        )
        key = MatterKey(facts.category, facts.grid, facts.building, facts.description, facts.reported_at)
        match = best_match(
            [(c.case.id, _matter(c.case)) for c in open_cases],
            key,
            window=ctx.duplicate_window,
            min_similarity=ctx.duplicate_min_similarity,
        )
        if match is not None:
            loaded = next(c for c in open_cases if c.case.id == match)
            events = loaded.case.add_report(facts.report_id, SYSTEM, now)
            await save(ctx, conn, loaded, events, new_report_ids=[facts.report_id])
            count_outcomes(events, loaded.case)
            return
    rule_set = await repository.current_rule_set(conn)
    chain = ctx.reference.chain(facts.grid)
    decision = (
        route(rule_set, category=facts.category, major=facts.major, jurisdiction_chain=chain) if rule_set else None
    )
    case, events = Case.open(
        str(uuid.uuid4()), facts, decision, ctx.sla_terms(facts.category, facts.severity), SYSTEM, now
    )
    await save(ctx, conn, new_loaded(case, chain), events, new=True)
    count_outcomes(events, case)


async def _case_for_report(conn: AsyncConnection, report_id: str) -> repository.LoadedCase:
    case_id = await repository.case_of_report(conn, report_id)
    loaded = await repository.lock_case(conn, case_id) if case_id else None
    if loaded is None:
        raise LookupError(f"no case holds report {report_id}")
    return loaded


async def on_report_verified(ctx: DispatchContext, conn: AsyncConnection, envelope: Envelope) -> None:
    data = envelope.data
    loaded = await _case_for_report(conn, data["report_id"])
    actor = Actor(data["verified_by"], "grid_worker")
    events = loaded.case.verify(
        actor,
        datetime.now(UTC),
        data["result"] == "fixed",
        data.get("note", ""),
        tuple(data.get("photos", ())),
    )
    await save(ctx, conn, loaded, events)
    count_outcomes(events, loaded.case)


async def on_report_feedback(ctx: DispatchContext, conn: AsyncConnection, envelope: Envelope) -> None:
    data = envelope.data
    loaded = await _case_for_report(conn, data["report_id"])
    events = loaded.case.record_feedback(
        Actor("resident-feedback", "grid_worker"),
        datetime.now(UTC),
        data["satisfaction"],
        data.get("comment", ""),
    )
    await save(ctx, conn, loaded, events)


def report_event_handler(ctx: DispatchContext):  # type: ignore[no-untyped-def]
    handlers = {
        "report.received": on_report_received,
        "report.verified": on_report_verified,
        "report.feedback": on_report_feedback,
    }

    async def handle(conn: AsyncConnection, envelope: Envelope) -> None:
        handler = handlers.get(envelope.type)
        if handler is None:
            log.info("ignoring %s", envelope.type)
            return
        await handler(ctx, conn, envelope)

    return handle
