"""Service accounts by the OAuth2 client-credentials grant (PRODUCT.md §9, issue 24), end to end with real
parts: the real embedded OpenID provider (django-oidc-provider, whose client-credentials tokens are opaque),
dispatch behind a real socket checking those tokens by RFC 7662 introspection, and intake following
dispatch's directory and reference data as its own confidential client, as `make run` and the deployments
wire them.

- intake's copy of the directory and its reference version come over a client-credentials token, and a
  deactivation at dispatch takes effect in intake;
- a client secret the provider no longer accepts is a clear logged error (never the secret or a token), and
  intake keeps its last copy; once the secret is right again it follows again;
- an inactive or unknown opaque token is a 401 problem at any API; an unreachable introspection endpoint a
  503, never an acceptance."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import EmbeddedIdentityProvider, free_port
from support.factories import bearer, worker_token
from support.infra import Infra, unique
from support.services import serving, start_service
from support.system import eventually

SECRETS = {name: f"test-service-secret-{name}-0123456789" for name in ("intake", "dispatch")}
GRID = "XY-WQ-WY-G01"


@dataclass
class Provider:
    idp: EmbeddedIdentityProvider

    @property
    def database(self) -> Path:
        return self.idp.state_dir / "idp.sqlite3"

    def settings_for(self, service: str) -> dict[str, object]:
        """The settings `make run` gives a service: its own account, and introspection as that account."""
        return {
            "service_client_id": f"chuishao-{service}-service",
            "service_client_secret": SECRETS[service],
            "service_token_url": f"{self.idp.issuer}/token",
            "service_token_scope": "chuishao",
            "oidc_introspection_url": f"{self.idp.issuer}/introspect",
        }

    def set_secret(self, service: str, secret: str) -> None:
        with sqlite3.connect(self.database) as db:
            db.execute(
                "UPDATE oidc_provider_client SET client_secret = ? WHERE client_id = ?",
                (secret, f"chuishao-{service}-service"),
            )

    def revoke_tokens(self, service: str) -> int:
        with sqlite3.connect(self.database) as db:
            return db.execute(
                "DELETE FROM oidc_provider_token WHERE client_id = "
                "(SELECT id FROM oidc_provider_client WHERE client_id = ?)",
                (f"chuishao-{service}-service",),
            ).rowcount

    def tokens(self, service: str) -> list[str]:
        with sqlite3.connect(self.database) as db:
            rows = db.execute(
                "SELECT access_token FROM oidc_provider_token WHERE client_id = "
                "(SELECT id FROM oidc_provider_client WHERE client_id = ?)",
                (f"chuishao-{service}-service",),
            ).fetchall()
        return [row[0] for row in rows]


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    clients = [
        {
            "client_id": f"chuishao-{name}-service",
            "client_secret": secret,
            "scope": ["chuishao", "token_introspection"],
            "claims": {"role": "ops"},
        }
        for name, secret in SECRETS.items()
    ]
    seed: dict[str, Any] = {"password": "unused-password-0123", "people": [], "clients": clients}
    idp = EmbeddedIdentityProvider(tmp_path_factory.mktemp("idp"), free_port(), seed).start()
    yield Provider(idp)
    idp.stop()


@dataclass
class Stack:
    dispatch_url: str
    dispatch: Any
    dispatch_settings: DispatchSettings
    intake_url: str
    intake: Any
    intake_settings: IntakeSettings

    @property
    def admin(self) -> dict[str, str]:
        return bearer(mint_token(self.dispatch_settings, sub="admin-accounts", role="admin"))


@pytest.fixture
async def stack(infra: Infra, provider: Provider) -> AsyncIterator[Stack]:
    """Dispatch behind a real socket, checking opaque tokens by introspection (kept half a second, so a
    revocation shows at once); intake following it over HTTP as its own account."""
    prefix = unique("t") + "."
    d_settings, d_app = await start_service(
        infra, DispatchSettings, build_dispatch, DISPATCH_MIGRATIONS, topic_prefix=prefix,
        oidc_introspection_cache_seconds=0.5, **provider.settings_for("dispatch"),
    )  # fmt: skip
    async with serving(d_app) as dispatch_url:
        i_settings, i_app = await start_service(
            infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, topic_prefix=prefix, directory_url=dispatch_url,
            directory_refresh_seconds=0.2, reference_refresh_seconds=0.2, **provider.settings_for("intake"),
        )  # fmt: skip
        async with serving(i_app) as intake_url:
            yield Stack(dispatch_url, d_app, d_settings, intake_url, i_app, i_settings)  # type: ignore[arg-type]


def introspections(app: Any) -> int:
    return int(app.state.verifier.opaque.calls)


async def test_intake_follows_dispatch_with_a_client_credentials_token_checked_by_introspection(
    stack: Stack, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    directory, follower = stack.intake.state.directory, stack.intake.state.reference_follower

    async def following() -> bool:
        return directory.refreshes > 0 and follower.version == 1

    await eventually(following, timeout=20)
    # Over the provider's opaque token, which dispatch introspected (a JWT would not have been).
    issued = provider.tokens("intake")
    assert issued and all("." not in token for token in issued)
    assert introspections(stack.dispatch) >= 1

    async with httpx.AsyncClient(timeout=10) as api:
        # A person added at dispatch reaches intake's copy, and a deactivation takes effect in intake.
        body = {
            "name": "网格员 服务账号",
            "subject": "sa-worker",
            "roles": [{"role": "grid_worker", "grids": [GRID]}],
            "reason": "a grid worker of the pilot",
        }
        created = await api.post(f"{stack.dispatch_url}/v1/people", json=body, headers=stack.admin)
        assert created.status_code == 201, created.text

        async def known() -> bool:
            return "sa-worker" in directory.entries

        await eventually(known, timeout=10)
        worker = bearer(worker_token(stack.intake_settings, grids=[GRID], sub="sa-worker"))
        assert (await api.get(f"{stack.intake_url}/v1/reports", headers=worker)).status_code == 200
        path = f"{stack.dispatch_url}/v1/people/{created.json()['id']}/deactivate"
        assert (await api.post(path, json={"reason": "left"}, headers=stack.admin)).status_code == 200

        async def refused() -> bool:
            return (await api.get(f"{stack.intake_url}/v1/reports", headers=worker)).status_code == 401

        await eventually(refused, timeout=10)

    # The service account's token is kept, not fetched per poll (each poll is 0.2 s).
    assert len(provider.tokens("intake")) <= 2
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert SECRETS["intake"] not in logged
    assert not any(token in logged for token in provider.tokens("intake"))


async def test_a_secret_the_provider_refuses_is_logged_clearly_and_the_last_copy_is_kept(
    stack: Stack, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    directory, follower = stack.intake.state.directory, stack.intake.state.reference_follower

    async def following() -> bool:
        return directory.refreshes > 0 and follower.version == 1

    await eventually(following, timeout=20)
    entries, cursor = dict(directory.entries), directory.cursor
    issued = provider.tokens("intake")
    # The secret is rotated at the provider (not here) and the tokens it gave are revoked: dispatch's next
    # introspection says inactive, intake drops its token, and its new request is refused.
    provider.set_secret("intake", "rotated-at-the-provider-0123456789")
    try:
        assert provider.revoke_tokens("intake") >= 1

        async def named() -> bool:
            return any("invalid_client" in r.getMessage() for r in caplog.records)

        await eventually(named, timeout=20)
        refusal = next(r.getMessage() for r in caplog.records if "invalid_client" in r.getMessage())
        assert "chuishao-intake-service" in refusal and "Client authentication failed" in refusal
        # The last copy is kept: the same people, the same reference version.
        assert directory.entries == entries and directory.cursor == cursor and follower.version == 1
        failures_at = directory.refreshes
    finally:
        provider.set_secret("intake", SECRETS["intake"])

    async def recovered() -> bool:
        return directory.refreshes > failures_at

    await eventually(recovered, timeout=40)
    everything = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert SECRETS["intake"] not in everything and "rotated-at-the-provider" not in everything
    assert not any(token in everything for token in issued + provider.tokens("intake"))


async def test_an_inactive_or_unknown_opaque_token_is_a_401_problem_at_any_api(
    stack: Stack, provider: Provider
) -> None:
    async with httpx.AsyncClient(timeout=10) as api:
        # A token of the service account, good at first; then revoked at the provider.
        issued = await api.post(
            f"{provider.idp.issuer}/token",
            data={"grant_type": "client_credentials"},
            auth=("chuishao-dispatch-service", SECRETS["dispatch"]),
        )
        token = issued.json()["access_token"]
        ok = await api.get(f"{stack.dispatch_url}/v1/people/changes", headers=bearer(token))
        assert ok.status_code == 200, ok.text
        unknown = "0123456789abcdef0123456789abcdef"
        for url in (f"{stack.dispatch_url}/v1/people/changes", f"{stack.intake_url}/v1/reports"):
            answer = await api.get(url, headers=bearer(unknown))
            assert answer.status_code == 401 and answer.headers["content-type"] == "application/problem+json"
            problem = answer.json()
            assert problem["status"] == 401 and "not active" in problem["detail"]
            assert answer.headers["www-authenticate"] == "Bearer"
        provider.revoke_tokens("dispatch")

        async def revoked() -> bool:
            answer = await api.get(f"{stack.dispatch_url}/v1/people/changes", headers=bearer(token))
            return answer.status_code == 401

        await eventually(revoked, timeout=5)

        # The introspection endpoint unreachable: refused for now (503), not let through.
        introspector = stack.dispatch.state.verifier.opaque
        introspector.url = f"http://127.0.0.1:{free_port()}/introspect"
        fresh = await api.post(
            f"{provider.idp.issuer}/token",
            data={"grant_type": "client_credentials"},
            auth=("chuishao-dispatch-service", SECRETS["dispatch"]),
        )
        down = await api.get(f"{stack.dispatch_url}/v1/people/changes", headers=bearer(fresh.json()["access_token"]))
        assert down.status_code == 503 and down.headers["content-type"] == "application/problem+json"
        assert "introspection endpoint is unavailable" in down.json()["detail"] and down.headers["retry-after"]


async def test_a_token_is_issued_while_another_process_holds_a_read_of_the_providers_database(
    provider: Provider,
) -> None:
    """The launcher's readiness check, a test or an operator's sqlite3 may read the provider's file while
    services fetch tokens: the write of a token does not wait for the reader to finish (it had failed after
    5 s as "database is locked", a 500 at /token that left a service without its token)."""
    with sqlite3.connect(provider.idp.state_dir / "idp.sqlite3") as reader:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM oidc_provider_client").fetchone()[0] > 0
        async with httpx.AsyncClient(timeout=30) as api:
            started = time.monotonic()
            issued = await api.post(
                f"{provider.idp.issuer}/token",
                data={"grant_type": "client_credentials"},
                auth=("chuishao-dispatch-service", SECRETS["dispatch"]),
            )
            waited = time.monotonic() - started
        reader.rollback()
    assert issued.status_code == 200, issued.text
    assert issued.json()["access_token"] and waited < 3
