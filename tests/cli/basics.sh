#!/usr/bin/env bash
# The okr command as a user types it: demo, status, check-in, grade, import, export,
# error messages with file:line:col, and exit statuses (0 ok, 1 failure, 2 usage).
source "$(dirname "$0")/lib.sh" "$@"

check help 0 "$OKR" --help
contains help out "import"
for cmd in init import export checkin history status grade demo lint serve user team token backup restore; do
  check "help-$cmd" 0 "$OKR" "$cmd" --help
done
check no-command 2 "$OKR"
contains no-command err "okr: give a command."
contains no-command err "  checkin       record progress on a key result"
check no-subcommand 2 "$OKR" user
contains no-subcommand err "okr user: give a command."
contains no-subcommand err "  disable"
check version 0 "$OKR" --version
check unknown-command 2 "$OKR" frobnicate
contains unknown-command err "'frobnicate' is not an okr command"
check misspelt-command 2 "$OKR" stauts
contains misspelt-command err "The most similar command is"
contains misspelt-command err "status"
check unknown-command-far 2 "$OKR" wombat
contains unknown-command-far err "'wombat' is not an okr command"
contains unknown-command-far err "Commands:"
check unknown-subcommand 2 "$OKR" token lsit
contains unknown-subcommand err "'lsit' is not an 'okr token' command"
contains unknown-subcommand err "list"
check unknown-command-db 2 "$OKR" --db "$WORK/x.db" frobnicate
if [ -e "$WORK/x.db" ]; then echo "FAIL unknown-command-db created a database"; fails=$((fails + 1)); fi

# Only init, demo, import and serve --init create a database; a mistyped --db is an error.
for cmd in "status" "grade" "export" "lint --cycle 2026-Q4" "checkin growth-activation 1" \
           "token list --user a@b.example"; do
  check "missing-db-$cmd" 1 "$OKR" --db "$WORK/typo.db" $cmd
  contains "missing-db-$cmd" err "database '$WORK/typo.db' does not exist"
  if [ -e "$WORK/typo.db" ]; then echo "FAIL missing-db-$cmd created it"; fails=$((fails + 1)); rm -f "$WORK"/typo.db*; fi
done
check bad-option 2 "$OKR" status --format xml

check init-missing 1 "$OKR" init
contains init-missing err "there is no okr database at"
check init 0 "$OKR" init --create
contains init out "created an okr database at"
check init-again 0 "$OKR" init
contains init-again out "is already current"
contains init out "schema version"
check demo 0 "$OKR" demo
# The demo's check-ins hold values as a person enters them: 22.7, never 22.700000000000003.
"$OKR" history growth-invites --format json >"$WORK/history.json"
python3 - "$WORK/history.json" <<'PY' || fail "demo values with float noise"
import json, sys
values = [c["value"] for c in json.load(open(sys.argv[1]))["check_ins"]]
noisy = [v for v in values if len(repr(float(v)).split(".")[1]) > 2]
assert values and not noisy, noisy[:3]
PY
# Progress shows on a terminal only; piped, the command is quiet.
if grep -q "creating the demo" "$WORK/err"; then echo "FAIL demo: progress on a pipe"; fails=$((fails + 1)); fi
script -qec "'$OKR' --db '$WORK/tty.db' demo" /dev/null >"$WORK/tty" 2>&1
contains demo-tty tty "creating the demo: 3/6 check-in history"
script -qec "'$OKR' --db '$WORK/tty.db' import '$SRC/examples/acme-2027-q1.yaml'" /dev/null >"$WORK/tty" 2>&1
contains import-tty tty "objectives"
contains import-tty tty "39 created"
check demo-again 1 "$OKR" demo
contains demo-again err "already holds OKRs"

