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
Tokens as in sign-in: refused once expired or invalid (WeCom 42001 / 40014, DingTalk 40014)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from support.platforms import Platforms

WECOM_PER_MEMBER_PER_MINUTE = 30


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


def _wecom_problem(body: dict[str, Any], agent_id: int) -> str | None:
    if not isinstance(body.get("agentid"), int) or body["agentid"] != agent_id:
        return "agentid: the application's id, an integer"
    if not body.get("touser") or not isinstance(body["touser"], str):
        return "touser"
    if body.get("msgtype") != "textcard":
        return "msgtype (this local server takes textcard)"
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
