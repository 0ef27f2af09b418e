"""Console figures (issue 10): report → case on the liaison's screen, p50/p99 over 50 reports, and the
console's page weight.

Starts embedded PostgreSQL + Tansu, intake and dispatch as processes (as `make run` does), opens the
console in headless Chromium as 五阳物业's liaison, then files reports at intake one every 0.4 s. The
page notes (MutationObserver, wall clock) when each report's card appears; the figure is that instant
minus the instant before `POST /v1/reports` was sent. Same machine, same clock.

Usage: python bench/console_latency.py [--reports 50]. Prints a table and writes
bench/console-results.json. Everything it starts is stopped on the way out."""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from common import Stack, bench_settings, dump_json, percentile

from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import create_databases, free_port
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.launcher import stop_processes, wait_ready

HERE = Path(__file__).resolve().parent
DEPARTMENT = "XY-WQ-WY-WY"
GRIDS = [f"XY-WQ-WY-G{n:02d}" for n in range(1, 9)]
WATCH = """() => {
  window.__seen = {};
  const note = () => document.querySelectorAll("article.card .desc").forEach((el) => {
    const m = /bench-(\\w+)/.exec(el.textContent);
    if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = Date.now();
  });
  new MutationObserver(note).observe(document.getElementById("view"), { childList: true, subtree: true });
  note();
}"""


async def page_weight(url: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=10) as client:
        parts = {
            "html": (await client.get("/console/")).content,
            "css": (await client.get("/console/static/console.css")).content,
            "js": (await client.get("/console/static/console.js")).content,
        }
    return {
        "bytes": {k: len(v) for k, v in parts.items()},
        "total_bytes": sum(len(v) for v in parts.values()),
        "total_gzip_bytes": sum(len(gzip.compress(v, 9)) for v in parts.values()),
        "requests": len(parts),
    }


async def measure(reports: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "Debian's chromium is not installed (make browser)"}
    stack = Stack().start()
    try:
        settings = bench_settings(stack.bootstrap)
        await create_databases(stack.admin_dsn, ["chuishao_intake", "chuishao_dispatch"])
        await ensure_topics(settings)
        env = {
            "CHUISHAO_RATE_LIMIT_PER_SECOND": "1000000",
            "CHUISHAO_RATE_LIMIT_BURST": "1000000",
            "CHUISHAO_RATE_LIMIT_USER_PER_SECOND": "1000000",
            "CHUISHAO_RATE_LIMIT_USER_BURST": "1000000",
        }
        ports = {"intake": free_port(), "dispatch": free_port()}
        processes = [stack.launch(name, port, env) for name, port in ports.items()]
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for process, url in zip(processes, urls.values(), strict=True):
            await asyncio.to_thread(wait_ready, url, 90, process)
        liaison = mint_token(settings, sub="bench-liaison", role="liaison", department=DEPARTMENT, ttl_seconds=3600)
        worker = mint_token(settings, sub="bench-worker", role="grid_worker", grids=GRIDS, ttl_seconds=3600)
        sent: dict[str, float] = {}
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=chromium,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            # The page's CSP forbids eval; the measuring probe (not the page) needs it.
            page = await browser.new_page(viewport={"width": 390, "height": 844}, bypass_csp=True)
            await page.goto(f"{urls['dispatch']}/console/#token={liaison}")
            await page.wait_for_selector("#live.on", timeout=30_000)
            await page.evaluate(WATCH)
            async with httpx.AsyncClient(
                base_url=urls["intake"], timeout=30, headers={"Authorization": f"Bearer {worker}"}
            ) as client:

                async def file(index: int, tag: str) -> None:
                    body = {
                        "category": "ENV-STAIRWELL-DIRTY",
                        "grid": GRIDS[index % len(GRIDS)],
                        "description": f"楼道堆放杂物 bench-{tag}",
                        "severity": "minor",
                        "place": {"building": f"{tag}号楼"},
                    }
                    started = time.time()
                    response = await client.post(
                        "/v1/reports", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
                    )
                    response.raise_for_status()
                    sent[tag] = started

                for index in range(3):  # warm-up: consumer group joined, first queries planned
                    await file(index, f"w{index}")
                await page.wait_for_function("Object.keys(window.__seen).length >= 3", timeout=60_000)
                sent.clear()
                for index in range(reports):
                    await file(index, f"r{index}")
                    await asyncio.sleep(0.4)
                await page.wait_for_function(f"Object.keys(window.__seen).length >= {reports + 3}", timeout=60_000)
            seen: dict[str, int] = await page.evaluate("window.__seen")
            await browser.close()
        latencies = [seen[tag] / 1000 - at for tag, at in sent.items() if tag in seen]
        return {
            "reports": reports,
            "on_screen": len(latencies),
            "p50_ms": round(1000 * (percentile(latencies, 50) or 0)),
            "p99_ms": round(1000 * (percentile(latencies, 99) or 0)),
            "max_ms": round(1000 * max(latencies)),
            "page_weight": await page_weight(urls["dispatch"]),
        }
    finally:
        stop_processes(stack.processes)
        stack.processes.clear()
        stack.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=50)
    args = parser.parse_args()
    results = asyncio.run(measure(args.reports))
    dump_json(HERE / "console-results.json", results)
    if "skipped" in results:
        print(f"console latency: not measured ({results['skipped']})")
        return 0
    weight = results["page_weight"]
    print("console figures")
    print(
        f"  report → liaison's screen   p50 {results['p50_ms']} ms   p99 {results['p99_ms']} ms   "
        f"({results['on_screen']}/{results['reports']} reports)"
    )
    print(
        f"  console page weight         {weight['total_bytes'] / 1024:.1f} KiB in {weight['requests']} requests "
        f"({weight['total_gzip_bytes'] / 1024:.1f} KiB gzip); {json.dumps(weight['bytes'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
