"""WeCom's template card with a 签收 button and its callback's crypto (domain/wecom_callback.py,
domain/person_messages.py `wecom_card_body`, service_layer/wecom_taps.py `parse_key`), with plain values:
the crypto against a vector computed here from the documented algorithm (加解密方案说明), the card against
发送应用消息's limits, and the settings that go together."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import struct
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from chuishao_notify.adapters.escalation_store import PersonNotice
from chuishao_notify.bootstrap import NotifySettings
from chuishao_notify.domain.person_messages import PersonMessage, Tap, wecom_body, wecom_card_body
from chuishao_notify.domain.wecom_callback import CallbackError, Crypto, aes_key, parse_xml, signature, update_button
from chuishao_notify.service_layer.telling import AckLinks
from chuishao_notify.service_layer.wecom_taps import parse_key, tap
from chuishao_shared.ack_links import read

KEY = bytes(range(1, 33))
ENCODING_AES_KEY = base64.b64encode(KEY).decode().rstrip("=")
CORP = "wwcorp0123456789"
CRYPTO = Crypto("chuishaoToken9", aes_key(ENCODING_AES_KEY), CORP)


def documented_encrypt(message: bytes, random16: bytes, receive_id: str) -> str:
    """The documented algorithm, written out apart from notify's code: PKCS#7 to 32-byte blocks."""
    plain = random16 + struct.pack(">I", len(message)) + message + receive_id.encode()
    padder = padding.PKCS7(256).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(KEY[:16])).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode()


def test_the_encrypted_text_is_the_documented_one_and_decrypts_back() -> None:
    random16 = b"0123456789abcdef"
    message = "<xml><Content><![CDATA[签收]]></Content></xml>"
    expected = documented_encrypt(message.encode(), random16, CORP)
    assert CRYPTO.encrypt(message, random16=random16) == expected
    assert CRYPTO.decrypt(expected) == message
    # A round trip with fresh random bytes; lengths that fill a block exactly are padded by a whole block.
    for size in (0, 1, 11, 12, 31, 32, 33, 500):
        text = "x" * size
        assert CRYPTO.decrypt(CRYPTO.encrypt(text)) == text


def test_the_signature_is_sha1_of_the_sorted_four() -> None:
    parts = ["chuishaoToken9", "1409659813", "1372623149", "msg_encrypt_text"]
    expected = hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()
    assert signature("chuishaoToken9", "1409659813", "1372623149", "msg_encrypt_text") == expected
    encrypted = CRYPTO.encrypt("echo")
    good = signature("chuishaoToken9", "1", "n", encrypted)
    assert CRYPTO.verify_url(good, "1", "n", encrypted) == "echo"
    with pytest.raises(CallbackError) as refused:
        CRYPTO.verify_url(good, "2", "n", encrypted)
    assert refused.value.reason == "signature"


def test_another_corp_a_broken_text_and_a_bad_body_are_refused() -> None:
    other = documented_encrypt(b"<xml/>", b"r" * 16, "ww-other")
    with pytest.raises(CallbackError) as refused:
        CRYPTO.decrypt(other)
    assert refused.value.reason == "receiver"
    for broken in ("not base64!", base64.b64encode(b"short").decode(), ""):
        with pytest.raises(CallbackError) as refused:
            CRYPTO.decrypt(broken)
        assert refused.value.reason == "decrypt"
    for body in (b"", b"<xml><a>", b"<other/>", b'<!DOCTYPE x [<!ENTITY a "b">]><xml/>', b"<xml>" + b"a" * 70000):
        with pytest.raises(CallbackError) as refused:
            parse_xml(body)
        assert refused.value.reason == "malformed"
    with pytest.raises(CallbackError):
        CRYPTO.open("sig", "1", "n", b"<xml><ToUserName>x</ToUserName></xml>")


