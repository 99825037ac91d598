#!/usr/bin/env bash
# Comments and the inbox as a user types them: okr comment add, reply, list, edit,
# delete and viewers, and okr inbox (with read); refusals name the problem and change
# nothing.
source "$(dirname "$0")/lib.sh" "$@"

for cmd in "comment" "comment list" "comment add" "comment reply" "comment edit" \
  "comment delete" "comment viewers" "inbox" "inbox read"; do
  check "help-$cmd" 0 "$OKR" $cmd --help
  contains "help-example-$cmd" out "Example"
done
check demo 0 "$OKR" demo

# A comment needs an author and a subject.
check no-author 1 "$OKR" comment add --objective growth-first-week "hello"
contains no-author err "a comment needs an author"
check no-subject 2 "$OKR" comment add "hello" --as ben@lumen.example
contains no-subject err "one of --objective, --key-result or --check-in"
check unknown-mention 1 "$OKR" comment add --objective growth-first-week "hi @zed@lumen.example" --as ben@lumen.example
contains unknown-mention err "@zed@lumen.example names no one"
check nothing-written 0 "$OKR" comment list --objective growth-first-week
contains nothing-written out "no comments"

check add 0 "$OKR" comment add --objective growth-first-week "Why the dip, @ben@lumen.example?" --as maya@lumen.example
contains add out "comment 1 on objective growth-first-week, mentioning ben@lumen.example"
check reply 0 "$OKR" comment reply 1 "The **pricing test**." --as ben@lumen.example
contains reply out "comment 2 replies to comment 1"
check on-kr 0 "$OKR" comment add --key-result growth-activation "Weekly check-ins?" --as ana@lumen.example
check list 0 "$OKR" comment list --objective growth-first-week
contains list out "#1 Maya <maya@lumen.example> on objective growth-first-week"
contains list out "    #2 Ben <ben@lumen.example> on objective growth-first-week"
contains list out "#3 Ana <ana@lumen.example> on key result growth-activation"
check list-json 0 "$OKR" comment list --key-result growth-activation --format json
contains list-json out '"body":"Weekly check-ins?"'

# Ben was mentioned; Maya got his reply; Ana (the objective's owner) the comments.
check ben-inbox 0 "$OKR" inbox --as ben@lumen.example
contains ben-inbox out "2 unread"
contains ben-inbox out "Maya mentioned you on objective growth-first-week"
contains ben-inbox out "Ana commented on key result growth-activation, which you own"
check maya-inbox 0 "$OKR" inbox --unread --format json --as maya@lumen.example
contains maya-inbox out '"kind":"reply"'
check read-one 0 "$OKR" inbox read 1 --as ben@lumen.example
check not-mine 1 "$OKR" inbox read 1 --as ana@lumen.example
contains not-mine err "you have no notification 1"
check read-all 0 "$OKR" inbox read --all --as ben@lumen.example
contains read-all out "marked 1 read"
check read-nothing 2 "$OKR" inbox read --as ben@lumen.example
check no-inbox 1 "$OKR" inbox
contains no-inbox err "an inbox belongs to a person"

# Only the author edits; the author or an administrator deletes.
check edit-not-mine 1 "$OKR" comment edit 3 "mine now" --as ben@lumen.example
contains edit-not-mine err "only its author may edit comment 3"
check edit 0 "$OKR" comment edit 3 "Every Monday?" --as ana@lumen.example
check delete-not-mine 1 "$OKR" comment delete 3 --as ben@lumen.example
check delete 0 "$OKR" comment delete 3 --as ana@lumen.example
check after-delete 0 "$OKR" comment list --key-result growth-activation
contains after-delete out "(deleted)"
lacks after-delete out "Every Monday?"

# Viewers comment only when allowed.
"$OKR" user add vera@lumen.example --name Vera >/dev/null 2>&1
"$OKR" team add-member growth vera@lumen.example --role viewer >/dev/null 2>&1
check viewer-refused 1 "$OKR" comment add --objective growth-first-week "Nice" --as vera@lumen.example
contains viewer-refused err "your role does not allow you to comment"
check viewers-allow 0 "$OKR" comment viewers allow
check viewer-allowed 0 "$OKR" comment add --objective growth-first-week "Nice" --as vera@lumen.example
check viewers-bad 2 "$OKR" comment viewers maybe

finish "comments and the inbox from the command line"
