"""The week simulation of `make bench` (bench/escalation_week.py, issue 25): fast and pure, so tested
here rather than in the bench smoke: the report's shape, its sums, and a seeded run repeated exactly."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from escalation_week import main, simulate  # noqa: E402

from chuishao_notify.domain.escalation_stats import REACHED  # noqa: E402


def test_a_seeded_week_is_deterministic_and_its_report_adds_up() -> None:
    first = simulate(seed=7, cases=120)
    assert simulate(seed=7, cases=120) == first
    assert simulate(seed=8, cases=120) != first

    assert first["cases"] == 120 and first["acknowledged"] + first["never"] == 120
    assert [r["step"] for r in first["by_reached"]] == list(REACHED)
    assert sum(r["count"] for r in first["by_reached"]) == 120
    assert first["first_person_share"] == first["by_reached"][0]["share"]

    steps = first["by_step"]
    assert [s["position"] for s in steps] == list(range(len(steps))) and len(steps) == 8  # 4 steps, once repeated
    assert steps[0]["kind"] == "level" and steps[0]["taken"] == steps[0]["told"] == 120  # level 1: never a gap
    assert steps[1]["told"] == 0 and steps[1]["skipped"] == steps[1]["taken"]  # level 2: a gap in the demo rosters
    assert steps[2]["taken"] == steps[1]["taken"]  # straight on to the head
    assert all(a["taken"] >= b["taken"] for a, b in zip(steps, steps[1:], strict=False))
    assert sum(s["acknowledged_here"] for s in steps) == first["acknowledged"]
    for s in steps:
        if s["acknowledged_here"]:
            assert s["median_minutes"] <= s["p90_minutes"]
    assert {"working_hours", "nights_and_weekends"} == set(first["by_period"])
    assert sum(p["cases"] for p in first["by_period"].values()) == 120


def test_the_command_writes_the_json_it_prints(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "week.json"
    assert main(["--seed", "3", "--cases", "60", "--output", str(output)]) == 0
    written = json.loads(output.read_text())
    assert written["cases"] == 60 and written["elapsed_seconds"] < 10
    assert "first person told" in capsys.readouterr().out
