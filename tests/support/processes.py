"""The whole system as real processes (`python -m chuishao_<service>`), for the e2e tier."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuishao_shared.db_roles import DatabaseUrls
from chuishao_shared.devstack import free_port
from chuishao_shared.launcher import ServiceSpec, start_service, stop_processes, wait_ready
from support.infra import Infra, unique


@dataclass
class Deployment:
    """Service processes sharing one set of databases and one topic prefix."""

    infra: Infra
    log_dir: Path
    prefix: str = field(default_factory=lambda: unique("e2e") + ".")
    databases: dict[str, str] = field(default_factory=dict)
    processes: list[tuple[str, subprocess.Popen[bytes], str]] = field(default_factory=list)

    def database(self, service: str) -> str:
        return self.databases.setdefault(service, unique(f"chuishao_{service}"))

    def urls(self, service: str) -> DatabaseUrls:
        from chuishao_shared.db_roles import role_urls

        return role_urls(self.infra.admin_dsn, self.database(service))

    def start(self, service: str, **env: str) -> str:
        """Start one more process of `service`; returns its base URL once ready."""
        port = free_port()
        spec = ServiceSpec(service, port)
        process = start_service(
            spec,
            admin_dsn=self.infra.admin_dsn,
            bootstrap=self.infra.bootstrap,
            port=port,
            log_dir=self.log_dir,
            extra_env={
                "DATABASE_URL": self.urls(service).runtime,
                "CHUISHAO_MIGRATION_DATABASE_URL": self.urls(service).owner,
                "CHUISHAO_TOPIC_PREFIX": self.prefix,
                # Replicas of one deployment share a group; no other test's members can join it.
                "CHUISHAO_CONSUMER_GROUP": f"{self.prefix.rstrip('.')}-{service}",
                "CHUISHAO_ENVIRONMENT": "test",
                "CHUISHAO_RELAY_POLL_SECONDS": "0.2",
                "CHUISHAO_KAFKA_SESSION_TIMEOUT_MS": "2000",
                "CHUISHAO_KAFKA_HEARTBEAT_INTERVAL_MS": "500",
                "CHUISHAO_SHUTDOWN_GRACE_SECONDS": "1",
                # A test's phone files far faster than a person: the per-person limit has its own tests.
                "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "200",
                "CHUISHAO_RATE_LIMIT_USER_BURST": "400",
                # Notify refuses internal receivers; the tests' receivers are on loopback.
                **({"CHUISHAO_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.1/32"} if service == "notify" else {}),
                **env,
            },
        )
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, 60, process)
        self.processes.append((service, process, url))
        return url

    def kill(self, url: str) -> None:
        for _service, process, known in self.processes:
            if known == url:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(10)

    def stop(self) -> None:
        stop_processes([p for _, p, _ in self.processes])


def eventually(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll a synchronous check until it returns something truthy; fail with the last result."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.2)
    raise AssertionError(f"not reached in {timeout}s; last={last!r}")


@contextlib.contextmanager
def deployment(infra: Infra, log_dir: Path) -> Iterator[Deployment]:
    import asyncio

    from chuishao_shared.db_roles import provision_database
    from chuishao_shared.kafka import ensure_topics
    from chuishao_shared.settings import Settings

    deployed = Deployment(infra, log_dir)
    for service in ("intake", "dispatch", "tracking", "notify"):
        deployed.database(service)
    for database in deployed.databases.values():
        asyncio.run(provision_database(infra.admin_dsn, database))
    asyncio.run(ensure_topics(Settings(kafka_bootstrap_servers=infra.bootstrap, topic_prefix=deployed.prefix)))
    try:
        yield deployed
    finally:
        deployed.stop()
