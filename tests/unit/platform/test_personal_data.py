"""The masking of personal data in free text (chuishao_shared.personal_data)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chuishao_shared import personal_data
from chuishao_shared.personal_data import MASK, mask, mask_fields, resident_names


def test_phones_emails_and_id_numbers_are_masked_and_dates_and_house_numbers_stay() -> None:
    text = "2026-11-30 3号楼502室 王先生 +86 139-1234-5678 0351 7654321 a.b@c.example.cn 14042119850507999X"
    assert mask(text) == f"2026-11-30 3号楼502室 王先生 {MASK} {MASK} {MASK} {MASK}"


def test_the_residents_contact_as_filed_is_masked_wherever_it_is_typed() -> None:
    names = resident_names({"name": "李 璟琰", "phone": "5551234", "email": "x@y"})
    assert set(names) >= {"李 璟琰", "李璟琰", "李", "璟琰", "5551234", "x@y"}
    assert mask("李璟琰说找x@y", names) == f"{MASK}说找{MASK}"
    assert resident_names(None) == ()


def test_mask_fields_touches_only_the_named_string_fields() -> None:
    data = {"note": "电话13800138000", "case_id": "13800138000", "photos": ["13800138000"]}
    assert mask_fields(data, ("note", "photos")) == {**data, "note": f"电话{MASK}"}


# Digits as people type them: ASCII, full-width, Arabic-Indic, circled and superscript (NFKC makes them 0-9).
_DIGITS = "0123456789０１２３４５６７８９٠١٢٣٤٥٦٧٨٩①②③¹²³"
_PIECES = (
    "a@b.cn",
    "x＠y.com",
    "me﹫host.org",
    "１３９１２３４５６７８",
    "+86 139-1234-5678",
    "(0351)7654321",
    "①②③",
    "号楼",
    "电话",
)
_TEXT = st.lists(
    st.sampled_from(_PIECES) | st.text(alphabet=_DIGITS + "@＠﹫.-＋+() xX号楼电话邮箱abc", max_size=6), max_size=8
).map("".join)


@given(_TEXT)
def test_text_the_precheck_lets_skip_the_patterns_holds_nothing_they_would_find(text: str) -> None:
    """`mask` runs the secret patterns only where the normalised text has a digit or an @ (each pattern needs
    one): wherever the check says no, no pattern finds anything."""
    normal, _ = personal_data._normalised(text)
    if not personal_data._MAY_HOLD_A_SECRET.search(normal):
        assert not any(pattern.search(normal) for pattern in personal_data._SECRETS), text


def test_secrets_typed_in_wide_or_circled_digits_are_still_masked() -> None:
    assert mask("电话１３９１２３４５６７８") == f"电话{MASK}"
    assert mask("邮箱 a＠b.cn") == f"邮箱 {MASK}"
    assert mask("") == "" and mask("3号楼门口") == "3号楼门口"
