"""Load and validate the reference data files.

Validation collects every problem across all five files before raising, so an admin fixing a
data set sees the whole list at once instead of one error per restart. Cross-file checks are
skipped when the file they depend on could not be read, to avoid a cascade of follow-on errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chuishao_shared.reference.geography import GEOMETRY_FILE, Geography, load_geography
from chuishao_shared.reference.holidays import library_calendar, with_overrides
from chuishao_shared.reference.models import (
    Category,
    CategoryKind,
    Code,
    Department,
    Jurisdiction,
    MajorCategory,
    Name,
    PolicyCode,
    RoutingRuleData,
    RuleSetData,
    SlaPolicy,
    WorkCalendar,
)
from chuishao_shared.vocabulary import SEVERITIES, Severity

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"

JURISDICTIONS_FILE = "jurisdictions.yaml"
DEPARTMENTS_FILE = "departments.yaml"
SLA_FILE = "sla_policies.yaml"
CATEGORIES_FILE = "categories.yaml"
RULES_FILE = "routing_rules.yaml"

# Which parent level each level may hang under; a grid under a grid is a sub-grid.
_PARENT_LEVELS: dict[str, tuple[str, ...]] = {
    "street": ("district",),
    "community": ("street",),
    "grid": ("community", "grid"),
}
_MAX_GRID_DEPTH = 3

Problem = dict[str, str]  # keys: file, entry, field, message
M = TypeVar("M", bound=BaseModel)


class ReferenceDataError(ValueError):
    """The reference data (or a proposed rule set) is invalid; `.problems` lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"invalid reference data ({len(self.problems)} problem(s)):"]
        for p in self.problems:
            where = " ".join(part for part in (f"[{p['entry']}]" if p["entry"] else "", p["field"]) if part)
            lines.append(f"  {p['file']}: {where}: {p['message']}" if where else f"  {p['file']}: {p['message']}")
        return "\n".join(lines)


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        # Codes of entries that failed their own checks: references to them are not reported
        # again as "unknown", which would only bury the real problem.
        self.broken: set[str] = set()

    def add(self, file: str, entry: str, field: str, message: str) -> None:
        self.items.append({"file": file, "entry": entry, "field": field, "message": message})

    def validate(self, model: type[M], raw: Any, file: str, entry: str) -> M | None:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"])
                message = err["msg"]
                if err["loc"] and not isinstance(err["input"], Mapping | list):
                    message += f" (got {err['input']!r})"
                self.add(file, entry, field, message)
            self.broken.add(entry)
            return None


# --- file-level shapes (the public models describe the loaded result, these the files) ----------


class _FileModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _ItemsFile(_FileModel):
    items: list[Any]


class _CategoryEntry(_FileModel):
    code: Code
    name: Name
    name_en: Name
    kind: CategoryKind
    default_severity: Severity
    sla_policy: PolicyCode
    community_forces: PolicyCode | None = None


class _MajorEntry(_FileModel):
    code: Code
    name: Name
    name_en: Name
    children: list[Any] = Field(min_length=1)


class _WorkingHours(_FileModel):
    start: time
    end: time
    weekdays: list[int]


class _SlaFile(_FileModel):
    items: list[Any]
    timezone: str
    working_hours: _WorkingHours
    holidays: list[date] = []
    makeup_workdays: list[date] = []


class _RulesFile(_FileModel):
    version: int
    rules: list[Any]


# libyaml's parser where PyYAML was built with it (the wheels are): the pure-Python one spent about
# 0.4 s of CPU per service start on these files, a fifth of an integration test's CPU.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """PyYAML keeps the last of two equal keys; a data file with one is almost always a mistake."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_UNREADABLE = object()  # the file could not be read or parsed; the problem is already recorded


def _read_yaml(path: Path, problems: _Problems) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        problems.add(path.name, "", "", f"cannot read file: {exc.strerror or exc}")
        return _UNREADABLE
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.add(path.name, where, "", f"YAML syntax error: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        problems.add(path.name, "", "", f"YAML error: {exc}")
    return _UNREADABLE


def _entry_name(raw: Any, key: str, index: int, container: str = "items") -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get(key), str):
        return str(raw[key])
    return f"{container}[{index}]"


def _file_problems(problems: _Problems, model: type[M], doc: Any, file: str) -> M | None:
    if doc is _UNREADABLE:
        return None
    if not isinstance(doc, Mapping):
        problems.add(file, "", "", "the file must hold a mapping at the top level")
        return None
    return problems.validate(model, doc, file, "")


