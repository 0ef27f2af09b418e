"""`make run`'s launcher on embedded infrastructure (PostgreSQL, the broker and the OpenID provider): ready
well under 90 s, every service answering, and Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from chuishao_shared.devstack import free_port, port_in_use


def test_launcher_reaches_ready_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    names = ("PG", "BROKER", "INTAKE", "DISPATCH", "TRACKING", "NOTIFY", "TRACKING_METRICS", "IDP")
    ports = {name: free_port() for name in names}
    env = {**os.environ, **{f"CHUISHAO_{name}_PORT": str(port) for name, port in ports.items()}}
    env.pop("DATABASE_URL", None)
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    started = time.monotonic()
    launcher = subprocess.Popen(
        [sys.executable, "-m", "chuishao_shared.cli", "run", "--data-dir", str(tmp_path / "run")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        assert launcher.stdout is not None
        for line in launcher.stdout:
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        ready_after = time.monotonic() - started
        output = "".join(lines)
        assert "Chuishao is ready" in output, output
        assert ready_after < 90
        assert "demo reports filed: 9" in output
        for name in ("INTAKE", "DISPATCH", "TRACKING", "NOTIFY"):
            assert httpx.get(f"http://127.0.0.1:{ports[name]}/readyz").status_code == 200
        board = httpx.get(f"http://127.0.0.1:{ports['TRACKING']}/")
        assert board.status_code == 200 and "督办墙" in board.text
        # The public tracking port has no /metrics; its own loopback listener has them.
        assert httpx.get(f"http://127.0.0.1:{ports['TRACKING']}/metrics").status_code == 404
        metrics = httpx.get(f"http://127.0.0.1:{ports['TRACKING_METRICS']}/metrics")
        assert metrics.status_code == 200 and "chuishao_" in metrics.text
        assert f"http://127.0.0.1:{ports['TRACKING_METRICS']}/metrics" in output
        assert f"notify    http://127.0.0.1:{ports['NOTIFY']}" in output
        console = f"http://127.0.0.1:{ports['DISPATCH']}/console/#token="
        assert f"dispatcher:XY: {console}" in output and f"liaison:XY-WQ-WY-WY: {console}" in output, output
        assert "部门报到" in httpx.get(f"http://127.0.0.1:{ports['DISPATCH']}/console/").text
        # The embedded OpenID provider: its issuer printed, discoverable, and the console signs in through it.
        issuer = f"http://127.0.0.1:{ports['IDP']}"
        assert f"OpenID provider (embedded, django-oidc-provider) {issuer}" in output, output
        assert httpx.get(f"{issuer}/.well-known/openid-configuration").json()["issuer"] == issuer
        login = httpx.get(f"http://127.0.0.1:{ports['DISPATCH']}/auth/login?next=/console/")
        assert login.status_code == 302 and login.headers["location"].startswith(f"{issuer}/authorize?")
        # Every other service follows dispatch's directory and reference data as its own account: the
        # provider gave each a client-credentials token, and none was refused one.
        with sqlite3.connect(tmp_path / "run" / "idp" / "idp.sqlite3") as db:
            holders = {
                row[0]
                for row in db.execute(
                    "SELECT c.client_id FROM oidc_provider_token t JOIN oidc_provider_client c ON c.id = t.client_id"
                )
            }
        assert {f"chuishao-{name}-service" for name in ("intake", "tracking", "notify")} <= holders, holders
        for name in ("intake", "tracking", "notify"):
            logged = (tmp_path / "run" / "logs" / f"{name}.log").read_text(errors="replace")
            assert "no access token from the identity provider" not in logged, logged[-2000:]
    finally:
        launcher.send_signal(signal.SIGINT)
        assert launcher.wait(60) == 0
    time.sleep(0.5)
    still_listening = [name for name, port in ports.items() if port_in_use(port)]
    assert still_listening == []
