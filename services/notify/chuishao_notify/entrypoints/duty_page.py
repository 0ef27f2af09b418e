"""The console's duty page (issue 25, PRODUCT.md §9 "who is on duty now … in the console"), served by notify
beside the API it reads: `GET /duty/?owner=<department or desk>&case=<case id>&lang=en`.

For a department's (or duty desk's) roster: who is on duty now and next per level, a week of every level's
shifts with the overrides marked and the **gaps** (nobody on duty) highlighted, and a case's escalation chain
— who was told when, at which step, each notice's state, and when 签收 stopped it. Chinese first, English by
`?lang=en`. A static page: the script reads the roster and chain API with the bearer token a `#token=` link
put in the tab's storage (the consoles' development sign-in) and shows only what the API gives that reader
(names and member ids; never a mobile — the roster API masks it and the page does not show it at all).
The script and its styles are the shared duty view (chuishao_shared/static/duty.js, duty.css), which the
console shows too at /console/duty with dispatch's proxy of this API (docs/notifications.md)."""

from __future__ import annotations

import html
import json
from importlib import resources

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from chuishao_notify.deps import Context
from chuishao_shared.reference import ReferenceData

router = APIRouter(include_in_schema=False)

STATIC = resources.files("chuishao_shared") / "static"  # the duty view shared with the console
TEXT = {
    "zh": {"title": "值班与升级", "switch": "English", "lang": "zh-CN", "other": "en"},
    "en": {"title": "On duty and escalation", "switch": "中文", "lang": "en", "other": "zh"},
}


def owner_names(reference: ReferenceData, lang: str) -> dict[str, str]:
    """Rosters belong to departments and duty desks (jurisdictions): their names in the page's language
    (public names, nothing personal)."""
    owners = [*reference.jurisdictions.values(), *reference.departments.values()]
    return {o.code: o.name_en if lang == "en" else o.name for o in owners}


def script_json(value: object) -> str:
    """JSON safe inside a script element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


@router.get("/duty/", response_class=HTMLResponse)
async def duty_page(context: Context, lang: str = Query(default="zh", pattern="^(zh|en)$")) -> HTMLResponse:
    t = TEXT[lang]
    config = script_json({"owners": owner_names(context.reference, lang), "autostart": True})  # the version in force
    page = f"""<!doctype html>
<html lang="{t["lang"]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>{html.escape(t["title"])}</title>
  <link rel="stylesheet" href="/static/notify/duty.css">
</head>
<body class="duty-page" data-lang="{lang}">
  <header class="top">
    <h1>{html.escape(t["title"])}</h1>
    <form id="pick" class="pick">
      <label><span data-t="owner"></span> <input name="owner" autocomplete="off" spellcheck="false"></label>
      <label><span data-t="case"></span> <input name="case" autocomplete="off" spellcheck="false"></label>
      <button type="submit" data-t="show"></button>
    </form>
    <a id="lang" class="lang" href="?lang={t["other"]}" hreflang="{t["other"]}">{html.escape(t["switch"])}</a>
  </header>
  <main class="duty">
    <section id="now" aria-labelledby="now-h"><h2 id="now-h" data-t="now_h"></h2><div class="levels"></div></section>
    <section id="week" aria-labelledby="week-h"><h2 id="week-h" data-t="week_h"></h2>
      <ul class="legend"><li class="k shift" data-t="k_shift"></li><li class="k override" data-t="k_override"></li>
        <li class="k gap" data-t="k_gap"></li></ul><div class="days"></div></section>
    <section id="chain" aria-labelledby="chain-h"><h2 id="chain-h" data-t="chain_h"></h2>
      <div class="chains"></div></section>
  </main>
  <div id="notice" class="notice" role="alert" hidden></div>
  <script id="duty-config" type="application/json">{config}</script>
  <script src="/static/notify/duty.js" defer></script>
</body>
</html>"""
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


@router.get("/static/notify/{name}")
async def duty_static(name: str) -> Response:
    kinds = {"duty.js": "text/javascript; charset=utf-8", "duty.css": "text/css; charset=utf-8"}
    if name not in kinds:
        return Response(status_code=404)
    return Response((STATIC / name).read_bytes(), media_type=kinds[name], headers={"Cache-Control": "no-cache"})