# --- loaders per file ------------------------------------------------------------------------------


def _load_jurisdictions(doc: Any, p: _Problems) -> dict[str, Jurisdiction] | None:
    f = JURISDICTIONS_FILE
    shape = _file_problems(p, _ItemsFile, doc, f)
    if shape is None:
        return None
    nodes: dict[str, Jurisdiction] = {}
    for i, raw in enumerate(shape.items):
        node = p.validate(Jurisdiction, raw, f, _entry_name(raw, "code", i))
        if node is None:
            continue
        if node.code in nodes:
            p.add(f, node.code, "code", f"duplicate jurisdiction code {node.code!r}")
        else:
            nodes[node.code] = node

    for node in nodes.values():
        if node.level == "district":
            if node.parent is not None:
                p.add(f, node.code, "parent", "a district has no parent (parent must be null)")
            continue
        if node.parent is None:
            p.add(f, node.code, "parent", f"a {node.level} needs a parent")
        elif node.parent not in nodes:
            if node.parent not in p.broken:
                p.add(f, node.code, "parent", f"unknown parent {node.parent!r}")
        elif nodes[node.parent].level not in _PARENT_LEVELS[node.level]:
            allowed = " or ".join(_PARENT_LEVELS[node.level])
            p.add(
                f,
                node.code,
                "parent",
                f"a {node.level} must sit under a {allowed}, but {node.parent!r} is a {nodes[node.parent].level}",
            )
        if node.grid_level is not None and node.level != "grid":
            p.add(f, node.code, "grid_level", "grid_level applies only to grids")

    in_cycle: set[str] = set()
    for start in nodes:
        path: list[str] = []
        code: str | None = start
        while code is not None and code in nodes and code not in in_cycle:
            if code in path:
                cycle = path[path.index(code) :]
                in_cycle.update(cycle)
                p.add(f, code, "parent", "cycle in parents: " + " -> ".join([*cycle, code]))
                break
            path.append(code)
            code = nodes[code].parent

    # Fill in grid_level from the depth below the community (一级 = directly under it).
    for code, node in list(nodes.items()):
        if node.level != "grid" or code in in_cycle:
            continue
        depth, parent = 1, node.parent
        while parent in nodes and nodes[parent].level == "grid" and parent not in in_cycle:
            depth, parent = depth + 1, nodes[parent].parent
        if depth > _MAX_GRID_DEPTH:
            p.add(
                f,
                code,
                "parent",
                f"sub-grids nest at most {_MAX_GRID_DEPTH} levels deep (this is level {depth})",
            )
        elif node.grid_level is not None and node.grid_level != depth:
            p.add(
                f,
                code,
                "grid_level",
                f"grid_level {node.grid_level} does not match its position (level {depth})",
            )
        else:
            nodes[code] = node.model_copy(update={"grid_level": depth})
    return nodes


def _load_departments(
    doc: Any, p: _Problems, jurisdictions: Mapping[str, Jurisdiction] | None
) -> dict[str, Department] | None:
    f = DEPARTMENTS_FILE
    shape = _file_problems(p, _ItemsFile, doc, f)
    if shape is None:
        return None
    departments: dict[str, Department] = {}
    for i, raw in enumerate(shape.items):
        dept = p.validate(Department, raw, f, _entry_name(raw, "code", i))
        if dept is None:
            continue
        if dept.code in departments:
            p.add(f, dept.code, "code", f"duplicate department code {dept.code!r}")
            continue
        departments[dept.code] = dept
        if jurisdictions is not None and dept.jurisdiction not in jurisdictions.keys() | p.broken:
            p.add(f, dept.code, "jurisdiction", f"unknown jurisdiction {dept.jurisdiction!r}")
    return departments


