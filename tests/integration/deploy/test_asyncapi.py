"""The official AsyncAPI parser (`@asyncapi/parser` from npm) accepts docs/events/asyncapi.json, and the
document says who sends and who receives what, on which server, with the message key and headers.
Node and npm are outside tools: the parser is installed here on first use (node_modules is not kept)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TOOL = ROOT / "tests" / "tools" / "asyncapi"
DOCUMENT = ROOT / "docs" / "events" / "asyncapi.json"


def _node() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed for the official AsyncAPI parser (Node 20)", pytrace=False)
    if not (TOOL / "node_modules" / "@asyncapi" / "parser").is_dir():
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=TOOL,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return node


def test_the_official_parser_accepts_the_document() -> None:
    result = subprocess.run(
        [_node(), "validate.mjs", str(DOCUMENT)], cwd=TOOL, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["valid"], parsed["errors"]
    assert parsed["servers"] == [["production", "kafka"]]
    operations = {o["id"]: o for o in parsed["operations"]}
    sends = {(o["id"].split("Sends")[0], o["channels"][0]) for o in operations.values() if "Sends" in o["id"]}
    assert sends == {
        ("intake", "chuishao.reports.v1"),
        ("dispatch", "chuishao.cases.v1"),
        ("dispatch", "chuishao.people.v1"),
        ("dispatch", "chuishao.reference.v1"),
        ("community", "chuishao.community.v1"),
    }
    receives = {
        (o["id"].split("Receives")[0], o["channels"][0]) for o in operations.values() if o["action"] == "receive"
    }
    assert receives == {
        ("intake", "chuishao.cases.v1"),
        ("dispatch", "chuishao.reports.v1"),
        ("dispatch", "chuishao.community.v1"),  # a need linked to a case closes it (点单响应)
        ("tracking", "chuishao.cases.v1"),
        ("tracking", "chuishao.reports.v1"),
        ("tracking", "chuishao.community.v1"),
        ("notify", "chuishao.cases.v1"),
        ("notify", "chuishao.reports.v1"),
        ("notify", "chuishao.community.v1"),
        ("community", "chuishao.cases.v1"),
    }
    assert "case.opened" in operations["dispatchSendsCases"]["messages"]
    assert "report.received" in operations["trackingReceivesReports"]["messages"]


def test_messages_declare_the_key_and_the_structured_mode_header() -> None:
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    for name, message in document["components"]["messages"].items():
        if name == "deadLetter":
            continue
        assert message["bindings"]["kafka"]["key"]["type"] == "string"
        header = message["headers"]["properties"]["content-type"]["const"]
        assert header.startswith("application/cloudevents+json") and "content-type" in message["headers"]["required"]
