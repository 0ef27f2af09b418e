"""The key set is fetched off the event loop, with a time-out, at most once per interval, and unknown
key ids are remembered as misses: a hanging identity provider or a flood of random `kid`s cannot
stall other requests. Against a real (local) HTTP server serving a real RSA key set."""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from chuishao_shared.auth import AuthError, TokenVerifier
from chuishao_shared.settings import Settings


@dataclass
class KeyServer:
    keys: dict[str, Any]
    url: str = ""
    hang: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    requests: int = 0

    def document(self) -> bytes:
        entries = []
        for kid, key in self.keys.items():
            entry = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
            entries.append({**entry, "kid": kid, "alg": "RS256", "use": "sig"})
        return json.dumps({"keys": entries}).encode()


@pytest.fixture
def key_server() -> Iterator[KeyServer]:
    state = KeyServer(keys={"k1": rsa.generate_private_key(public_exponent=65537, key_size=2048)})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            state.requests += 1
            if state.hang.is_set():
                state.release.wait(10)  # the provider hangs: longer than the verifier waits
            body = state.document()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # the verifier hung up on a hanging answer: expected here

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    server.shutdown()
    server.server_close()


def _settings(url: str) -> Settings:
    return Settings(environment="test", jwt_jwks_url=url, jwt_issuer="https://sso.test", jwt_audience="chuishao")


def _token(key: Any, kid: str, sub: str) -> str:
    claims = {
        "sub": sub,
        "role": "liaison",
        "department": "XY-WQ-WY-WY",
        "iss": "https://sso.test",
        "aud": "chuishao",
        "exp": time.time() + 600,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def _verifier(url: str, *, timeout: float = 1.0, refresh: float = 60.0) -> TokenVerifier:
    verifier = TokenVerifier(_settings(url))
    verifier.JWKS_TIMEOUT_SECONDS = timeout
    verifier.JWKS_REFRESH_SECONDS = refresh
    return verifier


async def test_a_hanging_key_set_and_random_kids_do_not_slow_other_requests(key_server: KeyServer) -> None:
    verifier = _verifier(key_server.url, timeout=1.5, refresh=0.2)
    good_key = key_server.keys["k1"]
    assert (await verifier.verify(_token(good_key, "k1", "warm-up"))).sub == "warm-up"
    assert key_server.requests == 1
    await asyncio.sleep(0.25)  # past the refresh interval: an unknown kid may ask the provider again

    key_server.hang.set()
    attacker_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    random_kids = [_token(attacker_key, uuid.uuid4().hex, "attacker") for _ in range(200)]

    async def attack(token: str) -> bool:
        try:
            await verifier.verify(token)
        except AuthError:
            return True
        return False

    flood = [asyncio.create_task(attack(t)) for t in random_kids]
    await asyncio.sleep(0.05)  # the flood is waiting on the hanging provider now
    latencies = []
    for i in range(200):  # distinct subjects: each one is a full signature check, nothing cached
        token = _token(good_key, "k1", f"user-{i}")
        started = time.perf_counter()
        assert (await verifier.verify(token)).sub == f"user-{i}"
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0)
    flood_started = time.perf_counter()
    refused = await asyncio.gather(*flood)
    assert all(refused)
    p99 = statistics.quantiles(latencies, n=100)[98]
    print(
        f"\nslow JWKS: p99 of other verifications {p99 * 1000:.2f} ms while the key set hangs; "
        f"{key_server.requests} fetches for 200 random kids"
    )
    assert p99 < 0.25  # they never waited for the 1.5 s time-out
    assert key_server.requests == 2  # one warm-up, one refresh for the whole flood
    verifier.JWKS_REFRESH_SECONDS = 60.0
    # Within the refresh interval, unknown kids are refused without asking the provider again.
    again = time.perf_counter()
    with pytest.raises(AuthError):
        await verifier.verify(_token(attacker_key, uuid.uuid4().hex, "attacker"))
    assert time.perf_counter() - again < 0.25 and key_server.requests == 2
    assert time.perf_counter() - flood_started < 3


async def test_a_rotated_key_is_picked_up_after_the_refresh_interval(key_server: KeyServer) -> None:
    rotated_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # slow: before the clock starts
    rotated = _token(rotated_key, "k2", "after")
    verifier = _verifier(key_server.url, refresh=1.0)
    await verifier.verify(_token(key_server.keys["k1"], "k1", "before"))
    key_server.keys["k2"] = rotated_key
    # An unknown kid within the interval of the last fetch is a miss (no second fetch yet) ...
    with pytest.raises(AuthError, match="unknown key id"):
        await verifier.verify(rotated)
    with pytest.raises(AuthError, match="unknown key id"):
        await verifier.verify(rotated)
    assert key_server.requests == 1
    # ... and once the interval has passed, one fetch brings the new key.
    await asyncio.sleep(1.1)
    assert (await verifier.verify(rotated)).sub == "after"
    assert key_server.requests == 2


async def test_tokens_without_a_kid_or_with_another_algorithm_are_refused(key_server: KeyServer) -> None:
    verifier = _verifier(key_server.url)
    key = key_server.keys["k1"]
    claims = {
        "sub": "x",
        "role": "liaison",
        "department": "XY-WQ-WY-WY",
        "iss": "https://sso.test",
        "aud": "chuishao",
        "exp": time.time() + 60,
    }
    with pytest.raises(AuthError, match="no key id"):
        await verifier.verify(jwt.encode(claims, key, algorithm="RS256"))
    hs = jwt.encode(claims, "a-shared-secret-that-is-long-enough-0123", algorithm="HS256", headers={"kid": "k1"})
    with pytest.raises(AuthError):
        await verifier.verify(hs)
    assert key_server.requests == 1
