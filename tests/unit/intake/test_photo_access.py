"""Who may read a photo (chuishao_intake.domain.photo_access), with plain values."""

from __future__ import annotations

import pytest

from chuishao_intake.domain.photo_access import PhotoReader, PhotoUse, departments_of, may_read_photo
from chuishao_shared.reference.loader import load_reference

CHAIN = load_reference().chain
USE = PhotoUse(reporter="w-1", grid="XY-WQ-WY-G01", departments=frozenset({"XY-WQ-WY-WY", "XY-WQ-WY-JWH"}))


@pytest.mark.parametrize(
    ("reader", "allowed"),
    [
        (PhotoReader("w-1", "grid_worker"), True),
        (PhotoReader("w-2", "grid_worker"), False),
        (PhotoReader("l-1", "liaison", department="XY-WQ-WY-WY"), True),
        (PhotoReader("l-2", "liaison", department="XY-WQ-WY-JWH"), True),
        (PhotoReader("l-3", "liaison", department="TN-CS-FQXC-WY"), False),
        (PhotoReader("l-4", "liaison"), False),
        (PhotoReader("d-1", "dispatcher", jurisdiction="XY"), True),
        (PhotoReader("d-2", "dispatcher", jurisdiction="XY-WQ-WY"), True),
        (PhotoReader("d-3", "dispatcher", jurisdiction="TN"), False),
        (PhotoReader("d-4", "dispatcher"), False),
        (PhotoReader("a-1", "admin"), True),
        (PhotoReader("o-1", "ops"), False),
        (PhotoReader("w-1", "ops"), False),  # the reporter's subject in another role is not the reporter
    ],
)
def test_the_parties_of_a_report_using_the_photo_read_it_and_nobody_else(reader: PhotoReader, allowed: bool) -> None:
    assert may_read_photo(reader, uploaders=(), uses=[USE], chain=CHAIN) is allowed
    assert may_read_photo(reader, uploaders=(), uses=[], chain=CHAIN) is (reader.role == "admin")


def test_the_uploader_reads_its_photo_before_any_report_uses_it() -> None:
    assert may_read_photo(PhotoReader("l-9", "liaison", department="TN-GD"), uploaders={"l-9"}, uses=[], chain=CHAIN)


def test_an_unknown_grid_is_nobodys_jurisdiction() -> None:
    use = PhotoUse("w-1", "NOWHERE", frozenset())
    assert not may_read_photo(
        PhotoReader("d-1", "dispatcher", jurisdiction="XY"), uploaders=(), uses=[use], chain=CHAIN
    )


def test_departments_come_from_the_case_views_assignments() -> None:
    view = {"assignments": [{"department": "A", "role": "lead"}, {"department": "B", "role": "assist"}]}
    assert departments_of(view) == {"A", "B"} and departments_of(None) == frozenset()
