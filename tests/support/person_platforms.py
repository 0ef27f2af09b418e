"""A local WeCom and DingTalk that also take messages to a person, holding notify's person channels to the
documented contract (tests/support/platforms.py holds sign-in to it; this adds the two send APIs):

- WeCom `POST /cgi-bin/message/send?access_token=…` (发送应用消息): `touser` (userids joined by `|`),
  `msgtype`, `agentid` (an integer, the application's), and for `textcard` a `title` of at most 128
  bytes, a `description` of at most 512, a `url` and a `btntxt` of at most 4 characters; an unknown
  user is answered `errcode 0` with it listed in `invaliduser`; at most 30 messages a minute to one
  member (beyond that: errcode 45033); `enable_duplicate_check` drops a repeat within the interval.
- DingTalk `POST /topapi/message/corpconversation/asyncsend_v2?access_token=…` (发送工作通知): `agent_id`
  (an integer), `userid_list` (comma-separated), `msg` with `msgtype` and its body, at most 2048 bytes;
  for `action_card` a `title`, `markdown`, and `single_title` with `single_url`; answered with a
  `task_id`; an unknown user is errcode 33012.
Tokens as in sign-in: refused once expired or invalid (WeCom 42001 / 40014, DingTalk 40014).

WeCom's `template_card` of `card_type` `button_interaction` is held to 发送应用消息 too (`_card_problem`:
source.desc ≤ 13 characters, main_title.title ≤ 36 and desc ≤ 44, at most 6 horizontal_content_list
rows with keyname ≤ 5 and value ≤ 30, card_action type 1 with a url, a task_id of ≤ 128 bytes of
[A-Za-z0-9_-@] never used before by the application, 1 to 6 buttons each with text ≤ 10, style 1–4 and
a unique key ≤ 1024 bytes). `tap` is WeCom calling the application back when a member taps a button
(接收消息与事件, 加解密方案): the `template_card_event` encrypted and signed with the Token and
EncodingAESKey of `callback_settings`, POSTed to the callback URL, and the passive reply checked and
decrypted — written here from the document, independently of notify's code."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import struct
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from support.platforms import Platforms

WECOM_PER_MEMBER_PER_MINUTE = 30
CALLBACK_KEY = bytes(range(32))  # the test application's AES key; its EncodingAESKey is 43 characters of base64


def wecom_signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypted])).encode()).hexdigest()


def wecom_encrypt(key: bytes, message: bytes, receive_id: str) -> str:
    plain = os.urandom(16) + struct.pack(">I", len(message)) + message + receive_id.encode()
    padder = padding.PKCS7(256).padder()  # WeCom pads to 32-byte blocks
    plain = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def wecom_decrypt(key: bytes, encrypted: str) -> tuple[bytes, str]:
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = decryptor.update(base64.b64decode(encrypted)) + decryptor.finalize()
    unpadder = padding.PKCS7(256).unpadder()
    plain = unpadder.update(plain) + unpadder.finalize()
    (length,) = struct.unpack(">I", plain[16:20])
    return plain[20 : 20 + length], plain[20 + length :].decode()


@dataclass
class MessagingPlatforms(Platforms):
    members: set[str] = field(default_factory=set)  # WeCom and DingTalk user ids that exist
    dingtalk_agent_id: int = 2000001
    wecom_messages: list[dict[str, Any]] = field(default_factory=list)
    dingtalk_messages: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)  # (platform, errcode) of refused sends
    member_window: float = 60.0  # WeCom's per-member minute (the tests shorten it)
    filled_at: dict[str, float] = field(default_factory=dict)  # member → when others' messages were counted
    _filled_before_first: dict[str, int] = field(default_factory=dict)  # see fill_member
    _sent_at: dict[str, list[float]] = field(default_factory=dict)
    _recent: dict[str, float] = field(default_factory=dict)
    callback_token: str = "chuishaoCallbackToken7"
    encoding_aes_key: str = base64.b64encode(CALLBACK_KEY).decode().rstrip("=")
    task_ids: set[str] = field(default_factory=set)  # template cards' task ids used so far

    def app(self) -> FastAPI:
        app = super().app()

        @app.post("/cgi-bin/message/send")
        async def wecom_send(request: Request, access_token: str = "") -> JSONResponse:
            refused = self._check_token("wecom", access_token)
            if refused:
                return self._refuse("wecom", refused)
            body = await request.json()
            problem = _wecom_problem(body, int(self.agent_id))
            if problem:
                return self._refuse("wecom", {"errcode": 40008, "errmsg": problem})
            users = str(body["touser"]).split("|")
            invalid = [u for u in users if u not in self.members]
            now = time.time()
            for user in users:
                if others := self._filled_before_first.pop(user, 0):
                    self._sent_at.setdefault(user, []).extend([now] * others)
                    self.filled_at[user] = now
                sent = [t for t in self._sent_at.get(user, []) if t > now - self.member_window]
                if len(sent) >= WECOM_PER_MEMBER_PER_MINUTE:
                    return self._refuse("wecom", {"errcode": 45033, "errmsg": "api freq out of limit"})
                self._sent_at[user] = [*sent, now]
            key = json.dumps(body, sort_keys=True, ensure_ascii=False)
            window = float(body.get("duplicate_check_interval") or 1800)
            if not (body.get("enable_duplicate_check") and self._recent.get(key, 0) > now - window):
                task_id = (body.get("template_card") or {}).get("task_id")
                if task_id in self.task_ids:
                    return self._refuse("wecom", {"errcode": 40058, "errmsg": "task_id already used"})
                if task_id:
                    self.task_ids.add(task_id)
                self._recent[key] = now
                self.wecom_messages.append(body)
            return JSONResponse(
                {"errcode": 0, "errmsg": "ok", "invaliduser": "|".join(invalid), "msgid": f"m-{len(self._recent)}"}
            )

        @app.post("/topapi/message/corpconversation/asyncsend_v2")
        async def dingtalk_send(request: Request, access_token: str = "") -> JSONResponse:
            refused = self._check_token("dingtalk", access_token)
            if refused:
                return self._refuse("dingtalk", refused)
            body = await request.json()
            problem = _dingtalk_problem(body, self.dingtalk_agent_id)
            if problem:
                return self._refuse("dingtalk", {"errcode": 40035, "errmsg": problem})
            users = str(body["userid_list"]).split(",")
            if any(u not in self.members for u in users):
                return self._refuse("dingtalk", {"errcode": 33012, "errmsg": "无效的userid"})
            self.dingtalk_messages.append(body)
            return JSONResponse(
                {"errcode": 0, "errmsg": "ok", "task_id": len(self.dingtalk_messages), "request_id": "r"}
            )

        return app

    def fill_member(self, user: str, n: int) -> None:
        """`n` application messages to this member from elsewhere, sent just before our first message to them
        arrives (they count towards the limit). Counted then, not now: on a busy machine the case may take
        longer than a shortened minute to reach notify, and the minute would be over before it is tested."""
        self._filled_before_first[user] = n

    def _refuse(self, platform: str, answer: dict[str, Any]) -> JSONResponse:
        self.refused.append((platform, int(answer["errcode"])))
        return JSONResponse(answer)

    def messaging_settings(self, url: str) -> dict[str, object]:
        return {**self.settings_for(url), "dingtalk_agent_id": self.dingtalk_agent_id}

    def callback_settings(self) -> dict[str, object]:
        """The application's 接收消息 settings as WeCom's admin console shows them, for notify."""
        return {"wecom_callback_token": self.callback_token, "wecom_encoding_aes_key": self.encoding_aes_key}

    def _signed_query(self, encrypted: str, token: str | None = None) -> dict[str, str]:
        timestamp, nonce = str(int(time.time())), f"n{os.urandom(6).hex()}"
        signature = wecom_signature(token or self.callback_token, timestamp, nonce, encrypted)
        return {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}

    async def verify_url(self, client: httpx.AsyncClient, callback_url: str, echo: str) -> httpx.Response:
        """The admin console's 保存: `GET` with an encrypted `echostr`; the answer must be its plaintext."""
        echostr = wecom_encrypt(CALLBACK_KEY, echo.encode(), self.corp_id)
        return await client.get(callback_url, params={**self._signed_query(echostr), "echostr": echostr})

    async def tap(
        self,
        client: httpx.AsyncClient,
        callback_url: str,
        card: dict[str, Any],
        *,
        user: str | None = None,
        button: int = 0,
        token: str | None = None,
        corp_id: str | None = None,
    ) -> tuple[httpx.Response, dict[str, str] | None]:
        """`user` (default: the card's addressee) taps the card's button: WeCom's `template_card_event`,
        encrypted and signed as WeCom does (a wrong `token` or `corp_id` for the refusals), POSTed to the
        callback. Returns the answer and its passive reply's fields, decrypted (None for an empty answer);
        a reply whose signature or ReceiveId is not right fails here."""
        template = card["template_card"]
        inner = (
            f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
            f"<FromUserName><![CDATA[{user or card['touser']}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[template_card_event]]></Event>"
            f"<EventKey><![CDATA[{template['button_list'][button]['key']}]]></EventKey>"
            f"<TaskId><![CDATA[{template['task_id']}]]></TaskId>"
            f"<CardType><![CDATA[button_interaction]]></CardType>"
            f"<ResponseCode><![CDATA[rc-{os.urandom(8).hex()}]]></ResponseCode>"
            f"<AgentID>{self.agent_id}</AgentID></xml>"
        )
        encrypted = wecom_encrypt(CALLBACK_KEY, inner.encode(), corp_id or self.corp_id)
        outer = (
            f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>"
            f"<AgentID><![CDATA[{self.agent_id}]]></AgentID></xml>"
        )
        answer = await client.post(
            callback_url,
            params=self._signed_query(encrypted, token),
            content=outer.encode(),
            headers={"Content-Type": "text/xml"},
        )
        if answer.status_code != 200 or not answer.content.strip():
            return answer, None
        sealed = {e.tag: e.text or "" for e in ET.fromstring(answer.content)}
        expected = wecom_signature(self.callback_token, sealed["TimeStamp"], sealed["Nonce"], sealed["Encrypt"])
        assert sealed["MsgSignature"] == expected, "the passive reply's signature"
        reply, receive_id = wecom_decrypt(CALLBACK_KEY, sealed["Encrypt"])
        assert receive_id == self.corp_id, "the passive reply's ReceiveId"
        root = ET.fromstring(reply)
        fields = {e.tag: e.text or "" for e in root}
        button_el = root.find("Button/ReplaceName")
        if button_el is not None:
            fields["ReplaceName"] = button_el.text or ""
        return answer, fields


