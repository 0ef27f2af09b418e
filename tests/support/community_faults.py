"""The community side under faults (tests/e2e/test_faults.py): a staff member and volunteers drive needs
through record → claim → start → done → confirm, and a 议事 topic's case actions are closed by case
events, while the community service and tracking's projector are SIGKILLed and started again. The
client is a phone's: every write carries an Idempotency-Key and is sent again with the same key until
it is answered, so a write the service committed but could not answer is not done twice.

Afterwards, counted in the community's database, its outbox and tracking's public reads: every
accepted confirmation has exactly one hours entry (none doubled), the wish wall's counts and the
figures equal the community's own, and every topic's progress equals what its actions' events say."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer

from chuishao_shared.auth import mint_token
from chuishao_shared.db_roles import provision_database
from chuishao_shared.devstack import database_dsn
from chuishao_shared.events import CASES_TOPIC, new_envelope
from chuishao_shared.settings import Settings
from support.processes import Deployment, eventually

COMMUNITY, GRID = "XY-WQ-WY", "XY-WQ-WY-G01"
PEOPLE = [
    {"party": "committee", "name": "社区书记"},
    {"party": "party_member", "name": "党员代表"},
    {"party": "resident", "name": "居民代表"},
    {"party": "stakeholder", "name": "物业经理"},
]


def _token(role: str, sub: str, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(Settings(), sub=sub, role=role, ttl_seconds=3600, **claims)}"}


@dataclass
class CommunityPhone:
    """Writes to the community service at whatever address it has now (it moves when restarted)."""

    urls: dict[str, str]
    retries: int = 0
    server_errors: int = 0
    longest_stall: float = 0.0
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=5.0))

    def send(self, path: str, body: dict[str, Any], headers: dict[str, str], within: float = 90.0) -> dict[str, Any]:
        """POST with one Idempotency-Key, again and again until a 2xx; a 4xx is a failed test."""
        key = uuid.uuid4().hex
        started = time.monotonic()
        while True:
            try:
                response = self.client.post(
                    self.urls["community"] + path, json=body, headers={**headers, "Idempotency-Key": key}
                )
            except httpx.HTTPError:
                response = None
            if response is not None and response.status_code < 300:
                self.longest_stall = max(self.longest_stall, time.monotonic() - started)
                return response.json()  # type: ignore[no-any-return]
            if response is not None and response.status_code < 500:
                raise AssertionError(f"{path}: {response.status_code} {response.text}")
            self.server_errors += response is not None
            self.retries += 1
            if time.monotonic() - started > within:
                raise AssertionError(f"{path}: not answered in {within}s")
            time.sleep(0.2)


@dataclass
class Flow:
    """Needs through their whole life, one after another, on a thread of its own."""

    phone: CommunityPhone
    staff: dict[str, str]
    volunteers: list[dict[str, str]]
    needs: int
    hold_after: int = 0  # waits here, once this many are confirmed, until resume is set: the kill lands mid-flow
    resume: threading.Event = field(default_factory=threading.Event)
    confirmed: list[str] = field(default_factory=list)
    error: BaseException | None = None

    def start(self) -> Flow:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        try:
            for i in range(self.needs):
                volunteer = self.volunteers[i % len(self.volunteers)]
                wanted = (datetime.now(UTC) + timedelta(days=3)).isoformat()
                need = self.phone.send("/v1/needs", _need(i, wanted), self.staff)
                nid = need["id"]
                self.phone.send(f"/v1/needs/{nid}/claim", {}, volunteer)
                self.phone.send(f"/v1/needs/{nid}/start", {}, volunteer)
                self.phone.send(f"/v1/needs/{nid}/done", {"note": "买好了", "photos": [], "hours": 1.5}, volunteer)
                self.phone.send(f"/v1/needs/{nid}/confirm", {"satisfaction": "satisfied", "note": "回访"}, self.staff)
                self.confirmed.append(nid)
                if len(self.confirmed) == self.hold_after and not self.resume.wait(120):
                    raise AssertionError("the flow was never resumed")
        except BaseException as error:  # noqa: BLE001 - raised again in join()
            self.error = error


def _need(i: int, wanted: str) -> dict[str, Any]:
    return {
        "kind": "wish",
        "title": f"微心愿 {i}",
        "description": "帮老人买米面油",
        "grid": GRID,
        "building": "7号楼",
        "resident": {"name": "王秀珍", "phone": "13800001111", "address": "7号楼2单元301"},
        "urgency": "normal",
        "wanted_by": wanted,
        "skills": ["errands"],
        "privacy": "open",
        "hours_wanted": 2,
    }


def start_community(deployed: Deployment, urls: dict[str, str]) -> str:
    return deployed.start(
        "community",
        CHUISHAO_COMMUNITY_INTAKE_URL=urls["intake"],
        CHUISHAO_COMMUNITY_TOPIC_SECONDS="0.5",
        CHUISHAO_COMMUNITY_SWEEP_SECONDS="3600",
        CHUISHAO_COMMUNITY_WHISTLE_SECONDS="3600",
    )


def provision(deployed: Deployment) -> None:
    asyncio.run(provision_database(deployed.infra.admin_dsn, deployed.database("community")))


def setup_people(phone: CommunityPhone, volunteers: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    staff = _token("community_staff", f"staff-{uuid.uuid4().hex[:6]}", community=COMMUNITY)
    tokens = []
    for i in range(volunteers):
        sub = f"vol-{uuid.uuid4().hex[:6]}"
        headers = _token("volunteer", sub, community=COMMUNITY)
        body = {
            "name": f"志愿者{i}",
            "phone": "13912345678",
            "work_unit": "县教育局",
            "party_member": True,
            "community": COMMUNITY,
            "grid": GRID,
            "skills": ["errands"],
        }
        member = phone.send("/v1/members", body, headers)
        phone.send(f"/v1/members/{member['id']}/confirm", {}, staff)
        tokens.append(headers)
    return staff, tokens


def raise_topic(phone: CommunityPhone, staff: dict[str, str], cases: int) -> str:
    topic = phone.send("/v1/topics", {"title": "外墙剥落", "question": "外墙剥落谁来修", "community": COMMUNITY}, staff)
    tid = topic["id"]
    phone.send(f"/v1/topics/{tid}/set", {"question": "外墙剥落谁来修", "participants": PEOPLE}, staff)
    now = datetime.now(UTC)
    meeting = {"at": now.isoformat(), "place": "议事厅", "agenda": ["外墙"], "attendance": PEOPLE}
    phone.send(f"/v1/topics/{tid}/meetings", meeting, staff)
    decision = {
        "item": "外墙",
        "decision": "报修并排查",
        "owner": "社区两委",
        "due": (now + timedelta(days=7)).isoformat(),
    }
    phone.send(f"/v1/topics/{tid}/decisions", decision, staff)
    for i in range(cases):
        action = {"kind": "case", "category": "FAC-FACADE-PEELING", "grid": GRID, "description": f"{i}号楼外墙剥落"}
        phone.send(f"/v1/topics/{tid}/actions", action, staff)
    return tid


def topic(phone: CommunityPhone, staff: dict[str, str], tid: str) -> dict[str, Any]:
    return phone.client.get(f"{phone.urls['community']}/v1/topics/{tid}", headers=staff).json()  # type: ignore[no-any-return]


def case_events(prefix: str, filed: list[tuple[str, str]]) -> list[tuple[str, bytes, bytes]]:
    """dispatch's case.opened and case.closed for each filed report, the closing delivered twice."""
    out = []
    for report_id, case_id in filed:
        opened_at = datetime.now(UTC).isoformat()
        for event_type, status, sequence, extra in (
            ("case.opened", "dispatched", 1, {"report_id": report_id}),
            ("case.closed", "closed", 2, {"resolution": "已修复"}),
        ):
            snapshot = {
                "id": case_id,
                "status": status,
                "category": "FAC-FACADE-PEELING",
                "major": "FAC",
                "grid": GRID,
                "community": COMMUNITY,
                "severity": "major",
                "report_ids": [report_id],
                "whistle_count": 1,
                "escalation_level": 0,
                "opened_at": opened_at,
                "assignments": [],
            }
            data = {"case": snapshot, "actor_role": "system", **extra}
            envelope = new_envelope(
                event_type, source="/chuishao/dispatch", subject=case_id, sequence=sequence, data=data
            )
            out.append((prefix + CASES_TOPIC, case_id.encode(), envelope.to_bytes()))
        out.append(out[-1])  # the same case.closed once more: counted once
    return out