def test_an_event_opens_and_the_passive_reply_seals() -> None:
    event = (
        "<xml><FromUserName><![CDATA[zhangsan]]></FromUserName><EventKey><![CDATA[ack:1:zhangsan]]></EventKey></xml>"
    )
    encrypted = CRYPTO.encrypt(event)
    body = f"<xml><ToUserName><![CDATA[{CORP}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
    fields = CRYPTO.open(signature(CRYPTO.token, "5", "n", encrypted), "5", "n", body.encode())
    assert fields == {"FromUserName": "zhangsan", "EventKey": "ack:1:zhangsan"}
    sealed = parse_xml(
        CRYPTO.seal(update_button("zhangsan", CORP, "已签收", now=7), timestamp="9", nonce="abc").encode()
    )
    assert sealed["MsgSignature"] == signature(CRYPTO.token, "9", "abc", sealed["Encrypt"])
    reply = CRYPTO.decrypt(sealed["Encrypt"])
    assert "<MsgType><![CDATA[update_button]]></MsgType>" in reply and "<ReplaceName><![CDATA[已签收]]>" in reply


def message(**tap: str) -> PersonMessage:
    lines = (
        "类别：楼道卫生脏乱" + "长" * 40,
        "社区：幸福社区",
        "部门：城管",
        "等级：一般",
        "案件：C-1",
        "签收时限：12-01 10:00",
    )
    return PersonMessage(
        "请签收：" + "楼道卫生脏乱" * 10,
        (*lines, "您正在值班"),
        "https://chuishao.example/ack/abc.def",
        tap=Tap(**({"task_id": "ack-1-0f0f", "key": "ack:1:zhangsan"} | tap)),
    )


def test_the_card_has_the_facts_the_button_and_the_documented_limits() -> None:
    body = wecom_card_body(message(), "zhangsan", 1000002)
    card = body["template_card"]
    assert body["msgtype"] == "template_card" and body["touser"] == "zhangsan" and body["agentid"] == 1000002
    assert card["card_type"] == "button_interaction" and len(card["source"]["desc"]) <= 13
    assert len(card["main_title"]["title"]) <= 36 and card["main_title"]["desc"] == "您正在值班"
    rows = card["horizontal_content_list"]
    assert [r["keyname"] for r in rows] == ["类别", "社区", "部门", "等级", "案件", "签收时限"]
    assert all(len(r["keyname"]) <= 5 and len(r["value"]) <= 30 for r in rows)
    assert card["card_action"] == {"type": 1, "url": "https://chuishao.example/ack/abc.def"}
    assert card["task_id"] == "ack-1-0f0f"
    assert card["button_list"] == [{"text": "签收", "style": 1, "key": "ack:1:zhangsan"}]
    # Without the notice's tap it cannot be a card; the textcard is unchanged.
    assert wecom_body(message(), "zhangsan", 1)["msgtype"] == "textcard"


def test_a_task_id_or_key_beyond_the_limits_is_refused() -> None:
    wecom_card_body(message(task_id="a" * 128, key="k" * 1024), "u", 1)
    for bad in ({"task_id": "a" * 129}, {"task_id": "ack 1"}, {"task_id": "签收"}, {"key": "k" * 1025}, {"key": ""}):
        with pytest.raises(ValueError):
            wecom_card_body(message(**bad), "u", 1)
    # The key is bytes, not characters: 342 Chinese characters are 1026 bytes.
    with pytest.raises(ValueError):
        wecom_card_body(message(key="签" * 342), "u", 1)


def test_the_button_key_reads_back() -> None:
    assert parse_key("ack:42:zhangsan") == (42, "zhangsan")
    assert parse_key("ack:42:a:b") == (42, "a:b")
    for key in ("", "ack:x:zhangsan", "ack:42:", "other:42:u", "ack:" + "9" * 19 + ":u"):
        assert parse_key(key) is None


