"""What the API answers with for units, resources, orders, projects and activities. A unit's contact
and party head are personal: shown to the unit's own contact and to the staff of a community it
signed with, never elsewhere."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chuishao_community.domain.activity_records import ActivityRecord
from chuishao_community.domain.orders import Order
from chuishao_community.domain.projects import Project
from chuishao_community.domain.units import Resource, Unit
from chuishao_community.domain.values import Actor
from chuishao_shared.times import utc_iso


def _iso(value: Any) -> str | None:
    return utc_iso(value) if value is not None else None


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def unit_view(u: Unit, actor: Actor) -> dict[str, Any]:
    personal = u.may_see(actor)
    return {
        "code": u.code,
        "name": u.name,
        "kind": u.kind,
        "description": u.description,
        "website": u.website,
        "communities": list(u.communities),
        "agreements": [
            {
                "community": a.community,
                "signed_on": _day(a.signed_on),
                "term_from": _day(a.term_from),
                "term_to": _day(a.term_to),
            }
            for a in u.agreements
        ],
        "contact": asdict(u.contact) if personal else None,
        "party_head": asdict(u.party_head) if personal and u.party_head else None,
        "created_at": _iso(u.created_at),
    }


def resource_view(r: Resource) -> dict[str, Any]:
    return {
        "id": r.id,
        "community": r.community,
        "unit": r.unit,
        "kind": r.kind,
        "name": r.name,
        "description": r.description,
        "place": asdict(r.place),
        "status": r.status,
        "life_circle": r.life_circle,
        "capacity": r.capacity,
        "eligibility": r.eligibility,
        "minimum_age": r.minimum_age,
        "maximum_age": r.maximum_age,
        "schedule": [
            {
                "rrule": row.rrule,
                "opens": row.opens.strftime("%H:%M") if row.opens else None,
                "closes": row.closes.strftime("%H:%M") if row.closes else None,
                "description": row.description,
            }
            for row in r.schedule
        ],
        "valid_from": _day(r.valid_from),
        "valid_to": _day(r.valid_to),
        "created_at": _iso(r.created_at),
    }


def order_view(o: Order, actor: Actor) -> dict[str, Any]:
    """A unit's contact sees the order and its own unit's answer; staff see every answer."""
    staff = actor.is_staff_of(o.community)
    responses = [r for r in o.responses if staff or r.unit == actor.unit]
    return {
        "id": o.id,
        "community": o.community,
        "title": o.title,
        "description": o.description,
        "items": [asdict(i) for i in o.items],
        "units": list(o.units),
        "needed_by": _iso(o.needed_by),
        "status": o.status,
        "posted_at": _iso(o.posted_at),
        "closed_at": _iso(o.closed_at),
        "responses": [
            {
                "id": r.id,
                "unit": r.unit,
                "declined": r.declined,
                "items": [asdict(i) for i in r.items],
                "note": r.note,
                "at": _iso(r.at),
                "response_hours": round((r.at - o.posted_at).total_seconds() / 3600, 2),
            }
            for r in responses
        ],
        "response_count": len(o.responses),
    }


def project_view(p: Project) -> dict[str, Any]:
    return {
        "id": p.id,
        "community": p.community,
        "title": p.title,
        "goal": p.goal,
        "period_from": _day(p.period_from),
        "period_to": _day(p.period_to),
        "units": list(p.units),
        "status": p.status,
        "people_served": p.people_served,
        "links": {"needs": list(p.links.needs), "resources": list(p.links.resources), "cases": list(p.links.cases)},
        "progress": [
            {
                "id": e.id,
                "at": _iso(e.at),
                "note": e.note,
                "people_served": e.people_served,
                "status": e.status,
            }
            for e in p.progress
        ],
        "created_at": _iso(p.created_at),
    }


def activity_view(record: ActivityRecord, actor: Actor) -> dict[str, Any]:
    """Staff and the organiser see every sign-up; a volunteer their own."""
    a = record.activity
    organiser = record.is_organiser(actor)
    signups = [
        {
            "member": s.member,
            "slot": s.slot,
            "signed_up_at": _iso(s.signed_up_at),
            "checked_in_at": _iso(s.checked_in_at),
            "checked_in_by": s.checked_in_by,
            "checked_out_at": _iso(s.checked_out_at),
            "checked_out_by": s.checked_out_by,
            "hours": float(a.hours_for(s.member)),
        }
        for s in sorted(a.signups.values(), key=lambda s: (s.signed_up_at, s.member))
        if organiser or s.member in actor_members(actor, record)
    ]
    return {
        "id": a.id,
        "community": a.community,
        "title": a.title,
        "description": record.description,
        "starts_at": _iso(a.starts_at),
        "ends_at": _iso(a.ends_at),
        "place": asdict(a.place),
        "organiser": a.organiser,
        "team": a.team,
        "slots": [
            {"code": s.code, "capacity": s.capacity, "skill": s.skill, "taken": a.taken(s.code), "free": a.free(s.code)}
            for s in a.slots
        ],
        "signups": signups,
        "signed_up": len(a.signups),
        "length_hours": float(a.length_hours),
        "people_served": a.people_served,
        "closed_at": _iso(record.closed_at),
        "no_shows": list(record.no_shows) if organiser else [],
        "no_show_count": len(record.no_shows),
        "grants": [
            {"member": g.member, "hours": float(g.hours), "reason": g.reason, "at": _iso(g.at)}
            for g in a.grants
            if organiser or g.member in actor_members(actor, record)
        ],
    }


def actor_members(actor: Actor, record: ActivityRecord) -> set[str]:
    """The member ids the caller holds in this activity (a volunteer's own sign-up, by subject)."""
    return {m for m, s in record.activity.signups.items() if record.subjects.get(m) == actor.sub}
