"""Typed settings, built by a function (never at import) so tests and tools can vary them."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "chuishao-development-secret-change-me-0123456789"


class Settings(BaseSettings):
    """Settings common to every service; each service names itself with `service_name`."""

    model_config = SettingsConfigDict(env_prefix="CHUISHAO_", extra="ignore")

    service_name: str = "chuishao"
    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/chuishao",
        validation_alias=AliasChoices("CHUISHAO_DATABASE_URL", "DATABASE_URL"),
    )
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
    run_relay: bool = True
    run_consumer: bool = True
    relay_batch_size: int = 500
    relay_poll_seconds: float = 1.0
    # Published outbox rows are kept this long, to be sent again if the broker loses its log.
    outbox_retention_hours: int = 24 * 7
    # How often an idle relay checks that the broker still holds what it acknowledged.
    relay_probe_seconds: float = 2.0
    shutdown_grace_seconds: float = 3.0

    jwt_secret: SecretStr = SecretStr(DEV_SECRET)
    jwt_issuer: str = "chuishao-dev"
    jwt_audience: str = "chuishao"
    jwt_jwks_url: str | None = None

    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 64 * 1024
    rate_limit_per_second: float = 200.0
    rate_limit_burst: int = 400
    reference_dir: str | None = None
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_unsafe_secrets(self) -> Settings:
        secret = self.jwt_secret.get_secret_value()
        if self.jwt_jwks_url is None:
            if len(secret.encode()) < 32:
                raise ValueError("CHUISHAO_JWT_SECRET must be at least 32 bytes")
            if self.environment == "production" and secret == DEV_SECRET:
                raise ValueError("the development JWT secret is refused in production")
        return self

    @property
    def asyncpg_dsn(self) -> str:
        """The DSN in the form asyncpg accepts (no SQLAlchemy driver suffix)."""
        return self.database_url.replace("postgresql+asyncpg://", "postgresql://", 1)

    @property
    def sqlalchemy_url(self) -> str:
        url = self.asyncpg_dsn
        for scheme in ("postgresql://", "postgres://"):
            if url.startswith(scheme):
                return "postgresql+asyncpg://" + url[len(scheme) :]
        return url

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"


def get_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
