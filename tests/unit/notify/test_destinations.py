"""Receivers must be public addresses however the address is spelled (issue 28, finding 2): the pure
checks notify applies to a URL's host when subscribing and to every resolved address when connecting."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuishao_notify.domain.destinations import address_problem, host_problem, legacy_ipv4, parse_networks

LOOPBACK_ONLY = parse_networks("127.0.0.1/32")

INTERNAL = [
    "127.0.0.1",
    "127.255.255.254",
    "localhost",
    "LocalHost.",
    "api.localhost",
    "::1",
    "0:0:0:0:0:0:0:1",
    "0.0.0.0",
    "0",
    "::",
    "2130706433",  # 127.0.0.1 in decimal
    "0x7f000001",
    "0x7F.0.0.1",
    "0177.0.0.1",
    "017700000001",
    "127.1",
    "127.0.1",
    "127.0.0.1.",
    "１２７.０.０.１",  # full-width digits
    "127。0。0。1",  # ideographic full stops
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::127.0.0.1",  # the old IPv4-compatible form
    "64:ff9b::7f00:1",  # NAT64
    "2002:7f00:1::",  # 6to4
    "10.0.0.5",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",  # shared (carrier-grade NAT)
    "169.254.169.254",  # the cloud metadata service
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "224.0.0.1",
    "ff02::1",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.10",  # documentation
    "198.18.0.1",  # benchmarking
]


@pytest.mark.parametrize("host", INTERNAL)
def test_internal_hosts_are_refused(host: str) -> None:
    problem = host_problem(host)
    assert problem and "CHUISHAO_WEBHOOK_ALLOWED_NETWORKS" in problem or problem == "is not a valid host", problem


@pytest.mark.parametrize("host", ["hooks.example.cn", "qyapi.weixin.qq.com", "8.8.8.8", "2606:4700::1", "a-1.example"])
def test_public_hosts_and_names_pass(host: str) -> None:
    assert host_problem(host) is None


@pytest.mark.parametrize("host", ["1.2.3.4.5", "256.1.1.1", "08.1.1.1", "example.123", "1.0x1g.2.3"])
def test_hosts_that_end_in_a_number_but_are_no_address_are_invalid(host: str) -> None:
    assert host_problem(host) is not None


def test_allowed_networks_let_their_addresses_through_and_nothing_else() -> None:
    for host in ("127.0.0.1", "2130706433", "127.1", "::ffff:127.0.0.1"):
        assert host_problem(host, LOOPBACK_ONLY) is None, host
    for host in ("127.0.0.2", "::1", "localhost", "10.0.0.1", "0.0.0.0"):
        assert host_problem(host, LOOPBACK_ONLY), host
    both = parse_networks(["127.0.0.0/8", "::1/128"])
    assert host_problem("localhost", both) is None
    intranet = parse_networks("10.20.0.0/16")
    assert address_problem(ipaddress.ip_address("10.20.3.4"), intranet) is None
    assert address_problem(ipaddress.ip_address("10.21.3.4"), intranet)


def test_allowed_networks_are_parsed_strictly() -> None:
    assert parse_networks(" 127.0.0.1/32 , ,10.0.0.0/8") == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
    )
    with pytest.raises(ValueError, match="10.0.0.0/33"):
        parse_networks("10.0.0.0/33")


def test_legacy_ipv4_reads_numbers_as_the_url_standard_does() -> None:
    assert legacy_ipv4("hooks.example") is None
    assert legacy_ipv4("3232235777") == ipaddress.IPv4Address("192.168.1.1")
    assert legacy_ipv4("0xc0.0250.257") == ipaddress.IPv4Address("192.168.1.1")
    assert legacy_ipv4("0x") == ipaddress.IPv4Address("0.0.0.0")


NON_PUBLIC = st.sampled_from(
    [
        ipaddress.ip_network(n)
        for n in ("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "0.0.0.0/8")
    ]
)


def spellings(value: int) -> list[str]:
    octets = value.to_bytes(4, "big")
    return [
        str(value),
        hex(value),
        "0" + oct(value)[2:],
        ".".join(str(o) for o in octets),
        ".".join(hex(o) for o in octets),
        ".".join("0" + oct(o)[2:] for o in octets),
        f"{octets[0]}.{int.from_bytes(octets[1:], 'big')}",
        f"{octets[0]}.{octets[1]}.{int.from_bytes(octets[2:], 'big')}",
        f"::ffff:{ipaddress.IPv4Address(value)}",
    ]


@given(network=NON_PUBLIC, offset=st.integers(min_value=0, max_value=2**24 - 1))
def test_every_spelling_of_a_non_public_address_is_refused(network: ipaddress.IPv4Network, offset: int) -> None:
    value = int(network.network_address) + offset % network.num_addresses
    for spelling in spellings(value):
        assert host_problem(spelling), spelling


def test_the_setting_reads_comma_separated_cidrs_and_refuses_a_bad_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from chuishao_notify.bootstrap import NotifySettings

    monkeypatch.setenv("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32, 10.20.0.0/16")
    assert NotifySettings().webhook_allowed_networks == ["127.0.0.1/32", "10.20.0.0/16"]
    monkeypatch.setenv("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS", "")
    assert NotifySettings().webhook_allowed_networks == []
    monkeypatch.setenv("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS", "10.0.0.0/33")
    with pytest.raises(ValidationError, match="10.0.0.0/33"):
        NotifySettings()


def test_make_run_allows_its_loopback_receivers_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    from chuishao_shared.launcher import ServiceSpec, _links

    specs = [ServiceSpec("dispatch", 8002), ServiceSpec("notify", 8004)]
    monkeypatch.delenv("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS", raising=False)
    assert _links(specs)["notify"]["CHUISHAO_WEBHOOK_ALLOWED_NETWORKS"] == "127.0.0.1/32"
    monkeypatch.setenv("CHUISHAO_WEBHOOK_ALLOWED_NETWORKS", "10.20.0.0/16")
    assert "CHUISHAO_WEBHOOK_ALLOWED_NETWORKS" not in _links(specs).get("notify", {})


@given(host=st.text() | st.from_regex(r"[0-9a-fA-FxX.]{1,40}", fullmatch=True))
def test_any_host_gets_an_answer_never_an_exception(host: str) -> None:
    assert host_problem(host) is None or isinstance(host_problem(host), str)
