"""志愿服务记录证明 — a member's certificate of volunteer service, and the quarterly summary per work unit.

Pure: standard library only. The signing key comes from the composition root.

**The certificate number** is `<community>-<year>-<sequence>-<tag><check>`, e.g.
`TN-CS-FQXC-2025-000123-7KQ4X`:

- `community`: the community code from the reference data (upper-case letters, digits, `-`);
- `year`: the year of issue, 4 digits; `sequence`: 6 digits, the community's count that year;
- `tag`: 4 characters of `0-9A-Z` taken from HMAC-SHA256(key, community-year-sequence). Only the
  key holder (the service) can make one: an *invented* number passes with odds of 1 in 36⁴ (≈ 1.7 M),
  and the service rejects it before any database lookup;
- `check`: one character, ISO/IEC 7064 MOD 37-2 (pure system, radix 2) over every character before
  it, with `-` given the value 36 (the 37th symbol, the place of ISO's `*`). Anyone can compute it
  without the key or the database: it catches *every* single mistyped character (a letter, a digit
  or a separator) and every swap of two adjacent characters. The tag is chosen (the first of
  HMAC(key, body ‖ counter), counter = 0, 1, …) so that the check is never the value 36: the check
  character is always one of `0-9A-Z`.

Numbers are read case-insensitively (`tn-cs-…` is the same number) with surrounding spaces ignored.

**Masking** (`mask_name`): the first and last characters stay, the ones between become `*`
(张三明 → 张*明, 欧阳小明 → 欧**明); two characters keep the first (李四 → 李*); one becomes `*`.

**The quarterly summary** per work unit (在职单位) lists each member's hours and tasks in the quarter
(rows by hours, most first), with a total row; names are masked unless the caller says otherwise.
CSV is UTF-8 with a BOM (so Excel reads the Chinese), cells that a spreadsheet would take for a
formula are prefixed with `'`. XLSX is a minimal Office Open XML workbook written with `zipfile`
(openpyxl is not a dependency): one sheet, inline strings, numeric hours.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

__all__ = [
    "ALPHABET",
    "Certificate",
    "CertificateError",
    "CertificateLine",
    "CertificateNumber",
    "InvalidCertificateNumber",
    "InvalidSummaryRequest",
    "LedgerItem",
    "SummaryRow",
    "WorkUnitSummary",
    "check_character",
    "issue_number",
    "mask_name",
    "parse_number",
    "quarter_bounds",
    "quarter_of",
    "quarterly_summary",
    "summary_csv",
    "summary_xlsx",
    "verify_number",
]

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUES = {c: i for i, c in enumerate(ALPHABET)} | {"-": 36}
_MODULUS = 37
_TAG_LENGTH = 4
_COMMUNITY = r"[A-Z0-9]+(?:-[A-Z0-9]+)*"
_NUMBER = re.compile(
    rf"^(?P<community>{_COMMUNITY})-(?P<year>\d{{4}})-(?P<seq>\d{{6}})-(?P<tag>[0-9A-Z]{{4}})(?P<check>[0-9A-Z])$"
)


# ------------------------------------------------------------------------------------------ errors


class CertificateError(Exception):
    """A refusal; `field` names the input at fault, `code` the reason."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.message = message


