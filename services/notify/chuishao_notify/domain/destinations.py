"""Where notify may send: receivers are out on the internet, never the deployment's own services.

Addresses that are not public (loopback, private, link-local, unspecified, multicast, reserved,
shared, documentation; IPv6 forms that carry an IPv4 address inside — mapped, NAT64, 6to4, Teredo,
the old "compatible" form — are judged by that IPv4 address) are refused unless one of the
`allowed` networks (`CHUISHAO_WEBHOOK_ALLOWED_NETWORKS`) holds them. Checked twice: on the URL's host
when a subscription is made (an address however it is spelled: `2130706433`, `0x7f.1`, `0177.0.0.1`,
`127.1`, `[::ffff:127.0.0.1]`, full-width digits; and the `localhost` names), and on every address a
name resolves to when notify connects (adapters/guarded_network.py), so a name cannot lead inside."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable, Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "CHUISHAO_WEBHOOK_ALLOWED_NETWORKS"
LOOPBACK_NAMES = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_COMPATIBLE = ipaddress.ip_network("::/96")
_HEX = re.compile(r"0[xX][0-9a-fA-F]*")


def parse_networks(values: str | Iterable[str]) -> tuple[Network, ...]:
    """CIDRs (or single addresses) from a comma-separated string or a list; ValueError names a bad one."""
    items = values.split(",") if isinstance(values, str) else values
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip())


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64 or (address in _COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client's address
    return None


def _kind(address: Address) -> str | None:
    """Why `address` is not a public one ("loopback", "private", …), or None when it is."""
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "site-local"
    if not address.is_global:
        return "non-public"
    return None


def address_problem(address: Address, allowed: Sequence[Network] = ()) -> str | None:
    """Why notify must not connect to `address`, or None when it may."""
    inner = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
    candidates = [a for a in (address, inner) if a is not None]
    if any(a.version == n.version and a in n for a in candidates for n in allowed):
        return None
    for candidate in reversed(candidates):  # the IPv4 address inside decides first
        kind = _kind(candidate)
        if kind:
            return f"is not a public address ({kind}); an operator can allow it in {SETTING}"
    return None


def _number(part: str) -> int:
    """One part of an IPv4 host as the WHATWG URL standard (and the C library) reads it."""
    if not part.isascii():
        raise ValueError(part)
    if _HEX.fullmatch(part):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part[1:], 8)
    if not part.isdigit():
        raise ValueError(part)
    return int(part)


def legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host "ending in a number" names (`2130706433`, `0x7f.1`, `0177.0.0.1`,
    `127.1`), None for a name; ValueError when it ends in a number but is no address."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    last = parts[-1]
    if not (last.isascii() and (last.isdigit() or _HEX.fullmatch(last))):
        return None
    if len(parts) > 4:
        raise ValueError(host)
    numbers = [_number(p) for p in parts]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError(host)
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return ipaddress.IPv4Address(value)


def normal_host(host: str) -> str:
    """The host as a resolver sees it: NFKC (full-width digits and dots are digits and dots), ideographic
    full stops as dots, lower case, no trailing dot, no IPv6 zone."""
    name = unicodedata.normalize("NFKC", host).replace("。", ".").replace("｡", ".").lower()
    return name.split("%", 1)[0].rstrip(".") or name


def host_problem(host: str, allowed: Sequence[Network] = ()) -> str | None:
    """Why a receiver URL's host is refused when subscribing, or None. Names other than `localhost`
    are judged when notify connects, on the addresses they resolve to."""
    name = normal_host(host)
    if name == "localhost" or name.endswith(".localhost"):
        if any(address_problem(a, allowed) for a in LOOPBACK_NAMES):
            return f"names this machine (localhost), not a public address (an operator can allow it in {SETTING})"
        return None
    try:
        address: Address | None = ipaddress.ip_address(name)
    except ValueError:
        try:
            address = legacy_ipv4(name)
        except ValueError:
            return "is not a valid host"
    return address_problem(address, allowed) if address is not None else None
