"""The directory's checks and its import parsing: every field named as a JSON pointer, a role never
without its scope, unknown codes refused, rows numbered as the spreadsheet shows them."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from chuishao_dispatch.adapters.people_files import parse_rows
from chuishao_dispatch.domain.people import InvalidPerson, KnownCodes, check_person, merged, unique_clashes

KNOWN = KnownCodes(
    grids=frozenset({"G1", "G2"}),
    departments=frozenset({"D1"}),
    jurisdictions=frozenset({"XY", "XY-WQ"}),
    communities=frozenset({"C1"}),
)


def person(**overrides: object) -> dict:
    return {"name": "王磊", "subject": "wang", "roles": [{"role": "liaison", "department": "D1"}], **overrides}


def fields_of(error: pytest.ExceptionInfo[InvalidPerson]) -> list[str]:
    return [e.field for e in error.value.errors]


def test_a_valid_person_with_several_roles() -> None:
    checked = check_person(
        person(roles=[{"role": "grid_worker", "grids": ["G1", "G2"]}, {"role": "admin"}], phone="13800000000"), KNOWN
    )
    assert [r.as_dict() for r in checked.roles] == [{"role": "grid_worker", "grids": ["G1", "G2"]}, {"role": "admin"}]


@pytest.mark.parametrize(
    ("roles", "field"),
    [
        ([{"role": "liaison"}], "/roles/0/department"),
        ([{"role": "liaison", "department": "NOPE"}], "/roles/0/department"),
        ([{"role": "grid_worker"}], "/roles/0/grids"),
        ([{"role": "grid_worker", "grids": ["G9"]}], "/roles/0/grids"),
        ([{"role": "dispatcher", "jurisdiction": "ZZ"}], "/roles/0/jurisdiction"),
        ([{"role": "volunteer"}], "/roles/0/community"),
        ([{"role": "unit_contact"}], "/roles/0/unit"),
        ([{"role": "admin", "department": "D1"}], "/roles/0/department"),
        ([{"role": "mayor"}], "/roles/0/role"),
        ([], "/roles"),
        ([{"role": "admin"}, {"role": "admin"}], "/roles/1/role"),
    ],
)
def test_a_role_without_its_scope_or_with_an_unknown_code_is_named(roles: list, field: str) -> None:
    with pytest.raises(InvalidPerson) as error:
        check_person(person(roles=roles), KNOWN)
    assert field in fields_of(error)


def test_every_wrong_field_is_reported_at_once() -> None:
    with pytest.raises(InvalidPerson) as error:
        check_person({"name": "", "subject": "", "phone": "call me", "roles": [{"role": "liaison"}]}, KNOWN, "/rows/7")
    assert fields_of(error) == ["/rows/7/name", "/rows/7/subject", "/rows/7/phone", "/rows/7/roles/0/department"]


def test_a_patch_replaces_only_the_fields_it_names() -> None:
    current = {**person(phone="1380000"), "active": True, "wecom_user_id": None, "dingtalk_user_id": None}
    assert merged(current, {"name": "王磊磊"})["roles"] == current["roles"]
    assert merged(current, {"name": "王磊磊"})["name"] == "王磊磊"


def test_two_rows_with_one_subject_clash() -> None:
    a = check_person(person(), KNOWN)
    assert [e.field for e in unique_clashes([("/rows/2", a), ("/rows/3", a)])] == ["/rows/3/subject"]


CSV = (
    "姓名,账号,手机,角色,网格,部门,辖区\n"
    "王磊,wang,13800000000,部门联络员,,D1,\n"
    "\n"
    "李娜,li,,grid_worker,G1；G2,,\n"
    "赵强,zhao,,dispatcher,,,XY\n"
)


def test_csv_rows_keep_their_spreadsheet_numbers_and_chinese_headers() -> None:
    rows = parse_rows("people.csv", "text/csv", CSV.encode("utf-8-sig"))
    assert [n for n, _ in rows] == [2, 4, 5]
    assert rows[0][1]["roles"] == [{"role": "liaison", "department": "D1"}]
    assert rows[1][1]["roles"] == [{"role": "grid_worker", "grids": ["G1", "G2"]}]
    assert rows[0][1]["active"] is True


def test_a_gb18030_csv_from_excel_reads() -> None:
    rows = parse_rows("people.csv", "text/csv", CSV.encode("gb18030"))
    assert rows[0][1]["name"] == "王磊"


def test_xlsx_reads_like_csv() -> None:
    book = Workbook()
    sheet = book.active
    for line in CSV.splitlines():
        sheet.append(line.split(",") if line else [])
    sheet.append(["孙丽", "sun", 13900000000, "admin", None, None, None])
    out = io.BytesIO()
    book.save(out)
    rows = parse_rows("people.xlsx", "application/octet-stream", out.getvalue())
    assert [n for n, _ in rows] == [2, 4, 5, 6]
    assert rows[-1][1]["phone"] == "13900000000"


def test_an_unknown_column_or_missing_required_one_is_named() -> None:
    with pytest.raises(InvalidPerson) as error:
        parse_rows("p.csv", "text/csv", b"name,subject,shoe size\nA,a,42\n")
    assert fields_of(error) == ["/columns/3", "/columns/role"]


def test_garbage_is_not_a_file() -> None:
    with pytest.raises(InvalidPerson) as error:
        parse_rows("p.xlsx", "", b"PK\x03\x04 not really a zip")
    assert fields_of(error) == ["/file"]
