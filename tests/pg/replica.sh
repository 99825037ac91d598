#!/usr/bin/env bash
# `okr serve --db-read`: page reads on a streaming standby of the test server.
#   - --db-read is refused with a SQLite --db, an unreachable standby (named without its
#     password) and a server that is no standby;
#   - page reads are answered by the standby (its own count of committed transactions
#     for the database grows, and so does okr's /metrics count of replica reads);
#   - read-your-writes: with replay paused on the standby, a check-in POSTed and read at
#     once is seen, and so is one written by another process (the command line); both
#     reads went to the primary, as the standby does not have them. After replay resumes,
#     reads go back to the standby;
#   - a standby that is stopped fails no request, and is used again once it is back.
# Needs $OKR_TEST_PG: the socket folder of a running server (tests/pg/server.sh).
set -uo pipefail
OKR=$1
SRC=$2
: "${OKR_TEST_PG:?set OKR_TEST_PG to the socket folder of a PostgreSQL server}"
WORK=$(mktemp -d)
STANDBY=/tmp/okr-test-standby-$$
NAME="okr_replica_$$"
psql() { command psql -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
primary() { psql -h "$OKR_TEST_PG" "$@"; }
standby() { psql -h "$STANDBY" "$@"; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export OKR_DB="postgresql://postgres@/$NAME?host=$OKR_TEST_PG"
READ="postgresql://postgres@/$NAME?host=$STANDBY"
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  "$SRC/tests/pg/server.sh" stop "$STANDBY"
  primary -d postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
primary -d postgres -c "CREATE DATABASE $NAME" || { echo "FAIL cannot create the database"; exit 1; }
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name replica 2>/dev/null) || fail "token"

# 0. What --db-read refuses, before any standby exists.
out=$("$OKR" --db "$WORK/file.db" serve --init --listen 127.0.0.1:0 --db-read "$READ" 2>&1)
[ $? -ne 0 ] && grep -q -- "--db-read needs a PostgreSQL --db" <<<"$out" ||
  fail "--db-read with a SQLite --db: $out"
out=$(timeout 20 "$OKR" serve --listen 127.0.0.1:0 \
  --db-read "postgresql://postgres:s3cret@/$NAME?host=$WORK/nowhere" 2>&1)
[ $? = 1 ] && grep -q "read replica 'postgresql://postgres:\*\*\*@/$NAME?host=$WORK/nowhere'" <<<"$out" &&
  grep -q "cannot be reached" <<<"$out" && ! grep -q s3cret <<<"$out" ||
  fail "an unreachable standby: $out"
out=$(OKR_DB_READ=$OKR_DB timeout 20 "$OKR" serve --listen 127.0.0.1:0 2>&1)
[ $? = 1 ] && grep -q "is not a standby" <<<"$out" || fail "\$OKR_DB_READ naming the primary: $out"

"$SRC/tests/pg/server.sh" standby "$STANDBY" "$OKR_TEST_PG" || { fail "standby"; exit 1; }
for _ in $(seq 100); do standby -d "$NAME" -tAc "SELECT 1" >/dev/null 2>&1 && break; sleep 0.1; done

# Any write moves the position the standby must reach before it is read again; the
# reminders' first look, a few seconds after start, writes (its lease), and would send
# reads to the primary for as long as the standby takes to replay it. It waits here.
OKR_MAIL_FIRST_SCHEDULE_MS=3600000 \
  "$OKR" serve --listen 127.0.0.1:0 --db-read "$READ" >"$WORK/serve.out" 2>"$WORK/serve.log" &
pid=$!
for _ in $(seq 200); do grep -q "serving" "$WORK/serve.out" 2>/dev/null && break; sleep 0.05; done
URL=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out")
[ -n "$URL" ] || { fail "okr serve --db-read did not start: $(cat "$WORK/serve.log")"; exit 1; }
grep -q "page reads from the read replica" "$WORK/serve.out" || fail "no word of the replica on start"

get() { curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL$1"; }
replica_reads() {
  curl -s "$URL/metrics" |
    awk '/^okr_db_query_duration_seconds_count\{operation="transaction.replica_read"\}/ {print $2}' |
    grep . || echo 0
}
committed_on_standby() {
  standby -d postgres -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$NAME'"
}
check_ins() {  # the notes of growth-activation's check-ins, as this server answers them
  code=$(get /api/v1/key-results/growth-activation/check-ins)
  [ "$code" = 200 ] || { echo "status $code"; return; }
  python3 -c "import json,sys; print(' '.join(c.get('note') or '' for c in json.load(open(sys.argv[1]))['items']))" "$WORK/body"
}

# okr counts the standby caught up once it has replayed the primary's WAL as far as okr
# saw it after the last write (or at start). The test server commits asynchronously
# (synchronous_commit = off), so WAL written last may wait for the WAL writer; one
# synchronous commit flushes it to the standby, which then has to replay it.
replayed() { standby -d postgres -tAc "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8"; }
caught_up() {
  local target
  target=$(primary -d "$NAME" -tAc "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8")
  primary -d "$NAME" -c "BEGIN; SET LOCAL synchronous_commit = on; SELECT txid_current(); COMMIT" >/dev/null ||
    fail "flush the primary's WAL"
  for _ in $(seq 200); do
    [ "$(replayed)" -ge "$target" ] && return 0
    sleep 0.1
  done
  fail "the standby did not replay the primary's WAL within 20 s"
}

# 1. Page reads are answered by the standby.
caught_up
before=$(committed_on_standby)
reads_before=$(replica_reads)
for page in /api/v1/cycles /api/v1/objectives/growth-first-week /api/v1/key-results/growth-activation/check-ins \
  /api/v1/teams /api/v1/session; do
  for _ in 1 2 3 4; do
    code=$(get "$page")
    [ "$code" = 200 ] || fail "GET $page answered $code with a standby"
  done
done
reads_after=$(replica_reads)
[ "$reads_after" -ge $((reads_before + 20)) ] ||
  fail "20 page reads, $((reads_after - reads_before)) of them on the replica by okr's count"
# The standby's statistics reach pg_stat_database within about ten seconds.
after=$before
for _ in $(seq 150); do
  after=$(committed_on_standby)
  [ "$after" -ge $((before + 20)) ] && break
  sleep 0.1
done
[ "$after" -ge $((before + 20)) ] ||
  fail "20 page reads, the standby committed $((after - before)) transactions in $NAME"

# 2. Read-your-writes while the standby does not replay.
standby -d postgres -c "SELECT pg_wal_replay_pause()" >/dev/null || fail "pause replay"
for _ in $(seq 50); do
  [ "$(standby -d postgres -tAc "SELECT pg_get_wal_replay_pause_state()")" = paused ] && break
  sleep 0.1
done
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" -d '{"value": 51, "note": "while paused"}' \
  "$URL/api/v1/key-results/growth-activation/check-ins")
[ "$code" = 201 ] || fail "check-in POST answered $code"
reads_paused=$(replica_reads)
seen=$(check_ins)
grep -q "while paused" <<<"$seen" || fail "the check-in just POSTed is not read back: $seen"
"$OKR" checkin growth-activation 52 --confidence 0.7 --note "from another process" >/dev/null ||
  fail "okr checkin"
seen=$(check_ins)
grep -q "from another process" <<<"$seen" ||
  fail "a check-in written by another process is not read back: $seen"
on_standby=$(standby -d "$NAME" -tAc "SELECT count(*) FROM check_ins WHERE note IN ('while paused', 'from another process')")
[ "$on_standby" = 0 ] || fail "the paused standby already has the check-ins ($on_standby): the test proves nothing"
[ "$(replica_reads)" = "$reads_paused" ] || fail "reads went to the standby while it lagged"
standby -d postgres -c "SELECT pg_wal_replay_resume()" >/dev/null || fail "resume replay"
caught_up
for _ in $(seq 10); do get /api/v1/cycles >/dev/null; done
[ "$(replica_reads)" -ge $((reads_paused + 10)) ] ||
  fail "after replay resumed, $(($(replica_reads) - reads_paused)) of 10 reads on the standby"
seen=$(check_ins)
grep -q "while paused" <<<"$seen" && grep -q "from another process" <<<"$seen" ||
  fail "after replay resumed, the check-ins are not read: $seen"

# 3. A standby that stops fails no request; once back, it is read again.
as_server_user "$bin/pg_ctl" -D "$STANDBY/data" -m fast -w stop >/dev/null || fail "stop the standby"
for i in $(seq 20); do
  code=$(get /api/v1/objectives/growth-first-week)
  [ "$code" = 200 ] || fail "GET with the standby stopped answered $code ($(head -c 200 "$WORK/body"))"
done
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" -d '{"value": 53, "note": "standby down"}' \
  "$URL/api/v1/key-results/growth-activation/check-ins")
[ "$code" = 201 ] || fail "check-in POST with the standby stopped answered $code"
grep -q "standby down" <<<"$(check_ins)" || fail "the check-in written with the standby stopped is not read back"
as_server_user "$bin/pg_ctl" -D "$STANDBY/data" -l "$STANDBY/server.log" -w -t 60 start >/dev/null ||
  fail "start the standby again"
back=$(replica_reads)
for _ in $(seq 100); do
  get /api/v1/cycles >/dev/null
  [ "$(replica_reads)" -gt "$back" ] && break
  sleep 0.1
done
[ "$(replica_reads)" -gt "$back" ] || fail "the standby, back, is not read again"
kill "$pid"
wait "$pid"
pid=

[ "$fails" -eq 0 ] && echo "read replica: page reads on the standby, read-your-writes while it is paused, no failure while it is down"
exit "$fails"
