#!/usr/bin/env bash
# A full disk: the database lives on a small file system (a tmpfs of 8 MiB) that a
# filler file then fills up. okr serve keeps answering reads, answers writes 503 with
# a problem document that says the disk is full, and writes nothing half-way; okr
# checkin says why it failed. Once space is freed, the same server takes writes again,
# every acknowledged check-in is there and the database passes an integrity check.
source "$(dirname "$0")/lib.sh" "$@"
DISK="$WORK/disk"
mkdir -p "$DISK"
pid=
AT_EXIT='kill $pid 2>/dev/null; wait $pid 2>/dev/null; umount "$DISK" 2>/dev/null'
if ! mount -t tmpfs -o size=8m tmpfs "$DISK" 2>/dev/null; then
  echo "SKIP: cannot mount a small file system here (needs root with CAP_SYS_ADMIN)"
  exit 77
fi
export OKR_DB="$DISK/okr.db"
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name full 2>/dev/null) || fail "token"
"$OKR" serve --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/log" &
pid=$!
for _ in $(seq 50); do grep -q "serving" "$WORK/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/out")
[ -n "$url" ] || fail "the server did not start: $(cat "$WORK/out" "$WORK/log")"
auth=(-H "Authorization: Bearer $TOKEN")
# Each check-in carries a long note, so the database must grow to take it.
padding=$(head -c 9000 /dev/zero | tr '\0' 'x')
checkin() {  # checkin VALUE → the HTTP status; the body in $WORK/write
  curl -s -o "$WORK/write" -D "$WORK/headers" -w '%{http_code}' "${auth[@]}" \
    -H 'Content-Type: application/json' -d "{\"value\": $1, \"note\": \"full-$1 $padding\"}" \
    "$url/api/v1/key-results/growth-activation/check-ins"
}
[ "$(checkin 50)" = 201 ] || fail "a check-in before the disk fills: $(cat "$WORK/write")"

# Fill the disk, then keep writing until SQLite meets the wall (its write-ahead log may
# still hold a little room).
dd if=/dev/zero of="$DISK/filler" bs=64k 2>/dev/null
refused=
for i in $(seq 51 2000); do
  status=$(checkin "$i")
  if [ "$status" = 201 ]; then echo "full-$i" >>"$WORK/acked"; continue; fi
  refused=$status
  break
done
echo "refused after $((i - 51)) check-ins on the full disk: $(head -c 300 "$WORK/write")"
[ "$refused" = 503 ] || fail "a write on a full disk: ${refused:-every write succeeded} $(cat "$WORK/write")"
grep -q '"type":"/problems/unavailable"' "$WORK/write" || fail "problem document: $(cat "$WORK/write")"
grep -q "disk" "$WORK/write" || fail "the answer does not say the disk is full: $(cat "$WORK/write")"
grep -qi "^Retry-After:" "$WORK/headers" || fail "no Retry-After"
status=$(curl -s -o "$WORK/read" -w '%{http_code}' "${auth[@]}" "$url/api/v1/key-results/growth-activation")
[ "$status" = 200 ] || fail "a read on a full disk: $status $(cat "$WORK/read")"
[ "$(curl -s "$url/healthz")" = '{"status":"ok"}' ] || fail "healthz on a full disk"
"$OKR" checkin growth-activation 61 >/dev/null 2>"$WORK/err" && fail "okr checkin wrote to a full disk"
grep -qi "disk" "$WORK/err" || fail "okr checkin on a full disk: $(cat "$WORK/err")"

# Space again: the same server writes.
rm -f "$DISK/filler"
[ "$(checkin 300)" = 201 ] || fail "a write once there is space: $(cat "$WORK/write")"
echo "full-300" >>"$WORK/acked"
kill $pid; wait $pid 2>/dev/null; pid=
python3 - "$OKR_DB" "$WORK/acked" <<'PY' || fail "after the disk was full"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    sys.exit("integrity_check: " + ok)
notes = {r[0].split(" ")[0] for r in db.execute("SELECT note FROM check_ins WHERE note LIKE 'full-%'")}
wanted = [l.strip() for l in open(sys.argv[2]) if l.strip()]
missing = [n for n in wanted if n not in notes]
if missing:
    sys.exit(f"{len(missing)} acknowledged check-ins lost, e.g. {missing[:3]}")
PY
finish "disk-full checks passed"
