"""After-commit work runs once, in order, and a failing action neither stops the others nor fails
the use case whose change is already committed."""

from __future__ import annotations

import logging

import pytest

from chuishao_shared.after_commit import AfterCommitActions


def test_actions_run_once_in_order_and_a_failure_is_only_logged(caplog: pytest.LogCaptureFixture) -> None:
    done: list[str] = []
    actions = AfterCommitActions()
    actions.after_commit(lambda: done.append("first"))
    actions.after_commit(lambda: 1 / 0)  # type: ignore[func-returns-value]
    actions.after_commit(lambda: done.append("third"))
    with caplog.at_level(logging.ERROR):
        actions.run_after_commit()
    assert done == ["first", "third"] and "after-commit action" in caplog.text
    actions.run_after_commit()
    assert done == ["first", "third"]


def test_forgotten_actions_never_run() -> None:
    done: list[str] = []
    actions = AfterCommitActions()
    actions.after_commit(lambda: done.append("rolled back"))
    actions.forget_after_commit()
    actions.run_after_commit()
    assert done == []
