"""Process entry point shared by the services: migrate, then serve with uvicorn."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from chuishao_shared.migrations import upgrade_head
from chuishao_shared.observability import configure_logging
from chuishao_shared.settings import Settings


def serve(
    settings: Settings,
    build_app: Callable[[Settings], FastAPI],
    migrations_dir: Path,
    argv: list[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=f"chuishao-{settings.service_name}")
    parser.add_argument("command", nargs="?", default="serve", choices=["serve", "migrate"])
    parser.add_argument("--no-migrate", action="store_true", help="skip migrations before serving")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    configure_logging(settings.service_name, settings.log_level)
    if args.command == "migrate" or not args.no_migrate:
        upgrade_head(migrations_dir, settings.migration_sqlalchemy_url, settings.runtime_role)
    if args.command == "migrate":
        return
    uvicorn.run(
        build_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
