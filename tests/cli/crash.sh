#!/usr/bin/env bash
# Acknowledged means durable: clients send check-ins to okr serve as fast as they can,
# the server is killed with SIGKILL at random moments, five times over; afterwards every
# check-in that got a 201 is in the database and PRAGMA integrity_check passes.
source "$(dirname "$0")/lib.sh" "$@"
pid=
AT_EXIT='kill -9 $pid 2>/dev/null'
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name crash 2>/dev/null) || fail "token"
touch "$WORK/acked"

for round in 1 2 3 4 5; do
  rm -f "$WORK/out"
  "$OKR" serve --listen 127.0.0.1:0 >"$WORK/out" 2>>"$WORK/log" &
  pid=$!
  for _ in $(seq 100); do grep -q "serving" "$WORK/out" 2>/dev/null && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*' "$WORK/out")
  [ -n "$url" ] || { fail "round $round: the server did not start: $(tail -3 "$WORK/log")"; break; }
  # Kill after 0.5–2 s of load, while requests are in flight.
  delay=$(python3 -c "import random; print(round(random.uniform(0.5, 2.0), 2))")
  python3 - "$url" "$TOKEN" "$WORK/acked" "$round" "$delay" <<'PY' &
import sys, threading, time, urllib.request
url, token, acked_path, round_, delay = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
acked = open(acked_path, "a")
lock = threading.Lock()
# Until the shell says the server is dead (and a second more), or 60 s at most: on a
# loaded machine this process may start long after the server.
stop_path = acked_path + ".stop-" + round_
hard_deadline = time.time() + 60
def running():
    import os
    if not os.path.exists(stop_path): return time.time() < hard_deadline
    return time.time() < os.path.getmtime(stop_path) + 1.0
def client(n):
    i = 0
    while running():
        i += 1
        note = f"crash-{round_}-{n}-{i}"
        req = urllib.request.Request(
            url + "/api/v1/key-results/growth-activation/check-ins",
            data=('{"value": %d, "note": "%s"}' % (40 + i % 30, note)).encode(),
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 201:
                    with lock:
                        acked.write(note + "\n")
                        acked.flush()
        except Exception:
            time.sleep(0.01)
threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
for t in threads: t.start()
for t in threads: t.join()
PY
  clients=$!
  # The kill comes 0.5–2 s after the first acknowledged check-in of this round.
  acked_before=$(wc -l <"$WORK/acked")
  for _ in $(seq 600); do
    [ "$(wc -l <"$WORK/acked")" -gt "$acked_before" ] && break
    sleep 0.05
  done
  sleep "$delay"
  kill -9 $pid
  wait $pid 2>/dev/null
  touch "$WORK/acked.stop-$round"
  wait $clients  # they stop a second after the kill
done

python3 - "$OKR_DB" "$WORK/acked" <<'PY' || fail "after the kills"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    sys.exit("integrity_check: " + ok)
notes = {r[0] for r in db.execute("SELECT note FROM check_ins WHERE note LIKE 'crash-%'")}
wanted = [l.strip() for l in open(sys.argv[2]) if l.strip()]
if len(wanted) < 25:
    sys.exit(f"only {len(wanted)} check-ins were acknowledged; the load did not run")
missing = [n for n in wanted if n not in notes]
if missing:
    sys.exit(f"{len(missing)} of {len(wanted)} acknowledged check-ins lost, e.g. {missing[:3]}")
print(f"5 SIGKILLs: all {len(wanted)} acknowledged check-ins kept ({len(notes)} stored)")
PY
"$OKR" status --team growth >/dev/null || fail "okr status after the kills"
finish "crash checks passed"
