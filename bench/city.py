"""`make bench` (issue 15, city scale): every figure of bench/results/latest.json, measured in one run
on one embedded PostgreSQL (fsync on) and one Tansu broker, next to its baseline; a PNG chart beside it.

Phases (docs/benchmarks.md states the method of each):
  1. raw asyncpg commit rate: a report row + an outbox row per transaction (the baseline);
  2. intake throughput under wrk (compiled, its own Idempotency-Key per request; the Python load
     generator only when wrk is missing) with 1, then 2 worker processes (CHUISHAO_INTAKE_WORKERS),
     intake's CPU per accepted report from /proc;
  3. end to end at 100 and 300 reports/s offered: report POST → case dispatched (event on the topic)
     → the case pushed on tracking's board stream (what a wall screen sees);
  4. fan-out: N stream clients on one tracking process, each event's arrival at every client;
  5. tracking's rebuild from the topics (events per second); the services' RSS;
  6. growth: the reads at 10k and 1M cases of history (bench/growth.py);
  7. community (issue 21, bench/community.py): needs claimed per second end to end (claim answered, and
     counted on tracking's wish wall), and the wish wall and GET /v1/stats/community at 1k and 100k
     needs (10k and 1M hours entries), side by side.

Usage: python bench/city.py [--quick | --smoke] [--admin-dsn DSN --bootstrap HOST:PORT]
(--quick about a minute, --smoke seconds: small sizes, for the test that checks every key is written).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import CpuMeter, Stack, bench_settings, percentile, postmaster_pid  # noqa: E402
from lean_http import HttpError, LeanClient  # noqa: E402

from chuishao_shared.auth import mint_token  # noqa: E402
from chuishao_shared.devstack import create_databases, database_dsn, free_port  # noqa: E402
from chuishao_shared.kafka import ensure_topics  # noqa: E402
from chuishao_shared.launcher import stop_processes, wait_ready  # noqa: E402

KEYS = (
    "raw_commit_per_s",
    "intake_reports_per_s",
    "ratio_intake_to_raw_commit",
    "ratio_intake_1_worker_to_raw_commit",
    "intake_cpu_ms_per_report",
    "intake_workers",
    "intake_reports_per_s_1_worker",
    "e2e_p50_ms_at_100",
    "e2e_p99_ms_at_100",
    "e2e_p99_ms_at_300",
    "e2e_errors",
    "chain_cpu_ms_per_report_at_100",
    "chain_cpu_ms_per_report_at_300",
    "board_list_p99_ms_10k",
    "board_list_p99_ms_1m",
    "board_case_p99_ms_10k",
    "board_case_p99_ms_1m",
    "stats_p99_ms_10k",
    "stats_p99_ms_1m",
    "dispatch_queue_p99_ms_10k",
    "dispatch_queue_p99_ms_1m",
    "duplicate_lookup_ms_1m",
    "sse_clients",
    "sse_event_to_all_p99_ms",
    "rebuild_events_per_s",
    "rss_mb_intake",
    "rss_mb_dispatch",
    "rss_mb_tracking",
    "community_claims_per_s",
    "community_claims_on_wall_per_s",
    "wish_wall_p99_ms_1k",
    "wish_wall_p99_ms_100k",
    "community_stats_p99_ms_1k",
    "community_stats_p99_ms_100k",
)
UNLIMITED = {
    "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_BURST": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
}
# Consumer groups of this run only: run against the test suite's broker (--smoke), a service of ours
# must never join a group the suite's own services use.
RUN_ID = uuid.uuid4().hex[:8]


def own_group(service: str) -> dict[str, str]:
    return {"CHUISHAO_CONSUMER_GROUP": f"bench-{RUN_ID}-{service}"}


MODES: dict[str, dict[str, Any]] = {
    # (sizes: the small and the large history; e2e: seconds per offered rate)
    "full": {
        "raw_seconds": 5.0,
        "load_seconds": 20.0,
        "connections": 64,
        "e2e_seconds": 10.0,
        "sse_clients": 1000,
        "sse_events": 20,
        "sizes": (10_000, 1_000_000),
        "samples": 200,
        "community_sizes": (1_000, 100_000),
        "community_claims": 1000,
    },
    "quick": {
        "raw_seconds": 2.0,
        "load_seconds": 6.0,
        "connections": 32,
        "e2e_seconds": 4.0,
        "sse_clients": 1000,
        "sse_events": 10,
        "sizes": (10_000, 100_000),
        "samples": 60,
        "community_sizes": (1_000, 20_000),
        "community_claims": 300,
    },
    "smoke": {
        "raw_seconds": 0.3,
        "load_seconds": 1.0,
        "connections": 4,
        "e2e_seconds": 0.1,
        "sse_clients": 10,
        "sse_events": 1,
        "sizes": (300, 1_000),
        "samples": 5,
        "community_sizes": (100, 300),
        "community_claims": 5,
        "warm_up": False,
    },
}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn workers), in MB."""
    from common import descendants

    total = 0
    for p in descendants(pid):
        with contextlib.suppress(OSError, ValueError, StopIteration):
            line = next(x for x in Path(f"/proc/{p}/status").read_text().splitlines() if x.startswith("VmRSS:"))
            total += int(line.split()[1])
    return round(total / 1024, 1)


# ------------------------------------------------------------------------------------ 1 + 2


