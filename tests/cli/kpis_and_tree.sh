#!/usr/bin/env bash
# KPIs beside the OKRs and the alignment tree, as a user types them: okr kpi list,
# record and import (bad rows by file:line), the KPIs in okr status, and okr tree.
set -uo pipefail
OKR=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export OKR_DB="$WORK/okr.db"
fails=0
check() {  # check NAME EXPECTED_STATUS COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, wanted $want"; cat "$WORK/out" "$WORK/err"; fails=$((fails + 1))
  fi
}
contains() {  # contains NAME FILE TEXT
  if ! grep -qF -- "$3" "$WORK/$2"; then
    echo "FAIL $1: '$3' not in $2:"; cat "$WORK/$2"; fails=$((fails + 1))
  fi
}

for cmd in "kpi" "kpi list" "kpi record" "kpi import" "tree"; do
  check "help-$cmd" 0 "$OKR" $cmd --help
done
check demo 0 "$OKR" demo

check record-dated 0 "$OKR" kpi record api-availability 99.1 --at 2026-01-05
contains record-dated out "recorded api-availability = 99.1% at 2026-01-05T00:00:00Z"
check record 0 "$OKR" kpi record api-availability 99.7
contains record out "recorded api-availability = 99.7% at "
contains record out "; now warning"
check record-bad-time 2 "$OKR" kpi record api-availability 99.7 --at yesterday
check record-unknown 1 "$OKR" kpi record nope 1
contains record-unknown err "no KPI 'nope'"
check list 0 "$OKR" kpi list
contains list out "api-availability"
contains list out "warning"
check list-json 0 "$OKR" kpi list --team platform --format json
contains list-json out '"health":"warning"'

printf 'kpi,value,at\napi-availability,99.95,\nnope,1,\nsupport-backlog,many,\n' >"$WORK/m.csv"
check import 1 "$OKR" kpi import "$WORK/m.csv"
contains import out "m.csv: 1 measurements recorded, 2 skipped"
contains import out "m.csv:3: skipped: no KPI 'nope'"
contains import out "m.csv:4: skipped: support-backlog: value 'many' is not a number"
check import-not-csv 1 "$OKR" kpi import "$SRC/README.md"

check status 0 "$OKR" status --team platform
contains status out "KPI API availability  99.95 %  healthy"
check status-json 0 "$OKR" status --format json
contains status-json out '"kpis":[{"key":"api-availability"'

check tree 0 "$OKR" tree
contains tree out "orphans (team objectives aligned to nothing)"
contains tree out "share of each function's objectives serving each company objective"
check tree-json 0 "$OKR" tree --format json
contains tree-json out '"functions":['
check tree-unknown-cycle 1 "$OKR" tree --cycle 1999-Q1

if [ "$fails" -ne 0 ]; then echo "$fails failure(s)"; exit 1; fi
echo "all KPI and tree tests passed"
