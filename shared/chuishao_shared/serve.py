"""Process entry point shared by the services: migrate, then serve with uvicorn.

With `workers` > 1 (intake's `CHUISHAO_INTAKE_WORKERS`) uvicorn runs that many worker processes, each
building the app from `app_factory` (an import string), and Prometheus runs in multiprocess mode: a
fresh `PROMETHEUS_MULTIPROC_DIR` per start, which every worker writes its samples into and `/metrics`
(any worker's, or the supervisor's own listener when `metrics_port` is set) aggregates."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from chuishao_shared.guarded_http import HEADER_TIMEOUT_ENV, MAX_HEADER_BYTES_ENV, guarded_protocol
from chuishao_shared.migrations import upgrade_head
from chuishao_shared.observability import configure_logging
from chuishao_shared.settings import Settings

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# uvicorn's httptools protocol with a header-read time-out and a header size limit.
PROTOCOL = "chuishao_shared.guarded_http:GuardedHttpProtocol"


def multiprocess_metrics_dir() -> tuple[Path, bool]:
    """The directory the workers write their metric samples into, emptied (a fresh start: samples of
    an earlier run's processes must not be counted), and whether we created it (then we remove it)."""
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()
        return path, False
    return Path(tempfile.mkdtemp(prefix="chuishao-metrics-")), True


def serve(
    settings: Settings,
    build_app: Callable[[Settings], FastAPI],
    migrations_dir: Path,
    argv: list[str] | None = None,
    *,
    workers: int = 1,
    app_factory: str | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=f"chuishao-{settings.service_name}")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "migrate"])
    parser.add_argument("--no-migrate", action="store_true", help="skip migrations before serving")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    configure_logging(settings.service_name, settings.log_level)
    if args.command == "migrate" or not args.no_migrate:
        upgrade_head(migrations_dir, settings.migration_sqlalchemy_url, settings.runtime_role)
    if args.command == "migrate":
        return
    # Bounds on slow clients (chuishao_shared.guarded_http); worker processes read them from the env.
    os.environ[HEADER_TIMEOUT_ENV] = str(settings.header_timeout_seconds)
    os.environ[MAX_HEADER_BYTES_ENV] = str(settings.max_header_bytes)
    if workers <= 1 or app_factory is None:
        uvicorn.run(
            build_app(settings),
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
            http=guarded_protocol(settings.header_timeout_seconds, settings.max_header_bytes),
            timeout_keep_alive=settings.keep_alive_timeout_seconds,
        )
        return
    metrics_dir, created = multiprocess_metrics_dir()
    # Set before any worker starts: prometheus_client picks its file-backed values at import.
    os.environ[MULTIPROC_ENV] = str(metrics_dir)
    metrics_server = None
    if settings.metrics_port is not None:
        # One listener for the whole service, in the supervisor, aggregating every worker.
        from prometheus_client import start_http_server

        from chuishao_shared.observability import metrics_registry

        metrics_server, _ = start_http_server(settings.metrics_port, settings.metrics_host, registry=metrics_registry())
    try:
        uvicorn.run(
            app_factory,
            factory=True,
            workers=workers,
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,
            lifespan="on",
            http=PROTOCOL,
            timeout_keep_alive=settings.keep_alive_timeout_seconds,
        )
    finally:
        if metrics_server is not None:
            metrics_server.shutdown()
        if created:
            shutil.rmtree(metrics_dir, ignore_errors=True)
