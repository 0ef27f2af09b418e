"""Notify's findings of the security review (issue 28): receivers inside the deployment are refused
when subscribing and when connecting (the SSRF list), the robots' markdown carries what users typed
as text (the markdown escaping), and the delivery log's query parameters refuse what they cannot use
with a problem naming the parameter, never a 500 (the crash inputs)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from chuishao_shared.auth import mint_token
from support.factories import bearer, worker_token
from support.infra import Infra, unique
from support.notify import SECRET, notify_system, start_notify
from support.receiver import Receiver, receiver
from support.services import RunningService, running
from support.system import eventually, file

LEAD = "XY-WQ-WY-WY"


def admin(service: RunningService) -> dict[str, str]:
    return bearer(mint_token(service.settings, sub="admin-1", role="admin"))


async def subscribe(service: RunningService, url: str = "https://hooks.example.cn/in", **body: object) -> dict:
    response = await service.client.post(
        "/v1/webhooks", json={"department": LEAD, "url": url, "secret": SECRET, **body}, headers=admin(service)
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
async def strict_notify(infra: Infra) -> AsyncIterator[RunningService]:
    """Notify as deployed: no internal network allowed (the tests' own default allows 127.0.0.1/32)."""
    settings, app = await start_notify(infra, unique("t") + ".", webhook_allowed_networks="")
    async with running(app, settings) as service:
        yield service


async def count(service: RunningService) -> int:
    return len((await service.client.get("/v1/webhooks", headers=admin(service))).json()["items"])


def resolving(service: RunningService, answers: dict[str, list[str]]) -> list[str]:
    """Notify's deliveries resolve names through `answers` (no DNS here); returns the names asked."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        if host not in answers:
            raise OSError("no such name")
        return answers[host]

    service.app.state.worker.sender.backend.resolve = resolve
    return asked


async def log_of(service: RunningService, sub_id: str, status: str) -> list[dict]:
    async def settled() -> list[dict] | None:
        response = await service.client.get(f"/v1/webhooks/{sub_id}/deliveries", headers=admin(service))
        items = response.json()["items"]
        return items if items and items[0]["status"] == status else None

    return await eventually(settled)  # type: ignore[no-any-return]


async def send_test(service: RunningService, sub_id: str) -> None:
    response = await service.client.post(f"/v1/webhooks/{sub_id}/test", headers=admin(service))
    assert response.status_code == 202, response.text


# --- receivers inside the deployment (SSRF) -------------------------------------------------------

INTERNAL_URLS = [
    "http://127.0.0.1:8002/v1/cases",
    "http://127.0.0.1:5432/",  # the database's port
    "http://localhost:8004/v1/webhooks",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://[::1]:8002/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://0.0.0.0:8002/",
    "http://0/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]:8002/",
    "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://１２７.０.０.１/",
    "http://10.0.0.5/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://1.2.3.4.5/",
]


async def test_internal_receivers_are_refused_when_subscribing(strict_notify: RunningService) -> None:
    for url in INTERNAL_URLS:
        for fmt in ("generic", "wecom"):
            response = await strict_notify.client.post(
                "/v1/webhooks",
                json={"department": LEAD, "url": url, "secret": SECRET, "format": fmt},
                headers=admin(strict_notify),
            )
            assert response.status_code == 422, (url, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert [e["field"] for e in response.json()["errors"]] == ["url"], url
    assert await count(strict_notify) == 0


async def test_allowed_networks_admit_their_addresses_only(notify: RunningService) -> None:
    # The tests' notify allows 127.0.0.1/32: the loopback receivers, and nothing else inside.
    with receiver() as got:
        await subscribe(notify, got.url)
        port = got.url.split(":")[2].split("/")[0]
        for url in (
            f"http://127.0.0.2:{port}/",
            f"http://[::1]:{port}/",
            f"http://localhost:{port}/",
            "http://10.0.0.1/",
        ):
            response = await notify.client.post(
                "/v1/webhooks", json={"department": LEAD, "url": url, "secret": SECRET}, headers=admin(notify)
            )
            assert response.status_code == 422, (url, response.text)
    assert await count(notify) == 1


def named(got: Receiver, host: str) -> str:
    return got.url.replace("127.0.0.1", host)


async def test_a_name_that_resolves_inside_is_refused_when_connecting(strict_notify: RunningService) -> None:
    asked = resolving(
        strict_notify,
        {"hooks.chuishao.test": ["127.0.0.1"], "mixed.chuishao.test": ["93.184.215.14", "::ffff:127.0.0.1"]},
    )
    with receiver(answer=b'{"errcode":0,"internal":"INTERNAL-ANSWER"}') as got:
        for host in ("hooks.chuishao.test", "mixed.chuishao.test"):
            sub_id = (await subscribe(strict_notify, named(got, host)))["id"]  # a name: judged when connecting
            await send_test(strict_notify, sub_id)
            (delivery,) = await log_of(strict_notify, sub_id, "rejected")
            attempt = delivery["attempts"][0]
            assert attempt["outcome"] == "rejected" and attempt["status_code"] is None
            assert attempt["error"].startswith("refused: ") and "loopback" in attempt["error"], attempt
            assert delivery["attempt_count"] == 1  # not retried: it will not become public by waiting
        assert got.requests == []
        assert "INTERNAL-ANSWER" not in json.dumps(delivery)
    assert asked[:2] == ["hooks.chuishao.test", "mixed.chuishao.test"]


async def test_the_connection_goes_to_the_address_that_was_checked(notify: RunningService) -> None:
    # The name exists nowhere but in notify's resolver: the request can only have reached the receiver
    # through the address notify resolved and judged (httpx never resolves it again).
    asked = resolving(notify, {"hooks.chuishao.test": ["127.0.0.1"]})
    with receiver() as got:
        sub_id = (await subscribe(notify, named(got, "hooks.chuishao.test")))["id"]
        await send_test(notify, sub_id)
        await log_of(notify, sub_id, "delivered")
        assert got.requests[0].headers["Host"].startswith("hooks.chuishao.test:")
    assert asked == ["hooks.chuishao.test"]


async def test_the_delivery_log_never_shows_a_receivers_answer(notify: RunningService) -> None:
    # What a receiver answers stays out of the log: a status code, a robot's integer errcode, or a
    # reason of notify's own. (Before the address checks this was how an admin read internal pages.)
    answer = b'{"errcode":0,"errmsg":"INTERNAL-ANSWER root:x:0:0 <html>"}'
    with receiver(statuses=[400], answer=answer) as got:
        rejected = (await subscribe(notify, got.url))["id"]
        await send_test(notify, rejected)
        await log_of(notify, rejected, "rejected")
        delivered = (await subscribe(notify, got.url))["id"]
        await send_test(notify, delivered)
        await log_of(notify, delivered, "delivered")
    for sub_id in (rejected, delivered):
        log = await notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", headers=admin(notify))
        assert "INTERNAL-ANSWER" not in log.text and "root:x" not in log.text and "<html>" not in log.text


async def _async(value: object) -> object:
    return value


# --- what users typed, in the robots' markdown ------------------------------------------------------

PHISH = '[点此登记领取补贴](http://evil.example/phish) <font color="warning">紧急</font> <@all>'


async def test_a_delivered_robot_message_carries_the_typed_address_as_text(infra: Infra) -> None:
    with (
        receiver("/cgi-bin/webhook/send?key=wecom-key") as wecom,
        receiver("/robot/send?access_token=ding-token") as dingtalk,
    ):
        async with notify_system(infra) as ns:
            await ns.subscribe(department=LEAD, url=wecom.url, format="wecom", secret=None)
            await ns.subscribe(department=LEAD, url=dingtalk.url, format="dingtalk")
            place = {"address": PHISH, "building": "3号楼 @所有人", "unit": "2单元\n# 标题"}
            await file(ns.system, worker_token(ns.system.intake.settings), place=place)
            await eventually(lambda: _async(wecom.requests and dingtalk.requests))
            texts = [wecom.requests[0].json()["markdown"]["content"], dingtalk.requests[0].json()["markdown"]["text"]]
    for text in texts:
        assert (
            '> ［点此登记领取补贴］（http：//evil.example/phish） ＜font color="warning"＞紧急＜/font＞ ＜＠all＞'
            in text
        )
        assert "3号楼 ＠所有人 2单元 ＃ 标题" in text
        assert "<font" not in text and "<@" not in text and "](http://evil" not in text and "\n# 标题" not in text


# --- the delivery log's query parameters ----------------------------------------------------------

BAD_QUERIES = [
    ({"cursor": "²"}, "cursor"),
    ({"cursor": "1" * 30}, "cursor"),
    ({"cursor": "9223372036854775808"}, "cursor"),  # one past the largest bigint
    ({"cursor": "٣"}, "cursor"),  # an Arabic-Indic digit: isdigit() says yes
    ({"cursor": "-1"}, "cursor"),
    ({"cursor": "1e3"}, "cursor"),
    ({"limit": "²"}, "limit"),
    ({"limit": "1" * 30}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "201"}, "limit"),
    ({"limit": "-5"}, "limit"),
]


@pytest.mark.parametrize(("query", "field"), BAD_QUERIES)
async def test_bad_delivery_log_queries_are_a_problem_naming_the_parameter(
    notify: RunningService, query: dict[str, str], field: str
) -> None:
    sub_id = (await subscribe(notify))["id"]
    response = await notify.client.get(f"/v1/webhooks/{sub_id}/deliveries", params=query, headers=admin(notify))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"].split(".")[-1] for e in response.json()["errors"]], response.json()


async def test_the_largest_cursor_and_odd_subscription_ids_are_answered_without_a_crash(notify: RunningService) -> None:
    sub_id = (await subscribe(notify))["id"]
    largest = await notify.client.get(
        f"/v1/webhooks/{sub_id}/deliveries", params={"cursor": str(2**63 - 1)}, headers=admin(notify)
    )
    assert largest.status_code == 200 and largest.json()["items"] == []
    for odd in ("²", "1" * 30, "٠" * 32, "%00", "x" * 5000):
        for path in (f"/v1/webhooks/{odd}", f"/v1/webhooks/{odd}/deliveries"):
            response = await notify.client.get(path, headers=admin(notify))
            assert response.status_code == 404, (odd, response.status_code, response.text)
