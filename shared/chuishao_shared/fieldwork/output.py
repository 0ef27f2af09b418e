"""How the commands print: one line per report or case, a case with its assignments and timeline,
progress on long work, and `--json` for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(document: Any) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))


def report_line(report: dict[str, Any]) -> str:
    case = report.get("case_status") or report.get("status") or ""
    return (
        f"{report['id']}  {str(report.get('created_at', ''))[:19]}  {report.get('category', '')}  "
        f"{report.get('grid', '')}  {case}  {report.get('description', '')[:40]}"
    )


def case_line(case: dict[str, Any]) -> str:
    overdue = "  OVERDUE" if case.get("overdue") else ""
    return (
        f"{case['id']}  {case.get('status', '')}  {case.get('category', '')}  {case.get('grid', '')}  "
        f"due {case.get('resolve_due_at') or '-'}{overdue}  {case.get('description', '')[:40]}"
    )


def case_detail(case: dict[str, Any]) -> str:
    lines = [
        case_line(case),
        f"  {case.get('category_name') or ''} · {case.get('grid_name') or case.get('grid')} · "
        f"{case.get('building') or ''}",
        f"  {case.get('description', '')}",
    ]
    for a in case.get("assignments", []):
        lines.append(f"  {a['role']:>6} {a['department']}  {a['status']}  ack due {a.get('ack_due_at') or '-'}")
    for t in case.get("timeline", []):
        note = t.get("note") or t.get("reason") or ""
        lines.append(f"  {t.get('at', '')}  {t['type']}  {t.get('department') or ''}  {note}".rstrip())
    return "\n".join(lines)


class Progress:
    """`3/10 sent` on stderr: rewritten in place on a terminal, one line each otherwise."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown = False

    def show(self, sent: int, rejected: int = 0, kept: int = 0) -> None:
        line = f"{sent}/{self.total} sent"
        line += f", {rejected} rejected" if rejected else ""
        line += f", {kept} still queued" if kept else ""
        if self.tty:
            self.stream.write("\r\033[K" + line)
            self.shown = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()
