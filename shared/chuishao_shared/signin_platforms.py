"""Sign-in with WeCom (企业微信 网页授权) and DingTalk (钉钉 免登) (PRODUCT.md §9): the platform says which of
its users is at the door; the directory says which person that is (`wecom_user_id`, `dingtalk_user_id` on a
person) and what they may do; the session is the same HttpOnly cookie the OpenID Connect sign-in opens
(`chuishao_shared.signin.start_session`).

WeCom, a self-built application's web authorization, as documented:
- the browser is sent to `https://open.weixin.qq.com/connect/oauth2/authorize?appid=CORPID&redirect_uri=…
  &response_type=code&scope=snsapi_base&state=STATE&agentid=AGENTID#wechat_redirect` and comes back to
  `redirect_uri?code=CODE&state=STATE` (构造网页授权链接, developer.work.weixin.qq.com/document/path/96714;
  state a-zA-Z0-9, at most 128 bytes);
- `GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ID&corpsecret=SECRET` →
  `{errcode, errmsg, access_token, expires_in: 7200}`, to be cached per application and fetched again when
  it expires or is invalidated early (获取access_token, document/path/91039);
- `GET https://qyapi.weixin.qq.com/cgi-bin/auth/getuserinfo?access_token=…&code=CODE` →
  `{errcode: 0, errmsg, userid}` for a member, `{openid, external_userid}` for a non-member; the code is
  used once and expires after 5 minutes unused; `{errcode: 40029, errmsg: "invalid code"}`
  (获取用户登录身份, document/path/98177). Global codes: 40014 invalid access_token, 42001 access_token
  expired — the token is fetched again and the call retried once.

DingTalk, an internal application's 免登 (silent sign-in inside the DingTalk client):
- the page calls the JSAPI `dd.runtime.permission.requestAuthCode({corpId})` for a code and posts it here;
- `GET https://oapi.dingtalk.com/gettoken?appkey=…&appsecret=…` → `{errcode, errmsg, access_token,
  expires_in: 7200}` (获取企业内部应用的access_token, open.dingtalk.com/document/orgapp/obtain-orgapp-token);
- `POST https://oapi.dingtalk.com/topapi/v2/user/getuserinfo?access_token=…` with body `code` →
  `{errcode: 0, errmsg, result: {userid, …}}`; the code is valid for 5 minutes and usable once
  (通过免登码获取用户信息); `{errcode: 40078, errmsg: "不存在的临时授权码"}` for an unknown or used code;
  40014 不合法的access_token / 42001 access_token 超时 → the token is fetched again and the call retried once.

Every refusal — a wrong or missing state, a replayed or expired code, a platform user the directory does not
link to anyone, a deactivated person, a platform that cannot be reached — is the sign-in refusal page with
its reason, opens nothing, and is logged without the code, the state, the access token or the secret (the
HTTP client's own request log has its query string cut for the platforms' hosts)."""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from chuishao_shared.problems import Problem
from chuishao_shared.settings import Settings
from chuishao_shared.signin import _next, _sign_in, refusal, start_session
from chuishao_shared.tls import client_tls

log = logging.getLogger("chuishao.signin")

# (directory field, platform user id) → the person's subject, or None when nobody has that id.
AccountLookup = Callable[[str, str], Awaitable[str | None]]
TOKEN_ERRORS = frozenset({40014, 42001})  # invalid / expired access_token: fetch a new one, retry once
PENDING_SECONDS = 600  # a sign-in started here must come back within ten minutes

router = APIRouter(prefix="/auth", include_in_schema=False)


