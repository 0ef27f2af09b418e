"""The masking of personal data in free text (chuishao_shared.personal_data)."""

from __future__ import annotations

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
