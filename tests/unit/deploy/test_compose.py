"""docker-compose.yml, checked without a Docker engine: it parses, every service can be built or
pulled, has a healthcheck and waits for what it needs, and every variable and port it gives our
services is one their settings classes read."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError
from unit.deploy.deploy_helpers import (
    BY_NAME,
    COMPOSE_FILE,
    DEPLOY,
    ENV_EXAMPLE,
    PROJECTOR_ARGS,
    ROOT,
    SERVICE_NAMES,
    SERVICES,
    accepted_env_names,
    environment_dict,
    interpolate,
    interpolated_names,
    load_yaml,
    read_env_file,
    serve_args,
    settings_class,
)

from chuishao_shared.events.topics import CASES_TOPIC, REPORTS_TOPIC
from chuishao_shared.kafka import all_topics
from chuishao_shared.settings import DEV_SECRET, Settings

ONE_SHOT = {"kafka-topics", "kafka-acls", "minio-bucket", *(f"{name}-migrate" for name in SERVICE_NAMES)}
FAKE_SECRETS = {
    "CHUISHAO_JWT_JWKS_URL": "https://sso.example.gov.cn/.well-known/jwks.json",
    "POSTGRES_PASSWORD": "pg-secret",
    "INTAKE_DB_PASSWORD": "intake-secret",
    "DISPATCH_DB_PASSWORD": "dispatch-secret",
    "TRACKING_DB_PASSWORD": "tracking-secret",
    "NOTIFY_DB_PASSWORD": "notify-secret",
    "COMMUNITY_DB_PASSWORD": "community-secret",
    "INTAKE_DB_OWNER_PASSWORD": "intake-owner-secret",
    "DISPATCH_DB_OWNER_PASSWORD": "dispatch-owner-secret",
    "TRACKING_DB_OWNER_PASSWORD": "tracking-owner-secret",
    "NOTIFY_DB_OWNER_PASSWORD": "notify-owner-secret",
    "COMMUNITY_DB_OWNER_PASSWORD": "community-owner-secret",
    "ACK_LINK_SECRET": "ack-link-secret-of-at-least-32-bytes!!",
    "COMMUNITY_QR_KEY": "community-qr-key-of-at-least-32-bytes!",
    "COMMUNITY_CERTIFICATE_KEY": "community-certificate-key-of-32-bytes!",
    "KAFKA_ADMIN_PASSWORD": "kafkaadminsecret",
    "INTAKE_KAFKA_PASSWORD": "intakekafkasecret",
    "DISPATCH_KAFKA_PASSWORD": "dispatchkafkasecret",
    "TRACKING_KAFKA_PASSWORD": "trackingkafkasecret",
    "NOTIFY_KAFKA_PASSWORD": "notifykafkasecret",
    "COMMUNITY_KAFKA_PASSWORD": "communitykafkasecret",
    "GRAFANA_ADMIN_PASSWORD": "grafana-secret",
    "CHUISHAO_SERVICE_TOKEN_URL": "https://sso.example.gov.cn/oauth2/token",
    "INTAKE_SERVICE_CLIENT_SECRET": "intake-service-client-secret",
    "TRACKING_SERVICE_CLIENT_SECRET": "tracking-service-client-secret",
    "NOTIFY_SERVICE_CLIENT_SECRET": "notify-service-client-secret",
    "COMMUNITY_SERVICE_CLIENT_SECRET": "community-service-client-secret",
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_yaml(COMPOSE_FILE)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]  # type: ignore[no-any-return]


def depends_on(service: dict[str, Any]) -> dict[str, dict[str, Any]]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: {"condition": "service_started"} for name in deps}
    return deps  # type: ignore[no-any-return]


def env_file_variables() -> dict[str, str]:
    """.env as an operator fills it in: the example's values plus the secrets it asks for."""
    return {**read_env_file(ENV_EXAMPLE), **FAKE_SECRETS}


def container_environment(service: dict[str, Any]) -> dict[str, str]:
    """What the container gets: env_file (.env), then `environment`, interpolated as compose does."""
    variables = env_file_variables()
    env: dict[str, str] = {}
    env_files = service.get("env_file") or []
    for entry in [env_files] if isinstance(env_files, str) else env_files:
        path = entry if isinstance(entry, str) else entry["path"]
        assert path == ".env", f"unexpected env_file {path}"
        env.update(variables)
    for key, value in environment_dict(service.get("environment")).items():
        env[key] = interpolate(value, variables)
    return env


