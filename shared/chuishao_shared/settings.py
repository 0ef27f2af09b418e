"""Typed settings, built by a function (never at import) so tests and tools can vary them."""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "chuishao-development-secret-change-me-0123456789"


class Settings(BaseSettings):
    """Settings common to every service; each service names itself with `service_name`."""

    model_config = SettingsConfigDict(env_prefix="CHUISHAO_", extra="ignore")

    service_name: str = "chuishao"
    # Unset is not "development": it accepts the published development secret only while every
    # listener is bound to loopback (a forgotten variable must not open a public deployment).
    environment: Literal["development", "test", "production"] | None = None
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/chuishao",
        validation_alias=AliasChoices("CHUISHAO_DATABASE_URL", "DATABASE_URL"),
    )
    # The owner role that runs migrations (DDL); the services connect as `database_url`'s runtime role,
    # which gets only the rights `chuishao_shared.db_roles` grants. Unset: one role does both.
    migration_database_url: str | None = None
    db_pool_size: int = 20
    # The consumers' own pool: public reads never make event handling wait for a connection.
    db_consumer_pool_size: int = 4
    # Bounds on every database wait (docs/reliability.md); 0 turns a PostgreSQL time-out off.
    db_connect_timeout_seconds: float = 3.0
    db_pool_timeout_seconds: float = 5.0
    db_statement_timeout_ms: int = 30_000
    db_lock_timeout_ms: int = 10_000
    db_idle_in_transaction_timeout_ms: int = 60_000
    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092",
        validation_alias=AliasChoices("CHUISHAO_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
    )
    # Broker authentication (SASL/SCRAM; SASL_SSL with `kafka_ssl_cafile` across untrusted networks).
    # Each service has its own principal, so broker ACLs can let it write only its own topics and
    # read only what it consumes (see `chuishao_shared.kafka.TOPIC_ACCESS`).
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: str | None = None
    # Tansu refuses InitProducerId, so idempotence is off by default and on in docker-compose.
    kafka_enable_idempotence: bool = False
    topic_prefix: str = ""
    consumer_group: str | None = None
    # Tansu holds a group join for half the session timeout; 6 s is Apache Kafka's minimum.
    kafka_session_timeout_ms: int = 6000
    kafka_heartbeat_interval_ms: int = 1000
    # Tansu does not cut a waiting fetch short when data arrives: this bounds event-to-consumer latency.
    kafka_fetch_max_wait_ms: int = 100
    consumer_retry_base_seconds: float = 0.2
    # Events of one partition's poll applied in one transaction (1: one transaction per event). Larger
    # keeps up with more events per second; it also holds the rows they lock for longer.
    consumer_batch_max_events: int = Field(100, ge=1)
    run_relay: bool = True
    run_consumer: bool = True
    relay_batch_size: int = 500
    relay_poll_seconds: float = 1.0
    # Published outbox rows are kept this long, to be sent again if the broker loses its log.
    outbox_retention_hours: int = 24 * 7
    # How often an idle relay checks that the broker still holds what it acknowledged.
    relay_probe_seconds: float = 2.0
    shutdown_grace_seconds: float = 3.0
    # Fault injection, for the fault suite only (refused in production): each consumer SIGKILLs its
    # process right after the database commit of its Nth event, before that event's offset commit.
    fault_crash_after_commits: int = Field(0, ge=0)

    jwt_secret: SecretStr = SecretStr(DEV_SECRET)
    jwt_issuer: str = "chuishao-dev"
    jwt_audience: str = "chuishao"
    jwt_jwks_url: str | None = None

    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 64 * 1024
    rate_limit_per_second: float = 200.0
    rate_limit_burst: int = 400
    # Operational endpoints. With `metrics_port` set, /metrics leaves the public app for its own
    # listener on `metrics_host` (the internet-facing tracking service sets it); /docs and
    # /openapi.json are served unless `public_docs` is false (default: not in production).
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    public_docs: bool | None = None
    # Proxies whose X-Forwarded-For is believed (addresses or CIDR networks, e.g. the ingress).
    trusted_proxies: list[str] = []
    # Retention of the platform tables: idempotent answers (copies of request bodies) and the
    # consumers' dedupe rows; swept every `retention_sweep_seconds`.
    idempotency_retention_hours: float = 48.0
    processed_events_retention_days: float = 30.0
    retention_sweep_seconds: float = 3600.0
    reference_dir: str | None = None
    log_level: str = "INFO"

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, proxies: list[str]) -> list[str]:
        for proxy in proxies:
            ipaddress.ip_network(proxy, strict=False)  # ValueError names the bad entry
        return proxies

    @model_validator(mode="after")
    def _fail_closed(self) -> Settings:
        """Refuse configurations that would accept forged tokens: production verifies RS256 against
        an https JWKS only; the development secret never serves a non-loopback listener unless the
        environment is explicitly development or test."""
        if self.kafka_security_protocol.startswith("SASL") and not (
            self.kafka_sasl_username and self.kafka_sasl_password and self.kafka_sasl_password.get_secret_value()
        ):
            raise ValueError("CHUISHAO_KAFKA_SASL_USERNAME and CHUISHAO_KAFKA_SASL_PASSWORD are required with SASL")
        if self.fault_crash_after_commits and self.environment == "production":
            raise ValueError("CHUISHAO_FAULT_CRASH_AFTER_COMMITS is for the fault suite, never production")
        secret = self.jwt_secret.get_secret_value()
        if self.jwt_jwks_url is not None:
            url = urlsplit(self.jwt_jwks_url)
            if url.scheme != "https" and (self.environment == "production" or not is_loopback(url.hostname)):
                raise ValueError("CHUISHAO_JWT_JWKS_URL must be an https URL")
            return self
        if len(secret.encode()) < 32:
            raise ValueError("CHUISHAO_JWT_SECRET must be at least 32 bytes")
        if self.environment == "production":
            raise ValueError(
                "production refuses HS256 tokens (and the development secret): set CHUISHAO_JWT_JWKS_URL "
                "to the identity provider's https key set"
            )
        if self.environment is None and secret == DEV_SECRET and not all(is_loopback(h) for h in self.listeners):
            raise ValueError(
                "the development JWT secret is accepted only on loopback listeners: set "
                "CHUISHAO_ENVIRONMENT or bind CHUISHAO_HOST to 127.0.0.1"
            )
        return self

    @property
    def listeners(self) -> list[str]:
        """Every address this process accepts connections on."""
        return [self.host] + ([self.metrics_host] if self.metrics_port is not None else [])

    @property
    def serves_docs(self) -> bool:
        return self.public_docs if self.public_docs is not None else self.environment != "production"

    @property
    def asyncpg_dsn(self) -> str:
        """The DSN in the form asyncpg accepts (no SQLAlchemy driver suffix)."""
        return _asyncpg(self.database_url)

    @property
    def sqlalchemy_url(self) -> str:
        return _sqlalchemy(self.database_url)

    @property
    def migration_sqlalchemy_url(self) -> str:
        """Where migrations run: the owner role's URL, else the service's own."""
        if self.migration_database_url is None:
            return self.sqlalchemy_url
        return _sqlalchemy(self.migration_database_url)

    @property
    def runtime_role(self) -> str | None:
        """The role granted the runtime rights after migrating (None in a single-role deployment)."""
        if self.migration_database_url is None:
            return None
        runtime, owner = urlsplit(self.asyncpg_dsn).username, urlsplit(_asyncpg(self.migration_database_url)).username
        return runtime if runtime and runtime != owner else None

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"


def _asyncpg(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _sqlalchemy(url: str) -> str:
    url = _asyncpg(url)
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+asyncpg://" + url[len(scheme) :]
    return url


def is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def get_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
