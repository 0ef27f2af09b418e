"""Where a service's CPU goes, by kind of work: py-spy's raw stacks (bench/city.py --profile-dir) sorted
into the categories of docs/performance.md, and scaled to ms of CPU per report when the run's figures
are given.

A sample anywhere inside logging or metrics is theirs (the JSON a log line encodes is the log's cost).
Any other sample is charged to the first frame, from the leaf up, whose file belongs to a category: the
CPU is spent in the innermost library it is in (asyncpg's protocol, aiokafka's record encoding,
pydantic's validator…), and only what none claims is the service's own.

Usage: python bench/profile_breakdown.py DIR [--figures bench/results/e2e-only.json --rate 100]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

# Categories that own everything beneath them.
WRAPPERS: list[tuple[str, tuple[str, ...]]] = [
    ("logging", ("/logging/", "pythonjsonlogger")),
    ("metrics", ("prometheus_client",)),
]
# (category, file path fragments), in the order they are tried on each frame.
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("SQL driver (asyncpg)", ("asyncpg",)),
    ("SQL toolkit (SQLAlchemy)", ("sqlalchemy",)),
    ("Kafka client (aiokafka)", ("aiokafka", "kafka/")),
    ("validation (pydantic)", ("pydantic",)),
    ("JSON", ("/json/", "orjson", "ujson")),
    ("HTTP server (uvicorn, h11, httptools)", ("uvicorn", "h11", "httptools")),
    ("web framework (Starlette, FastAPI, SSE)", ("starlette", "fastapi", "sse_starlette")),
    ("event loop and sockets", ("asyncio/", "uvloop", "selectors.py", "ssl.py")),
    ("JWT and crypto", ("jwt", "cryptography", "hashlib", "hmac")),
    ("our code", ("chuishao_",)),
]
OTHER = "other (interpreter, stdlib, imports)"
_PROCESS = re.compile(r'process \d+:"[^"]*";?')
_FRAME = re.compile(r"\((?P<file>[^()]*):\d+\)$")


def categorize(stack: str) -> str:
    files = [_file(frame) for frame in _PROCESS.sub("", stack).split(";")]
    for category, fragments in WRAPPERS:
        if any(fragment in where for where in files for fragment in fragments):
            return category
    for where in reversed(files):
        for category, fragments in CATEGORIES:
            if any(fragment in where for fragment in fragments):
                return category
    return OTHER


def _file(frame: str) -> str:
    match = _FRAME.search(frame.strip())
    return match.group("file") if match else frame


def breakdown(raw: Path) -> Counter[str]:
    shares: Counter[str] = Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit():
            shares[categorize(stack)] += int(count)
    return shares


def table(directory: Path, rate: int, cpu_ms: dict[str, float]) -> list[str]:
    lines = []
    for raw in sorted(directory.glob(f"*-{rate}.txt")):
        service = raw.name.rsplit("-", 1)[0]
        shares = breakdown(raw)
        total = sum(shares.values()) or 1
        per_report = cpu_ms.get(service)
        head = f"{service}: {total} samples" + (f", {per_report} ms of CPU per report" if per_report else "")
        lines += [head, ""]
        lines += ["| category | share | ms per report |", "|---|---:|---:|"]
        for category, samples in shares.most_common():
            ms = f"{per_report * samples / total:.2f}" if per_report else "–"
            lines.append(f"| {category} | {100 * samples / total:.1f} % | {ms} |")
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--figures", type=Path, help="the run's JSON (cpu_ms_per_report per service)")
    parser.add_argument("--rate", type=int, default=100)
    args = parser.parse_args()
    cpu_ms: dict[str, float] = {}
    if args.figures:
        cpu_ms = json.loads(args.figures.read_text())["e2e"][str(args.rate)]["cpu_ms_per_report"]
    print("\n".join(table(args.directory, args.rate, cpu_ms)))


if __name__ == "__main__":
    main()
