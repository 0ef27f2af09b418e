"""The robots' markdown (WeCom `content`, DingTalk `text`) carries what users typed — an address, a
building, a return or whistle reason — and names from the reference data: none of it may become a
link, an image, a tag (`<font>`, a `<@userid>` mention), an `@all`, code, a heading or a new block
(issue 28, finding 4). Checked with a CommonMark parser (HTML on) over what hypothesis can type."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from chuishao_notify.domain.formats import Names, Target, console_link, md_text, render
from chuishao_notify.domain.notices import Notice

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
DISPATCH = "https://d.example"
LEAD = "XY-WQ-WY-WY"
PHISH = '[点此登记领取补贴](http://evil.example/phish) <font color="warning">紧急</font> <@all>'
PARSER = MarkdownIt("commonmark", {"html": True})
KINDS = {
    "dispatched": lambda v: {"lead": LEAD},
    "whistled": lambda v: {"reason": v},
    "returned": lambda v: {"department": LEAD, "reason": v, "next_lead": "XY-WQ-WY-JWH"},
    "escalated": lambda v: {"level": 1, "grade": "blue", "reason": v, "department": LEAD, "jurisdiction": "XY-WQ-WY"},
    "reopened": lambda v: {"rework_count": v},
    "reminder": lambda v: {"deadline": "resolve", "due_at": (NOW + timedelta(hours=3)).isoformat()},
}


def case(place: dict[str, str]) -> dict[str, Any]:
    return {
        "id": "C-1",
        "status": "dispatched",
        "category": "ENV-STAIRWELL-DIRTY",
        "grid": "XY-WQ-WY-G01",
        "community": "XY-WQ-WY",
        "severity": "minor",
        "resolve_due_at": (NOW + timedelta(hours=24)).isoformat(),
        "place": place,
        "assignments": [
            {
                "department": LEAD,
                "role": "lead",
                "status": "pending",
                "ack_due_at": (NOW + timedelta(hours=1)).isoformat(),
            }
        ],
    }


def names(value: str) -> Names:
    return Names(
        categories={"ENV-STAIRWELL-DIRTY": value},
        jurisdictions={"XY-WQ-WY": value, "XY-WQ-WY-G01": value},
        departments={LEAD: value, "XY-WQ-WY-JWH": value},
    )


def rendered(fmt: str, kind: str, value: str, department: str | None = LEAD) -> str:
    notice = Notice("e-1", kind, NOW, case({"address": value, "building": value, "unit": value}), KINDS[kind](value))
    target = Target(fmt, "https://robot.example/send?key=k", "s" * 16, department=department)
    body = json.loads(render(notice, target, names(value), dispatch_public_url=DISPATCH, now=NOW).body)["markdown"]
    return str(body.get("content") or body.get("text"))


def inline(tokens: list[Token]) -> list[Token]:
    return [child for t in tokens for child in (t.children or [])]


def assert_no_markup_from(value: str, text: str, benign: str) -> None:
    tokens, expected = PARSER.parse(text), PARSER.parse(benign)
    # The blocks are ours alone: the same heading, quote and list items as with a harmless value.
    assert [t.type for t in tokens if t.type != "inline"] == [t.type for t in expected if t.type != "inline"], text
    children = inline(tokens)
    kinds = [c.type for c in children]
    for forbidden in ("image", "html_inline", "code_inline", "em_open"):
        assert forbidden not in kinds, (forbidden, text)
    assert not any(t.type in ("html_block", "code_block", "fence") for t in tokens), text
    assert [c.attrs.get("href") for c in children if c.type == "link_open"] == [console_link(DISPATCH, "C-1")], text
    assert kinds.count("strong_open") == [c.type for c in inline(expected)].count("strong_open"), text
    link = console_link(DISPATCH, "C-1")
    rest = text.replace(f"({link})", "")
    assert "<" not in rest and "@" not in rest and "://" not in rest and "www." not in rest.lower(), text


TYPED = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60) | st.sampled_from(
    [
        PHISH,
        "![x](http://evil/x.png)",
        "<@all> @all @所有人",
        "# 标题\n## 二级",
        "\n\n- 列表\n1. 编号\n> 引用",
        "`code` **粗** *斜* _下_ ~~删~~",
        "&lt;font&gt; &#60;b&#62;",
        "<http://evil.example> www.evil.example",
        "\u2028# after a line separator\u0085- after NEL",
        "\u202e反转\u200b零宽",
        "    indented code",
        "---",
        "1) 第一",
        "[a]: http://evil.example/ref\n[a]",
        "\\[not escaped\\](x)",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=TYPED.filter(lambda v: md_text(v) != ""),
    fmt=st.sampled_from(["wecom", "dingtalk"]),
    kind=st.sampled_from(list(KINDS)),
)
def test_no_typed_value_becomes_a_link_a_tag_a_mention_or_a_block(value: str, fmt: str, kind: str) -> None:
    assert_no_markup_from(value, rendered(fmt, kind, value), rendered(fmt, kind, "甲"))


def test_the_reviewed_address_reads_as_text() -> None:
    text = rendered("wecom", "dispatched", PHISH)
    assert (
        '> ［点此登记领取补贴］（http：//evil.example/phish） ＜font color="warning"＞紧急＜/font＞ ＜＠all＞' in text
    )
    assert "evil.example/phish)" not in text and "<font" not in text and "<@all>" not in text


def test_plain_chinese_is_left_as_it_is() -> None:
    assert md_text("3号楼2单元-101室 楼道堆放杂物（纸箱、旧家具）") == "3号楼2单元-101室 楼道堆放杂物（纸箱、旧家具）"
    assert md_text(12) == "12"


def test_a_value_cannot_start_a_new_line_or_block() -> None:
    assert md_text("一\n# 二\r\n- 三\u2028四") == "一 ＃ 二 - 三 四"
    assert md_text("- 列表") == "－ 列表" and md_text("1. 编号") == "1． 编号" and md_text("+ 加") == "＋ 加"
    assert md_text("  \t    缩进代码") == "缩进代码"


def test_long_values_are_cut_to_the_field_limit() -> None:
    assert md_text("长" * 1000, limit=10) == "长" * 9 + "…"
