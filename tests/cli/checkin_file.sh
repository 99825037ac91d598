#!/usr/bin/env bash
# `okr checkin --file`: a CSV of check-ins recorded whole or not at all, with errors
# naming the file and the line.
source "$(dirname "$0")/lib.sh" "$@"
count() {  # the number of check-ins of a key result
  "$OKR" history "$1" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["check_ins"]))'
}

"$OKR" demo >/dev/null || { echo "FAIL demo"; exit 1; }
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
before_activation=$(count growth-activation)
before_invites=$(count growth-invites)

# A quoted note with a comma and a line break, CRLF line ends and a byte-order mark.
printf '\xef\xbb\xbfkey_result,value,confidence,note,at\r\ngrowth-activation,63.5,0.7,"checklist live, finally\r\nfor every workspace",%s\r\ngrowth-invites,26,,,\r\n' "$now" >"$WORK/good.csv"
check good 0 "$OKR" checkin --file "$WORK/good.csv" --as ana@lumen.example
contains good out "recorded 2 check-ins from $WORK/good.csv as ana@lumen.example"
[ "$(count growth-activation)" = $((before_activation + 1)) ] || { echo "FAIL activation not recorded"; fails=$((fails + 1)); }
[ "$(count growth-invites)" = $((before_invites + 1)) ] || { echo "FAIL invites not recorded"; fails=$((fails + 1)); }
"$OKR" history growth-activation --format json | python3 -c '
import json, sys
last = json.load(sys.stdin)["check_ins"][-1]
assert last["value"] == 63.5 and last["note"] == "checklist live, finally\r\nfor every workspace", last
assert last["author"] == "ana@lumen.example", last' || fails=$((fails + 1))

# One bad row refuses the whole file and names its line; nothing is written.
printf 'key_result,value\ngrowth-activation,64\ngrowth-invites,lots\n' >"$WORK/bad-value.csv"
check bad-value 1 "$OKR" checkin --file "$WORK/bad-value.csv"
contains bad-value err "$WORK/bad-value.csv:3: error: value 'lots' is not a decimal number"
printf 'key_result,value\ngrowth-activation,64\nno-such-kr,1\n' >"$WORK/unknown.csv"
check unknown 1 "$OKR" checkin --file "$WORK/unknown.csv"
contains unknown err "$WORK/unknown.csv:3: error: no key result with key 'no-such-kr'"
contains unknown err "nothing recorded"
printf 'key_result,value,colour\ngrowth-activation,64,red\n' >"$WORK/column.csv"
check unknown-column 1 "$OKR" checkin --file "$WORK/column.csv"
contains unknown-column err "unknown column 'colour'"
printf 'key_result,value\n"growth-activation,64\n' >"$WORK/unclosed.csv"
check unclosed-quote 1 "$OKR" checkin --file "$WORK/unclosed.csv"
printf 'key_result,value\ngrowth-activation,64,0.9\n' >"$WORK/extra.csv"
check extra-field 1 "$OKR" checkin --file "$WORK/extra.csv"
contains extra-field err "$WORK/extra.csv:2"
[ "$(count growth-activation)" = $((before_activation + 1)) ] || { echo "FAIL a refused file wrote a check-in"; fails=$((fails + 1)); }

# Usage: a file or a key result and a value, not both, not neither.
check neither 2 "$OKR" checkin
check both 2 "$OKR" checkin growth-activation 64 --file "$WORK/good.csv"
check missing-file 2 "$OKR" checkin --file "$WORK/nope.csv"

finish "check-ins from a file work"
