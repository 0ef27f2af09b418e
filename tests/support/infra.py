"""Where the test suite's PostgreSQL and broker come from, and per-test isolation on top of them."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chuishao_shared.devstack import EmbeddedBroker, EmbeddedPostgres, free_port


@dataclass
class Infra:
    admin_dsn: str
    bootstrap: str
    kind: str
    broker: EmbeddedBroker | None = None


def docker_engine_available() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@contextlib.contextmanager
def containers() -> Iterator[Infra]:
    from testcontainers.kafka import KafkaContainer
    from testcontainers.postgres import PostgresContainer

    with PostgresContainer("postgres:16-alpine", driver=None) as pg, KafkaContainer().with_kraft() as kafka:
        yield Infra(admin_dsn=pg.get_connection_url(), bootstrap=kafka.get_bootstrap_server(), kind="docker")


# The suite's server: no fsync (a killed server keeps its commits in the OS cache; only a machine crash
# would lose them) and room for every test worker's pools at once.
TEST_POSTGRES_SETTINGS = {"fsync": "off", "full_page_writes": "off", "max_connections": "1200"}


@contextlib.contextmanager
def embedded(root: Path) -> Iterator[Infra]:
    postgres = EmbeddedPostgres(root / "pgdata", free_port(), settings=TEST_POSTGRES_SETTINGS).start()
    broker = EmbeddedBroker(free_port(), root / "tansu.log").start()
    try:
        yield Infra(admin_dsn=postgres.dsn, bootstrap=broker.bootstrap, kind="embedded", broker=broker)
    finally:
        broker.stop()
        postgres.stop()


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"
