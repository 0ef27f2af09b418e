"""Reference data change sets (PRODUCT.md §9): validation with an error per field, the diff against the
version in force, YAML export and import in the files' own format."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from chuishao_shared.reference import load_reference
from chuishao_shared.reference.changes import content_of_dir, diff, from_yaml, to_yaml, validate

pytestmark = pytest.mark.unit

IN_FORCE = content_of_dir()
REFERENCE = load_reference()


def fields(problems: list[dict[str, str]]) -> dict[str, str]:
    return {p["field"]: p["message"] for p in problems}


def item(doc: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for i in doc["items"] if i["code"] == code)


def test_the_shipped_data_is_a_valid_change_set_with_an_empty_diff() -> None:
    content, reference, problems = validate(IN_FORCE, IN_FORCE, REFERENCE)
    assert problems == [] and reference is not None
    assert reference.categories.keys() == REFERENCE.categories.keys()
    assert diff(IN_FORCE, content) == []


def test_a_change_set_names_only_the_documents_it_changes() -> None:
    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    item(sla, "standard")["acknowledge_within_minutes"]["minor"] = 45
    content, reference, problems = validate({"sla_policies": sla}, IN_FORCE, REFERENCE)
    assert problems == [] and reference is not None
    assert reference.sla_policies["standard"].acknowledge_within_minutes["minor"] == 45
    assert content["categories"] == IN_FORCE["categories"]
    assert diff(IN_FORCE, content) == [
        {
            "document": "sla_policies",
            "entry": "standard",
            "change": "changed",
            "fields": {
                "acknowledge_within_minutes": {
                    "from": {"minor": 60, "major": 60, "emergency": 15},
                    "to": {"minor": 45, "major": 60, "emergency": 15},
                }
            },
        }
    ]


def test_negative_sla_time_is_refused_with_the_field_named() -> None:
    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    item(sla, "standard")["resolve_within_minutes"]["major"] = -30
    _, reference, problems = validate({"sla_policies": sla}, IN_FORCE, REFERENCE)
    assert reference is None
    assert "sla_policies.standard.resolve_within_minutes.major" in fields(problems), problems


def test_rule_naming_a_department_that_does_not_exist_is_refused() -> None:
    rules = copy.deepcopy(IN_FORCE["routing_rules"])
    rules["rules"][0]["lead"] = "XY-NOPE"
    rules["rules"][1]["assist"] = ["XY-GHOST"]
    _, reference, problems = validate({"routing_rules": rules}, IN_FORCE, REFERENCE)
    named = fields(problems)
    rule0, rule1 = rules["rules"][0]["id"], rules["rules"][1]["id"]
    assert reference is None
    assert "XY-NOPE" in named[f"routing_rules.{rule0}.lead"]
    assert "XY-GHOST" in named[f"routing_rules.{rule1}.assist.0"]


def test_category_left_without_any_route_is_refused_but_one_never_routed_may_stay() -> None:
    rules = copy.deepcopy(IN_FORCE["routing_rules"])
    covered = {"FAC-SEWER-BLOCKED", "FAC"}
    rules["rules"] = [r for r in rules["rules"] if r["category"] not in covered]
    _, reference, problems = validate({"routing_rules": rules}, IN_FORCE, REFERENCE)
    named = fields(problems)
    assert reference is None and "categories.FAC-SEWER-BLOCKED" in named
    assert "categories.ORDER-DOG" not in named  # never routed (the dispatcher's triage), not a new gap

    categories = copy.deepcopy(IN_FORCE["categories"])
    item(categories, "ORDER")["children"].append(
        {
            "code": "ORDER-KITES",
            "name": "违规放风筝",
            "name_en": "Kites near power lines",
            "kind": "event",
            "default_severity": "minor",
            "sla_policy": "standard",
        }
    )
    _, _, problems = validate({"categories": categories}, IN_FORCE, REFERENCE)
    assert "categories.ORDER-KITES" in fields(problems)  # new, and ORDER has no 大类 rule


def test_overlapping_grid_is_refused_against_the_geometry() -> None:
    jurisdictions = copy.deepcopy(IN_FORCE["jurisdictions"])
    sub = item(jurisdictions, "LX-DC-BH-G01-02")
    sub["parent"] = "LX-DC-BH"  # a 二级 grid moved up beside its own parent, which contains it
    sub.pop("grid_level", None)
    _, reference, problems = validate({"jurisdictions": jurisdictions}, IN_FORCE, REFERENCE)
    assert reference is None
    overlap = [p for p in problems if "overlap" in p["message"]]
    assert overlap and overlap[0]["field"].startswith("geometry.LX-DC-BH-G01"), problems


def test_holidays_and_makeup_days_for_the_coming_year() -> None:
    sla = copy.deepcopy(IN_FORCE["sla_policies"])
    sla["holidays"] = ["2027-02-05", "2027-02-08"]
    sla["makeup_workdays"] = ["2027-02-20"]  # a Saturday: 调休
    content, reference, problems = validate({"sla_policies": sla}, IN_FORCE, REFERENCE)
    assert problems == [] and reference is not None
    from datetime import date

    assert date(2027, 2, 20) in reference.calendar.makeup_workdays
    assert reference.calendar.covered_until == date(2027, 12, 31)
    changes = {(c["entry"], c["change"]) for c in diff(IN_FORCE, content)}
    assert ("calendar.makeup_workdays.2027-02-20", "added") in changes

    sla["makeup_workdays"] = ["2027-02-22"]  # a Monday: already a working day
    _, _, problems = validate({"sla_policies": sla}, IN_FORCE, REFERENCE)
    assert "sla_policies.calendar.makeup_workdays" in fields(problems)


def test_unknown_document_and_rename_diff() -> None:
    _, reference, problems = validate({"weather": {}}, IN_FORCE, REFERENCE)
    assert reference is None and "content.weather" in fields(problems)
    categories = copy.deepcopy(IN_FORCE["categories"])
    child = next(c for c in item(categories, "FAC")["children"] if c["code"] == "FAC-SEWER-BLOCKED")
    child["name"] = "下水道堵塞"
    child["community_forces"] = "living"
    content, reference, problems = validate({"categories": categories}, IN_FORCE, REFERENCE)
    assert problems == [] and reference is not None
    assert reference.categories["FAC-SEWER-BLOCKED"].community_forces == "living"
    [change] = diff(IN_FORCE, content)
    assert change["entry"] == "FAC-SEWER-BLOCKED" and change["fields"]["name"] == {
        "from": "下水堵塞",
        "to": "下水道堵塞",
    }


def test_yaml_export_loads_as_a_data_directory_and_imports_back(tmp_path: Path) -> None:
    files = to_yaml(IN_FORCE)
    assert set(files) == {
        "jurisdictions.yaml",
        "departments.yaml",
        "sla_policies.yaml",
        "categories.yaml",
        "routing_rules.yaml",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    loaded = load_reference(tmp_path)
    assert loaded.categories == REFERENCE.categories and loaded.routing == REFERENCE.routing
    content, problems = from_yaml(files)
    assert problems == [] and content == IN_FORCE

    _, problems = from_yaml({"categories.yaml": "items: [\n", "notes.yaml": "a: 1"})
    named = fields(problems)
    assert "line" in named["files.categories.yaml"] and "files.notes.yaml" in named
