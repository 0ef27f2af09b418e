"""The departments' console at /console/: one server-rendered page (words in the chosen language) and
a small plain script that signs in from the `#token=` link and talks only to the public API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from chuishao_dispatch import console_words
from chuishao_shared import pages
from chuishao_shared.headers import content_security_policy

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Jinja2Templates(directory=PACKAGE / "templates")
TEMPLATES.env.globals["shared_script"] = pages.script_url  # the page module every page shares
TEMPLATES.env.globals["shared_console_style"] = pages.console_style_url  # the consoles' palette and type
STATIC_PREFIX = "/console/static"

page = APIRouter(include_in_schema=False)


def _headers(request: Request) -> dict[str, str]:
    # The platform's policy (chuishao_shared.headers), plus the photo service's origin: the console
    # uploads and reads photos there. The token arrives in the fragment (never sent to a server); the
    # platform's Referrer-Policy keeps it from leaking further.
    return {
        "Cache-Control": "no-store",
        "Content-Security-Policy": content_security_policy(request.app.state.settings.console_photo_origin),
    }


@page.get("/console")
async def console_redirect() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=308)


@page.get("/console/", response_class=HTMLResponse)
async def console_page(request: Request, lang: str | None = None) -> HTMLResponse:
    lang = console_words.pick_lang(lang)
    words = console_words.words(lang)
    config = {
        "lang": lang,
        "words": words,
        "photo_origin": request.app.state.settings.console_photo_origin,
    }
    return TEMPLATES.TemplateResponse(
        request,
        "console.html",
        {"lang": lang, "t": words, "config": config, "static": STATIC_PREFIX},
        headers=_headers(request),
    )


def mount_static(app: FastAPI) -> None:
    app.mount(STATIC_PREFIX, StaticFiles(directory=PACKAGE / "static"), name="console-static")