check status 0 "$OKR" status
contains status out "Growth [growth]"
contains status out "Raise 7-day activation from 55% to 70%"
contains status out "░"
# Each column named over it: the scores of objectives and of key results end under "score".
contains status out "objective / key result"
contains status out "kind / status"
column_check() {  # column_check NAME: in $WORK/out, every score ends where "score" ends
  python3 - "$WORK/out" <<'PY' || { echo "FAIL $1: a score is not under its heading"; cat "$WORK/out"; fails=$((fails + 1)); }
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = next(l for l in lines if "objective / key result" in l)
end = head.index("score") + len("score")
rows = [l for l in lines if l.startswith(" ") and re.search(r" (0\.\d|1\.0) ", l) and "[" not in l and "score" not in l]
assert rows, "no rows with a score"
for l in rows:
    m = re.search(r" (0\.\d|1\.0)( |$)", l)
    assert m.end(1) == end, (l, m.end(1), end)
PY
}
column_check status
check status-team 0 "$OKR" status --team platform
contains status-team out "Platform [platform]"
if grep -q "Growth \[growth\]" "$WORK/out"; then echo "FAIL status-team shows other teams"; fails=$((fails + 1)); fi
check status-unknown-team 1 "$OKR" status --team nowhere
contains status-unknown-team err "no team with key 'nowhere'"

check status-json 0 "$OKR" status --format json
# Numbers as people and jq expect them: 55 and 0.67, never 5.5E1 or 6.7E-1.
if grep -qE '[0-9][eE][+-]?[0-9]' "$WORK/out"; then echo "FAIL status-json: exponent in numbers"; fails=$((fails + 1)); fi
contains status-json out '"start":55,'
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
objectives = [o for t in doc["teams"] for o in t["objectives"]]
assert len(objectives) >= 6, objectives
for o in objectives:
    for field in ("key", "title", "score", "band", "flags"):
        assert field in o, (field, o)
    assert o["band"] in ("red", "yellow", "green")
    for k in o["key_results"]:
        assert {"key", "title", "score"} <= set(k), k
        assert 0 <= k["score"] <= 1
PY

# A check-in moves the score; bad input is refused and changes nothing.
# The coach on stored OKRs names each finding's team, objective and key result.
check lint-stored-demo 0 "$OKR" lint --cycle "$(python3 -c "
import datetime; d = datetime.date.today(); print(f'{d.year}-Q{(d.month - 1) // 3 + 1}')")"
if grep -q ":0:0:" "$WORK/out"; then echo "FAIL lint-stored-demo: :0:0: positions"; fails=$((fails + 1)); fi
if ! grep -qE '^    in: team [a-z-]+ "[^"]+" › objective [a-z0-9-]+ "[^"]+" › key result [a-z0-9-]+ "' "$WORK/out"; then
  echo "FAIL lint-stored-demo: findings do not name where they are"; cat "$WORK/out"; fails=$((fails + 1)); fi