def test_the_callback_settings_go_together_and_are_checked() -> None:
    base = {"wecom_corp_id": CORP, "wecom_secret": "s3cret"}
    assert NotifySettings(**base).wecom_crypto() is None
    made = NotifySettings(**base, wecom_callback_token="chuishaoToken9", wecom_encoding_aes_key=ENCODING_AES_KEY)
    assert made.wecom_crypto() == CRYPTO
    for bad in (
        {"wecom_callback_token": "chuishaoToken9"},
        {"wecom_encoding_aes_key": ENCODING_AES_KEY},
        {"wecom_callback_token": "no", "wecom_encoding_aes_key": ENCODING_AES_KEY},
        {"wecom_callback_token": "chuishaoToken9", "wecom_encoding_aes_key": ENCODING_AES_KEY[:-1]},
    ):
        with pytest.raises(ValueError) as refused:
            NotifySettings(**base, **bad)
        assert ENCODING_AES_KEY not in str(refused.value)
    with pytest.raises(ValueError):
        NotifySettings(wecom_callback_token="chuishaoToken9", wecom_encoding_aes_key=ENCODING_AES_KEY, wecom_corp_id="")


class FakeEscalation:
    def __init__(self, notices: dict[int, tuple[PersonNotice, str]]) -> None:
        self.notices = notices

    async def sent_notice(self, notice_id: int) -> tuple[PersonNotice, str] | None:
        return self.notices.get(notice_id)


class FakeBus:
    def __init__(self, notices: dict[int, tuple[PersonNotice, str]]) -> None:
        self.escalation = FakeEscalation(notices)

    @contextlib.asynccontextmanager
    async def uow(self) -> AsyncIterator[FakeBus]:
        yield self


class FakeDispatch:
    def __init__(self, state: str) -> None:
        self.state, self.tokens = state, []

    async def use(self, token: str) -> str:
        self.tokens.append(token)
        return self.state


NOTICE = PersonNotice(
    7, 1, 0, "DEPT", "m-a", "case-1", "DEPT", 1, "", "", "level", 1, datetime(2026, 12, 1, tzinfo=UTC)
)
LINKS = AckLinks(b"s" * 32, "https://chuishao.example")


def tap_event(**fields: str) -> dict[str, str]:
    event = {"FromUserName": "zhangsan", "EventKey": "ack:7:zhangsan", "TaskId": LINKS.tap(NOTICE, "zhangsan").task_id}
    return event | fields


@pytest.mark.parametrize(
    ("state", "reply"),
    [("done", "已签收"), ("already", "此前已签收"), ("expired", "已过期"), ("not_on_duty", "不在值班名单"),
     ("gone", "无需签收"), ("invalid", None), ("unavailable", None)],
)  # fmt: skip
async def test_a_tap_is_the_links_tap_and_the_button_says_how_it_went(state: str, reply: str | None) -> None:
    dispatch = FakeDispatch(state)
    outcome = await tap(FakeBus({7: (NOTICE, "wecom")}), LINKS, dispatch, tap_event())  # type: ignore[arg-type]
    assert (outcome.state, outcome.reply) == (state, reply)
    # The very token of the link the notice carried: dispatch's page takes it.
    assert dispatch.tokens == [LINKS.token(NOTICE, "wecom", "zhangsan")]
    assert read(LINKS.secret, dispatch.tokens[0], 0).user_id == "zhangsan"


@pytest.mark.parametrize(
    ("notices", "event", "state"),
    [
        ({7: (NOTICE, "wecom")}, {"FromUserName": "lisi"}, "not_the_person"),
        ({7: (NOTICE, "wecom")}, {"TaskId": "ack-7-other"}, "not_ours"),
        ({7: (NOTICE, "wecom")}, {"EventKey": "something:else"}, "not_ours"),
        ({7: (NOTICE, "dingtalk")}, {}, "not_ours"),
        ({}, {}, "not_ours"),
    ],
)
async def test_a_tap_that_is_not_the_persons_on_our_notice_reaches_nothing(
    notices: dict, event: dict[str, str], state: str
) -> None:
    dispatch = FakeDispatch("done")
    outcome = await tap(FakeBus(notices), LINKS, dispatch, tap_event(**event))  # type: ignore[arg-type]
    assert (outcome.state, outcome.reply, dispatch.tokens) == (state, None, [])
