#!/usr/bin/env bash
# Sprint work from trackers and the sprint report, as a user types them: okr import-work
# with each tracker's export, bad rows by file:line, re-import, and okr sprint report in
# each format.
source "$(dirname "$0")/lib.sh" "$@"
DATA="$SRC/tests/data/work"

for cmd in "import-work" "sprint" "sprint report" "sprint list"; do
  check "help-$cmd" 0 "$OKR" $cmd --help
done
contains help-sprint-list out "okr sprint list --team growth"
check demo 0 "$OKR" demo

# Jira: five rows imported, three bad ones named by line; exit 1 because rows were skipped.
check jira 1 "$OKR" import-work "$DATA/jira.csv" --format jira --team growth
contains jira out "jira.csv: 5 created, 0 updated, 0 unchanged, 3 skipped"
contains jira out "jira.csv:9: skipped: the row has no 'Issue key'"
contains jira out "jira.csv:10: skipped: GROW-147: status 'Parked by legal' is not one okr knows"
contains jira out "jira.csv:11: skipped: GROW-148: key result 'growth-nonexistent' does not exist"
check jira-again 1 "$OKR" import-work "$DATA/jira.csv" --format jira --team growth --json
contains jira-again out '"created":0,"updated":0,"unchanged":5'
check gitlab 1 "$OKR" import-work "$DATA/gitlab.csv" --format gitlab --team growth
contains gitlab out "2 created"
check github 1 "$OKR" import-work "$DATA/github.tsv" --format github --team growth
contains github out "2 created"

# Usage errors and files that are not the tracker's export.
check no-format 2 "$OKR" import-work "$DATA/jira.csv"
check bad-format 2 "$OKR" import-work "$DATA/jira.csv" --format trello
check missing-file 2 "$OKR" import-work "$WORK/nope.csv" --format jira
check wrong-tracker 1 "$OKR" import-work "$DATA/gitlab.csv" --format jira --team growth
contains wrong-tracker err "a jira export has a 'Issue key' column"
check unknown-team 1 "$OKR" import-work "$DATA/jira.csv" --format jira --team nobody
contains unknown-team err "no team with key 'nobody'"

# The sprint report in each format.
check sprint-list 0 "$OKR" sprint list --team growth
contains sprint-list out "Growth 4"
check report 0 "$OKR" sprint report "Growth 4" --team growth
# Growth 4 holds the demo's GROW-131 and what the three imports put there.
contains report out "3 of 5 finished work items (60 %) serve a key result"
contains report out "done: GROW-142  Checklist that shows the next step"
contains report out "finished work serving no key result"
check report-md 0 "$OKR" sprint report "Growth 4" --format md
contains report-md out "# Growth 4"
check report-csv 0 "$OKR" sprint report "Growth 4" --format csv
contains report-csv out "'=HYPERLINK("
check report-json 0 "$OKR" sprint report "Growth 4" --format json
contains report-json out '"linked_done":3'
check report-unknown 1 "$OKR" sprint report "Growth 99" --team growth
contains report-unknown err "no sprint named 'Growth 99' in team 'growth'"

# Trackers whose webhooks keep the work current: a made secret shown once and never
# listed; a secret of one's own from a file, never echoed; usage errors.
check tracker-help 0 "$OKR" tracker add --help
contains tracker-help out "okr tracker add github-web --source github --team growth"
check tracker-add 0 "$OKR" tracker add github-web --source github --team growth
contains tracker-add out "its webhook's address: <okr address>/api/v1/hooks/github"
contains tracker-add out "shown this once"
secret=$(awk '/shown this once/ {print $NF}' "$WORK/out")
[ "${#secret}" -gt 40 ] || fail "tracker-add: no secret printed"
printf 'a-gitlab-token-of-ours\n' >"$WORK/token"
check tracker-add-file 0 "$OKR" tracker add gitlab-app --source gitlab --secret-file "$WORK/token"
lacks tracker-add-file out "a-gitlab-token-of-ours"
lacks tracker-add-file out "shown this once"
check tracker-list 0 "$OKR" tracker list --format json
contains tracker-list out '"name":"github-web","source":"github","team":"growth"'
lacks tracker-list out "$secret"
check tracker-list-text 0 "$OKR" tracker list
contains tracker-list-text out "/api/v1/hooks/gitlab"
check tracker-dup 1 "$OKR" tracker add github-web --source gitlab
contains tracker-dup err "a tracker named 'github-web' exists already"
check tracker-bad-source 2 "$OKR" tracker add other --source trello
SHORT_SECRET=short check tracker-short 1 "$OKR" tracker add other --source jira --secret-env SHORT_SECRET
contains tracker-short err "16–256 printable ASCII characters"
check tracker-no-team 1 "$OKR" tracker add other --source jira --team nobody
contains tracker-no-team err "no team with key 'nobody'"
check tracker-remove 0 "$OKR" tracker remove gitlab-app
check tracker-remove-again 1 "$OKR" tracker remove gitlab-app
contains tracker-remove-again err "no tracker named 'gitlab-app'"

finish "all work tests passed"
