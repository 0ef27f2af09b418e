"""Where intake's CPU goes under load: intake alone (with the broker) under wrk, sampled by py-spy
for the whole run; prints the top frames (inclusive and self) and intake's CPU per accepted report.

Usage: python bench/profile_intake.py [--seconds 15] [--connections 32] [--out /tmp/intake.txt]
py-spy: on PATH, in /tmp/pyspy/bin (pip install --target /tmp/pyspy py-spy) or $PY_SPY."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from city import start_intake, throughput  # noqa: E402
from common import Stack, bench_settings, postmaster_pid  # noqa: E402
from run import find_py_spy, summarize_profile  # noqa: E402

from chuishao_shared.auth import mint_token  # noqa: E402
from chuishao_shared.kafka import ensure_topics  # noqa: E402
from chuishao_shared.launcher import wait_ready  # noqa: E402
from chuishao_shared.reference import load_reference  # noqa: E402


async def profile(stack: Stack, args: argparse.Namespace) -> list[str]:
    spy = find_py_spy()
    if spy is None:
        raise SystemExit("py-spy not found: pip install --target /tmp/pyspy py-spy")
    await ensure_topics(bench_settings(stack.bootstrap))
    out: dict[str, object] = {}
    intake = await start_intake(stack, out)
    await asyncio.to_thread(wait_ready, str(out["intake_url"]), 90, intake)
    reference = load_reference()
    grids = [g.code for g in reference.grids()]
    token = mint_token(
        bench_settings(stack.bootstrap), sub="bench-profile", role="grid_worker", grids=grids, ttl_seconds=3600
    )
    assert stack.postgres is not None
    roots = {"intake": intake.pid, "postgres": postmaster_pid(stack.postgres.data_dir) or 0}
    cfg = {"load_seconds": 3, "connections": args.connections}
    await throughput(str(out["intake_url"]), token, grids, sorted(reference.categories), cfg, roots)  # warm
    raw = Path(args.out).with_suffix(".collapsed")
    seconds = str(int(args.seconds) + 1)
    recorder = await asyncio.create_subprocess_exec(
        *[spy, "record", "-p", str(intake.pid), "-d", seconds, "-f", "raw", "-o", str(raw), "-r", "200"],
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    cfg["load_seconds"] = args.seconds
    load = await throughput(str(out["intake_url"]), token, grids, sorted(reference.categories), cfg, roots)
    await asyncio.wait_for(recorder.wait(), 60)
    lines = [
        f"intake alone under {load['generator']}, {args.connections} connections, {args.seconds:.0f} s: "
        f"{load['per_second']} reports/s, intake CPU {load['cpu_ms_per_report']['intake']} ms/report, "
        f"PostgreSQL {load['cpu_ms_per_report']['postgres']} ms/report, errors {load['errors']}",
        *summarize_profile(raw, top=args.top),
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", default="/tmp/intake-profile.txt")
    args = parser.parse_args()
    stack = Stack().start()
    try:
        lines = asyncio.run(profile(stack, args))
    finally:
        stack.close()
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
