"""make test's scheduler (tests/support/scheduling.py): whole modules, the longest still waiting first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import support.scheduling as scheduling
from support.scheduling import LongestModuleFirst, ModuleSeconds


class FakeConfig:
    option = type("Options", (), {"loadscopereorder": False})()

    def getvalue(self, name: str) -> Any:
        return {"tx": ["2*popen"]}[name]

    def getoption(self, name: str) -> Any:
        return False


class FakeNode:
    def __init__(self, name: str) -> None:
        self.name, self.sent, self.shutting_down = name, [], False
        self.gateway = type("Gateway", (), {"id": name})()

    def send_runtest_some(self, indexes: list[int]) -> None:
        self.sent.append(indexes)

    def shutdown(self) -> None:
        self.shutting_down = True


COLLECTION = [
    "tests/unit/test_a.py::test_one",
    "tests/unit/test_a.py::test_two",
    "tests/integration/test_slow.py::test_x[1]",
    "tests/integration/test_slow.py::test_x[2]",
    "tests/integration/test_mid.py::test_y",
    "tests/integration/test_new.py::test_z",
]


def test_each_idle_worker_gets_the_longest_module_still_waiting_and_a_module_stays_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        scheduling,
        "known_seconds",
        lambda: {"tests/integration/test_slow.py": 40.0, "tests/integration/test_mid.py": 10.0},
    )
    scheduler = LongestModuleFirst(FakeConfig())  # type: ignore[arg-type]
    first, second = FakeNode("gw0"), FakeNode("gw1")
    for node in (first, second):
        scheduler.add_node(node)  # type: ignore[arg-type]
        scheduler.add_node_collection(node, COLLECTION)  # type: ignore[arg-type]
    scheduler.schedule()

    sent = [[COLLECTION[i] for i in batch] for node in (first, second) for batch in node.sent]
    # Measured 40 s, then 10 s; the untimed module with services guessed at 4 s a test; pure tests last.
    assert [node.sent[0] for node in (first, second)] == [[2, 3], [4]]
    assert sent[0] == ["tests/integration/test_slow.py::test_x[1]", "tests/integration/test_slow.py::test_x[2]"]
    order = [COLLECTION[batch[0]].split("::")[0] for node in (first, second) for batch in node.sent]
    assert sorted(order) == sorted({c.split("::")[0] for c in COLLECTION})  # every module once, whole


def test_module_seconds_are_summed_per_module_and_merged_into_the_last_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    measured = tmp_path / "module-seconds.json"
    measured.write_text(json.dumps({"tests/integration/test_old.py": 3.0, "tests/unit/test_a.py": 9.0}))
    monkeypatch.setattr(scheduling, "MEASURED", measured)
    recorder = ModuleSeconds()
    for nodeid, duration in (("tests/unit/test_a.py::test_one", 0.25), ("tests/unit/test_a.py::test_two", 0.5)):
        recorder.pytest_runtest_logreport(type("Report", (), {"nodeid": nodeid, "duration": duration})())  # type: ignore[arg-type]
    recorder.pytest_sessionfinish(None, 0)  # type: ignore[arg-type]
    assert json.loads(measured.read_text()) == {"tests/integration/test_old.py": 3.0, "tests/unit/test_a.py": 0.75}
