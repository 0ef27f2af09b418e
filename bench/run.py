"""`make bench`: Chuishao's figures, measured side by side in one run on one embedded PostgreSQL.

  1. raw asyncpg baseline: report row + outbox row per transaction, 16 connections;
  2. intake `POST /v1/reports` under a bounded concurrent load, and the ratio to (1);
  3. outbox drain rate after a broker pause, with delivery checked by a real consumer;
  4. `make run` time to ready (and a clean Ctrl-C);
  5. report → case dispatched latency (only once dispatch answers GET /v1/cases/{id}).

Prints a table and writes bench/results.json. Everything it starts lives under /tmp and is stopped
on the way out. Usage: python bench/run.py [--quick] [--duration S] [--profile] [--skip-ready]."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import asyncpg
from common import CpuMeter, Stack, all_grids, bench_settings, dump_json, grid_worker_token, postmaster_pid
from load import drive, drive_in_process

from chuishao_intake.bootstrap import MIGRATIONS
from chuishao_shared.devstack import create_databases, database_dsn, free_port
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.launcher import wait_ready
from chuishao_shared.migrations import upgrade_head
from chuishao_shared.reference import load_reference
from chuishao_shared.settings import get_settings

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 0.5
# All load comes from one loopback address: intake's per-client token bucket (default 200/s) would
# answer 429 and measure the limiter, not the service. The limiter is lifted for the benchmark only.
INTAKE_ENV = {
    "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_BURST": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
    "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
}


def machine_info() -> dict[str, Any]:
    model = ""
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    try:
        mem_kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_at_start": os.getloadavg(),
    }


def find_py_spy() -> str | None:
    for candidate in (os.environ.get("PY_SPY"), shutil.which("py-spy"), "/tmp/pyspy/bin/py-spy"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def summarize_profile(path: Path, top: int = 18) -> list[str]:
    """Top frames of py-spy's collapsed stacks: inclusive share (any position) and self share (leaf)."""
    inclusive: dict[str, int] = {}
    leaf: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [
            f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].split("/")[-1] + ")" if " (" in f else f
            for f in stack.split(";")
        ]
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        leaf[frames[-1]] = leaf.get(frames[-1], 0) + count
    if not total:
        return ["(no samples)"]
    lines = [f"{total} samples"]
    lines += ["inclusive:"] + [
        f"  {100 * c / total:5.1f}%  {f}" for f, c in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]
    ]
    lines += ["self:"] + [
        f"  {100 * c / total:5.1f}%  {f}" for f, c in sorted(leaf.items(), key=lambda kv: -kv[1])[:top]
    ]
    return lines


async def prepare_databases(stack: Stack) -> tuple[str, str]:
    await create_databases(stack.admin_dsn, ["bench_raw", "chuishao_intake"])
    await ensure_topics(bench_settings(stack.bootstrap))
    return database_dsn(stack.admin_dsn, "bench_raw"), database_dsn(stack.admin_dsn, "chuishao_intake")


def sqlalchemy_url(dsn: str) -> str:
    return get_settings(database_url=dsn).sqlalchemy_url


async def raw_figures(dsn: str, args: argparse.Namespace, grids: list[str], categories: list[str]) -> dict[str, Any]:
    from raw import RowFactory, run_raw

    rows = RowFactory(grids, categories)
    await run_raw(dsn, rows, seconds=1.0)  # warm-up: connections, prepared statements, WAL segments
    basic = await run_raw(dsn, rows, seconds=args.raw_seconds)
    full = await run_raw(dsn, rows, seconds=args.raw_seconds, full=True)
    conn = await asyncpg.connect(dsn)
    try:
        settings = {
            name: await conn.fetchval(f"SHOW {name}")
            for name in ("server_version", "fsync", "synchronous_commit", "shared_buffers")
        }
    finally:
        await conn.close()
    return {"raw": basic, "raw_full": full, "postgres": settings}


