#!/usr/bin/env bash
# The server benchmark: okr serve on loopback against a synthetic organisation at
# each scale, loaded by wrk (2 threads, 64 connections), every figure beside a
# baseline measured in the same run:
#   read rates        as a share of the server's own /healthz rate,
#   the check-in rate as a share of a bare durable SQLite insert on the same disk.
# Prints a Markdown table per scale (requests per second, p50, p99, ratio), the
# server's peak memory and its start-up time.
#
#   bench/server.sh [OKR] [SCALES] [SECONDS]
#   bench/server.sh build/dev/okr "small medium large" 10
set -euo pipefail
OKR=${1:-build/dev/okr}
SCALES=${2:-small medium large}
SECONDS_EACH=${3:-10}
BASELINE=${BASELINE:-$(dirname "$OKR")/bench/sqlite_insert_baseline}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/okr-bench.XXXXXX")
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "bench: wrk is missing; run scripts/install-deps" >&2; exit 2; }

month=$(date -u +%-m)
CYCLE="$(date -u +%Y)-Q$(( (month - 1) / 3 + 1 ))"

. "$(dirname "$0")/lib.sh"

for scale in $SCALES; do
  db="$WORK/$scale.db"
  echo "== $scale: building the organisation" >&2
  start=$(date +%s.%N)
  "$OKR" --db "$db" demo --scale "$scale" --seed 1 >&2
  built=$(echo "$(date +%s.%N) - $start" | bc)
  token=$("$OKR" --db "$db" token create --user maya@lumen.example --name bench | awk 'END { print $NF }')
  teams=$(sqlite3 "$db" "SELECT count(*) FROM teams")
  leaf=$((teams - 1))
  team="team-$leaf"
  objective="oc-$teams"
  # A numeric key result of that team, so any value is a valid check-in.
  read -r kr kr_value < <(sqlite3 -separator ' ' "$db" "SELECT kr.key, kr.start_value FROM key_results kr
    JOIN objectives o ON o.id = kr.objective_id JOIN teams t ON t.id = o.team_id
    WHERE t.key = '$team' AND o.key LIKE 'oc-%' AND kr.metric IN ('number', 'percent', 'currency')
    ORDER BY kr.id LIMIT 1")
  port=$((20000 + RANDOM % 20000))
  base="http://127.0.0.1:$port"
  start=$(date +%s.%N)
  # wrk is one client address: the per-client connection cap would refuse it.
  "$OKR" --db "$db" serve --listen "127.0.0.1:$port" --max-connections-per-client 0 >"$WORK/serve.log" 2>"$WORK/serve.err" &
  SERVER=$!
  until curl -sf "$base/healthz" >/dev/null 2>&1; do sleep 0.005; done
  startup=$(echo "($(date +%s.%N) - $start) * 1000" | bc)
  auth=(-H "Authorization: Bearer $token")

  write_checkin_scripts "$kr" "$kr_value" "$token"

  read -r h_rps h_p50 h_p99 h_bad < <(measure "$base/healthz")
  echo "| $scale | what | requests/s | p50 ms | p99 ms | non-2xx | ratio |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| | \`GET /healthz\` (the HTTP layer's own rate) | $h_rps | $h_p50 | $h_p99 | $h_bad | 1.00 |"
  row() {  # row LABEL URL [wrk args]
    local label=$1 url=$2; shift 2
    read -r rps p50 p99 bad < <(measure "$url" "$@")
    printf '| | %s | %s | %s | %s | %s | %.2f |\n' "$label" "$rps" "$p50" "$p99" "$bad" "$(echo "$rps / $h_rps" | bc -l)"
  }
  row "one objective" "$base/api/v1/objectives/$objective" "${auth[@]}"
  row "a team's page data (objectives, key results, scores, pace)" "$base/api/v1/cycles/$CYCLE/teams/$team" "${auth[@]}"
  row "a team's summary" "$base/api/v1/cycles/$CYCLE/summary?team=$team" "${auth[@]}"
  row "the company overview" "$base/api/v1/cycles/$CYCLE/overview" "${auth[@]}"
  # The search box as someone types a team's name ("Team 12" is among 10,000 at large).
  row "search as one types (\`/search?q=team 12\`)" "$base/api/v1/search?q=team%2012" "${auth[@]}"
  row "search for a word many titles share (\`/search?q=raise\`)" "$base/api/v1/search?q=raise" "${auth[@]}"
  # What someone typing sees: each prefix of "team 12" and of "raise", one after the
  # other, asked by one person and by eight at once.
  cat >"$WORK/typing.lua" <<'LUA'
local typed = {"t", "te", "tea", "team", "team%201", "team%2012", "r", "ra", "rai", "rais", "raise"}
local i = 0
request = function()
  i = i % #typed + 1
  return wrk.format("GET", "/api/v1/search?q=" .. typed[i])
end
LUA
  row "search as one person types (\`t\`, \`te\` … \`team 12\`, \`r\` … \`raise\`; one connection)" "$base/api/v1/search" "${auth[@]}" -t1 -c1 -s "$WORK/typing.lua"
  row "search as eight people type at once (the same prefixes; 8 connections)" "$base/api/v1/search" "${auth[@]}" -t2 -c8 -s "$WORK/typing.lua"
  # The company summary's first request (the server computes it as it starts; a
  # request before that is done waits for it); the rest share it.
  s_cold=$(curl -s -o /dev/null -w "%{time_total}\n" "${auth[@]}" "$base/api/v1/cycles/$CYCLE/summary")
  row "the company summary (a page of 50 teams)" "$base/api/v1/cycles/$CYCLE/summary" "${auth[@]}"
  bare=$("$BASELINE" "$WORK/baseline.db" "$SECONDS_EACH")
  read -r c_rps c_p50 c_p99 c_bad < <(measure "$base/api/v1/key-results/$kr/check-ins" -s "$WORK/checkin.lua")
  printf '| | check-in POST (durable) | %s | %s | %s | %s | %.2f of %s bare inserts/s |\n' "$c_rps" "$c_p50" "$c_p99" "$c_bad" "$(echo "$c_rps / $bare" | bc -l)" "$bare"
  read -r b_rps b_p50 b_p99 b_bad < <(measure "$base/api/v1/check-ins" -s "$WORK/batch.lua")
  printf '| | batch of 100 check-ins | %s (%s check-ins/s) | %s | %s | %s | %.2f |\n' "$b_rps" "$((b_rps * 100))" "$b_p50" "$b_p99" "$b_bad" "$(echo "$b_rps * 100 / $bare" | bc -l)"
  sleep 3  # the writes wrk left queued drain before the next line
  load_hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
  # Every page of the company summary, 500 teams a page (an export), following next.
  pages=0 total=0 largest=0 after=""
  start=$(date +%s.%N)
  while :; do
    size=$(curl -s -o "$WORK/page.json" -w "%{size_download}" "${auth[@]}" "$base/api/v1/cycles/$CYCLE/summary?limit=500${after:+&after=$after}")
    pages=$((pages + 1)) total=$((total + size))
    [ "$size" -gt "$largest" ] && largest=$size
    after=$(grep -o '"next":"[0-9]*"' "$WORK/page.json" | grep -o '[0-9][0-9]*' || true)
    [ -n "$after" ] || break
  done
  walked=$(echo "($(date +%s.%N) - $start) * 1000" | bc)
  hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
  echo
  echo "$scale: built in $(printf %.1f "$built") s; server start-up $(printf %.0f "$startup") ms; peak server memory $((load_hwm / 1024)) MB under load, $((hwm / 1024)) MB after reading the whole company summary; its first request $(printf %.0f "$(echo "$s_cold * 1000" | bc)") ms; every page of it, 500 teams a page: $pages pages in $(printf %.0f "$walked") ms, $((total / 1024)) KB in all, the largest $((largest / 1024)) KB"
  echo
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  rm -f "$db" "$db-wal" "$db-shm" "$WORK/baseline.db"*
done