class InvalidCertificateNumber(CertificateError):
    """`malformed` (not the format), `check_failed` (a mistyped character), `unknown` (not issued here)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__("number", code, message)


class InvalidSummaryRequest(CertificateError):
    pass


# ------------------------------------------------------------------------------------------ number


def _mod37_2(text: str) -> int:
    """ISO/IEC 7064 pure system MOD 37-2: the value of the check character for `text`."""
    p = 0
    for ch in text:
        p = ((p + _VALUES[ch]) * 2) % _MODULUS
    return (_MODULUS + 1 - p) % _MODULUS


def check_character(text: str) -> str | None:
    """The check character for `text` (upper case, `0-9A-Z-`), or None when it would be the 37th value."""
    value = _mod37_2(text.upper())
    return ALPHABET[value] if value < 36 else None


def _tag(key: bytes, body: str) -> str:
    for counter in range(1000):  # ~1 in 37 tries is rejected: 1000 never runs out in practice
        digest = hmac.new(key, f"chuishao.certificate\x00{body}\x00{counter}".encode(), hashlib.sha256).digest()
        n = int.from_bytes(digest, "big")
        tag = ""
        for _ in range(_TAG_LENGTH):
            n, r = divmod(n, 36)
            tag += ALPHABET[r]
        if check_character(f"{body}-{tag}") is not None:
            return tag
    raise RuntimeError("no tag found")  # pragma: no cover


@dataclass(frozen=True)
class CertificateNumber:
    community: str
    year: int
    sequence: int
    tag: str
    check: str

    @property
    def body(self) -> str:
        return f"{self.community}-{self.year:04d}-{self.sequence:06d}"

    def __str__(self) -> str:
        return f"{self.body}-{self.tag}{self.check}"


def issue_number(community: str, year: int, sequence: int, key: bytes) -> str:
    if not isinstance(community, str) or not re.fullmatch(_COMMUNITY, community):
        raise CertificateError("community", "malformed", "a community code: A-Z, 0-9 and '-'")
    if not 1000 <= year <= 9999:
        raise CertificateError("year", "out_of_range", "a four-digit year")
    if not 1 <= sequence <= 999_999:
        raise CertificateError("sequence", "out_of_range", "from 1 to 999999")
    if not key:
        raise CertificateError("key", "required", "a signing key is required")
    body = f"{community}-{year:04d}-{sequence:06d}"
    tag = _tag(key, body)
    check = check_character(f"{body}-{tag}")
    assert check is not None
    return f"{body}-{tag}{check}"


def parse_number(text: str) -> CertificateNumber:
    """The keyless check anyone can run: the format, then the check character."""
    normal = text.strip().upper() if isinstance(text, str) else ""
    match = _NUMBER.match(normal)
    if match is None:
        raise InvalidCertificateNumber("malformed", "not a certificate number")
    if check_character(normal[:-1]) != match["check"]:
        raise InvalidCertificateNumber("check_failed", "the number is mistyped: its check character does not match")
    return CertificateNumber(
        community=match["community"],
        year=int(match["year"]),
        sequence=int(match["seq"]),
        tag=match["tag"],
        check=match["check"],
    )


def verify_number(text: str, key: bytes) -> CertificateNumber:
    """The service's check before any lookup: `parse_number`, then the tag only the key can make."""
    number = parse_number(text)
    if not key or not hmac.compare_digest(_tag(key, number.body), number.tag):
        raise InvalidCertificateNumber("unknown", "no certificate was issued with this number")
    return number


# ------------------------------------------------------------------------------------- the certificate


def mask_name(name: str) -> str:
    chars = list((name or "").strip())
    if len(chars) <= 1:
        return "*"
    if len(chars) == 2:
        return chars[0] + "*"
    return chars[0] + "*" * (len(chars) - 2) + chars[-1]


@dataclass(frozen=True)
class CertificateLine:
    """One content line: what was done, when, for how many hours."""

    on: date
    content: str
    hours: Decimal


@dataclass(frozen=True)
class Certificate:
    number: str
    holder: str  # masked
    hours: Decimal
    lines: tuple[CertificateLine, ...]
    issuer: str
    issued_on: date

    @classmethod
    def issue(
        cls, *, number: str, name: str, lines: Sequence[CertificateLine], issuer: str, issued_on: date
    ) -> Certificate:
        parse_number(number)
        if not isinstance(name, str) or not name.strip():
            raise CertificateError("name", "required", "the holder's name is required")
        if not isinstance(issuer, str) or not issuer.strip():
            raise CertificateError("issuer", "required", "the issuer is required")
        for i, line in enumerate(lines):
            if not line.content.strip():
                raise CertificateError(f"lines[{i}].content", "required", "must not be empty")
            if line.hours < 0:
                raise CertificateError(f"lines[{i}].hours", "out_of_range", "must not be negative")
        total = sum((line.hours for line in lines), Decimal("0")).quantize(Decimal("0.01"))
        ordered = tuple(sorted(lines, key=lambda line: line.on))
        return cls(number.strip().upper(), mask_name(name), total, ordered, issuer.strip(), issued_on)

    def public_view(self) -> dict[str, object]:
        """What `GET /v1/certificates/{number}` shows anyone: no unmasked identity."""
        return {
            "number": self.number,
            "valid": True,
            "holder": self.holder,
            "hours": str(self.hours),
            "issuer": self.issuer,
            "issued_on": self.issued_on.isoformat(),
        }

    def text(self) -> str:
        """The printable body (the page template lays it out; this is the content, in order)."""
        out = [
            "志愿服务记录证明",
            f"编号：{self.number}",
            f"兹证明 {self.holder} 同志累计参加志愿服务 {self.hours} 小时，具体如下：",
        ]
        out += [f"{line.on.isoformat()}  {line.content}  {line.hours} 小时" for line in self.lines]
        out += [f"出具单位：{self.issuer}", f"出具日期：{self.issued_on.isoformat()}"]
        return "\n".join(out)


