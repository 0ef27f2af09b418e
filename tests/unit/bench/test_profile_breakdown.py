"""bench/profile_breakdown.py: a py-spy sample is charged to the innermost library it is in."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from profile_breakdown import OTHER, breakdown, categorize, table  # noqa: E402

SITE = "/work/main/.venv/lib/python3.11/site-packages"
ROUTE = "handle (/work/main/services/dispatch/chuishao_dispatch/service_layer/handlers.py:40)"
SQL = f"_execute ({SITE}/asyncpg/connection.py:1800)"
CORE = f"execute ({SITE}/sqlalchemy/engine/base.py:1400)"
STDLIB = "/root/.pyenv/versions/3.11.7/lib/python3.11"


def test_the_innermost_known_frame_decides_and_the_process_name_is_ignored() -> None:
    process = 'process 42:"python -m chuishao_dispatch;x"'
    assert categorize(f"{process};run (asyncio/runners.py:1);{ROUTE};{CORE};{SQL}") == "SQL driver (asyncpg)"
    assert categorize(f"{process};{ROUTE};{CORE}") == "SQL toolkit (SQLAlchemy)"
    assert categorize(f"{process};{ROUTE}") == "our code"
    log_line = f"{ROUTE};emit ({STDLIB}/logging/__init__.py:1000);encode ({STDLIB}/json/encoder.py:200)"
    assert categorize(log_line) == "logging"  # the JSON a log line encodes is the log's
    assert categorize(f"{ROUTE};dumps ({STDLIB}/json/__init__.py:231)") == "JSON"
    assert categorize("<module> (<frozen importlib._bootstrap>:1)") == OTHER


def test_shares_and_ms_per_report(tmp_path: Path) -> None:
    (tmp_path / "dispatch-100.txt").write_text(f"{ROUTE};{SQL} 3\n{ROUTE} 1\n")
    assert breakdown(tmp_path / "dispatch-100.txt") == {"SQL driver (asyncpg)": 3, "our code": 1}
    lines = table(tmp_path, 100, {"dispatch": 4.0})
    assert "| SQL driver (asyncpg) | 75.0 % | 3.00 |" in lines
    assert "| our code | 25.0 % | 1.00 |" in lines
