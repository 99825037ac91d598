#!/usr/bin/env bash
# Every command docs/deploy.md shows works as written, with $OKR_DB naming a fresh
# PostgreSQL database on the test server (tests/cli/docs.sh does the running).
set -uo pipefail
OKR=$1
SRC=$2
: "${OKR_TEST_PG:?set OKR_TEST_PG to the socket folder of a PostgreSQL server}"
NAME="okr_docs_$$"
psql() { command psql -h "$OKR_TEST_PG" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
trap 'psql -d postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1' EXIT
psql -d postgres -c "CREATE DATABASE $NAME" || exit 1
DOCS=docs/deploy.md DOCS_DB="postgresql://postgres@/$NAME?host=$OKR_TEST_PG" \
  bash "$SRC/tests/cli/docs.sh" "$OKR" "$SRC"
