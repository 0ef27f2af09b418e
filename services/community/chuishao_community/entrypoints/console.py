"""The community staff's console at /console/ (社区工作台): one server-rendered page (its words in the
chosen language) and small plain scripts that sign in from the `#token=` link — or, once the service
offers it, the city's sign-in through the shared page module's `loadSession()` — and talk only to the
public API with the bearer token. Nothing is fetched from outside: the check-in QR code is drawn in the
browser by the vendored qrcode-generator (static/vendor/qrcode, deploy/tools/vendor_qrcode.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from chuishao_community import console_words
from chuishao_community.entrypoints import minutes
from chuishao_shared import pages
from chuishao_shared.headers import content_security_policy

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Jinja2Templates(directory=PACKAGE / "templates")
TEMPLATES.env.globals["shared_script"] = pages.script_url  # the page module every page shares
TEMPLATES.env.globals["shared_console_style"] = pages.console_style_url  # the consoles' palette and type
STATIC_PREFIX = "/console/static"

page = APIRouter(include_in_schema=False)


def _policy() -> str:
    """The platform's policy, plus the hash of the printable minutes' one inline style: the console opens
    the minutes (fetched with the token) from a blob, which inherits this page's policy."""
    found = re.search(r"<style>(.*?)</style>", minutes._TEMPLATE, re.DOTALL)
    assert found is not None
    digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
    return content_security_policy().replace("style-src 'self'", f"style-src 'self' 'sha256-{digest}'")


POLICY = _policy()


@page.get("/console")
async def console_redirect() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=308)


@page.get("/console/", response_class=HTMLResponse)
async def console_page(request: Request, lang: str | None = None) -> HTMLResponse:
    lang = console_words.pick_lang(lang)
    words = console_words.words(lang)
    config = {"lang": lang, "words": words, "needs": console_words.need_statuses()}
    return TEMPLATES.TemplateResponse(
        request,
        "console.html",
        {"lang": lang, "t": words, "config": config, "static": STATIC_PREFIX},
        # The platform's policy; the fragment's token is never sent to a server and the platform's
        # Referrer-Policy keeps it from leaking further.
        headers={"Cache-Control": "no-store", "Content-Security-Policy": POLICY},
    )


def mount_static(app: FastAPI) -> None:
    app.mount(STATIC_PREFIX, StaticFiles(directory=PACKAGE / "static"), name="console-static")
