"""Reference data at run time (PRODUCT.md §9): change sets proposed, dry-run, approved into versions, restored,
exported and imported. Dispatch owns the versions; every service follows the one in force.

- A change set's content is all five documents (those it does not name are taken from the version it was
  written against); a change set that fails validation is refused (422, an error per field) and not stored.
- Approval writes the next version with its effective time, the change set's new state, the audit row and
  the `reference.changed` event in one transaction; when the routing rules change, the rule set version the
  cases record is stored in the same transaction (or, for a later effective time, when it comes into force).
- A change set can be approved only against the version it was written for: after another was approved it
  must be written again (its diff would otherwise undo the other's changes silently).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from chuishao_dispatch.adapters import reference_versions as store
from chuishao_dispatch.domain import Actor, RoutingRule
from chuishao_dispatch.domain.dry_run import PastCase, dry_run
from chuishao_dispatch.domain.errors import InvalidCommand, OutOfScope
from chuishao_dispatch.service_layer.handlers import visible_case
from chuishao_dispatch.service_layer.unit_of_work import SOURCE, AbstractUnitOfWork
from chuishao_shared.events import EventType, new_envelope
from chuishao_shared.problems import Problem
from chuishao_shared.reference import ReferenceData
from chuishao_shared.reference.changes import Content, content_of_dir, diff, from_yaml, to_yaml, validate
from chuishao_shared.reference.loader import reference_from_documents

SEED_EFFECTIVE = datetime(2000, 1, 1, tzinfo=UTC)  # version 1 (the files) is in force from the start
MAX_DRY_RUN_DAYS = 366


@dataclass
class ReferenceVersions:
    """One process's view of the stored versions: the data directory (for the geometry and version 1), and
    the ReferenceData of each version it has built (built once: validation takes a moment)."""

    data_dir: Path | None
    require_second_admin: bool = False
    built: dict[int, ReferenceData] = field(default_factory=dict)
    proposals: dict[str, ReferenceData] = field(default_factory=dict)  # a change set's content never changes

    def reference_of(self, number: int, content: Content) -> ReferenceData:
        if number not in self.built:
            self.built[number] = reference_from_documents(content, self.data_dir)
        return self.built[number]


def _conn(uow: AbstractUnitOfWork) -> Any:
    return uow.conn  # type: ignore[attr-defined]


def _rules_of(content: Content) -> list[dict[str, Any]]:
    return [
        RoutingRule.from_dict({**r, "note": r.get("note") or ""}).to_dict() for r in content["routing_rules"]["rules"]
    ]


async def seed(uow: AbstractUnitOfWork, versions: ReferenceVersions) -> None:
    """Version 1 is the data directory's files (as at every start before change sets existed)."""
    async with uow:
        conn = _conn(uow)
        await store.lock(conn)
        if await store.latest(conn) is None:
            rules = await uow.rules.current()
            await store.add_version(
                conn,
                content=content_of_dir(versions.data_dir),
                changeset_id=None,
                created_by="reference-data",
                reason="数据目录中的文件 (the data directory's files)",
                effective_at=SEED_EFFECTIVE,
                rule_version=rules.version if rules else None,
            )
            await uow.commit()


async def _in_force(uow: AbstractUnitOfWork, now: datetime) -> dict[str, Any]:
    current = await store.in_force(_conn(uow), now)
    if current is None:
        raise Problem(503, "Not ready", "No reference data version is stored yet.")
    return current


def _reason(reason: str | None, field_name: str = "reason") -> str:
    text = (reason or "").strip()
    if not text:
        raise Problem(
            422, "Invalid request", "A reason is required.", kind="validation",
            errors=[{"field": field_name, "message": "say why (it is kept in the audit)"}],
        )  # fmt: skip
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in text):
        raise Problem(
            422, "Invalid request", "The reason holds control characters.", kind="validation",
            errors=[{"field": field_name, "message": "no control characters"}],
        )  # fmt: skip
    if len(text) > 1000:
        raise Problem(
            422, "Invalid request", "The reason is too long.", kind="validation",
            errors=[{"field": field_name, "message": "at most 1000 characters"}],
        )  # fmt: skip
    return text


