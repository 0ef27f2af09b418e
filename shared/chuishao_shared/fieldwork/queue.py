"""The `chuishao report` offline queue: pure file handling, no network.

A report is written to `<queue>/pending/` (one JSON file, written atomically: a temporary file in the
same directory, flushed and fsync'ed, then renamed over) with a fresh Idempotency-Key BEFORE anything
is sent. Sending it again, now or after a restart, always uses that same key, so the server files it
exactly once. A sent report's file is removed; a refused one (a 4xx problem) moves to `<queue>/rejected/`
with the problem beside the body; a transient failure (no network, time-out, 5xx, 429) leaves it queued.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any


class Outcome(Enum):
    SENT = "sent"
    TRANSIENT = "transient"  # stays queued; later sends use the same key
    OFFLINE = "offline"  # the server is unreachable: stays queued and the rest are not tried now
    REJECTED = "rejected"  # a 4xx problem: moved to rejected/


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    detail: dict[str, Any] = field(default_factory=dict)  # the report (sent) or the problem / error


@dataclass(frozen=True)
class Entry:
    path: Path
    idempotency_key: str
    body: dict[str, Any]
    queued_at: str
    attempts: int = 0
    last_error: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


def write_atomically(path: Path, document: dict[str, Any]) -> None:
    """Either the old file or the complete new one is ever seen at `path`, even after a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ReportQueue:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.pending_dir = self.root / "pending"
        self.rejected_dir = self.root / "rejected"

    def enqueue(self, body: dict[str, Any], now: datetime | None = None) -> Entry:
        key = str(uuid.uuid4())
        queued_at = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S.%fZ")
        entry = Entry(self.pending_dir / f"{queued_at}-{key}.json", key, body, queued_at)
        self._save(entry)
        return entry

    def pending(self) -> list[Entry]:
        """Oldest first (the file names start with the time queued)."""
        if not self.pending_dir.is_dir():
            return []
        return [self._load(p) for p in sorted(self.pending_dir.glob("*.json")) if not p.name.startswith(".")]

    def rejected(self) -> list[Path]:
        return sorted(self.rejected_dir.glob("*.json")) if self.rejected_dir.is_dir() else []

    def sent(self, entry: Entry) -> None:
        entry.path.unlink(missing_ok=True)

    def failed(self, entry: Entry, error: str) -> Entry:
        kept = Entry(entry.path, entry.idempotency_key, entry.body, entry.queued_at, entry.attempts + 1, error)
        self._save(kept)
        return kept

    def reject(self, entry: Entry, problem: dict[str, Any]) -> Path:
        target = self.rejected_dir / entry.name
        write_atomically(target, {**self._document(entry), "attempts": entry.attempts + 1, "problem": problem})
        entry.path.unlink(missing_ok=True)
        return target

    @staticmethod
    def _document(entry: Entry) -> dict[str, Any]:
        return {
            "idempotency_key": entry.idempotency_key,
            "queued_at": entry.queued_at,
            "attempts": entry.attempts,
            "last_error": entry.last_error,
            "body": entry.body,
        }

    def _save(self, entry: Entry) -> None:
        write_atomically(entry.path, self._document(entry))

    @staticmethod
    def _load(path: Path) -> Entry:
        document = json.loads(path.read_text(encoding="utf-8"))
        return Entry(
            path=path,
            idempotency_key=document["idempotency_key"],
            body=document["body"],
            queued_at=document["queued_at"],
            attempts=document.get("attempts", 0),
            last_error=document.get("last_error"),
        )


@dataclass
class Tally:
    total: int
    sent: list[tuple[Entry, Result]] = field(default_factory=list)
    rejected: list[tuple[Entry, Result]] = field(default_factory=list)
    kept: list[tuple[Entry, Result]] = field(default_factory=list)

    @property
    def left(self) -> int:
        return self.total - len(self.sent) - len(self.rejected)


def drain(
    queue: ReportQueue,
    send: Callable[[Entry], Result],
    progress: Callable[[Tally, Entry, Result], None] | None = None,
) -> Tally:
    """Send every pending report, oldest first, each with its own stored key. Stops at the first
    OFFLINE (the rest stay queued untried); TRANSIENT ones stay queued and the next is tried."""
    entries = queue.pending()
    tally = Tally(total=len(entries))
    for entry in entries:
        result = send(entry)
        if result.outcome is Outcome.SENT:
            queue.sent(entry)
            tally.sent.append((entry, result))
        elif result.outcome is Outcome.REJECTED:
            queue.reject(entry, result.detail)
            tally.rejected.append((entry, result))
        else:
            queue.failed(entry, str(result.detail.get("error", result.outcome.value)))
            tally.kept.append((entry, result))
        if progress is not None:
            progress(tally, entry, result)
        if result.outcome is Outcome.OFFLINE:
            break
    return tally
