#!/usr/bin/env bash
# Webhooks from the command line, and the outbox surviving a kill: a check-in's event is
# written while the receiver is down, okr serve tries, is killed with SIGKILL, the
# receiver comes up, and the restarted server delivers the event, signed, with the same
# idempotency key. `okr notify test` reports the receiver's answer.
source "$(dirname "$0")/lib.sh" "$@"
RECEIVER="$SRC/tests/cli/webhook_receiver.py"
# The killed server holds the sender's lease until it expires: 2 s here, 30 s by default.
export OKR_OUTBOX_POLL_MS=50 OKR_OUTBOX_RETRY_BASE_MS=200 OKR_OUTBOX_RETRY_MAX_MS=400 OKR_OUTBOX_LEASE_MS=2000

wait_until() {  # wait_until SECONDS COMMAND...: polls COMMAND until it succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name outbox 2>/dev/null) || fail "token"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

for sub in add list remove deliveries redeliver; do
  check "webhook $sub --help" 0 "$OKR" webhook "$sub" --help
  contains "webhook $sub --help has an example" out "Example"
done
for sub in add list remove; do
  check "chat $sub --help" 0 "$OKR" chat "$sub" --help
  contains "chat $sub --help has an example" out "Example"
done

# Refused input names the field and adds nothing.
check "an http URL elsewhere is refused" 1 "$OKR" webhook add http://example.com/hook --event comment.created
contains "the refusal names the URL" err "URL"
check "an unknown event is refused" 1 "$OKR" webhook add https://example.com/hook --event nope.nothing
contains "the refusal names the event" err "event type"
check "webhook list" 0 "$OKR" webhook list --format json
contains "nothing was added" out '"webhooks":[]'

check "webhook add" 0 "$OKR" webhook add "http://127.0.0.1:$PORT/hook" --event check_in.created --owner maya@lumen.example
SECRET=$(grep -o 'whsec_[A-Za-z0-9_-]*' "$WORK/out")
[ -n "$SECRET" ] || fail "webhook add printed no secret"
check "webhook list" 0 "$OKR" webhook list
lacks "the list never shows the secret" out "$SECRET"

start_server
checkin() {
  python3 - "$url" "$TOKEN" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/api/v1/key-results/growth-activation/check-ins",
    data=b'{"value": 33, "note": "before the outage"}',
    headers={"Authorization": "Bearer " + sys.argv[2], "Content-Type": "application/json"})
print(urllib.request.urlopen(req, timeout=5).status)
PY
}
[ "$(checkin)" = 201 ] || fail "the check-in was not accepted"

attempted() {
  "$OKR" webhook deliveries 1 --format json >"$WORK/deliveries" 2>/dev/null &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["deliveries"]; sys.exit(0 if d and d[0]["attempts"] >= 1 else 1)' "$WORK/deliveries"
}
wait_until 20 attempted || fail "the server never tried to deliver: $(cat "$WORK/deliveries")"
EVENT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deliveries"][0]["event_id"])' "$WORK/deliveries")
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null

# The receiver comes up only now; the restarted server delivers what was left.
python3 "$RECEIVER" "$PORT" "$WORK/port" "$WORK/received" "$SECRET" &
STOP_AT_EXIT="$STOP_AT_EXIT $!"
wait_until 10 test -s "$WORK/port" || fail "the receiver did not start"
start_server
arrived() { [ -s "$WORK/received" ] && grep -q "$EVENT_ID" "$WORK/received"; }
wait_until 30 arrived || fail "the event did not arrive after the restart: $(cat "$WORK/received" 2>/dev/null)"
python3 - "$WORK/received" "$EVENT_ID" <<'PY' || fail "the delivered event is not as sent"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
mine = [l for l in lines if l["delivery"] == sys.argv[2]]
assert len(mine) == 1, lines
l = mine[0]
assert l["valid"], "bad signature"
assert l["event"] == "check_in.created"
assert l["body"]["id"] == sys.argv[2]
assert l["body"]["data"]["check_in"]["note"] == "before the outage"
PY
delivered() {
  "$OKR" webhook deliveries 1 --format json >"$WORK/deliveries" 2>/dev/null &&
    grep -q '"state":"delivered"' "$WORK/deliveries"
}
wait_until 10 delivered || fail "the delivery log does not say delivered: $(cat "$WORK/deliveries")"
kill "$server_pid"
wait "$server_pid" 2>/dev/null

# okr notify test: one signed ping, and the answer.
export OKR_TEST_SECRET="$SECRET"
check "notify test" 0 "$OKR" notify test --webhook "http://127.0.0.1:$PORT/hook" --secret-env OKR_TEST_SECRET
contains "notify test prints the code" out "answered 200"
wait_until 5 grep -q '"event": "ping", "valid": true' "$WORK/received" || fail "the ping was not signed with the secret: $(tail -1 "$WORK/received")"
check "notify test to nobody" 1 "$OKR" notify test --webhook "http://127.0.0.1:9/hook"
contains "notify test says why" out "no answer"
check "notify test to a remote http URL" 2 "$OKR" notify test --webhook "http://example.com/hook"

check "webhook remove" 0 "$OKR" webhook remove 1
check "webhook remove again" 1 "$OKR" webhook remove 1
finish "webhooks from the command line; an event survives a kill and arrives after the restart"
