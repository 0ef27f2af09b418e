"""A group robot takes at most 20 messages a minute; beyond that the platform refuses the message.

- WeCom (企业微信 群机器人配置说明, https://developer.work.weixin.qq.com/document/path/91770, 消息发送频率限制):
  "每个机器人发送的消息不能超过20条/分钟"; a refusal is `errcode 45009` ("api freq out of limit").
- DingTalk (自定义机器人发送群消息, https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages,
  消息发送频率限制): "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟"; a refusal is
  `errcode 130101` ("send too fast, exceed 20 times per minute") — and the robot then stays closed for ten
  minutes, so going over is much dearer than waiting.

So notify paces each robot itself, and the messages beyond the limit wait, in order, never dropped:

- **In order**: a robot's deliveries leave one at a time, oldest first — a delivery is only claimed while
  no older delivery to the same robot is pending (being sent, or waiting for a retry).
- **Under the limit**: a robot's delivery is only claimed while fewer than `per_window` requests to it were
  answered in the last `window_seconds`. A request is counted when its answer has come back (after the
  platform counted it), so the (n + per_window)-th request reaches the platform more than a window after
  the n-th, whatever the network's delays, and across replicas (the counts are rows in PostgreSQL).
- **A refusal all the same** (another sender on the same robot, a platform counting differently): the
  delivery stays at the head of its robot's queue and is tried again after a whole window (or the
  answer's Retry-After), without counting as a failure — it is never given up for being throttled.

Pure."""

from __future__ import annotations

from dataclasses import dataclass

ROBOT_FORMATS = ("wecom", "dingtalk")


@dataclass(frozen=True)
class RobotPacing:
    per_window: int = 20  # the platforms' documented 20 messages …
    window_seconds: float = 60.0  # … a minute (CHUISHAO_ROBOT_WINDOW_SECONDS changes it for the tests only)

    @property
    def keep_seconds(self) -> float:
        """How long a robot's send is kept for counting (then pruned)."""
        return max(self.window_seconds * 2, 120.0)


def is_robot(fmt: str) -> bool:
    return fmt in ROBOT_FORMATS
