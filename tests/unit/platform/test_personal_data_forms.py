"""Masking reads numbers in every form they are typed in (issue 28, finding 3): a property over
Chinese mobile numbers (and ID card numbers and e-mail addresses) written in ASCII, full-width or mixed
digits, split anywhere by spaces, dots, hyphens, their full-width forms, dashes or nothing, with or
without +86 / 0086 / ＋８６, inside Chinese text. No 11-digit mobile survives, and the text around it
is published as typed."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from chuishao_shared.personal_data import MASK, mask

FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
SEPARATORS = ["", " ", ".", "-", "\u3000", "．", "－", "—", "–", "·", "・", " - ", ". "]
PREFIXES = ["", "+86", "+86 ", "0086", "0086-", "(+86)", "＋８６", "＋８６　", "８６ "]
CONTEXT = st.text(alphabet="电话请联系居民王先生家在楼道堆放杂物，。：号楼单元 ", max_size=12)


@st.composite
def digits(draw: st.DrawFn, text: str) -> str:
    """Each digit ASCII or full-width, drawn one by one (so some numbers are mixed)."""
    form = draw(st.sampled_from(["ascii", "full", "mixed"]))
    if form == "ascii":
        return text
    if form == "full":
        return "".join(FULL_WIDTH.get(d, d) for d in text)
    return "".join(FULL_WIDTH.get(d, d) if draw(st.booleans()) else d for d in text)


@st.composite
def typed(draw: st.DrawFn, number: str, groups: list[int] | None = None) -> str:
    """`number` split into groups (3-4-4 as people write mobiles, or anywhere), joined by separators."""
    if groups is None or draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=4)))
    else:
        cuts = [sum(groups[: i + 1]) for i in range(len(groups) - 1)]
    parts = [number[a:b] for a, b in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    separator = draw(st.sampled_from(SEPARATORS))
    uniform = draw(st.booleans())
    joined = parts[0]
    for part in parts[1:]:
        joined += (separator if uniform else draw(st.sampled_from(SEPARATORS))) + part
    return draw(digits(joined)) if joined else joined


MOBILES = st.builds(
    lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"), st.from_regex(r"[0-9]{9}", fullmatch=True)
)


def _digits_of(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit())


@settings(max_examples=400, deadline=None)
@given(data=st.data(), mobile=MOBILES, before=CONTEXT, after=CONTEXT)
def test_no_mobile_number_survives_in_any_form(data: st.DataObject, mobile: str, before: str, after: str) -> None:
    written = data.draw(st.sampled_from(PREFIXES)) + data.draw(typed(mobile, [3, 4, 4]))
    masked = mask(before + written + after)
    assert mobile not in _digits_of(masked), (written, masked)
    assert not re.search(r"\d{7}", _digits_of(masked)), (written, masked)
    assert MASK in masked
    assert masked.startswith(before.rstrip()) and masked.endswith(after.lstrip())  # the rest stays as typed


@settings(max_examples=200, deadline=None)
@given(data=st.data(), body=st.from_regex(r"[1-6][0-9]{16}", fullmatch=True), check=st.sampled_from("0123456789Xx"))
def test_no_id_card_number_survives_in_any_form(data: st.DataObject, body: str, check: str) -> None:
    number = body + check
    written = data.draw(typed(number, [6, 8, 4]))
    if check in "Xx" and data.draw(st.booleans()):
        written = written[:-1] + "Ｘ"
    masked = mask(f"身份证{written}号")
    assert masked == f"身份证{MASK}号", (written, masked)


@given(user=st.from_regex(r"[a-z][a-z0-9.]{0,10}[a-z0-9]", fullmatch=True), full=st.booleans())
def test_full_width_email_addresses_are_masked(user: str, full: bool) -> None:
    address = f"{user}@qq.com"
    written = "".join(chr(ord(c) + 0xFEE0) if full and c != "." else c for c in address)
    assert mask(f"邮箱{written}谢谢") == f"邮箱{MASK}谢谢", written


def test_dates_house_numbers_and_full_width_punctuation_stay_as_typed() -> None:
    text = "２０２６年11月30日 3号楼502室，（东侧）面积139.5平方米，第１２３４号"
    assert mask(text) == text
