#!/usr/bin/env bash
# okr backup while okr serve takes check-ins from several clients: every check-in
# acknowledged before the backup began is in the restored database, which passes
# PRAGMA integrity_check. okr restore refuses a database in use, and one that holds
# data unless --force.
source "$(dirname "$0")/lib.sh" "$@"
export OKR_DB="$WORK/live.db"
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name load 2>/dev/null) || fail "token"
"$OKR" serve --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/log" &
pid=$!
writer=
AT_EXIT='kill $pid $writer 2>/dev/null'
touch "$WORK/acked"
for _ in $(seq 50); do grep -q "serving" "$WORK/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/out")
[ -n "$url" ] || fail "no address printed: $(cat "$WORK/out" "$WORK/log")"

# Four clients check in as fast as they can; each acknowledged note is appended to
# acked, one line each, after its 201 arrived.
python3 - "$url" "$TOKEN" "$WORK" <<'PY' &
import sys, threading, urllib.request, os
url, token, work = sys.argv[1:4]
lock = threading.Lock()
acked = open(os.path.join(work, "acked"), "a")
def client(n):
    i = 0
    while not os.path.exists(os.path.join(work, "stop")):
        i += 1
        note = f"load-{n}-{i}"
        req = urllib.request.Request(
            url + "/api/v1/key-results/growth-activation/check-ins",
            data=('{"value": %d, "note": "%s"}' % (50 + i % 20, note)).encode(),
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                if r.status == 201:
                    with lock:
                        acked.write(note + "\n")
                        acked.flush()
        except Exception:
            pass
threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
for t in threads: t.start()
for t in threads: t.join()
PY
writer=$!
for _ in $(seq 100); do [ "$(wc -l <"$WORK/acked" 2>/dev/null || echo 0)" -ge 50 ] && break; sleep 0.1; done
# Every line in acked-before was acknowledged before the backup began.
cp "$WORK/acked" "$WORK/acked-before"
"$OKR" backup "$WORK/snap.db" >"$WORK/backup.out" 2>&1 || fail "backup under load: $(cat "$WORK/backup.out")"
sleep 0.5
before=$(wc -l <"$WORK/acked-before")
during=$(wc -l <"$WORK/acked")
touch "$WORK/stop"
wait $writer
[ "$before" -ge 50 ] || fail "too few check-ins before the backup: $before"
[ "$during" -gt "$before" ] || fail "no check-in was acknowledged while the backup ran"
[ -e "$WORK/snap.db-wal" ] && fail "the backup left a write-ahead log beside it"

# A backup never silently replaces a file, and a live database is never restored over.
"$OKR" backup "$WORK/snap.db" >/dev/null 2>"$WORK/err" && fail "backup replaced an existing file"
grep -q "already exists" "$WORK/err" || fail "no message for an existing file: $(cat "$WORK/err")"
"$OKR" restore "$WORK/snap.db" --force >/dev/null 2>"$WORK/err" && fail "restored over a live database"
grep -q "in use" "$WORK/err" || fail "no message for a live database: $(cat "$WORK/err")"

"$OKR" --db "$WORK/restored.db" restore "$WORK/snap.db" >"$WORK/restore.out" 2>&1 ||
  fail "restore: $(cat "$WORK/restore.out")"
python3 - "$WORK/restored.db" "$WORK/acked-before" <<'PY' || fail "restored database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    sys.exit("integrity_check: " + ok)
notes = {r[0] for r in db.execute("SELECT note FROM check_ins")}
wanted = [l.strip() for l in open(sys.argv[2]) if l.strip()]
missing = [n for n in wanted if n not in notes]
if missing:
    sys.exit(f"{len(missing)} of {len(wanted)} acknowledged check-ins missing, e.g. {missing[:3]}")
print(f"all {len(wanted)} check-ins acknowledged before the backup were restored")
PY
# The restored database works, and holding data it is replaced only with --force.
"$OKR" --db "$WORK/restored.db" history growth-activation --format json | grep -q '"load-0-1"' ||
  fail "okr history on the restored database"
"$OKR" --db "$WORK/restored.db" restore "$WORK/snap.db" >/dev/null 2>"$WORK/err" &&
  fail "restore replaced a database holding data without --force"
grep -q -- "--force" "$WORK/err" || fail "no hint at --force: $(cat "$WORK/err")"
"$OKR" --db "$WORK/restored.db" restore "$WORK/snap.db" --yes >/dev/null || fail "restore --yes"
printf 'not a database at all, just some text that is long enough to be a header maybe' >"$WORK/junk.db"
"$OKR" --db "$WORK/other.db" restore "$WORK/junk.db" >/dev/null 2>"$WORK/err" && fail "restored junk"
[ -s "$WORK/err" ] || fail "no message for a file that is not a database"
"$OKR" backup --help | grep -q "Examples:" || fail "backup --help has no examples"
"$OKR" restore --help | grep -q "Examples:" || fail "restore --help has no examples"
finish "backup checks passed"