def _wecom_problem(body: dict[str, Any], agent_id: int) -> str | None:
    if not isinstance(body.get("agentid"), int) or body["agentid"] != agent_id:
        return "agentid: the application's id, an integer"
    if not body.get("touser") or not isinstance(body["touser"], str):
        return "touser"
    if body.get("msgtype") == "template_card":
        return _card_problem(body.get("template_card"))
    if body.get("msgtype") != "textcard":
        return "msgtype (this local server takes textcard and template_card)"
    card = body.get("textcard") or {}
    if not card.get("title") or len(card["title"].encode()) > 128:
        return "textcard.title: 1 to 128 bytes"
    if not card.get("description") or len(card["description"].encode()) > 512:
        return "textcard.description: 1 to 512 bytes"
    if not str(card.get("url") or "").startswith(("http://", "https://")) or len(card["url"].encode()) > 2048:
        return "textcard.url"
    if card.get("btntxt") is not None and len(card["btntxt"]) > 4:
        return "textcard.btntxt: at most 4 characters"
    return None


TASK_ID = re.compile(r"[A-Za-z0-9_\-@]{1,128}")


def _too_long(value: Any, chars: int, *, required: bool = False) -> bool:
    if value is None:
        return required
    return not isinstance(value, str) or (required and not value) or len(value) > chars