def test_compose_parses_and_names_the_expected_services(compose: dict[str, Any]) -> None:
    assert compose["name"] == "chuishao"
    expected = {
        "kafka",
        "kafka-2",
        "kafka-3",
        "kafka-topics",
        "kafka-acls",
        "postgres",
        "prometheus",
        "grafana",
        "minio",
        "minio-bucket",
        *SERVICE_NAMES,
        "tracking-projector",
        *(f"{name}-migrate" for name in SERVICE_NAMES),
    }
    assert set(compose["services"]) == expected


def test_every_service_has_an_image_or_a_build(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        assert service.get("image") or service.get("build"), f"{name} has neither image nor build"
        image = service.get("image", "")
        if "build" not in service:
            tag = image.rsplit(":", 1)[-1] if ":" in image.split("/")[-1] else ""
            assert tag and tag != "latest", f"{name}: pin the image version ({image})"


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_our_images_build_from_the_repository_root_with_the_one_dockerfile(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    for service_name in (name, f"{name}-migrate"):
        build = services[service_name]["build"]
        assert build["context"] == "."
        assert build["dockerfile"] == "Dockerfile"
        assert (ROOT / build["dockerfile"]).is_file()
        assert build["args"]["SERVICE"] == name
        assert services[service_name]["image"].startswith(f"chuishao/{name}:")
    # The migration job runs the very image the service runs.
    assert services[name]["image"] == services[f"{name}-migrate"]["image"]


def test_long_running_services_have_healthchecks(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        if name in ONE_SHOT:
            continue
        check = service.get("healthcheck")
        assert check and not check.get("disable"), f"{name} has no healthcheck"
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name


def test_one_shot_jobs_are_the_ones_waited_for_to_complete(services: dict[str, dict[str, Any]]) -> None:
    completed = {
        target
        for service in services.values()
        for target, dep in depends_on(service).items()
        if dep.get("condition") == "service_completed_successfully"
    }
    assert completed == ONE_SHOT
    for name in ONE_SHOT:
        assert services[name].get("restart") == "no", f"{name} must not restart after it exits"


def test_every_dependency_exists_and_optional_ones_are_marked(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        own_profiles = set(service.get("profiles") or [])
        for target, dep in depends_on(service).items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert dep.get("condition") in ("service_started", "service_healthy", "service_completed_successfully")
            target_profiles = set(services[target].get("profiles") or [])
            if target_profiles and not target_profiles & own_profiles:
                # Otherwise the default profile could not start without it.
                assert dep.get("required") is False, f"{name} -> {target} must be required: false"
            if dep.get("condition") == "service_healthy":
                assert services[target].get("healthcheck"), f"{name} waits for {target} to be healthy"


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_services_wait_for_database_broker_topics_acls_and_their_migration(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    deps = depends_on(services[name])
    assert deps["postgres"]["condition"] == "service_healthy"
    assert deps["kafka"]["condition"] == "service_healthy"
    assert deps["kafka-topics"]["condition"] == "service_completed_successfully"
    assert deps["kafka-acls"]["condition"] == "service_completed_successfully"
    assert deps[f"{name}-migrate"]["condition"] == "service_completed_successfully"
    assert services[name]["command"] == serve_args(name)


def test_tracking_projection_runs_beside_its_public_reads(services: dict[str, dict[str, Any]]) -> None:
    projector, api = services["tracking-projector"], services["tracking"]
    assert projector["command"] == PROJECTOR_ARGS
    assert "ports" not in projector  # nothing reaches the projection from outside
    assert projector["image"] == api["image"]
    assert projector["environment"] == api["environment"]
    assert depends_on(projector) == depends_on(api)


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_migration_jobs_migrate_once_postgres_is_healthy(services: dict[str, dict[str, Any]], name: str) -> None:
    job = services[f"{name}-migrate"]
    assert job["command"] == ["migrate"]
    assert depends_on(job)["postgres"]["condition"] == "service_healthy"
    # The service's environment plus the owner role's URL, which only the job holds.
    env = dict(job["environment"])
    assert env.pop("CHUISHAO_MIGRATION_DATABASE_URL")
    assert env == services[name]["environment"]


def test_topic_job_waits_for_every_broker(services: dict[str, dict[str, Any]]) -> None:
    deps = depends_on(services["kafka-topics"])
    assert deps["kafka"]["condition"] == "service_healthy"
    for broker in ("kafka-2", "kafka-3"):
        assert deps[broker] == {"condition": "service_healthy", "required": False}
    assert any("deploy/kafka/create-topics.sh" in v for v in services["kafka-topics"]["volumes"])


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_every_variable_set_for_a_service_is_read_by_its_settings(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    accepted = accepted_env_names(settings_class(BY_NAME[name]))
    for service_name in (name, f"{name}-migrate"):
        unknown = set(environment_dict(services[service_name].get("environment"))) - accepted
        assert not unknown, f"{service_name} sets variables its settings never read: {sorted(unknown)}"


def test_env_example_holds_settings_or_compose_variables_only(compose: dict[str, Any]) -> None:
    accepted = set.intersection(*(accepted_env_names(settings_class(s)) for s in SERVICES))
    used_by_compose = interpolated_names(COMPOSE_FILE.read_text(encoding="utf-8"))
    example = read_env_file(ENV_EXAMPLE)
    for key in example:
        if key.startswith("CHUISHAO_") and key not in used_by_compose:
            assert key in accepted, f".env.example: {key} is not a setting every service reads"
        else:
            assert key in used_by_compose, f".env.example: {key} is used neither by compose nor the services"
    # Conversely, everything compose substitutes is documented in .env.example.
    assert used_by_compose <= set(example), sorted(used_by_compose - set(example))
    # The example carries no secret: every required secret is empty.
    for key in FAKE_SECRETS:
        assert example[key] == "", f".env.example must not carry a value for {key}"


def test_env_file_is_gitignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_ports_are_the_ones_the_service_listens_on(
    services: dict[str, dict[str, Any]], name: str, clean_env: pytest.MonkeyPatch
) -> None:
    spec = BY_NAME[name]
    service = services[name]
    env = container_environment(service)
    listens_on = int(env.get("CHUISHAO_PORT", settings_class(spec).model_fields["port"].default))
    assert listens_on == spec.port == settings_class(spec).model_fields["port"].default
    targets = []
    for port in service["ports"]:
        if isinstance(port, dict):
            targets.append(int(port["target"]))
        else:
            targets.append(int(str(port).rsplit(":", 1)[-1].split("/")[0]))
    assert targets == [listens_on]
    health_url = next(part for part in service["healthcheck"]["test"] if "http://" in part)
    assert urlsplit(re.search(r"http://[^'\"]+", health_url).group(0)).port == listens_on  # type: ignore[union-attr]


@pytest.mark.parametrize("name", SERVICE_NAMES)
def test_service_settings_built_from_the_compose_environment(
    services: dict[str, dict[str, Any]], name: str, clean_env: pytest.MonkeyPatch
) -> None:
    spec = BY_NAME[name]
    for key, value in container_environment(services[name]).items():
        clean_env.setenv(key, value)
    settings = settings_class(spec)()
    assert settings.environment == "production"  # type: ignore[attr-defined]
    assert settings.kafka_enable_idempotence is True  # type: ignore[attr-defined]
    assert settings.host == "0.0.0.0"  # type: ignore[attr-defined]
    assert settings.port == spec.port  # type: ignore[attr-defined]
    assert settings.kafka_bootstrap_servers == "kafka:9092"  # type: ignore[attr-defined]
    url = urlsplit(settings.database_url)  # type: ignore[attr-defined]
    assert (url.hostname, url.port, url.path, url.username) == ("postgres", 5432, f"/{spec.database}", name)
    if name != "dispatch":  # the others read the directory from dispatch as their own service accounts
        assert settings.directory_url == "http://dispatch:8002"  # type: ignore[attr-defined]
        assert settings.service_client_id == f"chuishao-{name}-service"  # type: ignore[attr-defined]
        assert settings.service_token_url.startswith("https://")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("jwks", "secret"),
    [("", ""), ("", DEV_SECRET), ("", "x" * 64), ("http://sso.example.gov.cn/jwks.json", "")],
)
def test_compose_environment_refuses_hs256_and_plain_http_key_sets(
    services: dict[str, dict[str, Any]], jwks: str, secret: str, clean_env: pytest.MonkeyPatch
) -> None:
    env = container_environment(services["intake"])
    env["CHUISHAO_JWT_JWKS_URL"] = jwks
    env["CHUISHAO_JWT_SECRET"] = secret
    for key, value in env.items():
        if value:
            clean_env.setenv(key, value)
    with pytest.raises(ValidationError):
        settings_class(BY_NAME["intake"])()


def test_env_example_as_is_does_not_start_a_service(clean_env: pytest.MonkeyPatch) -> None:
    for key, value in read_env_file(ENV_EXAMPLE).items():
        if value:
            clean_env.setenv(key, value)
    clean_env.setenv("CHUISHAO_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="production refuses HS256"):
        Settings()


def test_kafka_runs_in_kraft_mode_with_the_official_image(services: dict[str, dict[str, Any]]) -> None:
    brokers = {name: services[name] for name in ("kafka", "kafka-2", "kafka-3")}
    cluster_ids = {environment_dict(b["environment"])["CLUSTER_ID"] for b in brokers.values()}
    assert len(cluster_ids) == 1
    node_ids = set()
    for name, broker in brokers.items():
        assert broker["image"].startswith("apache/kafka:"), name
        env = environment_dict(broker["environment"])
        assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == "1@kafka:9093"
        assert "broker" in env["KAFKA_PROCESS_ROLES"].split(",")
        assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
        node_ids.add(env["KAFKA_NODE_ID"])
    assert len(node_ids) == 3
    assert "controller" in environment_dict(services["kafka"]["environment"])["KAFKA_PROCESS_ROLES"]
    assert "profiles" not in services["kafka"]
    assert services["kafka-2"]["profiles"] == services["kafka-3"]["profiles"] == ["replicated"]


def test_topic_script_creates_exactly_the_services_topics() -> None:
    script = (DEPLOY / "kafka" / "create-topics.sh").read_text(encoding="utf-8")
    created = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r'^ensure_topic "\$\{PREFIX\}([\w.]+)" (\d+) ', script, re.MULTILINE)
    }
    assert set(created) == set(all_topics(Settings(jwt_secret="x" * 32)))
    assert created[CASES_TOPIC] == 12
    assert created[REPORTS_TOPIC] == 6
    assert created[f"{CASES_TOPIC}.dlq"] == created[f"{REPORTS_TOPIC}.dlq"] == 3
    assert "min.insync.replicas" in script and "retention.ms" in script


def test_postgres_creates_one_database_per_service(services: dict[str, dict[str, Any]]) -> None:
    postgres = services["postgres"]
    assert postgres["image"].startswith("postgres:16")
    init = "./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/"
    assert any(volume.startswith(init) for volume in postgres["volumes"])
    script = (DEPLOY / "postgres" / "init-databases.sh").read_text(encoding="utf-8")
    postgres_env = environment_dict(postgres["environment"])
    for spec in SERVICES:
        password, owner = f"{spec.name.upper()}_DB_PASSWORD", f"{spec.name.upper()}_DB_OWNER_PASSWORD"
        assert re.search(
            rf'^create_service_database {spec.name} "\$\{{{password}:-\}}" "\$\{{{owner}:-\}}"$', script, re.MULTILINE
        )
        assert password in postgres_env and owner in postgres_env
        assert 'db="chuishao_${service}"' in script
        # The service connects as its runtime role; only its migration job holds the owner role.
        assert f"${{{password}:?" in environment_dict(services[spec.name]["environment"])["DATABASE_URL"]
        assert "CHUISHAO_MIGRATION_DATABASE_URL" not in environment_dict(services[spec.name]["environment"])
        migration = environment_dict(services[f"{spec.name}-migrate"]["environment"])["CHUISHAO_MIGRATION_DATABASE_URL"]
        assert migration.startswith(f"postgresql://{spec.name}_owner:${{{owner}:?")
        assert migration.endswith(f"@postgres:5432/{spec.database}")
    assert 'CREATE DATABASE :"db" OWNER :"owner"' in script and "REVOKE CREATE ON SCHEMA public FROM PUBLIC" in script


def test_volumes_are_declared(compose: dict[str, Any], services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in compose["volumes"], f"{name} uses undeclared volume {source}"
