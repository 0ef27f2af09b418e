"""The brokers' users and ACLs in docker-compose.yml and deploy/k8s are exactly the table the code
declares (chuishao_shared.kafka.TOPIC_ACCESS), and every listener authenticates. Checked as
configuration: Tansu (the broker of `make run` and the tests) enforces neither SASL nor ACLs."""

from __future__ import annotations

import re
from typing import Any

import yaml
from unit.deploy.deploy_helpers import COMPOSE_FILE, DEPLOY, K8S, SERVICE_NAMES, environment_dict, load_yaml

from chuishao_shared.kafka import TOPIC_ACCESS

SCRIPT = DEPLOY / "kafka" / "acls.sh"


def script_table(script: str) -> set[tuple[str, str, str, str]]:
    """The (principal, access, resource, name) rows of the script's ACCESS table."""
    body = re.search(r"^ACCESS='\n(.*?)^'$", script, re.MULTILINE | re.DOTALL)
    assert body, "deploy/kafka/acls.sh has no ACCESS='...' table"
    rows = [tuple(line.split()) for line in body.group(1).splitlines() if line.strip()]
    assert all(len(row) == 4 for row in rows), rows
    assert len(rows) == len(set(rows)), "a row is listed twice"
    return set(rows)  # type: ignore[arg-type]


def declared_table() -> set[tuple[str, str, str, str]]:
    rows = set()
    for service, access in TOPIC_ACCESS.items():
        rows |= {(service, "write", "topic", t) for t in access["write"]}
        rows |= {(service, "read", "topic", t) for t in access["read"]}
        rows |= {(service, "read", "group", g) for g in access["groups"]}
    return rows


def k8s_documents(name: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((K8S / name).read_text(encoding="utf-8")) if d]


def test_the_script_grants_exactly_the_declared_table() -> None:
    table = script_table(SCRIPT.read_text(encoding="utf-8"))
    assert table == declared_table()
    assert set(TOPIC_ACCESS) == set(SERVICE_NAMES)
    # The attacks the review named: only dispatch writes case events, only intake report events.
    writers = {topic: {p for p, a, r, n in table if a == "write" and n == topic} for topic in ("chuishao.cases.v1",)}
    assert writers == {"chuishao.cases.v1": {"dispatch"}}
    assert {p for p, a, _, n in table if a == "write" and n == "chuishao.reports.v1"} == {"intake"}


def test_the_script_removes_a_dropped_row_from_the_comparison() -> None:
    """The parser sees the table as written: one row less is a difference, not a pass."""
    script = SCRIPT.read_text(encoding="utf-8").replace("dispatch  write  topic  chuishao.cases.v1\n", "")
    assert script_table(script) != declared_table()


def test_compose_runs_the_acl_job_with_every_services_password_and_services_sign_in_as_themselves() -> None:
    compose = load_yaml(COMPOSE_FILE)
    services = compose["services"]
    job = services["kafka-acls"]
    assert job["image"].startswith("apache/kafka:")
    assert any(v.startswith("./deploy/kafka/acls.sh:") for v in job["volumes"])
    env = environment_dict(job["environment"])
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9094"  # the INTERNAL listener, as the super user
    for name in SERVICE_NAMES:
        password = f"{name.upper()}_KAFKA_PASSWORD"
        assert env[password].startswith(f"${{{password}:?")
        service_env = environment_dict(services[name]["environment"])
        assert service_env["CHUISHAO_KAFKA_SASL_USERNAME"] == name
        assert service_env["CHUISHAO_KAFKA_SASL_PASSWORD"] == env[password]
        assert service_env["CHUISHAO_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
        assert service_env["CHUISHAO_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
        assert services[name]["depends_on"]["kafka-acls"]["condition"] == "service_completed_successfully"


def test_compose_brokers_authenticate_every_listener_and_deny_without_an_acl() -> None:
    services = load_yaml(COMPOSE_FILE)["services"]
    for broker in ("kafka", "kafka-2", "kafka-3"):
        env = environment_dict(services[broker]["environment"])
        protocols = dict(item.split(":") for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
        assert set(protocols.values()) == {"SASL_PLAINTEXT"}, broker
        listeners = {item.split("://")[0] for item in env["KAFKA_LISTENERS"].split(",")}
        assert listeners <= set(protocols), broker
        assert env["KAFKA_AUTHORIZER_CLASS_NAME"] == "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
        assert env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
        assert env["KAFKA_SUPER_USERS"] == "User:admin"
        assert env["KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"
        assert "ScramLoginModule" in env["KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG"]
        assert "${KAFKA_ADMIN_PASSWORD:?" in env["KAFKA_LISTENER_NAME_INTERNAL_PLAIN_SASL_JAAS_CONFIG"]
        assert services[broker]["healthcheck"]["test"] == ["CMD", "/bin/sh", "/opt/chuishao/healthcheck.sh"]
    topics = environment_dict(services["kafka-topics"]["environment"])
    assert topics["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9094" and "CHUISHAO_KAFKA_ADMIN_PASSWORD" in topics


def test_kubernetes_runs_the_same_script_with_each_services_own_secret() -> None:
    config_map, job = k8s_documents("kafka-acls.yaml")
    assert config_map["data"]["acls.sh"] == SCRIPT.read_text(encoding="utf-8"), (
        "deploy/k8s/kafka-acls.yaml must carry deploy/kafka/acls.sh verbatim"
    )
    (container,) = job["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container["env"]}
    for name in SERVICE_NAMES:
        ref = env[f"{name.upper()}_KAFKA_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert ref == {"name": f"chuishao-{name}", "key": "CHUISHAO_KAFKA_SASL_PASSWORD"}
    assert env["KAFKA_COMMAND_CONFIG"]["value"] == "/etc/chuishao-kafka/admin.properties"
    volumes = {v["name"]: v for v in job["spec"]["template"]["spec"]["volumes"]}
    assert volumes["kafka-admin"]["secret"]["secretName"] == "chuishao-kafka-admin"
    config = k8s_documents("config.yaml")[0]["data"]
    assert config["CHUISHAO_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
    assert config["CHUISHAO_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    secrets = {d["metadata"]["name"]: d for d in k8s_documents("secrets.yaml")}
    for name in SERVICE_NAMES:
        data = secrets[f"chuishao-{name}"]["stringData"]
        assert data["CHUISHAO_KAFKA_SASL_USERNAME"] == name  # the principal the ACLs name
        assert "CHUISHAO_MIGRATION_DATABASE_URL" not in data
        owner = secrets[f"chuishao-{name}-migrate"]["stringData"]["CHUISHAO_MIGRATION_DATABASE_URL"]
        assert owner.startswith(f"postgresql://{name}_owner:")
    assert "kafka-acls.yaml" in (K8S / "kustomization.yaml").read_text(encoding="utf-8")
    assert "chuishao-kafka-acls" in (K8S / "apply.sh").read_text(encoding="utf-8")