PG_COUNTERS = (
    "SELECT xact_commit, xact_rollback, sessions, tup_inserted FROM pg_stat_database WHERE datname = 'chuishao_intake'"
)


async def pg_counters(admin_dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute("SELECT pg_stat_force_next_flush()")
        return dict(await conn.fetchrow(PG_COUNTERS))
    finally:
        await conn.close()


async def load_phase(
    label: str,
    *,
    separate: bool,
    url: str,
    token: str,
    args: argparse.Namespace,
    grids: list[str],
    categories: list[str],
    meter_roots: dict[str, int],
    admin_dsn: str,
    first_index: int,
) -> dict[str, Any]:
    kwargs = dict(
        url=url,
        token=token,
        concurrency=args.concurrency,
        duration=args.duration,
        max_requests=args.max_requests,
        grids=grids,
        categories=categories,
        first_index=first_index,
        warmup=args.warmup,
    )
    meter = CpuMeter(meter_roots)
    before: dict[str, int] = {}

    async def start_counting() -> None:
        before.update(await pg_counters(admin_dsn))
        meter.start()

    if separate:
        # The child warms up itself and says when it is done; counting starts there.
        loop = asyncio.get_running_loop()
        counting: list[asyncio.Future[None]] = []
        result = await drive_in_process(
            on_warm=lambda: counting.append(asyncio.ensure_future(start_counting(), loop=loop)), **kwargs
        )
        await asyncio.gather(*counting)
    else:
        await drive(**dict(kwargs, duration=args.warmup, warmup=0.0))
        await start_counting()
        result = await drive(**dict(kwargs, warmup=0.0))
    cpu = meter.stop()
    await asyncio.sleep(0.7)  # PostgreSQL flushes its statistics about every half second
    after = await pg_counters(admin_dsn)
    result.pop("ids", None)
    result["mode"] = label
    cpu_seconds = {k: v for k, v in cpu.items() if k in ("intake", "postgres", "broker")}
    cpu_seconds["load generator"] = result.pop("load_cpu_seconds")
    counted = max(result["requests"], 1)
    result["cpu_seconds"] = {k: round(v, 2) for k, v in cpu_seconds.items()} | {"wall": round(cpu["wall"], 2)}
    result["cpu_ms_per_request"] = {k: round(1000 * v / counted, 3) for k, v in cpu_seconds.items()}
    # Backends flush their statistics lazily (up to ~1 s late), so ratios are sturdier than counts.
    commits = max(after["xact_commit"] - before["xact_commit"], 1)
    result["postgres"] = {
        "commits": commits,
        "rollbacks": after["xact_rollback"] - before["xact_rollback"],
        "rollbacks_per_commit": round((after["xact_rollback"] - before["xact_rollback"]) / commits, 2),
        "new_sessions": after["sessions"] - before["sessions"],
    }
    return result


async def intake_figures(
    stack: Stack,
    intake_dsn: str,
    args: argparse.Namespace,
    grids: list[str],
    categories: list[str],
    results: dict[str, Any],
) -> None:
    from dispatch_latency import measure as dispatch_latency
    from drain import outbox_drain

    port = free_port()
    intake = stack.launch("intake", port, INTAKE_ENV)
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    await asyncio.to_thread(wait_ready, url, 90, intake)
    results["intake_start_seconds"] = round(time.perf_counter() - started, 2)
    results["relay_poll_seconds"] = get_settings().relay_poll_seconds
    token = grid_worker_token(bench_settings(stack.bootstrap), grids)

    # Dispatch first (when it exists), so it is not consuming the load phases' reports meanwhile.
    print("… report → case dispatched latency", flush=True)
    try:
        results["dispatch_latency"] = await dispatch_latency(stack, url, count=args.dispatch_n)
    except Exception as error:  # a dispatch in progress must not sink the other figures
        results["dispatch_latency"] = {"failed": f"{type(error).__name__}: {error}"[:400]}

    assert stack.postgres is not None and stack.broker is not None and stack.broker.process is not None
    roots = {
        "intake": intake.pid,
        "postgres": postmaster_pid(stack.postgres.data_dir) or 0,
        "broker": stack.broker.process.pid,
    }
    print(f"… intake load, in the benchmark process ({args.duration:.0f} s)", flush=True)
    results["intake_inprocess"] = await load_phase(
        "in-process",
        separate=False,
        url=url,
        token=token,
        args=args,
        grids=grids,
        categories=categories,
        meter_roots=roots,
        admin_dsn=stack.admin_dsn,
        first_index=0,
    )
    print(f"… intake load, separate load process ({args.duration:.0f} s)", flush=True)
    results["intake_separate"] = await load_phase(
        "separate process",
        separate=True,
        url=url,
        token=token,
        args=args,
        grids=grids,
        categories=categories,
        meter_roots=roots,
        admin_dsn=stack.admin_dsn,
        first_index=1_000_000,
    )

    spy = find_py_spy() if args.profile else None
    if args.profile and spy is None:
        results["profile"] = ["py-spy not found (pip install --target /tmp/pyspy py-spy, or set PY_SPY)"]
    elif spy:
        print(f"… profiling intake with py-spy ({args.duration:.0f} s, not counted)", flush=True)
        out = stack.root / "intake-profile.txt"
        command = [
            spy,
            "record",
            "--pid",
            str(intake.pid),
            "--duration",
            str(int(args.duration)),
            "--rate",
            "200",
            "--format",
            "raw",
            "--nonblocking",
            "-o",
            str(out),
        ]
        recorder = await asyncio.to_thread(
            subprocess.Popen, command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        stack.track(recorder)
        await drive(
            url,
            token,
            concurrency=args.concurrency,
            duration=args.duration,
            max_requests=10**9,
            grids=grids,
            categories=categories,
            first_index=2_000_000,
        )
        await asyncio.to_thread(recorder.wait, 60)
        results["profile"] = summarize_profile(out) if out.exists() else ["py-spy wrote no profile"]
        if out.exists():
            shutil.copy(out, Path("/tmp") / "chuishao-intake-profile.txt")

    print(f"… outbox drain after a broker pause ({args.drain_m} reports)", flush=True)
    try:
        results["drain"] = await outbox_drain(
            stack, url=url, dsn=intake_dsn, token=token, grids=grids, categories=categories, count=args.drain_m
        )
    except Exception as error:
        results["drain"] = {"failed": f"{type(error).__name__}: {error}"[:400]}


def fmt(value: float | None, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def figures_table(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    raw, full = results.get("raw", {}), results.get("raw_full", {})
    if raw:
        rows.append(
            (
                "raw asyncpg tx/s (report + outbox row, 16 conns)",
                fmt(raw["per_second"], " tx/s"),
                f"{raw['transactions']} tx, p50 {fmt(raw['p50_ms'], ' ms', 1)}, p99 {fmt(raw['p99_ms'], ' ms', 1)}",
            )
        )
    if full:
        rows.append(
            (
                "raw asyncpg tx/s, intake's full SQL",
                fmt(full["per_second"], " tx/s"),
                "+ idempotency row + NOTIFY (what intake's transaction runs)",
            )
        )
    modes = [results[k] for k in ("intake_inprocess", "intake_separate") if k in results]
    for mode in modes:
        rows.append(
            (
                f"intake accepted reports/s ({mode['mode']} load)",
                fmt(mode["per_second"], " /s"),
                f"{mode['accepted']} in {mode['seconds']:.1f}s, c={mode['concurrency']}, "
                f"p50 {fmt(mode['p50_ms'], ' ms', 1)}, p99 {fmt(mode['p99_ms'], ' ms', 1)}, "
                f"errors {mode['errors']}",
            )
        )
        cpu = mode["cpu_ms_per_request"]
        rows.append(
            (
                "  CPU ms per request",
                " / ".join(f"{k} {v:.2f}" for k, v in cpu.items()),
                f"over {mode['cpu_seconds']['wall']:.1f}s wall on {results['machine']['nproc']} cores",
            )
        )
        pg = mode["postgres"]
        rows.append(
            (
                "  PostgreSQL: rollbacks per commit, new sessions",
                f"{pg['rollbacks_per_commit']:.2f}, {pg['new_sessions']}",
                "intake database, pg_stat_database",
            )
        )
    if modes and raw:
        best = max(modes, key=lambda m: m["per_second"])
        ratio = best["per_second"] / raw["per_second"]
        results["ratio"] = {"value": ratio, "mode": best["mode"], "target": TARGET_RATIO, "met": ratio >= TARGET_RATIO}
        rows.append(
            (
                "ratio intake / raw",
                f"{ratio:.2f}",
                f"target ≥ {TARGET_RATIO}: {'MET' if ratio >= TARGET_RATIO else 'NOT MET'} (best mode: {best['mode']})",
            )
        )
        if full:
            rows.append(
                (
                    "ratio intake / raw (full SQL)",
                    f"{best['per_second'] / full['per_second']:.2f}",
                    "how much of the gap is Python rather than the database",
                )
            )
    drain = results.get("drain", {})
    if "failed" in drain:
        rows.append(("outbox drain after broker pause", "FAILED", drain["failed"]))
    elif drain:
        rows.append(
            (
                "outbox drain rate after broker pause",
                fmt(drain["drain_per_second"], " rows/s"),
                f"backlog {drain['backlog_before_resume']} drained in {fmt(drain['drain_seconds'], ' s', 2)} "
                f"from SIGCONT",
            )
        )
        rows.append(
            (
                "  drain rate without the longest stall",
                fmt(drain["drain_per_second_without_stall"], " rows/s"),
                f"backlog stood still for {fmt(drain['longest_stall_seconds'], ' s', 2)} "
                f"(relay poll interval is {results.get('relay_poll_seconds', '?')} s)",
            )
        )
        rows.append(
            (
                "  accepted while broker paused",
                f"{drain['accepted']}/{drain['reports']}",
                f"errors {drain['errors']}, paused {drain['broker_paused_seconds']:.1f}s",
            )
        )
        rows.append(
            (
                "  delivered (distinct keys on topic)",
                f"{drain['delivered_distinct']}/{drain['reports']}",
                f"{'all delivered' if drain['all_delivered'] else 'MISSING EVENTS'}, "
                f"{drain['delivered_duplicates']} duplicate(s)",
            )
        )
    ready = results.get("ready", {})
    if "skipped" in ready:
        rows.append(("make run time to ready", "skipped", ready["skipped"]))
    elif "failed" in ready:
        rows.append(("make run time to ready", "FAILED", ready["failed"]))
    elif ready:
        rows.append(
            (
                "make run time to ready",
                fmt(ready["ready_seconds"], " s", 1),
                f"fresh data dir; services {', '.join(ready.get('services', []))}; Ctrl-C exit "
                f"{ready.get('exit_code')} in {fmt(ready.get('shutdown_seconds'), ' s', 1)}; "
                f"left running: {len(ready.get('left_running', [])) + int(ready.get('postgres_left_running', 0))}",
            )
        )
    latency = results.get("dispatch_latency", {})
    if "skipped" in latency or "failed" in latency:
        rows.append(("report → case dispatched", "not measured", latency.get("skipped") or latency.get("failed")))
    elif latency:
        rows.append(
            (
                "report → case dispatched p50 / p99",
                f"{fmt(latency['p50_ms'], ' ms')} / {fmt(latency['p99_ms'], ' ms')}",
                f"{latency['dispatched']}/{latency['reports']} dispatched at {latency['rate_per_second']:.0f}/s; "
                f"seen on topic p50 {fmt(latency['seen_p50_ms'], ' ms')} "
                f"p99 {fmt(latency['seen_p99_ms'], ' ms')}",
            )
        )
    return rows


def print_table(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print("\n" + "=" * 100)
    print(
        f"Chuishao benchmark — {machine['nproc']} cores ({machine['cpu']}), {machine['memory_gb']} GB, "
        f"Python {machine['python']}, PostgreSQL {results.get('postgres', {}).get('server_version', '?')} "
        f"(fsync={results.get('postgres', {}).get('fsync', '?')})"
    )
    print(
        f"load average at start: {' '.join(f'{x:.2f}' for x in machine['loadavg_at_start'])}; "
        "the load generator, intake, PostgreSQL and the broker all share these cores"
    )
    print("=" * 100)
    rows = figures_table(results)
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {note}")
    print("=" * 100)
    for line in results.get("notes", []):
        print(f"note: {line}")
    if results.get("profile"):
        print("\nintake profile (py-spy, during an extra uncounted load phase):")
        for line in results["profile"]:
            print(f"  {line}")
    print(f"total wall time {results['wall_seconds']:.1f} s; figures in {results['results_path']}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short phases, for trying the harness")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per intake load phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="uncounted seconds before each load phase")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per load phase")
    parser.add_argument("--raw-seconds", type=float, default=6.0, help="seconds per raw baseline")
    parser.add_argument("--drain-m", type=int, default=2_000, help="reports filed while the broker is paused")
    parser.add_argument("--dispatch-n", type=int, default=200)
    parser.add_argument("--skip-ready", action="store_true", help="skip the make-run time to ready")
    parser.add_argument("--profile", action="store_true", help="profile intake with py-spy (extra phase)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.raw_seconds, args.drain_m, args.dispatch_n = 4.0, 1.0, 2.0, 500, 50
    return args


async def stack_figures(stack: Stack, args: argparse.Namespace, results: dict[str, Any]) -> None:
    ref = load_reference()
    grids, categories = all_grids(), list(ref.categories)
    raw_dsn, intake_dsn = await prepare_databases(stack)
    await asyncio.to_thread(upgrade_head, MIGRATIONS, sqlalchemy_url(raw_dsn))
    print("… raw asyncpg baseline", flush=True)
    results.update(await raw_figures(raw_dsn, args, grids, categories))
    await intake_figures(stack, intake_dsn, args, grids, categories, results)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": machine_info(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "notes": [
            "load generator shares the cores with intake, PostgreSQL and the broker (no separate load machine)",
            "intake's per-client rate limiter is lifted for the run (all load comes from 127.0.0.1)",
        ],
    }
    stack = Stack()
    print(f"Chuishao benchmark: working in {stack.root}", flush=True)
    try:
        stack.start()
        asyncio.run(stack_figures(stack, args, results))
    except KeyboardInterrupt:
        results["interrupted"] = True
        print("interrupted; stopping everything", file=sys.stderr)
    except Exception as error:
        results["error"] = f"{type(error).__name__}: {error}"
        print(f"benchmark error: {results['error']}", file=sys.stderr)
    finally:
        stack.close()
    if not args.skip_ready and "interrupted" not in results:
        print("… make run time to ready", flush=True)
        from ready import time_to_ready

        results["ready"] = time_to_ready()
    results["wall_seconds"] = time.perf_counter() - started
    results["machine"]["loadavg_at_end"] = os.getloadavg()
    if results["machine"]["loadavg_at_start"][0] > 0.5:
        results["notes"].append(
            f"the machine was not idle at the start (1-min load {results['machine']['loadavg_at_start'][0]:.2f}): "
            "other work competes for the cores and the figures vary more between runs"
        )
    results["results_path"] = str(args.output)
    dump_json(args.output, results)
    print_table(results)
    errors = sum(results.get(k, {}).get("errors", 0) for k in ("intake_inprocess", "intake_separate", "drain"))
    if "interrupted" in results:
        return 130
    return 1 if "error" in results or errors else 0


if __name__ == "__main__":
    sys.exit(main())
