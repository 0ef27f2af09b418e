"""The `chuishao` field commands as a grid worker and a liaison run them: the installed console script
in a subprocess, against intake and dispatch behind uvicorn on real ports (real PostgreSQL and broker).

A report filed while intake is unreachable stays in the on-disk queue; `chuishao sync` files it once
the server is up, and sending the same queued file again (its answer lost, say) files nothing new:
exactly one report. A refused report moves to rejected/ with the problem's text on stderr."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from chuishao_dispatch.bootstrap import MIGRATIONS as DISPATCH_MIGRATIONS
from chuishao_dispatch.bootstrap import DispatchSettings
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import MIGRATIONS as INTAKE_MIGRATIONS
from chuishao_intake.bootstrap import IntakeSettings
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_shared.auth import mint_token
from chuishao_shared.devstack import free_port
from support.factories import CATEGORY, GRID, OTHER_GRID, bearer, worker_token
from support.infra import Infra, unique
from support.services import serving, start_service
from support.system import LEAD, eventually

CHUISHAO = str(Path(sys.executable).parent / "chuishao")
QUEUED = 75


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


async def chuishao(*args: str, token: str, env: dict[str, str]) -> Ran:
    process = await asyncio.create_subprocess_exec(
        CHUISHAO, *args, "--token", token, "--timeout", "5",
        env={**os.environ, **env}, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


@dataclass
class Field:
    env: dict[str, str]
    worker: str
    liaison: str
    queue: Path
    intake_url: str
    apps: tuple[Any, Any]
    ports: tuple[int, int]
    stack: contextlib.AsyncExitStack

    async def serve(self, services: int = 2) -> None:
        """Intake (and dispatch) start listening on the ports the CLI was pointed at all along."""
        for app, port in list(zip(self.apps, self.ports, strict=True))[:services]:
            await self.stack.enter_async_context(serving(app, port))


@pytest.fixture
async def field(infra: Infra, tmp_path: Path) -> AsyncIterator[Field]:
    """Both services prepared but not yet listening: the CLI points at ports nobody serves."""
    common: dict[str, Any] = {"topic_prefix": unique("t") + ".", "rate_limit_per_second": 1000.0}
    intake_settings, intake_app = await start_service(infra, IntakeSettings, build_intake, INTAKE_MIGRATIONS, **common)
    dispatch_settings, dispatch_app = await start_service(
        infra,
        DispatchSettings,
        build_dispatch,
        DISPATCH_MIGRATIONS,
        timer_poll_seconds=0.2,
        **common,
    )
    ports = free_port(), free_port()
    env = {
        "CHUISHAO_INTAKE_URL": f"http://127.0.0.1:{ports[0]}",
        "CHUISHAO_DISPATCH_URL": f"http://127.0.0.1:{ports[1]}",
        "CHUISHAO_QUEUE_DIR": str(tmp_path / "queue"),
    }
    liaison = mint_token(dispatch_settings, sub="liaison-cli", role="liaison", department=LEAD)
    async with contextlib.AsyncExitStack() as stack:
        yield Field(
            env, worker_token(intake_settings, grids=[GRID]), liaison, tmp_path / "queue", env["CHUISHAO_INTAKE_URL"],
            (intake_app, dispatch_app), ports, stack,
        )  # fmt: skip


def _pending(field: Field) -> list[Path]:
    return sorted((field.queue / "pending").glob("*.json"))


async def test_a_report_filed_offline_is_sent_once_by_sync_and_the_liaison_acts_on_it(field: Field) -> None:
    report = ("report", "--category", CATEGORY, "--grid", GRID, "--description", "3号楼楼道堆放杂物 离线上报",
              "--building", "3号楼")  # fmt: skip
    offline = await chuishao(*report, token=field.worker, env=field.env)
    assert offline.code == QUEUED, offline
    assert "queued, not sent yet" in offline.err and "cannot reach" in offline.err
    (queued,) = _pending(field)
    kept_copy = queued.read_bytes()
    assert (await chuishao("sync", token=field.worker, env=field.env)).code == QUEUED  # still unreachable

    await field.serve()
    synced = await chuishao("sync", token=field.worker, env=field.env)
    assert synced.code == 0, synced
    assert "1/1 sent" in synced.err and "sent 1, rejected 0, still queued 0" in synced.err
    assert _pending(field) == []
    # The answer lost on the way back, say: the same file sent again with its same key files nothing new.
    queued.write_bytes(kept_copy)
    again = await chuishao("sync", token=field.worker, env=field.env)
    assert again.code == 0, again
    assert again.out.split()[0] == synced.out.split()[0]  # the same report id, replayed

    async with httpx.AsyncClient(base_url=field.intake_url) as client:
        mine = (await client.get("/v1/reports", headers=bearer(field.worker))).json()["items"]
    assert len(mine) == 1 and mine[0]["description"] == "3号楼楼道堆放杂物 离线上报"
    listed = await chuishao("reports", "--json", token=field.worker, env=field.env)
    assert [r["id"] for r in listed.json()["items"]] == [mine[0]["id"]]

    async def case_of_report() -> str | None:
        async with httpx.AsyncClient(base_url=field.intake_url) as client:
            report = await client.get(f"/v1/reports/{mine[0]['id']}", headers=bearer(field.worker))
        return report.json()["case_id"]  # type: ignore[no-any-return]

    case_id = await eventually(case_of_report, timeout=30, interval=0.2)
    queue = await chuishao("cases", "--json", token=field.liaison, env=field.env)
    assert queue.code == 0, queue
    assert [c["id"] for c in queue.json()["items"] if mine[0]["id"] in c["report_ids"]] == [case_id]
    acked = await chuishao("ack", case_id, token=field.liaison, env=field.env)
    assert acked.code == 0, acked
    assert acked.out.startswith(f"{case_id}  acknowledged")
    refused = await chuishao("return", case_id, "--reason", " ", token=field.liaison, env=field.env)
    assert refused.code == 1 and refused.out == ""
    assert "(422)" in refused.err and "reason" in refused.err
    resolved = await chuishao(
        "resolve",
        case_id,
        "--note",
        "已清理",
        "--no-photo-reason",
        "nothing_visible",
        token=field.liaison,
        env=field.env,
    )
    assert resolved.code == 0, resolved
    shown = await chuishao("case", case_id, "--json", token=field.liaison, env=field.env)
    assert shown.json()["status"] == "resolved"


async def test_a_refused_report_moves_to_rejected_with_the_problem_on_stderr(field: Field) -> None:
    await field.serve(services=1)  # intake only
    refused = await chuishao(
        "report", "--category", CATEGORY, "--grid", OTHER_GRID, "--description", "不是我的网格",
        token=field.worker, env=field.env,
    )  # fmt: skip
    assert refused.code == 1, refused
    assert "(403)" in refused.err and "  grid: " in refused.err
    assert _pending(field) == []
    (rejected,) = (field.queue / "rejected").glob("*.json")
    assert json.loads(rejected.read_text(encoding="utf-8"))["problem"]["status"] == 403
    listing = await chuishao("queue", token=field.worker, env=field.env)
    assert listing.code == 0 and listing.out.startswith("rejected")
