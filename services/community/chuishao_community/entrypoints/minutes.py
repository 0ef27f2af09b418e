# ruff: noqa: E501  (the page template's lines are HTML)
"""The printable minutes of a meeting (会议纪要): one HTML page, no script, no outside fetch, printed from
the browser (A4). Staff only: it names the attendees."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from chuishao_community.domain.topics import PARTIES, Topic
from chuishao_shared.times import utc_iso

PARTY_NAMES = {
    "committee": "社区两委 Committees",
    "party_member": "党员代表 Party members",
    "resident": "居民代表 Residents",
    "stakeholder": "利益相关方 Stakeholders",
}

_TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>会议纪要 · {{ topic.title }}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;max-width:46rem;margin:2rem auto;line-height:1.6;color:#111}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
.missing{color:#b00020;font-weight:bold}.meta{color:#444}
@media print{body{margin:0;max-width:none}@page{size:A4;margin:18mm}}
</style></head><body>
<h1>议事会议纪要 · Minutes</h1>
<p class="meta">议题 Topic: <strong>{{ topic.title }}</strong><br>
议定问题 Question: {{ topic.question }}<br>
时间 Time: {{ at }} · 地点 Place: {{ meeting.place }}<br>
社区 Community: {{ topic.community }} · 编号 No.: {{ meeting.id }}</p>
<h2>出席 Attendance</h2>
<table><tr><th>四方 Party</th><th>出席人员 Present</th></tr>
{% for party in parties %}<tr><td>{{ party_names[party] }}</td><td>
{% set people = attendance[party] %}{% if people %}{{ people | join("、") }}{% else %}<span class="missing">缺席 absent</span>{% endif %}
</td></tr>{% endfor %}</table>
<p>{% if meeting.quorate %}四方均到场，会议有效。Quorate: every party present.{% else %}<span class="missing">四方未到齐（缺：{{ missing }}），本次会议不作决定。Not quorate.</span>{% endif %}</p>
<h2>议程 Agenda</h2><ol>{% for item in meeting.agenda %}<li>{{ item }}</li>{% endfor %}</ol>
{% if meeting.options %}<h2>表决 Votes</h2><table><tr><th>议程 Item</th><th>方案 Option</th><th>票数 Votes</th></tr>
{% for o in meeting.options %}<tr><td>{{ o.item or "" }}</td><td>{{ o.option }}</td><td>{{ o.votes }}</td></tr>{% endfor %}</table>{% endif %}
<h2>决定 Decisions</h2>
{% if decisions %}<table><tr><th>事项 Item</th><th>决定 Decision</th><th>责任人 Owner</th><th>完成时限 Due</th><th>评审日期 Review</th><th>不同意见 Dissent</th></tr>
{% for d in decisions %}<tr><td>{{ d.item }}</td><td>{{ d.decision }}</td><td>{{ d.owner }}</td><td>{{ d.due }}</td><td>{{ d.review_at or "" }}</td><td>{{ d.dissent or "无" }}</td></tr>{% endfor %}
</table>{% else %}<p>无 None.</p>{% endif %}
<p class="meta">记录人 Secretary: {{ meeting.recorded_by }}　　签字 Signatures: ____________________</p>
</body></html>"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_page = _env.from_string(_TEMPLATE)


def render_minutes(topic: Topic, meeting_id: str) -> str:
    meeting = topic.meeting(meeting_id)
    assert meeting is not None
    attendance = {party: [p.name or p.person for p in meeting.attendance if p.party == party] for party in PARTIES}
    decisions = [
        {
            "item": d.item,
            "decision": d.decision,
            "owner": d.owner,
            "due": utc_iso(d.due),
            "review_at": utc_iso(d.review_at) if d.review_at else None,
            "dissent": d.dissent,
        }
        for d in topic.decisions
        if d.meeting_id == meeting_id
    ]
    return _page.render(
        topic=topic,
        meeting=meeting,
        at=utc_iso(meeting.at),
        parties=PARTIES,
        party_names=PARTY_NAMES,
        attendance=attendance,
        missing="、".join(PARTY_NAMES[p] for p in meeting.missing),
        decisions=decisions,
    )
