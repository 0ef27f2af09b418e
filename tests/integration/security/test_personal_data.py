"""Personal data, as a property: generated residents' names, Chinese mobile numbers, ID card numbers
and e-mail addresses, written into every free-text and contact field a report has (description,
building, unit, address, the resident's contact, the verification note, the feedback comment, and
Open311's description, address and contact fields) and into the departments' free text (progress and
resolve notes, extension and whistle reasons, rejections), never come out where they must not:

- a public response: the board, its case pages and statistics (tracking), Open311's `GET requests`,
  `requests/{id}` and `tokens/{id}` (intake);
- the board's event stream and the board page (HTML);
- an event on `chuishao.cases.v1` (read from the broker);
- a log line of intake, dispatch or tracking (formatted as the services log them);
- a dead-letter header (poison report events carrying them are produced on purpose).

The whole system runs (intake, dispatch, tracking; real database and broker). Hypothesis generates a
few residents (`CHUISHAO_PERSONAL_DATA_EXAMPLES`, default 3) and drives each through a report's whole
life; the outputs are checked once all of them have settled.

A name typed by a department into its own note cannot be recognised (dispatch does not know the
resident), so the departments' free text carries the numbers and addresses only; names go into every
field a resident's report has, where intake masks the resident's contact as filed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import uuid
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisDeprecationWarning

from chuishao_shared.auth import mint_token
from chuishao_shared.events import CASES_TOPIC, REPORTS_TOPIC, dead_letter_topic, new_envelope
from chuishao_shared.kafka import make_producer
from chuishao_shared.observability import JsonFormatter
from chuishao_shared.reference.loader import DEFAULT_DATA_DIR
from chuishao_tracking.bootstrap import MIGRATIONS as TRACKING_MIGRATIONS
from chuishao_tracking.bootstrap import TrackingSettings
from chuishao_tracking.bootstrap import build_app as build_tracking
from support.factories import GRID, bearer, report_body
from support.infra import Infra
from support.services import serving, start_service
from support.system import LEAD, System, case_of, dispatcher, eventually, liaison

EXAMPLES = int(os.environ.get("CHUISHAO_PERSONAL_DATA_EXAMPLES", "3"))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "璟琰翊蓁晞珩玥锴昀湛骞钰婧琬"  # rare in place names: a hit is the resident, not the reference data
REGIONS = ("110101", "310104", "140421", "440305", "510107")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
REFERENCE_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(DEFAULT_DATA_DIR.iterdir()) if p.is_file())


def id_card(region: str, born: datetime, serial: int) -> str:
    """A well-formed 18-digit 居民身份证号 (GB 11643, with its ISO 7064 MOD 11-2 check character)."""
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


VALID_RECEIVED = {
    "report_id": "r",
    "category": "ENV-STAIRWELL-DIRTY",
    "grid": GRID,
    "community": "XY-WQ-WY",
    "description": "楼道堆物",
    "severity": "minor",
    "reporter": "w",
    "received_at": "2026-11-01T00:00:00Z",
}


@dataclass(frozen=True)
class Resident:
    surname: str
    given: str
    mobile: str
    id_card: str
    email: str

    @property
    def name(self) -> str:
        return self.surname + self.given

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.name, self.mobile, self.id_card, self.email)

    def sentence(self, with_name: bool = True) -> str:
        who = f"住户{self.name}" if with_name else "住户"
        return f"{who}（手机{self.mobile}，身份证{self.id_card}，邮箱{self.email}）反映"


residents = st.builds(
    Resident,
    surname=st.sampled_from(SURNAMES),
    given=st.text(GIVEN, min_size=2, max_size=2),
    mobile=st.builds(
        lambda second, rest: f"1{second}{rest}",
        st.sampled_from("3456789"),
        st.text("0123456789", min_size=9, max_size=9),
    ),
    id_card=st.builds(
        id_card,
        st.sampled_from(REGIONS),
        st.datetimes(min_value=datetime(1940, 1, 1), max_value=datetime(2008, 12, 31)),
        st.integers(0, 999),
    ),
    email=st.builds(
        lambda local, domain, tld: f"{local}@{domain}.{tld}",
        st.from_regex(r"[a-z][a-z0-9]{3,10}", fullmatch=True),
        st.from_regex(r"[a-z]{3,8}", fullmatch=True),
        st.sampled_from(("com", "cn", "net", "org")),
    ),
)


@contextlib.asynccontextmanager
async def collected_stream(url: str) -> AsyncIterator[list[str]]:
    """Every line the board's event stream sends while the block runs."""
    lines: list[str] = []

    async def read() -> None:
        async with (
            httpx.AsyncClient(base_url=url, timeout=None) as client,
            client.stream("GET", "/v1/board/stream") as response,
        ):
            assert response.status_code == 200
            async for line in response.aiter_lines():
                lines.append(line)

    task = asyncio.create_task(read())
    try:
        yield lines
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def life_of_a_report(chuishao: System, resident: Resident) -> list[str]:
    """File a report carrying `resident` everywhere, take its case through the departments and
    verification to feedback, and file one more over Open311. Returns the report ids."""
    worker = mint_token(
        chuishao.intake.settings, sub=f"worker-{uuid.uuid4().hex[:6]}", role="grid_worker", grids=[GRID]
    )
    said = resident.sentence()
    body = report_body(
        description=f"{said}3号楼2单元楼道堆放杂物",
        place={"building": f"3号楼{resident.name}家", "unit": resident.mobile, "address": f"五阳小区{said}"},
        resident={"name": resident.name, "phone": resident.mobile, "email": resident.email},
    )
    filed = await chuishao.intake.client.post(
        "/v1/reports", json=body, headers={**bearer(worker), "Idempotency-Key": uuid.uuid4().hex}
    )
    assert filed.status_code == 201, filed.text
    report_id = filed.json()["id"]
    case = await case_of(chuishao, worker, report_id, "dispatched")
    path, staff_text = f"/v1/cases/{case['id']}", resident.sentence(with_name=False)
    lead, boss = liaison(chuishao, LEAD), dispatcher(chuishao)
    steps: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("acknowledge", {}, lead),
        ("progress", {"note": f"{staff_text}已到现场"}, lead),
        ("extension", {"until": (datetime.now(UTC) + timedelta(days=60)).isoformat(), "reason": staff_text}, lead),
        ("extension/reject", {"reason": f"{staff_text}无需延期"}, boss),
        ("whistle", {"departments": ["XY-WQ-PCS"], "reason": f"{staff_text}需协同"}, boss),
        ("resolve", {"note": f"{staff_text}已清理", "no_photo_reason": "unsafe"}, lead),
    ]
    for action, payload, headers in steps:
        answer = await chuishao.dispatch.client.post(
            f"{path}/{action}", json=payload, headers={**headers, "Idempotency-Key": uuid.uuid4().hex}
        )
        assert answer.status_code == 200, (action, answer.text)
    await case_of(chuishao, worker, report_id, "resolved")
    for follow_up, payload in (
        ("verification", {"result": "fixed", "note": f"{said}现场已整改"}),
        ("feedback", {"satisfaction": "satisfied", "comment": f"{said}很满意"}),
    ):
        answer = await chuishao.intake.client.post(
            f"/v1/reports/{report_id}/{follow_up}", json=payload, headers=bearer(worker)
        )
        assert answer.status_code == 202, (follow_up, answer.text)
        if follow_up == "verification":
            await case_of(chuishao, worker, report_id, "closed")
    form = {
        "api_key": worker,
        "service_code": body["category"],
        "attribute[grid]": GRID,
        "description": f"{said}楼道灯坏了",
        "address_string": f"五阳小区{resident.name}家门口 {resident.mobile}",
        "first_name": resident.given,
        "last_name": resident.surname,
        "phone": resident.mobile,
        "email": resident.email,
    }
    posted = await chuishao.intake.client.post("/open311/v2/requests.json", data=form)
    assert posted.status_code == 201, posted.text
    return [report_id, posted.json()[0]["service_request_id"]]


