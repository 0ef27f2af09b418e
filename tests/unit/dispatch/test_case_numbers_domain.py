"""A case's short number (issue 27 item 3): the opening report's; a joined report and a merged case's
reports keep their own, in the order they came, through the JSON round trip; a case stored before numbers
existed loads with none."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from chuishao_dispatch.domain import Case
from chuishao_shared.events.contracts import CaseSnapshot

if TYPE_CHECKING:
    from conftest import Builder


def _open(build: Builder, case_id: str, number: str | None) -> Case:
    case, _ = Case.open(case_id, build.facts(number=number), build.decision, build.sla, build.system, build.t0)
    return case


def test_joined_and_merged_reports_keep_their_numbers(build: Builder) -> None:
    target = _open(build, "CASE-1", "五阳-1205-0001")
    [joined] = target.add_report("RPT-9", build.system, build.at(1), number="五阳-1205-0004")
    assert joined.data["number"] == "五阳-1205-0004"
    duplicate = _open(build, "CASE-2", "五阳-1205-0002")
    duplicate.add_report("RPT-8", build.system, build.at(2), number="五阳-1205-0003")
    duplicate.merge_into(build.dispatcher, build.at(10), "CASE-1", "同一事项")
    [absorbed] = target.absorb(build.dispatcher, build.at(11), duplicate)
    assert absorbed.data["numbers"] == ["五阳-1205-0002", "五阳-1205-0003"]
    assert target.number == "五阳-1205-0001" and duplicate.number == "五阳-1205-0002"
    assert target.report_numbers == ["五阳-1205-0004", "五阳-1205-0002", "五阳-1205-0003"]
    # The snapshot every case event carries, and the stored document, keep them.
    snapshot = CaseSnapshot.model_validate(target.snapshot())
    assert snapshot.number == "五阳-1205-0001" and snapshot.report_numbers == target.report_numbers
    again = Case.from_dict(target.to_dict())
    assert again.number == target.number and again.report_numbers == target.report_numbers


def test_a_case_stored_before_numbers_loads_with_none(build: Builder) -> None:
    doc = _open(build, "CASE-1", None).to_dict()
    doc.pop("report_numbers")
    doc["report"].pop("number")
    old = Case.from_dict(doc)
    assert old.number is None and old.report_numbers == []
    assert CaseSnapshot.model_validate(old.snapshot()).number is None
    old.add_report("RPT-7", build.system, build.at(1))  # a joining report without a number either
    assert old.report_numbers == [] and dataclasses.asdict(old.report)["number"] is None
