"""The QR codes' and certificate numbers' HMAC keys are settings: the development defaults serve only
development (loopback or an explicit development/test environment); production refuses them, as it
refuses the development JWT secret."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chuishao_community.bootstrap import CommunitySettings

PRODUCTION = {"environment": "production", "jwt_jwks_url": "https://idp.example.cn/.well-known/jwks.json"}
SECRET = "a-real-secret-of-at-least-thirty-two-bytes-0123"


def test_production_refuses_the_development_keys() -> None:
    for name in ("community_qr_key", "community_certificate_key"):
        with pytest.raises(ValidationError, match=name.upper()):
            CommunitySettings(
                **PRODUCTION, **{k: SECRET for k in ("community_qr_key", "community_certificate_key") if k != name}
            )
    settings = CommunitySettings(**PRODUCTION, community_qr_key=SECRET, community_certificate_key=SECRET + "x")
    assert settings.community_qr_key.get_secret_value() == SECRET


def test_the_development_keys_serve_loopback_only_unless_the_environment_says_so() -> None:
    assert CommunitySettings().community_qr_key.get_secret_value().startswith("chuishao-development")
    with pytest.raises(ValidationError, match="development key"):
        CommunitySettings(host="0.0.0.0", jwt_secret=SECRET)
    CommunitySettings(host="0.0.0.0", environment="development")


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 32 bytes"):
        CommunitySettings(community_qr_key="short")
