#!/usr/bin/env bash
# Two `okr serve` processes on one PostgreSQL database, as behind a load balancer:
#   - SCIM provisioning through one is seen by the other at once (a deactivated person's
#     token stops on both);
#   - check-ins sent to both at once are all stored, none twice;
#   - the same edit of one objective sent through both with the same If-Match has
#     exactly one winner, and every other answer is 412;
#   - a server killed with SIGKILL under load loses no acknowledged check-in, and the
#     other goes on serving.
# Needs $OKR_TEST_PG: the socket folder of a running server (tests/pg/server.sh).
set -uo pipefail
OKR=$1
: "${OKR_TEST_PG:?set OKR_TEST_PG to the socket folder of a PostgreSQL server}"
WORK=$(mktemp -d)
NAME="okr_two_$$"
psql() { command psql -h "$OKR_TEST_PG" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
export OKR_DB="postgresql://postgres@/$NAME?host=$OKR_TEST_PG"
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  psql -d postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -d postgres -c "CREATE DATABASE $NAME" || { echo "FAIL cannot create the database"; exit 1; }
"$OKR" demo >/dev/null 2>&1 || fail "demo"
TOKEN=$("$OKR" token create --user maya@lumen.example --name two 2>/dev/null) || fail "token"

start_server() {  # $1: a name; sets url_$1
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

# 0. SCIM through both servers: a person created on a is found on b; a group membership
# pushed through b maps them into a team; deactivating them on b stops their API token
# on a at once.
SCIM=$("$OKR" scim token create two 2>/dev/null) || fail "scim token create"
"$OKR" sso map add okr-growth --team growth --role member >/dev/null || fail "sso map add"
scim() {  # $1 method, $2 server url, $3 path, $4 body: prints the status, then the body
  curl -s -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $SCIM" \
    -H 'Content-Type: application/scim+json' ${4:+--data "$4"} "$2/scim/v2$3"
}
scim_id=$(scim POST "$url_a" /Users '{"userName":"pat@lumen.example","name":{"givenName":"Pat","familyName":"Two"}}' |
  head -1 | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])") || fail "SCIM create on a"
found=$(scim GET "$url_b" '/Users?filter=userName%20eq%20%22pat@lumen.example%22' | head -1 |
  python3 -c "import json,sys; print(json.load(sys.stdin)['Resources'][0]['id'])")
[ "$found" = "$scim_id" ] || fail "a person created through a is not found through b ($found)"
gid=$(scim POST "$url_a" /Groups '{"displayName":"okr-growth"}' | head -1 |
  python3 -c "import json,sys; print(json.load(sys.stdin)['id'])") || fail "SCIM group on a"
code=$(scim PATCH "$url_b" "/Groups/$gid" \
  '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"'"$scim_id"'"}]}]}' | tail -1)
[ "$code" = 204 ] || fail "SCIM group membership through b answered $code"
"$OKR" sso access pat@lumen.example | grep -q 'growth.*member.*mapped: okr-growth' ||
  fail "the group membership pushed through b did not map pat into growth"
PAT=$("$OKR" token create --user pat@lumen.example --name pat 2>/dev/null) || fail "token for pat"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PAT" "$url_a/api/v1/session")
[ "$code" = 200 ] || fail "pat's token answers $code before deactivation"
code=$(scim PATCH "$url_b" "/Users/$scim_id" \
  '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}' | tail -1)
[ "$code" = 200 ] || fail "SCIM deactivation through b answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PAT" "$url_a/api/v1/session")
[ "$code" = 401 ] || fail "pat's token still answers $code on a after deactivation on b"

