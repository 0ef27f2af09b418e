"""The routing engine: (category or 大类, jurisdiction scope) → lead department plus assisting ones.

The most specific rule wins: a 小类 rule beats any 大类 rule, then the rule whose scope comes
earliest in the report's jurisdiction chain (grid, parent grids, community, street, district) wins.
A report no rule covers gets no decision: the caller puts it in the dispatcher's triage queue.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

# Names of the last three levels of a jurisdiction chain, counted from its end.
_LEVELS_FROM_END = (("区", "district"), ("街道", "street"), ("社区", "community"))
_GRID = ("网格", "grid")


@dataclass(frozen=True)
class RoutingRule:
    id: str
    category: str  # a 小类 code or a 大类 code
    scope: str  # a jurisdiction code: grid, community, street or district
    lead: str
    assist: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "assist", tuple(self.assist))
        for name in ("id", "category", "scope", "lead"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"routing rule {self.id!r}: {name} must be a non-empty string")
        if self.lead in self.assist:
            raise ValueError(f"routing rule {self.id!r}: lead {self.lead!r} is also listed as assisting")
        if len(set(self.assist)) != len(self.assist):
            raise ValueError(f"routing rule {self.id!r}: an assisting department is listed twice")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "scope": self.scope,
            "lead": self.lead,
            "assist": list(self.assist),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoutingRule:
        return cls(
            id=data["id"],
            category=data["category"],
            scope=data["scope"],
            lead=data["lead"],
            assist=tuple(data.get("assist", ())),
            note=data.get("note", ""),
        )


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[RoutingRule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", tuple(self.rules))
        if isinstance(self.version, bool) or not isinstance(self.version, int) or self.version < 1:
            raise ValueError(f"rule set version must be a positive integer, got {self.version!r}")
        ids: set[str] = set()
        covers: dict[tuple[str, str], str] = {}
        for rule in self.rules:
            if rule.id in ids:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            ids.add(rule.id)
            key = (rule.category, rule.scope)
            if key in covers:
                raise ValueError(
                    f"rules {covers[key]!r} and {rule.id!r} both cover category {rule.category!r} "
                    f"in {rule.scope!r}; the winner would be arbitrary"
                )
            covers[key] = rule.id

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "rules": [r.to_dict() for r in self.rules]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleSet:
        return cls(version=data["version"], rules=tuple(RoutingRule.from_dict(r) for r in data["rules"]))


@dataclass(frozen=True)
class RoutingDecision:
    rule_id: str
    rule_version: int
    lead: str
    assist: tuple[str, ...]
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "rule_version": self.rule_version,
            "lead": self.lead,
            "assist": list(self.assist),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class _Match:
    rule: RoutingRule
    subcategory: bool  # matched on the 小类 itself (else on its 大类)
    position: int  # index of the scope in the jurisdiction chain
    chain_length: int

    @property
    def rank(self) -> tuple[int, int, str]:
        return (0 if self.subcategory else 1, self.position, self.rule.id)

    @property
    def level(self) -> tuple[str, str]:
        from_end = self.chain_length - self.position
        return _LEVELS_FROM_END[from_end - 1] if from_end <= len(_LEVELS_FROM_END) else _GRID


def _matches(rule_set: RuleSet, category: str, major: str, chain: Sequence[str]) -> list[_Match]:
    positions: dict[str, int] = {}
    for index, code in enumerate(chain):
        positions.setdefault(code, index)
    found = []
    for rule in rule_set.rules:
        if rule.scope not in positions or rule.category not in (category, major):
            continue
        found.append(_Match(rule, rule.category == category, positions[rule.scope], len(chain)))
    return sorted(found, key=lambda m: m.rank)


def _explain(
    match: _Match,
    version: int,
    assist: Sequence[str],
    total: int,
    skipped: Sequence[_Match],
) -> str:
    rule = match.rule
    level_zh, level_en = match.level
    kind_zh, kind_en = ("小类", "sub-category") if match.subcategory else ("大类", "major category")
    head = f"{rule.id} (v{version})"
    zh = f"规则 {head}: {kind_zh} {rule.category} 在 {level_zh} {rule.scope} → 牵头 {rule.lead}"
    en = f"rule {head}: {kind_en} {rule.category} in {level_en} {rule.scope} → lead {rule.lead}"
    if assist:
        zh += f"，协办 {'、'.join(assist)}"
        en += f", assist {', '.join(assist)}"
    if total > 1:
        zh += f"（{total} 条匹配规则中最具体的一条）"
        en += f" (the most specific of {total} matching rules)"
    if skipped:
        leads = "、".join(dict.fromkeys(m.rule.lead for m in skipped))
        ids_zh, ids_en = "、".join(m.rule.id for m in skipped), ", ".join(m.rule.id for m in skipped)
        zh += f"；跳过规则 {ids_zh}（牵头部门 {leads} 已排除，如已退单）"
        en += f"; skipped rules {ids_en} (lead {leads} excluded, e.g. returned)"
    if rule.note:
        zh += f"。{rule.note}"
    return f"{zh} / {en}"


def _decision(
    match: _Match,
    version: int,
    exclude: Collection[str],
    total: int,
    skipped: Sequence[_Match] = (),
) -> RoutingDecision:
    assist = tuple(d for d in match.rule.assist if d not in exclude and d != match.rule.lead)
    return RoutingDecision(
        rule_id=match.rule.id,
        rule_version=version,
        lead=match.rule.lead,
        assist=assist,
        explanation=_explain(match, version, assist, total, skipped),
    )


def candidates(
    rule_set: RuleSet,
    *,
    category: str,
    major: str,
    jurisdiction_chain: Sequence[str],
) -> list[RoutingDecision]:
    """Every rule that covers the report, the most specific first.

    `jurisdiction_chain` lists the report's jurisdictions most specific first:
    [grid, parent grids…, community, street, district].
    """
    found = _matches(rule_set, category, major, jurisdiction_chain)
    return [_decision(m, rule_set.version, (), len(found)) for m in found]


def route(
    rule_set: RuleSet,
    *,
    category: str,
    major: str,
    jurisdiction_chain: Sequence[str],
    exclude: Collection[str] = (),
) -> RoutingDecision | None:
    """The most specific rule whose lead is not excluded (departments that returned the case), or
    None: the report goes to triage. Excluded departments are also dropped from the assisting ones."""
    found = _matches(rule_set, category, major, jurisdiction_chain)
    excluded = frozenset(exclude)
    for index, match in enumerate(found):
        if match.rule.lead not in excluded:
            return _decision(match, rule_set.version, excluded, len(found), found[:index])
    return None
