"""The `chuishao report` offline queue (chuishao_shared.fieldwork.queue): files in a temporary
directory, sends simulated by plain functions (no network)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from chuishao_shared.fieldwork.api import problem_text
from chuishao_shared.fieldwork.output import Progress
from chuishao_shared.fieldwork.queue import Entry, Outcome, ReportQueue, Result, drain, write_atomically

BODY = {"category": "ENV-STAIRWELL-DIRTY", "grid": "XY-WQ-WY-G01", "description": "楼道堆放杂物"}
PROBLEM = {
    "type": "https://chuishao.example/problems/validation",
    "title": "Invalid request",
    "status": 422,
    "detail": "grid: not one of your grids",
    "errors": [{"field": "grid", "message": "not one of your grids"}],
}


def test_a_report_is_on_disk_with_a_fresh_key_before_anything_is_sent(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path)
    first, second = queue.enqueue(BODY), queue.enqueue({**BODY, "description": "另一个"})
    assert first.idempotency_key != second.idempotency_key
    stored = json.loads(first.path.read_text(encoding="utf-8"))
    assert stored["idempotency_key"] == first.idempotency_key and stored["body"] == BODY
    assert [e.idempotency_key for e in ReportQueue(tmp_path).pending()] == [
        first.idempotency_key,
        second.idempotency_key,
    ]
    assert not [p for p in queue.pending_dir.iterdir() if p.name.startswith(".tmp-")]


def test_every_retry_uses_the_same_key_until_it_is_sent(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path)
    entry = queue.enqueue(BODY)
    keys: list[str] = []

    def offline(e: Entry) -> Result:
        keys.append(e.idempotency_key)
        return Result(Outcome.OFFLINE, {"error": "cannot reach http://127.0.0.1:8001: connection refused"})

    for _ in range(3):
        tally = drain(ReportQueue(tmp_path), offline)  # a new process each time: read back from disk
        assert len(tally.kept) == 1 and not tally.sent
    (kept,) = queue.pending()
    assert kept.attempts == 3 and "connection refused" in (kept.last_error or "")

    def online(e: Entry) -> Result:
        keys.append(e.idempotency_key)
        return Result(Outcome.SENT, {"id": "r-1"})

    tally = drain(queue, online)
    assert [r.detail["id"] for _, r in tally.sent] == ["r-1"]
    assert keys == [entry.idempotency_key] * 4
    assert queue.pending() == [] and queue.rejected() == []


def test_offline_stops_the_run_and_a_transient_failure_tries_the_next(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path)
    for n in range(4):
        queue.enqueue({**BODY, "description": f"#{n}"})
    tried: list[str] = []

    def send(e: Entry) -> Result:
        tried.append(e.body["description"])
        if e.body["description"] == "#0":
            return Result(Outcome.TRANSIENT, {"error": "Service Unavailable (503)"})
        if e.body["description"] == "#2":
            return Result(Outcome.OFFLINE, {"error": "time-out"})
        return Result(Outcome.SENT, {"id": e.body["description"]})

    tally = drain(queue, send)
    assert tried == ["#0", "#1", "#2"]  # #3 not tried while the server is unreachable
    assert [e.body["description"] for e, _ in tally.sent] == ["#1"] and tally.left == 3
    assert [e.body["description"] for e in queue.pending()] == ["#0", "#2", "#3"]


def test_a_refused_report_moves_to_rejected_with_its_problem(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path)
    entry = queue.enqueue(BODY)
    tally = drain(queue, lambda e: Result(Outcome.REJECTED, PROBLEM))
    assert len(tally.rejected) == 1 and queue.pending() == []
    (path,) = queue.rejected()
    moved = json.loads(path.read_text(encoding="utf-8"))
    assert moved["problem"] == PROBLEM and moved["idempotency_key"] == entry.idempotency_key
    assert moved["body"] == BODY and moved["attempts"] == 1
    assert drain(queue, lambda e: pytest.fail("a rejected report is never sent again")).total == 0


def test_progress_counts_what_was_sent(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path)
    for n in range(10):
        queue.enqueue({**BODY, "description": f"#{n}"})
    stream = io.StringIO()
    shown = Progress(10, stream)

    def send(e: Entry) -> Result:
        if e.body["description"] == "#5":
            return Result(Outcome.REJECTED, PROBLEM)
        return Result(Outcome.SENT, {"id": e.body["description"]})

    drain(queue, send, lambda t, e, r: shown.show(len(t.sent), len(t.rejected), len(t.kept)))
    lines = stream.getvalue().splitlines()
    assert lines[2] == "3/10 sent" and lines[5] == "5/10 sent, 1 rejected" and lines[-1] == "9/10 sent, 1 rejected"


def test_the_problem_text_names_title_detail_and_fields() -> None:
    assert problem_text(PROBLEM).splitlines() == [
        "Invalid request (422)",
        "grid: not one of your grids",
        "  grid: not one of your grids",
    ]


def test_an_interrupted_write_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "pending" / "a.json"
    write_atomically(target, {"n": 1})

    class Unserialisable:
        pass

    with pytest.raises(TypeError):
        write_atomically(target, {"n": Unserialisable()})
    assert json.loads(target.read_text()) == {"n": 1}
    assert os.listdir(target.parent) == ["a.json"]
