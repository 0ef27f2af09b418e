"""The fault suite, bounded: real service processes on loopback, a phone-like client filing reports
through each fault, and the counts taken in the databases and on the dead-letter topics afterwards.
Every scenario must end with nothing lost, unrouted, missing from the board, doubled or dead-lettered.
Figures go to test-artifacts/reliability.json; `make reliability` writes them into docs/reliability.md."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import httpx
import pytest

from chuishao_shared.devstack import EmbeddedBroker, EmbeddedPostgres, database_dsn, free_port
from chuishao_shared.events import CASES_TOPIC
from chuishao_shared.kafka import ensure_topics
from chuishao_shared.outbox.relay import relay_lock_id
from chuishao_shared.settings import Settings
from support.faults import Figures, LagSampler, Phone, dead_lettered, settle
from support.flood import ReadFlood
from support.infra import Infra
from support.processes import Deployment, deployment, eventually

RATE, SECONDS = 4.0, 8.0  # small on purpose: the properties hold at any rate; the suite stays fast
SETTLE_SECONDS = 120.0
# The connect time-out (3 s) plus headroom for a loaded 2-core machine.
ANSWER_BOUND_SECONDS = 6.0


def run_scenario(
    name: str,
    deployed: Deployment,
    fault: Callable[[dict[str, str]], dict[str, float] | None],
    *,
    rate: float = RATE,
    seconds: float = SECONDS,
    env: dict[str, dict[str, str]] | None = None,
    before: Callable[[dict[str, str]], None] | None = None,
) -> Figures:
    """Start the system, run `before`, file reports through `fault` (which may return figures of its
    own), count."""
    urls = {s: deployed.start(s, **(env or {}).get(s, {})) for s in ("intake", "dispatch", "tracking")}
    if before is not None:
        before(urls)
    phone = Phone(urls["intake"], rate, seconds).start()
    extra = fault(urls) or {}
    phone.join()
    found, recovery = asyncio.run(settle(deployed.infra.admin_dsn, deployed.databases, phone.accepted, SETTLE_SECONDS))
    figures = Figures(
        scenario=name,
        accepted=len(phone.accepted),
        dead_lettered=asyncio.run(dead_lettered(deployed.infra.bootstrap, deployed.prefix)),
        server_errors=phone.server_errors,
        longest_stall_seconds=round(phone.longest_stall, 2),
        slowest_answer_seconds=round(phone.slowest_answer, 2),
        improper_failures=phone.improper_failures,
        recovery_seconds=round(recovery, 2),
        rate_per_second=rate,
        load_seconds=seconds,
        extra=extra,
        **found,
    )
    figures.record()
    return figures


def assert_nothing_lost(figures: Figures) -> None:
    assert figures.accepted == int(figures.rate_per_second * figures.load_seconds), figures
    assert (figures.lost, figures.not_routed, figures.not_on_board) == (0, 0, 0), figures
    assert (figures.duplicated, figures.dead_lettered) == (0, 0), figures
    # Every failed answer was a 503 with Retry-After, and none took longer than the stated bound.
    assert figures.improper_failures == 0, figures
    assert figures.slowest_answer_seconds < ANSWER_BOUND_SECONDS, figures


def test_baseline(deployed: Deployment) -> None:
    assert_nothing_lost(run_scenario("baseline", deployed, lambda urls: None))


def test_dispatch_and_tracking_killed_and_restarted(deployed: Deployment) -> None:
    def fault(urls: dict[str, str]) -> None:
        time.sleep(2)
        deployed.kill(urls["dispatch"])
        deployed.kill(urls["tracking"])
        time.sleep(3)
        deployed.start("dispatch")
        deployed.start("tracking")

    assert_nothing_lost(run_scenario("dispatch and tracking SIGKILLed, restarted", deployed, fault))


@pytest.fixture
def private_broker_deployment(infra: Infra, tmp_path: Path) -> Iterator[tuple[Deployment, list[EmbeddedBroker]]]:
    """Services on a broker of their own, so the test can make it lose its log (memory storage)."""
    brokers = [EmbeddedBroker(free_port(), tmp_path / "tansu.log").start()]
    private = Infra(admin_dsn=infra.admin_dsn, bootstrap=brokers[0].bootstrap, kind="embedded")
    try:
        with deployment(private, tmp_path / "logs") as deployed:
            yield deployed, brokers
    finally:
        brokers[-1].stop()


def test_broker_loses_its_log_while_dispatch_is_behind(
    private_broker_deployment: tuple[Deployment, list[EmbeddedBroker]], tmp_path: Path
) -> None:
    deployed, brokers = private_broker_deployment

    def fault(urls: dict[str, str]) -> None:
        time.sleep(1)
        deployed.kill(urls["dispatch"])  # dispatch falls behind ...
        time.sleep(3)
        port = brokers[-1].port  # ... and the broker restarts with empty memory storage
        brokers[-1].stop()
        brokers.append(EmbeddedBroker(port, tmp_path / "tansu.log").start())
        time.sleep(2.5)  # the relays' probe (every 2 s) finds the topics gone before they are created again
        asyncio.run(
            ensure_topics(Settings(kafka_bootstrap_servers=brokers[-1].bootstrap, topic_prefix=deployed.prefix))
        )
        deployed.start("dispatch")

    assert_nothing_lost(run_scenario("broker lost its log, dispatch behind", deployed, fault))


def test_broker_paused(private_broker_deployment: tuple[Deployment, list[EmbeddedBroker]]) -> None:
    deployed, brokers = private_broker_deployment

    def fault(urls: dict[str, str]) -> None:
        time.sleep(2)
        process = brokers[-1].process
        assert process is not None
        os.kill(process.pid, signal.SIGSTOP)
        try:
            time.sleep(5)
        finally:
            os.kill(process.pid, signal.SIGCONT)

    assert_nothing_lost(run_scenario("broker paused 5 s", deployed, fault))


@pytest.fixture
def private_postgres_deployment(infra: Infra, tmp_path: Path) -> Iterator[tuple[Deployment, EmbeddedPostgres]]:
    """Services on a PostgreSQL of their own, so the test can take it away. Its data directory is not
    under pytest's temporary root: pytest makes that root private again (0700) whenever a run starts, so
    a test run beside this one (make test runs the tiers at once) locked PostgreSQL's user out of it."""
    root = Path(tempfile.mkdtemp(prefix="chuishao-fault-pg-"))
    postgres = EmbeddedPostgres(root / "pgdata", free_port())
    try:
        postgres.start()
        private = Infra(admin_dsn=postgres.dsn, bootstrap=infra.bootstrap, kind="embedded")
        with deployment(private, tmp_path / "logs") as deployed:
            yield deployed, postgres
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_postgres_down_and_back(private_postgres_deployment: tuple[Deployment, EmbeddedPostgres]) -> None:
    deployed, postgres = private_postgres_deployment

    def fault(urls: dict[str, str]) -> None:
        time.sleep(2)
        postgres.stop()  # fast shutdown: every connection is cut
        time.sleep(4)
        postgres.start()

    assert_nothing_lost(run_scenario("PostgreSQL down 4 s (fast stop, start)", deployed, fault))


