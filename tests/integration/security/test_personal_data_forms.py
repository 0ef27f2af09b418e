"""Phone numbers, ID card numbers and e-mail addresses typed in full-width digits, with dots, spaces or
dashes of any width, and +86 / 0086 / ＋８６ prefixes (issue 28, finding 3), filed through Open311 (the
real intake, dispatch and notify, the real broker) never come out on Open311's public GET, on the
reports topic (read from the broker) nor in a department's robot message or webhook."""

from __future__ import annotations

import json
import unicodedata
import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer

from chuishao_shared.events import REPORTS_TOPIC
from support.factories import CATEGORY, GRID, worker_token
from support.infra import Infra
from support.notify import notify_system
from support.receiver import receiver
from support.system import LEAD, eventually

# How the review typed them, and more: each with the digits that must not come out.
SECRETS = {
    "１３９１２３４５６７８": "13912345678",
    "139.1234.5678": "13912345678",
    "＋８６　１３８－００１３－８０００": "13800138000",
    "0086 137 1234 5678": "13712345678",
    "(+86)１５０.1234.5678": "15012345678",
    "１８６–１２３４—５６７８": "18612345678",
    "０３５１－７６５４３２１": "03517654321",
    "１４０４２１ １９８５０５０７ ９９９Ｘ": "14042119850507999",
    "ｌｉｓｉ＠ｅｘａｍｐｌｅ．ｃｎ": "lisi@example.cn",
}


def _digits(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit())


def leaks(where: str, text: str) -> list[str]:
    """The secrets whose digits (or address) can be read in `text`, whatever their form."""
    normal = unicodedata.normalize("NFKC", text).lower()
    digits = _digits(text)
    return [
        f"{where}: {typed}"
        for typed, secret in SECRETS.items()
        if (secret in digits if secret[0].isdigit() else secret in normal)
    ]


async def read_topic(bootstrap: str, topic: str, wanted: Any) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=str(uuid.uuid4()), auto_offset_reset="earliest"
    )
    await consumer.start()
    messages: list[Any] = []
    try:

        async def found() -> bool:
            batch = await consumer.getmany(timeout_ms=300)
            messages.extend(m for ms in batch.values() for m in ms)
            return any(wanted(m) for m in messages)

        await eventually(found, timeout=20)
    finally:
        await consumer.stop()
    return [m for m in messages if wanted(m)]


async def test_numbers_in_every_form_are_masked_on_open311_the_reports_topic_and_robot_messages(
    infra: Infra,
) -> None:
    description = "居民反映楼道堆放杂物，联系" + "；".join(SECRETS) + "。"
    address = "3号楼2单元，电话 " + " / ".join(list(SECRETS)[:6])
    with receiver() as generic, receiver("/cgi-bin/webhook/send?key=wecom-key") as wecom:
        async with notify_system(infra) as ns:
            await ns.subscribe(department=LEAD, url=generic.url)
            await ns.subscribe(department=LEAD, url=wecom.url, format="wecom", secret=None)
            intake = ns.system.intake
            filed = await intake.client.post(
                "/open311/v2/requests.json",
                data={
                    "api_key": worker_token(intake.settings),
                    "service_code": CATEGORY,
                    "attribute[grid]": GRID,
                    "description": description,
                    "address_string": address,
                },
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            assert filed.status_code == 201, filed.text
            report_id = filed.json()[0]["service_request_id"]

            one = await intake.client.get(f"/open311/v2/requests/{report_id}.json")
            listed = await intake.client.get("/open311/v2/requests.json")
            as_xml = await intake.client.get(f"/open311/v2/requests/{report_id}.xml")
            public = one.json()[0]
            assert "楼道堆放杂物" in public["description"] and "3号楼2单元" in public["address"]  # still readable

            prefix = intake.settings.topic_prefix
            received = await read_topic(
                infra.bootstrap, prefix + REPORTS_TOPIC, lambda m: report_id.encode() in (m.value or b"")
            )
            event = json.loads(received[0].value)
            assert event["data"]["description"].startswith("居民反映楼道堆放杂物")

            await eventually(lambda: _count(generic.requests, wecom.requests))
            outputs = {
                "open311 request": one.text,
                "open311 list": listed.text,
                "open311 xml": as_xml.text,
                "reports topic": b"".join(m.value for m in received).decode(),
                "webhook": b"".join(r.body for r in generic.requests).decode(),
                "wecom robot": b"".join(r.body for r in wecom.requests).decode(),
            }
            # Unescaped: a JSON body may carry the text as \\uXXXX escapes.
            for where in ("reports topic", "webhook", "wecom robot", "open311 request", "open311 list"):
                outputs[where] = json.dumps([json.loads(part) for part in _parts(outputs[where])], ensure_ascii=False)
            found = [leak for where, text in outputs.items() for leak in leaks(where, text)]
            assert found == [], found
            # The robot message carries the address: masked where the numbers were, readable around them.
            assert "3号楼2单元，电话 ＊＊＊" in outputs["wecom robot"], outputs["wecom robot"]


def _parts(text: str) -> list[str]:
    """The JSON documents concatenated in `text` (one per message or request)."""
    decoder = json.JSONDecoder()
    parts, at = [], 0
    while at < len(text):
        _, end = decoder.raw_decode(text, at)
        parts.append(text[at:end])
        at = end
    return parts


async def _count(*received: list[Any]) -> bool:
    return all(len(r) for r in received)
