"""The real embedded OpenID provider (django-oidc-provider, chuishao_shared.idp) for sign-in tests: started
once per test module with its own state directory, people and clients, and a password sign-in driven over
HTTP the way a browser does it (the login form with Django's CSRF token)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from chuishao_shared.devstack import EmbeddedIdentityProvider, free_port

PASSWORD = "correct horse battery staple"
LANDING = {"intake": "/app/", "dispatch": "/console/"}
PEOPLE = [
    {"subject": "oidc-worker", "name": "网格员 王", "claims": {"role": "grid_worker", "grids": ["XY-WQ-WY-G01"]}},
    {"subject": "oidc-liaison", "name": "联络员 李", "claims": {"role": "liaison", "department": "XY-WQ-WY-WY"}},
    {"subject": "oidc-admin", "name": "管理员", "claims": {"role": "admin"}},
    {"subject": "oidc-nobody", "name": "无角色", "claims": {}},
]


@dataclass
class Provider:
    idp: EmbeddedIdentityProvider
    ports: dict[str, int]  # the services' ports its clients redirect to
    secrets: dict[str, str]

    @property
    def issuer(self) -> str:
        return self.idp.issuer

    def settings_for(self, service: str) -> dict[str, object]:
        return {
            "oidc_issuer": self.issuer,
            "oidc_client_id": f"chuishao-{service}",
            "oidc_client_secret": self.secrets[service],
            "oidc_redirect_base": f"http://127.0.0.1:{self.ports[service]}",
        }

    def expire_codes(self) -> int:
        """Every code issued so far lapses (as if its ten minutes had passed)."""
        with sqlite3.connect(self.idp.state_dir / "idp.sqlite3") as db:
            return db.execute("UPDATE oidc_provider_code SET expires_at = '2000-01-01 00:00:00'").rowcount


def start_provider(state_dir: Path, services: tuple[str, ...] = ("intake", "dispatch")) -> Provider:
    ports = {name: free_port() for name in services}
    secrets = {name: f"test-secret-{name}-0123456789" for name in services}
    clients = [
        {
            "client_id": f"chuishao-{name}",
            "client_secret": secrets[name],
            "redirect_uris": [f"http://127.0.0.1:{ports[name]}/auth/callback"],
            "post_logout_redirect_uris": [f"http://127.0.0.1:{ports[name]}{LANDING.get(name, '/')}"],
        }
        for name in services
    ]
    seed: dict[str, object] = {"password": PASSWORD, "people": PEOPLE, "clients": clients}
    idp = EmbeddedIdentityProvider(state_dir, free_port(), seed).start()
    return Provider(idp, ports, secrets)


def _form_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "no CSRF token on the provider's sign-in page"
    return found.group(1)


async def to_provider(client: httpx.AsyncClient, login_url: str) -> httpx.Response:
    """GET the service's /auth/login and follow to the provider's sign-in page."""
    answer = await client.get(login_url)
    assert answer.status_code in (302, 303, 307), answer.text
    while answer.status_code in (301, 302, 303, 307) and "/auth/callback" not in answer.headers["location"]:
        answer = await client.get(urljoin(str(answer.url), answer.headers["location"]))
    return answer


async def password_sign_in(client: httpx.AsyncClient, login_url: str, username: str, password: str = PASSWORD) -> str:
    """Signs in at the provider's page; returns the callback URL (with code and state) the provider sends
    the browser to, without following it."""
    page = await to_provider(client, login_url)
    if page.status_code in (302, 303):  # already signed in at the provider: straight back with a code
        return urljoin(str(page.url), page.headers["location"])
    assert page.status_code == 200 and "id_password" in page.text, page.text[:300]
    next_value = unescape(re.search(r'name="next" value="([^"]*)"', page.text).group(1))  # type: ignore[union-attr]
    answer = await client.post(
        str(page.url).split("?")[0],
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": _form_token(page.text),
            "next": next_value,
        },
    )
    if answer.status_code == 200:
        raise PermissionError(answer.text)
    while answer.status_code in (301, 302, 303) and "/auth/callback" not in answer.headers["location"]:
        answer = await client.get(urljoin(str(answer.url), answer.headers["location"]))
    assert "/auth/callback" in answer.headers.get("location", ""), answer.text[:300]
    return urljoin(str(answer.url), answer.headers["location"])


def code_of(callback_url: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(callback_url).query)
    return query["code"][0], query["state"][0]
