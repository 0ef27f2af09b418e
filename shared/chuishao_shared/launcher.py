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
from typing import Any

import httpx

from chuishao_shared.db_roles import provision_database
from chuishao_shared.devstack import (
    EmbeddedBroker,
    EmbeddedIdentityProvider,
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


# Tracking's separate metrics listener (docker-compose and deploy/k8s use the same port).
TRACKING_METRICS_PORT = 9103
SHOWN_TOKENS = ["grid_worker", "liaison:XY-WQ-WY-WY", "liaison:XY-GPS", "dispatcher:XY", "admin", "ops"]
SERVICES = [
    ServiceSpec("intake", 8001),
    ServiceSpec("dispatch", 8002),
    ServiceSpec("tracking", 8003),
    ServiceSpec("notify", 8004),
    ServiceSpec("community", 8005),
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
    """Settings one service needs about another: notify's messages link to dispatch's console, the
    console's duty view reads notify, and notify's receivers on this machine (a local test receiver on
    127.0.0.1) are allowed, which notify otherwise refuses as internal addresses."""
    ports = {s.name: s.port for s in specs}
    notify: dict[str, str] = {}
    if "notify" in ports and "dispatch" in ports and not os.environ.get("CHUISHAO_DISPATCH_PUBLIC_URL"):
        notify["CHUISHAO_DISPATCH_PUBLIC_URL"] = f"http://127.0.0.1:{ports['dispatch']}"
    if "notify" in ports and not os.environ.get("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS"):
        notify["CHUISHAO_WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.1/32"
    links = {"notify": notify} if notify else {}
    # The console's duty view reads notify's rosters for the signed-in person (wherever notify listens).
    if "notify" in ports and "dispatch" in ports and not os.environ.get("CHUISHAO_DISPATCH_NOTIFY_URL"):
        links["dispatch"] = {"CHUISHAO_DISPATCH_NOTIFY_URL": f"http://127.0.0.1:{ports['notify']}"}
    # Every other service reads people's roles from dispatch's directory (chuishao_shared.directory).
    if "dispatch" in ports and not os.environ.get("CHUISHAO_DIRECTORY_URL"):
        for name in ports:
            if name != "dispatch":
                links.setdefault(name, {})["CHUISHAO_DIRECTORY_URL"] = f"http://127.0.0.1:{ports['dispatch']}"
    return links


def _interrupt_on_signals() -> None:
    """Ctrl-C, `timeout`, systemd and CI (SIGINT or SIGTERM) all clean up the same way. SIGINT is set
    explicitly too: a shell's background job starts with it ignored."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


LOOPBACKS = ("127.0.0.1", "localhost")


def _intake_env(root: Path, ports: dict[str, int]) -> dict[str, str]:
    """Photos under .run/; the departments' console (served by dispatch) and the members' app (served by
    community) may use the photo API."""
    env = {"CHUISHAO_PHOTO_DIR": str(root / "photos")}
    origins = [
        f"http://{host}:{ports[name]}" for name in ("dispatch", "community") if name in ports for host in LOOPBACKS
    ]
    if origins:
        env["CHUISHAO_CORS_ORIGINS"] = ",".join(origins)
    return {k: v for k, v in env.items() if k not in os.environ}


# The pages that sign in through the OpenID provider: the grid worker's app and the console.
SIGN_IN_SERVICES = ("intake", "dispatch")
DEMO_PASSWORD = "chuishao-demo"
# The scope the services' own accounts ask for (any non-empty scope allows the client-credentials grant).
SERVICE_SCOPE = "chuishao"


def _identity_provider(
    root: Path, ports: dict[str, int]
) -> tuple[EmbeddedIdentityProvider | None, dict[str, dict[str, str]]]:
    """The embedded OpenID provider (unless CHUISHAO_OIDC_ISSUER names the city's own, or the `dev` extra
    with Django is not installed), seeded with the demo people, one confidential client per page-serving
    service and one service account per service; and the settings each service needs to use it."""
    if os.environ.get("CHUISHAO_OIDC_ISSUER") or importlib.util.find_spec("oidc_provider") is None:
        return None, {}
    import secrets

    from chuishao_shared.demo import demo_people

    people = [{"subject": p["subject"], "name": name, "claims": p["claims"]} for name, p in demo_people().items()]
    clients: list[dict[str, Any]] = []
    env: dict[str, dict[str, str]] = {}
    for name in (n for n in SIGN_IN_SERVICES if n in ports):
        secret = secrets.token_urlsafe(32)
        bases = [f"http://{host}:{ports[name]}" for host in ("127.0.0.1", "localhost")]
        clients.append(
            {
                "client_id": f"chuishao-{name}",
                "client_secret": secret,
                "name": f"Chuishao {name}",
                "redirect_uris": [f"{b}/auth/callback" for b in bases],
                "post_logout_redirect_uris": [f"{b}{'/app/' if name == 'intake' else '/console/'}" for b in bases],
            }
        )
        env[name] = {"CHUISHAO_OIDC_CLIENT_ID": f"chuishao-{name}", "CHUISHAO_OIDC_CLIENT_SECRET": secret}
    # Every service's own account (chuishao_shared.service_account): client credentials for its calls to
    # dispatch (role ops: the directory and the reference data), and introspection of the opaque tokens
    # such accounts present to it (chuishao_shared.introspection).
    accounts: dict[str, dict[str, str]] = {}
    for name in ports:
        secret = secrets.token_urlsafe(32)
        client_id = f"chuishao-{name}-service"
        clients.append(
            {
                "client_id": client_id,
                "client_secret": secret,
                "name": f"Chuishao {name} (service account)",
                "scope": [SERVICE_SCOPE, "token_introspection"],
                "claims": {"role": "ops"},
            }
        )
        accounts[name] = {"CHUISHAO_SERVICE_CLIENT_ID": client_id, "CHUISHAO_SERVICE_CLIENT_SECRET": secret}
    password = os.environ.get("CHUISHAO_IDP_DEMO_PASSWORD", DEMO_PASSWORD)
    seed: dict[str, Any] = {"password": password, "people": people, "clients": clients}
    provider = EmbeddedIdentityProvider(root / "idp", _port("CHUISHAO_IDP_PORT", 8009), seed, root / "logs" / "idp.log")
    for values in env.values():
        values["CHUISHAO_OIDC_ISSUER"] = provider.issuer
    for name, values in accounts.items():
        values["CHUISHAO_SERVICE_TOKEN_URL"] = f"{provider.issuer}/token"
        values["CHUISHAO_SERVICE_TOKEN_SCOPE"] = SERVICE_SCOPE
        values["CHUISHAO_OIDC_INTROSPECTION_URL"] = f"{provider.issuer}/introspect"
        env.setdefault(name, {}).update(values)
    return provider, env


def launch(*, data_dir: str, fresh: bool) -> int:
    _interrupt_on_signals()
    started = time.monotonic()
    settings = get_settings()
    root = Path(data_dir).resolve()
    postgres: EmbeddedPostgres | None = None
    broker: EmbeddedBroker | None = None
    provider: EmbeddedIdentityProvider | None = None
    processes: list[subprocess.Popen[bytes]] = []
    helpers: list[subprocess.Popen[bytes]] = []  # the demo history's seeding: its exit stops nothing
    envs: dict[str, dict[str, str]] = {}
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
        if fresh:
            wipe(root / "idp")
        # The OpenID provider starts now and is waited for before the services start (it migrates first).
        provider, sign_in = _identity_provider(root, {s.name: s.port for s in specs})
        if provider is not None:
            provider.start(wait=False)
        # Each database gets an owner role (migrations) and a runtime role (the service): db_roles.py.
        urls = {s.name: asyncio.run(provision_database(admin_dsn, s.database)) for s in specs}
        asyncio.run(ensure_topics(settings.model_copy(update={"kafka_bootstrap_servers": bootstrap})))
        ports = {s.name: s.port for s in specs}
        # The console (served by dispatch) and the members' app (community) upload photos at intake's origin.
        photos = {"CHUISHAO_CONSOLE_PHOTO_ORIGIN": f"http://127.0.0.1:{ports['intake']}"} if "intake" in ports else {}
        links = _links(specs)  # notify's messages link to dispatch's console
        # Tracking faces the public: its /metrics is on a loopback listener of its own, as in compose.
        metrics_port = _port("CHUISHAO_TRACKING_METRICS_PORT", TRACKING_METRICS_PORT)
        tracking = {"CHUISHAO_METRICS_PORT": str(metrics_port), "CHUISHAO_METRICS_HOST": "127.0.0.1"}
        # Its public reads and its projection run as two processes (CHUISHAO_ROLE), so a flood of
        # readers never takes the projection's CPU or event loop (docs/reliability.md).
        tracking["CHUISHAO_ROLE"] = "api"
        if provider is not None:  # the services' accounts take their first tokens from it as they start
            provider.ready()
        for spec in specs:
            community = {"CHUISHAO_COMMUNITY_PHOTO_ORIGIN": photos["CHUISHAO_CONSOLE_PHOTO_ORIGIN"]} if photos else {}
            per_service = {
                "intake": _intake_env(root, ports),
                "dispatch": photos,
                "tracking": tracking,
                "community": community,
            }
            extra = per_service.get(spec.name) or {}
            extra = {
                **extra,
                **links.get(spec.name, {}),
                **sign_in.get(spec.name, {}),
                "DATABASE_URL": urls[spec.name].runtime,
                "CHUISHAO_MIGRATION_DATABASE_URL": urls[spec.name].owner,
            }
            envs[spec.name] = extra
            processes.append(
                start_service(spec, admin_dsn=admin_dsn, bootstrap=bootstrap, log_dir=root / "logs", extra_env=extra)
            )
        for spec, process in zip(specs, processes, strict=True):
            wait_ready(f"http://127.0.0.1:{spec.port}", 90, process)
        if "tracking" in ports:
            projector = ServiceSpec("tracking", free_port())  # health, readiness and metrics on loopback
            processes.append(
                start_service(
                    projector,
                    admin_dsn=admin_dsn,
                    bootstrap=bootstrap,
                    log_dir=root / "logs",
                    extra_env={
                        "DATABASE_URL": urls["tracking"].runtime,
                        "CHUISHAO_MIGRATION_DATABASE_URL": urls["tracking"].owner,
                        "CHUISHAO_ROLE": "projector",
                    },
                )
            )
            wait_ready(f"http://127.0.0.1:{projector.port}", 90, processes[-1])
        from chuishao_shared.demo import console_links, demo_tokens, file_demo_reports, seed_community_history

        tokens = demo_tokens()
        (root / "demo-tokens.json").write_text(json.dumps(tokens, indent=2))
        print(f"\nChuishao is ready in {time.monotonic() - started:.1f}s (logs in {root / 'logs'})")
        for spec in specs:
            metrics = f"http://127.0.0.1:{metrics_port}/metrics" if spec.name == "tracking" else "/metrics"
            print(f"  {spec.name:9} http://127.0.0.1:{spec.port}  (docs: /docs, metrics: {metrics})")
        if "tracking" in ports:
            print(f"  board     http://127.0.0.1:{ports['tracking']}/  (督办墙; ?lang=en for English)")
            print(f"  projector http://127.0.0.1:{projector.port}  (tracking's projection, its own process)")
        if "notify" in ports:
            print(f"  webhooks  http://127.0.0.1:{ports['notify']}/v1/webhooks  (admin token; docs/notifications.md)")
            from chuishao_shared.demo_rosters import seed_demo_rosters

            notify_url = f"http://127.0.0.1:{ports['notify']}"
            try:
                made = f"{seed_demo_rosters(notify_url, tokens['admin'])} demo rosters made"
            except httpx.HTTPError as error:  # the demo rosters are a convenience: never stop the launch
                made = f"demo rosters not made: {error}"
            print(f"  rosters   {notify_url}/v1/rosters/<department>/on-duty  ({made})")
        if "intake" in ports:
            filed = file_demo_reports(f"http://127.0.0.1:{ports['intake']}", tokens["grid_worker"])
            print(f"  demo reports filed: {filed}")
        if "community" in ports and os.environ.get("CHUISHAO_DEMO_HISTORY", "1") != "0":
            env = {**os.environ, "KAFKA_BOOTSTRAP_SERVERS": bootstrap, **envs["community"]}
            helpers.append(seed_community_history(env, root / "logs" / "demo-seed.log"))
            print(
                "  demo history: a year of the community side (members, units, activities, needs, 议事) is being "
                f"seeded in the background, a few minutes on two cores ({root / 'logs' / 'demo-seed.log'}; "
                "CHUISHAO_DEMO_HISTORY=0 skips it)"
            )
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
        if "community" in ports:
            print("\nCommunity staff console (社区工作台; one link per demo community):")
            for name in (n for n in tokens if n.startswith("community_staff:")):
                print(f"  {name}: http://127.0.0.1:{ports['community']}/console/#token={tokens[name]}")
            print("\nVolunteers' app (志愿者手机端; 报到, needs, activities, hours; one link per demo community):")
            for name in (n for n in tokens if n.startswith("volunteer:")):
                print(f"  {name}: http://127.0.0.1:{ports['community']}/app/#token={tokens[name]}")
        if provider is not None:
            print(f"\nOpenID provider (embedded, django-oidc-provider) {provider.issuer}")
            print(f"  discovery: {provider.issuer}/.well-known/openid-configuration")
            print(f"  every demo person signs in with the password {provider.seed['password']!s}, e.g. demo-admin,")
            print("  demo-grid-worker, demo-dispatcher-XY, demo-liaison-XY-GPS (the subjects of the demo tokens)")
            print("  each service reads dispatch's directory as its own account chuishao-<service>-service")
            print(f"  (client credentials at {provider.issuer}/token, checked by {provider.issuer}/introspect)")
            for name in (n for n in SIGN_IN_SERVICES if n in ports):
                page = "/app/" if name == "intake" else "/console/"
                print(f"  sign in to {name}: http://127.0.0.1:{ports[name]}/auth/login?next={page}")
        print("\nPress Ctrl-C to stop everything.")
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        print("a service exited; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop_processes(helpers + processes)
        if provider:
            provider.stop()
        if broker:
            broker.stop()
        if postgres:
            postgres.stop()
