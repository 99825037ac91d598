#!/usr/bin/env bash
# KPIs beside the OKRs, the alignment tree and dependencies between teams, as a user
# types them: okr kpi list, record and import (bad rows by file:line), the KPIs in okr
# status, okr tree, and okr dependency add, answer, list and remove.
source "$(dirname "$0")/lib.sh" "$@"

for cmd in "kpi" "kpi list" "kpi record" "kpi import" "tree" "dependency" "dependency add" \
  "dependency answer" "dependency remove" "dependency list"; do
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
contains tree out "[design-clarity, design]  → growth-activation"
contains tree out "share of each function's objectives serving each company objective"
check tree-json 0 "$OKR" tree --format json
contains tree-json out '"functions":['
contains tree-json out '"aligns_to_key_result":"growth-activation"'
check tree-unknown-cycle 1 "$OKR" tree --cycle 1999-Q1

# Dependencies: growth's invites key result waits on platform in the demo.
check help-dependency-examples 0 "$OKR" dependency --help
contains help-dependency-examples out "Examples:"
check dependency-list 0 "$OKR" dependency list --asked-of platform
contains dependency-list out "growth-invites"
contains dependency-list out "pending"
check status-risk 0 "$OKR" status --team growth
contains status-risk out "risk: needs platform (pending)"
check dependency-self 1 "$OKR" dependency add growth-activation growth
contains dependency-self err "a dependency is on another team"
check dependency-viewer 1 "$OKR" dependency add growth-activation platform --as kim@lumen.example
contains dependency-viewer err "your role does not allow you to declare what key result"
check dependency-unknown 1 "$OKR" dependency answer 999 confirmed
contains dependency-unknown err "dependency 999 does not exist"
check dependency-bad-state 2 "$OKR" dependency answer 2 maybe
check dependency-answer 0 "$OKR" dependency answer 2 confirmed --answer "sending domain in sprint 3"
contains dependency-answer out "needs platform: confirmed"
check status-confirmed 0 "$OKR" status --team growth
contains status-confirmed out "needs platform (confirmed)"
check dependency-json 0 "$OKR" dependency list --format json --state confirmed
contains dependency-json out '"answer":"sending domain in sprint 3"'
check dependency-remove-wrong-team 1 "$OKR" dependency remove 2 --as grace@lumen.example
check dependency-remove 0 "$OKR" dependency remove 2
check dependency-gone 0 "$OKR" dependency list --asked-of platform
contains dependency-gone out "no dependencies"

finish "all KPI, tree and dependency tests passed"
