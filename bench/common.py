"""Shared pieces of the benchmark scripts: the embedded stack, report bodies, tokens, statistics and
per-process CPU accounting. Every process started here is tracked and stopped in `Stack.close()`."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import EmbeddedBroker, EmbeddedPostgres, free_port
from chuishao_shared.launcher import ServiceSpec, start_service
from chuishao_shared.reference import load_reference
from chuishao_shared.settings import Settings, get_settings

CLK_TCK = os.sysconf("SC_CLK_TCK")
DESCRIPTION = "楼道堆放杂物严重，影响消防通道通行，居民多次反映，请尽快派人清理。Stairwell blocked by clutter."


def bench_settings(bootstrap: str, **overrides: Any) -> Settings:
    return get_settings().model_copy(update={"kafka_bootstrap_servers": bootstrap, **overrides})


def grid_worker_token(settings: Settings, grids: list[str]) -> str:
    return mint_token(settings, sub="bench-grid-worker", role="grid_worker", grids=grids, ttl_seconds=3600)


def all_grids() -> list[str]:
    return [g.code for g in load_reference().grids()]


def report_body(index: int, grids: list[str], categories: list[str]) -> dict[str, Any]:
    """A realistic report: Chinese description, a place, one photo; spread over grids and categories."""
    return {
        "category": categories[index % len(categories)],
        "grid": grids[index % len(grids)],
        "description": f"{DESCRIPTION} #{index}",
        "severity": "minor",
        "place": {
            "building": f"{index % 40 + 1}号楼",
            "unit": f"{index % 6 + 1}单元",
            "address": "西城区某街道某社区",
            "lat": 39.91,
            "lon": 116.36,
        },
        "photos": [f"https://photos.example/bench/{index}.jpg"],
    }


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-pct * len(ordered) // 100))))
    return ordered[rank - 1]


# ---------------------------------------------------------------- CPU accounting (/proc)


def _stat(pid: int) -> tuple[int, float] | None:
    """(ppid, cpu seconds user+system) of a live process, None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK_TCK


def descendants(pid: int) -> list[int]:
    """`pid` and every live process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                children.setdefault(stat[0], []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


class CpuMeter:
    """CPU seconds used by named process trees between `start()` and `stop()` (approximate: a
    process that exits in between is not counted). List the benchmark's own tree last: it holds
    the processes it started, which the earlier roots claim."""

    def __init__(self, roots: dict[str, int]) -> None:
        self.roots = roots
        self.before: dict[str, dict[int, float]] = {}
        self.wall = 0.0

    def _sample(self) -> dict[str, dict[int, float]]:
        """Each pid counts once, for the first root (in the given order) whose tree holds it."""
        sample: dict[str, dict[int, float]] = {}
        claimed: set[int] = set()
        for name, root in self.roots.items():
            sample[name] = {}
            for pid in descendants(root) if root > 0 else []:
                stat = _stat(pid)
                if stat is not None and pid not in claimed:
                    sample[name][pid] = stat[1]
                    claimed.add(pid)
        return sample

    def start(self) -> None:
        self.before = self._sample()
        self.wall = time.monotonic()

    def stop(self) -> dict[str, float]:
        after = self._sample()
        wall = time.monotonic() - self.wall
        used = {
            name: sum(t - self.before.get(name, {}).get(pid, t) for pid, t in pids.items())
            for name, pids in after.items()
        }
        used["wall"] = wall
        return used


def postmaster_pid(data_dir: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((data_dir / "postmaster.pid").read_text().splitlines()[0])
    return None


# ---------------------------------------------------------------- the stack


@dataclass
class Stack:
    """Embedded PostgreSQL + Tansu in a temp dir under /tmp, plus every process the benchmark starts."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="chuishao-bench-", dir="/tmp")))
    postgres: EmbeddedPostgres | None = None
    broker: EmbeddedBroker | None = None
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> Stack:
        self.postgres = EmbeddedPostgres(self.root / "pgdata", free_port()).start()
        self.broker = EmbeddedBroker(free_port(), self.root / "logs" / "tansu.log").start()
        return self

    @property
    def admin_dsn(self) -> str:
        assert self.postgres is not None
        return self.postgres.dsn

    @property
    def bootstrap(self) -> str:
        assert self.broker is not None
        return self.broker.bootstrap

    def track(self, process: subprocess.Popen[bytes]) -> subprocess.Popen[bytes]:
        self.processes.append(process)
        return process

    def launch(self, service: str, port: int, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
        """`python -m chuishao_<service>` on this stack's database and broker, stopped with the stack."""
        return self.track(
            start_service(
                ServiceSpec(service, port),
                admin_dsn=self.admin_dsn,
                bootstrap=self.bootstrap,
                log_dir=self.root / "logs",
                port=port,
                extra_env=extra_env,
            )
        )

    def resume_broker(self) -> None:
        if self.broker and self.broker.process and self.broker.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.broker.process.pid, signal.SIGCONT)

    def close(self) -> None:
        self.resume_broker()  # a stopped broker ignores SIGTERM until continued
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if self.broker:
            self.broker.stop()
        if self.postgres:
            self.postgres.stop()
        if not os.environ.get("BENCH_KEEP_TMP"):
            import shutil

            shutil.rmtree(self.root, ignore_errors=True)


def dump_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def new_key() -> str:
    return uuid.uuid4().hex
