"""The members' app (志愿者手机端) at /app/: the page shell, its script and style, the web app manifest
and the service worker, all served from the community service itself (no CDN). The app talks to the
community's public /v1 API and uploads photos to intake's photo API (`CHUISHAO_COMMUNITY_PHOTO_ORIGIN`,
allowed in this page's Content-Security-Policy). Its offline outbox is the shared `outbox.js`."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from chuishao_community.app_text import TEXT, status_words, words
from chuishao_shared import pages
from chuishao_shared.headers import content_security_policy
from chuishao_shared.problems import Problem

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static"
TEMPLATE = "app.html"
TEMPLATES = Jinja2Templates(directory=PACKAGE / "templates")
# What the service worker keeps so the app opens with no network.
SHELL_FILES = ("app.js", "app.css", "app-icon.svg", "app-icon-192.png", "app-icon-512.png")
REVALIDATE = {"Cache-Control": "no-cache"}
KEEP = {"Cache-Control": "public, max-age=31536000, immutable"}
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}

router = APIRouter(include_in_schema=False)


@cache
def shell_version() -> str:
    """A hash of everything the shell is made of: a new release gets a new service-worker cache."""
    digest = hashlib.sha256(json.dumps([TEXT, status_words()], ensure_ascii=False).encode())
    for name in (*SHELL_FILES, "sw.js"):
        digest.update((STATIC / name).read_bytes())
    digest.update((PACKAGE / "templates" / TEMPLATE).read_bytes())
    digest.update(pages.script_version().encode() + pages.outbox_version().encode())
    return digest.hexdigest()[:12]


def shell_urls() -> list[str]:
    version = shell_version()
    return [
        "/app/",
        "/app/manifest.webmanifest",
        *(f"/app/static/{name}?v={version}" for name in SHELL_FILES),
        pages.script_url(),  # the page module every page shares
        pages.outbox_url(),  # the apps' offline outbox
        "/v1/vocabulary",
    ]


def _config(request: Request) -> dict[str, Any]:
    """What the script needs besides the API: the words, the statuses' words from the shared vocabulary,
    the communities and grids of the reference data (public), and where photos go."""
    reference = request.app.state.context.reference
    return {
        "text": TEXT,
        "statuses": status_words(),
        "photo_origin": request.app.state.settings.community_photo_origin,
        "communities": [{"code": c.code, "name": c.name, "name_en": c.name_en} for c in reference.communities()],
        "grids": [
            {"code": g.code, "name": g.name, "name_en": g.name_en, "community": reference.community_of(g.code).code}
            for g in reference.grids()
        ],
    }


def _headers(request: Request) -> dict[str, str]:
    # The platform's policy plus intake's origin, where the photos are uploaded.
    policy = content_security_policy(request.app.state.settings.community_photo_origin)
    return {**REVALIDATE, "Content-Security-Policy": policy}


@router.get("/app")
async def app_redirect() -> RedirectResponse:
    return RedirectResponse("/app/", status_code=308)


@router.get("/app/", response_class=HTMLResponse)
async def app_shell(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request,
        TEMPLATE,
        {
            "t": words("zh"),
            "config": _config(request),
            "version": shell_version(),
            "shared_script": pages.script_url(),
            "outbox_script": pages.outbox_url(),
        },
        headers=_headers(request),
    )


@router.get("/app/manifest.webmanifest")
async def manifest() -> Response:
    version = shell_version()
    body = {
        "name": "吹哨 · 志愿者",
        "short_name": "志愿者",
        "description": "在职党员报到、认领居民需求、参加志愿活动、查看志愿时长",
        "lang": "zh-CN",
        "start_url": "/app/",
        "scope": "/app/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f4f5f7",
        "theme_color": "#c0392b",
        "icons": [
            {"src": f"/app/static/app-icon-192.png?v={version}", "sizes": "192x192", "type": "image/png"},
            {"src": f"/app/static/app-icon-512.png?v={version}", "sizes": "512x512", "type": "image/png"},
            {"src": f"/app/static/app-icon.svg?v={version}", "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/manifest+json", headers=REVALIDATE)


@router.get("/app/sw.js")
async def service_worker() -> Response:
    """Served from /app/ so its scope is the app; the shell list and version are filled in here."""
    script = (STATIC / "sw.js").read_text(encoding="utf-8")
    script = script.replace("__VERSION__", shell_version()).replace("__SHELL__", json.dumps(shell_urls()))
    return Response(script, media_type=MEDIA_TYPES[".js"], headers={**REVALIDATE, "Service-Worker-Allowed": "/app/"})


@router.get("/app/static/{name}")
async def static_file(name: str) -> Response:
    if name not in SHELL_FILES:
        raise Problem(404, "Not found", f"No app file {name!r}.")
    path = STATIC / name
    return Response(path.read_bytes(), media_type=MEDIA_TYPES[path.suffix], headers=KEEP)
