"""The grid worker's app at /app/: the page shell, its script and style, the web app manifest and the
service worker. Everything is served from intake itself (no CDN: city intranets have no internet);
the app talks to intake only through the public /v1 API."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from chuishao_intake.app.text import TEXT, words
from chuishao_shared import pages
from chuishao_shared.problems import Problem

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static"
TEMPLATES = Jinja2Templates(directory=PACKAGE / "templates")
# What the service worker keeps so the app opens with no network.
SHELL_FILES = ("app.js", "app.css", "icon.svg", "icon-192.png", "icon-512.png")
# The shell is revalidated on every start (the service worker serves it when offline); static
# files carry the shell version in their URL, so they can be kept for good.
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
    digest = hashlib.sha256(json.dumps(TEXT, ensure_ascii=False).encode())
    for name in (*SHELL_FILES, "sw.js"):
        digest.update((STATIC / name).read_bytes())
    digest.update((PACKAGE / "templates" / "app.html").read_bytes())
    digest.update(pages.script_version().encode())
    return digest.hexdigest()[:12]


def shell_urls() -> list[str]:
    version = shell_version()
    return [
        "/app/",
        "/app/manifest.webmanifest",
        *(f"/app/static/{name}?v={version}" for name in SHELL_FILES),
        pages.script_url(),  # the page module the app shares with the console and the board
        "/v1/vocabulary",  # its words, so a phone that opens offline names every status
    ]


@router.get("/app")
async def app_redirect() -> RedirectResponse:
    return RedirectResponse("/app/", status_code=308)


@router.get("/app/", response_class=HTMLResponse)
async def app_shell(request: Request) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request,
        "app.html",
        {"t": words("zh"), "text": TEXT, "version": shell_version(), "shared_script": pages.script_url()},
        headers=REVALIDATE,
    )


@router.get("/app/manifest.webmanifest")
async def manifest() -> Response:
    body = {
        "name": "吹哨 · 网格员",
        "short_name": "吹哨",
        "description": "网格员巡查上报、核查与回访",
        "lang": "zh-CN",
        "start_url": "/app/",
        "scope": "/app/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f4f5f7",
        "theme_color": "#b3261e",
        "icons": [
            {"src": f"/app/static/icon-192.png?v={shell_version()}", "sizes": "192x192", "type": "image/png"},
            {"src": f"/app/static/icon-512.png?v={shell_version()}", "sizes": "512x512", "type": "image/png"},
            {"src": f"/app/static/icon.svg?v={shell_version()}", "sizes": "any", "type": "image/svg+xml"},
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