def test_relay_lock_connection_dropped(deployed: Deployment) -> None:
    def fault(urls: dict[str, str]) -> None:
        time.sleep(3)
        asyncio.run(_drop_relay_lock(database_dsn(deployed.infra.admin_dsn, deployed.databases["intake"])))

    assert_nothing_lost(run_scenario("relay lock connection dropped", deployed, fault))


async def _drop_relay_lock(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        dropped = await conn.fetchval(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            relay_lock_id("intake") & 0xFFFFFFFF,
        )
        assert dropped, "no relay held the lock"
    finally:
        await conn.close()


# The review's size (256 readers while 30 reports a second arrive) under `make reliability`, which sets
# CHUISHAO_FAULT_FULL_SIZE; a smaller flood in `make test`.
FULL_SIZE = os.environ.get("CHUISHAO_FAULT_FULL_SIZE") == "1"
FLOOD_READERS, FLOOD_RATE, FLOOD_SECONDS = (256, 30.0, 15.0) if FULL_SIZE else (64, 10.0, 12.0)
BOARD_BEHIND_CASES, BOARD_BEHIND_SECONDS = 50, 2.0


def test_public_read_flood(deployed: Deployment) -> None:
    """Anonymous readers on the figures, the board page and the board list while reports flow: the
    projection keeps up with dispatch, sampled in both databases during the flood. Tracking runs as
    under `make run`: the public reads and the projection in processes of their own, so readers
    never take the projection's CPU or event loop."""
    floods: list[ReadFlood] = []

    def before(urls: dict[str, str]) -> None:
        deployed.start("tracking", CHUISHAO_ROLE="projector")
        # every reader answered once: the flood is on
        floods.append(ReadFlood(urls["tracking"], clients=FLOOD_READERS).start(within=120))

    def fault(urls: dict[str, str]) -> dict[str, float]:
        sampler = LagSampler(
            database_dsn(deployed.infra.admin_dsn, deployed.databases["dispatch"]),
            database_dsn(deployed.infra.admin_dsn, deployed.databases["tracking"]),
        ).start()
        time.sleep(FLOOD_SECONDS)
        flood = floods[0]
        flood.stop()
        sampler.stop()
        return {
            "readers": flood.clients,
            "reads_answered": flood.answered,
            "reads_limited_429": flood.limited,
            "reads_shed_503": flood.shed,
            "reads_failed": flood.failed,
            "reads_resent_after_keepalive_close": flood.resent,
            "slowest_read_seconds": round(flood.slowest, 2),
            "board_behind_cases_max": sampler.cases_behind,
            "board_behind_seconds_max": round(sampler.seconds_behind, 2),
            "lag_samples": len(sampler.samples),
        }

    try:
        figures = run_scenario(
            f"public read flood ({FLOOD_READERS} readers)",
            deployed,
            fault,
            rate=FLOOD_RATE,
            seconds=FLOOD_SECONDS,
            # Behind the ingress: each reader is its own client for the per-client rate limit.
            env={"tracking": {"CHUISHAO_TRUSTED_PROXIES": '["127.0.0.1/32"]', "CHUISHAO_ROLE": "api"}},
            before=before,
        )
    finally:
        for flood in floods:
            flood.close()
    assert_nothing_lost(figures)
    extra = figures.extra
    assert extra["reads_answered"] > extra["readers"], figures  # the readers were served, not refused
    # Anything but 200 was a 429 or a 503 with Retry-After.
    assert extra["reads_failed"] == 0, (figures, floods[0].statuses)
    assert extra["lag_samples"] > 10, figures
    behind_cases, behind_seconds = extra["board_behind_cases_max"], extra["board_behind_seconds_max"]
    # Never more than 50 cases behind, and never standing still for more than 2 s (both, always).
    assert behind_cases <= BOARD_BEHIND_CASES and behind_seconds <= BOARD_BEHIND_SECONDS, figures


def _sigkill(postgres: EmbeddedPostgres) -> None:
    """SIGKILL the postmaster and every backend at once, as the OOM killer or a lost host would."""
    postmaster = int((postgres.data_dir / "postmaster.pid").read_text().split()[0])
    found = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True, check=False)
    for pid in [postmaster, *map(int, found.stdout.split())]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_postgres_sigkilled_and_started(private_postgres_deployment: tuple[Deployment, EmbeddedPostgres]) -> None:
    deployed, postgres = private_postgres_deployment

    def fault(urls: dict[str, str]) -> None:
        time.sleep(2)
        _sigkill(postgres)
        time.sleep(4)
        postgres.start()  # crash recovery from the WAL

    figures = run_scenario("PostgreSQL SIGKILLed 4 s, started", deployed, fault)
    assert figures.server_errors > 0, figures  # the outage was seen, and answered only with 503s
    assert_nothing_lost(figures)


