#!/usr/bin/env bash
# A database file that cannot be written (here: made immutable, which binds root too):
# okr serve says so at start, keeps answering reads, and answers writes 503 with a
# problem document; okr checkin says why it failed. Nothing is corrupted, and writes
# work again once the file can be written.
source "$(dirname "$0")/lib.sh" "$@"
pid=
AT_EXIT='kill $pid 2>/dev/null; chattr -i "$OKR_DB" 2>/dev/null'
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name ro 2>/dev/null) || fail "token"
if ! chattr +i "$OKR_DB" 2>/dev/null; then
  echo "SKIP: this file system cannot make a file immutable (chattr +i)"
  exit 0
fi
"$OKR" serve --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/log" &
pid=$!
for _ in $(seq 50); do grep -q "serving" "$WORK/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/out")
[ -n "$url" ] || fail "the server did not start: $(cat "$WORK/out" "$WORK/log")"
grep -q "is read-only" "$WORK/log" || fail "no warning at start: $(cat "$WORK/log")"
auth=(-H "Authorization: Bearer $TOKEN")
status=$(curl -s -o "$WORK/read" -w '%{http_code}' "${auth[@]}" "$url/api/v1/key-results/growth-activation")
[ "$status" = 200 ] || fail "read: $status"
status=$(curl -s -o "$WORK/write" -D "$WORK/headers" -w '%{http_code}' "${auth[@]}" \
  -H 'Content-Type: application/json' -d '{"value": 66}' \
  "$url/api/v1/key-results/growth-activation/check-ins")
[ "$status" = 503 ] || fail "write: $status $(cat "$WORK/write")"
grep -q '"type":"/problems/unavailable"' "$WORK/write" || fail "problem document: $(cat "$WORK/write")"
grep -q "read-only" "$WORK/write" || fail "no reason given: $(cat "$WORK/write")"
grep -qi "^Retry-After:" "$WORK/headers" || fail "no Retry-After"
[ "$(curl -s "$url/healthz")" = '{"status":"ok"}' ] || fail "healthz after a refused write"
"$OKR" checkin growth-activation 66 >/dev/null 2>"$WORK/err" && fail "okr checkin wrote a read-only file"
grep -q "read-only" "$WORK/err" || fail "okr checkin: $(cat "$WORK/err")"
# Writable again: the same server takes the write.
chattr -i "$OKR_DB"
status=$(curl -s -o "$WORK/write" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"value": 67}' "$url/api/v1/key-results/growth-activation/check-ins")
[ "$status" = 201 ] || fail "write once writable: $status $(cat "$WORK/write")"
kill $pid; wait $pid 2>/dev/null
python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0]; sys.exit(0 if r=='ok' else r)" "$OKR_DB" ||
  fail "integrity_check"
finish "read-only checks passed"
