"""Telling the person on duty where a city has no application (issue 25 item 3): an @mention by mobile in
the department's group robot, carrying the one-tap 签收 link.

- WeCom group robot (https://developer.work.weixin.qq.com/document/path/91770): a `text` message whose
  `mentioned_mobile_list` holds the mobile — WeCom shows "@<name>" itself; the mobile is not written in the
  content.
- DingTalk custom robot (https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages): a
  `text` message with `at.atMobiles` holding the mobile and `@<mobile>` in the content (DingTalk replaces it
  with "@<name>" where it stands; without it the mention is not placed in the text).

The mobile goes **only** there, in the request's body as the platform requires: the stored delivery
(`deliveries.notice`) holds the roster owner and member id, never the mobile, which is read from the
roster when the request is made; logs and the delivery log hold ids, status codes and errcodes only.

Pure: plain values in, bytes out."""

from __future__ import annotations

import json
from typing import Any

from chuishao_notify.domain.formats import md_text
from chuishao_notify.domain.person_messages import PersonMessage

MENTION_KIND = "person_mention"  # the notice kind of a mention queued on a robot's deliveries
WECOM_TEXT_BYTES = 2048


def _content(message: PersonMessage) -> str:
    # Every value as text (no markup, no @all, no links made of names); the link is ours.
    case = message.button == "签收"
    head = "【请签收】" if case else "【请跟进】"
    lines = [f"{head}{md_text(message.title)}", *(md_text(line) for line in message.lines)]
    # A case's one-tap 签收 link; a community need's console (domain/need_escalation.py).
    lines.append(f"{'一键签收' if case else '去处理'}：{message.ack_url}")
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    data = text.encode()
    return text if len(data) <= limit else data[: limit - 3].decode(errors="ignore") + "…"


def wecom_mention(message: PersonMessage, mobile: str) -> dict[str, Any]:
    return {
        "msgtype": "text",
        "text": {"content": _cut(_content(message), WECOM_TEXT_BYTES), "mentioned_mobile_list": [mobile]},
    }


def dingtalk_mention(message: PersonMessage, mobile: str) -> dict[str, Any]:
    return {
        "msgtype": "text",
        "text": {"content": f"{_content(message)}\n@{mobile}"},
        "at": {"atMobiles": [mobile], "isAtAll": False},
    }


def mention_body(fmt: str, message: PersonMessage, mobile: str) -> bytes:
    body = wecom_mention(message, mobile) if fmt == "wecom" else dingtalk_mention(message, mobile)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
