"""`chuishao` command: `run` starts the whole system, `token` mints development tokens,
`demo-tokens` prints one per role; the grid worker's and liaison's commands (`report`, `sync`,
`reports`, `verify`, `feedback`, `cases`, `case`, `ack`, `progress`, `resolve`, `return`,
`extension`, `queue`) live in `chuishao_shared.fieldwork`."""

from __future__ import annotations

import argparse
import json
import sys

from chuishao_shared.auth import ROLES, mint_token
from chuishao_shared.demo import demo_tokens
from chuishao_shared.settings import get_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="chuishao")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start PostgreSQL, the broker and every service")
    run.add_argument("--data-dir", default=".run", help="where embedded PostgreSQL keeps its files")
    run.add_argument("--fresh", action="store_true", help="start from an empty database")
    token = commands.add_parser("token", help="mint a development token (HS256)")
    token.add_argument("--role", required=True, choices=ROLES)
    token.add_argument("--sub", required=True)
    token.add_argument("--grids", default="", help="comma-separated grid codes (grid_worker)")
    token.add_argument("--department", help="department code (liaison)")
    token.add_argument("--jurisdiction", help="jurisdiction code (dispatcher)")
    token.add_argument(
        "--ttl", type=int, default=12 * 3600, help="seconds until expiry (at most CHUISHAO_JWT_MAX_LIFETIME)"
    )
    commands.add_parser("demo-tokens", help="print one demo token per role as JSON")
    from chuishao_shared.fieldwork.commands import add_commands

    add_commands(commands)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])

    if getattr(args, "handler", None) is not None:
        from chuishao_shared.fieldwork.commands import run as run_field_command

        sys.exit(run_field_command(args))

    if args.command == "token":
        grids = [g for g in args.grids.split(",") if g]
        settings = get_settings()
        if not 0 < args.ttl <= settings.jwt_max_lifetime:
            parser.error(f"--ttl must lie between 1 and CHUISHAO_JWT_MAX_LIFETIME ({settings.jwt_max_lifetime} s)")
        print(
            mint_token(
                settings,
                sub=args.sub,
                role=args.role,
                grids=grids or None,
                department=args.department,
                jurisdiction=args.jurisdiction,
                ttl_seconds=args.ttl,
            )
        )
    elif args.command == "demo-tokens":
        print(json.dumps(demo_tokens(), indent=2))
    elif args.command == "run":
        from chuishao_shared.launcher import launch

        sys.exit(launch(data_dir=args.data_dir, fresh=args.fresh))


if __name__ == "__main__":
    main()
