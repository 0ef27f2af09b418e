"""`bench/city.py --smoke` (what `make bench` runs at full size) against the suite's own PostgreSQL and
broker: every phase runs once at toy size and bench/results/latest.json's shape is complete — every
key of issue 15 present and measured (a number, not null), the chart written. The figures of a smoke
run mean nothing; the real ones come from `make bench` (docs/benchmarks.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.infra import Infra

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))


STAGES = (
    "intake_answer",
    "answer_to_report_event_sent",
    "report_event_sent_to_case_committed",
    "case_committed_to_case_event_sent",
    "case_event_sent_to_board",
)


def test_bench_smoke_writes_every_key(infra: Infra, tmp_path: Path) -> None:
    from city import KEYS

    output = tmp_path / "latest.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "city.py"),
            "--smoke",
            "--admin-dsn",
            infra.admin_dsn,
            "--bootstrap",
            infra.bootstrap,
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(output.read_text())
    assert set(KEYS) <= set(figures), set(KEYS) - set(figures)
    unmeasured = {k: v for k in KEYS if isinstance(v := figures[k], bool) or not isinstance(v, int | float)}
    assert not unmeasured, unmeasured
    assert figures["e2e_errors"] == 0 and figures["sse"]["unreached"] == 0
    # Each stage of a report's way to the board is timed (from the answer and the records' own timestamps).
    for run in figures["e2e"].values():
        stages = run["stages_ms"]
        assert set(stages) == set(STAGES), stages
        assert all(stage["p50"] <= stage["p99"] for stage in stages.values()), stages
        assert stages["intake_answer"]["p50"] > 0 and stages["case_event_sent_to_board"]["p50"] > 0, stages
    assert figures["intake_load"]["errors"] == 0 and figures["intake_reports_per_s"] > 0
    assert output.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
