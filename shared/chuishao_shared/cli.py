"""`chuishao` command: `run` starts the whole system, `token` mints development tokens,
`demo-tokens` prints one per role; the grid worker's and liaison's commands (`report`, `sync`,
`reports`, `verify`, `feedback`, `cases`, `case`, `ack`, `progress`, `resolve`, `return`,
`extension`, `queue`) live in `chuishao_shared.fieldwork`."""

from __future__ import annotations

import argparse
import json
import sys

from chuishao_shared.auth import ROLES, mint_token
from chuishao_shared.settings import get_settings


def demo_tokens(ttl_seconds: int = 7 * 24 * 3600) -> dict[str, str]:
    """One token per role for the demo data set; a liaison per demo department."""
    from chuishao_shared.reference import load_reference

    settings = get_settings()
    ref = load_reference()
    grids = [g.code for g in ref.grids()]
    districts = [j.code for j in ref.jurisdictions.values() if j.level == "district"]
    tokens = {
        "grid_worker": mint_token(
            settings, sub="demo-grid-worker", role="grid_worker", grids=grids, ttl_seconds=ttl_seconds
        ),
        "admin": mint_token(settings, sub="demo-admin", role="admin", ttl_seconds=ttl_seconds),
        "ops": mint_token(settings, sub="demo-ops", role="ops", ttl_seconds=ttl_seconds),
    }
    for district in districts:
        tokens[f"dispatcher:{district}"] = mint_token(
            settings,
            sub=f"demo-dispatcher-{district}",
            role="dispatcher",
            jurisdiction=district,
            ttl_seconds=ttl_seconds,
        )
    # One grid worker per community too, each for that community's grids only (the app's sign-in links).
    for community in ref.communities():
        own = [g for g in grids if ref.community_of(g).code == community.code]
        tokens[f"grid_worker:{community.code}"] = mint_token(
            settings, sub=f"demo-worker-{community.code}", role="grid_worker", grids=own, ttl_seconds=ttl_seconds
        )
    for code in ref.departments:
        tokens[f"liaison:{code}"] = mint_token(
            settings, sub=f"demo-liaison-{code}", role="liaison", department=code, ttl_seconds=ttl_seconds
        )
    return tokens


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
    token.add_argument("--ttl", type=int, default=12 * 3600, help="seconds until expiry")
    commands.add_parser("demo-tokens", help="print one demo token per role as JSON")
    from chuishao_shared.fieldwork.commands import add_commands

    add_commands(commands)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])

    if getattr(args, "handler", None) is not None:
        from chuishao_shared.fieldwork.commands import run as run_field_command

        sys.exit(run_field_command(args))

    if args.command == "token":
        grids = [g for g in args.grids.split(",") if g]
        print(
            mint_token(
                get_settings(),
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
