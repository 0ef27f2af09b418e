"""Migrate, seed and serve the embedded OpenID provider (see the package's docstring)."""

from __future__ import annotations

import argparse
import json
import os
import secrets
from pathlib import Path
from typing import Any


def _secret_key(state: Path) -> str:
    path = state / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def seed(spec: dict[str, Any], state: Path) -> None:
    """The demo people (one password, hashed once) and the confidential clients: one per page-serving service
    for sign-in, one per service for its own account (client credentials, introspection; `scope` and
    `claims`); kept in step with the seed on every start (a changed secret or redirect URI takes effect)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    if not RSAKey.objects.exists():
        call_command("creatersakey")
    hashed = make_password(spec["password"])
    known = {u.username: u for u in User.objects.all()}
    for person in spec["people"]:
        user = known.get(person["subject"]) or User(username=person["subject"])
        user.first_name = person.get("name", "")[:150]
        user.password = hashed
        user.is_active = True
        user.save()
    claims = {p["subject"]: p.get("claims", {}) for p in spec["people"]}
    # A service account's claims under its subject, `service:<client_id>` (hooks.introspection_claims).
    claims.update({f"service:{c['client_id']}": c["claims"] for c in spec["clients"] if c.get("claims")})
    (state / "claims.json").write_text(json.dumps(claims))
    code = ResponseType.objects.get(value="code")
    for entry in spec["clients"]:
        client = Client.objects.filter(client_id=entry["client_id"]).first() or Client(client_id=entry["client_id"])
        client.name = entry.get("name", entry["client_id"])
        client.client_type = "confidential"
        client.client_secret = entry["client_secret"]
        client.jwt_alg = "RS256"
        client.require_consent = False
        client.reuse_consent = True
        client.redirect_uris = entry.get("redirect_uris", [])
        client.post_logout_redirect_uris = entry.get("post_logout_redirect_uris", [])
        # A non-empty scope lets a client use the client-credentials grant; `token_introspection` lets it
        # introspect tokens. A client with no redirect URI signs nobody in (a service account).
        client.scope = entry.get("scope", [])
        client.save()
        client.response_types.set([code] if client.redirect_uris else [])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m chuishao_shared.idp")
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--issuer", help="the issuer URL (default: http://HOST:PORT)")
    parser.add_argument("--seed", help="a JSON file: password, people [{subject, name, claims}], clients")
    args = parser.parse_args()
    state = Path(args.state_dir).resolve()
    state.mkdir(parents=True, exist_ok=True)
    os.environ["CHUISHAO_IDP_STATE_DIR"] = str(state)
    os.environ["CHUISHAO_IDP_ISSUER"] = args.issuer or f"http://{args.host}:{args.port}"
    os.environ["CHUISHAO_IDP_SECRET_KEY"] = _secret_key(state)
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuishao_shared.idp.settings"

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if args.seed:
        seed(json.loads(Path(args.seed).read_text()), state)

    import uvicorn
    from django.core.asgi import get_asgi_application

    uvicorn.run(get_asgi_application(), host=args.host, port=args.port, log_level="warning", lifespan="off")


if __name__ == "__main__":
    main()