check lint-stored-json 0 "$OKR" lint --cycle "$(python3 -c "
import datetime; d = datetime.date.today(); print(f'{d.year}-Q{(d.month - 1) // 3 + 1}')")" --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
findings = json.load(open(sys.argv[1]))["findings"]
assert any(f["key_result_key"] and f["objective_key"] for f in findings), findings
PY
check checkin 0 "$OKR" checkin growth-activation 70 --confidence 0.9 --note "cohort shipped"
check status-after 0 "$OKR" status --team growth --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
krs = {k["key"]: k for t in doc["teams"] for o in t["objectives"] for k in o["key_results"]}
assert krs["growth-activation"]["score"] == 1.0, krs["growth-activation"]
assert krs["growth-activation"]["confidence"] == 0.9
PY
# A check-in made as a named user records them as its author, with their rights.
check checkin-as 0 "$OKR" checkin growth-activation 70 --as ben@lumen.example --note "as Ben"
contains checkin-as out "as ben@lumen.example"
check checkin-env 0 env OKR_USER=chloe@lumen.example "$OKR" checkin growth-activation 70
check checkin-outsider 1 "$OKR" checkin growth-activation 70 --as lea@lumen.example
check checkin-ghost 1 "$OKR" checkin growth-activation 70 --as ghost@lumen.example
contains checkin-ghost err "no user with e-mail ghost@lumen.example"
# A slip in a person's address or an objective's key names the nearest one.
check checkin-slip 1 "$OKR" checkin growth-activation 70 --as bem@lumen.example
contains checkin-slip err "no user with e-mail bem@lumen.example to act as; did you mean 'ben@lumen.example'?"
check comment-slip 1 "$OKR" comment add --objective growth-first-wek "hello" --as ben@lumen.example
contains comment-slip err "no objective 'growth-first-wek'; did you mean 'growth-first-week'?"
check history 0 "$OKR" history growth-activation
contains history out "AUTHOR"
if ! grep -q "ben@lumen.example  *as Ben" "$WORK/out"; then echo "FAIL history: no author and note"; cat "$WORK/out"; fails=$((fails + 1)); fi
if ! tail -1 "$WORK/out" | grep -q "chloe@lumen.example"; then echo "FAIL history: env author"; fails=$((fails + 1)); fi
check history-json 0 "$OKR" history growth-activation --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["key_result"]["key"] == "growth-activation"
last = doc["check_ins"][-1]
assert last["author"] == "chloe@lumen.example" and last["value"] == 70, last
PY
check history-unknown 1 "$OKR" history no-such-kr
check checkin-confidence 1 "$OKR" checkin growth-activation 60 --confidence 1.5
contains checkin-confidence err "confidence must be between 0.0 and 1.0"
check checkin-unknown 1 "$OKR" checkin no-such-kr 1
check checkin-bad-value 2 "$OKR" checkin growth-activation lots
check checkin-bad-time 2 "$OKR" checkin growth-activation 60 --at yesterday

