"""Reference data changed at run time (PRODUCT.md §9): a change set's content, its validation with an error
per field, its diff against the version in force, and YAML export and import in the files' own format.

A version's *content* is the five reference documents exactly as the YAML files hold them, parsed, keyed by
the file's stem (`jurisdictions`, `departments`, `sla_policies`, `categories`, `routing_rules`) and made
JSON-plain (dates and times as ISO text). The grids' geometry stays in the data directory: a change set
does not carry it, but its jurisdictions are checked against it (a grid moved under another parent where
it overlaps a sibling is refused). Pure functions only: dispatch stores, approves and publishes versions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from chuishao_shared.reference.loader import (
    DOCUMENT_FILES,
    ReferenceData,
    ReferenceDataError,
    _UniqueKeyLoader,
    read_documents,
    reference_from_documents,
)

DOCUMENTS: tuple[str, ...] = tuple(DOCUMENT_FILES)
_FILE_TO_DOCUMENT = {file: name for name, file in DOCUMENT_FILES.items()}
Content = dict[str, Any]
FieldProblem = dict[str, str]  # {"field": "sla_policies.standard.acknowledge_within_minutes.minor", "message"}


def plain(value: Any) -> Any:
    """JSON-plain: dates as YYYY-MM-DD, times as HH:MM (HH:MM:SS when seconds matter), tuples as lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M") if value.second == 0 else value.isoformat()
    return value


def content_of_dir(data_dir: Path | str | None = None) -> Content:
    """The content of a data directory's five files (the version a city starts from)."""
    return plain(read_documents(data_dir))  # type: ignore[no-any-return]


# --- validation -------------------------------------------------------------------------------------


def field_of(problem: Mapping[str, str]) -> FieldProblem:
    """A loader problem (file, entry, field, message) as an API error naming one field:
    `<document>.<entry>.<field>` (e.g. `routing_rules.xy.env.lead`)."""
    document = _FILE_TO_DOCUMENT.get(problem["file"], problem["file"].removesuffix(".yaml"))
    parts = [document, problem.get("entry", ""), problem.get("field", "")]
    return {"field": ".".join(p for p in parts if p), "message": problem["message"]}


def merged(proposed: Mapping[str, Any], in_force: Content) -> tuple[Content, list[FieldProblem]]:
    """The proposed documents over the ones in force: a change set names only the documents it changes."""
    problems = [
        {"field": f"content.{name}", "message": f"unknown document {name!r}; one of {', '.join(DOCUMENTS)}"}
        for name in proposed
        if name not in DOCUMENTS
    ]
    content = {name: plain(proposed[name]) if name in proposed else in_force[name] for name in DOCUMENTS}
    return content, problems


def _routes(content: Content) -> tuple[dict[str, str], set[str]]:
    """The 小类 of the content with their 大类, and the 小类 some rule routes (by itself or its 大类). Read from
    the documents as they are, so a change set with other problems still hears about its unrouted ones."""
    majors: dict[str, str] = {}
    for entry in _entries("categories", content.get("categories")).values():
        if isinstance(entry, Mapping) and "major" in entry:
            majors[str(entry.get("code"))] = str(entry["major"])
    named = {str(r.get("category")) for r in _entries("routing_rules", content.get("routing_rules")).values()}
    return majors, {code for code, major in majors.items() if code in named or major in named}


def validate(
    proposed: Mapping[str, Any],
    in_force: Content,
    in_force_reference: ReferenceData | None,
    geometry_dir: Path | str | None = None,
) -> tuple[Content, ReferenceData | None, list[FieldProblem]]:
    """Check a change set's content against the version in force: every problem the loader finds (unknown
    codes, an SLA limit that is not positive, an overlapping grid, a rule naming a department that does not
    exist …), and a category left without any route that had one (or a new category no rule covers).
    Returns the merged content, the reference data it makes (None when refused) and the problems."""
    content, problems = merged(proposed, in_force)
    if problems:
        return content, None, problems
    reference: ReferenceData | None = None
    try:
        reference = reference_from_documents(content, geometry_dir)
    except ReferenceDataError as error:
        problems = [field_of(p) for p in error.problems]
    except (TypeError, ValueError, AttributeError) as error:  # a shape the loader's models did not expect
        return content, None, [{"field": "content", "message": f"malformed content: {error}"}]
    if in_force_reference is not None:
        _, before = _routes(in_force)
        majors, after = _routes(content)
        for code, major in majors.items():
            known = code in in_force_reference.categories
            if code not in after and (code in before or not known):
                why = "it is routed today" if known else "it is new"
                problems.append(
                    {
                        "field": f"categories.{code}",
                        "message": f"no routing rule covers {code} (nor its 大类 {major}), and {why}: "
                        "add a rule for it or its 大类",
                    }
                )
    return content, (None if problems else reference), problems


