"""The argparse wiring and the handlers of the field commands. Each handler returns the exit code:
0 done, 1 refused or failed (the problem's text on stderr), 2 usage, 75 (EX_TEMPFAIL) a report kept
in the offline queue because the server could not take it now."""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from chuishao_shared.fieldwork import output
from chuishao_shared.fieldwork.api import Endpoints, Failure, call, default_url, problem_text, send_report
from chuishao_shared.fieldwork.queue import Entry, Outcome, ReportQueue, Result, Tally, drain
from chuishao_shared.vocabulary import SATISFACTIONS, Severity, VerificationResult

QUEUED = 75  # EX_TEMPFAIL: not sent yet, safe in the queue


def default_queue_dir() -> str:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return os.environ.get("CHUISHAO_QUEUE_DIR") or str(Path(data_home) / "chuishao" / "queue")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("connection")
    group.add_argument("--token", default=os.environ.get("CHUISHAO_TOKEN"), help="bearer token (CHUISHAO_TOKEN)")
    group.add_argument(
        "--intake-url", default=os.environ.get("CHUISHAO_INTAKE_URL") or default_url("intake", 8001),
        help="intake's base URL (CHUISHAO_INTAKE_URL; default as `make run`)",
    )  # fmt: skip
    group.add_argument(
        "--dispatch-url", default=os.environ.get("CHUISHAO_DISPATCH_URL") or default_url("dispatch", 8002),
        help="dispatch's base URL (CHUISHAO_DISPATCH_URL; default as `make run`)",
    )  # fmt: skip
    group.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    group.add_argument("--queue-dir", default=default_queue_dir(), help="the offline report queue (CHUISHAO_QUEUE_DIR)")
    group.add_argument("--json", action="store_true", help="print the answers as JSON")
    return common


