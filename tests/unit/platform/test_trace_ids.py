"""Trace and span ids: W3C-shaped, and distinct across forked workers (uvicorn's --workers forks)."""

from __future__ import annotations

import multiprocessing
import re

from chuishao_shared.observability import new_trace_id, new_traceparent, trace_id_from


def _child_ids(queue: multiprocessing.Queue) -> None:
    queue.put([new_trace_id() for _ in range(3)])


def test_a_traceparent_is_w3c_shaped_and_carries_its_trace_id() -> None:
    parent = new_traceparent()
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", parent)
    assert trace_id_from(parent) == parent.split("-")[1]
    given = new_trace_id()
    assert trace_id_from(new_traceparent(given)) == given
    assert len({new_trace_id() for _ in range(1000)}) == 1000


def test_forked_workers_do_not_repeat_each_others_ids() -> None:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=_child_ids, args=(queue,)) for _ in range(2)]
    for child in children:
        child.start()
    ids = [i for _ in children for i in queue.get(timeout=30)] + [new_trace_id() for _ in range(3)]
    for child in children:
        child.join(30)
    assert len(set(ids)) == len(ids) == 9