def test_consumers_killed_between_database_and_offset_commits(deployed: Deployment) -> None:
    """Dispatch's and tracking's consumers SIGKILL their process right after the database commit of an
    event and before its offset commit; restarted, they are given those events again and absorb them."""
    crash = {"dispatch": "8", "tracking": "12"}

    def fault(urls: dict[str, str]) -> dict[str, float]:
        died = {}
        for service in crash:
            process = next(p for s, p, u in deployed.processes if u == urls[service])
            died[service] = process.wait(30)
        restarted = {service: deployed.start(service) for service in crash}
        assert died == {"dispatch": -signal.SIGKILL, "tracking": -signal.SIGKILL}, died
        # The new members join their groups and re-read from the committed offsets: what the killed
        # processes had committed in the database comes again and is skipped.
        with contextlib.suppress(AssertionError):
            eventually(lambda: all(_redelivered(url) for url in restarted.values()), timeout=30)
        absorbed = {service: _redelivered(url) for service, url in restarted.items()}
        return {f"{service}_redelivered_absorbed": n for service, n in absorbed.items()}

    figures = run_scenario(
        "consumers SIGKILLed between database and offset commits",
        deployed,
        fault,
        env={service: {"CHUISHAO_FAULT_CRASH_AFTER_COMMITS": n} for service, n in crash.items()},
    )
    assert_nothing_lost(figures)
    # The events committed in the database but not on the broker came again and were skipped as duplicates.
    assert figures.extra["dispatch_redelivered_absorbed"] >= 1, figures
    assert figures.extra["tracking_redelivered_absorbed"] >= 1, figures


