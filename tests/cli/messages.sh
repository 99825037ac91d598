#!/usr/bin/env bash
# What a person reads after the commonest mistakes: one "okr <command>: error:" line
# naming the mistake and what was probably meant, exit status 2 for a mistyped command
# line and 1 for a name that matches nothing; nothing in the database changes.
source "$(dirname "$0")/lib.sh" "$@"
"$OKR" demo >/dev/null || { echo "FAIL demo"; exit 1; }
first_line() { head -1 "$WORK/err"; }
says() {  # says NAME EXACT-FIRST-LINE-OF-STDERR
  [ "$(first_line)" = "$2" ] || fail "$1: said '$(first_line)', wanted '$2'"
}
before=$("$OKR" history growth-activation --format json)

# 1. A mistyped option names the option meant.
check misspelt-option 2 "$OKR" checkin growth-activation 62 --confidance 0.7
says misspelt-option "okr checkin: error: unknown option --confidance; did you mean --confidence?"
contains misspelt-option err "See 'okr checkin --help'"
lacks misspelt-option err "not expected"
check misspelt-option-equals 2 "$OKR" status --tema=growth
says misspelt-option-equals "okr status: error: unknown option --tema; did you mean --team?"

# 2. A missing argument is named with what it is.
check missing-argument 2 "$OKR" history
says missing-argument "okr history: error: missing key_result (key of the key result)"
lacks missing-argument err "required"

# 3. An option without its value.
check option-without-value 2 "$OKR" checkin growth-activation 62 --note
says option-without-value "okr checkin: error: --note needs a value"

# 4. A key, a team or a cycle that does not exist names the nearest, and the command that
#    lists them.
check misspelt-key 1 "$OKR" checkin growth-activaton 62
says misspelt-key "okr checkin: error: no key result with key 'growth-activaton'; did you mean 'growth-activation'?"
contains misspelt-key err "'okr status' lists the key results"
check misspelt-team 1 "$OKR" status --team grwoth
says misspelt-team "okr status: error: no team with key 'grwoth'; did you mean 'growth'?"
contains misspelt-team err "'okr team list' lists the teams."
check unknown-team 1 "$OKR" status --team zzzzzzzz
says unknown-team "okr status: error: no team with key 'zzzzzzzz'"
cycle=$("$OKR" status --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["cycle"]["name"])')
check misspelt-cycle 1 "$OKR" status --cycle "${cycle%?}9"
contains misspelt-cycle err "no cycle named '${cycle%?}9'; did you mean"
contains misspelt-cycle err "'okr cycle list' lists the cycles."

# 5. A cycle named in another case is that cycle.
lower=$(echo "$cycle" | tr 'A-Z' 'a-z')
check cycle-any-case 0 "$OKR" status --cycle "$lower" --team growth
contains cycle-any-case out "growth"

# 6. An unknown command names the nearest (git's way).
check misspelt-command 2 "$OKR" chekin growth-activation 62
contains misspelt-command err "The most similar command is"
contains misspelt-command err "checkin"

# None of these changed anything.
[ "$("$OKR" history growth-activation --format json)" = "$before" ] ||
  fail "a refused command changed the key result's check-ins"
finish "the commonest mistakes are named, with what was meant"
