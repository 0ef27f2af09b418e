"""`make run`: infrastructure (given by URL or embedded), then every service as its own process."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from chuishao_shared.db_roles import provision_database
from chuishao_shared.devstack import (
    EmbeddedBroker,
    EmbeddedPostgres,
    database_dsn,
    free_port,
    port_in_use,
    wipe,
)
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.settings import get_settings


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    port: int

    @property
    def module(self) -> str:
        return f"chuishao_{self.name}"

    @property
    def database(self) -> str:
        return f"chuishao_{self.name}"


SHOWN_TOKENS = ["grid_worker", "liaison:XY-WQ-WY-WY", "liaison:XY-GPS", "dispatcher:XY", "admin", "ops"]
SERVICES = [
    ServiceSpec("intake", 8001),
    ServiceSpec("dispatch", 8002),
    ServiceSpec("tracking", 8003),
    ServiceSpec("notify", 8004),
]


def available_services() -> list[ServiceSpec]:
    """The installed services, each on its default port or `CHUISHAO_<NAME>_PORT`."""
    return [ServiceSpec(s.name, int(os.environ.get(f"CHUISHAO_{s.name.upper()}_PORT", s.port))) for s in _installed()]


def _installed() -> list[ServiceSpec]:
    return [
        s for s in SERVICES if importlib.util.find_spec(s.module) and importlib.util.find_spec(f"{s.module}.__main__")
    ]


def start_service(
    spec: ServiceSpec,
    *,
    admin_dsn: str,
    bootstrap: str,
    extra_env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    port: int | None = None,
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_dsn(admin_dsn, spec.database),
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "CHUISHAO_PORT": str(port or spec.port),
        **(extra_env or {}),
    }
    output = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        output = open(log_dir / f"{spec.name}.log", "ab")  # noqa: SIM115 - handed to the child
    return subprocess.Popen(
        [sys.executable, "-m", spec.module],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
        start_new_session=True,
    )


def wait_ready(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout}s")


def stop_processes(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def _port(variable: str, default: int) -> int:
    """The port named in `variable`, else the default, else any free one (never fight over a port)."""
    if os.environ.get(variable):
        return int(os.environ[variable])
    return default if not port_in_use(default) else free_port()


def _links(specs: list[ServiceSpec]) -> dict[str, dict[str, str]]:
    """Settings one service needs about another: notify's messages link to dispatch's console."""
    ports = {s.name: s.port for s in specs}
    if "notify" in ports and "dispatch" in ports and not os.environ.get("CHUISHAO_DISPATCH_PUBLIC_URL"):
        return {"notify": {"CHUISHAO_DISPATCH_PUBLIC_URL": f"http://127.0.0.1:{ports['dispatch']}"}}
    return {}


def _interrupt_on_signals() -> None:
    """Ctrl-C, `timeout`, systemd and CI (SIGINT or SIGTERM) all clean up the same way. SIGINT is set
    explicitly too: a shell's background job starts with it ignored."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def _intake_env(root: Path, ports: dict[str, int]) -> dict[str, str]:
    """Photos under .run/, and the departments' console (served by dispatch) may use the photo API."""
    env = {"CHUISHAO_PHOTO_DIR": str(root / "photos")}
    if "dispatch" in ports:
        port = ports["dispatch"]
        env["CHUISHAO_CORS_ORIGINS"] = f"http://127.0.0.1:{port},http://localhost:{port}"
    return {k: v for k, v in env.items() if k not in os.environ}


