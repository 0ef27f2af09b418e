"""The console's reference data screen, /console/reference (PRODUCT.md §9, issue 24 item 4): an admin writes a
change set (SLA times, holidays and 调休 days, a rule's departments, a category's names or a new 小类), sees its
validation errors per field, its diff and its dry run, and approves it; versions can be restored. Signed in
like the console (the session cookie, or the token in this tab's session storage); it talks only to the
public API (/v1/reference/...)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuishao_dispatch import console_words
from chuishao_dispatch.entrypoints.console import STATIC_PREFIX, TEMPLATES
from chuishao_shared.headers import content_security_policy

page = APIRouter(include_in_schema=False)

WORDS: dict[str, tuple[str, str]] = {
    "title": ("参考数据变更", "Reference data changes"),
    "subtitle": ("时限 · 节假日与调休 · 派单规则 · 类别", "SLA · holidays and 调休 · routing rules · categories"),
    "back": ("返回人员名录", "Back to the directory"),
    "switch": ("English", "中文"),
    "sign_in": ("请先从工作台登录（管理员）。", "Sign in from the console first (admin)."),
    "admin_only": ("仅管理员可变更参考数据。", "Only an admin changes reference data."),
    "in_force": ("现行版本", "In force"),
    "version": ("版本", "Version"),
    "versions": ("版本记录", "Versions"),
    "changesets": ("变更集", "Change sets"),
    "new_changeset": ("新建变更集", "New change set"),
    "restore": ("恢复此版本", "Restore this version"),
    "restore_reason": ("恢复理由", "Why restore"),
    "pending": ("待生效", "pending"),
    "sla": ("时限（分钟）", "SLA (minutes)"),
    "policy": ("时限策略", "Policy"),
    "ack": ("响应", "Acknowledge"),
    "resolve": ("办结", "Resolve"),
    "minor": ("一般", "Minor"),
    "major": ("较重", "Major"),
    "emergency": ("紧急", "Emergency"),
    "calendar": ("节假日与调休", "Holidays and make-up working days (调休)"),
    "holiday": ("放假", "Holiday"),
    "makeup": ("调休上班", "Make-up working day"),
    "add_day": ("添加日期", "Add the day"),
    "remove": ("移除", "Remove"),
    "no_days": ("没有本地调整（以国务院通知数据为准）", "No local adjustments (the State Council's data applies)"),
    "rules": ("派单规则", "Routing rules"),
    "rule": ("规则", "Rule"),
    "lead": ("牵头部门", "Lead department"),
    "assist": ("协办部门", "Assisting departments"),
    "assist_help": ("部门代码，以逗号分隔", "Department codes, comma-separated"),
    "categories": ("类别", "Categories"),
    "category": ("小类", "Sub-category"),
    "major_cat": ("大类", "Major category"),
    "name": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "add_category": ("新增小类", "Add a sub-category"),
    "code": ("代码", "Code"),
    "kind": ("类型", "Kind"),
    "kind_event": ("事件", "Event"),
    "kind_asset": ("部件", "Asset"),
    "severity": ("默认严重程度", "Default severity"),
    "community_forces": ("社区力量（点单响应）", "Community forces (点单响应)"),
    "none": ("无", "None"),
    "reason": ("变更理由（必填，记入审计）", "Why (required, kept in the audit)"),
    "why": ("理由", "Why"),
    "against": ("基于现行版本 {v}", "against version {v}, in force"),
    "propose": ("提交变更集", "Propose the change set"),
    "refused": ("变更集未通过校验，未保存：", "The change set was refused, nothing stored:"),
    "review": ("审阅", "Review"),
    "author": ("提交人", "Author"),
    "status": ("状态", "Status"),
    "status_proposed": ("待审批", "Proposed"),
    "status_approved": ("已批准", "Approved"),
    "status_withdrawn": ("已撤回", "Withdrawn"),
    "stale": ("此变更集基于旧版本，请重新编写。", "Written against an older version: write it again."),
    "diff": ("差异（对比现行版本）", "Diff against the version in force"),
    "document": ("文件", "Document"),
    "entry": ("条目", "Entry"),
    "change": ("变化", "Change"),
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "changed": ("修改", "changed"),
    "dry_run": ("试运行", "Dry run"),
    "days": ("回放天数", "Days to replay"),
    "run": ("试运行", "Run"),
    "running": ("试运行中…", "Running…"),
    "dry_cases": ("回放 {n} 件事项，{m} 件改变部门或牵头", "{n} cases replayed, {m} change department or lead"),
    "department": ("部门", "Department"),
    "cases": ("事项（现行→拟议）", "Cases (now → proposed)"),
    "gained": ("增加", "Gained"),
    "lost": ("减少", "Lost"),
    "response_rate": ("响应率", "Acknowledged in time"),
    "on_time_rate": ("按时办结率", "Resolved in time"),
    "totals": ("全部", "All"),
    "triage": ("派遣员分拨", "Dispatcher's triage"),
    "effective_at": ("生效时间（留空即刻生效）", "Effective at (empty: now)"),
    "approve": ("批准", "Approve"),
    "approved": ("已批准为版本 {v}", "Approved as version {v}"),
    "withdraw": ("撤回", "Withdraw"),
    "withdraw_reason": ("撤回理由", "Why withdraw"),
    "export": ("导出 YAML", "Export YAML"),
    "loading": ("加载中…", "Loading…"),
    "nothing": ("暂无", "None yet"),
}


@page.get("/console/reference", response_class=HTMLResponse)
async def reference_page(request: Request, lang: str | None = None) -> HTMLResponse:
    lang = console_words.pick_lang(lang)
    en = lang == "en"
    t = {key: words[1 if en else 0] for key, words in WORDS.items()}
    config = {"lang": lang, "words": t, "switch_lang": "zh" if en else "en"}
    return TEMPLATES.TemplateResponse(
        request,
        "reference.html",
        {"lang": lang, "t": t, "config": config, "static": STATIC_PREFIX},
        headers={"Cache-Control": "no-store", "Content-Security-Policy": content_security_policy()},
    )
