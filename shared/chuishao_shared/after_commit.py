"""Work a unit of work leaves for after its commit (metrics, mostly): it runs only once the change is
durable, and a failure in it is logged, never turned into a failed request or a dead letter."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class AfterCommitActions:
    def __init__(self) -> None:
        self._after_commit: list[Callable[[], None]] = []

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` only once the transaction has committed."""
        self._after_commit.append(action)

    def forget_after_commit(self) -> None:
        self._after_commit = []

    def run_after_commit(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            try:
                action()
            except Exception:
                log.exception("after-commit action %r failed", action)
