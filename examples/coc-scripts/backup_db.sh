#!/bin/bash
# Dumps one PostgreSQL database and uploads the archive.
set -euo pipefail

db_host="${1:?db_host}"
db_name="${2:?db_name}"
export PGPASSWORD="${3:?db_password}"

stamp="$(date +%Y%m%d%H%M%S)"
archive="/var/backups/${db_name}-${stamp}.sql.gz"

pg_dump -h "$db_host" -U backup "$db_name" | gzip -9 > "$archive"
obsutil cp "$archive" "obs://ops-backups/${db_name}/" -f
find /var/backups -name "${db_name}-*.sql.gz" -mtime +7 -delete
echo "backup written: $archive"
