#!/usr/bin/env bash
# One database and two login roles per service (PRODUCT.md §4: no service reads another's database):
#   <service>_owner  owns the database, its schema and every table: the migration job connects as it
#                    (CHUISHAO_MIGRATION_DATABASE_URL) and is the only role that may run DDL;
#   <service>        the runtime role the service connects as (DATABASE_URL). After each migration the
#                    owner grants it what shared/chuishao_shared/db_roles.py lists: reads and writes on
#                    the tables, but only SELECT and INSERT on append-only ones (dispatch's
#                    case_timeline), and no CREATE anywhere.
#
# Run once by the postgres image's entrypoint, on an empty data volume only
# (/docker-entrypoint-initdb.d). Passwords come from the environment (.env via docker-compose.yml).
set -euo pipefail

create_service_database() {
  local service="$1" password="$2" owner_password="$3"
  if [[ -z "$password" || -z "$owner_password" ]]; then
    echo "init-databases: set ${service^^}_DB_PASSWORD and ${service^^}_DB_OWNER_PASSWORD in .env" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" -v owner="${service}_owner" \
       -v owner_password="$owner_password" -v db="chuishao_${service}" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
\connect :"db"
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
}

create_service_database intake "${INTAKE_DB_PASSWORD:-}" "${INTAKE_DB_OWNER_PASSWORD:-}"
create_service_database dispatch "${DISPATCH_DB_PASSWORD:-}" "${DISPATCH_DB_OWNER_PASSWORD:-}"
create_service_database tracking "${TRACKING_DB_PASSWORD:-}" "${TRACKING_DB_OWNER_PASSWORD:-}"
create_service_database notify "${NOTIFY_DB_PASSWORD:-}" "${NOTIFY_DB_OWNER_PASSWORD:-}"
create_service_database community "${COMMUNITY_DB_PASSWORD:-}" "${COMMUNITY_DB_OWNER_PASSWORD:-}"
