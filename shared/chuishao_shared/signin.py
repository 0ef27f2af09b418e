"""Sign-in with OpenID Connect for the pages (PRODUCT.md §9): a backend-for-frontend on intake (the grid
worker's app) and dispatch (the console and the admin screens).

Authorization code + PKCE (S256), with authlib's Starlette client doing the redirect, the code exchange
and the ID token's checks (signature by the provider's JWKS, issuer, audience, nonce, expiry). The browser
holds one cookie, `chuishao_<service>_session`: signed (itsdangerous, Starlette's SessionMiddleware),
HttpOnly, SameSite=Lax, Secure when the service's public URL is https; it carries the subject, the role
claims the provider gave, the expiry and a CSRF token, never a provider's token in readable form. The
session ends at the ID token's expiry or `session_max_age_seconds`, whichever comes first.

A service that asks another on the person's behalf (dispatch: the console's duty view reads notify's rosters,
chuishao_dispatch.adapters.notify_api) installs sign-in with `keep_provider_token=True`: the provider's
access token, its expiry and its refresh token (if the provider gave one) are kept in the session
**encrypted** (Fernet: AES-128-CBC + HMAC-SHA256, with a key derived by HKDF from the session's signing key —
the cookie itself is only signed, so a plain token would be readable by anyone holding the cookie). A token
that would push the cookie past `COOKIE_LIMIT` bytes is not kept (logged, without the token); sign-out and
the session's end drop it with the session. `provider_token` reads it back, `refresh_provider_token`
renews it with the refresh token (and keeps the new one). The ID token is never kept.

- `GET /auth/login?next=/console/` → the provider's authorization endpoint (state, nonce, PKCE);
- `GET /auth/callback` ← the provider: the code is exchanged, the ID token checked, the session opened,
  and the browser sent on to `next`; every refusal (state mismatch, a replayed or expired code, a
  missing PKCE verifier, an ID token that fails a check) is a 400 page naming it, logged without the
  code or any secret, and opens nothing;
- `GET /auth/session`: who is signed in (roles and scopes as the directory says) and the CSRF token the
  pages send back in `X-CSRF-Token` on every write (chuishao.js), or 401;
- `POST /auth/logout`: the session ends; the answer names the provider's end-session URL, if it has one.

WeCom and DingTalk sign-in (`chuishao_shared.signin_platforms`) open the same session with `start_session`
and answer their refusals with the same `refusal` page.

A cookie-authenticated write must carry `X-CSRF-Token` equal to the session's token, and a write from
another origin (`Origin` or `Sec-Fetch-Site: cross-site`) is refused: `chuishao_shared.security`. Bearer
tokens (API clients, devices, other systems) are untouched; these routes are for browsers, not in the
OpenAPI document."""

from __future__ import annotations

import base64
import hmac
import html
import json
import logging
import math
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

from chuishao_shared.auth import ROLES, AuthError, Principal, principal_of
from chuishao_shared.problems import Problem
from chuishao_shared.settings import Settings, is_loopback

log = logging.getLogger("chuishao.signin")

SESSION = "signed_in"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CLAIMS = ("role", "grids", "department", "jurisdiction", "community", "unit")
PROVIDER = "city"

router = APIRouter(prefix="/auth", include_in_schema=False)


class SignIn:
    """One service's sign-in: its settings, the page people land on, and authlib's client."""

    def __init__(self, settings: Settings, landing: str, *, keep_provider_token: bool = False) -> None:
        self.settings = settings
        self.landing = landing
        self.keep_provider_token = keep_provider_token
        self.client: Any = None
        if settings.oidc_issuer:
            from authlib.integrations.starlette_client import OAuth

            oauth = OAuth()
            oauth.register(
                PROVIDER,
                client_id=settings.oidc_client_id,
                client_secret=settings.oidc_client_secret.get_secret_value(),
                server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
                client_kwargs={"scope": settings.oidc_scopes, "code_challenge_method": "S256", "timeout": 10},
            )
            self.client = oauth.create_client(PROVIDER)

    def redirect_base(self, request: Request) -> str:
        """This service's public base URL (the callbacks are registered under it)."""
        return (self.settings.oidc_redirect_base or str(request.base_url)).rstrip("/")

    def redirect_uri(self, request: Request) -> str:
        return self.redirect_base(request) + "/auth/callback"

    def own_origins(self, request: Request) -> set[str]:
        origins = {str(request.base_url).rstrip("/")}
        if self.settings.oidc_redirect_base:
            url = urlsplit(self.settings.oidc_redirect_base)
            origins.add(f"{url.scheme}://{url.netloc}")
        return origins


