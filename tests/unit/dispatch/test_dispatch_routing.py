"""Routing specificity: 小类 over 大类, then grid over community over street over district."""

from __future__ import annotations

import pytest

from chuishao_dispatch.domain import RoutingDecision, RoutingRule, RuleSet, candidates, route

SUBGRID, GRID, COMMUNITY, STREET, DISTRICT = "WY-G03-2", "WY-G03", "XY-WQ-WY", "XY-WQ", "XY"
CHAIN = [SUBGRID, GRID, COMMUNITY, STREET, DISTRICT]
SEWER, ENV = "ENV-SEWER-BLOCKED", "ENV"
LEVELS = [SUBGRID, GRID, COMMUNITY, STREET, DISTRICT]


def rules(*items: RoutingRule, version: int = 3) -> RuleSet:
    return RuleSet(version=version, rules=items)


def rule(rule_id: str, category: str, scope: str, lead: str, *assist: str, note: str = "") -> RoutingRule:
    return RoutingRule(rule_id, category, scope, lead, tuple(assist), note)


def go(rule_set: RuleSet, category: str = SEWER, exclude: tuple[str, ...] = ()) -> RoutingDecision | None:
    return route(rule_set, category=category, major=ENV, jurisdiction_chain=CHAIN, exclude=exclude)


def test_subcategory_beats_major_category_even_at_a_wider_scope() -> None:
    rule_set = rules(
        rule("R-MAJOR-GRID", ENV, SUBGRID, "GRID-STATION"),
        rule("R-MINOR-DISTRICT", SEWER, DISTRICT, "DISTRICT-WATER"),
    )
    decision = go(rule_set)
    assert decision is not None and decision.rule_id == "R-MINOR-DISTRICT"
    assert decision.lead == "DISTRICT-WATER" and decision.rule_version == 3


def test_a_major_category_rule_covers_its_subcategories() -> None:
    rule_set = rules(rule("R-ENV", ENV, STREET, "STREET-ENV", "PROPERTY"))
    decision = go(rule_set, category="ENV-CORRIDOR-DIRTY")
    assert decision is not None and (decision.lead, decision.assist) == ("STREET-ENV", ("PROPERTY",))
    assert "大类 ENV" in decision.explanation and "major category" in decision.explanation


@pytest.mark.parametrize("most_specific", range(len(LEVELS)))
def test_the_earliest_scope_in_the_chain_wins(most_specific: int) -> None:
    """With rules at this level and every wider one, this level's rule wins."""
    present = [rule(f"R-{i}", SEWER, scope, f"LEAD-{i}") for i, scope in enumerate(LEVELS)][most_specific:]
    decision = go(rules(*reversed(present)))  # order in the rule set must not matter
    assert decision is not None and decision.rule_id == f"R-{most_specific}"


def test_candidates_are_every_match_most_specific_first() -> None:
    rule_set = rules(
        rule("R-ENV-DISTRICT", ENV, DISTRICT, "DISTRICT-ENV"),
        rule("R-SEWER-STREET", SEWER, STREET, "STREET-WATER"),
        rule("R-ENV-GRID", ENV, GRID, "GRID-STATION"),
        rule("R-SEWER-COMMUNITY", SEWER, COMMUNITY, "WATER", "PROPERTY"),
        rule("R-OTHER-CATEGORY", "SAFETY-FIRE-EXIT", GRID, "FIRE"),
        rule("R-OTHER-COMMUNITY", SEWER, "FQ-BD", "FQ-WATER"),
        rule("R-LAMP", "ENVX", COMMUNITY, "LIGHTING"),
    )
    found = candidates(rule_set, category=SEWER, major=ENV, jurisdiction_chain=CHAIN)
    assert [d.rule_id for d in found] == [
        "R-SEWER-COMMUNITY",
        "R-SEWER-STREET",
        "R-ENV-GRID",
        "R-ENV-DISTRICT",
    ]
    assert all(isinstance(d, RoutingDecision) and d.rule_version == 3 for d in found)
    assert found[0].assist == ("PROPERTY",)


