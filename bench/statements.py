"""How many SQL statements each service sends per report along the chain: `bench/city.py --e2e-only RATE`
on a PostgreSQL of its own with pg_stat_statements loaded, then the statements' calls per report, per
database, and the busiest statements. A round trip costs the service and PostgreSQL about as much CPU as
the work most of these statements do (docs/performance.md), so this count is the chain's cost driver.

Statements PostgreSQL runs inside another (foreign-key checks, a trigger's NOTIFY) are counted too, under
the same database, and marked: they cost PostgreSQL's CPU but no round trip.

Usage: python bench/statements.py [--rate 100] [--top 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg

from chuishao_shared.devstack import EmbeddedBroker, EmbeddedPostgres

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import free_port  # noqa: E402

# Statements PostgreSQL runs on its own inside another: referential-integrity checks, triggers, and the
# SQL function of an expression index (intake's photo hashes).
_NESTED = (' FROM ONLY "public".', "NEW.", "regexp_matches(")


def _nested(query: str) -> bool:
    return any(marker in query for marker in _NESTED)


_STATEMENTS = """
SELECT coalesce(d.datname, s.dbid::text) AS database, s.calls, s.total_exec_time,
       left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) AS query
FROM pg_stat_statements s LEFT JOIN pg_database d ON d.oid = s.dbid
WHERE coalesce(d.datname, '') LIKE 'chuishao_%'
ORDER BY s.calls DESC
"""


async def _query(dsn: str, sql: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetch(sql)
    finally:
        await conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=int, default=100, help="reports per second (default 100)")
    parser.add_argument("--top", type=int, default=30, help="how many statements to list (default 30)")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="chuishao-statements-", dir="/tmp"))
    settings = {"shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.track": "all"}
    postgres = EmbeddedPostgres(root / "pgdata", free_port(), settings=settings).start()
    broker = EmbeddedBroker(free_port(), root / "tansu.log").start()
    try:
        asyncio.run(_query(postgres.dsn, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        output = root / "e2e.json"
        subprocess.run(
            [sys.executable, str(HERE / "city.py"), "--e2e-only", str(args.rate), "--admin-dsn", postgres.dsn,
             "--bootstrap", broker.bootstrap, "--output", str(output)],
            check=True,
        )  # fmt: skip
        reports = json.loads(output.read_text())["e2e"][str(args.rate)]["filed"]
        rows = asyncio.run(_query(postgres.dsn, _STATEMENTS))
    finally:
        postgres.stop()
        broker.stop()
    print(f"\n{reports} reports at {args.rate}/s; statements per report (round trips / also nested):")
    for database in sorted({r["database"] for r in rows}):
        mine = [r for r in rows if r["database"] == database]
        nested = sum(r["calls"] for r in mine if _nested(r["query"]))
        total = sum(r["calls"] for r in mine)
        print(f"  {database:22} {(total - nested) / reports:6.2f}  / {nested / reports:5.2f}")
    # Execution time as pg_stat_statements counts it: wall time in the executor, lock waits included (the
    # filing's includes waiting for the day's counter row); a nested statement's is also its caller's.
    print("\nbusiest statements (calls per report, executor µs per report, wall):")
    for r in rows[: args.top]:
        mark = " (nested)" if _nested(r["query"]) else ""
        spent = r["total_exec_time"] * 1000 / reports
        print(f"  {r['database'][9:18]:9} {r['calls'] / reports:5.2f} {spent:7.1f}  {r['query']}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
