# Shared by the server benchmarks (bench/server.sh, bench/postgres.sh).
# Needs WORK (a scratch folder) and SECONDS_EACH.

# wrk (2 threads, 64 connections, 10 s before a request counts as timed out) →
# "rps p50 p99 non2xx" (latencies in ms).
measure() {  # measure URL [wrk args...]
  local url=$1; shift
  wrk -t2 -c64 -d"${SECONDS_EACH}s" --timeout 10s --latency "$@" "$url" >"$WORK/wrk.txt" 2>&1 || true
  wrk_figures "$WORK/wrk.txt"
}

wrk_figures() {  # wrk_figures FILE → "rps p50 p99 non2xx"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses/ { bad = $5 }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$1"
}

# The wrk scripts for check-ins on key result $1 with value $2, as token $3.
write_checkin_scripts() {
  cat >"$WORK/checkin.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
wrk.body = '{"value": $2, "confidence": 0.7, "note": "bench"}'
LUA
  local items
  items=$(for i in $(seq 1 100); do
    if [ "$i" -gt 1 ]; then printf ','; fi
    printf '{"key_result":"%s","value":%s}' "$1" "$2"
  done)
  cat >"$WORK/batch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $3"
wrk.body = '{"check_ins":[$items]}'
LUA
}

# Starts `okr serve` on a free port; sets SERVER_PID and SERVER_URL.
start_server() {  # start_server OKR DB LOG
  local port=$((20000 + RANDOM % 20000))
  # wrk is one client address: the per-client connection cap would refuse it.
  "$1" --db "$2" serve --listen "127.0.0.1:$port" --max-connections-per-client 0 >"$3.out" 2>"$3.err" &
  SERVER_PID=$!
  SERVER_URL="http://127.0.0.1:$port"
  until curl -sf "$SERVER_URL/healthz" >/dev/null 2>&1; do sleep 0.005; done
}
