#!/usr/bin/env bash
# The server benchmark on PostgreSQL: the organisations of bench/server.sh (built on
# SQLite with the same seed, then moved with okr migrate-db), served by one `okr serve`
# and then by two on the same database, loaded by wrk (2 threads, 64 connections per
# server). PostgreSQL is a throwaway server from Debian's package with its durable
# defaults (tests/pg/server.sh start DIR durable), on the same machine.
# Prints a Markdown table per scale, and how long the move took.
#
#   bench/postgres.sh [OKR] [SCALES] [SECONDS]
#   bench/postgres.sh build/dev/okr "small medium" 10
set -euo pipefail
OKR=${1:-build/dev/okr}
SCALES=${2:-small medium}
SECONDS_EACH=${3:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/okr-bench-pg.XXXXXX")
# Beside WORK, not in it: the server runs as the postgres account, which cannot enter
# a private temporary folder.
PG="${TMPDIR:-/tmp}/okr-bench-pg-$$"
SERVERS=()
cleanup() {
  for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  "$HERE/../tests/pg/server.sh" stop "$PG" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "bench: wrk is missing; run scripts/install-deps" >&2; exit 2; }
. "$HERE/lib.sh"
psql() { command psql -h "$PG" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

month=$(date -u +%-m)
CYCLE="$(date -u +%Y)-Q$(( (month - 1) / 3 + 1 ))"
echo "== starting PostgreSQL" >&2
"$HERE/../tests/pg/server.sh" start "$PG" durable

for scale in $SCALES; do
  db="$WORK/$scale.db"
  url="postgresql://postgres@/okr_$scale?host=$PG"
  echo "== $scale: building the organisation (SQLite), then moving it" >&2
  "$OKR" --db "$db" demo --scale "$scale" --seed 1 >&2
  psql -d postgres -c "CREATE DATABASE okr_$scale"
  start=$(date +%s.%N)
  "$OKR" migrate-db --from "$db" --to "$url" >&2
  moved=$(echo "$(date +%s.%N) - $start" | bc)
  rm -f "$db" "$db-wal" "$db-shm"
  token=$("$OKR" --db "$url" token create --user maya@lumen.example --name bench | awk 'END { print $NF }')
  teams=$(psql -d "okr_$scale" -tAc "SELECT count(*) FROM teams")
  team="team-$((teams - 1))"
  objective="oc-$teams"
  read -r kr kr_value < <(psql -d "okr_$scale" -tA -F ' ' -c "SELECT kr.key, kr.start_value FROM key_results kr
    JOIN objectives o ON o.id = kr.objective_id JOIN teams t ON t.id = o.team_id
    WHERE t.key = '$team' AND o.key LIKE 'oc-%' AND kr.metric IN ('number', 'percent', 'currency')
    ORDER BY kr.id LIMIT 1")
  write_checkin_scripts "$kr" "$kr_value" "$token"
  auth=(-H "Authorization: Bearer $token")

  start_server "$OKR" "$url" "$WORK/a"
  SERVERS+=("$SERVER_PID")
  a=$SERVER_URL
  read -r h_rps h_p50 h_p99 h_bad < <(measure "$a/healthz")
  echo "| $scale on PostgreSQL | what | requests/s | p50 ms | p99 ms | non-2xx | ratio to /healthz |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| | \`GET /healthz\` (the HTTP layer's own rate) | $h_rps | $h_p50 | $h_p99 | $h_bad | 1.00 |"
  row() {  # row LABEL URL [wrk args]
    local label=$1 target=$2; shift 2
    read -r rps p50 p99 bad < <(measure "$target" "$@")
    printf '| | %s | %s | %s | %s | %s | %.2f |\n' "$label" "$rps" "$p50" "$p99" "$bad" "$(echo "$rps / $h_rps" | bc -l)"
  }
  row "one objective" "$a/api/v1/objectives/$objective" "${auth[@]}"
  row "a team's page data" "$a/api/v1/cycles/$CYCLE/teams/$team" "${auth[@]}"
  row "a team's summary" "$a/api/v1/cycles/$CYCLE/summary?team=$team" "${auth[@]}"
  row "the company overview" "$a/api/v1/cycles/$CYCLE/overview" "${auth[@]}"
  row "check-in POST (durable)" "$a/api/v1/key-results/$kr/check-ins" -s "$WORK/checkin.lua"
  sleep 3  # queued check-ins drain before the next line
  # Two servers on the one database, each loaded by its own wrk at the same time.
  start_server "$OKR" "$url" "$WORK/b"
  SERVERS+=("$SERVER_PID")
  b=$SERVER_URL
  both() {  # both LABEL PATH [wrk args]
    local label=$1 path=$2; shift 2
    wrk -t2 -c64 -d"${SECONDS_EACH}s" --timeout 10s --latency "$@" "$a$path" >"$WORK/wrk-a.txt" 2>&1 &
    local first=$!
    wrk -t2 -c64 -d"${SECONDS_EACH}s" --timeout 10s --latency "$@" "$b$path" >"$WORK/wrk-b.txt" 2>&1 || true
    wait "$first" || true
    read -r ra pa50 pa99 bada < <(wrk_figures "$WORK/wrk-a.txt")
    read -r rb pb50 pb99 badb < <(wrk_figures "$WORK/wrk-b.txt")
    printf '| | two servers: %s | %s (%s + %s) | %s / %s | %s / %s | %s | |\n' "$label" "$((ra + rb))" "$ra" "$rb" "$pa50" "$pb50" "$pa99" "$pb99" "$((bada + badb))"
  }
  both "a team's page data" "/api/v1/cycles/$CYCLE/teams/$team" "${auth[@]}"
  both "check-in POST (durable)" "/api/v1/key-results/$kr/check-ins" -s "$WORK/checkin.lua"
  # Batches last: the writes they leave queued would slow the lines after them.
  read -r b_rps b_p50 b_p99 b_bad < <(measure "$a/api/v1/check-ins" -s "$WORK/batch.lua")
  printf '| | batch of 100 check-ins | %s (%s check-ins/s) | %s | %s | %s | |\n' "$b_rps" "$((b_rps * 100))" "$b_p50" "$b_p99" "$b_bad"
  sleep 3  # the writes wrk left queued drain before the next line

  echo
  echo "$scale: moved from SQLite with okr migrate-db in $(printf %.1f "$moved") s"
  echo
  for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  SERVERS=()
  psql -d postgres -c "DROP DATABASE okr_$scale WITH (FORCE)"
done