def _card_problem(card: Any) -> str | None:
    """发送应用消息, 模板卡片消息, 按钮交互型 (button_interaction)."""
    if not isinstance(card, dict) or card.get("card_type") != "button_interaction":
        return "template_card.card_type (this local server takes button_interaction)"
    source = card.get("source") or {}
    if _too_long(source.get("desc"), 13) or source.get("desc_color", 0) not in (0, 1, 2, 3):
        return "template_card.source: desc at most 13 characters, desc_color 0 to 3"
    main = card.get("main_title") or {}
    if not main.get("title") and not card.get("sub_title_text"):
        return "template_card: main_title.title or sub_title_text"
    if _too_long(main.get("title"), 36) or _too_long(main.get("desc"), 44):
        return "template_card.main_title: title at most 36 characters, desc 44"
    rows = card.get("horizontal_content_list") or []
    if not isinstance(rows, list) or len(rows) > 6:
        return "template_card.horizontal_content_list: at most 6"
    for row in rows:
        if _too_long(row.get("keyname"), 5, required=True) or _too_long(row.get("value"), 30):
            return "template_card.horizontal_content_list: keyname 1 to 5 characters, value at most 30"
    action = card.get("card_action")
    if action is not None:
        if action.get("type") not in (0, 1, 2):
            return "template_card.card_action.type"
        url = str(action.get("url") or "")
        if action.get("type") == 1 and (not url.startswith(("http://", "https://")) or len(url.encode()) > 2048):
            return "template_card.card_action.url"
    task_id = card.get("task_id")
    if not isinstance(task_id, str) or not TASK_ID.fullmatch(task_id) or len(task_id.encode()) > 128:
        return "template_card.task_id: 1 to 128 bytes of A-Z a-z 0-9 _ - @"
    buttons = card.get("button_list")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 6:
        return "template_card.button_list: 1 to 6 buttons"
    keys = [b.get("key") for b in buttons]
    for button in buttons:
        if _too_long(button.get("text"), 10, required=True) or button.get("style", 1) not in (1, 2, 3, 4):
            return "template_card.button_list: text 1 to 10 characters, style 1 to 4"
        key = button.get("key")
        if not isinstance(key, str) or not key or len(key.encode()) > 1024 or keys.count(key) > 1:
            return "template_card.button_list: a unique key of 1 to 1024 bytes"
    return None


def _dingtalk_problem(body: dict[str, Any], agent_id: int) -> str | None:
    if not isinstance(body.get("agent_id"), int) or body["agent_id"] != agent_id:
        return "agent_id: the application's id, an integer"
    if not body.get("userid_list") or not isinstance(body["userid_list"], str):
        return "userid_list"
    msg = body.get("msg")
    if not isinstance(msg, dict) or len(json.dumps(msg, ensure_ascii=False).encode()) > 2048:
        return "msg: at most 2048 bytes"
    if msg.get("msgtype") != "action_card":
        return "msgtype (this local server takes action_card)"
    card = msg.get("action_card") or {}
    if not card.get("title") or not card.get("markdown"):
        return "action_card.title and markdown"
    if not card.get("single_title") or not str(card.get("single_url") or "").startswith(("http://", "https://")):
        return "action_card.single_title and single_url"
    return None