def add_commands(commands: Any) -> None:
    """Register the field commands on `chuishao`'s subparsers."""
    common = _common()

    def command(name: str, handler: Any, text: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, parents=[common], help=text, description=text)
        parser.set_defaults(handler=handler)
        return parser

    p = command("report", report, "file a report (吹哨); queued on disk first, sent at once if the network allows")
    p.add_argument("--category", required=True, help="小类 code, e.g. ENV-STAIRWELL-DIRTY")
    p.add_argument("--grid", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--severity", default="minor", choices=get_args(Severity))
    for name in ("building", "unit", "address"):
        p.add_argument(f"--{name}")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--photo", action="append", default=[], help="photo URL (repeat, at most 9)")
    p.add_argument("--handled-on-site", action="store_true", help="小事现场管: already handled")
    p.add_argument("--resident-name")
    p.add_argument("--resident-phone")
    command("sync", sync, "send every queued report again, each with its own Idempotency-Key")
    command("queue", show_queue, "list the queued and the rejected reports")
    p = command("reports", reports, "your own reports, newest first")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--cursor")
    p = command("verify", verify, "核查: verify a resolved case on site by its report")
    p.add_argument("report_id")
    p.add_argument("--result", required=True, choices=get_args(VerificationResult))
    p.add_argument("--note", default="")
    p.add_argument("--photo", action="append", default=[])
    p = command("feedback", feedback, "回访: record the resident's satisfaction")
    p.add_argument("report_id")
    p.add_argument("--satisfaction", required=True, choices=SATISFACTIONS)
    p.add_argument("--comment", default="")
    p = command("cases", cases, "the queue: your department's (liaison) or jurisdiction's (dispatcher) cases")
    p.add_argument("--status")
    p.add_argument("--department")
    p.add_argument("--overdue", action="store_true", default=None)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--cursor")
    command("case", case, "one case with its assignments and timeline").add_argument("case_id")
    command("ack", ack, "报到/签收: report in on a case").add_argument("case_id")
    for name, text in (("progress", "record progress with a note and photos"), ("resolve", "resolve with evidence")):
        p = command(name, evidence, text)
        p.add_argument("case_id")
        p.add_argument("--note", default="")
        p.add_argument("--photo", action="append", default=[])
        if name == "resolve":
            p.add_argument("--no-photo-reason", help="why there is no photo: private_home, nothing_visible, ...")
    p = command("return", return_case, "退单: return a mis-routed case with a reason")
    p.add_argument("case_id")
    p.add_argument("--reason", required=True)
    p = command("extension", extension, "延期: ask for more time")
    p.add_argument("case_id")
    p.add_argument("--until", required=True, help="ISO 8601 time, e.g. 2026-12-05T18:00:00+08:00")
    p.add_argument("--reason", required=True)


def run(args: argparse.Namespace) -> int:
    if not args.token and args.handler not in (show_queue,):
        print("no token: pass --token or set CHUISHAO_TOKEN (see `chuishao token`)", file=sys.stderr)
        return 2
    endpoints = Endpoints(args.token or "", args.intake_url, args.dispatch_url, args.timeout)
    try:
        code: int = args.handler(args, endpoints)
    except Failure as error:
        print(str(error), file=sys.stderr)
        return 1
    return code


# ----------------------------------------------------------------------------------- reports (queued)


def _report_body(args: argparse.Namespace) -> dict[str, Any]:
    place = {k: getattr(args, k) for k in ("building", "unit", "address", "lat", "lon") if getattr(args, k) is not None}
    body: dict[str, Any] = {
        "category": args.category,
        "grid": args.grid,
        "description": args.description,
        "severity": args.severity,
        "place": place,
        "photos": args.photo,
        "handled_on_site": args.handled_on_site,
    }
    if args.resident_name or args.resident_phone:
        resident = {"name": args.resident_name, "phone": args.resident_phone}
        body["resident"] = {k: v for k, v in resident.items() if v}
    return body


def _send_all(queue: ReportQueue, endpoints: Endpoints, progress: bool) -> Tally:
    client = endpoints.intake()
    shown = output.Progress(len(queue.pending())) if progress else None

    def reported(tally: Tally, entry: Entry, result: Result) -> None:
        if result.outcome is Outcome.REJECTED:
            print(f"rejected {entry.name} (moved to {queue.rejected_dir}):", file=sys.stderr)
            print(problem_text(result.detail), file=sys.stderr)
        if shown is not None:
            shown.show(len(tally.sent), len(tally.rejected), len(tally.kept))

    with client:
        tally = drain(queue, lambda entry: send_report(client, entry), reported)
    if shown is not None:
        shown.close()
    return tally


def report(args: argparse.Namespace, endpoints: Endpoints) -> int:
    queue = ReportQueue(Path(args.queue_dir))
    mine = queue.enqueue(_report_body(args))
    earlier = len(queue.pending()) - 1
    tally = _send_all(queue, endpoints, progress=earlier > 0)
    for entry, result in tally.sent:
        if entry.path == mine.path:
            output.emit_json(result.detail) if args.json else print(output.report_line(result.detail))
            return 0
    if any(entry.path == mine.path for entry, _ in tally.rejected):
        return 1
    reason = next((r.detail.get("error", "") for e, r in tally.kept if e.path == mine.path), "not tried")
    print(f"queued, not sent yet ({reason}); `chuishao sync` sends it (key {mine.idempotency_key})", file=sys.stderr)
    return QUEUED


def sync(args: argparse.Namespace, endpoints: Endpoints) -> int:
    queue = ReportQueue(Path(args.queue_dir))
    if not queue.pending():
        print("nothing queued", file=sys.stderr)
        return 0
    tally = _send_all(queue, endpoints, progress=True)
    left = len(queue.pending())
    if args.json:
        output.emit_json({"sent": [r.detail for _, r in tally.sent], "rejected": len(tally.rejected), "queued": left})
    else:
        for _, result in tally.sent:
            print(output.report_line(result.detail))
    print(f"sent {len(tally.sent)}, rejected {len(tally.rejected)}, still queued {left}", file=sys.stderr)
    if tally.kept:
        print(f"not sent: {tally.kept[-1][1].detail.get('error', '')}", file=sys.stderr)
    return 1 if tally.rejected else QUEUED if left else 0


def show_queue(args: argparse.Namespace, endpoints: Endpoints) -> int:
    queue = ReportQueue(Path(args.queue_dir))
    pending = queue.pending()
    rejected = [json.loads(p.read_text(encoding="utf-8")) | {"file": str(p)} for p in queue.rejected()]
    if args.json:
        output.emit_json({"pending": [e.body | {"idempotency_key": e.idempotency_key} for e in pending],
                          "rejected": rejected})  # fmt: skip
        return 0
    for entry in pending:
        tries = f"{entry.attempts} tries, last: {entry.last_error}" if entry.attempts else "not tried"
        print(f"queued    {entry.queued_at}  {entry.body.get('category')}  {entry.body.get('grid')}  ({tries})")
    for document in rejected:
        title = document.get("problem", {}).get("title", "")
        print(f"rejected  {document['queued_at']}  {document['body'].get('category')}  {title}  {document['file']}")
    return 0


# ------------------------------------------------------------------------------ reads and actions


def _print(answer: dict[str, Any], args: argparse.Namespace, line: Any) -> int:
    output.emit_json(answer) if args.json else print(line(answer))
    return 0


def _key() -> str:
    return str(uuid.uuid4())


def reports(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_intake_client.api.reports import list_reports

    with endpoints.intake() as client:
        page = call(list_reports, client, limit=args.limit, cursor=args.cursor)
    return _print_page(page, args, output.report_line)


def _print_page(page: dict[str, Any], args: argparse.Namespace, line: Callable[[dict[str, Any]], str]) -> int:
    """A page as JSON, or one line per item and the cursor of the next page on stderr."""
    if args.json:
        output.emit_json(page)
        return 0
    for item in page["items"]:
        print(line(item))
    if page.get("next_cursor"):
        print(f"more: --cursor {page['next_cursor']}", file=sys.stderr)
    return 0


def verify(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_intake_client.api.reports import verify as verify_report
    from chuishao_intake_client.models import VerificationCreate

    body = VerificationCreate.from_dict({"result": args.result, "note": args.note, "photos": args.photo})
    with endpoints.intake() as client:
        answer = call(verify_report, client, args.report_id, body=body, idempotency_key=_key())
    return _print(answer, args, lambda a: f"{a['id']}  {a['status']}")


def feedback(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_intake_client.api.reports import feedback as record_feedback
    from chuishao_intake_client.models import FeedbackCreate

    body = FeedbackCreate.from_dict({"satisfaction": args.satisfaction, "comment": args.comment})
    with endpoints.intake() as client:
        answer = call(record_feedback, client, args.report_id, body=body, idempotency_key=_key())
    return _print(answer, args, lambda a: f"{a['id']}  {a['status']}")


def cases(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import list_cases
    from chuishao_dispatch_client.types import UNSET

    filters = {"status": args.status, "department": args.department, "overdue": args.overdue, "cursor": args.cursor}
    with endpoints.dispatch() as client:
        page = call(list_cases, client, limit=args.limit, **{k: UNSET if v is None else v for k, v in filters.items()})
    return _print_page(page, args, output.case_line)


def case(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import get_case

    with endpoints.dispatch() as client:
        return _print(call(get_case, client, args.case_id), args, output.case_detail)


def _act(args: argparse.Namespace, endpoints: Endpoints, operation: Any, body: Any) -> int:
    with endpoints.dispatch() as client:
        answer = call(operation, client, args.case_id, body=body, idempotency_key=_key())
    return _print(answer, args, output.case_detail)


def ack(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import acknowledge
    from chuishao_dispatch_client.models import Acknowledge

    return _act(args, endpoints, acknowledge, Acknowledge())


def evidence(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import progress, resolve
    from chuishao_dispatch_client.models import Evidence, Resolution

    body: dict[str, Any] = {"note": args.note, "photos": args.photo}
    if args.command == "resolve":
        if args.no_photo_reason:
            body["no_photo_reason"] = args.no_photo_reason
        return _act(args, endpoints, resolve, Resolution.from_dict(body))
    return _act(args, endpoints, progress, Evidence.from_dict(body))


def return_case(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import return_case as give_back
    from chuishao_dispatch_client.models import Return

    return _act(args, endpoints, give_back, Return.from_dict({"reason": args.reason}))


def extension(args: argparse.Namespace, endpoints: Endpoints) -> int:
    from chuishao_dispatch_client.api.cases import request_extension
    from chuishao_dispatch_client.models import Extension

    return _act(args, endpoints, request_extension, Extension.from_dict({"until": args.until, "reason": args.reason}))
