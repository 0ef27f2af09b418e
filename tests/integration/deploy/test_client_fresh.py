"""The committed typed clients (clients/python, `make client`) are what `openapi-python-client` makes of
the services' current OpenAPI documents: a route or model change without `make client` fails here.

A client is a function of its document and the generator's (and ruff's) version, so this checks the three
links instead of running the generator (about 40 s of CPU in the suite): each service's document is the
committed one, the committed document is the one its client was made from (`clients/generated.json`), and
the client's files are the ones that generation wrote (no hand edit since), with the generator installed now.
A second test runs the generator once on a scratch copy and checks the record it writes is the committed one:
that the record means what it says."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = ROOT / "clients"
sys.path.insert(0, str(CLIENTS))

import generate  # noqa: E402  (clients/generate.py, not a package)

RECORD = json.loads((CLIENTS / generate.RECORD).read_text())


@pytest.mark.parametrize("service", list(generate.SERVICES))
def test_the_committed_client_is_made_from_the_services_current_document(service: str) -> None:
    committed = (CLIENTS / "openapi" / f"{service}.json").read_text(encoding="utf-8")
    assert committed == generate.document_of(service), f"{service}'s OpenAPI document changed: run `make client`"
    package = f"chuishao_{service}_client"
    made = RECORD["clients"][package]
    assert made["openapi_sha256"] == generate.text_digest(committed), f"{package} is older than its document"
    assert made["files_sha256"] == generate.tree_digest(CLIENTS / "python" / package), (
        f"{package}'s files are not what `make client` wrote (edited by hand?): run `make client`"
    )
    assert RECORD["generator"] == generate.generator_versions(), "another generator is installed: run `make client`"


def test_the_record_is_what_generation_writes(tmp_path: Path) -> None:
    """The record is not written by hand: one service's client made afresh gives the same digests."""
    script = tmp_path / "generate.py"
    shutil.copy(CLIENTS / "generate.py", script)
    # Only intake (the smallest document) is generated: the same code path as every service's.
    only_intake = "SERVICES = {'intake': SERVICES['intake']}\nRECORD = "
    script.write_text(script.read_text().replace("RECORD = ", only_intake, 1))
    subprocess.run([sys.executable, str(script), str(tmp_path / "out")], check=True, capture_output=True, timeout=300)
    fresh = json.loads((tmp_path / "out" / generate.RECORD).read_text())
    assert fresh["clients"]["chuishao_intake_client"] == RECORD["clients"]["chuishao_intake_client"]
    assert fresh["generator"] == RECORD["generator"]
