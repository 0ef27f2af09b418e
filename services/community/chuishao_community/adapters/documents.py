"""Aggregates to and from their JSONB documents (times as RFC 3339 text)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chuishao_community.domain.members import Member
from chuishao_community.domain.needs import Claim, Claimant, Need


def _t(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _p(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def member_doc(m: Member) -> dict[str, Any]:
    return {
        "id": m.id,
        "sub": m.sub,
        "name": m.name,
        "phone": m.phone,
        "work_unit": m.work_unit,
        "party_member": m.party_member,
        "branch": m.branch,
        "community": m.community,
        "grid": m.grid,
        "skills": list(m.skills),
        "availability": list(m.availability),
        "status": m.status,
        "registered_by": m.registered_by,
        "registered_at": _t(m.registered_at),
        "confirmed_at": _t(m.confirmed_at),
        "history": [list(h) for h in m.history],
    }


def member_of(doc: dict[str, Any]) -> Member:
    return Member(
        id=doc["id"],
        sub=doc["sub"],
        name=doc["name"],
        phone=doc["phone"],
        work_unit=doc["work_unit"],
        party_member=doc["party_member"],
        branch=doc.get("branch"),
        community=doc["community"],
        grid=doc["grid"],
        skills=tuple(doc["skills"]),
        availability=tuple(doc.get("availability", ())),
        status=doc["status"],
        registered_by=doc.get("registered_by", ""),
        registered_at=_p(doc.get("registered_at")),
        confirmed_at=_p(doc.get("confirmed_at")),
        history=tuple((s, at) for s, at in doc.get("history", ())),
    )


def _claim_doc(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "claimant": {"kind": c.claimant.kind, "ident": c.claimant.ident, "sub": c.claimant.sub},
        "status": c.status,
        "claimed_at": _t(c.claimed_at),
        "confirmed_at": _t(c.confirmed_at),
        "started_at": _t(c.started_at),
        "done_at": _t(c.done_at),
        "ended_at": _t(c.ended_at),
    }


def _claim_of(doc: dict[str, Any]) -> Claim:
    claimed_at = _p(doc["claimed_at"])
    assert claimed_at is not None
    return Claim(
        id=doc["id"],
        claimant=Claimant(**doc["claimant"]),
        status=doc["status"],
        claimed_at=claimed_at,
        confirmed_at=_p(doc.get("confirmed_at")),
        started_at=_p(doc.get("started_at")),
        done_at=_p(doc.get("done_at")),
        ended_at=_p(doc.get("ended_at")),
    )


_PLAIN = (
    "id community grid kind title description resident urgency privacy recorded_by building helpers hours_wanted "
    "status release_count lapse_count done_note hours_reported hours_credited satisfaction confirm_note "
    "confirmed_by end_reason whistle origin_case_id"
).split()
_TIMES = ("wanted_by", "recorded_at", "confirmed_at", "ended_at")


def need_doc(n: Need) -> dict[str, Any]:
    doc: dict[str, Any] = {name: getattr(n, name) for name in _PLAIN}
    doc |= {name: _t(getattr(n, name)) for name in _TIMES}
    doc |= {"skills": list(n.skills), "photos": list(n.photos), "claims": [_claim_doc(c) for c in n.claims]}
    return doc


def need_of(doc: dict[str, Any]) -> Need:
    values: dict[str, Any] = {name: doc.get(name) for name in _PLAIN}
    values |= {name: _p(doc.get(name)) for name in _TIMES}
    values |= {
        "skills": tuple(doc.get("skills", ())),
        "photos": tuple(doc.get("photos", ())),
        "claims": [_claim_of(c) for c in doc.get("claims", ())],
        "done_note": doc.get("done_note") or "",
        "confirm_note": doc.get("confirm_note") or "",
        "end_reason": doc.get("end_reason") or "",
    }
    return Need(**values)
