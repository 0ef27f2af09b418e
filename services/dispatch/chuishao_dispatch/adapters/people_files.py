"""Reading a directory import: the CSV or XLSX a city office keeps (one person a row, one role a row).

The header row names the columns, in English or Chinese (`name`/`姓名`, `phone`/`手机`, `subject`/`账号`,
`wecom_user_id`/`企业微信`, `dingtalk_user_id`/`钉钉`, `role`/`角色`, `grids`/`网格` (several split by
`;` `；` `,` `、` or spaces), `department`/`部门`, `jurisdiction`/`辖区`, `community`/`社区`, `unit`/`单位`,
`active`/`在岗`). Rows are numbered as the spreadsheet shows them: the header is row 1."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from chuishao_dispatch.domain.people import ROLE_SCOPES, FieldError, InvalidPerson

MAX_ROWS = 5000
COLUMNS = {
    "name": "name", "姓名": "name",
    "phone": "phone", "手机": "phone", "手机号": "phone", "电话": "phone",
    "subject": "subject", "账号": "subject", "登录账号": "subject",
    "wecom_user_id": "wecom_user_id", "企业微信": "wecom_user_id", "企业微信账号": "wecom_user_id",
    "dingtalk_user_id": "dingtalk_user_id", "钉钉": "dingtalk_user_id", "钉钉账号": "dingtalk_user_id",
    "role": "role", "角色": "role",
    "grids": "grids", "网格": "grids",
    "department": "department", "部门": "department",
    "jurisdiction": "jurisdiction", "辖区": "jurisdiction",
    "community": "community", "社区": "community",
    "unit": "unit", "单位": "unit",
    "active": "active", "在岗": "active", "启用": "active",
}  # fmt: skip
ROLE_NAMES = {
    "网格员": "grid_worker", "部门联络员": "liaison", "联络员": "liaison", "派遣员": "dispatcher",
    "值班长": "dispatcher", "管理员": "admin", "运维": "ops", "社区工作者": "community_staff",
    "志愿者": "volunteer", "共建单位联系人": "unit_contact",
}  # fmt: skip
_TRUE = {"", "true", "yes", "1", "是", "在岗", "启用", "y"}
_FALSE = {"false", "no", "0", "否", "停用", "离岗", "n"}
_SPLIT = re.compile(r"[;；,，、\s]+")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(file_name: str, content_type: str, data: bytes) -> list[list[str]]:
    is_xlsx = data[:4] == b"PK\x03\x04" or file_name.lower().endswith(".xlsx") or content_type == XLSX_TYPE
    if is_xlsx:
        return _xlsx(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # what Excel on a Chinese Windows saves as "CSV"
        except UnicodeDecodeError as error:
            raise InvalidPerson([FieldError("/file", "not UTF-8 or GB18030 text, nor an XLSX workbook")]) from error
    return [row for row in csv.reader(io.StringIO(text))]


def _xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported on first use: only imports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise InvalidPerson([FieldError("/file", "not a readable XLSX workbook")]) from error
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(
            ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in values]
        )
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def parse_rows(file_name: str, content_type: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(row number, the person's raw fields with a one-role `roles` list) per non-empty row; a file it
    cannot read, an unknown column or an unreadable `active` is a problem naming the file or the cell."""
    cells = _cells(file_name, content_type, data)
    if not cells or not any(c.strip() for c in cells[0]):
        raise InvalidPerson([FieldError("/file", "the first row must name the columns")])
    header: list[str | None] = []
    errors: list[FieldError] = []
    for i, title in enumerate(cells[0]):
        key = title.strip().lstrip("\ufeff")
        column = COLUMNS.get(key) or COLUMNS.get(key.lower())
        if key and column is None:
            errors.append(FieldError(f"/columns/{i + 1}", f"unknown column '{key}'"))
        header.append(column)
    for needed in ("name", "subject", "role"):
        if needed not in header:
            errors.append(FieldError(f"/columns/{needed}", "this column is required"))
    if len(cells) - 1 > MAX_ROWS:
        errors.append(FieldError("/rows", f"at most {MAX_ROWS} rows per import"))
    if errors:
        raise InvalidPerson(errors)
    rows: list[tuple[int, dict[str, Any]]] = []
    for index, values in enumerate(cells[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        cell = {column: values[i].strip() for i, column in enumerate(header) if column and i < len(values)}
        role = cell.get("role", "")
        role = ROLE_NAMES.get(role, role)
        grant: dict[str, Any] = {"role": role}
        scope = ROLE_SCOPES.get(role)
        for name in ("department", "jurisdiction", "community", "unit"):
            if cell.get(name):
                grant[name] = cell[name]
        if cell.get("grids"):
            grant["grids"] = [g for g in _SPLIT.split(cell["grids"]) if g]
        elif scope == "grids":
            grant["grids"] = []
        raw: dict[str, Any] = {
            k: cell.get(k) or None for k in ("name", "phone", "subject", "wecom_user_id", "dingtalk_user_id")
        }
        raw["roles"] = [grant]
        active = cell.get("active", "").lower()
        raw["active"] = True if active in _TRUE else False if active in _FALSE else active
        rows.append((index, raw))
    return rows
