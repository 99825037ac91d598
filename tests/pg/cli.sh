#!/usr/bin/env bash
# The okr command on PostgreSQL, as an operator types it:
#   - a database okr never set up is refused by everyday commands, set up by `okr demo`;
#   - `okr migrate-db` SQLite -> PostgreSQL -> SQLite gives the same `okr export` and
#     the same scores, verifies itself, and refuses a target that holds data;
#   - `okr backup` of a PostgreSQL database restores into SQLite and into PostgreSQL;
#   - an unreachable server is a clear error, and a password never shows in it.
# Needs $OKR_TEST_PG: the socket folder of a running server (tests/pg/server.sh).
set -uo pipefail
OKR=$1
: "${OKR_TEST_PG:?set OKR_TEST_PG to the socket folder of a PostgreSQL server}"
WORK=$(mktemp -d)
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
psql() { command psql -h "$OKR_TEST_PG" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
dbs=()
newdb() {  # a fresh database; prints its URL
  local name="okr_cli_$$_$1"
  psql -d postgres -c "CREATE DATABASE $name" >/dev/null
  dbs+=("$name")
  echo "postgresql://postgres@/$name?host=$OKR_TEST_PG"
}
cleanup() {
  for d in "${dbs[@]}"; do psql -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT
check() {  # check NAME EXPECTED_STATUS COMMAND...: the status, and the output kept in $out
  local name=$1 want=$2
  shift 2
  out=$("$@" 2>&1)
  local got=$?
  [ "$got" = "$want" ] || fail "$name: exit $got, wanted $want: $out"
}
contains() { [[ "$out" == *"$2"* ]] || fail "$1: output lacks '$2': $out"; }
scores() { "$OKR" --db "$1" status --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
def walk(v, path=""):
    if isinstance(v, dict):
        for k in sorted(v):
            if k == "score" and not isinstance(v[k], (dict, list)): print(path, v[k])
            else: walk(v[k], path + "/" + str(v.get("key", k)))
    elif isinstance(v, list):
        for x in v: walk(x, path)
walk(d)'; }

A=$(newdb a)
check "status on a database okr never set up" 1 "$OKR" --db "$A" status
contains "status on a database okr never set up" "holds no okr data yet"
# The server trusts local connections, so a password in the URL is ignored by it; okr
# must still never show it.
A_SECRET=${A/postgres@/postgres:s3cret@}
check "init on PostgreSQL" 0 "$OKR" --db "$A_SECRET" init --create
contains "init on PostgreSQL" "postgres:***@"
[[ "$out" != *s3cret* ]] || fail "init shows the password: $out"
check "demo on PostgreSQL" 0 "$OKR" --db "$A_SECRET" demo
[[ "$out" != *s3cret* ]] || fail "demo shows the password: $out"
check "status on PostgreSQL" 0 "$OKR" --db "$A" status
contains "status on PostgreSQL" "growth"

# migrate-db: SQLite -> PostgreSQL -> SQLite.
"$OKR" --db "$WORK/source.db" demo >/dev/null 2>&1 || fail "demo into SQLite"
"$OKR" --db "$WORK/source.db" checkin growth-activation 61.25 --note "before the move" >/dev/null ||
  fail "checkin"
B=$(newdb b)
check "migrate-db into PostgreSQL" 0 "$OKR" migrate-db --from "$WORK/source.db" --to "$B"
contains "migrate-db into PostgreSQL" "verified"
[[ "$out" != *"is in use"* ]] || fail "migrate-db warned of a source nobody serves: $out"
contains "migrate-db into PostgreSQL" "scores in 2 cycles are the same on both"
check "migrate-db into a target that holds data" 1 "$OKR" migrate-db --from "$WORK/source.db" --to "$B"
contains "migrate-db into a target that holds data" "--force"
check "migrate-db back into SQLite" 0 "$OKR" migrate-db --from "$B" --to "$WORK/back.db"
# A source that a server is using: the copy is made, with a warning that names it.
for source in "$WORK/source.db" "$B"; do
  "$OKR" --db "$source" serve --listen 127.0.0.1:0 >"$WORK/serving.out" 2>&1 &
  serving=$!
  for _ in $(seq 100); do grep -q "serving" "$WORK/serving.out" && break; sleep 0.05; done
  check "migrate-db from a served database" 0 "$OKR" migrate-db --from "$source" --to "$WORK/served-copy.db" --force
  contains "migrate-db from a served database" "is in use (is okr serve running on it?)"
  contains "migrate-db from a served database" "verified"
  kill "$serving"
  wait "$serving" 2>/dev/null
done
for c in $("$OKR" --db "$WORK/source.db" cycle list --format json |
  python3 -c "import json,sys; print(' '.join(c['name'] for c in json.load(sys.stdin)))"); do
  "$OKR" --db "$WORK/source.db" export --cycle "$c" >"$WORK/source-$c.yaml"
  "$OKR" --db "$B" export --cycle "$c" >"$WORK/pg-$c.yaml"
  "$OKR" --db "$WORK/back.db" export --cycle "$c" >"$WORK/back-$c.yaml"
  [ -s "$WORK/source-$c.yaml" ] || fail "export of $c is empty"
  cmp -s "$WORK/source-$c.yaml" "$WORK/pg-$c.yaml" || fail "export of $c differs on PostgreSQL"
  cmp -s "$WORK/source-$c.yaml" "$WORK/back-$c.yaml" || fail "export of $c differs after the round trip"
done
[ "$(scores "$WORK/source.db")" = "$(scores "$B")" ] || fail "scores differ on PostgreSQL"
[ "$(scores "$WORK/source.db")" = "$(scores "$WORK/back.db")" ] || fail "scores differ after the round trip"
[ -n "$(scores "$B")" ] || fail "no scores to compare"
# Accounts moved too: the demo administrator signs in with an API token made before.
check "a check-in on the moved database" 0 "$OKR" --db "$B" checkin growth-activation 62 --note after

# backup of PostgreSQL, restored into SQLite and into PostgreSQL.
check "backup of PostgreSQL" 0 "$OKR" --db "$B" backup "$WORK/pg-backup.db"
check "restore into SQLite" 0 "$OKR" --db "$WORK/restored.db" restore "$WORK/pg-backup.db"
C=$(newdb c)
check "restore into PostgreSQL" 0 "$OKR" --db "$C" restore "$WORK/pg-backup.db"
check "restore over PostgreSQL data" 1 "$OKR" --db "$C" restore "$WORK/pg-backup.db"
contains "restore over PostgreSQL data" "--force"
check "restore over PostgreSQL data, forced" 0 "$OKR" --db "$C" restore "$WORK/pg-backup.db" --force
[ "$(scores "$B")" = "$(scores "$C")" ] || fail "scores differ after backup and restore on PostgreSQL"
# A restore while a server is connected would leave it writing with ids the backup
# reuses: refused, nothing changed, and it works once the server is stopped.
"$OKR" --db "$C" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "serving" "$WORK/serve.out" 2>/dev/null && break; sleep 0.05; done
before=$(scores "$C")
check "restore while a server is connected" 1 "$OKR" --db "$C" restore "$WORK/pg-backup.db" --force
contains "restore while a server is connected" "is in use by"
contains "restore while a server is connected" "stop every server on it"
[ "$(scores "$C")" = "$before" ] || fail "a refused restore changed the database"
kill "$server"; wait "$server" 2>/dev/null
check "restore once the server stopped" 0 "$OKR" --db "$C" restore "$WORK/pg-backup.db" --force
[ "$(scores "$B")" = "$(scores "$WORK/restored.db")" ] || fail "scores differ after restoring into SQLite"

# An unreachable server: a clear error, no password shown.
check "unreachable server" 1 "$OKR" --db "postgresql://okr:s3cret@/nowhere?host=$WORK/no-such-socket" status
contains "unreachable server" "cannot be reached"
[[ "$out" != *s3cret* ]] || fail "the password shows in: $out"

# A wrong password, none at all, a database that does not exist: each says what it is.
psql -d postgres -c "DROP ROLE IF EXISTS okr_password" -c "CREATE ROLE okr_password LOGIN PASSWORD 'right-one'" >/dev/null
check "wrong password" 1 "$OKR" --db "postgresql://okr_password:wrong-one@/postgres?host=$OKR_TEST_PG" status
contains "wrong password" "refused the password"
[[ "$out" != *wrong-one* ]] || fail "the password shows in: $out"
check "no password" 1 env PGPASSFILE="$WORK/none" "$OKR" --db "postgresql://okr_password@/postgres?host=$OKR_TEST_PG" status
contains "no password" "none was given: put it in the ~/.pgpass"
printf '*:*:*:okr_password:right-one\n' >"$WORK/pgpass"
chmod 600 "$WORK/pgpass"
check "password from a pgpass file" 1 env PGPASSFILE="$WORK/pgpass" "$OKR" --db "postgresql://okr_password@/postgres?host=$OKR_TEST_PG" status
contains "password from a pgpass file" "holds no okr data yet"
check "no such database" 1 "$OKR" --db "postgresql://postgres@/okr_no_such_database?host=$OKR_TEST_PG" status
contains "no such database" "does not exist on the PostgreSQL server"
[[ "$out" != *$'\n\n'* ]] || fail "a blank line in: $out"
psql -d postgres -c "DROP ROLE okr_password" >/dev/null

[ "$fails" -eq 0 ] && echo "PostgreSQL command-line checks passed"
exit "$fails"
