"""Thin routes for certificates (志愿服务记录证明): issue (staff), the public check by number and its
printable page, and the quarterly summary per work unit (CSV, XLSX)."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from chuishao_community.deps import Bus, IdempotencyKey, Staff
from chuishao_community.domain import force_commands as fc
from chuishao_community.domain.certificates import summary_csv, summary_xlsx
from chuishao_community.domain.commands import Request as Req
from chuishao_community.schemas_forces import CertificateRead, Empty
from chuishao_community.service_layer import certificate_handlers as q
from chuishao_shared.idempotency import request_fingerprint

router = APIRouter(prefix="/v1", tags=["certificates"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post(
    "/members/{member_id}/certificates",
    response_model=CertificateRead,
    status_code=201,
    summary="Issue a member's certificate of volunteer service (staff)",
)
async def issue_certificate(
    member_id: str,
    request: Request,
    response: Response,
    bus: Bus,
    actor: Staff,
    key: IdempotencyKey,
    body: Empty | None = None,
) -> Any:
    fingerprint = request_fingerprint(request.method, request.url.path, {})
    view = await bus.handle(fc.IssueCertificate(actor=actor, request=Req(key, fingerprint), member_id=member_id))
    response.headers["Location"] = f"/v1/certificates/{view['number']}"
    return view


@router.get(
    "/certificates/{number}",
    response_model=CertificateRead,
    summary="Check a certificate by its number (public): valid, hours, issuer, masked holder",
)
async def check_certificate(number: str, bus: Bus) -> Any:
    return await q.check(bus.uow(), bus.context, number)


PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>志愿服务记录证明 {number}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}}
h1{{text-align:center;letter-spacing:.3em}} table{{width:100%;border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #444;padding:.35em .5em;text-align:left}} td.h{{text-align:right}}
.meta{{display:flex;justify-content:space-between}} .check{{font-size:.85em;color:#444}}
@media print{{.check a{{color:#111;text-decoration:none}}}}
</style></head><body>
<h1>志愿服务记录证明</h1>
<p class="meta"><span>编号：{number}</span><span>出具日期：{issued_on}</span></p>
<p>兹证明 <strong>{holder}</strong> 同志累计参加志愿服务 <strong>{hours}</strong> 小时，具体如下：</p>
<table><thead><tr><th>日期</th><th>服务内容</th><th>时长（小时）</th></tr></thead><tbody>
{rows}
</tbody></table>
<p>出具单位：{issuer}</p>
<p class="check">核验：GET /v1/certificates/{number}（任何人可凭编号核验真伪）</p>
</body></html>
"""


@router.get(
    "/certificates/{number}/page",
    response_class=HTMLResponse,
    summary="The certificate as a printable page (public)",
    responses={200: {"content": {"text/html": {}}}},
)
async def certificate_page(number: str, bus: Bus) -> HTMLResponse:
    view = await q.check(bus.uow(), bus.context, number)
    rows = "\n".join(
        f'<tr><td>{escape(ln["on"])}</td><td>{escape(ln["content"])}</td><td class="h">{escape(ln["hours"])}</td></tr>'
        for ln in view["lines"]
    )
    html = PAGE.format(
        number=escape(view["number"]),
        issued_on=escape(view["issued_on"]),
        holder=escape(view["holder"]),
        hours=escape(view["hours"]),
        issuer=escape(view["issuer"]),
        rows=rows,
    )
    return HTMLResponse(html)


@router.get(
    "/work-units/{name}/summary",
    summary="A work unit's members' hours and tasks in a quarter (staff): CSV or XLSX",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX: {}}}},
)
async def work_unit_summary(
    name: str,
    bus: Bus,
    actor: Staff,
    quarter: Annotated[str, Query(pattern=r"^\d{4}Q[1-4]$", description="e.g. 2026Q3")],
    format: Literal["csv", "xlsx"] = "csv",
    mask: bool = True,
) -> Response:
    summary = await q.summary(bus.uow(), bus.context, actor, name, quarter, mask=mask)
    filename = f"summary-{summary.title}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if format == "xlsx":
        return Response(summary_xlsx(summary), media_type=XLSX, headers=headers)
    return Response(summary_csv(summary), media_type="text/csv; charset=utf-8", headers=headers)
