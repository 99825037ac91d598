#!/usr/bin/env bash
# The end of a quarter from the command line: reminders, health, the grading ritual,
# closing and its lock, carry-over, and the grading report in its three formats:
# the CSV parses back to the numbers of `okr grade --format json`, the Markdown's
# tables are well formed, and the HTML parses and references nothing outside itself.
source "$(dirname "$0")/lib.sh" "$@"

"$OKR" demo >/dev/null || { echo "FAIL demo"; exit 1; }
for cmd in "cycle" "cycle list" "cycle move" "grade override" "grade reflect" "grade retro" \
  "grade clear-override" "carry-over" "health" "remind" "report grading" "settings status-rule"; do
  # shellcheck disable=SC2086
  check "help-$cmd" 0 "$OKR" $cmd --help
  contains "help-$cmd" out "Usage"
done

names=$("$OKR" cycle list --format json | python3 -c '
import json, sys
cycles = json.load(sys.stdin)
print(next(c["name"] for c in cycles if c["state"] == "closed"), next(c["name"] for c in cycles if c["state"] == "active"))')
read -r prev current <<<"$names"
suffix=$(echo "$prev" | tr -d '-' | tr 'A-Z' 'a-z')

# During the cycle.
check remind 0 "$OKR" remind
check remind-json 0 "$OKR" remind --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
r = json.load(open(sys.argv[1]))
assert r["stale"] == sum(len(o["key_results"]) for o in r["owners"]), r
PY
check health 0 "$OKR" health
contains health out "OWNED"
contains health out "company"
check status-stale 0 "$OKR" status --format json
python3 - "$WORK/out" <<'PY' || fails=$((fails + 1))
import json, sys
s = json.load(open(sys.argv[1]))
krs = [k for t in s["teams"] for o in t["objectives"] for k in o["key_results"]]
assert all("stale" in k and "source" in k and "forecast" in k and "pace" in k for k in krs)
assert any(k["forecast"] is not None for k in krs), "no key result has a forecast"
for k in krs:
    if k["forecast"]:
        assert k["forecast"]["low"] <= k["forecast"]["score"] <= k["forecast"]["high"], k
PY
check checkin-before-cycle 1 "$OKR" checkin growth-activation 60 --at 2001-01-01
contains checkin-before-cycle err "must be dated within cycle $current"
check checkin-low-confidence 1 "$OKR" checkin growth-activation 60 --confidence 0.2
contains checkin-low-confidence err "needs a note"

# Grading the previous quarter: it is closed, so it is locked.
check grade-prev 0 "$OKR" grade --cycle "$prev"
contains grade-prev out "closed: final grades"
contains grade-prev out "worked:"
check override-locked 1 "$OKR" grade override "growth-activation-$suffix" 0.5 --reason "recount"
contains override-locked err "is closed, so its OKRs are locked"
check move-skip 1 "$OKR" cycle move "$current" closed
contains move-skip err "next to grading"
check move-grading 0 "$OKR" cycle move "$current" grading
check override 0 "$OKR" grade override growth-activation 0.6 --reason "trials were counted twice" --as ana@lumen.example
check override-needs-reason 2 "$OKR" grade override growth-activation 0.6
check override-out-of-range 1 "$OKR" grade override growth-activation 1.6 --reason "x"
# Before anyone answers, the report still asks the retrospective's four questions.
check report-unanswered 0 "$OKR" report grading --format md
contains report-unanswered out "No retrospective written yet."
contains report-unanswered out "- **Where does the process still create friction or delay?** (not answered)"
check report-unanswered-html 0 "$OKR" report grading --format html
contains report-unanswered-html out "<dt>How will we know the framework is improving execution?</dt><dd>(not answered)</dd>"
check reflect 0 "$OKR" grade reflect growth-first-week --worked "weekly reviews" --learned "start small"
check retro 0 "$OKR" grade --team growth retro --friction "check-ins collide with the release"
check retro-org 0 "$OKR" grade retro --problem "work did not connect to outcomes"
check grade-current 0 "$OKR" grade
contains grade-current out "overridden by"
contains grade-current out "trials were counted twice"
contains grade-current out "worked: weekly reviews"
contains grade-current out "retrospective: 2 written"

# The report, in three formats, agrees with the grading document.
check grade-json 0 "$OKR" grade --format json
cp "$WORK/out" "$WORK/grade.json"
check report-csv 0 "$OKR" report grading --format csv -o "$WORK/report.csv"
check report-md 0 "$OKR" report grading --format md -o "$WORK/report.md"
check report-html 0 "$OKR" report grading --format html -o "$WORK/report.html"
python3 - "$WORK" <<'PY' || fails=$((fails + 1))
import csv, json, re, sys, xml.dom.minidom
from html.parser import HTMLParser
work = sys.argv[1]
doc = json.load(open(f"{work}/grade.json"))
rows = list(csv.DictReader(open(f"{work}/report.csv", newline="")))
want = {}
for t in doc["teams"]:
    for o in t["objectives"]:
        for k in o["key_results"]:
            want[k["key"]] = (t["key"], o["key"], o["score"], k["computed_score"], k["score"], k["source"])
assert len(rows) == len(want), (len(rows), len(want))
for r in rows:
    t, o, os_, cs, s, src = want[r["key_result"]]
    assert (r["team"], r["objective"], r["source"]) == (t, o, src), r
    assert float(r["objective_score"]) == os_ and float(r["computed_score"]) == cs and float(r["score"]) == s, r
overridden = [r for r in rows if r["source"] == "override"]
assert any(r["override_reason"] == "trials were counted twice" for r in overridden), overridden

# Markdown: every table has a header, a separator and rows with as many cells.
lines = open(f"{work}/report.md").read().splitlines()
tables = 0
i = 0
def cells(line):
    return len(re.split(r"(?<!\\)\|", line.strip())) - 2
while i < len(lines):
    if lines[i].startswith("|"):
        tables += 1
        n = cells(lines[i])
        assert re.fullmatch(r"\|( --- \|)+", lines[i + 1]), lines[i + 1]
        assert cells(lines[i + 1]) == n
        i += 2
        while i < len(lines) and lines[i].startswith("|"):
            assert cells(lines[i]) == n, (lines[i], n)
            i += 1
    else:
        i += 1
assert tables >= 5, tables
assert "trials were counted twice" in open(f"{work}/report.md").read()

# HTML: well formed (it parses as XML), and nothing is fetched from outside.
html = open(f"{work}/report.html").read()
xml.dom.minidom.parseString(html.replace("<!DOCTYPE html>", ""))
class Refs(HTMLParser):
    bad = []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe", "object", "embed"):
            self.bad.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action"):
                self.bad.append(f"{tag} {name}={value}")
p = Refs()
p.feed(html)
assert not p.bad, p.bad
assert "url(" not in html and "@import" not in html
assert html.count("<svg") == 2
assert "trials were counted twice" in html
PY

# Closing locks; carry-over copies into the next cycle with final values as baselines.
check close 0 "$OKR" cycle move "$current" closed
contains close out "locked"
check checkin-locked 1 "$OKR" checkin growth-activation 60
contains checkin-locked err "is closed, so its OKRs are locked"
check reflect-locked 1 "$OKR" grade reflect growth-first-week --worked "late"
check carry-into-closed 1 "$OKR" carry-over "growth-onboarding-$suffix" --from "$prev" --to "$current"
check reopen 0 "$OKR" cycle move "$current" active
check reopen-as-member 1 "$OKR" cycle move "$current" grading --as ben@lumen.example
contains reopen-as-member err "only an administrator or the lead of a top-level team"
check carry 0 "$OKR" carry-over "growth-onboarding-$suffix" --from "$prev" --to "$current"
contains carry out "as growth-onboarding-"
check carry-again 1 "$OKR" carry-over "growth-onboarding-$suffix" --from "$prev" --to "$current"
contains carry-again err "carried over before"

# The status rule.
check rule 0 "$OKR" settings status-rule
contains rule out "at most 0.1 behind"
check rule-bad 1 "$OKR" settings status-rule --on-track-within 0.5
contains rule-bad err "on_track_within cannot exceed off_track_beyond"
check rule-member 1 "$OKR" settings status-rule --on-track-within 0.05 --as ben@lumen.example
check rule-set 0 "$OKR" settings status-rule --on-track-within 0.05
contains rule-set out "at most 0.05 behind"

finish "grading from the command line works"
