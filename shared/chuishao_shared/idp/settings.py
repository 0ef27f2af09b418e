"""Django settings of the embedded OpenID provider, from the environment its launcher sets."""

from __future__ import annotations

import os
from pathlib import Path

STATE_DIR = Path(os.environ.get("CHUISHAO_IDP_STATE_DIR", ".run/idp"))
SITE_URL = os.environ.get("CHUISHAO_IDP_ISSUER", "http://127.0.0.1:8009").rstrip("/")
SECRET_KEY = os.environ.get("CHUISHAO_IDP_SECRET_KEY", "")  # made and kept in the state dir by __main__
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h for h in os.environ.get("CHUISHAO_IDP_HOSTS", "").split(",") if h
]
ROOT_URLCONF = "chuishao_shared.idp.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]
# Several services fetch tokens at once while the launcher (or an operator) reads the file: WAL lets a
# reader and the writer go on together, a write transaction takes its lock at BEGIN (a deferred one that
# met another writer failed at once, as "database is locked", a 500 at /token), and a busy wait lasts 20 s.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": STATE_DIR / "idp.sqlite3",
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
LANGUAGE_CODE = "zh-hans"
LOGIN_URL = "/login/"
SESSION_COOKIE_NAME = "chuishao_idp_session"
CSRF_COOKIE_NAME = "chuishao_idp_csrf"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SITE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 8 * 3600

# django-oidc-provider: the subject is the person's user name (the directory's subject), the ID token
# carries the person's role and scope claims (for subjects the directory does not know), codes live
# 10 minutes and are used once, ID tokens 8 hours (the services' sessions end with them).
OIDC_IDTOKEN_SUB_GENERATOR = "chuishao_shared.idp.hooks.subject"
OIDC_IDTOKEN_PROCESSING_HOOK = "chuishao_shared.idp.hooks.role_claims"
OIDC_USERINFO = "chuishao_shared.idp.hooks.userinfo"
OIDC_IDTOKEN_EXPIRE = int(os.environ.get("CHUISHAO_IDP_IDTOKEN_SECONDS", str(8 * 3600)))
OIDC_CODE_EXPIRE = int(os.environ.get("CHUISHAO_IDP_CODE_SECONDS", "600"))
OIDC_SKIP_CONSENT_EXPIRE = 90
# Access tokens (opaque; the services' client-credentials tokens among them) live an hour. The services
# check them by introspection (RFC 7662) as their own clients (scope `token_introspection`): any token,
# not only those whose audience names the introspecting client (client-credentials tokens have no ID
# token, hence no audience), answered with its scope, expiry and the role claims of its subject.
OIDC_TOKEN_EXPIRE = int(os.environ.get("CHUISHAO_IDP_TOKEN_SECONDS", "3600"))
OIDC_INTROSPECTION_VALIDATE_AUDIENCE_SCOPE = False
OIDC_INTROSPECTION_RESPONSE_SCOPE_ENABLE = True
OIDC_INTROSPECTION_PROCESSING_HOOK = "chuishao_shared.idp.hooks.introspection_claims"

# Never a secret in a log line: django-oidc-provider logs a refused client secret at DEBUG.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"oidc_provider": {"level": "INFO"}, "django.request": {"level": "WARNING"}},
}