def test_route_skips_rules_led_by_excluded_departments() -> None:
    rule_set = rules(
        rule("R1", SEWER, GRID, "WATER", "PROPERTY", "CITYMGMT"),
        rule("R2", SEWER, COMMUNITY, "WATER", "PROPERTY"),
        rule("R3", SEWER, STREET, "HOUSING", "WATER", "PROPERTY"),
    )
    assert go(rule_set).rule_id == "R1"  # type: ignore[union-attr]
    decision = go(rule_set, exclude=("WATER",))
    assert decision is not None and decision.rule_id == "R3"
    assert decision.assist == ("PROPERTY",)  # the excluded department is not brought back as assist
    assert "R1" in decision.explanation and "R2" in decision.explanation  # says what it skipped
    decision = go(rule_set, exclude=("PROPERTY",))
    assert decision is not None and (decision.rule_id, decision.assist) == ("R1", ("CITYMGMT",))


def test_no_rule_or_every_lead_excluded_means_triage() -> None:
    rule_set = rules(rule("R1", SEWER, GRID, "WATER"), rule("R2", ENV, DISTRICT, "DISTRICT-ENV"))
    assert route(rule_set, category="SAFETY-FIRE-EXIT", major="SAFETY", jurisdiction_chain=CHAIN) is None
    assert go(rule_set, exclude=("WATER", "DISTRICT-ENV")) is None
    assert route(rule_set, category=SEWER, major=ENV, jurisdiction_chain=["FQ-BD-G1", "FQ-BD"]) is None
    assert go(rules()) is None


def test_the_explanation_names_the_rule_and_why_it_matched() -> None:
    rule_set = rules(
        rule("R12", SEWER, COMMUNITY, "WATER", "PROPERTY", note="五阳社区下水由水务所牵头"),
        rule("R13", ENV, DISTRICT, "DISTRICT-ENV"),
    )
    explanation = go(rule_set).explanation  # type: ignore[union-attr]
    assert explanation.startswith(f"规则 R12 (v3): 小类 {SEWER} 在 社区 {COMMUNITY} → 牵头 WATER")
    assert "协办 PROPERTY" in explanation and "2 条匹配规则中最具体" in explanation
    assert f"rule R12 (v3): sub-category {SEWER} in community {COMMUNITY} → lead WATER" in explanation
    assert "五阳社区下水由水务所牵头" in explanation


@pytest.mark.parametrize(
    ("scope", "level"),
    [(SUBGRID, "网格"), (GRID, "网格"), (COMMUNITY, "社区"), (STREET, "街道"), (DISTRICT, "区")],
)
def test_the_explanation_names_the_scope_level(scope: str, level: str) -> None:
    decision = go(rules(rule("R", SEWER, scope, "LEAD")))
    assert decision is not None and f"在 {level} {scope}" in decision.explanation


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ((rule("R1", SEWER, GRID, "A"), rule("R1", ENV, GRID, "B")), "used twice"),
        ((rule("R1", SEWER, GRID, "A"), rule("R2", SEWER, GRID, "B")), "both cover"),
    ],
)
def test_a_rule_set_is_validated(items: tuple[RoutingRule, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rules(*items)


def test_a_rule_is_validated() -> None:
    with pytest.raises(ValueError, match="also listed as assisting"):
        rule("R1", SEWER, GRID, "WATER", "WATER")
    with pytest.raises(ValueError, match="lead"):
        rule("R1", SEWER, GRID, "")
    with pytest.raises(ValueError, match="version"):
        rules(version=0)


def test_a_rule_set_round_trips_through_dicts() -> None:
    rule_set = rules(rule("R1", SEWER, GRID, "WATER", "PROPERTY", note="备注"))
    assert RuleSet.from_dict(rule_set.to_dict()) == rule_set
