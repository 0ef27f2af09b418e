"""Receiver URLs: what is accepted, and how one is shown without what it may hide."""

from __future__ import annotations

import urllib.parse

MAX_URL_LENGTH = 2000


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a receiver, or None when it can: http or https, a host, no credentials."""
    if len(url) > MAX_URL_LENGTH:
        return f"must be at most {MAX_URL_LENGTH} characters"
    if any(c.isspace() for c in url):
        return "must not contain white space"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as error:
        return f"is not a valid URL ({error})"
    if parts.scheme not in ("http", "https"):
        return "must be an http or https URL"
    if not parts.hostname:
        return "must name a host"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "must not contain credentials (user:password@); use the secret instead"
    if parts.fragment:
        return "must not contain a fragment"
    return None


def redacted(url: str) -> str:
    """The URL with its query values masked: robot URLs carry their access key in the query
    (WeChat Work `key=`, DingTalk `access_token=`), which is as secret as the secret itself."""
    parts = urllib.parse.urlsplit(url)
    if not parts.query:
        return url
    masked = "&".join(
        f"{name}=***" if value else name for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    )
    return urllib.parse.urlunsplit(parts._replace(query=masked))
