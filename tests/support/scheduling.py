"""Longest module first: how `make test` shares a tier's modules among its xdist workers.

xdist's `worksteal` hands each worker a contiguous quarter of the collection and lets idle workers steal
the tail of the longest queue, counted in tests, not seconds: a 45-s test that came up late (the
benchmark's smoke run, the authorization matrix) ran alone at the end while the other workers idled,
and a module's tests could be split between workers, each setting its module fixtures up again.

Here a module is one unit of work (its module-scoped fixtures are set up once) and an idle worker is
always given the longest module still waiting: greedy longest-processing-time-first, which leaves the
short modules to fill the end. Seconds per module come from the last run on this machine
(test-artifacts/module-seconds.json, written at the end of every run), else from the committed
tests/module-seconds.json; a module in neither is guessed from its number of tests."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

ROOT = Path(__file__).resolve().parents[2]
MEASURED = ROOT / "test-artifacts" / "module-seconds.json"
COMMITTED = ROOT / "tests" / "module-seconds.json"
# A module nobody has timed: a pure test takes milliseconds, one with services a few seconds.
GUESS_SECONDS_PER_TEST = {"unit": 0.05, "other": 4.0}


def module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def known_seconds() -> dict[str, float]:
    seconds: dict[str, float] = {}
    for path in (COMMITTED, MEASURED):  # the measured file wins where both know a module
        try:
            seconds.update(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue
    return seconds


class LongestModuleFirst(LoadScopeScheduling):
    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        self.seconds = known_seconds()

    def _split_scope(self, nodeid: str) -> str:
        return module_of(nodeid)

    def _weight(self, scope: str) -> float:
        if scope in self.seconds:
            return self.seconds[scope]
        tests = len(self.workqueue[scope])
        return tests * GUESS_SECONDS_PER_TEST["unit" if "/unit/" in f"/{scope}" else "other"]

    def _assign_work_unit(self, node: Any) -> None:
        longest = max(self.workqueue, key=self._weight)
        self.workqueue.move_to_end(longest, last=False)
        super()._assign_work_unit(node)


class ModuleSeconds:
    """In the controlling process: each module's seconds (setup, call and teardown of its tests), written
    to test-artifacts/module-seconds.json when the run ends, merged into what earlier runs measured."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[module_of(report.nodeid)] += report.duration

    @pytest.hookimpl
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.seconds:
            return
        try:
            merged = json.loads(MEASURED.read_text())
        except (OSError, ValueError):
            merged = {}
        merged.update({module: round(seconds, 2) for module, seconds in self.seconds.items()})
        MEASURED.parent.mkdir(exist_ok=True)
        written = MEASURED.with_suffix(f".{os.getpid()}.tmp")  # two tiers may finish at once: never half a file
        written.write_text(json.dumps(dict(sorted(merged.items())), indent=1) + "\n")
        written.replace(MEASURED)
