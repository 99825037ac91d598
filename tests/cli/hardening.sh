#!/usr/bin/env bash
# Careless and hostile input at the command line: databases that keep nothing, numbers
# that are not decimal or mean nothing, text that is not UTF-8. Each is refused with a
# message naming what is wrong, and the database is left as it was.
source "$(dirname "$0")/lib.sh" "$@"
snapshot() { "$OKR" history growth-activation --format json; "$OKR" user list --format json; "$OKR" status --format json; }

check demo 0 "$OKR" demo
snapshot >"$WORK/before"

# A database that keeps nothing is refused before anything runs.
check empty-db 2 "$OKR" --db '' init
contains empty-db err "--db is empty"
check memory-db 2 "$OKR" --db :memory: demo
contains memory-db err "':memory:' keeps nothing"

# Check-in values: decimal numbers only, within what a key result can mean.
check hex-float 2 "$OKR" checkin growth-activation 0x1p6
contains hex-float err "value '0x1p6' is not a decimal number"
check underflow 2 "$OKR" checkin growth-activation 1e-400
contains underflow err "value '1e-400' is beyond the range"
check overflow 2 "$OKR" checkin growth-activation 1e400
check infinity 2 "$OKR" checkin growth-activation inf
check nan 2 "$OKR" checkin growth-activation nan
check huge 1 "$OKR" checkin growth-activation 1e300
contains huge err "value must be a number from -1e15 to 1e15"
check hex-confidence 2 "$OKR" checkin growth-activation 60 --confidence 0x1p-1
contains hex-confidence err "--confidence '0x1p-1' is not a decimal number"

# Text that is not UTF-8, or holds NUL, is refused naming the field.
check user-name 1 "$OKR" user add bad@lumen.example --name $'\xff\xfe'
contains user-name err "name is not valid UTF-8"
check token-name 1 "$OKR" token create --user maya@lumen.example --name $'ci\xc3'
contains token-name err "name is not valid UTF-8"
check note 1 "$OKR" checkin growth-activation 60 --note $'bad \xff note'
contains note err "note is not valid UTF-8"

# Control characters could forge a line of history or drive the terminal: refused.
check note-escape 1 "$OKR" checkin growth-activation 60 --note $'fine\r2027-02-15T00:00:00Z  99  1  maya  all good\e]0;owned\a'
contains note-escape err "note contains the control character U+000D"
check note-c1 1 "$OKR" checkin growth-activation 60 --note $'csi \xc2\x9b2J'
contains note-c1 err "note contains the control character U+009B"

# An OKR file: the file, line and column, and the field.
printf 'cycle: 2027-Q3\nobjectives:\n  - key: bad-utf8\n    team: growth\n    title: "Grow \xff\xfe fast"\n' >"$WORK/utf8.yaml"
check import-utf8 1 "$OKR" import "$WORK/utf8.yaml"
contains import-utf8 err "utf8.yaml:5:12: error: title is not valid UTF-8"
printf 'cycle: 2027-Q3\nobjectives:\n  - key: bad-nul\n    team: growth\n    title: "Grow\\0fast"\n' >"$WORK/nul.yaml"
check import-nul 1 "$OKR" import "$WORK/nul.yaml"
contains import-nul err "nul.yaml:5:12: error: title contains a NUL character"
printf '# caf\xe9\ncycle: 2027-Q3\nobjectives: []\n' >"$WORK/latin1.yaml"
check import-latin1 1 "$OKR" import "$WORK/latin1.yaml"
contains import-latin1 err "latin1.yaml:1:6: error: the file is not valid UTF-8"
cat >"$WORK/weight.yaml" <<'YAML'
cycle: 2027-Q3
objectives:
  - key: heavy
    team: growth
    title: Make the first week feel effortless
    key_results:
      - {key: heavy-a, title: Activation from 40% to 50%, metric: percent, start: 40, target: 50, weight: 1e308}
YAML
check import-weight 1 "$OKR" import "$WORK/weight.yaml"
contains import-weight err "weight.yaml:7:"
contains import-weight err "weight must be greater than 0 and at most 1000"

# YAML aliases repeat their anchor's whole node: 240 KB could expand to gigabytes.
python3 - "$WORK/alias.yaml" <<'PY'
import sys
krs = "".join(f"      - {{key: k{i}, title: Activation from 40% to 50% number {i}, metric: percent, start: 40, target: 50}}\n" for i in range(1000))
objs = "".join(f"  - {{key: o{i}, team: growth, title: Make the first week effortless, key_results: *krs }}\n" for i in range(1, 400))
open(sys.argv[1], "w").write("cycle: 2027-Q3\nobjectives:\n  - key: o0\n    team: growth\n    title: Make the first week effortless\n    key_results: &krs\n" + krs + objs)
PY
start=$(date +%s)
check lint-alias 1 "$OKR" lint "$WORK/alias.yaml"
contains lint-alias err "alias.yaml:1007:"
contains lint-alias err "YAML aliases (*name) are not allowed"
check import-alias 1 "$OKR" import "$WORK/alias.yaml"
contains import-alias err "alias.yaml:1007:"
took=$(($(date +%s) - start))
[ "$took" -le 5 ] || { echo "FAIL refusing aliases took $took s"; fails=$((fails + 1)); }

snapshot >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || { echo "FAIL refused input changed the database"; fails=$((fails + 1)); }

# Text stored before control characters were refused is shown escaped, never raw.
sqlite3 "$OKR_DB" "UPDATE check_ins SET note = 'x' || char(13) || 'forged' || char(27) || ']0;owned' || char(7) || char(155) WHERE id = (SELECT max(id) FROM check_ins WHERE key_result_id = (SELECT id FROM key_results WHERE key = 'growth-activation'))" ||
  { echo "FAIL could not store a raw note"; fails=$((fails + 1)); }
sqlite3 "$OKR_DB" "UPDATE teams SET name = 'Growth' || char(27) || '[2J' WHERE key = 'growth'"
check history-escaped 0 "$OKR" history growth-activation
check status-escaped 0 "$OKR" status
"$OKR" history growth-activation >"$WORK/shown" 2>&1
"$OKR" status >>"$WORK/shown" 2>&1
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$WORK/shown"; then
  echo "FAIL a control character reached the terminal:"; cat -v "$WORK/shown"; fails=$((fails + 1))
fi
contains history-escaped shown 'x\x0dforged\x1b]0;owned\x07\u009b'
contains status-escaped shown 'Growth\x1b[2J'

# Plain decimal numbers still work, with a sign or an exponent.
check decimal 0 "$OKR" checkin growth-activation +62.5 --confidence 0.7
check exponent 0 "$OKR" checkin growth-activation 6.3e1
contains exponent out "= 63"
finish "hardening checks passed"
