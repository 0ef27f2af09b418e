"""A local WeCom group robot (企业微信群机器人) and DingTalk custom robot (钉钉自定义机器人) holding notify's
robot messages to the platforms' documented contract:

- WeCom (https://developer.work.weixin.qq.com/document/path/91770): `POST /cgi-bin/webhook/send?key=<key>`,
  an unknown key is errcode 93000 (invalid webhook url); a body `{"msgtype": "markdown", "markdown":
  {"content"}}` (at most 4096 bytes) or `{"msgtype": "text", "text": {"content", "mentioned_list",
  "mentioned_mobile_list"}}` (content at most 2048 bytes, the lists of strings); anything else is 40008
  (invalid message type) or 44004 (empty content). **20 messages a minute per robot**: the 21st within
  any 60 seconds is refused with errcode 45009 ("api freq out of limit") and not shown.
- DingTalk (https://open.dingtalk.com/document/robots/custom-robot-access, 加签):
  `POST /robot/send?access_token=<token>&timestamp=<ms>&sign=<base64 HMAC-SHA256 of "<ms>\\n<secret>">`,
  a wrong sign or a timestamp more than an hour off is errcode 310000; a body `{"msgtype": "markdown",
  "markdown": {"title", "text"}}` or `{"msgtype": "text", "text": {"content"}}`, with an optional `"at":
  {"atMobiles": [...], "atUserIds": [...], "isAtAll": false}`. **20 messages a minute per robot**: beyond
  that errcode 130101 ("send too fast, exceed 20 times per minute"), and the robot is then closed for ten
  minutes ("如果超过20条，会限流10分钟"): every message in that time is refused the same way.

The minute is `window` seconds here (the tests shorten it, with notify's CHUISHAO_ROBOT_WINDOW_SECONDS set
to the same); the count is a sliding window over the times requests arrived (the strictest reading:
whichever way a platform counts, a sender that passes this passes it). Accepted messages are kept per
robot in the order they arrived; refusals are counted."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WECOM_MARKDOWN_BYTES, WECOM_TEXT_BYTES = 4096, 2048


@dataclass
class Shown:
    at: float  # time.time() when it arrived
    body: dict[str, Any]
    raw: bytes
    query: dict[str, list[str]]


@dataclass
class Robots:
    base: str
    per_window: int = 20
    window: float = 60.0
    dingtalk_penalty_windows: float = 10.0  # DingTalk: "会限流10分钟"
    wecom_keys: set[str] = field(default_factory=set)
    dingtalk_secrets: dict[str, str] = field(default_factory=dict)  # access_token → 加签 secret
    shown: dict[str, list[Shown]] = field(default_factory=dict)  # robot (key or token) → messages shown
    refused: dict[str, list[int]] = field(default_factory=dict)  # robot → errcodes of refused requests
    arrivals: dict[str, list[float]] = field(default_factory=dict)  # robot → times of counted requests
    closed_until: dict[str, float] = field(default_factory=dict)
    filled_before_first: dict[str, int] = field(default_factory=dict)  # robot → others' messages, see fill
    filled_at: dict[str, float] = field(default_factory=dict)  # robot → when those were counted
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wecom_url(self, key: str) -> str:
        self.wecom_keys.add(key)
        return f"{self.base}/cgi-bin/webhook/send?key={key}"

    def dingtalk_url(self, token: str, secret: str) -> str:
        self.dingtalk_secrets[token] = secret
        return f"{self.base}/robot/send?access_token={token}"

    def fill(self, robot: str, n: int) -> None:
        """`n` messages from another sender on this robot, sent just before our first request arrives
        (they count towards its limit). Counted then, not now: on a busy machine the case may take longer
        than a shortened window to reach notify, and the window would be over before it is tested."""
        with self.lock:
            self.filled_before_first[robot] = n

    def texts(self, robot: str) -> list[str]:
        out = []
        for m in self.shown.get(robot, []):
            kind = m.body.get("msgtype")
            part = m.body.get(kind) or {}
            out.append(str(part.get("content") or part.get("text") or ""))
        return out

    # --- the contract ---------------------------------------------------------------------------

    def _rate(self, robot: str, now: float, platform: str) -> int | None:
        """The errcode refusing a request over the limit, or None (and then it is counted)."""
        if platform == "dingtalk" and self.closed_until.get(robot, 0) > now:
            return 130101
        if others := self.filled_before_first.pop(robot, 0):
            self.arrivals.setdefault(robot, []).extend([now] * others)
            self.filled_at[robot] = now
        recent = [t for t in self.arrivals.get(robot, []) if t > now - self.window]
        if len(recent) >= self.per_window:
            if platform == "dingtalk":
                self.closed_until[robot] = now + self.window * self.dingtalk_penalty_windows
                return 130101
            return 45009
        self.arrivals[robot] = [*recent, now]
        return None

    def wecom(self, query: dict[str, list[str]], raw: bytes, now: float) -> dict[str, Any]:
        key = (query.get("key") or [""])[0]
        if key not in self.wecom_keys:
            return {"errcode": 93000, "errmsg": "invalid webhook url"}
        try:
            body = json.loads(raw)
        except ValueError:
            return {"errcode": 40008, "errmsg": "invalid message type"}
        problem = _wecom_problem(body)
        if problem:
            return problem
        limited = self._rate(key, now, "wecom")
        if limited:
            return {"errcode": limited, "errmsg": "api freq out of limit"}
        self.shown.setdefault(key, []).append(Shown(now, body, raw, query))
        return {"errcode": 0, "errmsg": "ok"}

    def dingtalk(self, query: dict[str, list[str]], raw: bytes, now: float) -> dict[str, Any]:
        token = (query.get("access_token") or [""])[0]
        secret = self.dingtalk_secrets.get(token)
        if secret is None:
            return {"errcode": 300001, "errmsg": "token is not exist"}
        stamp = (query.get("timestamp") or [""])[0]
        if not stamp.isdigit() or abs(int(stamp) / 1000 - now) > 3600:
            return {"errcode": 310000, "errmsg": "sign not match"}
        expected = base64.b64encode(
            hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
        ).decode()
        if not hmac.compare_digest(expected, (query.get("sign") or [""])[0]):
            return {"errcode": 310000, "errmsg": "sign not match"}
        try:
            body = json.loads(raw)
        except ValueError:
            return {"errcode": 40035, "errmsg": "缺少参数 json"}
        problem = _dingtalk_problem(body)
        if problem:
            return problem
        limited = self._rate(token, now, "dingtalk")
        if limited:
            return {"errcode": limited, "errmsg": "send too fast, exceed 20 times per minute"}
        self.shown.setdefault(token, []).append(Shown(now, body, raw, query))
        return {"errcode": 0, "errmsg": "ok"}


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _wecom_problem(body: Any) -> dict[str, Any] | None:
    if not isinstance(body, dict) or body.get("msgtype") not in ("text", "markdown"):
        return {"errcode": 40008, "errmsg": "invalid message type"}
    part = body.get(body["msgtype"])
    if not isinstance(part, dict) or not part.get("content") or not isinstance(part["content"], str):
        return {"errcode": 44004, "errmsg": "empty content"}
    limit = WECOM_TEXT_BYTES if body["msgtype"] == "text" else WECOM_MARKDOWN_BYTES
    if len(part["content"].encode()) > limit:
        return {"errcode": 40058, "errmsg": f"content exceed max length {limit}"}
    for name in ("mentioned_list", "mentioned_mobile_list"):
        if name in part and (body["msgtype"] != "text" or not _strings(part[name])):
            return {"errcode": 40058, "errmsg": f"invalid {name}"}
    return None


def _dingtalk_problem(body: Any) -> dict[str, Any] | None:
    if not isinstance(body, dict) or body.get("msgtype") not in ("text", "markdown"):
        return {"errcode": 40035, "errmsg": "缺少参数 msgtype"}
    part = body.get(body["msgtype"])
    if body["msgtype"] == "text":
        if not isinstance(part, dict) or not part.get("content"):
            return {"errcode": 40035, "errmsg": "缺少参数 content"}
    elif not isinstance(part, dict) or not part.get("title") or not part.get("text"):
        return {"errcode": 40035, "errmsg": "缺少参数 title/text"}
    at = body.get("at")
    if at is not None and (
        not isinstance(at, dict)
        or not _strings(at.get("atMobiles", []))
        or not _strings(at.get("atUserIds", []))
        or not isinstance(at.get("isAtAll", False), bool)
    ):
        return {"errcode": 40035, "errmsg": "at"}
    return None


def _handler(robots: Robots) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the standard library's name
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(parts.query)
            now = time.time()
            with robots.lock:
                if parts.path == "/cgi-bin/webhook/send":
                    answer, robot = robots.wecom(query, raw, now), (query.get("key") or [""])[0]
                elif parts.path == "/robot/send":
                    answer, robot = robots.dingtalk(query, raw, now), (query.get("access_token") or [""])[0]
                else:
                    answer, robot = {"errcode": 404, "errmsg": "no such path"}, ""
                if answer["errcode"]:
                    robots.refused.setdefault(robot, []).append(int(answer["errcode"]))
            payload = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(200)  # both robots answer 200 with an errcode
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextlib.contextmanager
def robots(*, per_window: int = 20, window: float = 60.0) -> Iterator[Robots]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    got = Robots(f"http://127.0.0.1:{server.server_address[1]}", per_window, window)
    server.RequestHandlerClass = _handler(got)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield got
    finally:
        server.shutdown()
        server.server_close()
