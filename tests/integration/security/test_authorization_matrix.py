"""The authorization matrix: every route of the intake, dispatch, tracking and notify OpenAPI documents ×
anonymous, grid workers of grids A and B, liaisons of departments X and Y, dispatchers of streets S
and T, admin and ops, against objects owned by A, X and S. Each cell is one real request; it must
answer as PRODUCT.md says: 401 (no token), 403 (wrong role), 404 (another's object) or get past
authorization ("ok": any other answer below 500 — a 409 or 422 means the role and object were
accepted). A route missing from the matrix fails the test."""

from __future__ import annotations

import uuid
from typing import Any

from chuishao_shared.auth import mint_token
from support.factories import GRID, OTHER_GRID, bearer, report_body
from support.notify import SECRET
from support.services import RunningService
from support.system import LEAD, System, case_of, file

PRINCIPALS = ["anon", "worker_a", "worker_b", "liaison_x", "liaison_y", "dispatcher_s", "dispatcher_t", "admin", "ops"]
OTHER_DEPARTMENT = "XY-WQ-ZF"  # a department holding no assignment on the case
STREET, OTHER_STREET = "XY-WQ", "TN-CS"

EVERYONE = dict.fromkeys(PRINCIPALS, "ok")
NOBODY_HAS_IT = dict.fromkeys(PRINCIPALS, "404")  # public, and the same answer whoever asks


def only(allowed: dict[str, str]) -> dict[str, str]:
    """`allowed` cells as given; anonymous 401; every other role 403."""
    return {p: allowed.get(p, "401" if p == "anon" else "403") for p in PRINCIPALS}