# 1. Concurrent check-ins through both servers.
python3 - "$url_a" "$url_b" "$TOKEN" <<'PY' >"$WORK/acked" || fail "concurrent check-ins"
import sys, threading, urllib.request
a, b, token = sys.argv[1], sys.argv[2], sys.argv[3]
acked, lock, errors = [], threading.Lock(), []
def client(n):
    base = a if n % 2 == 0 else b
    for i in range(25):
        note = f"both-{n}-{i}"
        req = urllib.request.Request(
            base + "/api/v1/key-results/growth-activation/check-ins",
            data=('{"value": %d, "note": "%s"}' % (40 + i, note)).encode(),
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                if r.status == 201:
                    with lock: acked.append(note)
        except urllib.error.HTTPError as e:
            with lock: errors.append(f"{e.code} {e.read()[:200]!r}")
threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    sys.exit(f"{len(errors)} check-ins refused, e.g. {errors[:2]}")
print("\n".join(acked))
PY
acked=$(grep -c . "$WORK/acked")
stored=$(psql -d "$NAME" -tAc "SELECT count(*) FROM check_ins WHERE note LIKE 'both-%'")
distinct=$(psql -d "$NAME" -tAc "SELECT count(DISTINCT note) FROM check_ins WHERE note LIKE 'both-%'")
[ "$acked" = 200 ] || fail "200 check-ins sent, $acked acknowledged"
[ "$stored" = 200 ] && [ "$distinct" = 200 ] ||
  fail "200 acknowledged check-ins, $stored stored ($distinct distinct)"

# 2. One objective edited through both servers with the same version: one winner.
etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" \
  "$url_a/api/v1/objectives/growth-first-week" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
[ -n "$etag" ] || fail "no ETag on the objective"
for i in $(seq 10); do
  base=$url_a; [ $((i % 2)) -eq 0 ] && base=$url_b
  curl -s -o /dev/null -w '%{http_code}\n' -X PATCH -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: application/json" -H "If-Match: $etag" \
    -d "{\"description\": \"edit $i\"}" "$base/api/v1/objectives/growth-first-week" >>"$WORK/codes" &
done
wait_for_patches() { for _ in $(seq 100); do [ "$(grep -c . "$WORK/codes" 2>/dev/null)" = 10 ] && return; sleep 0.1; done; }
wait_for_patches
winners=$(grep -c '^200$' "$WORK/codes")
stale=$(grep -c '^412$' "$WORK/codes")
[ "$winners" = 1 ] && [ "$stale" = 9 ] ||
  fail "10 edits with one version: want one 200 and nine 412, got $(sort "$WORK/codes" | uniq -c | tr '\n' ' ')"

# 3. Server a killed under load: every acknowledged check-in is stored, b still serves.
python3 - "$url_a" "$url_b" "$TOKEN" "$WORK/killed-acked" <<'PY' &
import sys, threading, time, urllib.request
a, b, token, path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
out, lock = open(path, "w"), threading.Lock()
deadline = time.time() + 2.5
def client(n):
    base = a if n % 2 == 0 else b
    i = 0
    while time.time() < deadline:
        i += 1
        note = f"kill-{n}-{i}"
        req = urllib.request.Request(
            base + "/api/v1/key-results/growth-activation/check-ins",
            data=('{"value": %d, "note": "%s"}' % (40 + i % 30, note)).encode(),
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                if r.status == 201:
                    with lock:
                        out.write(note + "\n"); out.flush()
        except Exception:
            time.sleep(0.01)
threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
for t in threads: t.start()
for t in threads: t.join()
PY
clients=$!
sleep 1
kill -9 "$pid_a"
wait "$clients"
wanted=$(sort -u "$WORK/killed-acked" | grep -c .)
psql -d "$NAME" -tAc "SELECT note FROM check_ins WHERE note LIKE 'kill-%'" | sort -u >"$WORK/kept"
missing=$(sort -u "$WORK/killed-acked" | comm -23 - "$WORK/kept" | grep -c .)
[ "$wanted" -ge 20 ] || fail "only $wanted check-ins were acknowledged; the load did not run"
[ "$missing" = 0 ] || fail "$missing of $wanted acknowledged check-ins lost after SIGKILL"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url_b/api/v1/cycles")
[ "$code" = 200 ] || fail "the surviving server answers $code"
# The company overview b caches is renewed when a write reaches the database
# another way (here the command line): the generation lives in the database.
cycle=$(curl -s -H "Authorization: Bearer $TOKEN" "$url_b/api/v1/cycles" |
  python3 -c "import json,sys; print([c['name'] for c in json.load(sys.stdin)['items'] if c['state'] == 'active'][0])")
growth_score() {
  curl -s -H "Authorization: Bearer $TOKEN" "$url_b/api/v1/cycles/$cycle/overview" |
    python3 -c "import json,sys; print([t['score'] for t in json.load(sys.stdin)['teams'] if t['key'] == 'growth'][0])"
}
before=$(growth_score)
"$OKR" checkin growth-activation 99 --confidence 0.8 --note "from the command line" >/dev/null ||
  fail "okr checkin"
after=$(growth_score)
[ -n "$before" ] && [ "$before" != "$after" ] ||
  fail "server b's overview did not change after a write elsewhere ($before, then $after)"

[ "$fails" -eq 0 ] && echo "two servers: $acked concurrent check-ins kept, one edit winner, $wanted acknowledged through a SIGKILL kept"
exit "$fails"
