"""A local WeCom and DingTalk that hold the sign-in adapters (chuishao_shared.signin_platforms) to the
platforms' documented contract: an application access token from `gettoken` (corpid+corpsecret, or
appkey+appsecret) lasting `expires_in` 7200 s, refused once invalidated (WeCom 42001, DingTalk 40014);
codes issued to one user, usable once and for five minutes, anything else WeCom 40029 "invalid code" /
DingTalk 40078 "不存在的临时授权码"; WeCom's authorize page playing the WeCom client (302 to
`redirect_uri?code=&state=` for the member signed in to it)."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

CODE_SECONDS = 300


@dataclass
class Platforms:
    corp_id: str = "ww-test-corp"
    agent_id: str = "1000002"
    wecom_secret: str = field(default_factory=lambda: "wecom-secret-" + secrets.token_hex(8))
    app_key: str = "ding-test-app"
    dingtalk_secret: str = field(default_factory=lambda: "dingtalk-secret-" + secrets.token_hex(8))
    wecom_user: str | None = None  # who is signed in to the WeCom client the authorize page plays
    outsiders: set[str] = field(default_factory=set)  # WeCom users answered with an openid only
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → platform, user, issued, used
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)  # token → platform, expires
    token_calls: dict[str, int] = field(default_factory=lambda: {"wecom": 0, "dingtalk": 0})
    authorize_queries: list[dict[str, str]] = field(default_factory=list)

    def issue(self, platform: str, user: str) -> str:
        code = secrets.token_urlsafe(32)
        self.codes[code] = {"platform": platform, "user": user, "issued": time.time(), "used": False}
        return code

    def expire_codes(self) -> None:
        for code in self.codes.values():
            code["issued"] -= CODE_SECONDS + 1

    def expire_tokens(self) -> None:
        for token in self.tokens.values():
            token["expires"] = 0.0

    def _token(self, platform: str) -> dict[str, Any]:
        self.token_calls[platform] += 1
        token = secrets.token_urlsafe(24)
        self.tokens[token] = {"platform": platform, "expires": time.time() + 7200}
        return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _check_token(self, platform: str, token: str) -> dict[str, Any] | None:
        held = self.tokens.get(token)
        if held is None or held["platform"] != platform:
            return {"errcode": 40014, "errmsg": "invalid access_token"}
        if held["expires"] <= time.time():
            # WeCom says 42001 (access_token expired); DingTalk answers an expired token with 40014.
            if platform == "wecom":
                return {"errcode": 42001, "errmsg": "access_token expired"}
            return {"errcode": 40014, "errmsg": "不合法的access_token"}
        return None

    def _redeem(self, platform: str, code: str) -> str | None:
        held = self.codes.get(code)
        if held is None or held["platform"] != platform or held["used"]:
            return None
        if held["issued"] + CODE_SECONDS < time.time():
            return None
        held["used"] = True
        return str(held["user"])

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/connect/oauth2/authorize")
        async def authorize(request: Request) -> Response:
            query = dict(request.query_params)
            self.authorize_queries.append(query)
            if query.get("appid") != self.corp_id or query.get("response_type") != "code":
                return Response("wrong appid or response_type", status_code=400)
            if query.get("scope") != "snsapi_base" or not self.wecom_user:
                return Response("no member signed in", status_code=400)
            code = self.issue("wecom", self.wecom_user)
            back = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
            return RedirectResponse(back, status_code=302)

        @app.get("/cgi-bin/gettoken")
        async def wecom_token(corpid: str = "", corpsecret: str = "") -> JSONResponse:
            if corpid != self.corp_id or corpsecret != self.wecom_secret:
                return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
            return JSONResponse(self._token("wecom"))

        @app.get("/cgi-bin/auth/getuserinfo")
        async def wecom_user(access_token: str = "", code: str = "") -> JSONResponse:
            refused = self._check_token("wecom", access_token)
            if refused:
                return JSONResponse(refused)
            user = self._redeem("wecom", code)
            if user is None:
                return JSONResponse({"errcode": 40029, "errmsg": "invalid code"})
            if user in self.outsiders:
                return JSONResponse({"errcode": 0, "errmsg": "ok", "openid": "o-" + user})
            return JSONResponse({"errcode": 0, "errmsg": "ok", "userid": user})

        @app.get("/gettoken")
        async def dingtalk_token(appkey: str = "", appsecret: str = "") -> JSONResponse:
            if appkey != self.app_key or appsecret != self.dingtalk_secret:
                return JSONResponse({"errcode": 40089, "errmsg": "不合法的corpid或corpsecret"})
            return JSONResponse(self._token("dingtalk"))

        @app.post("/topapi/v2/user/getuserinfo")
        async def dingtalk_user(request: Request, access_token: str = "") -> JSONResponse:
            refused = self._check_token("dingtalk", access_token)
            if refused:
                return JSONResponse(refused)
            body = await request.json()
            user = self._redeem("dingtalk", str(body.get("code") or ""))
            if user is None:
                return JSONResponse({"errcode": 40078, "errmsg": "不存在的临时授权码"})
            result = {"userid": user, "device_id": "d-1", "sys": False, "sys_level": 0, "name": user}
            return JSONResponse({"errcode": 0, "errmsg": "ok", "result": result, "request_id": "r-1"})

        return app

    def settings_for(self, url: str) -> dict[str, object]:
        return {
            "wecom_corp_id": self.corp_id,
            "wecom_agent_id": self.agent_id,
            "wecom_secret": self.wecom_secret,
            "wecom_api_base": url,
            "wecom_authorize_base": url,
            "dingtalk_app_key": self.app_key,
            "dingtalk_app_secret": self.dingtalk_secret,
            "dingtalk_corp_id": "ding-corp",
            "dingtalk_api_base": url,
        }