# ------------------------------------------------------------------------------------- quarterly summary


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first day of the quarter and the first day after it."""
    if quarter not in (1, 2, 3, 4):
        raise InvalidSummaryRequest("quarter", "out_of_range", "1 to 4")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


@dataclass(frozen=True)
class LedgerItem:
    """One hours-ledger entry as the summary needs it (the service layer joins member and task)."""

    member: str
    name: str
    work_unit: str
    hours: Decimal
    task: str
    on: date


@dataclass(frozen=True)
class SummaryRow:
    member: str
    name: str
    hours: Decimal
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class WorkUnitSummary:
    work_unit: str
    year: int
    quarter: int
    rows: tuple[SummaryRow, ...]

    @property
    def total_hours(self) -> Decimal:
        return sum((r.hours for r in self.rows), Decimal("0.00"))

    @property
    def title(self) -> str:
        return f"{self.year}Q{self.quarter}"


def quarterly_summary(
    work_unit: str, year: int, quarter: int, items: Iterable[LedgerItem], *, mask: bool = True
) -> WorkUnitSummary:
    start, end = quarter_bounds(year, quarter)
    if not isinstance(work_unit, str) or not work_unit.strip():
        raise InvalidSummaryRequest("work_unit", "required", "the work unit is required")
    hours: dict[str, Decimal] = {}
    names: dict[str, str] = {}
    tasks: dict[str, list[str]] = {}
    for item in items:
        if item.work_unit != work_unit or not start <= item.on < end:
            continue
        hours[item.member] = hours.get(item.member, Decimal("0")) + item.hours
        names.setdefault(item.member, item.name)
        if item.task not in tasks.setdefault(item.member, []):
            tasks[item.member].append(item.task)
    rows = [
        SummaryRow(m, mask_name(names[m]) if mask else names[m], hours[m].quantize(Decimal("0.01")), tuple(tasks[m]))
        for m in hours
    ]
    rows.sort(key=lambda r: (-r.hours, r.name, r.member))
    return WorkUnitSummary(work_unit, year, quarter, tuple(rows))


HEADER = ("序号 No.", "姓名 Name", "时长(小时) Hours", "任务数 Tasks", "任务 Task list")


def _table(summary: WorkUnitSummary) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [HEADER]
    for i, row in enumerate(summary.rows, 1):
        rows.append((i, row.name, row.hours, len(row.tasks), "；".join(row.tasks)))
    rows.append(
        ("合计 Total", f"{len(summary.rows)} 人", summary.total_hours, sum(len(r.tasks) for r in summary.rows), "")
    )
    return rows


def _defuse(value: object) -> object:
    """A text cell a spreadsheet would evaluate as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def summary_csv(summary: WorkUnitSummary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _table(summary):
        writer.writerow([_defuse(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# XLSX: the smallest Office Open XML (ECMA-376) workbook Excel and LibreOffice open.
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value: object) -> str:
    if isinstance(value, bool) or value is None:
        value = "" if value is None else str(value)
    if isinstance(value, int | Decimal | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = _ILLEGAL_XML.sub("", str(value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def summary_xlsx(summary: WorkUnitSummary) -> bytes:
    rows = _table(summary)
    sheet_rows = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row))
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    last = f"{_column(len(HEADER) - 1)}{len(rows)}"
    sheet_name = escape(summary.title)
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f"</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f"</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets>'
            f"</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            f"</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{_MAIN}">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<dimension ref="A1:{last}"/>'
            f"<sheetData>{''.join(sheet_rows)}</sheetData>"
            f"</worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():  # [Content_Types].xml first, fixed timestamps: same input, same bytes
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _XML_DECL + xml)
    return buffer.getvalue()
