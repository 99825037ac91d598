#!/usr/bin/env bash
# okr demo --scale: the synthetic organisation has the promised size, is the same
# for the same seed, differs for another, and refuses a database that holds OKRs.
source "$(dirname "$0")/lib.sh" "$@"

"$OKR" --db "$WORK/a.db" demo --scale small --seed 7 >"$WORK/out" 2>"$WORK/err" || fail "small demo: $(cat "$WORK/err")"
grep -q "100 teams, 1001 users, 300 objectives, 1000 key results, 20000 check-ins" "$WORK/out" ||
  fail "small demo counts: $(cat "$WORK/out")"
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }
[ "$(count "$WORK/a.db" teams)" = 100 ] || fail "teams stored: $(count "$WORK/a.db" teams)"
[ "$(count "$WORK/a.db" check_ins)" = 20000 ] || fail "check-ins stored"
[ "$(count "$WORK/a.db" initiatives)" = 500 ] || fail "initiatives stored"
[ "$(count "$WORK/a.db" reviews)" = 150 ] || fail "reviews of the closed cycle"
# Every objective below the company aligns to one of its parent team's (when that has one).
orphans=$(sqlite3 "$WORK/a.db" "SELECT count(*) FROM objectives o JOIN teams t ON t.id = o.team_id
  WHERE t.parent_id IS NOT NULL AND o.parent_id IS NULL AND EXISTS (SELECT 1 FROM objectives p
  WHERE p.team_id = t.parent_id AND p.cycle_id = o.cycle_id)")
[ "$orphans" = 0 ] || fail "$orphans objectives not aligned up the tree"
kinds=$(sqlite3 "$WORK/a.db" "SELECT count(DISTINCT metric) FROM key_results")
[ "$kinds" = 6 ] || fail "only $kinds metric kinds"

"$OKR" --db "$WORK/b.db" demo --scale small --seed 7 >/dev/null 2>&1
"$OKR" --db "$WORK/c.db" demo --scale small --seed 8 >/dev/null 2>&1
snapshot() { sqlite3 "$1" "SELECT key_result_id, value, confidence, at FROM check_ins ORDER BY id" | md5sum; }
[ "$(snapshot "$WORK/a.db")" = "$(snapshot "$WORK/b.db")" ] || fail "the same seed made different check-ins"
[ "$(snapshot "$WORK/a.db")" != "$(snapshot "$WORK/c.db")" ] || fail "another seed made the same check-ins"
"$OKR" --db "$WORK/a.db" status --team team-99 --format json >"$WORK/status.json" || fail "status of a team"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["teams"][0]["key"]=="team-99", d' "$WORK/status.json" ||
  fail "status of team-99"

"$OKR" --db "$WORK/a.db" demo --scale small >"$WORK/out" 2>"$WORK/err"
[ $? = 1 ] || fail "a second demo into the same database must fail"
grep -q "already holds OKRs" "$WORK/err" || fail "second demo message: $(cat "$WORK/err")"
"$OKR" --db "$WORK/d.db" demo --scale huge >"$WORK/out" 2>"$WORK/err"
[ $? = 2 ] || fail "an unknown scale is a usage error"
finish "scale checks passed"