class PlatformRefused(Exception):
    """The platform refused: `reason` is a refusal page's reason ('code', 'provider', 'outsider', 'unavailable')."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason, self.detail = reason, detail


class Platform:
    """One platform's server API: an application access token cached until it expires, and the code
    exchange, retried once with a fresh token when the platform says the cached one is no longer good."""

    name = ""
    label = ""
    field = ""  # the directory's field holding this platform's user id
    invalid_code: frozenset[int] = frozenset()

    def __init__(self, api_base: str, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.api_base = api_base.rstrip("/")
        self.transport = transport
        self._token: tuple[str, float] | None = None  # (access token, monotonic time it lapses)
        self._lock = asyncio.Lock()
        self.token_fetches = 0

    async def _fetch_token(self, client: httpx.AsyncClient) -> tuple[str, float]:
        raise NotImplementedError

    async def _exchange(self, client: httpx.AsyncClient, token: str, code: str) -> dict[str, Any]:
        raise NotImplementedError

    def _user_id(self, answer: dict[str, Any]) -> str | None:
        raise NotImplementedError

    async def token(self, client: httpx.AsyncClient, *, fresh: bool = False) -> str:
        async with self._lock:
            if fresh or self._token is None or self._token[1] <= time.monotonic():
                self._token = await self._fetch_token(client)
                self.token_fetches += 1
            return self._token[0]

    async def user_id(self, code: str) -> str:
        try:
            async with httpx.AsyncClient(timeout=10, transport=self.transport, verify=client_tls()) as client:
                answer = await self._exchange(client, await self.token(client), code)
                if _errcode(answer) in TOKEN_ERRORS:
                    log.info("%s: access token refused (%s); fetching a new one", self.name, _errcode(answer))
                    answer = await self._exchange(client, await self.token(client, fresh=True), code)
        except (httpx.HTTPError, ValueError) as error:
            raise PlatformRefused("unavailable", type(error).__name__) from error
        errcode = _errcode(answer)
        if errcode in self.invalid_code:
            raise PlatformRefused("code", f"{self.name} errcode {errcode}")
        if errcode != 0:
            raise PlatformRefused("provider", f"{self.label} errcode {errcode}: {str(answer.get('errmsg'))[:120]}")
        user = self._user_id(answer)
        if not user:
            raise PlatformRefused("outsider", self.label)
        return user

    def _expiry(self, answer: dict[str, Any]) -> tuple[str, float]:
        if _errcode(answer) != 0 or not answer.get("access_token"):
            # errcode and errmsg only: the request carried the secret, the answer never does.
            raise PlatformRefused(
                "provider", f"{self.label} gettoken errcode {_errcode(answer)}: {str(answer.get('errmsg'))[:120]}"
            )
        lifetime = float(answer.get("expires_in") or 7200)
        return str(answer["access_token"]), time.monotonic() + max(lifetime - 60, lifetime / 2)


class WeCom(Platform):
    name, label, field = "wecom", "企业微信 WeCom", "wecom_user_id"
    invalid_code = frozenset({40029})

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        super().__init__(settings.wecom_api_base, transport)
        assert settings.wecom_corp_id and settings.wecom_secret
        self.corp_id = settings.wecom_corp_id
        self.agent_id = settings.wecom_agent_id
        self.secret = settings.wecom_secret.get_secret_value()
        self.authorize_base = settings.wecom_authorize_base.rstrip("/")

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        query = {
            "appid": self.corp_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": "snsapi_base",
            "state": state,
        }
        if self.agent_id:
            query["agentid"] = self.agent_id
        return f"{self.authorize_base}/connect/oauth2/authorize?{urlencode(query)}#wechat_redirect"

    async def _fetch_token(self, client: httpx.AsyncClient) -> tuple[str, float]:
        answer = await client.get(
            f"{self.api_base}/cgi-bin/gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret}
        )
        return self._expiry(answer.json())

    async def _exchange(self, client: httpx.AsyncClient, token: str, code: str) -> dict[str, Any]:
        answer = await client.get(
            f"{self.api_base}/cgi-bin/auth/getuserinfo", params={"access_token": token, "code": code}
        )
        body: dict[str, Any] = answer.json()
        return body

    def _user_id(self, answer: dict[str, Any]) -> str | None:
        return answer.get("userid") or answer.get("UserId")  # a non-member has only openid


class DingTalk(Platform):
    name, label, field = "dingtalk", "钉钉 DingTalk", "dingtalk_user_id"
    invalid_code = frozenset({40078})

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        super().__init__(settings.dingtalk_api_base, transport)
        assert settings.dingtalk_app_key and settings.dingtalk_app_secret
        self.app_key = settings.dingtalk_app_key
        self.secret = settings.dingtalk_app_secret.get_secret_value()
        self.corp_id = settings.dingtalk_corp_id or ""

    async def _fetch_token(self, client: httpx.AsyncClient) -> tuple[str, float]:
        answer = await client.get(
            f"{self.api_base}/gettoken", params={"appkey": self.app_key, "appsecret": self.secret}
        )
        return self._expiry(answer.json())

    async def _exchange(self, client: httpx.AsyncClient, token: str, code: str) -> dict[str, Any]:
        answer = await client.post(
            f"{self.api_base}/topapi/v2/user/getuserinfo", params={"access_token": token}, json={"code": code}
        )
        body: dict[str, Any] = answer.json()
        return body

    def _user_id(self, answer: dict[str, Any]) -> str | None:
        result = answer.get("result") or {}
        return result.get("userid") if isinstance(result, dict) else None


def _errcode(answer: dict[str, Any]) -> int:
    try:
        return int(answer.get("errcode") or 0)
    except (TypeError, ValueError):
        return -1


class _CutQuery(logging.Filter):
    """httpx logs each request's full URL at INFO: for the platforms' hosts the query (corpsecret, appsecret,
    access_token, code) is cut from that line."""

    def __init__(self, hosts: set[str]) -> None:
        super().__init__()
        self.hosts = hosts

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 2:
            url = record.args[1]
            if isinstance(url, httpx.URL) and url.host in self.hosts and url.query:
                record.args = (record.args[0], url.copy_with(query=None), *record.args[2:])
        return True


def install_platform_sign_in(
    app: FastAPI,
    settings: Settings,
    accounts: AccountLookup,
    transport: httpx.AsyncBaseTransport | None = None,
) -> None:
    """WeCom and DingTalk sign-in for a service whose pages sign in (`install_sign_in` first); each only when
    its settings are present. `accounts` finds the subject holding a platform user id."""
    platforms: dict[str, Platform] = {}
    if settings.wecom_corp_id and settings.wecom_secret:
        platforms["wecom"] = WeCom(settings, transport)
    if settings.dingtalk_app_key and settings.dingtalk_app_secret:
        platforms["dingtalk"] = DingTalk(settings, transport)
    app.state.platforms = platforms
    app.state.platform_accounts = accounts
    hosts = {urlsplit(p.api_base).hostname or "" for p in platforms.values()}
    httpx_log = logging.getLogger("httpx")
    cut = next((f for f in httpx_log.filters if isinstance(f, _CutQuery)), None)
    if cut is None:
        httpx_log.addFilter(_CutQuery(hosts))
    else:
        cut.hosts |= hosts
    app.include_router(router)


def _platform(request: Request, name: str) -> Platform:
    platform: Platform | None = getattr(request.app.state, "platforms", {}).get(name)
    if platform is None:
        setting = "CHUISHAO_WECOM_CORP_ID" if name == "wecom" else "CHUISHAO_DINGTALK_APP_KEY"
        raise Problem(404, "Not found", f"Sign-in with {name} is not configured ({setting}).")
    return platform


def _begin(request: Request, name: str, next_path: str | None) -> str:
    """A new pending sign-in in this browser's session: its state (also the DingTalk page's form token)."""
    state = secrets.token_urlsafe(24).replace("-", "x").replace("_", "y")  # a-zA-Z0-9 only (WeCom)
    request.session[f"_{name}_pending"] = {
        "state": state,
        "next": _next(next_path, _sign_in(request).landing),
        "at": time.time(),
    }
    return state


async def _finish(request: Request, name: str, code: str, state: str) -> Response:
    platform = _platform(request, name)
    pending = request.session.pop(f"_{name}_pending", None)  # used once, whatever comes of it
    if (
        not pending
        or not state
        or not hmac.compare_digest(str(pending.get("state", "")).encode(), state.encode())
        or float(pending.get("at", 0)) + PENDING_SECONDS < time.time()
    ):
        return refusal(request, "state", name)
    if not code or len(code) > 512:
        return refusal(request, "code", f"{name}: no code")
    try:
        user_id = await platform.user_id(code)
    except PlatformRefused as refused:
        status = 503 if refused.reason == "unavailable" else 400
        return refusal(request, refused.reason, refused.detail, status=status)
    subject = await request.app.state.platform_accounts(platform.field, user_id)
    if subject is None:
        return refusal(request, "account", f"{platform.label} {user_id}")
    directory = getattr(request.app.state, "directory", None)
    listing = directory.entries.get(subject) if directory is not None else None
    if listing is not None and not listing.active:
        return refusal(request, "deactivated", subject)
    now = time.time()
    expires = now + _sign_in(request).settings.session_max_age_seconds
    if not start_session(request, subject, name="", claims={}, expires=expires, via=name):
        return refusal(request, "role", subject)
    target = _next(str(pending.get("next") or ""), _sign_in(request).landing)
    return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})


@router.get("/wecom/login")
async def wecom_login(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query's name
    platform = _platform(request, "wecom")
    assert isinstance(platform, WeCom)
    redirect_uri = _sign_in(request).redirect_base(request) + "/auth/wecom/callback"
    url = platform.authorize_url(redirect_uri, _begin(request, "wecom", next))
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


@router.get("/wecom/callback")
async def wecom_callback(request: Request) -> Response:
    return await _finish(request, "wecom", request.query_params.get("code", ""), request.query_params.get("state", ""))


DINGTALK_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>钉钉登录 · DingTalk sign-in</title>
<style>body{{font:16px/1.6 system-ui,sans-serif;max-width:34rem;margin:12vh auto;padding:0 1.2rem}}</style>
{jsapi}</head><body><h1>正在通过钉钉登录… · Signing in with DingTalk…</h1>
<p id="status" data-corp="{corp}" data-state="{state}"></p>
<script>
(function () {{
  var status = document.getElementById("status");
  if (!window.dd) {{ status.textContent = "请在钉钉中打开此页面。Open this page inside DingTalk."; return; }}
  dd.ready(function () {{
    dd.runtime.permission.requestAuthCode({{
      corpId: status.dataset.corp,
      onSuccess: function (result) {{
        fetch("/auth/dingtalk/callback", {{
          method: "POST", credentials: "same-origin", headers: {{"Content-Type": "application/json"}},
          body: JSON.stringify({{code: result.code, state: status.dataset.state}})
        }}).then(function (answer) {{
          if (answer.ok) {{ location.assign(answer.url); return; }}
          return answer.text().then(function (page) {{ document.open(); document.write(page); document.close(); }});
        }});
      }},
      onFail: function () {{ status.textContent = "钉钉未给出登录码。DingTalk gave no sign-in code."; }}
    }});
  }});
}})();
</script></body></html>"""


@router.get("/dingtalk/login")
async def dingtalk_login(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query's name
    platform = _platform(request, "dingtalk")
    assert isinstance(platform, DingTalk)
    settings = _sign_in(request).settings
    jsapi = f'<script src="{html.escape(settings.dingtalk_jsapi_url)}"></script>' if settings.dingtalk_jsapi_url else ""
    state = _begin(request, "dingtalk", next)
    body = DINGTALK_PAGE.format(jsapi=jsapi, corp=html.escape(platform.corp_id), state=html.escape(state))
    return HTMLResponse(body, headers={"Cache-Control": "no-store"})


@router.post("/dingtalk/callback")
async def dingtalk_callback(request: Request) -> Response:
    """The page's script posts `{code, state}` as JSON (same origin, with the session cookie)."""
    try:
        sent: Any = json.loads(await request.body())
    except ValueError:
        sent = {}
    if not isinstance(sent, dict):
        sent = {}
    return await _finish(request, "dingtalk", str(sent.get("code") or ""), str(sent.get("state") or ""))
