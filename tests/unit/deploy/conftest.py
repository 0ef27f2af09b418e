"""Fixtures for the static deployment checks (helpers live in deploy_helpers.py)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No CHUISHAO_* / DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS from the test runner's environment."""
    for key in list(os.environ):
        if key.upper().startswith("CHUISHAO_") or key.upper() in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS"):
            monkeypatch.delenv(key, raising=False)
    return monkeypatch
