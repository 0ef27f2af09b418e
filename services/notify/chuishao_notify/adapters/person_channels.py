"""Telling one person where they are (issue 25 item 3): a WeCom application message or a DingTalk work
notice, through notify's guarded network (adapters/guarded_network.py: only public addresses, or the
networks CHUISHAO_WEBHOOK_ALLOWED_NETWORKS allows; no redirects, no proxy from the environment).

The application access token comes from the platform's `gettoken` and is cached until it expires
(the sign-in adapters' `chuishao_shared.signin_platforms.WeCom` / `DingTalk` do that, once per
process); a call the platform refuses for its token (40014 invalid, 42001 expired) fetches a new one
and is sent once more. The log gets the channel, the notice id and an integer errcode: never the
access token, the secret, the user id, the link or a word of the message."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from chuishao_notify.adapters.guarded_network import GuardedBackend, GuardedTransport, refusal
from chuishao_notify.domain.destinations import Network
from chuishao_notify.domain.person_messages import PersonMessage, dingtalk_body, wecom_body, wecom_card_body
from chuishao_shared.settings import Settings
from chuishao_shared.signin_platforms import TOKEN_ERRORS, DingTalk, Platform, PlatformRefused, WeCom, _CutQuery

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    sent: bool
    error: str | None = None
    permanent: bool = False  # not worth another try (no such user, a refused destination)
    throttled: bool = False  # the platform's rate limit: wait and send again, in order, never given up


# Errcodes that say the person cannot be reached this way (another try will not help): WeCom 81013 "user,
# department and tag all invalid", 60111 "userid not found"; DingTalk 33012 "无效的userid".
PERMANENT = frozenset({81013, 60111, 33012})
# "Too many" (WeCom 发送应用消息: "每应用对同一个成员不可超过30次/分钟" — 45033 from the per-member limit,
# 45009 the API's frequency limit): the send waits a minute and goes again, keeping its place.
THROTTLED = frozenset({45009, 45033})


class PersonChannels:
    def __init__(
        self,
        settings: Settings,
        *,
        wecom_agent_id: int | None,
        dingtalk_agent_id: int | None,
        allowed_networks: tuple[Network, ...] = (),
        timeout_seconds: float = 5.0,
        throttle_seconds: float = 60.0,
        wecom_cards: bool = False,
    ) -> None:
        self.throttle_seconds = throttle_seconds
        # WeCom's callback is configured (CHUISHAO_WECOM_CALLBACK_TOKEN / _ENCODING_AES_KEY): a case's notice is a
        # template card whose 签收 button acknowledges in place; otherwise a textcard opening the one-tap page.
        self.wecom_cards = wecom_cards
        transport = GuardedTransport(GuardedBackend(allowed_networks), httpx.Limits(max_connections=20))
        self.client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, 3.0)),
            follow_redirects=False,
            trust_env=False,
        )
        self.wecom = WeCom(settings) if settings.wecom_corp_id and settings.wecom_secret and wecom_agent_id else None
        self.dingtalk = (
            DingTalk(settings)
            if settings.dingtalk_app_key and settings.dingtalk_app_secret and dingtalk_agent_id
            else None
        )
        self.wecom_agent_id = wecom_agent_id or 0
        self.dingtalk_agent_id = dingtalk_agent_id or 0
        # httpx logs each request's URL at INFO: the platforms' query strings (secret, token) are cut.
        hosts = {urlsplit(p.api_base).hostname or "" for p in (self.wecom, self.dingtalk) if p}
        httpx_log = logging.getLogger("httpx")
        cut = next((f for f in httpx_log.filters if isinstance(f, _CutQuery)), None)
        if cut is None:
            httpx_log.addFilter(_CutQuery(hosts))
        else:
            cut.hosts |= hosts

    @property
    def configured(self) -> bool:
        return bool(self.wecom or self.dingtalk)

    def channel_for(self, wecom_user_id: str, dingtalk_user_id: str) -> tuple[str, str] | None:
        """(channel, user id) this person is told on: WeCom when both are there; None when neither."""
        if self.wecom and wecom_user_id:
            return "wecom", wecom_user_id
        if self.dingtalk and dingtalk_user_id:
            return "dingtalk", dingtalk_user_id
        return None

    async def send(self, channel: str, user_id: str, message: PersonMessage) -> Outcome:
        platform: Platform | None
        if channel == "wecom":
            platform, path = self.wecom, "/cgi-bin/message/send"
            if self.wecom_cards and message.tap is not None:
                body = wecom_card_body(message, user_id, self.wecom_agent_id)
            else:
                body = wecom_body(message, user_id, self.wecom_agent_id)
        else:
            platform, path = self.dingtalk, "/topapi/message/corpconversation/asyncsend_v2"
            body = dingtalk_body(message, user_id, self.dingtalk_agent_id)
        if platform is None:
            return Outcome(False, f"{channel} not configured", permanent=True)
        try:
            answer = await self._post(platform, path, body, fresh=False)
            if _errcode(answer) in TOKEN_ERRORS:
                answer = await self._post(platform, path, body, fresh=True)
        except PlatformRefused as error:  # gettoken refused: the application's credentials
            return Outcome(False, f"{channel} gettoken refused: {error.reason}")
        except httpx.HTTPError as error:
            reason = refusal(error)
            if reason:
                return Outcome(False, f"refused: {reason}", permanent=True)
            return Outcome(False, f"{channel} connection: {type(error).__name__}")
        except ValueError:
            return Outcome(False, f"{channel} answered something that is not JSON")
        errcode = _errcode(answer)
        if errcode == 0 and not (channel == "wecom" and answer.get("invaliduser")):
            return Outcome(True)
        if errcode == 0:  # WeCom answers 0 with the user listed as invalid
            return Outcome(False, f"{channel} invalid user", permanent=True)
        return Outcome(
            False, f"{channel} errcode {errcode}", permanent=errcode in PERMANENT, throttled=errcode in THROTTLED
        )

    async def _post(self, platform: Platform, path: str, body: dict[str, Any], *, fresh: bool) -> dict[str, Any]:
        token = await platform.token(self.client, fresh=fresh)
        response = await self.client.post(f"{platform.api_base}{path}", params={"access_token": token}, json=body)
        if not response.is_success:
            return {"errcode": -response.status_code}
        answer = response.json()
        return answer if isinstance(answer, dict) else {"errcode": -1}

    async def close(self) -> None:
        await self.client.aclose()


def _errcode(answer: dict[str, Any]) -> int:
    try:
        return int(answer.get("errcode") or 0)
    except (TypeError, ValueError):
        return -1