def _refused(problems: list[dict[str, str]]) -> Problem:
    return Problem(
        422,
        "Invalid change set",
        f"The change set has {len(problems)} problem(s); nothing was stored.",
        kind="validation",
        errors=problems,
    )


def changeset_view(row: dict[str, Any], in_force: dict[str, Any], *, with_content: bool = False) -> dict[str, Any]:
    view = {k: v for k, v in row.items() if k != "content"}
    view["in_force_version"] = in_force["version"]
    view["stale"] = row["status"] == "proposed" and row["base_version"] != in_force["version"]
    view["diff"] = diff(in_force["content"], row["content"]) if row["status"] == "proposed" else None
    if with_content:
        view["content"] = row["content"]
    return view


async def propose(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    *,
    reason: str | None,
    content: Any,
    now: datetime,
    restores: int | None = None,
    action: str = "proposed",
) -> dict[str, Any]:
    why = _reason(reason)
    if not isinstance(content, dict):
        raise _refused([{"field": "content", "message": "an object of documents (jurisdictions, categories …)"}])
    async with uow:
        view = await _store_proposal(
            uow, versions, actor, why=why, content=content, now=now, restores=restores, action=action
        )
        await uow.commit()
    return view


async def _store_proposal(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    *,
    why: str,
    content: dict[str, Any],
    now: datetime,
    restores: int | None = None,
    action: str = "proposed",
    detail: dict[str, Any] | None = None,
    current: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Validate, diff, store and audit a change set in the open unit of work (the caller commits): the one
    path every proposal takes, an admin's or a dispatcher's rule from a case."""
    conn = _conn(uow)
    if current is None:
        current = await _in_force(uow, now)
    in_force_ref = versions.reference_of(current["version"], current["content"])
    if "\\u0000" in json.dumps(content):
        raise _refused([{"field": "content", "message": "a text holds a NUL character"}])
    merged, reference, problems = validate(content, current["content"], in_force_ref, versions.data_dir)
    if problems or reference is None:
        raise _refused(problems)
    changes = diff(current["content"], merged)
    if not changes:
        raise _refused([{"field": "content", "message": f"nothing differs from version {current['version']}"}])
    changeset_id = await store.add_changeset(
        conn,
        content=merged,
        author=actor.sub,
        reason=why,
        base_version=current["version"],
        restores=restores,
        at=now,
    )
    await store.audit(
        conn, at=now, actor=actor.sub, action=action, reason=why, changeset_id=changeset_id,
        detail={"base_version": current["version"], "changes": len(changes), "restores": restores, **(detail or {})},
    )  # fmt: skip
    row = await store.changeset(conn, changeset_id)
    assert row is not None
    return changeset_view(row, current)


async def read(uow: AbstractUnitOfWork, changeset_id: str, now: datetime) -> dict[str, Any]:
    async with uow:
        row = await store.changeset(_conn(uow), changeset_id)
        if row is None:
            raise Problem(404, "Not found", "No such change set.")
        current = await _in_force(uow, now)
    return changeset_view(row, current, with_content=True)


async def listing(uow: AbstractUnitOfWork, now: datetime) -> dict[str, Any]:
    async with uow:
        conn = _conn(uow)
        rows = await store.changesets(conn)
        current = await store.in_force(conn, now, content=False)
    return {"items": rows, "in_force_version": current["version"] if current else None}


async def run_dry(
    uow: AbstractUnitOfWork, versions: ReferenceVersions, changeset_id: str, *, days: int, now: datetime
) -> dict[str, Any]:
    if not 1 <= days <= MAX_DRY_RUN_DAYS:
        raise Problem(
            422, "Invalid request", "days out of range", kind="validation",
            errors=[{"field": "days", "message": f"between 1 and {MAX_DRY_RUN_DAYS}"}],
        )  # fmt: skip
    async with uow:
        conn = _conn(uow)
        row = await store.changeset(conn, changeset_id)
        if row is None:
            raise Problem(404, "Not found", "No such change set.")
        current = await _in_force(uow, now)
        rules = await uow.rules.current()
        rows = await store.past_cases(conn, store.days_before(now, days), now)
    in_force_ref = versions.reference_of(current["version"], current["content"])
    proposed = versions.proposals.get(changeset_id)
    if proposed is None:
        proposed = versions.proposals[changeset_id] = reference_from_documents(row["content"], versions.data_dir)
    result = dry_run((PastCase(*r) for r in rows), in_force_ref, proposed, now=now, in_force_rules=rules)
    return {"changeset_id": changeset_id, "days": days, "in_force_version": current["version"], **result}


async def for_follower(uow: AbstractUnitOfWork, known: int | None, now: datetime) -> dict[str, Any]:
    """The version in force for a process following it (dispatch's own reads its table): versions whose time
    has come get their rule set first. The content only when it is not `known`."""
    async with uow:
        conn = _conn(uow)
        await store.lock(conn)
        await bring_into_force(uow, now)
        row = await store.in_force(conn, now, content=False)
        if row is not None and row["version"] != known:
            row = await store.in_force(conn, now)
        await uow.commit()
    if row is None:
        raise RuntimeError("no reference data version stored yet")
    return row


async def bring_into_force(uow: AbstractUnitOfWork, now: datetime) -> list[int]:
    """Versions whose effective time has come and whose routing rules are not stored yet: store the rule set
    (the version cases record) in this transaction. Idempotent; the caller commits."""
    conn = _conn(uow)
    rows = await conn.execute(
        text(
            "SELECT version, content FROM reference_versions WHERE effective_at <= :now AND rule_version IS NULL "
            "ORDER BY version"
        ),
        {"now": now},
    )
    done = []
    for number, content in list(rows):
        current = await uow.rules.current()
        rules = _rules_of(content)
        if (
            current is not None
            and _rules_of({"routing_rules": {"rules": [r.to_dict() for r in current.rules]}}) == rules
        ):
            rule_version = current.version
        else:
            rule_version = await uow.rules.store(rules, f"reference-version-{number}")
        await store.set_rule_version(conn, number, rule_version)
        done.append(number)
    return done


async def approve(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    changeset_id: str,
    *,
    effective_at: datetime | None,
    now: datetime,
) -> dict[str, Any]:
    if effective_at is not None and effective_at.tzinfo is not None:
        try:
            effective_at.astimezone(UTC)
        except (OverflowError, ValueError):
            effective_at = effective_at.replace(tzinfo=None)  # refused below, as an unusable time
    effective = now if effective_at is None or effective_at.tzinfo is None else effective_at.astimezone(UTC)
    if effective_at is not None and effective_at.tzinfo is None:
        raise Problem(
            422, "Invalid request", "effective_at needs a time zone", kind="validation",
            errors=[{"field": "effective_at", "message": "give an offset, e.g. 2027-01-01T00:00:00+08:00"}],
        )  # fmt: skip
    async with uow:
        conn = _conn(uow)
        await store.lock(conn)
        row = await store.changeset(conn, changeset_id, for_update=True)
        if row is None:
            raise Problem(404, "Not found", "No such change set.")
        if row["status"] != "proposed":
            raise Problem(409, "Conflict", f"The change set is {row['status']}, not proposed.", kind="conflict")
        if versions.require_second_admin and row["author"] == actor.sub:
            raise Problem(
                403, "Forbidden", "A second admin approves: the author may not approve their own change set.",
                kind="forbidden", errors=[{"field": "approver", "message": "another admin must approve"}],
            )  # fmt: skip
        latest = await store.latest(conn)
        assert latest is not None
        if latest["version"] != row["base_version"]:
            raise Problem(
                409, "Conflict",
                f"The change set was written against version {row['base_version']}; version {latest['version']} "
                "has been approved since. Write it again against the version now stored.",
                kind="conflict", errors=[{"field": "base_version", "message": f"now {latest['version']}"}],
            )  # fmt: skip
        if effective < latest["effective_at"]:
            raise Problem(
                422, "Invalid request", "effective_at is before the latest version's", kind="validation",
                errors=[{"field": "effective_at", "message": f"not before {latest['effective_at'].isoformat()}"}],
            )  # fmt: skip
        number = await store.add_version(
            conn,
            content=row["content"],
            changeset_id=changeset_id,
            created_by=row["author"],
            reason=row["reason"],
            effective_at=effective,
            rule_version=None,
        )
        await store.approve(conn, changeset_id, by=actor.sub, at=now, effective_at=effective, version=number)
        if effective <= now:
            await bring_into_force(uow, now)
        await store.audit(
            conn, at=now, actor=actor.sub, action="approved", reason=row["reason"], changeset_id=changeset_id,
            version=number, detail={"effective_at": effective.isoformat(), "author": row["author"]},
        )  # fmt: skip
        await uow.stage(
            new_envelope(
                EventType.REFERENCE_CHANGED,
                source=SOURCE,
                subject=str(number),
                sequence=number,
                data={
                    "version": number,
                    "effective_at": effective,
                    "changeset_id": changeset_id,
                    "documents": sorted({c["document"] for c in diff(latest["content"], row["content"])}),
                    "at": now,
                },
            )
        )
        stored = await store.version(conn, number)
        await uow.commit()
    assert stored is not None
    return {
        "changeset_id": changeset_id,
        "version": number,
        "effective_at": effective,
        "rule_version": stored["rule_version"],
        "status": "approved",
    }


async def withdraw(
    uow: AbstractUnitOfWork, actor: Actor, changeset_id: str, *, reason: str | None, now: datetime
) -> dict[str, Any]:
    why = _reason(reason)
    async with uow:
        conn = _conn(uow)
        row = await store.changeset(conn, changeset_id, for_update=True)
        if row is None:
            raise Problem(404, "Not found", "No such change set.")
        if row["status"] != "proposed":
            raise Problem(409, "Conflict", f"The change set is {row['status']}, not proposed.", kind="conflict")
        await store.withdraw(conn, changeset_id)
        await store.audit(conn, at=now, actor=actor.sub, action="withdrawn", reason=why, changeset_id=changeset_id)
        await uow.commit()
    return {"changeset_id": changeset_id, "status": "withdrawn"}


async def version_listing(uow: AbstractUnitOfWork, now: datetime) -> dict[str, Any]:
    async with uow:
        conn = _conn(uow)
        rows = await store.versions(conn)
        current = await store.in_force(conn, now, content=False)
    number = current["version"] if current else None
    for r in rows:
        r["in_force"] = r["version"] == number
        r["pending"] = r["effective_at"] > now
    return {"items": rows, "in_force_version": number}


async def version_content(uow: AbstractUnitOfWork, number: int | None, now: datetime) -> dict[str, Any]:
    """One version (None: the one in force), with its content."""
    async with uow:
        conn = _conn(uow)
        row = await (store.in_force(conn, now) if number is None else store.version(conn, number))
    if row is None:
        raise Problem(404, "Not found", "No such version.")
    return row


async def restore(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    number: int,
    *,
    reason: str | None,
    now: datetime,
) -> dict[str, Any]:
    old = await version_content(uow, number, now)
    return await propose(
        uow, versions, actor, reason=reason, content=old["content"], now=now, restores=number, action="restore proposed"
    )


def export(row: dict[str, Any]) -> dict[str, Any]:
    content = dict(row["content"])
    if row.get("rule_version"):
        content["routing_rules"] = {**content["routing_rules"], "version": row["rule_version"]}
    return {"version": row["version"], "files": to_yaml(content)}


async def import_files(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    *,
    reason: str | None,
    files: dict[str, str],
    now: datetime,
) -> dict[str, Any]:
    _reason(reason)
    content, problems = from_yaml(files)
    if problems:
        raise _refused(problems)
    return await propose(uow, versions, actor, reason=reason, content=content, now=now, action="imported")


async def audit_trail(uow: AbstractUnitOfWork) -> dict[str, Any]:
    async with uow:
        return {"items": await store.audit_trail(_conn(uow))}


# --- a dispatcher's rule from a case they route ("save as a rule", issue 27 item 1) ------------------


def _rule_id(community: str, category: str, taken: set[str]) -> str:
    """`<scope>.<category>` in lower case, as the data set names its rules (made unique if it must be)."""
    base = f"{community}.{category}".lower()
    rule_id, n = base, 2
    while rule_id in taken:
        rule_id, n = f"{base}-{n}", n + 1
    return rule_id


def _rule_departments(reference: ReferenceData, community: str, lead: str, assist: list[str]) -> None:
    """Each department named exists and serves the community's place (its jurisdiction is the community or
    one above it), as a community's rule needs; the lead does not also assist; no department twice."""
    chain = reference.chain(community)
    named = [("lead", lead), *((f"assist.{i}", code) for i, code in enumerate(assist))]
    for field_name, code in named:
        if code not in reference.departments:
            raise InvalidCommand(field_name, f"unknown department {code!r}")
    for field_name, code in named:
        served = reference.departments[code].jurisdiction
        if served not in chain:
            raise OutOfScope(field_name, f"department {code!r} serves {served}, not this case's community")
    for i, code in enumerate(assist):
        if code == lead:
            raise InvalidCommand(f"assist.{i}", f"{code!r} already leads")
        if code in assist[:i]:
            raise InvalidCommand(f"assist.{i}", f"{code!r} is listed twice")


async def propose_rule(
    uow: AbstractUnitOfWork,
    versions: ReferenceVersions,
    actor: Actor,
    case_id: str,
    *,
    lead: str,
    assist: list[str],
    reason: str | None,
    key: str | None,
    fingerprint: str,
    now: datetime,
) -> dict[str, Any]:
    """A dispatcher proposes, from a case of their jurisdiction, the rule "this 小类 in this community → these
    departments": a change set of the version in force's routing rules with that rule added (or the rule for
    exactly that 小类 and community changed), proposed through the same path as an admin's, for an admin to
    review, dry-run and approve. The rule holds codes only; the case's id is kept in the audit."""
    why = _reason(reason)
    async with uow:
        replayed = await uow.claim(actor.sub, key, fingerprint)
        if replayed is not None:
            return replayed  # type: ignore[no-any-return]
        loaded = await visible_case(uow, actor, case_id, lock=False)
        case = loaded.case
        current = await _in_force(uow, now)
        reference = versions.reference_of(current["version"], current["content"])
        community, category = case.community, case.category
        if category not in reference.categories:
            raise InvalidCommand("category", f"the case's 小类 {category!r} is not in the version in force")
        if community not in reference.jurisdictions:
            raise InvalidCommand("community", f"the case's community {community!r} is not in the version in force")
        _rule_departments(reference, community, lead, assist)
        document = json.loads(json.dumps(current["content"]["routing_rules"]))
        rules: list[dict[str, Any]] = document["rules"]
        found = next((r for r in rules if r.get("category") == category and r.get("scope") == community), None)
        if found is not None:
            if found.get("lead") == lead and list(found.get("assist") or []) == assist:
                raise InvalidCommand("lead", f"rule {found['id']!r} in force already routes this way")
            found["lead"], found["assist"] = lead, list(assist)
            found.pop("note", None)  # it explained the departments the rule named before
            rule = found
        else:
            rule = {
                "id": _rule_id(community, category, {str(r.get("id")) for r in rules}),
                "category": category,
                "scope": community,
                "lead": lead,
                "assist": list(assist),
            }
            same_scope = [i for i, r in enumerate(rules) if r.get("scope") == community]
            rules.insert(same_scope[-1] + 1 if same_scope else len(rules), rule)
        view = await _store_proposal(
            uow, versions, actor, why=why, content={"routing_rules": document}, now=now,
            action="rule proposed", current=current,
            detail={"case_id": case.id, "rule": rule["id"], "category": category, "scope": community},
        )  # fmt: skip
        await uow.store_answer(actor.sub, key, view, status=201)
        await uow.commit()
    return view