async def poison_letters(chuishao: System, resident: Resident) -> None:
    """Report events the consumers must set aside, with the resident in the values that fail."""
    topic = chuishao.intake.settings.topic(REPORTS_TOPIC)
    said = resident.sentence()
    bad = [
        {"report_id": said, "category": "ENV-STAIRWELL-DIRTY", "grid": said, "community": said, "description": said,
         "severity": said, "reporter": resident.email, "received_at": resident.mobile},
        {"report_id": str(uuid.uuid4()), "category": said, "grid": said, "community": "XY-WQ-WY",
         "description": said, "severity": "minor", "reporter": "w", "received_at": "2026-11-01T00:00:00Z"},
    ]  # fmt: skip
    producer = make_producer(chuishao.intake.settings)
    await producer.start()
    try:
        for data in bad:
            # A well-formed CloudEvent whose data break the contract (new_envelope would refuse them).
            good = new_envelope("report.received", source="/test", subject="r", sequence=1, data=VALID_RECEIVED)
            event = {**json.loads(good.to_bytes()), "subject": resident.id_card, "data": data}
            await producer.send_and_wait(topic, json.dumps(event).encode(), key=resident.mobile.encode())
        await producer.send_and_wait(topic, f"{said} not json".encode(), key=b"poison")
    finally:
        await producer.stop()


async def read_topic(bootstrap: str, topic: str, at_least: int) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=str(uuid.uuid4()), auto_offset_reset="earliest"
    )
    await consumer.start()
    messages: list[Any] = []
    try:

        async def enough() -> bool:
            batch = await consumer.getmany(timeout_ms=300)
            messages.extend(m for ms in batch.values() for m in ms)
            return len(messages) >= at_least

        await eventually(enough, timeout=20)
        messages.extend(m for ms in (await consumer.getmany(timeout_ms=300)).values() for m in ms)
    finally:
        await consumer.stop()
    return messages


worker_subjects: set[str] = set()


def leaks(outputs: dict[str, str], secrets: set[str]) -> list[str]:
    return [f"{where}: {secret}" for where, text in outputs.items() for secret in sorted(secrets) if secret in text]