def cookie_name(settings: Settings) -> str:
    # Cookies do not keep to a port: intake's and dispatch's sessions on one host need names of their own.
    return f"chuishao_{settings.service_name}_session"


def secure_cookie(settings: Settings) -> bool:
    """Secure outside loopback: whenever the service's public URL is https, and always in production."""
    base = settings.oidc_redirect_base
    if settings.environment == "production":
        return True
    if not base:
        return False
    url = urlsplit(base)
    return url.scheme == "https" or not is_loopback(url.hostname)


def install_sign_in(app: FastAPI, settings: Settings, *, landing: str, keep_provider_token: bool = False) -> None:
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_key,
        session_cookie=cookie_name(settings),
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=secure_cookie(settings),
    )
    app.state.sign_in = SignIn(settings, landing, keep_provider_token=keep_provider_token)
    app.include_router(router)


def _sign_in(request: Request) -> SignIn:
    sign_in: SignIn = request.app.state.sign_in
    return sign_in


def _next(value: str | None, landing: str) -> str:
    """Only a path on this service (never `//elsewhere` or a URL): no open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return landing
    return value


REFUSALS = {
    "state": (
        "登录请求已失效或不属于本浏览器（state 不一致），请重新登录。",
        "This sign-in does not belong to this browser or was already used (state mismatch); please sign in again.",
    ),
    "verifier": (
        "登录请求缺少 PKCE 校验值，已拒绝，请重新登录。",
        "This sign-in has no PKCE verifier and was refused; please sign in again.",
    ),
    "code": (
        "登录码已过期或已被使用，请重新登录。",
        "The sign-in code has expired or was already used; please sign in again.",
    ),
    "provider": ("身份提供方拒绝了登录：{detail}", "The identity provider refused the sign-in: {detail}"),
    "id_token": (
        "身份凭证（ID token）未通过校验，已拒绝。",
        "The identity provider's ID token failed its checks and was refused.",
    ),
    "role": ("此账号在吹哨平台没有角色，请联系管理员。", "This account has no role in Chuishao; ask an administrator."),
    # WeCom and DingTalk sign-in (chuishao_shared.signin_platforms)
    "account": (
        "{detail} 账号未关联吹哨平台的任何人员，请管理员在人员目录中填写该账号。",
        "The account {detail} is not linked to anyone in Chuishao's directory; ask an administrator to add it.",
    ),
    "deactivated": ("此账号已在人员目录中停用。", "This person has been deactivated in the directory."),
    "outsider": (
        "{detail} 未确认您是本单位成员，已拒绝。",
        "{detail} did not confirm you as a member of this organisation; refused.",
    ),
    "unavailable": (
        "暂时无法连接身份提供方，请稍后再试。",
        "The identity provider cannot be reached; please try again shortly.",
    ),
}


def refusal(request: Request, reason: str, detail: str = "", status: int = 400) -> HTMLResponse:
    """A clear page (Chinese, then English) and a log line without the code, the state or a secret."""
    log.warning("sign-in refused: %s%s", reason, f" ({detail})" if detail else "")
    zh, en = (text.format(detail=detail) for text in REFUSALS[reason])
    landing = _sign_in(request).landing
    again = "/auth/login?" + urlencode({"next": landing})
    body = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>登录未成功 · Sign-in refused</title>"
        "<style>body{font:16px/1.6 system-ui,sans-serif;max-width:34rem;margin:12vh auto;padding:0 1.2rem;"
        "color:#1f2328}h1{font-size:1.3rem;color:#a3101f}"
        "a{display:inline-block;margin-top:1rem;padding:.6rem 1rem;background:#c8102e;"
        "color:#fff;border-radius:8px;text-decoration:none}</style></head><body>"
        f'<h1>登录未成功 · Sign-in refused</h1><p id="reason" data-reason="{html.escape(reason)}">{html.escape(zh)}</p>'
        f'<p lang="en">{html.escape(en)}</p><a href="{html.escape(again)}">重新登录 · Sign in again</a></body></html>'
    )
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


@router.get("/login")
async def login(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query's name
    sign_in = _sign_in(request)
    if sign_in.client is None:
        raise Problem(404, "Not found", "Sign-in with an identity provider is not configured (CHUISHAO_OIDC_ISSUER).")
    # Only the latest few sign-ins started in this browser are kept (each holds its state, nonce and verifier).
    pending = sorted(k for k in request.session if k.startswith(f"_state_{PROVIDER}_"))
    for key in pending[:-4]:
        request.session.pop(key, None)
    request.session["next"] = _next(next, sign_in.landing)
    try:
        response: Response = await sign_in.client.authorize_redirect(
            request, sign_in.redirect_uri(request), nonce=secrets.token_urlsafe(24)
        )
    except Exception as error:  # the provider's discovery document did not come
        return refusal(request, "unavailable", type(error).__name__, status=503)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/callback")
async def callback(request: Request) -> Response:
    from authlib.integrations.base_client import OAuthError

    sign_in = _sign_in(request)
    if sign_in.client is None:
        raise Problem(404, "Not found", "Sign-in with an identity provider is not configured (CHUISHAO_OIDC_ISSUER).")
    if request.query_params.get("error"):
        detail = request.query_params.get("error_description") or request.query_params["error"]
        return refusal(request, "provider", detail[:200])
    state = request.query_params.get("state") or ""
    pending = await sign_in.client.framework.get_state_data(request.session, state) if state else None
    if not pending:
        return refusal(request, "state")
    if not pending.get("code_verifier"):
        await sign_in.client.framework.clear_state_data(request.session, state)
        return refusal(request, "verifier")
    try:
        token = await sign_in.client.authorize_access_token(request)
    except OAuthError as error:
        if error.error == "invalid_grant":
            return refusal(request, "code")
        return refusal(request, "provider", str(error.error or error.description)[:200])
    except Exception as error:  # the ID token's signature, issuer, audience, nonce or expiry
        return refusal(request, "id_token", type(error).__name__)
    claims: dict[str, Any] = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        return refusal(request, "id_token", "no ID token")
    now = time.time()
    expires = min(float(claims.get("exp") or 0) or now, now + sign_in.settings.session_max_age_seconds)
    scoped = {k: claims[k] for k in CLAIMS if claims.get(k) is not None}
    if not start_session(
        request, str(claims["sub"]), name=str(claims.get("name") or ""), claims=scoped, expires=expires
    ):
        return refusal(request, "role", str(claims["sub"])[:80])
    if sign_in.keep_provider_token:
        keep_provider_token(request, token, now=now)
    target = request.session.pop("next", None) or sign_in.landing
    return RedirectResponse(_next(target, sign_in.landing), status_code=303, headers={"Cache-Control": "no-store"})


def start_session(
    request: Request, sub: str, *, name: str, claims: dict[str, Any], expires: float, via: str = "oidc"
) -> bool:
    """Open the signed-in session for `sub` (every sign-in ends here: OpenID Connect, WeCom, DingTalk);
    False, and nothing opened, when the person has no role in Chuishao or has been deactivated."""
    if _principal(request, {"sub": sub, **claims}, time.time()) is None:
        return False
    request.session[SESSION] = {
        "sub": sub,
        "name": name[:100],
        "claims": claims,
        "exp": int(expires),
        "csrf": secrets.token_urlsafe(32),
    }
    until = time.strftime("%H:%M:%S", time.localtime(expires))
    log.info("signed in: %s (%s, session until %s)", sub, via, until)
    return True


# The session cookie's own limit: browsers keep a cookie's name and value up to 4096 bytes.
COOKIE_LIMIT = 4000
# A held access token counts as expired this long before its `expires_at` (a request's way to notify and
# its introspection must not outlive it).
TOKEN_LEEWAY_SECONDS = 30.0
_VAULT_INFO = b"chuishao.signin.provider-token.v1"


@dataclass(frozen=True)
class ProviderToken:
    """The identity provider's access token kept for a session (never logged: no repr of the token)."""

    access_token: str
    expires_at: float
    refresh_token: str | None = None

    def __repr__(self) -> str:
        return f"ProviderToken(expires_at={self.expires_at}, refresh={self.refresh_token is not None})"

    def expired(self, now: float | None = None) -> bool:
        return self.expires_at - TOKEN_LEEWAY_SECONDS <= (time.time() if now is None else now)


