"""Prometheus's own checker accepts the configuration and its alert rules. An outside tool (Debian's
`prometheus` package, installed by `make browser`), so this lives outside the pure unit tier."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PROMETHEUS_DIR = Path(__file__).resolve().parents[3] / "deploy" / "prometheus"


def promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        pytest.fail(
            "promtool is not installed: apt-get install prometheus (Debian) provides it; `make test` installs it",
            pytrace=False,
        )
    return path


def test_promtool_accepts_the_configuration_and_its_rules() -> None:
    result = subprocess.run(
        [promtool(), "check", "config", "prometheus.yml"],
        cwd=PROMETHEUS_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rule files found" in result.stdout + result.stderr, "the alert rules were not checked"
