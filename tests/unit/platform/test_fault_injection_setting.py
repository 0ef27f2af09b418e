"""The fault suite's crash hook (a consumer SIGKILLs its process between its database commit and its
offset commit) can be switched on for tests, never in production."""

from __future__ import annotations

import pytest

from chuishao_shared.settings import Settings

JWKS = "https://sso.example.gov.cn/jwks.json"


def test_the_crash_hook_is_off_by_default_and_allowed_outside_production() -> None:
    assert Settings().fault_crash_after_commits == 0
    assert Settings(environment="test", fault_crash_after_commits=8).fault_crash_after_commits == 8


def test_production_refuses_the_crash_hook() -> None:
    with pytest.raises(ValueError, match="CHUISHAO_FAULT_CRASH_AFTER_COMMITS"):
        Settings(environment="production", jwt_jwks_url=JWKS, fault_crash_after_commits=1)
    assert Settings(environment="production", jwt_jwks_url=JWKS).fault_crash_after_commits == 0


def test_a_negative_count_is_refused_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="fault_crash_after_commits"):
        Settings(fault_crash_after_commits=-1)
