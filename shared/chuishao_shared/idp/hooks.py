"""django-oidc-provider hooks: the subject, and the role and scope claims of the demo people and of the
services' accounts (claims.json in the state dir: subject → claims; a service account's subject is
`service:<client_id>`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

CLAIMS = ("role", "grids", "department", "jurisdiction", "community", "unit")


def _people() -> dict[str, dict[str, Any]]:
    path = Path(settings.STATE_DIR) / "claims.json"
    people: dict[str, dict[str, Any]] = json.loads(path.read_text()) if path.exists() else {}
    return people


def subject(user: Any) -> str:
    return str(user.username)


def role_claims(id_token: dict[str, Any], user: Any, **kwargs: Any) -> dict[str, Any]:
    """The person's role and scope claims (the directory's, when it knows the subject, win in the services)
    and their display name."""
    extra = _people().get(user.username, {})
    id_token.update({k: v for k, v in extra.items() if k in CLAIMS and v})
    if user.first_name:
        id_token["name"] = user.first_name
    return id_token


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["name"] = user.first_name or user.username
    claims["preferred_username"] = user.username
    return claims


def introspection_claims(
    answer: dict[str, Any], *, id_token: dict[str, Any] | None = None, **kwargs: Any
) -> dict[str, Any]:
    """An active token's introspection answer gains its subject's role and scope claims: the person's for a
    sign-in's token, the client's for a client-credentials token (which has no ID token, so no `sub`: it is
    `service:<client_id>`)."""
    subject = id_token.get("sub") if id_token else f"service:{answer['client_id']}"
    answer["sub"] = subject
    extra = _people().get(str(subject), {})
    answer.update({k: v for k, v in extra.items() if k in CLAIMS and v})
    return answer
