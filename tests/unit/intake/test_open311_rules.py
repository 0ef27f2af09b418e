"""Open311's pure rules: the public masking of free text and `GET requests`' defaults and limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from chuishao_intake.domain.open311 import MASK, QueryError, RequestQuery, mask, open_or_closed

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "电话13800138000",
        "电话 138-0013-8000",
        "电话+86 138 0013 8000",
        "座机0355-5551234",
        "座机 5551234",
        "邮箱li.si+x@mail.example.cn",
        "身份证14040219800101123X",
    ],
)
def test_contact_details_in_free_text_are_masked(text: str) -> None:
    masked = mask(text)
    assert masked.endswith(MASK) and not re.search(r"\d|@", masked), masked


def test_dates_house_numbers_and_the_residents_name() -> None:
    text = "王小明说3号楼2单元502室自2026-11-30起漏水"
    assert mask(text, ("王小明",)) == f"{MASK}说3号楼2单元502室自2026-11-30起漏水"
    assert mask("李 四", ("李 四", "李", "四")) == MASK


def test_finished_cases_are_closed_everything_else_open() -> None:
    assert [open_or_closed(s) for s in (None, "triage", "resolved", "reopened")] == ["open"] * 4
    assert [open_or_closed(s) for s in ("closed", "merged", "cancelled")] == ["closed"] * 3


def test_the_default_range_is_the_last_90_days() -> None:
    query = RequestQuery.parse({}, now=NOW)
    assert (query.start, query.end, query.limit) == (NOW - timedelta(days=90), NOW, 1000)
    only_start = RequestQuery.parse({"start_date": "2026-01-01T00:00:00Z"}, now=NOW)
    assert only_start.end == datetime(2026, 4, 1, tzinfo=UTC)
    only_end = RequestQuery.parse({"end_date": "2026-04-01T08:00:00+08:00"}, now=NOW)
    assert only_end.start == datetime(2026, 1, 1, tzinfo=UTC)


def test_lists_and_ids_override_the_rest() -> None:
    query = RequestQuery.parse({"service_code": "A, B,A", "status": "open,closed"}, now=NOW)
    assert (query.service_codes, query.statuses) == (("A", "B"), ("open", "closed"))
    by_id = RequestQuery.parse({"service_request_id": "x,y", "status": "bogus", "start_date": "nope"}, now=NOW)
    assert by_id.ids == ("x", "y") and by_id.start is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-04-02T00:00:00Z"}, "end_date"),
        ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, "start_date"),
        ({"end_date": "tomorrow"}, "end_date"),
        ({"status": "opened"}, "status"),
    ],
)
def test_refusals_name_the_parameter(params: dict[str, str], field: str) -> None:
    with pytest.raises(QueryError) as refused:
        RequestQuery.parse(params, now=NOW)
    assert refused.value.field == field