def _redelivered(url: str) -> float:
    """Events a restarted service's consumers skipped as already processed (its /metrics)."""
    text = httpx.get(url + "/metrics", timeout=10).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("chuishao_events_consumed_total{") and 'outcome="duplicate"' in line
    )


# The community side: needs recorded, claimed, done and confirmed, and a 议事 topic's case actions done
# by case.closed events, while the community service and tracking's projector are SIGKILLed.
COMMUNITY_NEEDS, COMMUNITY_CASES = (40, 8) if FULL_SIZE else (5, 2)


def test_community_and_projector_killed_mid_flow(deployed: Deployment) -> None:
    from support import community_faults as cf

    cf.provision(deployed)
    with ThreadPoolExecutor(3) as pool:  # the processes start side by side
        intake = pool.submit(deployed.start, "intake")
        tracking = pool.submit(deployed.start, "tracking", CHUISHAO_ROLE="api")
        projector = pool.submit(deployed.start, "tracking", CHUISHAO_ROLE="projector")
        urls = {"intake": intake.result()}
        community = pool.submit(cf.start_community, deployed, urls)
        urls |= {"tracking": tracking.result(), "projector": projector.result(), "community": community.result()}
    phone = cf.CommunityPhone(urls)
    staff, volunteers = cf.setup_people(phone, 4 if FULL_SIZE else 2)
    tid = cf.raise_topic(phone, staff, COMMUNITY_CASES)
    started = time.monotonic()
    flow = cf.Flow(phone, staff, volunteers, COMMUNITY_NEEDS, hold_after=1).start()

    def filed() -> list[tuple[str, str]]:
        actions = cf.topic(phone, staff, tid)["actions"]
        return [(a["report_id"], str(uuid.uuid4())) for a in actions if a["report_id"]]

    # The case actions are filed through intake by the community's relay; then dispatch's case events.
    reports = eventually(lambda: (f := filed()) and len(f) == COMMUNITY_CASES and f, timeout=60)
    events = cf.case_events(deployed.prefix, reports)
    half = len(events) // 2
    cf.publish(deployed.infra.bootstrap, events[:half])
    eventually(lambda: len(flow.confirmed) >= 1, timeout=60)
    deployed.kill(urls["community"])  # mid-flow: the flow is held after one need, case events half consumed
    deployed.kill(urls["projector"])
    flow.resume.set()  # the next needs' writes meet a dead community and are sent again
    cf.publish(deployed.infra.bootstrap, events[half:])  # delivered while the community is down
    with ThreadPoolExecutor(2) as pool:
        community = pool.submit(cf.start_community, deployed, urls)
        projector = pool.submit(deployed.start, "tracking", CHUISHAO_ROLE="projector")
        urls |= {"community": community.result(), "projector": projector.result()}
    flow.join(180)

    def consistent() -> dict | None:
        own = cf.community_counts(deployed)
        wall = cf.wall_counts(urls["tracking"])
        figures = cf.figures_counts(urls["tracking"])
        t = cf.topic(phone, staff, tid)
        done = len(own["actions_done"].get(tid, []))
        settled = (
            wall.get("fulfilled") == len(flow.confirmed)
            and figures.get("hours", {}).get("entries") == len(own["hours_refs"])
            and done == COMMUNITY_CASES
            and t["progress"] == 1
            and cf.board_topic(urls["tracking"], tid).get("progress") == 1
        )
        return {"own": own, "wall": wall, "figures": figures, "topic": t} if settled else None

    found, recovery = cf.settle_until(consistent, SETTLE_SECONDS)
    own = cf.community_counts(deployed)
    wall, figures = cf.wall_counts(urls["tracking"]), cf.figures_counts(urls["tracking"])
    t = cf.topic(phone, staff, tid)
    board = cf.board_topic(urls["tracking"], tid)
    refs = own["hours_refs"]
    done_actions = own["actions_done"].get(tid, [])
    created_actions = own["actions_created"].get(tid, set())
    lost = len(set(flow.confirmed) - set(refs)) + (COMMUNITY_NEEDS - len(flow.confirmed))
    duplicated = (len(refs) - len(set(refs))) + (len(done_actions) - len(set(done_actions)))
    result = Figures(
        scenario="community and tracking's projector SIGKILLed mid-flow",
        accepted=len(flow.confirmed),
        lost=lost,
        not_routed=0,
        not_on_board=abs((wall.get("fulfilled") or 0) - len(flow.confirmed)),
        duplicated=duplicated,
        dead_lettered=asyncio.run(_community_dead_letters(deployed)),
        server_errors=phone.server_errors,
        longest_stall_seconds=round(phone.longest_stall, 2),
        slowest_answer_seconds=round(phone.longest_stall, 2),
        improper_failures=0,
        recovery_seconds=round(recovery, 2),
        rate_per_second=round(COMMUNITY_NEEDS / max(0.1, time.monotonic() - started), 2),
        load_seconds=round(time.monotonic() - started, 1),
        extra={
            "needs_confirmed": len(flow.confirmed),
            "hours_entries": len(refs),
            "wish_wall_fulfilled": wall.get("fulfilled") or 0,
            "figures_hours_entries": figures.get("hours", {}).get("entries") or 0,
            "topic_actions": len(created_actions),
            "topic_actions_done_events": len(done_actions),
            "topic_progress": t["progress"],
            "board_topic_progress": board.get("progress", -1),
            "writes_resent": phone.retries,
        },
    )
    result.record()
    assert found is not None, result
    assert len(flow.confirmed) == COMMUNITY_NEEDS, result
    assert phone.retries > 0, result  # the kill fell mid-flow: writes were sent again
    assert (result.lost, result.duplicated, result.not_on_board, result.dead_lettered) == (0, 0, 0, 0), result
    # Nothing counted twice: one hours entry per confirmed need, the same on the public figures.
    assert sorted(refs) == sorted(flow.confirmed), result
    assert figures["hours"]["entries"] == len(refs) and figures["needs"]["confirmed"] == COMMUNITY_NEEDS, result
    assert wall["fulfilled"] == COMMUNITY_NEEDS and wall["open"] == wall["claimed"] == 0, result
    # The topic's progress is what its actions' events say: each case action done once, by case.closed.
    assert len(created_actions) == COMMUNITY_CASES and set(done_actions) == created_actions, result
    assert t["progress"] == len(set(done_actions)) / len(created_actions) == 1, result
    assert all(a["done_by"] == "case.closed" for a in t["actions"]), result
    # ... and so is the public board's, projected by tracking from the same events through its restart.
    assert board["progress"] == 1 and len(board["actions"]) == COMMUNITY_CASES, result


async def _community_dead_letters(deployed: Deployment) -> int:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    from chuishao_shared.events.topics import COMMUNITY_TOPIC, dead_letter_topic

    consumer = AIOKafkaConsumer(bootstrap_servers=deployed.infra.bootstrap, group_id=None)
    await consumer.start()
    try:
        topics = [dead_letter_topic(deployed.prefix + t) for t in (COMMUNITY_TOPIC, CASES_TOPIC)]
        cluster = await consumer._client.fetch_all_metadata()
        partitions = [TopicPartition(t, p) for t in topics for p in (cluster.partitions_for_topic(t) or set())]
        ends = await consumer.end_offsets(partitions) if partitions else {}
        return int(sum(ends.values()))
    finally:
        await consumer.stop()
