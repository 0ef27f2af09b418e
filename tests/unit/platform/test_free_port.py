"""free_port: a port to listen on that no outgoing connection can take first (outside the kernel's
ephemeral range), and free when returned."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import chuishao_shared.devstack as devstack


@pytest.mark.parametrize(
    ("ephemeral", "low", "high"),
    [("32768\t60999\n", 10000, 32767), ("10000 30000", 30001, 65535), ("1024 65000", 1024, 65535)],
)
def test_the_port_is_outside_the_ephemeral_range_and_free(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ephemeral: str, low: int, high: int
) -> None:
    (tmp_path / "range").write_text(ephemeral)
    monkeypatch.setattr(devstack, "_EPHEMERAL_RANGE", tmp_path / "range")
    ports = {devstack.free_port() for _ in range(20)}
    assert all(low <= port <= high for port in ports), ports
    assert len(ports) > 1  # chosen at random, so that processes asking at once rarely meet
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
