from __future__ import annotations

from chuishao_intake.domain.reports import check_filing, feedback_allowed, report_status, verification_allowed
from chuishao_shared.reference import load_reference

REF = load_reference()


def test_unknown_codes_are_422_and_foreign_grids_403() -> None:
    assert (
        check_filing(REF, category="ENV-STAIRWELL-DIRTY", grid="XY-WQ-WY-G01", own_grids=frozenset({"XY-WQ-WY-G01"}))
        == []
    )
    errors = check_filing(REF, category="NOPE", grid="XY-WQ-WY-G02", own_grids=frozenset({"XY-WQ-WY-G01"}))
    assert [(e.field, e.status) for e in errors] == [("category", 422), ("grid", 403)]
    community = check_filing(REF, category="ENV", grid="XY-WQ-WY", own_grids=frozenset({"XY-WQ-WY"}))
    assert [(e.field, e.status) for e in community] == [("category", 422), ("grid", 422)]
    assert "大类" in community[0].message


def test_status_follows_the_case() -> None:
    assert report_status(None) == "received"
    assert report_status("dispatched") == "in_case"
    assert report_status("closed") == report_status("cancelled") == "closed"
    assert verification_allowed("resolved") and not verification_allowed("in_progress")
    assert feedback_allowed("closed") and not feedback_allowed("dispatched")
