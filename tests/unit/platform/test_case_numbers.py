"""The short number's format (issue 27 item 3): community short name, month-day in Asia/Shanghai, count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from chuishao_shared import case_numbers as n
from chuishao_shared.reference import load_reference


def test_short_names_of_every_community_in_the_reference_data() -> None:
    names = {c.code: n.short_name(c.name) for c in load_reference().communities()}
    assert names["XY-WQ-WY"] == "五阳"
    assert names["TN-CS-FQXC"] == "富强新村"
    assert all(name and not name.endswith("社区") for name in names.values())
    assert n.short_name("社区") == "社区"  # nothing would be left: the name stays
    assert n.short_name("花园村村民委员会") == "花园村"


def test_the_day_is_shanghai_s_not_utc_s() -> None:
    # 2026-12-04 16:30 UTC is already 12-05 00:30 in Shanghai.
    late = datetime(2026, 12, 4, 16, 30, tzinfo=UTC)
    assert n.prefix("五阳社区", late) == "五阳-1205-"
    assert n.prefix("五阳社区", late - timedelta(hours=1)) == "五阳-1204-"
    assert n.local_day(datetime(2026, 12, 5, 0, 30, tzinfo=timezone(timedelta(hours=8)))).isoformat() == "2026-12-05"
    with pytest.raises(ValueError):
        n.local_day(datetime(2026, 12, 5))


def test_sequence_is_zero_padded_and_never_cut() -> None:
    assert n.format_number("五阳-1205-", 12) == "五阳-1205-0012"
    assert n.format_number("五阳-1205-", 1) == "五阳-1205-0001"
    assert n.format_number("五阳-1205-", 9999) == "五阳-1205-9999"
    assert n.format_number("五阳-1205-", 10000) == "五阳-1205-10000"
    numbers = [n.format_number("五阳-1205-", i) for i in range(1, 101)]
    assert len(set(numbers)) == 100 and sorted(numbers) == numbers
    with pytest.raises(ValueError):
        n.format_number("五阳-1205-", 0)


def test_typed_numbers_are_recognised_and_normalised() -> None:
    assert n.looks_like_number("五阳-1205-0012")
    assert n.normalise(" 五阳 － 1205—0012 ") == "五阳-1205-0012"
    assert n.looks_like_number("五阳－1205－0012")
    assert not n.looks_like_number("楼道堆放杂物")
    assert not n.looks_like_number("五阳-125-0012")
    expected = "(:p || lpad(CAST(last AS text), greatest(4, length(CAST(last AS text))), '0'))"
    assert n.sql_number(":p", "last") == expected
