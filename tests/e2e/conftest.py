from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.infra import Infra
from support.processes import Deployment, deployment


@pytest.fixture
def deployed(infra: Infra, tmp_path: Path) -> Iterator[Deployment]:
    with deployment(infra, tmp_path / "logs") as system:
        yield system
