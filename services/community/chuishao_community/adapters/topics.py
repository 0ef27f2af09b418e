"""议事 in PostgreSQL: topics as JSONB documents with query columns, their actions' index, the case
actions' filing queue (to intake) and the local read model of dispatch's cases the candidates come
from. Repositories never commit: the unit of work owns the transaction."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from chuishao_community.adapters.repository import Loaded
from chuishao_community.domain.topics import Action, Decision, Evidence, Meeting, Person, Topic


def _t(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _p(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _person(doc: dict[str, Any]) -> Person:
    return Person(party=doc["party"], name=doc.get("name"), person=doc.get("person"))


def topic_doc(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "community": t.community,
        "title": t.title,
        "question": t.question,
        "evidence": [asdict(e) for e in t.evidence],
        "origin": t.origin,
        "candidate_key": t.candidate_key,
        "raised_by": t.raised_by,
        "created_at": _t(t.created_at),
        "is_set": t.is_set,
        "participants": [asdict(p) for p in t.participants],
        "meetings": [
            {
                "id": m.id,
                "at": _t(m.at),
                "place": m.place,
                "agenda": list(m.agenda),
                "attendance": [asdict(p) for p in m.attendance],
                "options": list(m.options),
                "recorded_by": m.recorded_by,
            }
            for m in t.meetings
        ],
        "decisions": [
            {**asdict(d), "due": _t(d.due), "review_at": _t(d.review_at), "at": _t(d.at)} for d in t.decisions
        ],
        "actions": [
            {**asdict(a), "due": _t(a.due), "done_at": _t(a.done_at), "created_at": _t(a.created_at)} for a in t.actions
        ],
        "review": t.review,
        "closed_at": _t(t.closed_at),
        "timeline": t.timeline,
    }


def topic_of(doc: dict[str, Any]) -> Topic:
    return Topic(
        id=doc["id"],
        community=doc["community"],
        title=doc["title"],
        question=doc["question"],
        evidence=tuple(Evidence(**e) for e in doc.get("evidence", ())),
        origin=doc.get("origin", "staff"),
        candidate_key=doc.get("candidate_key"),
        raised_by=doc.get("raised_by", ""),
        created_at=_p(doc.get("created_at")),
        is_set=doc.get("is_set", False),
        participants=tuple(_person(p) for p in doc.get("participants", ())),
        meetings=[
            Meeting(
                id=m["id"],
                at=_p(m["at"]),  # type: ignore[arg-type]
                place=m["place"],
                agenda=tuple(m["agenda"]),
                attendance=tuple(_person(p) for p in m["attendance"]),
                options=tuple(m.get("options", ())),
                recorded_by=m.get("recorded_by", ""),
            )
            for m in doc.get("meetings", ())
        ],
        decisions=[
            Decision(**{**d, "due": _p(d["due"]), "review_at": _p(d.get("review_at")), "at": _p(d.get("at"))})
            for d in doc.get("decisions", ())
        ],
        actions=[
            Action(**{**a, "due": _p(a["due"]), "done_at": _p(a.get("done_at")), "created_at": _p(a.get("created_at"))})
            for a in doc.get("actions", ())
        ],
        review=doc.get("review"),
        closed_at=_p(doc.get("closed_at")),
        timeline=list(doc.get("timeline", ())),
    )


class TopicRepository:
    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, topic_id: str, *, lock: bool = False) -> Loaded | None:
        sql = "SELECT doc, sequence FROM topics WHERE id = :id" + (" FOR UPDATE" if lock else "")
        row = (await self.conn.execute(text(sql), {"id": topic_id})).first()
        return Loaded(topic_of(row.doc), row.sequence) if row else None

    async def save(self, loaded: Loaded, *, new: bool = False) -> None:
        t: Topic = loaded.item
        params = {
            "id": t.id,
            "community": t.community,
            "step": t.step,
            "origin": t.origin,
            "key": t.candidate_key,
            "created_at": t.created_at,
            "closed_at": t.closed_at,
            "seq": loaded.sequence,
            "doc": json.dumps(topic_doc(t), ensure_ascii=False),
        }
        if new:
            sql = """
                INSERT INTO topics (id, community, step, origin, candidate_key, created_at, closed_at, sequence, doc)
                VALUES (:id, :community, :step, :origin, :key, :created_at, :closed_at, :seq, CAST(:doc AS jsonb))
            """
        else:
            sql = """
                UPDATE topics SET step = :step, closed_at = :closed_at, sequence = :seq, doc = CAST(:doc AS jsonb),
                                  updated_at = now()
                WHERE id = :id
            """
        await self.conn.execute(text(sql), params)
        for a in t.actions:
            await self.conn.execute(
                text(
                    """
                    INSERT INTO topic_actions
                        (action_id, topic_id, kind, status, due, overdue, report_id, case_id, need_id)
                    VALUES (:id, :topic, :kind, :status, :due, :overdue, :report, :case, :need)
                    ON CONFLICT (action_id) DO UPDATE SET status = EXCLUDED.status, overdue = EXCLUDED.overdue,
                        report_id = EXCLUDED.report_id, case_id = EXCLUDED.case_id, need_id = EXCLUDED.need_id
                    """
                ),
                {
                    "id": a.id,
                    "topic": t.id,
                    "kind": a.kind,
                    "status": a.status,
                    "due": a.due,
                    "overdue": a.overdue,
                    "report": a.report_id,
                    "case": a.case_id,
                    "need": a.need_id,
                },
            )

    async def listing(
        self, community: str, *, step: str | None, limit: int, after: tuple[datetime, str] | None
    ) -> list[Topic]:
        clauses = ["community = :community"]
        params: dict[str, Any] = {"community": community, "limit": limit}
        if step:
            clauses.append("step = :step")
            params["step"] = step
        if after:
            clauses.append("(created_at, id) < (:after_at, :after_id)")
            params |= {"after_at": after[0], "after_id": after[1]}
        sql = f"SELECT doc FROM topics WHERE {' AND '.join(clauses)} ORDER BY created_at DESC, id DESC LIMIT :limit"
        return [topic_of(r.doc) for r in (await self.conn.execute(text(sql), params)).all()]

    async def of_key(self, key: str) -> tuple[bool, datetime | None] | None:
        """The latest topic proposed under a candidate key: (still open, closed at), or None if none."""
        sql = (
            "SELECT closed_at FROM topics WHERE candidate_key = :key "
            "ORDER BY (closed_at IS NULL) DESC, closed_at DESC LIMIT 1"
        )
        row = (await self.conn.execute(text(sql), {"key": key})).first()
        return (row.closed_at is None, row.closed_at) if row else None

    async def topics_of(self, column: str, value: str) -> list[tuple[str, str]]:
        """(topic id, action id) of the actions whose report, case or need is `value`."""
        assert column in ("report_id", "case_id", "need_id")
        sql = f"SELECT topic_id, action_id FROM topic_actions WHERE {column} = :v"
        return [(r.topic_id, r.action_id) for r in (await self.conn.execute(text(sql), {"v": value})).all()]

    async def with_late_actions(self, now: datetime, limit: int) -> list[str]:
        sql = (
            "SELECT DISTINCT topic_id FROM topic_actions WHERE status = 'open' AND NOT overdue AND due <= :now "
            "LIMIT :limit"
        )
        return list((await self.conn.execute(text(sql), {"now": now, "limit": limit})).scalars())


class CaseReadModel:
    """What the candidates need to know of dispatch's cases, from its events (never its database)."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def project(
        self,
        *,
        case_id: str,
        category: str,
        community: str,
        status: str,
        opened_at: datetime,
        report_ids: list[str],
        routed: list[str],
        returned: list[str],
    ) -> dict[str, Any]:
        """Upsert the case; departments accumulate (a case routed to X, then to Y, was routed to both)."""
        row = (
            await self.conn.execute(
                text(
                    """
                    INSERT INTO topic_cases
                        (case_id, category, community, status, opened_at, report_ids, routed, returned)
                    VALUES (:id, :category, :community, :status, :opened_at, :reports, :routed, :returned)
                    ON CONFLICT (case_id) DO UPDATE SET
                        category = EXCLUDED.category, status = EXCLUDED.status,
                        report_ids = ARRAY(SELECT DISTINCT unnest(topic_cases.report_ids || EXCLUDED.report_ids)),
                        routed = ARRAY(SELECT DISTINCT unnest(topic_cases.routed || EXCLUDED.routed)),
                        returned = ARRAY(SELECT DISTINCT unnest(topic_cases.returned || EXCLUDED.returned)),
                        updated_at = now()
                    RETURNING case_id, category, community, status, opened_at, report_ids, routed, returned
                    """
                ),
                {
                    "id": case_id,
                    "category": category,
                    "community": community,
                    "status": status,
                    "opened_at": opened_at,
                    "reports": report_ids,
                    "routed": routed,
                    "returned": returned,
                },
            )
        ).one()
        return dict(row._mapping)

    async def hotspot(self, community: str, category: str, since: datetime) -> list[str]:
        sql = (
            "SELECT case_id FROM topic_cases WHERE community = :community AND category = :category "
            "AND opened_at >= :since AND status <> 'cancelled' ORDER BY opened_at, case_id"
        )
        params = {"community": community, "category": category, "since": since}
        return list((await self.conn.execute(text(sql), params)).scalars())

    async def of_report(self, report_id: str) -> dict[str, Any] | None:
        sql = "SELECT case_id, status FROM topic_cases WHERE :r = ANY(report_ids) ORDER BY updated_at DESC LIMIT 1"
        row = (await self.conn.execute(text(sql), {"r": report_id})).first()
        return dict(row._mapping) if row else None

    async def expired_needs(
        self, community: str, grid: str, building: str | None, kind: str, since: datetime
    ) -> list[str]:
        """Needs of one matter (grid, building, kind) that expired unclaimed since `since`."""
        sql = (
            "SELECT id FROM needs WHERE community = :community AND grid = :grid AND kind = :kind "
            "AND status = 'expired' "
            "AND coalesce(doc->>'building', '') = :building AND recorded_at >= :since ORDER BY recorded_at, id"
        )
        params = {"community": community, "grid": grid, "kind": kind, "building": building or "", "since": since}
        return list((await self.conn.execute(text(sql), params)).scalars())