def launch(*, data_dir: str, fresh: bool) -> int:
    _interrupt_on_signals()
    started = time.monotonic()
    settings = get_settings()
    root = Path(data_dir).resolve()
    postgres: EmbeddedPostgres | None = None
    broker: EmbeddedBroker | None = None
    processes: list[subprocess.Popen[bytes]] = []
    admin_dsn = os.environ.get("DATABASE_URL")
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    try:
        if not admin_dsn:
            if fresh:
                wipe(root / "pgdata")
            postgres = EmbeddedPostgres(root / "pgdata", _port("CHUISHAO_PG_PORT", 55432)).start()
            admin_dsn = postgres.dsn
            print(f"PostgreSQL (embedded)  {admin_dsn}")
        if not bootstrap:
            broker = EmbeddedBroker(_port("CHUISHAO_BROKER_PORT", 19092), root / "logs" / "tansu.log").start()
            bootstrap = broker.bootstrap
            print(f"Kafka (embedded Tansu) {bootstrap}")
        specs = available_services()
        # Each database gets an owner role (migrations) and a runtime role (the service): db_roles.py.
        urls = {s.name: asyncio.run(provision_database(admin_dsn, s.database)) for s in specs}
        asyncio.run(ensure_topics(settings.model_copy(update={"kafka_bootstrap_servers": bootstrap})))
        ports = {s.name: s.port for s in specs}
        # The console (served by dispatch) uploads and reads photos at intake's origin.
        photos = {"CHUISHAO_CONSOLE_PHOTO_ORIGIN": f"http://127.0.0.1:{ports['intake']}"} if "intake" in ports else {}
        links = _links(specs)  # notify's messages link to dispatch's console
        for spec in specs:
            extra = {"intake": _intake_env(root, ports), "dispatch": photos, **links}.get(spec.name) or {}
            extra = {
                **extra,
                "DATABASE_URL": urls[spec.name].runtime,
                "CHUISHAO_MIGRATION_DATABASE_URL": urls[spec.name].owner,
            }
            processes.append(
                start_service(spec, admin_dsn=admin_dsn, bootstrap=bootstrap, log_dir=root / "logs", extra_env=extra)
            )
        for spec, process in zip(specs, processes, strict=True):
            wait_ready(f"http://127.0.0.1:{spec.port}", 90, process)
        from chuishao_shared.cli import demo_tokens
        from chuishao_shared.demo import console_links, file_demo_reports

        tokens = demo_tokens()
        (root / "demo-tokens.json").write_text(json.dumps(tokens, indent=2))
        print(f"\nChuishao is ready in {time.monotonic() - started:.1f}s (logs in {root / 'logs'})")
        for spec in specs:
            print(f"  {spec.name:9} http://127.0.0.1:{spec.port}  (docs: /docs, metrics: /metrics)")
        if "tracking" in ports:
            print(f"  board     http://127.0.0.1:{ports['tracking']}/  (督办墙; ?lang=en for English)")
        if "notify" in ports:
            print(f"  webhooks  http://127.0.0.1:{ports['notify']}/v1/webhooks  (admin token; docs/notifications.md)")
        if "intake" in ports:
            filed = file_demo_reports(f"http://127.0.0.1:{ports['intake']}", tokens["grid_worker"])
            print(f"  demo reports filed: {filed}")
        print(
            "\nDemo tokens (Authorization: Bearer <token>); every department's liaison is in "
            f"{root / 'demo-tokens.json'}:"
        )
        for name in SHOWN_TOKENS:
            print(f"  {name}: {tokens[name]}")
        if "intake" in ports:
            print("\nGrid worker's app (网格员手机端): open a sign-in link on the phone or in a browser:")
            for name in (n for n in tokens if n.startswith("grid_worker")):
                print(f"  {name}: http://127.0.0.1:{ports['intake']}/app/#token={tokens[name]}")
        if "dispatch" in ports:
            print("\nDepartments' console (部门报到; open a link, the token leaves the address bar at once):")
            for name, link in console_links(f"http://127.0.0.1:{ports['dispatch']}", tokens):
                print(f"  {name}: {link}")
        print("\nPress Ctrl-C to stop everything.")
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        print("a service exited; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop_processes(processes)
        if broker:
            broker.stop()
        if postgres:
            postgres.stop()
