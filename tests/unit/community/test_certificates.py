"""志愿服务记录证明: the checkable number, masking, the certificate, the quarterly summary (CSV, XLSX)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuishao_community.domain.certificates import (
    ALPHABET,
    Certificate,
    CertificateError,
    CertificateLine,
    InvalidCertificateNumber,
    InvalidSummaryRequest,
    LedgerItem,
    check_character,
    issue_number,
    mask_name,
    parse_number,
    quarter_bounds,
    quarter_of,
    quarterly_summary,
    summary_csv,
    summary_xlsx,
    verify_number,
)

KEY = b"certificate-key-" * 2
NUMBER = issue_number("TN-CS-FQXC", 2025, 123, KEY)

communities = st.from_regex(r"[A-Z0-9]{1,4}(-[A-Z0-9]{1,4}){0,3}", fullmatch=True)
sequences = st.integers(min_value=1, max_value=999_999)
years = st.integers(min_value=2000, max_value=2099)


# ------------------------------------------------------------------------------------- the number


def test_the_number_reads_community_year_sequence_tag_and_check() -> None:
    assert re.fullmatch(r"TN-CS-FQXC-2025-000123-[0-9A-Z]{5}", NUMBER)
    number = verify_number(NUMBER, KEY)
    assert (number.community, number.year, number.sequence, str(number)) == ("TN-CS-FQXC", 2025, 123, NUMBER)


def test_the_number_is_read_case_insensitively_and_trimmed() -> None:
    assert str(verify_number(f"  {NUMBER.lower()} ", KEY)) == NUMBER


def test_the_same_inputs_give_the_same_number_and_another_key_another() -> None:
    assert issue_number("TN-CS-FQXC", 2025, 123, KEY) == NUMBER
    assert issue_number("TN-CS-FQXC", 2025, 123, b"other") != NUMBER


@given(communities, years, sequences)
def test_every_issued_number_passes_both_checks(community: str, year: int, sequence: int) -> None:
    number = issue_number(community, year, sequence, KEY)
    assert number[-1] in ALPHABET  # never the 37th value
    assert str(verify_number(number, KEY)) == number


@given(communities, years, sequences, st.data())
def test_any_single_character_changed_fails_the_keyless_check(
    community: str, year: int, sequence: int, data: st.DataObject
) -> None:
    number = issue_number(community, year, sequence, KEY)
    i = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    other = data.draw(st.sampled_from(ALPHABET + "-").filter(lambda c: c != number[i]))
    with pytest.raises(InvalidCertificateNumber) as exc:
        parse_number(number[:i] + other + number[i + 1 :])
    assert exc.value.field == "number"
    assert exc.value.code in {"malformed", "check_failed"}


@given(communities, years, sequences, st.data())
def test_any_swap_of_two_adjacent_characters_fails_the_keyless_check(
    community: str, year: int, sequence: int, data: st.DataObject
) -> None:
    number = issue_number(community, year, sequence, KEY)
    i = data.draw(st.integers(min_value=0, max_value=len(number) - 2))
    if number[i] == number[i + 1]:
        return
    swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    with pytest.raises(InvalidCertificateNumber):
        parse_number(swapped)


def test_an_invented_number_with_a_right_check_character_is_unknown_to_the_service() -> None:
    body = "TN-CS-FQXC-2025-000124-AAAA"
    check = check_character(body)
    assert check is not None, "the body is chosen so its check is a character, not the 37th value"
    invented = body + check
    assert parse_number(invented)  # passes the public check…
    with pytest.raises(InvalidCertificateNumber) as exc:
        verify_number(invented, KEY)  # …but not the service's
    assert exc.value.code == "unknown"
    with pytest.raises(InvalidCertificateNumber):
        verify_number(NUMBER, b"")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "TN-CS-FQXC-2025-123-ABCDE",
        "TN-CS-FQXC-25-000123-ABCDE",
        "2025-000123-ABCDE",
        "TN_CS-2025-000123-ABCDE",
    ],
)
def test_a_malformed_number_is_refused(text: str) -> None:
    with pytest.raises(InvalidCertificateNumber) as exc:
        parse_number(text)
    assert (exc.value.field, exc.value.code) == ("number", "malformed")


def test_a_non_string_is_malformed() -> None:
    with pytest.raises(InvalidCertificateNumber):
        parse_number(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("tn-cs", 2025, 1, KEY), "community"),
        (("TN--CS", 2025, 1, KEY), "community"),
        (("TN", 999, 1, KEY), "year"),
        (("TN", 2025, 0, KEY), "sequence"),
        (("TN", 2025, 1_000_000, KEY), "sequence"),
        (("TN", 2025, 1, b""), "key"),
    ],
)
def test_issuing_refuses_bad_parts(args: tuple[str, int, int, bytes], field: str) -> None:
    with pytest.raises(CertificateError) as exc:
        issue_number(*args)
    assert exc.value.field == field


# ------------------------------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三明", "张*明"), ("欧阳小明", "欧**明"), ("李四", "李*"), ("王", "*"), ("", "*"), (" 张三明 ", "张*明")],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@given(st.text(min_size=3, max_size=12).filter(lambda s: s.strip() == s and len(s) >= 3))
def test_a_masked_name_keeps_only_the_first_and_last_characters(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[0] == name[0] and masked[-1] == name[-1]
    assert set(masked[1:-1]) == {"*"}


# ------------------------------------------------------------------------------------- certificate

LINES = [
    CertificateLine(date(2025, 5, 1), "楼道清扫", Decimal("2.00")),
    CertificateLine(date(2025, 4, 3), "独居老人探访", Decimal("1.50")),
]


def test_a_certificate_masks_the_holder_and_totals_the_hours() -> None:
    cert = Certificate.issue(
        number=NUMBER, name="张三明", lines=LINES, issuer="富强新村社区居委会", issued_on=date(2025, 7, 1)
    )
    assert (cert.holder, cert.hours, cert.issuer) == ("张*明", Decimal("3.50"), "富强新村社区居委会")
    assert [line.on for line in cert.lines] == [date(2025, 4, 3), date(2025, 5, 1)]
    view = cert.public_view()
    assert view == {
        "number": NUMBER,
        "valid": True,
        "holder": "张*明",
        "hours": "3.50",
        "issuer": "富强新村社区居委会",
        "issued_on": "2025-07-01",
    }
    text = cert.text()
    assert NUMBER in text and "张*明" in text and "张三明" not in text and "3.50" in text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": " "}, "name"),
        ({"issuer": ""}, "issuer"),
        ({"number": "bad"}, "number"),
        ({"lines": [CertificateLine(date(2025, 1, 1), " ", Decimal(1))]}, "lines[0].content"),
        ({"lines": [CertificateLine(date(2025, 1, 1), "x", Decimal(-1))]}, "lines[0].hours"),
    ],
)
def test_a_certificate_refuses_missing_parts(overrides: dict[str, object], field: str) -> None:
    args: dict[str, object] = {
        "number": NUMBER,
        "name": "张三明",
        "lines": LINES,
        "issuer": "社区",
        "issued_on": date(2025, 7, 1),
    }
    args.update(overrides)
    with pytest.raises(CertificateError) as exc:
        Certificate.issue(**args)  # type: ignore[arg-type]
    assert exc.value.field == field


# ------------------------------------------------------------------------------------- the summary


@pytest.mark.parametrize(
    ("day", "quarter"), [(date(2025, 1, 1), (2025, 1)), (date(2025, 3, 31), (2025, 1)), (date(2025, 12, 31), (2025, 4))]
)
def test_quarter_of(day: date, quarter: tuple[int, int]) -> None:
    assert quarter_of(day) == quarter


def test_quarter_bounds() -> None:
    assert quarter_bounds(2025, 2) == (date(2025, 4, 1), date(2025, 7, 1))
    assert quarter_bounds(2025, 4) == (date(2025, 10, 1), date(2026, 1, 1))
    with pytest.raises(InvalidSummaryRequest):
        quarter_bounds(2025, 5)


ITEMS = [
    LedgerItem("m1", "张三明", "市税务局", Decimal("2.00"), "楼道清扫", date(2025, 4, 5)),
    LedgerItem("m1", "张三明", "市税务局", Decimal("1.50"), "独居老人探访", date(2025, 5, 5)),
    LedgerItem("m1", "张三明", "市税务局", Decimal("1.00"), "楼道清扫", date(2025, 6, 30)),
    LedgerItem("m2", "李四", "市税务局", Decimal("6.25"), '=HYPERLINK("x")', date(2025, 4, 9)),
    LedgerItem("m3", "王五", "市税务局", Decimal("9.00"), "巡逻", date(2025, 7, 1)),  # next quarter
    LedgerItem("m4", "赵六", "区教育局", Decimal("3.00"), "巡逻", date(2025, 4, 1)),  # another unit
]


def test_the_summary_lists_the_units_members_in_the_quarter_by_hours() -> None:
    summary = quarterly_summary("市税务局", 2025, 2, ITEMS)
    assert [(r.member, r.name, r.hours, r.tasks) for r in summary.rows] == [
        ("m2", "李*", Decimal("6.25"), ('=HYPERLINK("x")',)),
        ("m1", "张*明", Decimal("4.50"), ("楼道清扫", "独居老人探访")),
    ]
    assert summary.total_hours == Decimal("10.75")
    assert quarterly_summary("市税务局", 2025, 2, ITEMS, mask=False).rows[1].name == "张三明"


def test_an_empty_summary_and_a_missing_unit() -> None:
    assert quarterly_summary("无此单位", 2025, 2, ITEMS).rows == ()
    with pytest.raises(InvalidSummaryRequest) as exc:
        quarterly_summary(" ", 2025, 2, ITEMS)
    assert exc.value.field == "work_unit"


def test_the_csv_has_a_bom_a_header_rows_a_total_and_no_formula() -> None:
    data = summary_csv(quarterly_summary("市税务局", 2025, 2, ITEMS))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1].startswith("姓名")
    assert rows[1] == ["1", "李*", "6.25", "1", '\'=HYPERLINK("x")']
    assert rows[2] == ["2", "张*明", "4.50", "2", "楼道清扫；独居老人探访"]
    assert rows[3][0].startswith("合计") and rows[3][2] == "10.75"


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_xlsx(data: bytes) -> list[list[str]]:
    """Read the sheet back the way a spreadsheet does: through the package's relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:  # every part is well-formed XML
            ElementTree.fromstring(archive.read(name))
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName"): o.get("ContentType") for o in types}
        assert overrides["/xl/workbook.xml"].endswith("sheet.main+xml")
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        assert [r.get("Target") for r in rels] == ["xl/workbook.xml"]
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        assert workbook.find("m:sheets/m:sheet", NS).get("name") == "2025Q2"  # type: ignore[union-attr]
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in sheet.iterfind("m:sheetData/m:row", NS):
        cells = []
        for c in row:
            if c.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in c.iterfind(".//m:t", NS)))
            else:
                cells.append(c.find("m:v", NS).text or "")  # type: ignore[union-attr]
        table.append(cells)
    return table


def test_the_xlsx_is_a_valid_workbook_with_the_same_table() -> None:
    summary = quarterly_summary("市税务局", 2025, 2, ITEMS)
    data = summary_xlsx(summary)
    table = read_xlsx(data)
    assert table[1] == ["1", "李*", "6.25", "1", '=HYPERLINK("x")']  # inline text: never a formula
    assert table[2] == ["2", "张*明", "4.50", "2", "楼道清扫；独居老人探访"]
    assert table[3][2] == "10.75"
    assert summary_xlsx(summary) == data  # reproducible


def test_the_xlsx_survives_awkward_text() -> None:
    items = [LedgerItem("m1", "<A&B>", "U", Decimal(1), " \x01tab\tand <tag> ", date(2025, 4, 1))]
    table = read_xlsx(summary_xlsx(quarterly_summary("U", 2025, 2, items, mask=False)))
    assert table[1][1] == "<A&B>"
    assert table[1][4] == " tab\tand <tag> "
