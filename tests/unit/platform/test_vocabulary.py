"""The shared vocabulary is the only place that spells out statuses, and its overdue rule holds."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chuishao_shared.events.contracts import EVENT_DATA_MODELS
from chuishao_shared.events.forces_contracts import FORCES_EVENT_MODELS
from chuishao_shared.events.team_contracts import TEAM_EVENT_MODELS
from chuishao_shared.events.topic_contracts import TOPIC_EVENT_MODELS
from chuishao_shared.events.types import EventType
from chuishao_shared.vocabulary import (
    ASSIGNMENT_FINISHED,
    ASSIGNMENT_LIVE,
    ASSIGNMENT_STATUSES,
    AT_WORK,
    CASE_STATUSES,
    CLOCKED,
    EVENT_TYPES,
    FINISHED,
    LIVE,
    PERSON_EVENT_TYPES,
    REFERENCE_EVENT_TYPES,
    REPORT_OPEN,
    REPORT_STATUSES,
    UNSETTLED,
    is_overdue,
    next_deadline,
)

ROOT = Path(__file__).resolve().parents[3]
VOCABULARY = ROOT / "shared" / "chuishao_shared" / "vocabulary.py"
STATUS_WORDS = frozenset(CASE_STATUSES) | frozenset(ASSIGNMENT_STATUSES) | frozenset(REPORT_STATUSES)
# Two statuses written as SQL literals next to each other: `IN ('triage', 'dispatched')`.
_WORD = "|".join(sorted(STATUS_WORDS))
SQL_LIST = re.compile(rf"'({_WORD})'\s*,\s*'({_WORD})'")


def production_modules() -> list[Path]:
    """Every module of the shared library and the services, except the vocabulary itself and the
    migrations (a migration is history: it keeps the words it was written with)."""
    paths = [*(ROOT / "shared").rglob("*.py"), *(ROOT / "services").rglob("*.py")]
    return sorted(p for p in paths if p != VOCABULARY and "migrations" not in p.parts)


def spelled_out_lists(path: Path, root: Path = ROOT) -> list[str]:
    """Tuples, lists, sets and Literal[...] of two or more status words and nothing else, and SQL lists
    of them. (A tuple of other names that happen to include a status word, like the statistics'
    measures `returned` and `closed`, is not a status list.)"""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        elements: list[ast.expr] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            elements = list(node.elts)
        strings = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        words = [w for w in strings if w in STATUS_WORDS]
        if len(words) >= 2 and len(words) == len(strings):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {words}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_LIST.search(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno}: SQL {node.value[:60]!r}")
    return found


def test_no_module_outside_the_vocabulary_spells_out_a_list_of_statuses() -> None:
    modules = production_modules()
    assert len(modules) > 50  # the scan really walks the services
    offenders = [hit for path in modules for hit in spelled_out_lists(path)]
    assert offenders == [], "import the sets from chuishao_shared.vocabulary instead:\n" + "\n".join(offenders)


def test_the_scan_catches_a_tuple_a_literal_and_an_sql_list(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import Literal\n"
        "OPEN = ('triage', 'dispatched')\n"
        "Kind = Literal['closed', 'cancelled']\n"
        "SQL = \"SELECT 1 FROM cases WHERE status IN ('resolved', 'closed')\"\n"
    )
    assert len(spelled_out_lists(sample, tmp_path)) == 3


def test_the_sets_partition_the_statuses() -> None:
    assert LIVE | FINISHED == set(CASE_STATUSES) and not LIVE & FINISHED
    assert AT_WORK < UNSETTLED < LIVE
    assert ASSIGNMENT_LIVE | ASSIGNMENT_FINISHED == set(ASSIGNMENT_STATUSES)
    assert REPORT_OPEN < set(REPORT_STATUSES)
    assert set(EventType) == set(EVENT_DATA_MODELS), "every event type has one contract"
    # The types pages name (with words) and the wordless groups (the directory; the community's units,
    # orders, activities, projects, teams and 议事, which their own screens name) split the contracts.
    wordless = [PERSON_EVENT_TYPES, REFERENCE_EVENT_TYPES, TOPIC_EVENT_MODELS, FORCES_EVENT_MODELS, TEAM_EVENT_MODELS]
    groups = [set(EVENT_TYPES), *(set(group) for group in wordless)]
    assert set().union(*groups) == set(EVENT_DATA_MODELS)
    assert sum(len(group) for group in groups) == len(EVENT_DATA_MODELS), "an event type in two groups"


T = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", CASE_STATUSES)
def test_only_a_case_at_work_with_a_passed_owed_deadline_is_overdue(status: str) -> None:
    # "At work" for the departments, or waiting in triage for the dispatcher: both have a clock.
    due = next_deadline(status, [T + timedelta(hours=2), None, T])
    if status in CLOCKED:
        assert due == T
        assert is_overdue(status, due, T + timedelta(seconds=1))
        assert not is_overdue(status, due, T)  # due at the instant is not yet late
    else:
        assert due is None
    assert not is_overdue(status, None, T + timedelta(days=1))
    assert is_overdue(status, T, T + timedelta(seconds=1)) == (status in CLOCKED)
    assert CLOCKED == AT_WORK | {"triage"}