WORKER_OWN = only({"worker_a": "ok", "worker_b": "404"})
WORKER_ANY = only({"worker_a": "ok", "worker_b": "ok"})
WORKER_IN_GRID = only({"worker_a": "ok", "worker_b": "403"})  # the body names grid A
STAFF = only({"liaison_x": "ok", "liaison_y": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok", "admin": "ok"})
CASE_READERS = only({"liaison_x": "ok", "liaison_y": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok"})
CASE_OBJECT = only({"liaison_x": "ok", "liaison_y": "404", "dispatcher_s": "ok", "dispatcher_t": "404"})
LIAISON_ACTION = only({"liaison_x": "ok", "liaison_y": "404"})
DISPATCHER_ACTION = only({"dispatcher_s": "ok", "dispatcher_t": "404"})
DISPATCHERS = only({"dispatcher_s": "ok", "dispatcher_t": "ok"})
ADMIN = only({"admin": "ok"})
SIGNED_IN = only(dict.fromkeys(PRINCIPALS[1:], "ok"))
TICKET_ONLY = dict.fromkeys(PRINCIPALS, "401")  # the stream takes a ticket, never a bearer token

SERVICES = ("intake", "dispatch", "tracking", "notify")
WEBHOOK_READERS = only({"admin": "ok", "liaison_x": "ok", "liaison_y": "ok"})
WEBHOOK_OBJECT = only({"admin": "ok", "liaison_x": "ok", "liaison_y": "404"})  # a subscription of X

# (service, method, OpenAPI path) → expected answer per principal.
MATRIX: dict[tuple[str, str, str], dict[str, str]] = {
    # operations: public on every service (tracking moves /metrics to its own port in production)
    **{(s, "GET", p): EVERYONE for s in SERVICES for p in ("/healthz", "/readyz")},
    **{(s, "GET", "/metrics"): EVERYONE for s in SERVICES},
    # intake
    ("intake", "POST", "/v1/reports"): WORKER_IN_GRID,
    ("intake", "GET", "/v1/reports"): WORKER_ANY,
    ("intake", "GET", "/v1/reports/{report_id}"): WORKER_OWN,
    ("intake", "POST", "/v1/reports/{report_id}/verification"): WORKER_OWN,
    ("intake", "POST", "/v1/reports/{report_id}/feedback"): WORKER_OWN,
    ("intake", "GET", "/v1/categories"): SIGNED_IN,
    ("intake", "GET", "/v1/grids"): SIGNED_IN,
    ("intake", "GET", "/v1/departments"): SIGNED_IN,
    ("intake", "GET", "/open311/v2/services.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/services/{service_code}.{fmt}"): EVERYONE,
    ("intake", "POST", "/open311/v2/requests.{fmt}"): WORKER_IN_GRID,
    # Reading is public in GeoReport v2 (no personal data in what it shows).
    ("intake", "GET", "/open311/v2/requests.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/requests/{request_id}.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/tokens/{token_id}.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/discovery.{fmt}"): EVERYONE,
    ("intake", "POST", "/v1/photos"): only({"worker_a": "ok", "worker_b": "ok", "liaison_x": "ok", "liaison_y": "ok"}),
    ("intake", "GET", "/v1/photos/{sha256}"): {},  # filled from the observed row below, see PHOTO_READERS
    ("intake", "GET", "/v1/photos/{sha256}/thumbnail"): {},
    # dispatch
    ("dispatch", "POST", "/v1/stream/tickets"): CASE_READERS,
    ("dispatch", "GET", "/v1/stream/cases"): TICKET_ONLY,
    ("dispatch", "GET", "/v1/cases/{case_id}/duplicates"): DISPATCHER_ACTION,
    ("dispatch", "GET", "/v1/overdue"): DISPATCHERS,
    ("dispatch", "GET", "/v1/cases"): CASE_READERS,
    ("dispatch", "GET", "/v1/cases/{case_id}"): CASE_OBJECT,
    ("dispatch", "POST", "/v1/cases/{case_id}/acknowledge"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/progress"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/resolve"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/return"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension/approve"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension/reject"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/route"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/whistle"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/merge"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/cancel"): DISPATCHER_ACTION,
    ("dispatch", "GET", "/v1/departments"): STAFF,
    ("dispatch", "GET", "/v1/routing/rules"): STAFF,
    ("dispatch", "PUT", "/v1/routing/rules"): ADMIN,
    ("dispatch", "POST", "/v1/routing/preview"): STAFF,
    # tracking: the public board and statistics
    ("tracking", "GET", "/v1/board/cases"): EVERYONE,
    ("tracking", "GET", "/v1/board/cases/{case_id}"): NOBODY_HAS_IT,  # tracking here holds no case
    ("tracking", "GET", "/v1/board/stream"): EVERYONE,  # an endless stream: only its route is checked here
    ("tracking", "GET", "/v1/stats/departments"): EVERYONE,
    ("tracking", "GET", "/v1/stats/communities"): EVERYONE,
    ("tracking", "GET", "/v1/stats/categories"): EVERYONE,
    ("tracking", "GET", "/v1/stats/daily"): EVERYONE,
    # notify: webhooks are admin's; a liaison reads its own department's and their delivery log
    ("notify", "POST", "/v1/webhooks"): ADMIN,
    ("notify", "GET", "/v1/webhooks"): WEBHOOK_READERS,
    ("notify", "GET", "/v1/webhooks/{sub_id}"): WEBHOOK_OBJECT,
    ("notify", "GET", "/v1/webhooks/{sub_id}/deliveries"): WEBHOOK_OBJECT,
    ("notify", "POST", "/v1/webhooks/{sub_id}/test"): ADMIN,
    ("notify", "DELETE", "/v1/webhooks/{sub_id}"): ADMIN,
}
STREAMS = {("tracking", "GET", "/v1/board/stream")}
# Any signed-in role may read a photo by its content hash (evidence is shown to staff and workers);
# the hash asked for is unknown, so every signed-in caller gets 404 and anonymous 401.
PHOTO_READERS = only(dict.fromkeys(PRINCIPALS[1:], "404"))
MATRIX[("intake", "GET", "/v1/photos/{sha256}")] = PHOTO_READERS
MATRIX[("intake", "GET", "/v1/photos/{sha256}/thumbnail")] = PHOTO_READERS


def _headers(chuishao: System, principal: str) -> dict[str, str]:
    s = chuishao.dispatch.settings
    tokens = {
        "worker_a": dict(sub="worker-a", role="grid_worker", grids=[GRID]),
        "worker_b": dict(sub="worker-b", role="grid_worker", grids=[OTHER_GRID]),
        "liaison_x": dict(sub="liaison-x", role="liaison", department=LEAD),
        "liaison_y": dict(sub="liaison-y", role="liaison", department=OTHER_DEPARTMENT),
        "dispatcher_s": dict(sub="dispatcher-s", role="dispatcher", jurisdiction=STREET),
        "dispatcher_t": dict(sub="dispatcher-t", role="dispatcher", jurisdiction=OTHER_STREET),
        "admin": dict(sub="admin-1", role="admin"),
        "ops": dict(sub="ops-1", role="ops"),
    }
    if principal == "anon":
        return {}
    return bearer(mint_token(s, **tokens[principal]))  # type: ignore[arg-type]


def _classify(status: int) -> str:
    return str(status) if status in (401, 403, 404) else "ok"


async def test_every_route_answers_every_role_as_the_contract_says(
    chuishao: System, tracking: RunningService, notify: RunningService
) -> None:
    clients = {
        "intake": chuishao.intake.client,
        "dispatch": chuishao.dispatch.client,
        "tracking": tracking.client,
        "notify": notify.client,
    }
    documented = {
        (service, method.upper(), path)
        for service, client in clients.items()
        for path, operations in (await client.get("/openapi.json")).json()["paths"].items()
        for method in operations
    }
    assert documented - set(MATRIX) == set(), "routes missing from the authorization matrix"
    assert set(MATRIX) - documented == set(), "matrix rows for routes that no longer exist"

    # The objects: a report by worker A, routed to a case led by department X in street S.
    worker_a = _headers(chuishao, "worker_a")["Authorization"][7:]
    report = await file(chuishao, worker_a)
    case = await case_of(chuishao, worker_a, report["id"], "dispatched")
    ids = {"report_id": report["id"], "request_id": report["id"], "token_id": report["id"], "case_id": case["id"]}
    subscription = {"department": LEAD, "url": "https://hooks.example/in", "secret": SECRET}
    created = await notify.client.post("/v1/webhooks", json=subscription, headers=_headers(chuishao, "admin"))
    assert created.status_code == 201, created.text
    ids |= {"fmt": "json", "service_code": report["category"], "sha256": "0" * 64, "sub_id": created.json()["id"]}
    bodies: dict[str, Any] = {
        "/v1/reports": report_body(),
        "/open311/v2/requests.{fmt}": None,  # a form, below
        "/v1/routing/preview": {"category": report["category"], "grid": GRID},
        "/v1/routing/rules": {"rules": []},
        # Valid bodies, so that the object check (404) is reached rather than validation (422).
        "/v1/reports/{report_id}/verification": {"result": "fixed"},
        "/v1/reports/{report_id}/feedback": {"satisfaction": "satisfied"},
        "/v1/cases/{case_id}/return": {"reason": "不属本部门"},
        "/v1/cases/{case_id}/extension": {"until": "2030-01-01T00:00:00+08:00", "reason": "需要采购配件"},
        "/v1/cases/{case_id}/extension/reject": {"reason": "理由不足"},
        "/v1/cases/{case_id}/route": {"departments": [LEAD], "reason": "改派"},
        "/v1/cases/{case_id}/whistle": {"departments": [LEAD], "reason": "吹哨"},
        "/v1/cases/{case_id}/merge": {"into": str(uuid.uuid4())},
        "/v1/cases/{case_id}/cancel": {"reason": "重复上报"},
        "/v1/webhooks": subscription,
    }

    wrong: list[str] = []
    checked = 0
    # Deleting comes last: the other cells need the objects.
    for (service, method, path), expected in sorted(MATRIX.items(), key=lambda item: (item[0][1] == "DELETE", item[0])):
        if (service, method, path) in STREAMS:
            continue
        url = path.format(**ids)
        for principal in PRINCIPALS:
            headers = {**_headers(chuishao, principal), "Idempotency-Key": uuid.uuid4().hex}
            kwargs: dict[str, Any] = {"headers": headers}
            if path == "/open311/v2/requests.{fmt}" and method == "POST":
                form = {
                    "service_code": report["category"],
                    "attribute[grid]": GRID,
                    "description": "楼道堆满杂物，无法通行",
                    "lat": "36.53",
                    "long": "113.05",
                }
                if "Authorization" in headers:
                    form["api_key"] = headers.pop("Authorization")[7:]
                kwargs = {"headers": headers, "data": form}
            elif path == "/v1/photos" and method == "POST":
                kwargs["files"] = {"file": ("a.txt", b"not an image", "text/plain")}
            elif method in ("POST", "PUT"):
                kwargs["json"] = bodies.get(path, {})
            response = await clients[service].request(method, url, **kwargs)
            checked += 1
            got = _classify(response.status_code)
            assert response.status_code < 500, (service, method, path, principal, response.text)
            if got != expected[principal]:
                wrong.append(
                    f"{service} {method} {path} as {principal}: {response.status_code} ≠ {expected[principal]}"
                )
    refused = sum(1 for row in MATRIX.values() for cell in row.values() if cell != "ok")
    print(f"\nauthorization matrix: {len(MATRIX)} routes, {checked} cells requested, {refused} refusals expected")
    assert not wrong, "\n".join(wrong)
