#!/usr/bin/env bash
# Two `okr serve` processes on one PostgreSQL database deliver each webhook event once:
# check-ins sent through both reach a real receiver exactly once each (the sender's
# lease lets one server send at a time), signed, each with its own idempotency key; when
# the sending server is killed, the other takes the lease over and delivers the rest.
# Needs $OKR_TEST_PG: the socket folder of a running server (tests/pg/server.sh).
set -uo pipefail
OKR=$1
SRC=$2
: "${OKR_TEST_PG:?set OKR_TEST_PG to the socket folder of a PostgreSQL server}"
WORK=$(mktemp -d)
NAME="okr_outbox_$$"
psql() { command psql -h "$OKR_TEST_PG" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
export OKR_DB="postgresql://postgres@/$NAME?host=$OKR_TEST_PG"
export OKR_OUTBOX_POLL_MS=20 OKR_OUTBOX_RETRY_BASE_MS=100 OKR_OUTBOX_LEASE_MS=2000
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  psql -d postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
wait_until() {  # wait_until SECONDS COMMAND...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}
psql -d postgres -c "CREATE DATABASE $NAME" || { echo "FAIL cannot create the database"; exit 1; }
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name two 2>/dev/null) || fail "token"

python3 "$SRC/tests/cli/webhook_receiver.py" 0 "$WORK/port" "$WORK/received" unused &
pids+=($!)
wait_until 10 test -s "$WORK/port" || fail "the receiver did not start"
PORT=$(cat "$WORK/port")
"$OKR" webhook add "http://127.0.0.1:$PORT/hook" --event check_in.created >"$WORK/added" ||
  fail "webhook add"
SECRET=$(grep -o 'whsec_[A-Za-z0-9_-]*' "$WORK/added")
kill "${pids[-1]}"
# Restarted with the secret, so that it checks signatures.
python3 "$SRC/tests/cli/webhook_receiver.py" "$PORT" "$WORK/port" "$WORK/received" "$SECRET" &
pids+=($!)
sleep 0.2

start_server() {  # $1: a name; sets url_$1 and pid_$1
  "$OKR" serve --listen 127.0.0.1:0 >"$WORK/$1.out" 2>>"$WORK/$1.log" &
  pids+=($!)
  eval "pid_$1=$!"
  for _ in $(seq 200); do grep -q "serving" "$WORK/$1.out" 2>/dev/null && break; sleep 0.05; done
  local url
  url=$(grep -o 'http://[0-9.:]*' "$WORK/$1.out")
  [ -n "$url" ] || fail "server $1 did not start: $(tail -3 "$WORK/$1.log")"
  eval "url_$1=$url"
}
start_server a
start_server b

send() {  # send FIRST COUNT: check-ins through both servers, alternating; prints how many got 201
  python3 - "$url_a" "$url_b" "$TOKEN" "$1" "$2" <<'PY'
import sys, urllib.request
a, b, token, first, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ok = 0
for i in range(first, first + count):
    req = urllib.request.Request((a, b)[i % 2] + "/api/v1/key-results/growth-activation/check-ins",
        data=('{"value": %d, "note": "two-%d"}' % (40 + i % 30, i)).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        ok += urllib.request.urlopen(req, timeout=10).status == 201
    except Exception:
        pass
print(ok)
PY
}
received() { [ -s "$WORK/received" ] && [ "$(wc -l <"$WORK/received")" -ge "$1" ]; }

[ "$(send 0 20)" = 20 ] || fail "not every check-in was accepted"
wait_until 30 received 20 || fail "only $(wc -l <"$WORK/received" 2>/dev/null) of 20 events arrived"
sleep 1  # a second sender would deliver duplicates meanwhile
python3 - "$WORK/received" <<'PY' || fail "with both servers up, events were lost, duplicated or unsigned"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ids = [l["delivery"] for l in lines]
assert all(l["valid"] for l in lines), "a bad signature"
assert len(ids) == 20 and len(set(ids)) == 20, f"{len(ids)} deliveries of {len(set(ids))} events"
PY

# The server holding the lease is killed; the other takes over and sends the rest.
[ "$(send 20 10)" = 10 ] || fail "not every later check-in was accepted"
kill -9 "$pid_a"
wait_until 30 received 30 || fail "only $(wc -l <"$WORK/received" 2>/dev/null) of 30 events arrived after a kill"
sleep 1

# A server killed after a receiver answered and before it wrote that down leaves that
# event to be sent again (at least once): the same event id, so the receiver knows it.
python3 - "$WORK/received" <<'PY' || fail "after the kill, events were lost or unsigned"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert all(l["valid"] for l in lines), "a bad signature"
by_id = {}
for l in lines:
    by_id.setdefault(l["delivery"], set()).add(l["body"]["data"]["check_in"]["note"])
assert all(len(notes) == 1 for notes in by_id.values()), "one event id for two events"
notes = sorted(n for ns in by_id.values() for n in ns)
assert notes == sorted(f"two-{i}" for i in range(30)), notes
assert len(lines) <= 31, f"{len(lines)} deliveries of 30 events"
PY

[ "$fails" -eq 0 ] && echo "two servers deliver each event once, and the survivor sends the rest"
exit "$fails"