def _load_sla(doc: Any, p: _Problems) -> tuple[dict[str, SlaPolicy] | None, WorkCalendar | None]:
    f = SLA_FILE
    shape = _file_problems(p, _SlaFile, doc, f)
    if shape is None:
        return None, None
    policies: dict[str, SlaPolicy] = {}
    for i, raw in enumerate(shape.items):
        policy = p.validate(SlaPolicy, raw, f, _entry_name(raw, "code", i))
        if policy is None:
            continue
        if policy.code in policies:
            p.add(f, policy.code, "code", f"duplicate SLA policy code {policy.code!r}")
            continue
        policies[policy.code] = policy
        for field in ("acknowledge_within_minutes", "resolve_within_minutes"):
            limits: dict[Severity, int] = getattr(policy, field)
            for severity in SEVERITIES:
                if severity not in limits:
                    p.add(f, policy.code, f"{field}.{severity}", f"missing severity {severity!r}")
        for severity in SEVERITIES:
            ack = policy.acknowledge_within_minutes.get(severity)
            res = policy.resolve_within_minutes.get(severity)
            if ack is not None and res is not None and res < ack:
                p.add(
                    f,
                    policy.code,
                    f"resolve_within_minutes.{severity}",
                    "resolve limit is shorter than acknowledge",
                )

    hours = shape.working_hours
    calendar = p.validate(
        WorkCalendar,
        {
            "timezone": shape.timezone,
            "start": hours.start,
            "end": hours.end,
            "weekdays": hours.weekdays,
            "holidays": shape.holidays,
            "makeup_workdays": shape.makeup_workdays,
        },
        f,
        "calendar",
    )
    if calendar is not None:
        try:
            ZoneInfo(calendar.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            p.add(f, "calendar", "timezone", f"unknown time zone {calendar.timezone!r}")
        if calendar.start >= calendar.end:
            p.add(f, "calendar", "working_hours.end", "working hours must end after they start")
        for day in sorted(calendar.holidays & calendar.makeup_workdays):
            p.add(f, "calendar", "makeup_workdays", f"{day.isoformat()} is also listed as a holiday")
        for day in sorted(calendar.makeup_workdays):
            if day.isoweekday() in calendar.weekdays:
                p.add(f, "calendar", "makeup_workdays", f"{day.isoformat()} is already a working weekday")
        # The YAML's lists are local overrides of the maintained national calendar.
        china = with_overrides(library_calendar(), calendar.holidays, calendar.makeup_workdays)
        calendar = calendar.model_copy(
            update={
                "holidays": china.holidays,
                "makeup_workdays": china.makeup_workdays,
                "covered_until": china.covered_until,
                "estimated_holidays": china.estimated_holidays,
            }
        )
    return policies, calendar


def _load_categories(
    doc: Any, p: _Problems, policies: Mapping[str, SlaPolicy] | None
) -> tuple[dict[str, Category] | None, dict[str, MajorCategory] | None]:
    f = CATEGORIES_FILE
    shape = _file_problems(p, _ItemsFile, doc, f)
    if shape is None:
        return None, None
    categories: dict[str, Category] = {}
    majors: dict[str, MajorCategory] = {}
    seen: set[str] = set()  # 大类 and 小类 share one code space: a rule names either
    for i, raw in enumerate(shape.items):
        major = p.validate(_MajorEntry, raw, f, _entry_name(raw, "code", i))
        if major is None:
            continue
        if major.code in seen:
            p.add(f, major.code, "code", f"duplicate category code {major.code!r}")
        seen.add(major.code)
        children: list[str] = []
        for j, child_raw in enumerate(major.children):
            entry = _entry_name(child_raw, "code", j, f"{major.code}.children")
            child = p.validate(_CategoryEntry, child_raw, f, entry)
            if child is None:
                continue
            category = Category(**child.model_dump(), major=major.code)
            if category.code in seen:
                p.add(f, category.code, "code", f"duplicate category code {category.code!r}")
                continue
            seen.add(category.code)
            children.append(category.code)
            categories[category.code] = category
            if policies is not None and category.sla_policy not in policies.keys() | p.broken:
                p.add(f, category.code, "sla_policy", f"unknown SLA policy {category.sla_policy!r}")
        if major.code not in majors:
            majors[major.code] = MajorCategory(
                code=major.code, name=major.name, name_en=major.name_en, children=tuple(children)
            )
    return categories, majors


def _load_rules(doc: Any, p: _Problems) -> RuleSetData | None:
    f = RULES_FILE
    shape = _file_problems(p, _RulesFile, doc, f)
    if shape is None:
        return None
    rules = [
        p.validate(RoutingRuleData, raw, f, _entry_name(raw, "id", i, "rules")) for i, raw in enumerate(shape.rules)
    ]
    return p.validate(RuleSetData, {"version": shape.version, "rules": [r for r in rules if r is not None]}, f, "")


def _rule_problems(
    rules: Iterable[RoutingRuleData],
    file: str,
    p: _Problems,
    jurisdictions: Mapping[str, Jurisdiction] | None,
    departments: Mapping[str, Department] | None,
    category_codes: set[str] | None,
) -> None:
    ids: set[str] = set()
    keys: dict[tuple[str, str], str] = {}
    for rule in rules:
        if rule.id in ids:
            p.add(file, rule.id, "id", f"duplicate rule id {rule.id!r}")
        ids.add(rule.id)
        key = (rule.category, rule.scope)
        if key in keys:
            p.add(
                file,
                rule.id,
                "category",
                f"rule {keys[key]!r} already routes {rule.category} in {rule.scope}",
            )
        else:
            keys[key] = rule.id
        if category_codes is not None and rule.category not in category_codes | p.broken:
            p.add(file, rule.id, "category", f"unknown category {rule.category!r}")
        scope_ok = jurisdictions is not None and rule.scope in jurisdictions
        if jurisdictions is not None and not scope_ok and rule.scope not in p.broken:
            p.add(file, rule.id, "scope", f"unknown jurisdiction {rule.scope!r}")
        if rule.lead in rule.assist:
            p.add(file, rule.id, "assist", f"lead department {rule.lead!r} is also listed as assisting")
        if len(set(rule.assist)) != len(rule.assist):
            p.add(file, rule.id, "assist", "a department is listed twice")
        if departments is None:
            continue
        # Only a scope whose ancestry is intact can be compared with a department's area.
        scope_chain = _partial_chain(jurisdictions, rule.scope) if jurisdictions and scope_ok else []
        if scope_chain and jurisdictions and jurisdictions[scope_chain[-1]].level != "district":
            scope_chain = []
        for field, dept_code in [
            ("lead", rule.lead),
            *((f"assist.{k}", a) for k, a in enumerate(rule.assist)),
        ]:
            dept = departments.get(dept_code)
            if dept is None:
                if dept_code not in p.broken:
                    p.add(file, rule.id, field, f"unknown department {dept_code!r}")
            elif (
                scope_chain
                and jurisdictions
                and dept.jurisdiction in jurisdictions
                and dept.jurisdiction not in scope_chain
            ):
                # A department can only be sent where it works: its area must contain the scope.
                p.add(
                    file,
                    rule.id,
                    field,
                    f"department {dept_code!r} serves {dept.jurisdiction!r}, which does not cover scope {rule.scope!r}",
                )


def _partial_chain(jurisdictions: Mapping[str, Jurisdiction], code: str) -> list[str]:
    """Like _chain, but stops at an unknown parent or a cycle: usable while data is still invalid."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in jurisdictions and current not in chain:
        chain.append(current)
        current = jurisdictions[current].parent
    return chain


def _chain(jurisdictions: Mapping[str, Jurisdiction], code: str) -> list[str]:
    chain: list[str] = []
    current: str | None = code
    while current is not None:
        if current not in jurisdictions:
            raise KeyError(current)
        chain.append(current)
        current = jurisdictions[current].parent
    return chain


# --- the result ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceData:
    jurisdictions: dict[str, Jurisdiction]
    departments: dict[str, Department]
    categories: dict[str, Category]  # 小类 only
    majors: dict[str, MajorCategory]  # 大类
    sla_policies: dict[str, SlaPolicy]
    calendar: WorkCalendar
    routing: RuleSetData
    # The grids' polygons and buildings (geometry.yaml), when the data set has them.
    geography: Geography | None = None

    def grids(self) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions.values() if j.level == "grid"]

    def communities(self) -> list[Jurisdiction]:
        return [j for j in self.jurisdictions.values() if j.level == "community"]

    def chain(self, code: str) -> list[str]:
        """`code` then its ancestors up to the district. Raises KeyError for an unknown code."""
        return _chain(self.jurisdictions, code)

    def community_of(self, grid_code: str) -> Jurisdiction:
        """The community a grid (or sub-grid) belongs to. KeyError if unknown, ValueError if not a grid."""
        if self.jurisdictions[grid_code].level != "grid":
            raise ValueError(f"{grid_code!r} is not a grid")
        return next(self.jurisdictions[c] for c in self.chain(grid_code) if self.jurisdictions[c].level == "community")

    def validate_rule_set(self, rules: RuleSetData, *, source: str = RULES_FILE) -> None:
        """Check a proposed rule set against this data; raises ReferenceDataError listing every problem."""
        p = _Problems()
        _rule_problems(rules.rules, source, p, self.jurisdictions, self.departments, {*self.categories, *self.majors})
        if p.items:
            raise ReferenceDataError(p.items)


DOCUMENT_FILES: dict[str, str] = {
    "jurisdictions": JURISDICTIONS_FILE,
    "departments": DEPARTMENTS_FILE,
    "sla_policies": SLA_FILE,
    "categories": CATEGORIES_FILE,
    "routing_rules": RULES_FILE,
}


def read_documents(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The five reference files of `data_dir` as parsed YAML documents, keyed by their stem (a change
    set's content has this shape). Raises ReferenceDataError when a file cannot be read or parsed."""
    base = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    p = _Problems()
    docs = {name: _read_yaml(base / file, p) for name, file in DOCUMENT_FILES.items()}
    if p.items:
        raise ReferenceDataError(p.items)
    return docs


def reference_from_documents(
    docs: Mapping[str, Any],
    geometry_dir: Path | str | None = None,
    *,
    geometry: bool = True,
    _earlier: _Problems | None = None,
) -> ReferenceData:
    """Validate the five documents (parsed YAML, or the same as JSON) together, with the grids' geometry of
    `geometry_dir` (default: the shipped set) checked against their jurisdictions; raises
    ReferenceDataError listing every problem."""
    base = Path(geometry_dir) if geometry_dir is not None else DEFAULT_DATA_DIR
    p = _earlier if _earlier is not None else _Problems()

    def doc(name: str) -> Any:
        if name not in docs:
            p.add(DOCUMENT_FILES[name], "", "", "missing")
            return _UNREADABLE
        return docs[name]

    jurisdictions = _load_jurisdictions(doc("jurisdictions"), p)
    departments = _load_departments(doc("departments"), p, jurisdictions)
    policies, calendar = _load_sla(doc("sla_policies"), p)
    categories, majors = _load_categories(doc("categories"), p, policies)
    routing = _load_rules(doc("routing_rules"), p)
    category_codes = {*categories, *majors} if categories is not None and majors is not None else None
    if routing is not None:
        _rule_problems(routing.rules, RULES_FILE, p, jurisdictions, departments, category_codes)
    geography = None
    if geometry and (base / GEOMETRY_FILE).exists() and jurisdictions is not None:
        geo_doc = _read_yaml(base / GEOMETRY_FILE, p)
        if geo_doc is not _UNREADABLE:
            geography = load_geography(
                (base / GEOMETRY_FILE).read_text(encoding="utf-8"), geo_doc, jurisdictions, p.add
            )
    if p.items:
        raise ReferenceDataError(p.items)
    # No problems recorded means every part loaded.
    assert jurisdictions is not None and departments is not None and policies is not None
    assert calendar is not None and categories is not None and majors is not None and routing is not None
    return ReferenceData(
        jurisdictions=jurisdictions,
        departments=departments,
        categories=categories,
        majors=majors,
        sla_policies=policies,
        calendar=calendar,
        routing=routing,
        geography=geography,
    )


# Parsed reference data by directory and its files' sizes and times: a process that starts several apps
# (the test suite starts hundreds) parses the same unchanged files once. ReferenceData is never changed
# in place (a new version is a new object), so one object can serve them all.
_LOADED: dict[tuple[Any, ...], ReferenceData] = {}
_LOADED_MAX = 8


def _files_key(base: Path) -> tuple[Any, ...] | None:
    try:
        stats = [(base / f).stat() for f in (*DOCUMENT_FILES.values(), GEOMETRY_FILE) if (base / f).exists()]
    except OSError:
        return None
    return (str(base.resolve()), *((s.st_mtime_ns, s.st_size, s.st_ino) for s in stats))


def load_reference(data_dir: Path | str | None = None) -> ReferenceData:
    """Read and validate the five reference files in `data_dir` (default: the shipped demo set), and
    the grids' geometry (`geometry.yaml`) where the directory has it."""
    base = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    key = _files_key(base)
    if key is not None and (loaded := _LOADED.get(key)) is not None:
        return loaded
    reference = _load_reference(base)
    if key is not None:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = reference
    return reference


def _load_reference(base: Path) -> ReferenceData:
    p = _Problems()
    docs = {name: _read_yaml(base / file, p) for name, file in DOCUMENT_FILES.items()}
    return reference_from_documents(docs, base, _earlier=p)
