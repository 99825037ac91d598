#!/usr/bin/env bash
# okr serve as an operator runs it: it prints its address and the demo sign-in,
# answers over HTTP, counts requests and database time in /metrics, and stops
# cleanly on SIGTERM with acknowledged writes kept.
source "$(dirname "$0")/lib.sh" "$@"
"$OKR" demo >/dev/null 2>&1 || fail "demo"
"$OKR" serve --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/log" &
pid=$!
AT_EXIT='kill $pid 2>/dev/null'
for _ in $(seq 50); do grep -q "serving" "$WORK/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/out")
[ -n "$url" ] || fail "no address printed: $(cat "$WORK/out" "$WORK/log")"
grep -q "demo sign-in: maya@lumen.example / lumen-demo-2026" "$WORK/out" || fail "no demo sign-in printed"

[ "$(curl -s "$url/healthz")" = '{"status":"ok"}' ] || fail "healthz"
# Sign in as the demo administrator and check in through the API.
curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"maya@lumen.example","password":"lumen-demo-2026"}' "$url/api/v1/session" >"$WORK/session"
csrf=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['csrf_token'])" "$WORK/session") || fail "sign-in"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/cookies" -H "X-CSRF-Token: $csrf" \
  -H 'Content-Type: application/json' -d '{"value": 69, "confidence": 0.8}' \
  "$url/api/v1/key-results/growth-activation/check-ins")
[ "$status" = 201 ] || fail "check-in over HTTP: $status"
# Numbers as people and jq expect them (69, 0.67), never in exponent form.
curl -s -b "$WORK/cookies" "$url/api/v1/key-results/growth-activation" >"$WORK/kr"
grep -q '"start":55,' "$WORK/kr" || fail "key result numbers: $(cat "$WORK/kr")"
curl -s -b "$WORK/cookies" "$url/api/v1/cycles/$(date +%Y)-Q$(( ($(date +%-m) + 2) / 3 ))/summary" >"$WORK/summary"
grep -q '"expected_progress":0\.' "$WORK/summary" || grep -q '"expected_progress":[01],' "$WORK/summary" || fail "summary numbers: $(head -c 300 "$WORK/summary")"
if grep -qE '[0-9][eE][+-]?[0-9]' "$WORK/kr" "$WORK/summary"; then fail "a number in exponent form"; fi
metrics=$(curl -s "$url/metrics")
grep -q 'okr_http_requests_total{route="check_ins.create",method="POST",status="201"} 1' <<<"$metrics" || fail "request counter missing"
grep -q 'okr_db_query_duration_seconds_count{operation="transaction.write"}' <<<"$metrics" || fail "database timings missing"
grep -q '"path":"/api/v1/session"' "$WORK/log" || fail "access log line missing"
if grep -q "lumen-demo-2026\|$csrf" "$WORK/log"; then fail "a secret reached the log"; fi

kill -TERM $pid
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill -0 $pid 2>/dev/null && fail "still running after SIGTERM"
wait $pid; rc=$?
[ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
grep -q "stopped; database closed cleanly" "$WORK/out" || fail "no clean stop message"
# The acknowledged check-in is in the database after the server is gone.
"$OKR" status --team growth --format json | grep -q '"current":69,' || fail "check-in lost after shutdown"
finish "serve checks passed"
