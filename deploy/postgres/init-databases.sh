#!/usr/bin/env bash
# One database and one login role per service: a service owns its schema and cannot read another
# service's tables (PRODUCT.md §4: no service reads another's database).
#
# Run once by the postgres image's entrypoint, on an empty data volume only
# (/docker-entrypoint-initdb.d). Passwords come from the environment (.env via docker-compose.yml);
# each service runs its own Alembic migrations as the owner of its database.
set -euo pipefail

create_service_database() {
  local service="$1" password="$2"
  if [[ -z "$password" ]]; then
    echo "init-databases: no password for the ${service} role (set ${service^^}_DB_PASSWORD in .env)" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" -v db="chuishao_${service}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create_service_database intake "${INTAKE_DB_PASSWORD:-}"
create_service_database dispatch "${DISPATCH_DB_PASSWORD:-}"
create_service_database tracking "${TRACKING_DB_PASSWORD:-}"
create_service_database notify "${NOTIFY_DB_PASSWORD:-}"
