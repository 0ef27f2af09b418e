"""Generate the typed Python clients of intake, dispatch, tracking, notify and community from their OpenAPI
documents with `openapi-python-client` (`make client`). The documents are written next to the clients
(`clients/openapi/<service>.json`) and the clients to `clients/python/chuishao_<service>_client/`.

Generation runs in a temporary directory (so formatting never depends on where it runs) and its result
replaces the committed copy; `tests/integration/deploy/test_client_fresh.py` fails when they differ."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from chuishao_community.bootstrap import build_app as build_community
from chuishao_dispatch.bootstrap import build_app as build_dispatch
from chuishao_intake.bootstrap import build_app as build_intake
from chuishao_notify.bootstrap import build_app as build_notify
from chuishao_tracking.bootstrap import build_app as build_tracking

ROOT = Path(__file__).resolve().parent
SERVICES = {
    "intake": build_intake,
    "dispatch": build_dispatch,
    "tracking": build_tracking,
    "notify": build_notify,
    "community": build_community,
}


def generate(target: Path) -> None:
    """Write `openapi/<service>.json` and `python/chuishao_<service>_client/` under `target`."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # it runs ruff
    (target / "openapi").mkdir(parents=True, exist_ok=True)
    (target / "python").mkdir(parents=True, exist_ok=True)
    for service, build in SERVICES.items():
        document = json.dumps(build().openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (target / "openapi" / f"{service}.json").write_text(document, encoding="utf-8")
        with tempfile.TemporaryDirectory() as scratch:
            spec = Path(scratch) / f"{service}.json"
            spec.write_text(document, encoding="utf-8")
            package = f"chuishao_{service}_client"
            subprocess.run(
                [str(bin_dir / "openapi-python-client"), "generate", "--path", str(spec), "--meta", "none",
                 "--output-path", str(Path(scratch) / package), "--overwrite"],
                cwd=scratch, env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            destination = target / "python" / package
            shutil.rmtree(destination, ignore_errors=True)
            generated = shutil.ignore_patterns("__pycache__", ".ruff_cache")
            shutil.copytree(Path(scratch) / package, destination, ignore=generated)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
    print(f"generated the clients in {ROOT / 'python'}")