def _vault(settings: Settings) -> Any:
    """Fernet with a key derived (HKDF-SHA256) from the session's signing key: a key of its own, so the
    signature's key is never used to encrypt, and a changed session secret drops every kept token."""
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_VAULT_INFO).derive(settings.session_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal_provider_token(settings: Settings, token: ProviderToken) -> str:
    held = {"at": token.access_token, "exp": token.expires_at, "rt": token.refresh_token}
    sealed: bytes = _vault(settings).encrypt(json.dumps(held, separators=(",", ":")).encode())
    return sealed.decode()


def open_provider_token(settings: Settings, sealed: str) -> ProviderToken | None:
    """The kept token, or None when it does not open (another key, tampered): then none is held."""
    from cryptography.fernet import InvalidToken

    try:
        held = json.loads(_vault(settings).decrypt(sealed.encode()))
        return ProviderToken(str(held["at"]), float(held["exp"]), held.get("rt") or None)
    except (InvalidToken, ValueError, KeyError, TypeError):
        log.warning("a session's kept provider token did not open (another session key?); dropped")
        return None


def cookie_bytes(settings: Settings, session: dict[str, Any]) -> int:
    """The session cookie's name and value as SessionMiddleware writes them: base64 of the JSON, then
    itsdangerous's `.timestamp.signature` (at most 7 + 28 characters)."""
    payload = len(json.dumps(session).encode())
    return len(cookie_name(settings)) + 1 + 4 * math.ceil(payload / 3) + 35


def keep_provider_token(request: Request, token: dict[str, Any], *, now: float | None = None) -> bool:
    """Keep the provider's access token (from authlib's token answer) sealed in the signed-in session;
    False, and nothing kept, when there is none or it would overflow the cookie."""
    settings = _sign_in(request).settings
    signed = request.session.get(SESSION)
    access = token.get("access_token")
    if not signed or not isinstance(access, str) or not access:
        return False
    now = time.time() if now is None else now
    if token.get("expires_at"):
        expires = float(token["expires_at"])
    elif token.get("expires_in"):
        expires = now + float(token["expires_in"])
    else:  # no expiry given: held no longer than the session
        expires = float(signed["exp"])
    refresh = token.get("refresh_token") if isinstance(token.get("refresh_token"), str) else None
    sealed = seal_provider_token(settings, ProviderToken(access, expires, refresh or None))
    kept = {**signed, "provider": sealed}
    size = cookie_bytes(settings, {**dict(request.session), SESSION: kept})
    if size > COOKIE_LIMIT:
        signed.pop("provider", None)
        request.session[SESSION] = signed
        log.error(
            "the identity provider's access token for %s was not kept: the session cookie would be %d bytes "
            "(limit %d); calls on this person's behalf (the duty view) will ask them to sign in again",
            signed.get("sub"),
            size,
            COOKIE_LIMIT,
        )
        return False
    request.session[SESSION] = kept
    return True


def provider_token(request: Request) -> ProviderToken | None:
    """The signed-in session's kept provider token, if it holds one (expired or not)."""
    if "session" not in request.scope:
        return None
    signed = request.session.get(SESSION)
    sealed = signed.get("provider") if signed else None
    if not signed or not isinstance(sealed, str):
        return None
    held = open_provider_token(_sign_in(request).settings, sealed)
    if held is None:
        signed.pop("provider", None)
        request.session[SESSION] = signed
    return held


async def refresh_provider_token(request: Request, held: ProviderToken) -> ProviderToken | None:
    """A new access token for the session by its refresh token (RFC 6749 §6), kept in place of the old one;
    None when the provider refuses (the person must sign in again). The provider unreachable raises."""
    from authlib.integrations.base_client import OAuthError

    sign_in = _sign_in(request)
    signed = request.session.get(SESSION)
    if sign_in.client is None or not held.refresh_token or not signed:
        return None
    try:
        token = await sign_in.client.fetch_access_token(grant_type="refresh_token", refresh_token=held.refresh_token)
    except OAuthError as error:
        log.info("the identity provider refused to renew %s's access token (%s)", signed.get("sub"), error.error)
        signed.pop("provider", None)
        request.session[SESSION] = signed
        return None
    answer = dict(token)
    if not answer.get("refresh_token"):
        answer["refresh_token"] = held.refresh_token  # the provider kept the old one valid
    if not keep_provider_token(request, answer):
        return None
    log.info("renewed the identity provider's access token for %s", signed.get("sub"))
    return provider_token(request)


def _principal(request: Request, claims: dict[str, Any], now: float) -> Principal | None:
    """The person the session names: the directory's roles for a subject it knows, else the role claims
    the provider put in the ID token (checked as a token's would be); None when there is no role."""
    directory = getattr(request.app.state, "directory", None)
    sub = str(claims.get("sub"))
    scoped = {k: claims[k] for k in CLAIMS if claims.get(k) is not None}
    try:
        if directory is not None and sub in directory.entries:
            principal = Principal(sub=sub, role=str(scoped.get("role") or ""))
            resolved: Principal = directory.resolve(principal)
            return resolved if resolved.role in ROLES else None
        principal, _ = principal_of({"sub": sub, "exp": now + 60, **scoped}, max_lifetime=3600, now=now)
    except AuthError:
        return None
    return principal if directory is None else directory.resolve(principal)


def session_principal(request: Request) -> Principal | None:
    """The signed-in person of a cookie-authenticated request (None: no session). An expired session is
    ended and refused; a write must carry the session's CSRF token and come from this origin."""
    if "session" not in request.scope:
        return None
    signed = request.session.get(SESSION)
    if not signed:
        return None
    now = time.time()
    if float(signed.get("exp", 0)) <= now:
        request.session.pop(SESSION, None)
        raise Problem(
            401,
            "Unauthorized",
            "Your sign-in has expired; sign in again.",
            kind="session-expired",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if request.method not in SAFE_METHODS:
        check_csrf(request, str(signed.get("csrf", "")))
    principal = _principal(request, {"sub": signed["sub"], **signed.get("claims", {})}, now)
    if principal is None:
        raise Problem(401, "Unauthorized", "This account has no role in Chuishao or has been deactivated.")
    return principal


def check_csrf(request: Request, expected: str) -> None:
    sign_in: SignIn | None = getattr(request.app.state, "sign_in", None)
    origin = request.headers.get("origin")
    own = sign_in.own_origins(request) if sign_in else {str(request.base_url).rstrip("/")}
    if (origin and origin != "null" and origin.rstrip("/") not in own) or request.headers.get(
        "sec-fetch-site"
    ) == "cross-site":
        log.warning(
            "refused a cookie-authenticated %s %s from another origin (%s)", request.method, request.url.path, origin
        )
        raise Problem(403, "Forbidden", "A signed-in write from another origin is refused (CSRF).", kind="csrf")
    sent = request.headers.get(CSRF_HEADER, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        log.warning("refused a cookie-authenticated %s %s without its CSRF token", request.method, request.url.path)
        raise Problem(
            403,
            "Forbidden",
            f"A signed-in write must carry the session's CSRF token in {CSRF_HEADER}; reload the page.",
            kind="csrf",
        )


@router.get("/session")
async def session(request: Request) -> Response:
    principal = session_principal(request)
    if principal is None:
        offered = _sign_in(request).client is not None
        raise Problem(
            401,
            "Unauthorized",
            "Nobody is signed in in this browser.",
            headers={"WWW-Authenticate": "Bearer"},
            sign_in="/auth/login" if offered else None,
        )
    signed = request.session[SESSION]
    body = {
        "sub": principal.sub,
        "name": signed.get("name") or None,
        "role": principal.role,
        "grids": sorted(principal.grids),
        "department": principal.department,
        "jurisdiction": principal.jurisdiction,
        "community": principal.community,
        "unit": principal.unit,
        "exp": signed["exp"],
        "csrf": signed["csrf"],
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


@router.post("/logout")
async def logout(request: Request) -> Response:
    sign_in = _sign_in(request)
    signed = request.session.get(SESSION)
    if signed:
        check_csrf(request, str(signed.get("csrf", "")))
        log.info("signed out: %s", signed.get("sub"))
    request.session.clear()
    redirect: str | None = None
    if sign_in.client is not None:
        try:
            metadata = await sign_in.client.load_server_metadata()
        except Exception:  # the provider is away: the session here has ended all the same
            metadata = {}
        end = metadata.get("end_session_endpoint")
        if end:
            back = (sign_in.settings.oidc_redirect_base or str(request.base_url)).rstrip("/") + sign_in.landing
            query = {"client_id": sign_in.settings.oidc_client_id, "post_logout_redirect_uri": back}
            redirect = f"{end}?{urlencode(query)}"
    return JSONResponse({"signed_out": True, "redirect": redirect}, headers={"Cache-Control": "no-store"})
