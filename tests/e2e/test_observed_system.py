"""The services as processes: one scenario from whistle to feedback, then what the public and
operators see. The board never shows personal data; every metric the Grafana dashboard and the alert
rules query is exported by a running service; the counters match the scenario."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families
from unit.deploy.test_prometheus import alert_expressions, dashboard_expressions, metric_names

from chuishao_shared.auth import mint_token
from chuishao_shared.settings import Settings
from support.factories import bearer, report_body
from support.processes import Deployment, eventually

SETTINGS = Settings()
WORKER = bearer(mint_token(SETTINGS, sub="e2e-observer", role="grid_worker", grids=["XY-WQ-WY-G01"]))
LEAD = bearer(mint_token(SETTINGS, sub="e2e-lead", role="liaison", department="XY-WQ-WY-WY"))
RESIDENT_NAME = "王秀英"
RESIDENT_PHONE = "13912345678"


def families(url: str) -> set[str]:
    """The metric names a service exports, including labelled ones that have no sample yet."""
    names = set()
    for family in text_string_to_metric_families(httpx.get(f"{url}/metrics").text):
        names |= {family.name, f"{family.name}_total"} | {sample.name for sample in family.samples}
    return names


def series(url: str) -> dict[str, float]:
    """Every sample of a service's /metrics, keyed by name and sorted labels."""
    samples: dict[str, float] = {}
    for family in text_string_to_metric_families(httpx.get(f"{url}/metrics").text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}"] = sample.value
    return samples


def total(samples: dict[str, float], name: str, **labels: str) -> float:
    wanted = [f"{k}={v}" for k, v in labels.items()]
    return sum(v for key, v in samples.items() if key.startswith(name + "{") and all(w in key for w in wanted))


def test_scenario_seen_by_the_public_and_by_operators(deployed: Deployment) -> None:
    intake = deployed.start("intake")
    dispatch = deployed.start("dispatch")
    # Tracking split in its two roles: the public reads in one process, the projection in another.
    tracking = deployed.start("tracking", CHUISHAO_ROLE="api")
    projector = deployed.start("tracking", CHUISHAO_ROLE="projector")
    notify = deployed.start("notify")
    body = report_body(
        description=f"楼道堆物，联系人{RESIDENT_NAME}，电话{RESIDENT_PHONE}",
        resident={"name": RESIDENT_NAME, "phone": RESIDENT_PHONE},
    )
    report_id = httpx.post(f"{intake}/v1/reports", json=body, headers=WORKER).json()["id"]

    def case_in(status: str) -> str | None:
        report = httpx.get(f"{intake}/v1/reports/{report_id}", headers=WORKER).json()
        return report["case_id"] if report["case_status"] == status else None

    case_id = eventually(lambda: case_in("dispatched"))
    assert httpx.post(f"{dispatch}/v1/cases/{case_id}/acknowledge", json={}, headers=LEAD).status_code == 200
    assert (
        httpx.post(
            f"{dispatch}/v1/cases/{case_id}/resolve",
            json={"note": "已清理", "photos": ["https://img.example.cn/after.jpg"]},
            headers=LEAD,
        ).status_code
        == 200
    )
    eventually(lambda: case_in("resolved"))
    httpx.post(f"{intake}/v1/reports/{report_id}/verification", json={"result": "fixed"}, headers=WORKER)
    eventually(lambda: case_in("closed"))
    httpx.post(f"{intake}/v1/reports/{report_id}/feedback", json={"satisfaction": "satisfied"}, headers=WORKER)

    board_case = eventually(lambda: _closed_on_board(tracking, case_id))
    assert board_case["whistle_count"] == 1
    public = [
        httpx.get(f"{tracking}{path}").text
        for path in (
            f"/v1/board/cases/{case_id}",
            "/v1/board/cases",
            "/",
            "/?lang=en",
            "/v1/stats/departments",
            "/v1/stats/communities",
            "/v1/stats/categories",
        )
    ]
    for text in public:
        assert RESIDENT_NAME not in text and RESIDENT_PHONE not in text and "e2e-observer" not in text
    assert [httpx.get(f"{projector}{path}").status_code for path in ("/", "/v1/board/cases")] == [404, 404]
    assert total(series(projector), "chuishao_events_consumed_total", consumer="tracking-projection") > 0
    assert total(series(tracking), "chuishao_events_consumed_total", consumer="tracking-projection") == 0

    names = families(intake) | families(dispatch) | families(tracking) | families(projector) | families(notify)
    queried = {name for _, expr in dashboard_expressions() + alert_expressions() for name in metric_names(expr)}
    missing = {n for n in queried - {"up"} if n not in names}
    assert not missing, f"dashboard or alerts query metrics no service exports: {sorted(missing)}"

    intake_metrics, dispatch_metrics = series(intake), series(dispatch)
    assert total(intake_metrics, "chuishao_reports_total", outcome="accepted") == 1
    assert total(intake_metrics, "chuishao_http_requests_total", route="/v1/reports", status="201") == 1
    for outcome in ("opened", "dispatched", "acknowledged", "resolved", "closed"):
        assert total(dispatch_metrics, "chuishao_cases_total", outcome=outcome) == 1, outcome
    assert total(dispatch_metrics, "chuishao_acknowledge_latency_seconds_count", department="XY-WQ-WY-WY") == 1
    assert total(dispatch_metrics, "chuishao_resolve_latency_seconds_count", department="XY-WQ-WY-WY") == 1
    for url in (intake, dispatch):
        assert total(series(url), "chuishao_outbox_relay_active") == 1
    assert eventually(lambda: total(series(intake), "chuishao_outbox_backlog") == 0 or None) is True


def _closed_on_board(tracking: str, case_id: str) -> dict | None:
    response = httpx.get(f"{tracking}/v1/board/cases/{case_id}")
    return response.json() if response.status_code == 200 and response.json()["status"] == "closed" else None