async def start_intake(stack: Stack, out: dict[str, Any], workers: int = 1) -> Any:
    await create_databases(stack.admin_dsn, ["chuishao_intake"])
    port = free_port()
    intake = stack.launch("intake", port, {**UNLIMITED, **own_group("intake"), "CHUISHAO_INTAKE_WORKERS": str(workers)})
    out["intake_url"] = f"http://127.0.0.1:{port}"
    return intake


async def raw_and_throughput(
    stack: Stack, intake: Any, cfg: dict[str, Any], out: dict[str, Any], grids: list[str]
) -> None:
    """The raw commit baseline, then intake under wrk, nothing else running but the broker."""
    from raw import RowFactory, run_raw

    from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
    from chuishao_shared.migrations import upgrade_head
    from chuishao_shared.reference import load_reference
    from chuishao_shared.settings import get_settings

    categories = sorted(load_reference().categories)
    await create_databases(stack.admin_dsn, ["bench_raw"])
    raw_dsn = database_dsn(stack.admin_dsn, "bench_raw")
    # the same tables as intake's own database: the baseline writes intake's rows without intake
    await asyncio.to_thread(upgrade_head, INTAKE_MIGRATIONS, get_settings(database_url=raw_dsn).sqlalchemy_url)
    rows = RowFactory(grids, categories)
    await run_raw(raw_dsn, rows, seconds=min(1.0, cfg["raw_seconds"]))  # warm-up
    raw = await run_raw(raw_dsn, rows, seconds=cfg["raw_seconds"])
    out["raw"] = raw
    out["raw_commit_per_s"] = round(raw["per_second"], 1)

    token = mint_token(
        bench_settings(stack.bootstrap), sub="bench-grid-worker", role="grid_worker", grids=grids, ttl_seconds=3600
    )
    assert stack.postgres is not None and stack.broker is not None
    roots = {
        "intake": intake.pid,
        "postgres": postmaster_pid(stack.postgres.data_dir) or 0,
        "broker": stack.broker.process.pid if stack.broker.process else 0,
    }
    with profiled(cfg.get("profile_dir"), 0, {"intake": intake.pid}):  # intake-0.txt: under wrk
        load = await throughput(out["intake_url"], token, grids, categories, cfg, roots)
    out["intake_load"] = load
    out["intake_reports_per_s_1_worker"] = load["per_second"]
    # CPU per report of one process: the hot path's own cost (several workers add no work per report,
    # only their share of the cores)
    out["intake_cpu_ms_per_report"] = load["cpu_ms_per_report"]["intake"]
    # Issue 26's target is one worker's rate (one process: what a report costs, not how many cores)
    out["ratio_intake_1_worker_to_raw_commit"] = (
        round(load["per_second"] / raw["per_second"], 3) if raw["per_second"] else None
    )
    out["rss_mb_intake"] = max(out.get("rss_mb_intake") or 0, rss_mb(intake.pid))
    # The same database and load again with CHUISHAO_INTAKE_WORKERS=2 (uvicorn's supervisor, two
    # workers, Prometheus multiprocess mode).
    stop_processes([intake])
    workers = 2
    intake = await start_intake(stack, out, workers=workers)
    await asyncio.to_thread(wait_ready, out["intake_url"], 90, intake)
    roots["intake"] = intake.pid
    several = await throughput(out["intake_url"], token, grids, categories, cfg, roots)
    out["intake_load_2_workers"] = several
    out["intake_workers"] = workers
    out["intake_reports_per_s"] = several["per_second"]
    out["ratio_intake_to_raw_commit"] = (
        round(several["per_second"] / raw["per_second"], 3) if raw["per_second"] else None
    )
    out["rss_mb_intake_2_workers"] = rss_mb(intake.pid)


