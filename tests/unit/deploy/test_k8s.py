"""deploy/k8s validated offline against the Kubernetes OpenAPI schemas (kubernetes-validate, strict:
unknown fields fail), plus what the schemas cannot say: probes, limits, an HPA and a PDB per
service, migration jobs, the topic job's replication, and settings every service reads."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from unit.deploy.deploy_helpers import (
    BY_NAME,
    DEPLOY,
    K8S,
    PROJECTOR_ARGS,
    SERVICE_NAMES,
    SERVICES,
    accepted_env_names,
    load_yaml,
    load_yaml_documents,
    serve_args,
    settings_class,
)

try:
    import kubernetes_validate
except ImportError as error:  # a clear failure, never a silent skip
    raise ImportError(
        "kubernetes-validate is not installed (pip install -c constraints.txt kubernetes-validate)"
    ) from error

# Schemas shipped by kubernetes-validate: an older release still in wide use and a current one.
KUBERNETES_VERSIONS = ("1.30", "1.34")
NOT_KUBERNETES_OBJECTS = {"kustomization.yaml"}

METRICS_PORT = 9103


def manifest_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name not in NOT_KUBERNETES_OBJECTS)


def all_objects() -> list[tuple[str, dict[str, Any]]]:
    return [(path.name, doc) for path in manifest_files() for doc in load_yaml_documents(path)]


OBJECTS = all_objects()


def objects_of(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for _, doc in OBJECTS if doc["kind"] == kind}


def object_id(item: tuple[str, dict[str, Any]]) -> str:
    return f"{item[0]}:{item[1]['kind']}/{item[1]['metadata']['name']}"


def test_manifests_exist() -> None:
    kinds = {doc["kind"] for _, doc in OBJECTS}
    assert {
        "Namespace",
        "ConfigMap",
        "Secret",
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
    } <= kinds


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("item", OBJECTS, ids=object_id)
def test_manifest_validates_against_the_kubernetes_schema(item: tuple[str, dict[str, Any]], version: str) -> None:
    _, doc = item
    problem = None
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as error:
        path = ".".join(str(p) for p in error.path)
        problem = f"{object_id(item)} invalid for Kubernetes {version}: {path}: {error.message}"
    except kubernetes_validate.SchemaNotFoundError as error:
        problem = error.message
    if problem:
        pytest.fail(problem, pytrace=False)


def test_strict_validation_catches_a_misspelt_field() -> None:
    """The validation above would catch a typo: it is not a schema that accepts anything."""
    deployment = copy.deepcopy(objects_of("Deployment")["chuishao-intake"])
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[0], strict=True)


def test_everything_is_in_the_chuishao_namespace() -> None:
    for name, doc in OBJECTS:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == "chuishao", f"{name}: {doc['metadata']['name']}"


def test_kustomization_lists_every_manifest_but_the_placeholder_secrets() -> None:
    kustomization = load_yaml(K8S / "kustomization.yaml")
    listed = set(kustomization["resources"])
    assert listed == {p.name for p in manifest_files()} - {"secrets.yaml"}
    images = {image["name"] for image in kustomization["images"]}
    assert images == {f"chuishao/{name}" for name in SERVICE_NAMES}


def pod_containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["spec"]["template"]["spec"]["containers"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_deployment_has_probes_resources_and_a_non_root_security_context(name: str) -> None:
    deployment = objects_of("Deployment")[f"chuishao-{name}"]
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    (container,) = pod_containers(deployment)
    assert container["image"].startswith(f"chuishao/{name}:")
    assert container["args"] == serve_args(name)
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    # tracking (internet-facing) serves /metrics on its own port, which its Service does not expose.
    assert ports == {"http": BY_NAME[name].port, **({"metrics": METRICS_PORT} if name == "tracking" else {})}
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["port"] in ("http", BY_NAME[name].port)
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(container["resources"][kind]), f"{name}: resources.{kind}"
    security = container["securityContext"]
    assert security["allowPrivilegeEscalation"] is False
    assert security["readOnlyRootFilesystem"] is True
    assert security["capabilities"]["drop"] == ["ALL"]


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_service_hpa_and_pdb_exist_and_point_at_the_deployment(name: str) -> None:
    deployment = objects_of("Deployment")[f"chuishao-{name}"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()

    service = objects_of("Service")[f"chuishao-{name}"]
    assert service["spec"]["selector"] == selector
    assert [p["port"] for p in service["spec"]["ports"]] == [BY_NAME[name].port]

    hpa = objects_of("HorizontalPodAutoscaler")[f"chuishao-{name}"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": f"chuishao-{name}"}
    # At least 2, so the PDB can let one go during a node drain and one still serves.
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]

    pdb = objects_of("PodDisruptionBudget")[f"chuishao-{name}"]
    assert pdb["apiVersion"] == "policy/v1"
    assert pdb["spec"]["selector"]["matchLabels"] == selector
    assert pdb["spec"].get("maxUnavailable") == 1 or pdb["spec"].get("minAvailable") == 1


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_migration_job_runs_the_service_image(name: str) -> None:
    job = objects_of("Job")[f"chuishao-{name}-migrate"]
    (container,) = pod_containers(job)
    (deployed,) = pod_containers(objects_of("Deployment")[f"chuishao-{name}"])
    assert container["args"] == ["migrate"]
    assert container["image"] == deployed["image"]
    # The service's settings plus the owner role's URL, which only the Job gets.
    assert container["envFrom"] == [*deployed["envFrom"], {"secretRef": {"name": f"chuishao-{name}-migrate"}}]
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    assert job["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    # Its pods must not receive the Service's traffic nor count for its PDB.
    selector = objects_of("Deployment")[f"chuishao-{name}"]["spec"]["selector"]["matchLabels"]
    assert not selector.items() <= job["spec"]["template"]["metadata"]["labels"].items()


def test_topic_job_uses_replication_factor_3_and_min_insync_2() -> None:
    job = objects_of("Job")["chuishao-kafka-topics"]
    (container,) = pod_containers(job)
    assert container["image"].startswith("apache/kafka:")
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["TOPIC_REPLICATION_FACTOR"] == "3"
    assert env["TOPIC_MIN_INSYNC_REPLICAS"] == "2"
    script = objects_of("ConfigMap")["chuishao-kafka-topics"]["data"]["create-topics.sh"]
    assert script == (DEPLOY / "kafka" / "create-topics.sh").read_text(encoding="utf-8"), (
        "deploy/k8s/kafka-topics.yaml must carry deploy/kafka/create-topics.sh verbatim"
    )


def test_config_and_secrets_hold_only_settings_every_service_reads() -> None:
    accepted = set.intersection(*(accepted_env_names(settings_class(s)) for s in SERVICES))
    config = objects_of("ConfigMap")["chuishao-config"]["data"]
    assert set(config) <= accepted, sorted(set(config) - accepted)
    assert config["CHUISHAO_KAFKA_ENABLE_IDEMPOTENCE"] == "true"
    assert config["CHUISHAO_ENVIRONMENT"] == "production"
    for name in SERVICE_NAMES:
        # A service's Secret reaches only its own pods: every key is a setting that service reads.
        secret = objects_of("Secret")[f"chuishao-{name}"]
        assert set(secret["stringData"]) <= accepted_env_names(settings_class(BY_NAME[name]))
        assert f"/chuishao_{name}" in secret["stringData"]["DATABASE_URL"]


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_every_variable_a_pod_gets_is_read_by_its_settings(name: str) -> None:
    accepted = accepted_env_names(settings_class(BY_NAME[name]))
    (container,) = pod_containers(objects_of("Deployment")[f"chuishao-{name}"])
    assert {e["name"] for e in container["env"]} <= accepted
    assert {"CHUISHAO_PORT": str(BY_NAME[name].port)}.items() <= {
        e["name"]: e.get("value") for e in container["env"]
    }.items()
    sources = {(next(iter(s)), next(iter(s.values()))["name"]) for s in container["envFrom"]}
    assert sources == {("configMapRef", "chuishao-config"), ("secretRef", f"chuishao-{name}")}


def test_pods_carry_prometheus_scrape_annotations() -> None:
    for name in SERVICE_NAMES:
        annotations = objects_of("Deployment")[f"chuishao-{name}"]["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true"
        scraped = METRICS_PORT if name == "tracking" else BY_NAME[name].port
        assert annotations["prometheus.io/port"] == str(scraped)
        assert annotations["prometheus.io/path"] == "/metrics"


def test_tracking_projection_is_deployed_beside_its_public_reads() -> None:
    deployments = objects_of("Deployment")
    api, projector = deployments["chuishao-tracking"], deployments["chuishao-tracking-projector"]
    (container,) = pod_containers(projector)
    assert container["args"] == PROJECTOR_ARGS
    assert container["image"] == pod_containers(api)[0]["image"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert projector["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    # No Service selects the projector, and the api's autoscaler does not own it.
    labels = projector["spec"]["template"]["metadata"]["labels"]
    for service in objects_of("Service").values():
        assert not set(service["spec"]["selector"].items()) <= set(labels.items())
    assert (
        objects_of("PodDisruptionBudget")["chuishao-tracking-projector"]["spec"]["selector"]["matchLabels"]
        == (projector["spec"]["selector"]["matchLabels"])
    )


@pytest.mark.parametrize("name", [n for n in SERVICE_NAMES if n != "dispatch"])
def test_services_read_the_directory_from_dispatch_as_their_own_accounts(name: str) -> None:
    """Each follows dispatch's directory and reference data with a client-credentials token of its own
    client, whose secret lives in its own Secret; the token endpoint is https."""
    for deployment in (d for key, d in objects_of("Deployment").items() if key.startswith(f"chuishao-{name}")):
        (container,) = pod_containers(deployment)
        env = {e["name"]: e.get("value") for e in container["env"]}
        assert env["CHUISHAO_DIRECTORY_URL"] == "http://chuishao-dispatch.chuishao.svc:8002"
    secret = objects_of("Secret")[f"chuishao-{name}"]["stringData"]
    assert (
        secret["CHUISHAO_SERVICE_CLIENT_ID"] == f"chuishao-{name}-service" and secret["CHUISHAO_SERVICE_CLIENT_SECRET"]
    )
    config = objects_of("ConfigMap")["chuishao-config"]["data"]
    assert config["CHUISHAO_SERVICE_TOKEN_URL"].startswith("https://")
