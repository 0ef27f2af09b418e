"""The embedded OpenID provider of `make run` (PRODUCT.md §9): django-oidc-provider, a kept OpenID Connect
provider from the package registry, in a tiny Django project. Its state (sqlite: people, clients, codes,
tokens, the RS256 signing key made at first start) lives in the run directory.

`python -m chuishao_shared.idp --state-dir DIR --port PORT --seed SEED.json` migrates, seeds the demo
people (the subjects of `chuishao_shared.demo`'s demo tokens, one password) and one confidential client per
service, then serves the provider with uvicorn: discovery at `/.well-known/openid-configuration`, a
password sign-in page at `/login/`. `chuishao_shared.devstack.EmbeddedIdentityProvider` starts and stops
it beside the embedded PostgreSQL and broker. A city's own provider (Keycloak, Dex, Entra ID, a government
IdP) replaces it by configuration (README: "Sign-in with your own identity provider")."""
