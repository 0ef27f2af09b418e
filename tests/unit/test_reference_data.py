"""Reference data: the shipped demo set, the jurisdiction helpers and every validation rule."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from chuishao_shared.reference import (
    DEFAULT_DATA_DIR,
    ReferenceData,
    ReferenceDataError,
    RoutingRuleData,
    RuleSetData,
    load_reference,
)

pytestmark = pytest.mark.unit

NAMED_CATEGORIES = (
    "下水堵塞 楼道卫生脏乱 飞线充电 电动车乱停放 占用消防通道 外墙剥落 路灯损坏 垃圾清运不及时 噪音扰民 "
    "邻里纠纷 治安隐患 燃气安全隐患 独居老人帮扶 低保申请 尊老金发放 违章搭建 消防设施损坏"
).split()
NAMED_COMMUNITIES = ("五阳社区", "富强新村社区", "滨河社区", "北大社区", "南城社区")


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


# --- the shipped data --------------------------------------------------------------------------


def test_shipped_data_meets_the_minimums(ref: ReferenceData) -> None:
    assert len(ref.communities()) >= 5
    assert len(ref.grids()) >= 25
    assert len(ref.departments) >= 12
    assert len(ref.categories) >= 20
    for category in ref.categories.values():
        assert category.name and category.name_en and category.name != category.name_en
    names = {c.name for c in ref.categories.values()}
    assert set(NAMED_CATEGORIES) <= names, set(NAMED_CATEGORIES) - names
    assert set(NAMED_COMMUNITIES) <= {c.name for c in ref.communities()}


def test_seed_structure_is_reflected(ref: ReferenceData) -> None:
    def grids_of(community: str) -> list[str]:
        return [g.code for g in ref.grids() if ref.community_of(g.code).name == community and g.grid_level == 1]

    assert len(grids_of("五阳社区")) == 9
    assert len(grids_of("富强新村社区")) == 4
    for community in ("滨河社区", "北大社区", "南城社区"):
        assert 3 <= len(grids_of(community)) <= 5
    assert {g.grid_level for g in ref.grids()} == {1, 2, 3}
    assert any("阳光水岸" in g.name for g in ref.grids())
    kinds = {d.kind for d in ref.departments.values()}
    assert {"government_bureau", "utility", "property_company", "police_station", "fire_brigade"} <= kinds
    assert {"community_committee", "street_office", "social_organization"} <= kinds


def test_every_major_lists_its_children(ref: ReferenceData) -> None:
    for major in ref.majors.values():
        assert major.children
        assert all(ref.categories[c].major == major.code for c in major.children)
    assert sum(len(m.children) for m in ref.majors.values()) == len(ref.categories)


def test_sla_policies_and_calendar(ref: ReferenceData) -> None:
    standard = ref.sla_policies["standard"]
    assert standard.clock == "calendar"
    assert standard.acknowledge_within_minutes == {"minor": 60, "major": 60, "emergency": 15}
    assert standard.resolve_within_minutes["major"] == 24 * 60
    assert standard.resolve_within_minutes["emergency"] == 4 * 60
    urgent = ref.sla_policies["urgent_safety"]
    assert urgent.clock == "calendar"
    assert all(
        urgent.resolve_within_minutes[s] <= standard.resolve_within_minutes[s] for s in standard.resolve_within_minutes
    )
    service = ref.sla_policies["service_request"]
    assert service.clock == "working_hours"
    assert service.resolve_within_minutes["minor"] == 5 * 9 * 60  # 5 working days of 08:30–17:30
    assert ref.categories["LIFE-DIBAO"].sla_policy == "service_request"

    cal = ref.calendar
    assert cal.timezone == "Asia/Shanghai"
    assert (cal.start.isoformat(), cal.end.isoformat()) == ("08:30:00", "17:30:00")
    assert cal.weekdays == frozenset({1, 2, 3, 4, 5})
    for day in (
        date(2026, 1, 1),
        date(2026, 2, 17),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 6, 19),
        date(2026, 9, 25),
        date(2026, 10, 1),
    ):
        assert day in cal.holidays
    assert all(d.isoweekday() in (6, 7) for d in cal.makeup_workdays)


def _covering_rules(ref: ReferenceData, category: str, grid: str) -> list[RoutingRuleData]:
    family = {category, ref.categories[category].major}
    chain = ref.chain(grid)
    return [r for r in ref.routing.rules if r.category in family and r.scope in chain]


def test_exactly_the_documented_category_goes_to_triage(ref: ReferenceData) -> None:
    uncovered = {
        code
        for code, cat in ref.categories.items()
        if not any(r.category in (code, cat.major) for r in ref.routing.rules)
    }
    assert uncovered == {"ORDER-DOG"}
    assert ref.categories["ORDER-DOG"].name == "违规饲养犬只"


def test_every_other_category_has_one_unambiguous_lead_in_every_grid(ref: ReferenceData) -> None:
    # The data must not depend on how dispatch breaks ties between "小类 first" and "scope first".
    for grid in ref.grids():
        chain = ref.chain(grid.code)
        for code in ref.categories:
            candidates = _covering_rules(ref, code, grid.code)
            if code == "ORDER-DOG":
                assert candidates == []
                continue
            assert candidates, (code, grid.code)

            def category_first(r: RoutingRuleData, c: str = code, ch: list[str] = chain) -> tuple[int, int]:
                return (r.category != c, ch.index(r.scope))

            def scope_first(r: RoutingRuleData, c: str = code, ch: list[str] = chain) -> tuple[int, int]:
                return (ch.index(r.scope), r.category != c)

            assert min(candidates, key=category_first) == min(candidates, key=scope_first), (code, grid.code)


def test_rules_show_both_kinds_of_specificity(ref: ReferenceData) -> None:
    levels = {r.scope: ref.jurisdictions[r.scope].level for r in ref.routing.rules}
    assert {"district", "street", "community", "grid"} <= set(levels.values())
    assert any(r.category in ref.majors for r in ref.routing.rules)
    # 阳光水岸小区: the property company leads at grid level, the committee at community level.
    grid_rule = _covering_rules(ref, "SAFE-FLYING-WIRE", "ZJC-ZJC-NC-G01")
    assert {r.lead for r in grid_rule} >= {"ZJC-ZJC-NC-SSLY", "ZJC-ZJC-NC-JWH"}


# --- helpers ----------------------------------------------------------------------------------


def test_chain_of_a_sub_grid(ref: ReferenceData) -> None:
    assert ref.chain("LX-DC-BH-G01-01-01") == [
        "LX-DC-BH-G01-01-01",
        "LX-DC-BH-G01-01",
        "LX-DC-BH-G01",
        "LX-DC-BH",
        "LX-DC",
        "LX",
    ]
    assert ref.chain("XY") == ["XY"]
    assert ref.jurisdictions["LX-DC-BH-G01-01"].grid_level == 2
    assert ref.jurisdictions["LX-DC-BH-G01-01-01"].grid_level == 3
    assert ref.jurisdictions["XY-WQ-WY-G05"].grid_level == 1
    assert ref.jurisdictions["XY-WQ-WY"].grid_level is None
    with pytest.raises(KeyError):
        ref.chain("NOWHERE")


def test_community_of(ref: ReferenceData) -> None:
    assert ref.community_of("LX-DC-BH-G01-01-01").code == "LX-DC-BH"
    assert ref.community_of("XY-WQ-WY-G09").name == "五阳社区"
    assert ref.community_of("ZJC-ZJC-NC-G01").name == "南城社区"
    with pytest.raises(ValueError):
        ref.community_of("XY-WQ-WY")
    with pytest.raises(KeyError):
        ref.community_of("NOWHERE")


# --- validation at load -------------------------------------------------------------------------

Doc = dict[str, Any]


def _copy_data(tmp_path: Path) -> Path:
    for src in DEFAULT_DATA_DIR.glob("*.yaml"):
        shutil.copy(src, tmp_path / src.name)
    return tmp_path


def _edit(data_dir: Path, file: str, mutate: Callable[[Doc], None]) -> Path:
    path = data_dir / file
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data_dir


def _problems(data_dir: Path) -> list[dict[str, str]]:
    with pytest.raises(ReferenceDataError) as info:
        load_reference(data_dir)
    return info.value.problems


def _item(doc: Doc, code: str) -> Doc:
    for item in doc["items"]:
        if item["code"] == code:
            return item
        for child in item.get("children", []):
            if child["code"] == code:
                return child
    raise LookupError(code)


def _rule(doc: Doc, rule_id: str) -> Doc:
    return next(r for r in doc["rules"] if r["id"] == rule_id)


def _set(target: str, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: _item(doc, target).update(changes)


def _set_rule(rule_id: str, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: _rule(doc, rule_id).update(changes)


def _append(item: Doc, key: str = "items") -> Callable[[Doc], None]:
    return lambda doc: doc[key].append(item)


def _append_child(major: str, child: Doc) -> Callable[[Doc], None]:
    return lambda doc: _item(doc, major)["children"].append(child)


J, D, S, C, R = (
    "jurisdictions.yaml",
    "departments.yaml",
    "sla_policies.yaml",
    "categories.yaml",
    "routing_rules.yaml",
)
G = {"level": "grid", "name": "测试网格", "name_en": "Test grid"}
CHILD = {
    "name": "测试",
    "name_en": "Test",
    "kind": "event",
    "default_severity": "minor",
    "sla_policy": "standard",
}

CASES: list[tuple[str, str, Callable[[Doc], None], str, str, str]] = [
    # id, file, mutation, expected entry, field, message fragment
    ("schema-enum", J, _set("XY-WQ", level="province"), "XY-WQ", "level", "district"),
    ("schema-missing", D, lambda d: _item(d, "XY-MZJ").pop("name_en"), "XY-MZJ", "name_en", "required"),
    ("schema-extra-key", D, _set("XY-MZJ", phone="0355"), "XY-MZJ", "phone", "not permitted"),
    ("schema-code-pattern", J, _set("XY-WQ-WY-G01", code="xy wq"), "xy wq", "code", "pattern"),
    (
        "schema-child",
        C,
        _set("ORDER-NOISE", default_severity="critical"),
        "ORDER-NOISE",
        "default_severity",
        "minor",
    ),
    ("schema-rule", R, _set_rule("xy.env", assist="XY-ZJJ"), "xy.env", "assist", "tuple"),
    (
        "dup-jurisdiction",
        J,
        _append({**G, "code": "XY-WQ-WY-G01", "parent": "XY-WQ-WY"}),
        "XY-WQ-WY-G01",
        "code",
        "duplicate",
    ),
    (
        "dup-department",
        D,
        _append({"code": "XY-MZJ", "name": "重复", "name_en": "Dup", "kind": "utility", "jurisdiction": "XY"}),
        "XY-MZJ",
        "code",
        "duplicate",
    ),
    (
        "dup-minor",
        C,
        _append_child("LIFE", {**CHILD, "code": "ORDER-NOISE"}),
        "ORDER-NOISE",
        "code",
        "duplicate",
    ),
    ("dup-minor-vs-major", C, _append_child("LIFE", {**CHILD, "code": "FAC"}), "FAC", "code", "duplicate"),
    ("unknown-parent", J, _set("XY-WQ-WY-G01", parent="XY-WQ-NOPE"), "XY-WQ-WY-G01", "parent", "XY-WQ-NOPE"),
    ("cycle", J, _set("LX-DC-BH-G01-01", parent="LX-DC-BH-G01-01-01"), "LX-DC-BH-G01-01", "parent", "cycle"),
    ("street-under-street", J, _set("XY-WQ", parent="TN-CS"), "XY-WQ", "parent", "district"),
    ("community-under-district", J, _set("XY-WQ-WY", parent="XY"), "XY-WQ-WY", "parent", "street"),
    (
        "grid-under-street",
        J,
        _set("XY-WQ-WY-G01", parent="XY-WQ"),
        "XY-WQ-WY-G01",
        "parent",
        "community or grid",
    ),
    ("district-with-parent", J, _set("TN", parent="XY"), "TN", "parent", "no parent"),
    ("street-without-parent", J, _set("TN-CS", parent=None), "TN-CS", "parent", "needs a parent"),
    (
        "grid-too-deep",
        J,
        _append({**G, "code": "LX-DC-BH-G01-01-01-01", "parent": "LX-DC-BH-G01-01-01"}),
        "LX-DC-BH-G01-01-01-01",
        "parent",
        "at most 3",
    ),
    (
        "grid-level-mismatch",
        J,
        _set("LX-DC-BH-G01-01", grid_level=1),
        "LX-DC-BH-G01-01",
        "grid_level",
        "level 2",
    ),
    ("grid-level-on-community", J, _set("LX-DC-BH", grid_level=1), "LX-DC-BH", "grid_level", "only to grids"),
    ("dept-jurisdiction", D, _set("XY-MZJ", jurisdiction="XX"), "XY-MZJ", "jurisdiction", "'XX'"),
    ("category-sla", C, _set("LIFE-DIBAO", sla_policy="fast_lane"), "LIFE-DIBAO", "sla_policy", "fast_lane"),
    (
        "sla-missing-severity",
        S,
        lambda d: _item(d, "standard")["resolve_within_minutes"].pop("emergency"),
        "standard",
        "resolve_within_minutes.emergency",
        "missing severity",
    ),
    (
        "sla-resolve-before-ack",
        S,
        lambda d: _item(d, "standard")["resolve_within_minutes"].update(minor=10),
        "standard",
        "resolve_within_minutes.minor",
        "shorter",
    ),
    (
        "calendar-timezone",
        S,
        lambda d: d.update(timezone="Mars/Olympus"),
        "calendar",
        "timezone",
        "Mars/Olympus",
    ),
    (
        "calendar-hours",
        S,
        lambda d: d["working_hours"].update(start="18:00"),
        "calendar",
        "working_hours.end",
        "after",
    ),
    (
        "calendar-weekday",
        S,
        lambda d: d["working_hours"].update(weekdays=[1, 8]),
        "calendar",
        "weekdays.1",
        "7",
    ),
    (
        "calendar-makeup",
        S,
        lambda d: d["makeup_workdays"].append(date(2026, 3, 2)),
        "calendar",
        "makeup_workdays",
        "2026-03-02",
    ),
    ("rule-category", R, _set_rule("xy.env", category="NOPE"), "xy.env", "category", "'NOPE'"),
    ("rule-scope", R, _set_rule("xy.env", scope="XY-NOPE"), "xy.env", "scope", "'XY-NOPE'"),
    ("rule-lead", R, _set_rule("xy.env", lead="XY-NOPE"), "xy.env", "lead", "'XY-NOPE'"),
    ("rule-assist", R, _set_rule("xy.fac", assist=["XY-CGJ", "XY-NOPE"]), "xy.fac", "assist.1", "'XY-NOPE'"),
    ("rule-dup-id", R, _set_rule("tn.env", id="xy.env"), "xy.env", "id", "duplicate"),
    ("rule-dup-key", R, _set_rule("xy.fac", category="ENV"), "xy.fac", "category", "xy.env"),
    ("rule-lead-in-assist", R, _set_rule("xy.fac", assist=["XY-ZJJ"]), "xy.fac", "assist", "also listed"),
    ("rule-dept-outside-scope", R, _set_rule("xy.env", lead="FQ-CGJ"), "xy.env", "lead", "does not cover"),
]


@pytest.mark.parametrize(
    ("file", "mutate", "entry", "field", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_invalid_data_is_reported_with_file_entry_and_field(
    tmp_path: Path, file: str, mutate: Callable[[Doc], None], entry: str, field: str, fragment: str
) -> None:
    problems = _problems(_edit(_copy_data(tmp_path), file, mutate))
    matching = [p for p in problems if (p["file"], p["entry"], p["field"]) == (file, entry, field)]
    assert matching, problems
    assert any(fragment in p["message"] for p in matching), matching


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / D).write_text("items:\n  - {code: XY-MZJ, name: 民政局\n  - {code: XY-ZJJ}\n", encoding="utf-8")
    problems = _problems(data)
    [problem] = [p for p in problems if p["file"] == D]
    assert problem["entry"].startswith("line 3")
    assert "YAML syntax error" in problem["message"]


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / S).write_text((data / S).read_text(encoding="utf-8") + "timezone: UTC\n", encoding="utf-8")
    [problem] = _problems(data)
    assert (problem["file"], problem["message"]) == (S, "YAML syntax error: duplicate key 'timezone'")
    assert problem["entry"].startswith("line ")


def test_missing_file(tmp_path: Path) -> None:
    (_copy_data(tmp_path) / C).unlink()
    problems = _problems(tmp_path)
    assert [p["file"] for p in problems] == [C]


def test_all_problems_are_collected_before_raising(tmp_path: Path) -> None:
    data = _edit(_copy_data(tmp_path), J, _set("XY-WQ-WY-G01", parent="XY-WQ-NOPE"))
    _edit(data, D, _set("XY-MZJ", kind="ministry"))
    _edit(data, R, _set_rule("xy.env", lead="XY-NOPE"))
    with pytest.raises(ReferenceDataError) as info:
        load_reference(data)
    assert {p["file"] for p in info.value.problems} == {J, D, R}
    text = str(info.value)
    assert "3 problem(s)" in text
    assert "jurisdictions.yaml: [XY-WQ-WY-G01] parent: unknown parent 'XY-WQ-NOPE'" in text
    assert "routing_rules.yaml: [xy.env] lead: unknown department 'XY-NOPE'" in text


@pytest.mark.parametrize(
    ("file", "code", "field", "value"),
    [(D, "XY-MZJ", "kind", "ministry"), (J, "XY-WQ", "level", "province"), (S, "standard", "clock", "lunar")],
)
def test_an_invalid_entry_does_not_cascade(tmp_path: Path, file: str, code: str, field: str, value: str) -> None:
    # An entry that fails its own schema must not also be reported as "unknown" wherever it is named.
    problems = _problems(_edit(_copy_data(tmp_path), file, _set(code, **{field: value})))
    assert [(p["file"], p["entry"], p["field"]) for p in problems] == [(file, code, field)]


# --- validate_rule_set (an admin PUTs a new rule set) --------------------------------------------


def test_shipped_rule_set_validates(ref: ReferenceData) -> None:
    ref.validate_rule_set(ref.routing)


def test_validate_rule_set_names_each_unknown_reference(ref: ReferenceData) -> None:
    proposed = RuleSetData(
        version=2,
        rules=(
            RoutingRuleData(id="a", category="ENV-NOPE", scope="XY", lead="XY-CGJ"),
            RoutingRuleData(id="b", category="ENV", scope="XY-ATLANTIS", lead="XY-CGJ"),
            RoutingRuleData(id="c", category="ENV", scope="XY", lead="XY-GHOST", assist=("XY-ZJJ", "XY-PHANTOM")),
        ),
    )
    with pytest.raises(ReferenceDataError) as info:
        ref.validate_rule_set(proposed)
    found = {(p["entry"], p["field"]): p["message"] for p in info.value.problems}
    assert "ENV-NOPE" in found[("a", "category")]
    assert "XY-ATLANTIS" in found[("b", "scope")]
    assert "XY-GHOST" in found[("c", "lead")]
    assert "XY-PHANTOM" in found[("c", "assist.1")]
    assert len(info.value.problems) == 4
    assert all(p["file"] == "routing_rules.yaml" for p in info.value.problems)


def test_validate_rule_set_checks_uniqueness_and_roles(ref: ReferenceData) -> None:
    proposed = RuleSetData(
        version=2,
        rules=(
            RoutingRuleData(id="a", category="ENV", scope="XY", lead="XY-CGJ", assist=("XY-CGJ",)),
            RoutingRuleData(id="a", category="ENV", scope="XY", lead="XY-ZJJ"),
        ),
    )
    with pytest.raises(ReferenceDataError) as info:
        ref.validate_rule_set(proposed, source="PUT /v1/routing/rules")
    fields = sorted(p["field"] for p in info.value.problems)
    assert fields == ["assist", "category", "id"]
    assert {p["file"] for p in info.value.problems} == {"PUT /v1/routing/rules"}


def test_an_unchanged_directory_is_parsed_once_and_a_changed_file_is_read_again(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    first = load_reference(data_dir)
    assert load_reference(data_dir) is first  # the same files: the data parsed before

    def rename(doc: Doc) -> None:
        doc["items"][0]["name"] = "襄垣县住建局（改名）"

    _edit(data_dir, "departments.yaml", rename)
    again = load_reference(data_dir)
    assert again is not first and again.departments["XY-ZJJ"].name == "襄垣县住建局（改名）"
    assert first.departments["XY-ZJJ"].name == "襄垣县住房和城乡建设局"