# Grading the previous, closed quarter shows bands and flags.
prev=$(python3 -c "
import datetime; d = datetime.date.today(); q = (d.month - 1) // 3
y, q = (d.year, q) if q > 0 else (d.year - 1, 4)
print(f'{y}-Q{q}')")
check grade 0 "$OKR" grade --cycle "$prev"
contains grade out "not-ambitious-enough"
contains grade out "overridden"
contains grade out "$prev  closed: final grades"
contains grade out "objective / key result"
contains grade out "band"
column_check grade
check grade-current 0 "$OKR" grade
contains grade-current out "active: provisional grades so far"
if grep -q "grading" "$WORK/out"; then echo "FAIL grade-current says grading"; fails=$((fails + 1)); fi
# A closed cycle has no pace: its key results are final.
check status-closed 0 "$OKR" status --cycle "$prev" --team growth
contains status-closed out "final"
if grep -qE "on-track|at-risk|off-track|expected" "$WORK/out"; then echo "FAIL status-closed shows a pace"; cat "$WORK/out"; fails=$((fails + 1)); fi
check grade-json 0 "$OKR" grade --cycle "$prev" --format json
contains grade-json out '"flags":["not-ambitious-enough"]'

# The bundled example does not collide with the demo; an import that would change
# teams it did not create lists the changes and needs --yes.
check import-example-into-demo 0 "$OKR" import "$SRC/examples/acme-2027-q1.yaml"
contains import-example-into-demo out "0 updated"
"$OKR" team list >"$WORK/teams-before"
sed 's/{key: acme-marketing, /{key: marketing, /; s/team: acme-marketing/team: marketing/; s/acme-marketing\]/marketing]/' \
  "$SRC/examples/acme-2027-q1.yaml" >"$WORK/collides.yaml"
check import-collides 1 "$OKR" import "$WORK/collides.yaml"
contains import-collides err "would change 3 thing(s) about teams it did not create"
contains import-collides err "team 'marketing': moves from under 'lumen' to under 'acme'"
contains import-collides err "--yes"
"$OKR" team list >"$WORK/teams-after"
cmp -s "$WORK/teams-before" "$WORK/teams-after" || { echo "FAIL import-collides changed the teams"; fails=$((fails + 1)); }
check import-collides-yes 0 "$OKR" import "$WORK/collides.yaml" --yes
contains import-collides-yes out "changed team 'marketing': lead lea@lumen.example → ivo@acme.example"

# OKRs as code: import, export, re-import.
export OKR_DB="$WORK/acme.db"
check import 0 "$OKR" import "$SRC/examples/acme-2027-q1.yaml"
contains import out "0 updated"
# The people the file names get accounts, and are told how they sign in.
contains import-accounts out "accounts were created without a password ("
contains import-accounts out "okr user password EMAIL --password-stdin"
check reimport 0 "$OKR" import "$SRC/examples/acme-2027-q1.yaml"
contains reimport out "0 created, 0 updated"
lacks reimport-accounts out "without a password"
check export 0 "$OKR" export --cycle 2027-Q1 -o "$WORK/exported.yaml"
check import-export 0 "$OKR" import "$WORK/exported.yaml"
contains import-export out "0 created, 0 updated"
printf 'cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: booking\n    title: [oops\n' >"$WORK/bad.yaml"
check bad-yaml 1 "$OKR" import "$WORK/bad.yaml"
contains bad-yaml err "bad.yaml:6:1: error: YAML syntax"
printf 'cycle: 2027-Q1\nobjectives:\n  - key: x\n    team: nowhere\n    title: T\n' >"$WORK/bad-team.yaml"
check bad-team 1 "$OKR" import "$WORK/bad-team.yaml"
contains bad-team err "bad-team.yaml:4:11: error: team 'nowhere' does not exist"
check missing-file 2 "$OKR" import "$WORK/none.yaml"

# Accounts for scripts: a user with a password from stdin, and a token printed once.
check user-add 0 sh -c "echo 'a long enough password' | '$OKR' user add ops@acme.example --name Ops --admin --password-stdin"
contains user-add out "added user ops@acme.example (admin)"
check user-add-again 1 "$OKR" user add ops@acme.example
contains user-add-again err "already exists"
check token-create 0 "$OKR" token create --user ops@acme.example --name deploy
if ! grep -qE '^okr_t_[A-Za-z0-9_-]{43}$' "$WORK/out"; then echo "FAIL token-create: no token printed"; fails=$((fails + 1)); fi
check token-unknown-user 1 "$OKR" token create --user ghost@acme.example --name x
check token-list 0 "$OKR" token list --user ops@acme.example
contains token-list out "deploy"
contains token-list out "ID  NAME"
id=$(awk 'NR == 2 {print $1}' "$WORK/out")
check token-revoke 0 "$OKR" token revoke "$id"
check token-list-revoked 0 "$OKR" token list --user ops@acme.example
[ "$(awk 'NR == 2 {print $5}' "$WORK/out")" != "-" ] || { echo "FAIL token-list-revoked"; fails=$((fails + 1)); }
check token-revoke-unknown 1 "$OKR" token revoke 9999
check user-help 0 "$OKR" user add --help

# People without SQL: list, change, disable, reset a password, team membership.
check user-list 0 "$OKR" user list
contains user-list out "EMAIL"
contains user-list out "ops@acme.example"
check user-list-json 0 "$OKR" user list --format json
contains user-list-json out '"email":"ops@acme.example","name":"Ops","admin":true,"disabled":false'
check user-set 0 "$OKR" user set ana@acme.example --admin --name "Ana Lima"
contains user-set out "Ana Lima, admin"
check user-set-nothing 2 "$OKR" user set ana@acme.example
check user-set-both 2 "$OKR" user set ana@acme.example --admin --no-admin
check user-no-admin 0 "$OKR" user set ana@acme.example --no-admin
check user-disable 0 "$OKR" user disable ana@acme.example
check user-list-disabled 0 "$OKR" user list
if ! grep -q "ana@acme.example.*disabled" "$WORK/out"; then echo "FAIL user-list-disabled"; cat "$WORK/out"; fails=$((fails + 1)); fi
check user-enable 0 "$OKR" user enable ana@acme.example
check last-admin 1 "$OKR" user disable ops@acme.example
contains last-admin err "last enabled administrator"
check user-password 0 sh -c "echo 'another long password' | '$OKR' user password ana@acme.example --password-stdin"
check user-password-short 1 sh -c "echo 'short' | '$OKR' user password ana@acme.example --password-stdin"
check user-password-no-stdin 2 "$OKR" user password ana@acme.example
check user-unknown 1 "$OKR" user disable ghost@acme.example
check team-list 0 "$OKR" team list
contains team-list out "KEY"
contains team-list out "booking"
check team-add-member 0 "$OKR" team add-member booking ana@acme.example --role lead
contains team-add-member out "ana@acme.example is now the lead of booking"
check team-list-json 0 "$OKR" team list --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
teams = {t["key"]: t for t in json.load(open(sys.argv[1]))["teams"]}
assert {"email": "ana@acme.example", "role": "lead"} in teams["booking"]["members"], teams["booking"]
PY
check team-add-bad-role 2 "$OKR" team add-member booking ana@acme.example --role boss
check team-add-unknown 1 "$OKR" team add-member nowhere ana@acme.example

# The coach: compiler-style text, JSON, exit 1 only on error-severity findings.
check lint-example 0 "$OKR" lint "$SRC/examples/acme-2027-q1.yaml"
cat >"$WORK/weak.yaml" <<'YAML'
cycle: 2027-Q1
objectives:
  - key: weak
    team: growth
    title: Improve the onboarding experience for new users
    owner: ana@example.com
    key_results:
      - key: weak-ship
        title: Ship the new onboarding checklist
        owner: ana@example.com
        start: 0
        target: 0
YAML
check lint-weak 1 "$OKR" lint "$WORK/weak.yaml"
contains lint-weak out "weak.yaml:5:12: warning: [objective-is-activity]"
contains lint-weak out "error: [kr-not-measurable]"
contains lint-weak out "[kr-is-output]"
contains lint-weak out "suggestion:"
check lint-weak-json 1 "$OKR" lint "$WORK/weak.yaml" --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
rules = {f["rule"] for f in doc["findings"]}
assert {"objective-is-activity", "kr-is-output", "kr-not-measurable"} <= rules, rules
for f in doc["findings"]:
    assert set(f) >= {"rule", "severity", "file", "line", "column", "objective", "key_result",
                      "message", "suggestion", "evidence"}, f
PY
# Settings beside the file: disable a rule, re-grade another.
printf 'rules:\n  kr-not-measurable: warning\n  objective-is-activity: off\n' >"$WORK/.okr-lint.yaml"
check lint-config 0 "$OKR" lint "$WORK/weak.yaml"
if grep -q "objective-is-activity" "$WORK/out"; then echo "FAIL lint-config: disabled rule fired"; fails=$((fails + 1)); fi
contains lint-config out "warning: [kr-not-measurable]"
printf 'rules:\n  no-such-rule: off\n' >"$WORK/.okr-lint.yaml"
check lint-bad-config 1 "$OKR" lint "$WORK/weak.yaml"
contains lint-bad-config err ".okr-lint.yaml:2:3"
rm "$WORK/.okr-lint.yaml"
cat >"$WORK/good.yaml" <<'YAML'
cycle: 2027-Q1
objectives:
  - key: good
    team: booking
    title: Make rebooking effortless for regulars
    owner: ana@acme.example
    key_results:
      - key: good-rate
        title: Raise the share of customers who rebook within 30 days from 18% to 30%
        owner: ana@acme.example
        metric: percent
        start: 18
        target: 30
      - key: good-nps
        title: Lift rebooking satisfaction from 6.1 to 8.0
        owner: ana@acme.example
        start: 6.1
        target: 8.0
YAML
check lint-clean 0 "$OKR" lint "$WORK/good.yaml"
contains lint-clean out "good.yaml: no findings (1 objective, 2 key results checked)"
check lint-nothing 2 "$OKR" lint
check lint-stored 0 "$OKR" lint --cycle 2027-Q1

finish "all CLI checks passed"
