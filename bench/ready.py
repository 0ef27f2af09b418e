"""Figure 4: `make run` time to ready. Runs `python -m chuishao_shared.cli run --data-dir <fresh tmp>`
(what `make run` calls once installed) on spare PostgreSQL and broker ports, times the wall clock
from start to the "Chuishao is ready" line, then sends SIGINT (Ctrl-C) and checks it exits and
leaves nothing behind. The service ports are fixed (8001-8003): busy ports skip the figure."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from common import descendants

from chuishao_shared.devstack import free_port
from chuishao_shared.launcher import SERVICES

READY_LINE = "Chuishao is ready"


def port_busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


def time_to_ready(timeout: float = 120.0) -> dict[str, Any]:
    busy = [s.port for s in SERVICES if port_busy(s.port)]
    if busy:
        return {"skipped": f"service port(s) {busy} already in use on 127.0.0.1 (another `make run`?)"}
    root = Path(tempfile.mkdtemp(prefix="chuishao-bench-run-", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS")}
    env.update(CHUISHAO_PG_PORT=str(free_port()), CHUISHAO_BROKER_PORT=str(free_port()), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "chuishao_shared.cli", "run", "--data-dir", str(root)]
    lines: list[tuple[float, str]] = []
    ready = threading.Event()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    tree: set[int] = set()

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip()
            lines.append((time.perf_counter() - started, line))
            if READY_LINE in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result: dict[str, Any] = {"command": " ".join(command[1:])}
    try:
        deadline = started + timeout
        while not ready.is_set() and process.poll() is None and time.perf_counter() < deadline:
            tree.update(descendants(process.pid))
            ready.wait(0.2)
        if ready.is_set():
            ready_line = next((t, line) for t, line in lines if READY_LINE in line)
            result["ready_seconds"] = ready_line[0]
            result["launcher_says"] = ready_line[1].strip()
        else:
            exited = process.poll() is not None
            reason = f"exited with {process.returncode}" if exited else f"timed out ({timeout}s)"
            result["failed"] = f"never printed '{READY_LINE}': {reason}"
            result["output_tail"] = [line for _, line in lines[-15:]]
        tree.update(descendants(process.pid))
        stop_at = time.perf_counter()
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(45)
                result["exit_code"] = process.returncode
                result["shutdown_seconds"] = time.perf_counter() - stop_at
            except subprocess.TimeoutExpired:
                result["exit_code"] = None
                result["shutdown_problem"] = "did not exit within 45 s of SIGINT"
        time.sleep(0.5)
        names = {s.name for s in SERVICES}
        result["services"] = [
            line.split()[0] for _, line in lines if line.split() and line.split()[0] in names and "http://" in line
        ]
        survivors = sorted(pid for pid in tree if pid != process.pid and _alive(pid))
        result["left_running"] = survivors
        result["postgres_left_running"] = (root / "pgdata" / "postmaster.pid").exists()
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        for pid in tree:  # only processes this run started
            if pid != process.pid and _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        from chuishao_shared.devstack import EmbeddedPostgres

        if (root / "pgdata" / "postmaster.pid").exists():
            EmbeddedPostgres(root / "pgdata", 0).stop()
        reader.join(2)
        shutil.rmtree(root, ignore_errors=True)
    return result