class FilingQueue:
    """The intent to file a case action's report through intake, written with the action (like an
    outbox row); the filing relay files it and marks it."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, action_id: str, topic_id: str, body: dict[str, Any], at: datetime) -> None:
        await self.conn.execute(
            text(
                "INSERT INTO topic_filings (action_id, topic_id, body, next_attempt_at, created_at) "
                "VALUES (:id, :topic, CAST(:body AS jsonb), :at, :at)"
            ),
            {"id": action_id, "topic": topic_id, "body": json.dumps(body, ensure_ascii=False), "at": at},
        )

    async def lease_due(self, now: datetime, until: datetime, limit: int) -> list[tuple[str, str, dict[str, Any], int]]:
        rows = await self.conn.execute(
            text(
                "UPDATE topic_filings SET next_attempt_at = :until WHERE action_id IN ("
                " SELECT action_id FROM topic_filings WHERE report_id IS NULL AND next_attempt_at <= :now"
                " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                " RETURNING action_id, topic_id, body, attempts"
            ),
            {"now": now, "until": until, "limit": limit},
        )
        return [(r.action_id, r.topic_id, r.body, r.attempts) for r in rows]

    async def filed(self, action_id: str, report_id: str, case_id: str | None) -> None:
        await self.conn.execute(
            text(
                "UPDATE topic_filings SET report_id = :r, case_id = :c, attempts = attempts + 1, last_error = NULL "
                "WHERE action_id = :id"
            ),
            {"id": action_id, "r": report_id, "c": case_id},
        )

    async def failed(self, action_id: str, error: str, retry_at: datetime) -> None:
        await self.conn.execute(
            text(
                "UPDATE topic_filings SET attempts = attempts + 1, last_error = :e, next_attempt_at = :at "
                "WHERE action_id = :id"
            ),
            {"id": action_id, "e": error[:500], "at": retry_at},
        )
