"""Helpers for the static deployment checks: the repository's files, the services' settings
classes and the environment-variable names those classes read."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices, AliasPath
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    port: int
    settings_module: str
    settings_class: str

    @property
    def package(self) -> str:
        return f"chuishao_{self.name}"

    @property
    def database(self) -> str:
        return f"chuishao_{self.name}"


SERVICES = [
    ServiceSpec("intake", 8001, "chuishao_intake.bootstrap", "IntakeSettings"),
    ServiceSpec("dispatch", 8002, "chuishao_dispatch.bootstrap", "DispatchSettings"),
    ServiceSpec("tracking", 8003, "chuishao_tracking.bootstrap", "TrackingSettings"),
    ServiceSpec("notify", 8004, "chuishao_notify.bootstrap", "NotifySettings"),
    ServiceSpec("community", 8005, "chuishao_community.bootstrap", "CommunitySettings"),
]
SERVICE_NAMES = [s.name for s in SERVICES]
BY_NAME = {s.name: s for s in SERVICES}
# Tracking runs as two processes: the public reads (`--role api`, the service's own name) and the
# projection (`--role projector`, deployed beside it).
# Secrets a service refuses to start in production without (its development defaults are refused).
PRODUCTION_SECRETS = {
    "dispatch": {"CHUISHAO_ACK_LINK_SECRET": "ack-link-secret-of-at-least-32-bytes!!"},
    "notify": {"CHUISHAO_ACK_LINK_SECRET": "ack-link-secret-of-at-least-32-bytes!!"},
    "community": {
        "CHUISHAO_COMMUNITY_QR_KEY": "community-qr-key-of-at-least-32-bytes!",
        "CHUISHAO_COMMUNITY_CERTIFICATE_KEY": "community-certificate-key-of-32-bytes!",
    },
}
SERVE_ARGS = {"tracking": ["serve", "--no-migrate", "--role", "api"]}
PROJECTOR_ARGS = ["serve", "--no-migrate", "--role", "projector"]


def serve_args(name: str) -> list[str]:
    return SERVE_ARGS.get(name, ["serve", "--no-migrate"])


def settings_class(service: ServiceSpec) -> type[BaseSettings]:
    """The service's own settings class; a clear failure (not a skip) while it cannot be imported."""
    try:
        module = importlib.import_module(service.settings_module)
        return getattr(module, service.settings_class)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as error:
        pytest.fail(
            f"{service.settings_module}.{service.settings_class} cannot be imported ({error!r}); the "
            f"deployment checks compare docker-compose.yml and deploy/k8s with it"
        )


def accepted_env_names(cls: type[BaseSettings]) -> set[str]:
    """Every environment variable name the settings class reads (upper case; pydantic-settings is
    case-insensitive by default): `env_prefix` + field name, or the field's validation aliases."""
    prefix = str(cls.model_config.get("env_prefix") or "")
    names: set[str] = set()
    for field_name, field in cls.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {c.upper() for c in alias.choices if isinstance(c, str)}
            names |= {c.path[0].upper() for c in alias.choices if isinstance(c, AliasPath)}  # type: ignore[union-attr]
        elif isinstance(alias, str):
            names.add(alias.upper())
        elif field.alias:
            names.add(field.alias.upper())
        else:
            names.add(f"{prefix}{field_name}".upper())
    return names


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_yaml_documents(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc]


def read_env_file(path: Path) -> dict[str, str]:
    """A dotenv file as docker compose reads it (KEY=VALUE lines; comments and blanks ignored)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: not KEY=VALUE: {line!r}"
        values[key.strip()] = value.strip()
    return values


_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolated_names(text: str) -> set[str]:
    return {m.group("name") for m in _INTERPOLATION.finditer(text)}


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose-style `${VAR}`, `${VAR:-default}`, `${VAR:?error}` substitution; a missing required
    variable is an error, as in compose."""

    def substitute(match: re.Match[str]) -> str:
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        current = variables.get(name)
        if op in (":-", "-"):
            return current if current else (arg or "")
        if op in (":?", "?"):
            if not current:
                raise AssertionError(f"required variable {name} is not set: {arg}")
            return current
        return current or ""

    return _INTERPOLATION.sub(substitute, value)


def environment_dict(environment: Any) -> dict[str, str]:
    """A compose `environment` (mapping or list of KEY=VALUE) as a dict of strings."""
    if environment is None:
        return {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
    return {str(k): "" if v is None else str(v) for k, v in environment.items()}