async def test_personal_data_never_reaches_public_outputs_events_logs_or_dead_letter_headers(
    infra: Infra, chuishao: System, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    prefix = chuishao.intake.settings.topic_prefix
    _, tracking_app = await start_service(
        infra, TrackingSettings, build_tracking, TRACKING_MIGRATIONS, topic_prefix=prefix
    )
    loop = asyncio.get_running_loop()
    generated: list[Resident] = []
    report_ids: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(resident=residents)
    def each_resident(resident: Resident) -> None:
        assume(resident.name not in REFERENCE_TEXT and resident.given not in REFERENCE_TEXT)
        generated.append(resident)
        report_ids.extend(asyncio.run_coroutine_threadsafe(life_of_a_report(chuishao, resident), loop).result(90))

    async with serving(tracking_app) as url, httpx.AsyncClient(base_url=url, timeout=10) as board:
        async with collected_stream(url) as stream:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", HypothesisDeprecationWarning)
                await asyncio.to_thread(each_resident)
            assert len(generated) >= 1
            await poison_letters(chuishao, generated[0])

            async def board_settled() -> bool:
                cases = (await board.get("/v1/board/cases", params={"limit": 100})).json()["items"]
                return sum(c["status"] == "closed" for c in cases) >= len(generated)

            await eventually(board_settled, timeout=30)
            await asyncio.sleep(0.5)  # the stream's last changes
        outputs: dict[str, str] = {"stream": "\n".join(stream)}
        cases = (await board.get("/v1/board/cases", params={"limit": 100})).json()["items"]
        public = ["/v1/board/cases?limit=100", "/", "/board/rows", "/board/side"]
        public += [f"/v1/stats/{s}" for s in ("departments", "communities", "categories", "daily")]
        public += [p for c in cases for p in (f"/v1/board/cases/{c['id']}", f"/board/rows/{c['id']}")]
        # The residents' board: search, the closed list of the last 90 days, the wall, the 口径 page.
        public += ["/v1/board/cases?status=closed&finished_within_days=90", "/v1/board/cases?q=五阳 楼道"]
        public += ["/?status=closed", "/?q=五阳", "/?community=XY-WQ-WY", "/?wall=1", "/board/rows?status=closed"]
        public += ["/definitions", *(f"/?q={c['id'][:8]}" for c in cases)]
        for page in public:
            answer = await board.get(page)
            assert answer.status_code in (200, 204), (page, answer.text)  # 204: a row no longer shown
            outputs[f"tracking {page}"] = answer.text
        # Search reads public names only: a resident's name, number or address finds nothing. (This test's
        # own client logs the URLs it asks for; the services' logs are what is checked below.)
        with caplog.at_level(logging.WARNING, logger="httpx"):
            for secret in {s for r in generated for s in r.secrets}:
                found = await board.get("/v1/board/cases", params={"q": secret[:100]})
                assert found.status_code == 200 and found.json()["items"] == [], secret
    open311 = ["/open311/v2/requests.json", "/open311/v2/requests.xml"]
    open311 += [p for r in report_ids for p in (f"/open311/v2/requests/{r}.json", f"/open311/v2/tokens/{r}.json")]
    for page in open311:
        answer = await chuishao.intake.client.get(page)
        assert answer.status_code == 200, (page, answer.text)
        outputs[f"intake {page}"] = answer.text

    bootstrap = chuishao.intake.settings.kafka_bootstrap_servers
    events = await read_topic(bootstrap, prefix + CASES_TOPIC, at_least=len(generated) * 8)
    outputs |= {f"{CASES_TOPIC} #{m.offset}": m.value.decode() + json.dumps(m.headers, default=str) for m in events}
    letters = await read_topic(bootstrap, prefix + dead_letter_topic(REPORTS_TOPIC), at_least=3)
    for m in letters:
        outputs[f"dead letter #{m.offset} headers"] = " ".join(f"{k}={v.decode()}" for k, v in m.headers)
    formatter = JsonFormatter("test")
    outputs["logs"] = "\n".join(formatter.format(record) for record in caplog.records)

    secrets = {s for r in generated for s in r.secrets}
    # The inputs really carried them: the case's own audit trail (internal) has the departments' text.
    assert any(generated[0].mobile in t for t in (json.dumps(m.value.decode()) for m in letters))
    print(
        f"\npersonal data: {len(generated)} residents, {len(secrets)} values, {len(report_ids)} reports, "
        f"{len(outputs)} outputs checked ({len(events)} case events, {len(letters)} dead letters, "
        f"{len(caplog.records)} log records)"
    )
    assert not leaks(outputs, secrets), "\n".join(leaks(outputs, secrets)[:30])
    # Staff and workers' ids stay off the public side too (the events carry them in `actor`).
    subjects = {f"liaison-{LEAD}", "dispatcher-1", *worker_subjects}
    assert any(f"liaison-{LEAD}" in text for where, text in outputs.items() if where.startswith(CASES_TOPIC))
    public_side = {k: v for k, v in outputs.items() if k.startswith(("tracking", "intake", "stream"))}
    assert not leaks(public_side, subjects), leaks(public_side, subjects)