def publish(bootstrap: str, records: list[tuple[str, bytes, bytes]]) -> None:
    async def go() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        try:
            for topic_name, key, value in records:
                await producer.send_and_wait(topic_name, value, key=key)
        finally:
            await producer.stop()

    asyncio.run(go())


async def _fetch(dsn: str, sql: str) -> list[Any]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


def community_counts(deployed: Deployment) -> dict[str, Any]:
    dsn = database_dsn(deployed.infra.admin_dsn, deployed.databases["community"])
    hours = asyncio.run(_fetch(dsn, "SELECT ref FROM hours_entries WHERE source = 'need'"))
    statuses = asyncio.run(_fetch(dsn, "SELECT status, count(*) AS n FROM needs GROUP BY status"))
    events = asyncio.run(
        _fetch(dsn, "SELECT key, event_type, payload FROM outbox WHERE event_type LIKE 'action.%' ORDER BY id")
    )
    created: dict[str, set[str]] = {}
    done: dict[str, list[str]] = {}
    for row in events:
        data = json.loads(bytes(row["payload"]))["data"]
        action, topic_id = data["action_id"], row["key"]
        if row["event_type"] == "action.created":
            created.setdefault(topic_id, set()).add(action)
        elif row["event_type"] == "action.done":
            done.setdefault(topic_id, []).append(action)
    return {
        "hours_refs": [r["ref"] for r in hours],
        "statuses": {r["status"]: r["n"] for r in statuses},
        "actions_created": created,
        "actions_done": done,
    }


def wall_counts(tracking: str) -> dict[str, int]:
    wall = httpx.get(f"{tracking}/v1/board/needs", params={"community": COMMUNITY}, timeout=10).json()
    return next((c for c in wall["communities"] if c["community"] == COMMUNITY), {})


def figures_counts(tracking: str) -> dict[str, Any]:
    stats = httpx.get(f"{tracking}/v1/stats/community", params={"community": COMMUNITY}, timeout=10).json()
    return next((i for i in stats["items"] if i["community"] == COMMUNITY), {})


def board_topic(tracking: str, tid: str) -> dict[str, Any]:
    """The topic on tracking's public 议事公开栏 (GET /v1/board/topics), projected from its events."""
    page = httpx.get(f"{tracking}/v1/board/topics", params={"community": COMMUNITY, "limit": 50}, timeout=10)
    if page.status_code != 200:
        return {}
    return next((t for t in page.json()["items"] if t["id"] == tid), {})


def settle_until(check: Callable[[], Any], timeout: float) -> tuple[Any, float]:
    started = time.monotonic()
    try:
        return eventually(check, timeout=timeout), time.monotonic() - started
    except AssertionError:
        return None, time.monotonic() - started
