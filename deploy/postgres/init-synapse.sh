#!/bin/sh
# Run once by the postgres image when its data volume is new: a role and a database for Synapse
# beside minvard's own (POSTGRES_USER / POSTGRES_DB). Synapse needs the C collation.
set -eu
psql -v ON_ERROR_STOP=1 -v password="$SYNAPSE_DB_PASSWORD" \
    --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE synapse LOGIN PASSWORD :'password';
CREATE DATABASE synapse OWNER synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
