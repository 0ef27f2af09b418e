"""The producer against Apache Kafka: idempotent when the setting is on (docker-compose.yml and
deploy/k8s turn it on), acks="all" always. The e2e tests run on Tansu, which refuses the idempotent
producer (InitProducerId fails), so "on" is exercised here, at the configuration."""

from __future__ import annotations

import pytest
from unit.deploy.deploy_helpers import PRODUCTION_SECRETS, SERVICES, settings_class

from chuishao_shared.kafka import consumer_config, producer_config
from chuishao_shared.settings import Settings

SECRET = "s" * 40


@pytest.mark.parametrize("enabled", [True, False])
def test_idempotence_follows_the_setting_and_acks_are_always_all(enabled: bool) -> None:
    config = producer_config(Settings(kafka_enable_idempotence=enabled, jwt_secret=SECRET))
    assert config["enable_idempotence"] is enabled
    assert config["acks"] == "all"


def test_idempotence_is_off_by_default_for_the_development_broker(clean_env: pytest.MonkeyPatch) -> None:
    config = producer_config(Settings())
    assert config["enable_idempotence"] is False
    assert config["acks"] == "all"


@pytest.mark.parametrize("value", ["true", "1", "True"])
@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_the_deployment_variable_turns_it_on_for_every_service(
    clean_env: pytest.MonkeyPatch, service: object, value: str
) -> None:
    """CHUISHAO_KAFKA_ENABLE_IDEMPOTENCE as docker-compose.yml and the ConfigMap spell it."""
    clean_env.setenv("CHUISHAO_KAFKA_ENABLE_IDEMPOTENCE", value)
    clean_env.setenv("CHUISHAO_ENVIRONMENT", "production")
    clean_env.setenv("CHUISHAO_JWT_JWKS_URL", "https://sso.example.gov.cn/.well-known/jwks.json")
    for name, secret in PRODUCTION_SECRETS.get(service.name, {}).items():  # type: ignore[attr-defined]
        clean_env.setenv(name, secret)
    config = producer_config(settings_class(service)())  # type: ignore[arg-type]
    assert config["enable_idempotence"] is True
    assert config["acks"] == "all"


def test_consumers_commit_explicitly_and_start_new_groups_at_the_beginning() -> None:
    config = consumer_config(Settings(jwt_secret=SECRET), "chuishao-test")
    assert config["enable_auto_commit"] is False
    assert config["auto_offset_reset"] == "earliest"
