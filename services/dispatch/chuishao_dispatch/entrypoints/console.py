"""The departments' console at /console/: one server-rendered page (words in the chosen language) and
a small plain script that signs in from the `#token=` link and talks only to the public API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from chuishao_dispatch import console_words

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Jinja2Templates(directory=PACKAGE / "templates")
STATIC_PREFIX = "/console/static"

page = APIRouter(include_in_schema=False)


def _headers(request: Request) -> dict[str, str]:
    photos = request.app.state.settings.console_photo_origin
    connect = " ".join(filter(None, ["'self'", photos]))
    return {
        "Cache-Control": "no-store",
        # The token arrives in the fragment (never sent to a server); keep it from leaking further.
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": (
            f"default-src 'self'; connect-src {connect}; img-src 'self' blob: data:; "
            "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        ),
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
