"""Prometheus and Grafana: every service is scraped on the port it listens on, and the dashboard and
the alerts query only metrics the services define. (`promtool` checks the configuration in the
integration tier; the e2e tier compares with what the running services export.)"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from unit.deploy.deploy_helpers import BY_NAME, COMPOSE_FILE, DEPLOY, ROOT, SERVICE_NAMES, load_yaml

PROMETHEUS_DIR = DEPLOY / "prometheus"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "chuishao.json"
DATASOURCES = DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
# Series Prometheus itself attaches to every scrape.
SYNTHETIC = {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added"}
KEYWORDS = {
    "and",
    "or",
    "unless",
    "bool",
    "offset",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "inf",
    "nan",
    "atan2",
}
METRIC_CONSTRUCTOR = re.compile(r"\b(Counter|Gauge|Histogram|Summary|Info|Enum)\(\s*[\"']([a-zA-Z_:][\w:]*)[\"']")


def test_every_service_is_scraped_on_its_port() -> None:
    config = load_yaml(PROMETHEUS_DIR / "prometheus.yml")
    compose_services = load_yaml(COMPOSE_FILE)["services"]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    for name in SERVICE_NAMES:
        job = jobs[name]
        assert job.get("metrics_path", "/metrics") == "/metrics"
        targets = [t for static in job["static_configs"] for t in static["targets"]]
        # The internet-facing tracking service serves /metrics on a separate, unpublished port.
        metrics_port = compose_services[name]["environment"].get("CHUISHAO_METRICS_PORT", BY_NAME[name].port)
        # Tracking's projection runs beside it (tracking-projector) and is scraped in the same job.
        extra = [f"{name}-projector:{metrics_port}"] if name == "tracking" else []
        assert targets == [f"{name}:{metrics_port}", *extra]
        assert name in compose_services


# --- which metrics exist --------------------------------------------------------------------------------


def metric_sources() -> Iterator[Path]:
    yield from sorted((ROOT / "shared" / "chuishao_shared").rglob("*.py"))
    for name in SERVICE_NAMES:
        yield from sorted((ROOT / "services" / name / f"chuishao_{name}").rglob("*.py"))


def defined_metrics() -> dict[str, str]:
    """Metric name -> type, from every prometheus_client constructor in shared/ and the services."""
    found: dict[str, str] = {}
    for path in metric_sources():
        for kind, name in METRIC_CONSTRUCTOR.findall(path.read_text(encoding="utf-8")):
            found[name] = kind
    return found


def exported_series(metrics: dict[str, str]) -> set[str]:
    """The series names prometheus_client exposes for those metrics."""
    names: set[str] = set()
    for name, kind in metrics.items():
        if kind == "Counter":
            base = name.removesuffix("_total")
            names |= {f"{base}_total", f"{base}_created"}
        elif kind in ("Histogram", "Summary"):
            names |= {name, f"{name}_bucket", f"{name}_sum", f"{name}_count", f"{name}_created"}
        elif kind == "Info":
            names.add(f"{name}_info")
        else:
            names.add(name)
    return names


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects (functions, keywords, labels, strings, ranges and
    Grafana variables removed)."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\$\{?\w+\}?", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.])[a-zA-Z_:][\w:]*", text):
        word = match.group(0)
        if word in KEYWORDS or text[match.end() :].lstrip().startswith("("):
            continue  # a keyword, a function or an aggregation
        names.add(word)
    return names


def test_the_promql_parser_finds_metrics_and_only_metrics() -> None:
    expr = (
        'histogram_quantile(0.95, sum by (service, le) (rate(chuishao_x_seconds_bucket{route=~"/v1/.*"}'
        '[$__rate_interval]))) / on(job) group_left sum without (instance) (up{job="a"} offset 5m) > bool 0'
    )
    assert metric_names(expr) == {"chuishao_x_seconds_bucket", "up"}


def dashboard_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for panel in panels:
        yield panel
        yield from dashboard_panels(panel.get("panels", []))


def dashboard_expressions() -> list[tuple[str, str]]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = [
        (panel["title"], target["expr"])
        for panel in dashboard_panels(dashboard["panels"])
        for target in panel.get("targets", [])
        if target.get("expr")
    ]
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        if isinstance(query, dict):
            query = query.get("query")
        if variable.get("type") == "query" and query:
            exprs.append((f"variable {variable['name']}", re.sub(r"^\w+\((.*)\)$", r"\1", query)))
    return exprs


def alert_expressions() -> list[tuple[str, str]]:
    rules = load_yaml(PROMETHEUS_DIR / "alerts.yml")
    return [
        (rule.get("alert") or rule.get("record"), rule["expr"]) for group in rules["groups"] for rule in group["rules"]
    ]


def test_dashboard_is_valid_grafana_json() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert dashboard["uid"] and dashboard["title"] and dashboard["schemaVersion"] >= 36
    panels = list(dashboard_panels(dashboard["panels"]))
    ids = [panel["id"] for panel in panels]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    datasource_uids = {ds["uid"] for ds in load_yaml(DATASOURCES)["datasources"]}
    for panel in panels:
        assert {"h", "w", "x", "y"} <= set(panel["gridPos"]), panel["title"]
        assert panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel.get("targets"), f"panel {panel['title']!r} queries nothing"
        for target in panel["targets"]:
            assert target["datasource"]["uid"] in datasource_uids, panel["title"]
            assert metric_names(target["expr"]), f"{panel['title']!r}: no metric in {target['expr']!r}"


@pytest.mark.parametrize("source", ["dashboard", "alerts"])
def test_queries_use_only_metrics_the_services_define(source: str) -> None:
    known = exported_series(defined_metrics()) | SYNTHETIC
    exprs = dashboard_expressions() if source == "dashboard" else alert_expressions()
    assert exprs
    unknown = {(title, name) for title, expr in exprs for name in metric_names(expr) - known}
    assert not unknown, f"metrics no service defines: {sorted(unknown)}"


def test_dashboard_shows_every_platform_metric() -> None:
    """Every metric in shared/chuishao_shared/observability.py has a panel."""
    text = (ROOT / "shared" / "chuishao_shared" / "observability.py").read_text(encoding="utf-8")
    platform = {name: kind for kind, name in METRIC_CONSTRUCTOR.findall(text)}
    shown = {name for _, expr in dashboard_expressions() for name in metric_names(expr)}
    missing = {name for name, kind in platform.items() if not exported_series({name: kind}) & shown}
    assert not missing, f"not on the dashboard: {sorted(missing)}"


def markdown_anchors(text: str) -> set[str]:
    """GitHub-style heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    anchors = set()
    for heading in re.findall(r"^#+\s+(.+?)\s*$", text, re.MULTILINE):
        anchors.add(re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-"))
    return anchors


def test_every_alert_links_to_an_existing_runbook_section() -> None:
    anchors = markdown_anchors((ROOT / "docs" / "operations.md").read_text(encoding="utf-8"))
    rules = load_yaml(PROMETHEUS_DIR / "alerts.yml")
    for group in rules["groups"]:
        for rule in group["rules"]:
            runbook = rule["annotations"]["runbook"]
            path, _, anchor = runbook.partition("#")
            assert path == "docs/operations.md", rule["alert"]
            assert anchor in anchors, f"{rule['alert']}: no section #{anchor} in docs/operations.md"
