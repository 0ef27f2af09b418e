"""The committed typed clients (clients/python, `make client`) are what `openapi-python-client` makes of
the services' current OpenAPI documents: a route or model change without `make client` fails here."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = ROOT / "clients"


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache", "chuishao_clients.egg-info"])
    found = [str(left / n) for n in compared.left_only + compared.right_only + compared.diff_files]
    found += [str(left / n) for n in compared.funny_files]
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_the_committed_clients_are_fresh(tmp_path: Path) -> None:
    case_model = (CLIENTS / "python" / "chuishao_dispatch_client" / "models" / "case_read.py").read_text()
    assert "class CaseRead" in case_model and "assignments: list[AssignmentRead]" in case_model
    subprocess.run(
        [sys.executable, str(CLIENTS / "generate.py"), str(tmp_path)], check=True, capture_output=True, timeout=300
    )
    stale = _differences(CLIENTS / "openapi", tmp_path / "openapi") + _differences(
        CLIENTS / "python", tmp_path / "python"
    )
    assert not stale, f"stale generated clients, run `make client`: {stale[:10]}"
