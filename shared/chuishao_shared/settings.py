"""Typed settings, built by a function (never at import) so tests and tools can vary them."""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "chuishao-development-secret-change-me-0123456789"
DEV_OIDC_CLIENT_SECRET = "chuishao-development-oidc-client-secret"


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
    # Linger: after a poll that brought fewer than a batch, a consumer waits this long for what follows, and
    # a relay woken by a new row waits this long before claiming. A poll or a relay cycle costs the same CPU
    # for one event as for twenty; at a steady 100 reports a second each carried one or two.
    consumer_linger_ms: int = Field(20, ge=0, le=1000)
    relay_linger_ms: int = Field(10, ge=0, le=1000)
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
    # The longest a token may live, in seconds (exp − iat, and exp − now): a token valid for a century
    # is refused. The development `chuishao token` command and `make run`'s demo tokens mint within it.
    jwt_max_lifetime: int = Field(24 * 3600, gt=0)

    host: str = "127.0.0.1"
    port: int = 8000
    # Slow clients (slowloris): a request line and headers must arrive within this many seconds of the
    # connection opening or the request's first byte and be at most `max_header_bytes`
    # (chuishao_shared.guarded_http); an idle kept-alive connection is closed after `keep_alive_...`.
    header_timeout_seconds: float = Field(10.0, gt=0)
    max_header_bytes: int = Field(32 * 1024, ge=1024)
    keep_alive_timeout_seconds: int = Field(5, ge=1)
    max_body_bytes: int = 64 * 1024
    # Per client address (anonymous callers, many behind one NAT) and per service account.
    rate_limit_per_second: float = 200.0
    rate_limit_burst: int = 400
    # Per signed-in person (the token's subject): what a person can do, so one user's flood gets 429
    # before it slows anyone else. Token subjects in `rate_limit_service_accounts` (integrations,
    # devices acting for many) get the per-client limit above instead.
    rate_limit_user_per_second: float = Field(10.0, gt=0)
    rate_limit_user_burst: int = Field(30, ge=1)
    rate_limit_service_accounts: list[str] = []
    # Live streams (SSE) one client may hold at once, per replica: per person for a signed-in client,
    # per address for an anonymous one (429 with Retry-After beyond).
    stream_max_per_client: int = Field(8, ge=1)
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
    # The directory (PRODUCT.md §9, chuishao_shared.directory): where this service reads people's roles
    # (dispatch's base URL; unset: dispatch itself, or no directory), how often, and the service
    # account's bearer token for it (unset outside production: a development token is minted).
    directory_url: str | None = None
    directory_refresh_seconds: float = Field(5.0, gt=0, le=50)
    directory_token: SecretStr | None = None
    # Reference data at run time (PRODUCT.md §9, chuishao_shared.reference.follow): how often this service
    # asks dispatch (at `directory_url`) for the version in force; a new version applies within this plus a
    # moment to build it.
    reference_refresh_seconds: float = Field(1.0, gt=0, le=60)
    # This service's own account at the identity provider (chuishao_shared.service_account): an access token
    # by the OAuth2 client-credentials grant (client_secret_basic) for its calls to other services (the
    # directory and reference data above). The token endpoint is `service_token_url`, else the one
    # `oidc_issuer`'s discovery document names; `service_token_scope` is sent when set (Entra ID needs
    # `api://<app>/.default`). `directory_token`, when set, still overrides it.
    service_client_id: str | None = None
    service_client_secret: SecretStr | None = None
    service_token_url: str | None = None
    service_token_scope: str | None = None
    # Opaque (non-JWT) bearer tokens are checked by RFC 7662 introspection here, authenticated as
    # `oidc_introspection_client_id` (default: `service_client_id`); answers are kept this long at most
    # (never past the token's `exp`). Unset: only JWTs are accepted. (chuishao_shared.introspection)
    oidc_introspection_url: str | None = None
    oidc_introspection_client_id: str | None = None
    oidc_introspection_client_secret: SecretStr | None = None
    oidc_introspection_cache_seconds: float = Field(30.0, ge=0, le=300)

    # Sign-in with OpenID Connect (PRODUCT.md §9, chuishao_shared.signin): the pages' backend-for-frontend
    # (intake's app, dispatch's console and admin screens). Unset issuer: no /auth/login (bearer tokens and
    # the development `#token=` links only). `oidc_redirect_base` is this service's public base URL (the
    # redirect URI registered at the provider is `<base>/auth/callback`); unset: the request's own.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr = SecretStr(DEV_OIDC_CLIENT_SECRET)
    oidc_redirect_base: str | None = None
    oidc_scopes: str = "openid profile"
    # The signed session cookie's key (unset outside production: derived from the JWT secret and the
    # service's name), and the longest a session lasts (it ends sooner with the ID token).
    session_secret: SecretStr | None = None
    session_max_age_seconds: int = Field(8 * 3600, gt=0)
    # Sign-in with WeCom (企业微信 网页授权) and DingTalk (钉钉 免登) (chuishao_shared.signin_platforms): each
    # is on when its application's id and secret are set; the API bases are the platforms' own unless a
    # test (or a private deployment of the platform) points them elsewhere.
    wecom_corp_id: str | None = None
    wecom_agent_id: str | None = None
    wecom_secret: SecretStr | None = None
    wecom_api_base: str = "https://qyapi.weixin.qq.com"
    wecom_authorize_base: str = "https://open.weixin.qq.com"
    dingtalk_app_key: str | None = None
    dingtalk_app_secret: SecretStr | None = None
    dingtalk_corp_id: str | None = None
    dingtalk_api_base: str = "https://oapi.dingtalk.com"
    # The DingTalk JSAPI (the dingtalk-jsapi package's dingtalk.open.js) as this deployment serves it.
    dingtalk_jsapi_url: str | None = None

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
        if self.oidc_issuer is not None:
            self._check_sign_in()
        self._check_platform_sign_in()
        self._check_service_account()
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

    def _check_sign_in(self) -> None:
        issuer = urlsplit(self.oidc_issuer or "")
        if not self.oidc_client_id:
            raise ValueError("CHUISHAO_OIDC_CLIENT_ID is required with CHUISHAO_OIDC_ISSUER")
        if self.environment != "production":
            return
        if issuer.scheme != "https":
            raise ValueError("CHUISHAO_OIDC_ISSUER must be an https URL in production")
        client_secret = self.oidc_client_secret.get_secret_value()
        if client_secret == DEV_OIDC_CLIENT_SECRET or len(client_secret) < 16:
            raise ValueError(
                "production refuses the development CHUISHAO_OIDC_CLIENT_SECRET: set the secret the identity "
                "provider gave this service's client (16 characters or more)"
            )
        if self.session_secret is None or len(self.session_secret.get_secret_value().encode()) < 32:
            raise ValueError("production needs CHUISHAO_SESSION_SECRET (32 bytes or more) to sign session cookies")
        if self.oidc_redirect_base is None or urlsplit(self.oidc_redirect_base).scheme != "https":
            raise ValueError("production needs CHUISHAO_OIDC_REDIRECT_BASE, this service's public https URL")

    def _check_service_account(self) -> None:
        """The service account's credentials go together and name a token endpoint; the token and
        introspection endpoints are https outside loopback (always in production), as the key set is; and
        production never falls back to a token minted with the development secret."""
        secret = self.service_client_secret.get_secret_value() if self.service_client_secret else ""
        if bool(self.service_client_id) != bool(secret):
            raise ValueError("CHUISHAO_SERVICE_CLIENT_ID and CHUISHAO_SERVICE_CLIENT_SECRET go together")
        if self.service_client_id and not (self.service_token_url or self.oidc_issuer):
            raise ValueError("CHUISHAO_SERVICE_CLIENT_ID needs CHUISHAO_SERVICE_TOKEN_URL or CHUISHAO_OIDC_ISSUER")
        if self.oidc_introspection_url and not self.introspection_credentials:
            raise ValueError(
                "CHUISHAO_OIDC_INTROSPECTION_URL needs a client to introspect as: "
                "CHUISHAO_OIDC_INTROSPECTION_CLIENT_ID and _SECRET, or CHUISHAO_SERVICE_CLIENT_ID and _SECRET"
            )
        for name, value in (
            ("CHUISHAO_SERVICE_TOKEN_URL", self.service_token_url),
            ("CHUISHAO_OIDC_INTROSPECTION_URL", self.oidc_introspection_url),
        ):
            url = urlsplit(value or "")
            if value and url.scheme != "https" and (self.environment == "production" or not is_loopback(url.hostname)):
                raise ValueError(f"{name} must be an https URL")
        if self.environment != "production":
            return
        if secret and (secret == DEV_OIDC_CLIENT_SECRET or len(secret) < 16):
            raise ValueError(
                "production needs the service account's own CHUISHAO_SERVICE_CLIENT_SECRET (16+ characters)"
            )
        if self.directory_url and self.directory_token is None and not self.service_client_id:
            raise ValueError(
                "production reads the directory at CHUISHAO_DIRECTORY_URL as a service account: set "
                "CHUISHAO_SERVICE_CLIENT_ID and CHUISHAO_SERVICE_CLIENT_SECRET (or a CHUISHAO_DIRECTORY_TOKEN)"
            )

    @property
    def introspection_credentials(self) -> tuple[str, str] | None:
        """The client id and secret this service introspects tokens as (its own, unless set apart)."""
        if self.oidc_introspection_client_id and self.oidc_introspection_client_secret:
            return self.oidc_introspection_client_id, self.oidc_introspection_client_secret.get_secret_value()
        if self.service_client_id and self.service_client_secret:
            return self.service_client_id, self.service_client_secret.get_secret_value()
        return None

    def _check_platform_sign_in(self) -> None:
        """WeCom and DingTalk sign-in: both halves of an application's credentials or neither; in production
        https platform addresses and a session secret of its own (the derived key would come from the
        published development JWT secret, since production verifies tokens by JWKS)."""
        pairs = {
            "CHUISHAO_WECOM_CORP_ID and CHUISHAO_WECOM_SECRET": (self.wecom_corp_id, self.wecom_secret),
            "CHUISHAO_DINGTALK_APP_KEY and CHUISHAO_DINGTALK_APP_SECRET": (
                self.dingtalk_app_key,
                self.dingtalk_app_secret,
            ),
        }
        for names, (key, secret) in pairs.items():
            if bool(key) != bool(secret and secret.get_secret_value()):
                raise ValueError(f"{names} go together")
        bases = {
            "CHUISHAO_WECOM_API_BASE": self.wecom_api_base,
            "CHUISHAO_WECOM_AUTHORIZE_BASE": self.wecom_authorize_base,
        }
        if not self.wecom_corp_id:
            bases = {}
        if self.dingtalk_app_key:
            bases["CHUISHAO_DINGTALK_API_BASE"] = self.dingtalk_api_base
        if not bases or self.environment != "production":
            return
        for name, base in bases.items():
            if urlsplit(base).scheme != "https":
                raise ValueError(f"{name} must be an https URL in production")
        if self.session_secret is None or len(self.session_secret.get_secret_value().encode()) < 32:
            raise ValueError("production needs CHUISHAO_SESSION_SECRET (32 bytes or more) to sign session cookies")

    @property
    def session_key(self) -> str:
        """The session cookie's signing key: the configured one, else one derived for this service."""
        if self.session_secret is not None:
            return self.session_secret.get_secret_value()
        import hashlib
        import hmac

        material = f"session:{self.service_name}".encode()
        return hmac.new(self.jwt_secret.get_secret_value().encode(), material, hashlib.sha256).hexdigest()

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
