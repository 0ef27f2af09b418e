"""One-tap 签收 link tokens: signed claims read back, and a changed, foreign, expired or malformed token
refused with its reason."""

from __future__ import annotations

import pytest

from chuishao_shared.ack_links import AckClaims, AckLinkError, new_jti, read, sign

SECRET = b"ack-link-secret-for-tests-0123456789"
CLAIMS = AckClaims("c-1", "D1", "D1", "m-a", "wecom", "zhangsan", 2_000_000_000, new_jti())


def test_a_signed_token_reads_back_its_claims() -> None:
    assert read(SECRET, sign(SECRET, CLAIMS), now=1_900_000_000) == CLAIMS


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (sign(b"another-secret-0123456789abcdef", CLAIMS), "signature"),
        (sign(SECRET, CLAIMS).replace(".", "x."), "signature"),
        ("x" * 2000, "malformed"),
        ("", "malformed"),
        ("a.b.c", "malformed"),
    ],
)
def test_a_bad_token_is_refused_with_its_reason(token: str, reason: str) -> None:
    with pytest.raises(AckLinkError) as error:
        read(SECRET, token, now=1_900_000_000)
    assert error.value.reason == reason


def test_an_expired_token_is_refused() -> None:
    with pytest.raises(AckLinkError) as error:
        read(SECRET, sign(SECRET, CLAIMS), now=2_000_000_000)
    assert error.value.reason == "expired"


def test_the_claims_cannot_be_changed_without_the_secret() -> None:
    body, mac = sign(SECRET, CLAIMS).split(".")
    other = sign(SECRET, AckClaims(**{**CLAIMS.__dict__, "department": "D2"})).split(".")[0]
    with pytest.raises(AckLinkError):
        read(SECRET, f"{other}.{mac}", now=1_900_000_000)