# --- diff -------------------------------------------------------------------------------------------


def _entries(name: str, doc: Any) -> dict[str, Any]:
    """A document's entries by key: items by code, rules by id, 大类 and 小类 by code, the calendar's
    settings by name."""
    if not isinstance(doc, Mapping):
        return {}
    out: dict[str, Any] = {}

    def listed(key: str) -> list[Any]:
        value = doc.get(key)
        return value if isinstance(value, list) else []

    if name == "routing_rules":
        for rule in listed("rules"):
            if isinstance(rule, Mapping):
                out[str(rule.get("id"))] = dict(rule)
        return out
    for item in listed("items"):
        if not isinstance(item, Mapping):
            continue
        if name == "categories":
            found = item.get("children")
            children: list[Any] = found if isinstance(found, list) else []
            out[str(item.get("code"))] = {k: v for k, v in item.items() if k != "children"}
            for child in children:
                if isinstance(child, Mapping):
                    out[str(child.get("code"))] = {**child, "major": item.get("code")}
        else:
            out[str(item.get("code"))] = dict(item)
    if name == "sla_policies":
        for key in ("timezone", "working_hours"):
            out[f"calendar.{key}"] = {"value": doc.get(key)}
        for key in ("holidays", "makeup_workdays"):
            for day in listed(key):
                out[f"calendar.{key}.{day}"] = {"date": day}
    return out


def diff(before: Content, after: Content) -> list[dict[str, Any]]:
    """What a change set changes, entry by entry: `{document, entry, change: added|removed|changed,
    fields: {name: {"from", "to"}}}` (fields only for a change). Equal content gives an empty list."""
    changes: list[dict[str, Any]] = []
    for name in DOCUMENTS:
        old, new = _entries(name, plain(before.get(name))), _entries(name, plain(after.get(name)))
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                changes.append({"document": name, "entry": key, "change": "removed", "fields": {}})
            elif key not in old:
                changes.append({"document": name, "entry": key, "change": "added", "fields": {}, "value": new[key]})
            elif old[key] != new[key]:
                fields = {
                    f: {"from": old[key].get(f), "to": new[key].get(f)}
                    for f in [*old[key], *(f for f in new[key] if f not in old[key])]
                    if old[key].get(f) != new[key].get(f)
                }
                changes.append({"document": name, "entry": key, "change": "changed", "fields": fields})
    return changes


# --- YAML -------------------------------------------------------------------------------------------


# The files' own order of keys (a stored version comes back from JSONB with its keys reordered).
_KEY_ORDER = {
    key: i
    for i, key in enumerate(
        (
            "version timezone working_hours start end weekdays holidays makeup_workdays items rules id code name "
            "name_en level parent kind jurisdiction households grid_level category scope lead assist note clock "
            "acknowledge_within_minutes resolve_within_minutes triage_within_minutes default_severity sla_policy "
            "community_forces children minor major emergency"
        ).split()
    )
}


def _ordered(value: Any) -> Any:
    if isinstance(value, Mapping):
        keys = sorted(value, key=lambda k: (_KEY_ORDER.get(k, len(_KEY_ORDER)), k))
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def to_yaml(content: Content) -> dict[str, str]:
    """Each document as the text of its file (`sla_policies.yaml` …), loadable by `load_reference`."""
    return {
        DOCUMENT_FILES[name]: yaml.safe_dump(_ordered(content[name]), allow_unicode=True, sort_keys=False, width=120)
        for name in DOCUMENTS
        if name in content
    }


def from_yaml(files: Mapping[str, str]) -> tuple[Content, list[FieldProblem]]:
    """Parse uploaded files (by file name, e.g. `categories.yaml`) into proposed documents; a file that is
    not one of the five or does not parse is a problem naming it."""
    content: Content = {}
    problems: list[FieldProblem] = []
    for file, text in files.items():
        name = _FILE_TO_DOCUMENT.get(file, file if file in DOCUMENTS else "")
        if not name:
            problems.append(
                {
                    "field": f"files.{file}",
                    "message": f"not a reference file; one of {', '.join(DOCUMENT_FILES.values())}",
                }
            )
            continue
        try:
            content[name] = plain(yaml.load(text, Loader=_UniqueKeyLoader))  # a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problems.append({"field": f"files.{file}", "message": f"YAML syntax error{where}: {exc.problem or exc}"})
        except (yaml.YAMLError, TypeError, ValueError, RecursionError) as exc:  # e.g. an unhashable key
            problems.append({"field": f"files.{file}", "message": f"YAML error: {exc}"})
    return content, problems
