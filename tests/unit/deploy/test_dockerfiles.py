"""The service images, read statically: one `Dockerfile` at the repository root builds every service
(the build argument SERVICE names it; docker-compose.yml passes each service's arguments). Each image
is multi-stage, slim, non-root, with a /healthz healthcheck, built from the repository root with only
`shared/` and the service's own package."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from unit.deploy.deploy_helpers import BY_NAME, COMPOSE_FILE, ROOT, SERVICE_NAMES, load_yaml


@dataclass
class Stage:
    image: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [arg for kw, arg in self.instructions if kw == keyword]


def parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults and the stages, with continuation lines joined and comments dropped."""
    logical: list[str] = []
    buffer = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        logical.append(buffer + line)
        buffer = ""
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        rest = rest.strip()
        if keyword == "FROM":
            image, *alias = rest.split()
            for name, value in args.items():
                image = image.replace(f"${{{name}}}", value)
            stages.append(Stage(image=image, name=alias[1] if len(alias) == 2 else None))
        elif keyword == "ARG" and not stages:
            name, _, default = rest.partition("=")
            args[name] = default
        else:
            stages[-1].instructions.append((keyword, rest))
    return args, stages


def stage_arg(stage: Stage, name: str) -> str | None:
    for arg in stage.all("ARG"):
        key, _, default = arg.partition("=")
        if key == name:
            return default
    return None


DOCKERFILE = ROOT / "Dockerfile"


def build_args(name: str) -> dict[str, str]:
    """The build arguments docker-compose.yml gives the service's image."""
    build = load_yaml(COMPOSE_FILE)["services"][name]["build"]
    return {key: str(value) for key, value in build.get("args", {}).items()}


@pytest.fixture(params=SERVICE_NAMES)
def dockerfile(request: pytest.FixtureRequest) -> tuple[str, list[Stage]]:
    """The one Dockerfile as the service's build sees it: its build arguments substituted."""
    name = request.param
    text = DOCKERFILE.read_text(encoding="utf-8")
    for key, value in build_args(name).items():
        text = text.replace(f"${{{key}}}", value)
    _, stages = parse_dockerfile(text)
    return name, stages


def test_one_dockerfile_builds_every_service() -> None:
    assert DOCKERFILE.is_file()
    assert sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("services/*/Dockerfile")) == []
    _, stages = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
    builder = stages[0]
    # SERVICE is a required build argument: a build without it stops at once, saying so.
    assert "SERVICE" in builder.all("ARG")
    assert any('test -n "${SERVICE}"' in arg for arg in builder.all("RUN"))
    for name in SERVICE_NAMES:
        args = build_args(name)
        assert args["SERVICE"] == name and args["PORT"] == str(BY_NAME[name].port), args


def test_multi_stage_on_python_311_slim(dockerfile: tuple[str, list[Stage]]) -> None:
    name, stages = dockerfile
    assert len(stages) >= 2, f"{name}: build and runtime stages expected"
    builder, runtime = stages[0], stages[-1]
    assert builder.name == "builder"
    assert runtime.image.startswith("python:3.11-slim"), runtime.image
    assert any(arg.startswith("--from=builder /opt/venv") for arg in runtime.all("COPY"))
    # Nothing is built in the runtime stage: no compilers, no pip install.
    assert not any("pip install" in arg for arg in runtime.all("RUN"))


def test_builder_installs_only_shared_and_its_own_service_with_the_constraints(
    dockerfile: tuple[str, list[Stage]],
) -> None:
    name, stages = dockerfile
    builder = stages[0]
    sources = {arg.split()[0] for arg in builder.all("COPY")}
    assert sources == {"constraints.txt", "shared/", f"services/{name}/"}
    installs = [arg for arg in builder.all("RUN") if "pip install" in arg]
    assert installs, f"{name}: nothing installed"
    for command in installs:
        assert "-c constraints.txt" in command, f"{name}: unpinned install: {command}"
    installed = " ".join(installs)
    assert "./shared" in installed and f"./services/{name}" in installed
    for other in SERVICE_NAMES:
        if other != name:
            assert f"services/{other}" not in installed


def test_runtime_runs_as_a_numeric_non_root_user(dockerfile: tuple[str, list[Stage]]) -> None:
    name, stages = dockerfile
    runtime = stages[-1]
    users = runtime.all("USER")
    assert users, f"{name}: no USER in the runtime stage"
    user = users[-1]
    uid_arg = stage_arg(runtime, "UID")
    if uid_arg is not None:
        user = user.replace("${UID}", uid_arg)
    uid, _, gid = user.partition(":")
    # Numeric, so Kubernetes' runAsNonRoot can verify it; the k8s manifests use the same id.
    assert uid.isdigit() and int(uid) != 0, f"{name}: USER {user}"
    assert not gid or (gid.isdigit() and int(gid) != 0)


def test_runtime_listens_on_the_service_port_with_a_healthz_healthcheck(
    dockerfile: tuple[str, list[Stage]],
) -> None:
    name, stages = dockerfile
    runtime = stages[-1]
    port = BY_NAME[name].port
    env = " ".join(runtime.all("ENV"))
    assert f"CHUISHAO_PORT={port}" in env
    assert "CHUISHAO_HOST=0.0.0.0" in env
    assert runtime.all("EXPOSE") == [str(port)]
    checks = runtime.all("HEALTHCHECK")
    assert len(checks) == 1
    assert "/healthz" in checks[0] and "urllib" in checks[0] and "os.environ['CHUISHAO_PORT']" in checks[0]
    assert "curl" not in checks[0] and "wget" not in checks[0]


def test_entrypoint_is_the_service_module(dockerfile: tuple[str, list[Stage]]) -> None:
    name, stages = dockerfile
    runtime = stages[-1]
    assert json.loads(runtime.all("ENTRYPOINT")[-1]) == ["/bin/sh", "-c", 'exec python -m "$SERVICE_MODULE" "$@"', "--"]
    assert f"SERVICE_MODULE=chuishao_{name}" in " ".join(runtime.all("ENV"))
    assert json.loads(runtime.all("CMD")[-1])[0] in ("serve", "migrate")


def test_dockerignore_sends_only_what_the_images_need() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # Deny everything, then allow the three inputs: .env, .git and local virtualenvs never leave.
    assert lines[0] == "*"
    allowed = {line[1:] for line in lines if line.startswith("!")}
    assert allowed == {"constraints.txt", "shared/", "services/"}
    for pattern in ("**/.env", "**/.venv", "**/__pycache__", "**/*.egg-info"):
        assert pattern in lines
    assert not any(re.match(r"!.*\.env", line) for line in lines)