async def throughput(
    url: str, token: str, grids: list[str], categories: list[str], cfg: dict[str, Any], roots: dict[str, int]
) -> dict[str, Any]:
    seconds, connections = cfg["load_seconds"], cfg["connections"]
    wrk = shutil.which("wrk")
    meter = CpuMeter(roots | {"bench": os.getpid()})
    if wrk:
        env = {
            **os.environ,
            "BENCH_TOKEN": token,
            "BENCH_GRIDS": ",".join(grids),
            "BENCH_CATEGORIES": ",".join(categories),
        }
        command = [wrk, "-t2", f"-c{connections}", "-s", str(HERE / "wrk" / "reports.lua"), "--latency", url]
        # warm-up (not counted; not in --smoke, whose figures mean nothing), then the measured run
        if cfg.get("warm_up", True):
            await asyncio.to_thread(subprocess.run, [*command[:1], "-d1s", *command[1:]], env=env, capture_output=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        meter.start()
        done = await asyncio.to_thread(
            subprocess.run, [*command[:1], f"-d{max(seconds, 1):.0f}s", *command[1:]], env=env, capture_output=True
        )
        cpu = meter.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk has exited: its CPU is the children's
        cpu["load generator"] = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        line = next((x for x in done.stdout.decode().splitlines() if x.startswith("WRK_JSON ")), None)
        if line is None:
            raise RuntimeError(f"wrk printed no summary: {done.stdout.decode()[-400:]} {done.stderr.decode()[-400:]}")
        summary = json.loads(line.removeprefix("WRK_JSON "))
        errors = sum(summary[k] for k in ("non_2xx", "connect_errors", "read_errors", "write_errors", "timeouts"))
        accepted = summary["requests"] - summary["non_2xx"]
        result = {
            "generator": "wrk",
            "requests": summary["requests"],
            "accepted": accepted,
            "errors": errors,
            "per_second": round(accepted / (summary["duration_us"] / 1e6), 1),
            "p50_ms": summary["p50_us"] / 1000,
            "p99_ms": summary["p99_us"] / 1000,
        }
    else:
        from load import drive

        await drive(
            url, token, concurrency=connections, duration=1, max_requests=10**7, grids=grids, categories=categories
        )
        meter.start()
        run = await drive(
            url,
            token,
            concurrency=connections,
            duration=seconds,
            max_requests=10**7,
            grids=grids,
            categories=categories,
        )
        cpu = meter.stop()
        cpu["load generator"] = run["load_cpu_seconds"]
        accepted = run["accepted"]
        result = {
            "generator": "python (wrk not installed)",
            "requests": run["requests"],
            "accepted": accepted,
            "errors": run["errors"],
            "per_second": round(run["per_second"], 1),
            "p50_ms": run["p50_ms"],
            "p99_ms": run["p99_ms"],
        }
    counted = max(result["accepted"], 1)
    result["connections"] = connections
    result["cpu_seconds"] = {k: round(v, 2) for k, v in cpu.items()}
    result["cpu_ms_per_report"] = {k: round(1000 * v / counted, 3) for k, v in cpu.items() if k != "wall"}
    return result


# ------------------------------------------------------------------------------------ 3 + 4


class BoardStream:
    """A raw socket client of tracking's `/v1/board/stream`: when each `case` event (by case id)
    first arrived, parsed from the text/event-stream lines."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.task: asyncio.Task[None] | None = None
        self.ready = asyncio.Event()

    async def run(self, host: str, port: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /v1/board/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
        await writer.drain()
        fields: dict[str, str] = {}
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                text = line.decode(errors="replace").strip()
                if text:  # a field of the message being read; `id` comes before `event` on the wire
                    name, _, value = text.partition(":")
                    fields[name] = value.strip()
                    continue
                event = fields.get("event")  # a blank line ends the message
                if event == "hello":
                    self.ready.set()
                elif event == "case" and "id" in fields:
                    self.first.setdefault(fields["id"].rsplit(":", 1)[0], time.time())
                fields = {}
        finally:
            writer.close()

    def start(self, host: str, port: int) -> None:
        self.task = asyncio.create_task(self.run(host, port))

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await self.task


PROFILED = ("intake", "dispatch", "tracking")


@contextlib.contextmanager
def profiled(directory: Path | None, rate: int, pids: dict[str, int]) -> Any:
    """py-spy on each service (all its processes) for the block, when a directory is given."""
    from run import find_py_spy, summarize_profile

    py_spy = find_py_spy() if directory is not None else None
    if directory is None or py_spy is None:
        if directory is not None:
            print("py-spy not found: pip install --target /tmp/pyspy py-spy", file=sys.stderr)
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    spies = {
        name: subprocess.Popen(
            [
                py_spy,
                "record",
                "--pid",
                str(pid),
                "--subprocesses",
                "--nonblocking",
                "--rate",
                "100",
                "--format",
                "raw",
                "--output",
                str(directory / f"{name}-{rate}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name, pid in pids.items()
    }
    try:
        yield
    finally:
        for spy in spies.values():
            spy.send_signal(2)  # SIGINT: py-spy writes what it sampled and exits
        for name, spy in spies.items():
            with contextlib.suppress(subprocess.TimeoutExpired):
                spy.wait(30)
            summary = directory / f"{name}-{rate}.txt"
            if summary.exists():
                (directory / f"{name}-{rate}.summary").write_text("\n".join(summarize_profile(summary, top=40)) + "\n")


WATCH_FETCH_WAIT_MS = int(os.environ.get("BENCH_WATCH_FETCH_WAIT_MS", "100"))


def stage_latencies(
    sent: dict[str, float],
    answered: dict[str, float],
    reports_produced: dict[str, float],
    seen: dict[str, dict[str, Any]],
    on_board: dict[str, float],
) -> dict[str, dict[str, float]]:
    """Where a report's way to the board goes, stage by stage (p50 and p99 of each, in ms): intake's answer,
    intake's relay sending the report event, dispatch opening or joining the case, dispatch's relay sending
    the case event, tracking projecting it and the board's stream showing it. Clocks are one machine's."""
    marks: dict[str, list[float]] = {}

    def add(stage: str, start: float | None, end: float | None) -> None:
        if start is not None and end is not None:
            marks.setdefault(stage, []).append(end - start)

    for report, posted in sent.items():
        case = seen.get(report) or {}
        produced = reports_produced.get(report)
        add("intake_answer", posted, answered.get(report))
        add("answer_to_report_event_sent", answered.get(report), produced)
        add("report_event_sent_to_case_committed", produced, case.get("event_time"))
        add("case_committed_to_case_event_sent", case.get("event_time"), case.get("produced"))
        add("case_event_sent_to_board", case.get("produced"), on_board.get(case.get("case_id", "")))
    return {
        stage: {
            "p50": round(1000 * (percentile(values, 50) or 0), 1),
            "p99": round(1000 * (percentile(values, 99) or 0), 1),
        }
        for stage, values in marks.items()
    }


async def end_to_end(stack: Stack, intake_url: str, cfg: dict[str, Any], out: dict[str, Any], intake_pid: int) -> None:
    from dispatch_latency import _body, _watch, routed_pairs, watch_reports

    await create_databases(stack.admin_dsn, ["chuishao_dispatch", "chuishao_tracking"])
    ports = {"dispatch": free_port(), "tracking": free_port()}
    env = UNLIMITED | {
        "CHUISHAO_STREAM_MAX_CLIENTS": str(cfg["sse_clients"] + 10),
        # Every bench stream comes from one address: the per-client share would refuse all but a few.
        "CHUISHAO_STREAM_MAX_PER_CLIENT": str(cfg["sse_clients"] + 10),
        "CHUISHAO_STATS_CACHE_SECONDS": "0",
    }
    processes = {name: stack.launch(name, port, env | own_group(name)) for name, port in ports.items()}
    steps = out.setdefault("e2e_step_seconds", {})
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        steps[name], clock = round(time.perf_counter() - clock, 1), time.perf_counter()

    try:
        for name, process in processes.items():
            await asyncio.to_thread(wait_ready, f"http://127.0.0.1:{ports[name]}", 90, process)
        step("services_ready")
        settings = bench_settings(stack.bootstrap)
        pairs = routed_pairs()
        grids = sorted({g for _, g in pairs})
        token = mint_token(settings, sub="bench-e2e", role="grid_worker", grids=grids, ttl_seconds=3600)
        seen: dict[str, dict[str, Any]] = {}
        stop, progress = asyncio.Event(), asyncio.Event()
        # The harness's own consumers time nothing by when they see a record (the board's stream and the
        # records' own timestamps do), so they fetch as seldom as the services do: the broker's CPU for them
        # is counted in the chain's figures.
        watcher = asyncio.create_task(_watch(stack.bootstrap, seen, progress, stop, WATCH_FETCH_WAIT_MS))
        reports_produced: dict[str, float] = {}  # report id → when intake's relay sent its event
        answered: dict[str, float] = {}  # report id → when intake answered 201
        reports_watcher = asyncio.create_task(
            watch_reports(stack.bootstrap, reports_produced, stop, WATCH_FETCH_WAIT_MS)
        )
        board = BoardStream()
        board.start("127.0.0.1", ports["tracking"])
        await asyncio.wait_for(board.ready.wait(), 30)
        index = 0
        errors = 0
        failures: dict[str, int] = out.setdefault("e2e_failed_posts", {})  # what each failed POST got
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        host, _, port = intake_url.removeprefix("http://").partition(":")
        # The offered load costs a fraction of what httpx would (bench/lean_http.py): CPU for the system.
        async with LeanClient(host, int(port), headers, max_connections=200) as client:

            async def file(rate: float, seconds: float) -> dict[str, float]:
                nonlocal index, errors
                sent: dict[str, float] = {}
                count = max(int(rate * seconds), 3)
                started = time.perf_counter()

                async def one(i: int) -> None:
                    nonlocal errors
                    category, grid = pairs[i % len(pairs)]
                    t0 = time.time()
                    try:
                        status, answer = await asyncio.wait_for(
                            client.post("/v1/reports", _body(category, grid, i), {"Idempotency-Key": uuid.uuid4().hex}),
                            30,
                        )
                    except (HttpError, TimeoutError) as error:
                        errors += 1
                        kind = f"{type(error).__name__}: {error}"[:120]
                        failures[kind] = failures.get(kind, 0) + 1
                        return
                    if status == 201:
                        report_id = json.loads(answer)["id"]
                        sent[report_id], answered[report_id] = t0, time.time()
                    else:
                        errors += 1
                        failures[f"HTTP {status}"] = failures.get(f"HTTP {status}", 0) + 1

                tasks = []
                for k in range(count):  # paced on the clock, not on the answers: an open-loop offered load
                    delay = started + k / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    tasks.append(asyncio.create_task(one(index)))
                    index += 1
                await asyncio.gather(*tasks)
                return sent

            async def settle(sent: dict[str, float], within: float = 60) -> dict[str, Any]:
                deadline = time.monotonic() + within
                while time.monotonic() < deadline:
                    if all(r in seen and seen[r]["case_id"] in board.first for r in sent):
                        break
                    await asyncio.sleep(0.05)
                latencies = [
                    board.first[seen[r]["case_id"]] - t
                    for r, t in sent.items()
                    if r in seen and seen[r]["case_id"] in board.first
                ]
                dispatched = [seen[r]["event_time"] - t for r, t in sent.items() if r in seen]
                stages = stage_latencies(sent, answered, reports_produced, seen, board.first)
                missing = len(sent) - len(latencies)
                if missing:
                    not_dispatched = sum(1 for r in sent if r not in seen)
                    late = f"{missing} of {len(sent)} not on the board ({not_dispatched} not dispatched)"
                    print(f"settle: {late}", flush=True)
                return {
                    "filed": len(sent),
                    "on_board": len(latencies),
                    "missing": missing,
                    "p50_ms": round(1000 * (percentile(latencies, 50) or 0), 1),
                    "p99_ms": round(1000 * (percentile(latencies, 99) or 0), 1),
                    "dispatched_p99_ms": round(1000 * (percentile(dispatched, 99) or 0), 1),
                    "stages_ms": stages,
                }

            await settle(await file(5, 1.0))  # warm-up: consumer groups joined, connections open
            step("warm_up")
            errors = 0
            runs: dict[str, Any] = {}
            assert stack.postgres is not None and stack.broker is not None
            roots = {
                "intake": intake_pid,
                "dispatch": processes["dispatch"].pid,
                "tracking": processes["tracking"].pid,
                "postgres": postmaster_pid(stack.postgres.data_dir) or 0,
                "broker": stack.broker.process.pid if stack.broker.process else 0,
            }
            roots["load_generator"] = os.getpid()  # last: its tree holds the services, claimed above
            for rate in cfg.get("e2e_rates", (100, 300)):
                meter = CpuMeter(roots)
                meter.start()
                with profiled(cfg.get("profile_dir"), rate, {k: v for k, v in roots.items() if k in PROFILED}):
                    runs[str(rate)] = await settle(await file(rate, cfg["e2e_seconds"]))
                cpu = meter.stop()
                filed = max(runs[str(rate)]["filed"], 1)
                # where the CPU of one report goes, end to end (the reason a rate is or is not kept up with)
                runs[str(rate)]["cpu_ms_per_report"] = {
                    k: round(1000 * v / filed, 2) for k, v in cpu.items() if k != "wall"
                }
                runs[str(rate)]["wall_seconds"] = round(cpu["wall"], 1)
                runs[str(rate)]["offered_per_s"] = rate
                errors += runs[str(rate)]["missing"]
            out["e2e"] = runs
            if cfg.get("sustained_minutes"):
                out["sustained"] = await sustained(file, settle, cfg, roots, processes | {"intake": intake_pid})
            if "100" in runs and "300" in runs:
                out["e2e_p50_ms_at_100"] = runs["100"]["p50_ms"]
                out["e2e_p99_ms_at_100"] = runs["100"]["p99_ms"]
                out["e2e_p99_ms_at_300"] = runs["300"]["p99_ms"]
            for rate in ("100", "300"):  # the whole chain's CPU per report, the load generator left out
                if rate in runs:
                    spent = runs[rate]["cpu_ms_per_report"]
                    chain = round(sum(v for k, v in spent.items() if k != "load_generator"), 2)
                    out[f"chain_cpu_ms_per_report_at_{rate}"] = chain
            out["e2e_errors"] = errors

            step("e2e")
            if not cfg.get("e2e_only"):
                # fan-out: N clients on the one tracking process, then reports at a calm pace
                clients = [BoardStream() for _ in range(cfg["sse_clients"])]
                for c in clients:
                    c.start("127.0.0.1", ports["tracking"])
                await asyncio.wait_for(asyncio.gather(*(c.ready.wait() for c in clients)), 120)
                sent = await file(max(cfg["sse_events"] / 4, 1), 4 if cfg["sse_events"] > 2 else 1)
                await settle(sent)
                await asyncio.sleep(min(1.0, cfg["e2e_seconds"]))  # the last clients' reads
                arrivals: list[float] = []
                unreached = 0
                for r in sent:
                    if r not in seen:
                        unreached += len(clients)
                        continue
                    case_id, committed = seen[r]["case_id"], seen[r]["event_time"]
                    for c in clients:
                        if case_id in c.first:
                            arrivals.append(c.first[case_id] - committed)
                        else:
                            unreached += 1
                out["sse"] = {
                    "clients": len(clients),
                    "events": len(sent),
                    "deliveries": len(arrivals),
                    "unreached": unreached,
                    "p50_ms": round(1000 * (percentile(arrivals, 50) or 0), 1),
                    "p99_ms": round(1000 * (percentile(arrivals, 99) or 0), 1),
                    "max_ms": round(1000 * max(arrivals, default=0), 1),
                }
                out["sse_clients"] = len(clients)
                out["sse_event_to_all_p99_ms"] = out["sse"]["p99_ms"]
                out["rss_mb_tracking"] = rss_mb(processes["tracking"].pid)
                out["rss_mb_dispatch"] = rss_mb(processes["dispatch"].pid)
                out["rss_mb_intake"] = rss_mb(intake_pid)
                for c in clients:
                    await c.stop()
                step("fan_out")
        stop.set()
        await watcher
        await reports_watcher
        await board.stop()
    finally:
        stop_processes(list(processes.values()))


async def rebuild(stack: Stack) -> dict[str, Any]:
    """`python -m chuishao_tracking rebuild` over everything the run put on the topics."""
    env = {
        **os.environ,
        "DATABASE_URL": database_dsn(stack.admin_dsn, "chuishao_tracking"),
        "KAFKA_BOOTSTRAP_SERVERS": stack.bootstrap,
    }
    started = time.perf_counter()
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "chuishao_tracking", "rebuild"],
        env=env,
        capture_output=True,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    text = (done.stdout + done.stderr).decode(errors="replace")
    body: dict[str, Any] = {}
    for line in reversed(text.splitlines()):
        if line.startswith("{") and '"outcomes"' in line:
            body = json.loads(line)
            break
    events = sum(body.get("outcomes", {}).values()) or None
    replay = body.get("seconds") or seconds
    return {
        "returncode": done.returncode,
        "seconds_with_start": round(seconds, 2),
        "seconds": round(replay, 2),
        "events": events,
        "outcomes": body.get("outcomes"),
        "events_per_s": round(events / replay, 1) if events else None,
        "output_tail": text[-600:] if done.returncode or not events else "",
    }


async def sustained(file: Any, settle: Any, cfg: dict[str, Any], roots: dict[str, int], services: dict) -> dict:
    """`--sustained`: reports at a steady rate for N minutes; each minute's latency, losses, CPU per report
    and each service's resident memory. Memory is flat when the last minute's RSS is within 10 % of the
    first's (the first minute has warmed the caches and pools up)."""
    rate, minutes = cfg["sustained_rate"], cfg["sustained_minutes"]
    pids = {name: (p if isinstance(p, int) else p.pid) for name, p in services.items()}
    per_minute = []
    for minute in range(1, minutes + 1):
        meter = CpuMeter(roots)
        meter.start()
        result = await settle(await file(rate, 60.0))
        cpu = meter.stop()
        filed = max(result["filed"], 1)
        spent = {k: round(1000 * v / filed, 2) for k, v in cpu.items() if k not in ("wall", "load_generator")}
        per_minute.append(
            {
                "minute": minute,
                **{k: result[k] for k in ("filed", "missing", "p50_ms", "p99_ms")},
                "chain_cpu_ms_per_report": round(sum(spent.values()), 2),
                "cpu_ms_per_report": spent,  # per process: a broker whose cost grows with its log shows here
                "rss_mb": {name: rss_mb(pid) for name, pid in sorted(pids.items())},
            }
        )
        print(f"sustained minute {minute}/{minutes}: {per_minute[-1]}", flush=True)
    first, last = per_minute[0]["rss_mb"], per_minute[-1]["rss_mb"]
    growth = {name: round(100 * (last[name] - first[name]) / first[name], 1) for name in first if first[name]}
    return {
        "rate_per_s": rate,
        "minutes": minutes,
        "filed": sum(m["filed"] for m in per_minute),
        "missing": sum(m["missing"] for m in per_minute),
        "p99_ms_worst_minute": max(m["p99_ms"] for m in per_minute),
        "rss_growth_pct": growth,
        "rss_flat": all(g < 10 for g in growth.values()),
        "per_minute": per_minute,
    }


# ------------------------------------------------------------------------------------ chart


def chart(out: dict[str, Any], path: Path, baseline: dict[str, Any] | None = None) -> None:
    """Three panels with Pillow: e2e latency against offered load; read p99 against cases; CPU per report
    per process at 100/s, beside the same figure of `baseline` (the run this one replaces) when given.
    A sustained run draws its minutes instead (sustained_chart)."""
    from PIL import Image, ImageDraw

    if out.get("sustained"):
        return sustained_chart(out["sustained"], path)
    width, height, pad = 1800, 520, 70
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    e2e = out.get("e2e", {})
    line_panel(
        draw,
        (pad, pad, height - pad),
        "report -> on the board: latency against offered load",
        {
            "p50": [e2e.get("100", {}).get("p50_ms"), e2e.get("300", {}).get("p50_ms")],
            "p99": [e2e.get("100", {}).get("p99_ms"), e2e.get("300", {}).get("p99_ms")],
        },
        ["100/s", "300/s"],
        "ms",
    )
    sizes = out.get("growth", {}).get("sizes", {})
    names = sorted(sizes, key=int)
    reads = ("board_list", "board_case", "stats", "dispatch_queue", "duplicate_lookup")
    line_panel(
        draw,
        (pad + 600, pad, height - pad),
        "read p99 against cases of history",
        {r: [sizes[n][r]["p99_ms"] for n in names] for r in reads},
        [f"{int(n):,} cases" for n in names],
        "ms",
    )
    cpu_bars(draw, pad + 1200, height, pad, out, baseline)
    image.save(path)


def sustained_chart(sustained: dict[str, Any], path: Path) -> None:
    """A sustained run minute by minute: latency, each service's RSS, CPU per report per process."""
    from PIL import Image, ImageDraw

    width, height, pad = 1800, 520, 70
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    minutes = sustained["per_minute"]
    labels = [str(m["minute"]) if m["minute"] % 5 == 0 or m["minute"] == 1 else "" for m in minutes]
    rate = sustained["rate_per_s"]
    line_panel(
        draw,
        (pad, pad, height - pad),
        f"{rate:.0f} reports/s: latency per minute (missing {sustained['missing']} of {sustained['filed']:,})",
        {"p50": [m["p50_ms"] for m in minutes], "p99": [m["p99_ms"] for m in minutes]},
        labels,
        "ms",
    )
    services = sorted(minutes[0]["rss_mb"])
    line_panel(
        draw,
        (pad + 600, pad, height - pad),
        "resident memory per service (MB), minute by minute",
        {s: [m["rss_mb"][s] for m in minutes] for s in services},
        labels,
        "MB",
    )
    processes = sorted({p for m in minutes for p in m.get("cpu_ms_per_report", {})})
    series = {p: [m.get("cpu_ms_per_report", {}).get(p) for m in minutes] for p in processes}
    line_panel(
        draw,
        (pad + 1200, pad, height - pad),
        "CPU ms per report, minute by minute",
        series or {"chain": [m["chain_cpu_ms_per_report"] for m in minutes]},
        labels,
        "ms",
    )
    image.save(path)


def line_panel(
    draw: Any,
    box: tuple[int, int, int],
    title: str,
    series: dict[str, list[float | None]],
    xlabels: list[str],
    unit: str,
) -> None:
    """One line chart 500 px wide at box = (left, top, bottom): a line and dots per series, named in a
    row above the plot, the y axis from 0 to 15 % above the largest value."""
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    x0, y0, y1 = box
    x1 = x0 + 500
    draw.text((x0, 20), title, fill="black")
    draw.line([(x0, y1), (x1, y1)], fill="black")
    draw.line([(x0, y0), (x0, y1)], fill="black")
    top = max([v for vs in series.values() for v in vs if v is not None] + [1.0]) * 1.15
    for k in range(5):
        y = y1 - (y1 - y0) * k / 4
        draw.line([(x0 - 4, y), (x0, y)], fill="black")
        draw.text((x0 - 60, y - 6), f"{top * k / 4:,.0f} {unit}", fill="black")
    count = len(xlabels)
    positions = [x0 + 30 + (x1 - x0 - 60) * i / max(count - 1, 1) for i in range(count)]
    for x, label in zip(positions, xlabels, strict=True):
        if label:
            draw.text((x - 10, y1 + 8), label, fill="black")
    legend_x = float(x0)
    for n, (name, values) in enumerate(series.items()):
        colour = colours[n % len(colours)]
        points = [(x, y1 - (y1 - y0) * v / top) for x, v in zip(positions, values, strict=True) if v is not None]
        if len(points) > 1:
            draw.line(points, fill=colour, width=2 if count > 10 else 3)
        dot = 2 if count > 10 else 4
        for x, y in points:
            draw.ellipse([(x - dot, y - dot), (x + dot, y + dot)], fill=colour)
        draw.text((legend_x, y0 - 28), name, fill=colour)  # the legend: one row under the title
        legend_x += draw.textlength(name) + 24


def cpu_bars(draw: Any, x0: int, height: int, pad: int, out: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    """CPU of one report in each process at 100/s: this run's bar, the baseline's (grey) to its left."""
    now = out.get("e2e", {}).get("100", {}).get("cpu_ms_per_report", {})
    before = ((baseline or {}).get("e2e") or {}).get("100", {}).get("cpu_ms_per_report", {})
    names = [n for n in ("intake", "dispatch", "tracking", "postgres", "broker", "load_generator") if n in now]
    x1, y0, y1 = x0 + 500, pad, height - pad
    chain = out.get("chain_cpu_ms_per_report_at_100")
    was = sum(v for k, v in before.items() if k != "load_generator") if before else None
    title = f"CPU ms per report at 100/s: chain {chain}" + (f" (was {was:.2f}, grey)" if was else "")
    draw.text((x0, 20), title, fill="black")
    draw.line([(x0, y1), (x1, y1)], fill="black")
    draw.line([(x0, y0), (x0, y1)], fill="black")
    top = max([*now.values(), *before.values(), 1.0]) * 1.15
    for k in range(5):
        y = y1 - (y1 - y0) * k / 4
        draw.line([(x0 - 4, y), (x0, y)], fill="black")
        draw.text((x0 - 60, y - 6), f"{top * k / 4:.1f} ms", fill="black")
    slot = (x1 - x0) / max(len(names), 1)
    for i, name in enumerate(names):
        left = x0 + slot * i + slot * 0.15
        for value, colour, offset in ((before.get(name), "#bbbbbb", 0.0), (now[name], "#1f77b4", slot * 0.35)):
            if value is None:
                continue
            y = y1 - (y1 - y0) * value / top
            draw.rectangle([(left + offset, y), (left + offset + slot * 0.3, y1)], fill=colour)
            draw.text((left + offset, y - 14), f"{value:.1f}", fill="black")
        draw.text((left, y1 + 8), "generator" if name == "load_generator" else name, fill="black")


# ------------------------------------------------------------------------------------ main


async def run(stack: Stack, cfg: dict[str, Any], out: dict[str, Any]) -> None:
    from growth import growth_phase

    from chuishao_shared.reference import load_reference

    grids = [g.code for g in load_reference().grids()]
    await ensure_topics(bench_settings(stack.bootstrap))
    phases = out.setdefault("phase_seconds", {})
    clock = time.perf_counter()
    intake = await start_intake(stack, out)
    await asyncio.to_thread(wait_ready, out["intake_url"], 90, intake)
    if not cfg.get("intake_only"):
        print("… end to end and fan-out (intake, dispatch, tracking)", flush=True)
        await end_to_end(stack, out["intake_url"], cfg, out, intake.pid)
    if cfg.get("e2e_only"):
        return
    phases["e2e_fanout"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
    print("… raw commit baseline and intake throughput (dispatch and tracking stopped)", flush=True)
    await raw_and_throughput(stack, intake, cfg, out, grids)
    phases["raw_and_intake"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
    if cfg.get("intake_only"):
        return
    print("… tracking rebuild from the topics", flush=True)
    out["rebuild"] = await rebuild(stack)
    out["rebuild_events_per_s"] = out["rebuild"].get("events_per_s")
    phases["rebuild"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
    print("… growth", flush=True)
    small, large = cfg["sizes"]
    growth = await growth_phase(stack.admin_dsn, [small, large], samples=cfg["samples"])
    phases["growth"] = round(time.perf_counter() - clock, 1)
    out["growth"] = growth
    for read in ("board_list", "board_case", "stats", "dispatch_queue"):
        out[f"{read}_p99_ms_10k"] = growth["sizes"][str(small)][read]["p99_ms"]
        out[f"{read}_p99_ms_1m"] = growth["sizes"][str(large)][read]["p99_ms"]
    out["duplicate_lookup_ms_1m"] = growth["sizes"][str(large)]["duplicate_lookup"]["p99_ms"]
    print("… community (needs claimed end to end; the wish wall and the figures at 1k and 100k needs)", flush=True)
    from community import community_phase

    clock = time.perf_counter()
    community = await community_phase(
        stack,
        list(cfg["community_sizes"]),
        claims=cfg["community_claims"],
        concurrency=min(16, cfg["community_claims"]),
        samples=cfg["samples"],
    )
    phases["community"] = round(time.perf_counter() - clock, 1)
    out["community"] = {k: v for k, v in community.items() if k != "figures"}
    out.update(community["figures"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true")
    group.add_argument("--smoke", action="store_true")
    parser.add_argument("--admin-dsn", help="use this PostgreSQL (admin DSN) instead of starting one")
    parser.add_argument("--bootstrap", help="use this Kafka-protocol broker instead of starting one")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument(
        "--e2e-only",
        type=lambda text: tuple(int(r) for r in text.split(",")),
        metavar="RATES",
        help="only the end-to-end phase, at these offered rates (e.g. 50,100): for profiling the chain",
    )
    parser.add_argument(
        "--intake-only",
        action="store_true",
        help="only the raw commit baseline and intake under wrk (1, then 2 workers): for intake's own cost",
    )
    parser.add_argument("--profile-dir", type=Path, help="py-spy each service during the end-to-end rates")
    parser.add_argument(
        "--sustained",
        type=int,
        metavar="MINUTES",
        help="only a steady load for this long (memory per service, latency per minute): bench/results/sustained.json",
    )
    parser.add_argument("--sustained-rate", type=float, default=50.0, help="reports per second (default 50)")
    parser.add_argument(
        "--baseline", type=Path, help="the run to draw as 'before' in the chart (default: the output file it replaces)"
    )
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    cfg = dict(MODES[mode])
    if args.e2e_only:
        cfg |= {"e2e_only": True, "e2e_rates": args.e2e_only}
        if args.output == HERE / "results" / "latest.json":
            args.output = HERE / "results" / "e2e-only.json"
    if args.intake_only:
        cfg["intake_only"] = True
        if args.output == HERE / "results" / "latest.json":
            args.output = HERE / "results" / "intake-only.json"
    cfg["profile_dir"] = args.profile_dir
    if args.sustained:
        cfg |= {"e2e_only": True, "e2e_rates": (), "sustained_minutes": args.sustained}
        cfg["sustained_rate"] = args.sustained_rate
        if args.output == HERE / "results" / "latest.json":
            args.output = HERE / "results" / "sustained.json"
    out: dict[str, Any] = dict.fromkeys(KEYS)
    out["mode"] = mode
    out["config"] = cfg
    out["started_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    from run import machine_info

    out["machine"] = machine_info()
    stack = Stack()
    if args.admin_dsn and args.bootstrap:
        stack.postgres = _Given(args.admin_dsn)  # type: ignore[assignment]
        stack.broker = _GivenBroker(args.bootstrap)  # type: ignore[assignment]
    else:
        stack.start()
    started = time.perf_counter()
    try:
        asyncio.run(run(stack, cfg, out))
    except (Exception, KeyboardInterrupt) as error:  # the figures so far are still written, with the error
        out["error"] = f"{type(error).__name__}: {error}"[:1000]
        print(f"benchmark error: {out['error']}", file=sys.stderr)
        # A service that died says why in its own log (the stack's directory goes when it closes).
        for log in sorted((stack.root / "logs").glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-20:]
            print(f"--- {log.name} (last {len(tail)} lines)", *tail, sep="\n", file=sys.stderr)
    finally:
        if args.admin_dsn and args.bootstrap:
            stack.postgres = None
            stack.broker = None
        stack.close()
    out["wall_seconds"] = round(time.perf_counter() - started, 1)
    missing = [k for k in KEYS if out.get(k) is None]
    out["not_measured"] = missing
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # The run this one replaces is the chart's "before" (or the one --baseline names).
    baseline_path = args.baseline or args.output
    try:
        baseline = json.loads(baseline_path.read_text())
    except (OSError, ValueError):
        baseline = None
    out["baseline"] = {"file": str(baseline_path), "started_at": baseline.get("started_at")} if baseline else None
    args.output.write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\n")
    chart(out, args.output.with_suffix(".png"), baseline)
    print(json.dumps({k: out[k] for k in KEYS}, indent=2))
    print(f"written {args.output} and {args.output.with_suffix('.png')} in {out['wall_seconds']} s")
    return 1 if "error" in out else 0


class _Given:
    """A PostgreSQL the caller runs (the test suite's): no data dir of ours to account CPU for."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.data_dir = Path("/nonexistent")


class _GivenBroker:
    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.process = None


if __name__ == "__main__":
    raise SystemExit(main())
