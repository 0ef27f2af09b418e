"""Generate the typed Python clients of intake, dispatch, tracking, notify and community from their OpenAPI
documents with `openapi-python-client` (`make client`). The documents are written next to the clients
(`clients/openapi/<service>.json`) and the clients to `clients/python/chuishao_<service>_client/`.

Generation runs in a temporary directory (so formatting never depends on where it runs) and its result
replaces the committed copy. `generated.json` records what each client was made from: the document's
digest, the generator's and ruff's versions, and the digest of the files made. A client is a function of
those, so `tests/integration/deploy/test_client_fresh.py` checks the documents against the services and the
files against the record, without running the generator (which cost the suite about 40 s of CPU)."""

from __future__ import annotations

import hashlib
import importlib.metadata
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
RECORD = "generated.json"
GENERATOR_PACKAGES = ("openapi-python-client", "ruff")
IGNORED = ("__pycache__", ".ruff_cache")


def document_of(service: str) -> str:
    """The service's OpenAPI document as the clients' generation writes it."""
    return json.dumps(SERVICES[service]().openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def tree_digest(directory: Path) -> str:
    """One digest of every file under `directory` (names and contents), caches left out."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and not set(p.parts) & set(IGNORED)):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generator_versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in GENERATOR_PACKAGES}


def generate(target: Path) -> None:
    """Write `openapi/<service>.json` and `python/chuishao_<service>_client/` under `target`."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # it runs ruff
    (target / "openapi").mkdir(parents=True, exist_ok=True)
    (target / "python").mkdir(parents=True, exist_ok=True)
    record: dict[str, object] = {"generator": generator_versions(), "clients": {}}
    for service in SERVICES:
        document = document_of(service)
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
            shutil.copytree(Path(scratch) / package, destination, ignore=shutil.ignore_patterns(*IGNORED))
        record["clients"][package] = {  # type: ignore[index]
            "openapi_sha256": text_digest(document),
            "files_sha256": tree_digest(target / "python" / package),
        }
    (target / RECORD).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
    print(f"generated the clients in {ROOT / 'python'}")
