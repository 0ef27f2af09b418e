"""What the topic API answers with. Every topic read is the community's staff's (the public 议事公开栏
on tracking comes from the events, which carry no names); the attendance and the participants name
residents, so they appear here and nowhere else."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chuishao_community.domain.topics import Action, Meeting, Topic
from chuishao_shared.times import utc_iso


def _iso(value: Any) -> str | None:
    return utc_iso(value) if value is not None else None


def _person(p: Any) -> dict[str, Any]:
    return {k: v for k, v in asdict(p).items() if v is not None}


def meeting_dict(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.id,
        "at": _iso(m.at),
        "place": m.place,
        "agenda": list(m.agenda),
        "attendance": [_person(p) for p in m.attendance],
        "options": [dict(o) for o in m.options],
        "present": m.present,
        "quorate": m.quorate,
        "missing": m.missing,
    }


def action_dict(a: Action, topic: Topic) -> dict[str, Any]:
    return {
        "id": a.id,
        "decision_id": a.decision_id,
        "kind": a.kind,
        "status": a.status,
        "owner": a.owner,
        "owner_person": a.owner_person,
        "due": _iso(a.due),
        "overdue": a.overdue,
        "report_id": a.report_id,
        "case_id": a.case_id,
        "need_id": a.need_id,
        "detail": a.body,
        "done_at": _iso(a.done_at),
        "done_by": a.done_by,
        "created_at": _iso(a.created_at),
    }


def topic_view(t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "community": t.community,
        "title": t.title,
        "question": t.question,
        "evidence": [asdict(e) for e in t.evidence],
        "origin": t.origin,
        "step": t.step,
        "progress": t.progress,
        "participants": [_person(p) for p in t.participants],
        "meetings": [meeting_dict(m) for m in t.meetings],
        "decisions": [
            {
                "id": d.id,
                "meeting_id": d.meeting_id,
                "item": d.item,
                "decision": d.decision,
                "owner": d.owner,
                "owner_person": d.owner_person,
                "due": _iso(d.due),
                "review_at": _iso(d.review_at),
                "dissent": d.dissent,
                "at": _iso(d.at),
            }
            for d in t.decisions
        ],
        "actions": [action_dict(a, t) for a in t.actions],
        "review": t.review,
        "timeline": list(t.timeline),
        "created_at": _iso(t.created_at),
        "closed_at": _iso(t.closed_at),
    }


def meeting_view(t: Topic, meeting_id: str) -> dict[str, Any]:
    meeting = t.meeting(meeting_id)
    assert meeting is not None
    return {**meeting_dict(meeting), "topic_id": t.id, "step": t.step}
