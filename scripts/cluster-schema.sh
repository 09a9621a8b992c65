#!/bin/sh
# Creates Temporal's two databases (persistence, SQL visibility) on PostgreSQL and brings each schema
# up to the server version's. Idempotent: a second run changes nothing. The same steps wherever the
# cluster runs: scripts/cluster.ts runs it with the schema tool built into .tools/; docker-compose.yml's
# temporal-schema service runs it in the temporalio/admin-tools image. POSIX sh (the image has no bash).
# Reads, from cluster.env: DB, DBNAME, VISIBILITY_DBNAME, POSTGRES_USER, POSTGRES_PWD; from the caller:
# POSTGRES_SEEDS (host), DB_PORT, and SQL_TOOL (default temporal-sql-tool, as the image names it).
set -eu
tool="${SQL_TOOL:-temporal-sql-tool}"

sql() {
  "$tool" --plugin "$DB" --endpoint "$POSTGRES_SEEDS" --port "$DB_PORT" --user "$POSTGRES_USER" --password "$POSTGRES_PWD" "$@"
}

# The schemas are built into the tool, at its own version: no schema folder to mount or download.
for pair in "$DBNAME:temporal" "$VISIBILITY_DBNAME:visibility"; do
  database="${pair%%:*}"
  schema="postgresql/v12/${pair#*:}"
  sql --database "$database" create-database
  sql --database "$database" setup-schema -v 0.0
  sql --database "$database" update-schema --schema-name "$schema"
  echo "cluster-schema: $database is at the $schema schema of this server version"
done
