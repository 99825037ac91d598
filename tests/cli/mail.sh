#!/usr/bin/env bash
# E-mail end to end with a real SMTP server on loopback (aiosmtpd, STARTTLS required,
# a user and password): okr mail set refuses a bad server and names it; okr notify test
# --email sends; a mention reaches the mentioned person as plain text and HTML with a
# working one-click unsubscribe (RFC 8058); check-in reminders and the weekly digest are
# queued once per period; quiet hours hold a message back; a refused address is given up;
# the password is never printed or logged.
source "$(dirname "$0")/lib.sh" "$@"
SMTPD="$SRC/tests/cli/smtp_server.py"
PY=/usr/bin/python3  # Debian's, which has python3-aiosmtpd
if ! "$PY" -c 'import aiosmtpd' 2>/dev/null; then
  echo "python3-aiosmtpd is not installed (scripts/install-deps installs it)"
  exit 1
fi
export OKR_OUTBOX_POLL_MS=50 OKR_OUTBOX_RETRY_BASE_MS=200 OKR_OUTBOX_RETRY_MAX_MS=400

wait_until() {  # wait_until SECONDS COMMAND...: polls COMMAND until it succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}
mails() { find "$WORK/mail" -name '*.eml' | wc -l; }
mail_count_is_at_least() { [ "$(mails)" -ge "$1" ]; }
# The newest message to ADDRESS whose subject holds TEXT, as a file name (empty: none).
find_mail() {
  "$PY" - "$WORK/mail" "$1" "$2" <<'PY'
import email, email.policy, glob, os, sys
found = ""
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")), key=os.path.getmtime):
    m = email.message_from_binary_file(open(path, "rb"), policy=email.policy.default)
    if sys.argv[2] in m["X-Envelope-To"] and sys.argv[3] in str(m["Subject"]):
        found = path
print(found)
PY
}
has_mail() { [ -n "$(find_mail "$1" "$2")" ]; }

for sub in set show off queue remind digest; do
  check "mail $sub --help" 0 "$OKR" mail "$sub" --help
  contains "mail $sub --help has an example" out "Example"
done
check "notify test --help" 0 "$OKR" notify test --help
contains "notify test --help shows --email" out "--email"

"$OKR" demo >/dev/null 2>&1 || fail "demo"

# Mail is off until an administrator sets it; nothing is queued meanwhile.
check "mail show, off" 0 "$OKR" mail show
contains "mail is off" out "mail is off"
check "notify test without mail" 1 "$OKR" notify test --email ana@lumen.example
contains "it says how to turn mail on" err "okr mail set"

# A bad configuration is refused, named, and leaves mail off.
check "an http server is refused" 1 "$OKR" mail set --smtp http://mail.example.com --from okr@lumen.example --public-url http://okr.example.com
contains "the refusal names the SMTP form" err "smtp://HOST"
check "credentials in the URL are refused" 1 "$OKR" mail set --smtp smtp://me:secret@mail.example.com --from okr@lumen.example --public-url http://okr.example.com
contains "the refusal says to give them apart" err "--user"
check "a bad sender is refused" 1 "$OKR" mail set --smtp smtp://mail.example.com --from nobody --public-url http://okr.example.com
contains "the refusal names the sender" err "'nobody' is not an e-mail address"
check "a bad --tls is refused" 2 "$OKR" mail set --smtp smtp://mail.example.com --from okr@lumen.example --public-url http://okr.example.com --tls maybe
check "still off" 0 "$OKR" mail show --format json
contains "mail stayed off" out '"mail":null'

# The SMTP server: STARTTLS required, then a user and password.
mkdir -p "$WORK/mail"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
  -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1 ||
  fail "openssl could not make a certificate"
"$PY" "$SMTPD" "$WORK/smtp-port" "$WORK/mail" --tls "$WORK/cert.pem" "$WORK/key.pem" \
  --auth okr-mailer "s3cret-smtp-pw" --refuse gone@lumen.example 2>"$WORK/smtpd.log" &
STOP_AT_EXIT="$STOP_AT_EXIT $!"
wait_until 15 test -s "$WORK/smtp-port" || fail "the SMTP server did not start: $(cat "$WORK/smtpd.log")"
SPORT=$(cat "$WORK/smtp-port")

start_server
printf 's3cret-smtp-pw\n' >"$WORK/smtp-password"
check "mail set" 0 "$OKR" mail set --smtp "smtp://127.0.0.1:$SPORT" --from okr@lumen.example \
  --user okr-mailer --password-file "$WORK/smtp-password" --ca-file "$WORK/cert.pem" --public-url "$url/"
contains "mail set says what it did" out "mail is on: smtp://127.0.0.1:$SPORT (TLS required), as okr-mailer"
check "mail show" 0 "$OKR" mail show
contains "mail show says the password is set" out "set (not shown)"
lacks "mail show never prints the password" out "s3cret-smtp-pw"

# A test e-mail, sent at once; a wrong password is named as what failed.
check "notify test --email" 0 "$OKR" notify test --email ana@lumen.example
contains "the test was taken" out "took the test e-mail to ana@lumen.example"
has_mail ana@lumen.example "okr: a test e-mail" || fail "the test e-mail did not arrive"
OKR_SMTP_PASSWORD=wrong check "a wrong password fails" 1 "$OKR" notify test --email ana@lumen.example
contains "the failure names the login" out "did not take the test e-mail"
lacks "the failure never shows the password" out "wrong"

# A mention: an e-mail to the mentioned person, with text and HTML parts.
check "mention" 0 "$OKR" comment add --objective growth-first-week "Why the <b>dip</b>, @ben@lumen.example?" --as maya@lumen.example
wait_until 20 has_mail ben@lumen.example "mentioned you" || fail "the mention e-mail did not arrive: $(cat "$WORK/serve.log")"
MENTION=$(find_mail ben@lumen.example "mentioned you")
"$PY" - "$MENTION" "$url" >"$WORK/unsubscribe-url" <<'PY' || fail "the mention e-mail is not as it should be"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
base = sys.argv[2]
assert m["From"].addresses[0].addr_spec == "okr@lumen.example", m["From"]
assert m["To"].addresses[0].addr_spec == "ben@lumen.example", m["To"]
assert "Maya" in str(m["Subject"]) and "mentioned you" in str(m["Subject"]), m["Subject"]
assert m["Message-ID"] and m["Date"], "Message-ID and Date"
assert m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", m["List-Unsubscribe-Post"]
unsub = str(m["List-Unsubscribe"]).strip("<>")
assert unsub.startswith(base + "/api/v1/unsubscribe?token="), unsub
text = m.get_body(preferencelist=("plain",)).get_content()
html = m.get_body(preferencelist=("html",)).get_content()
assert "Why the <b>dip</b>" in text, text
assert "Why the &lt;b&gt;dip&lt;/b&gt;" in html and "<b>dip</b>" not in html, html
assert base + "/objectives/growth-first-week" in text, text
assert 'href="' + base + '/objectives/growth-first-week"' in html, html
assert base + "/unsubscribe?token=" in text, text
print(unsub)
PY
UNSUB=$(cat "$WORK/unsubscribe-url")

# One click (RFC 8058): mentions stop reaching ben by e-mail, but stay in the inbox.
BEN=$("$OKR" token create --user ben@lumen.example --name mail 2>/dev/null) || fail "token"
check "a forged token is refused" 0 curl -s -o "$WORK/forged" -w '%{http_code}' -X POST "$url/api/v1/unsubscribe?token=2.mention.00000000000000000000000000000000"
contains "forged: 422" out "422"
check "what the link stops" 0 curl -sf "$UNSUB"
contains "it names the address" out '"email":"ben@lumen.example"'
contains "it names the kind" out '"kind":"mention"'
check "one-click unsubscribe" 0 curl -sf -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data 'List-Unsubscribe=One-Click' "$UNSUB"
contains "it is done" out '"done":true'
check "ben's preferences" 0 curl -sf -H "Authorization: Bearer $BEN" "$url/api/v1/notifications/preferences"
contains "mentions now go to the inbox only" out '"mention":"in_app"'
BEFORE=$(mails)
check "a second mention" 0 "$OKR" comment add --objective growth-first-week "And now, @ben@lumen.example?" --as maya@lumen.example
check "ben's inbox" 0 "$OKR" inbox --as ben@lumen.example
contains "the mention is in the inbox" out "And now"

# Check-in reminders: each owner of silent key results once per cadence period. The
# demo checks in weekly; a team that checks in daily has key results due.
MAYA=$("$OKR" token create --user maya@lumen.example --name mail 2>/dev/null) || fail "token"
check "growth checks in daily" 0 curl -sf -X PATCH -H "Authorization: Bearer $MAYA" -H 'If-Match: *' \
  -H 'Content-Type: application/json' --data '{"check_in_cadence_days": 1}' "$url/api/v1/teams/growth"
# (The server looks for reminders too, a few seconds after it starts.)
check "mail remind" 0 "$OKR" mail remind
contains "mail remind says what it did" out "reminded of key results due a check-in"
check "mail remind again" 0 "$OKR" mail remind
contains "a period's reminder goes once" out "0 people reminded"
wait_until 20 has_mail "@lumen.example" "Check in on" || fail "no reminder e-mail arrived"
REMINDER=$(find_mail "@lumen.example" "Check in on")
"$PY" - "$REMINDER" "$url" <<'PY' || fail "the reminder is not as it should be"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
text = m.get_body(preferencelist=("plain",)).get_content()
assert "Check in: " + sys.argv[2] + "/" in text, text
assert "  - " in text and "days" in text or "never checked in" in text, text
assert "Stop check-in reminders" in text, text
PY

# The weekly digest, once a week per person.
# (On a Monday morning the server has queued them already.)
check "mail digest --now" 0 "$OKR" mail digest --now
contains "mail digest says what it did" out "digests queued"
check "mail digest --now again" 0 "$OKR" mail digest --now
contains "a week's digest goes once" out "0 digests queued"
wait_until 30 has_mail ana@lumen.example "Your week in" || fail "ana's digest did not arrive"

# Quiet hours hold an e-mail back until they end.
ANA=$("$OKR" token create --user ana@lumen.example --name mail 2>/dev/null) || fail "token"
FROM=$(date -u -d '-1 hour' +%H:00)
TO=$(date -u -d '+2 hour' +%H:00)
check "quiet hours" 0 curl -sf -X PUT -H "Authorization: Bearer $ANA" -H 'Content-Type: application/json' \
  --data "{\"time_zone\":\"UTC\",\"quiet_hours\":{\"from\":\"$FROM\",\"to\":\"$TO\"}}" "$url/api/v1/notifications/email"
contains "quiet hours are kept" out "\"quiet_hours\":{\"from\":\"$FROM\",\"to\":\"$TO\"}"
check "a bad time zone is refused" 0 curl -s -o "$WORK/tz" -w '%{http_code}' -X PUT -H "Authorization: Bearer $ANA" -H 'Content-Type: application/json' \
  --data '{"time_zone":"Mars/Olympus"}' "$url/api/v1/notifications/email"
contains "bad zone: 422" out "422"
contains "the refusal names the zone" tz "Mars/Olympus"
check "mention ana at night" 0 "$OKR" comment add --objective growth-first-week "Late thought, @ana@lumen.example" --as maya@lumen.example
sleep 1
has_mail ana@lumen.example "mentioned you" && fail "a mention reached ana during her quiet hours"
check "mail queue" 0 "$OKR" mail queue --format json
"$PY" - "$WORK/out" <<'PY' || fail "the quiet-hours mention is not waiting: $(cat "$WORK/out")"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
mine = [i for i in items if i["to"] == "ana@lumen.example" and i["kind"] == "mention"]
assert mine and not mine[0]["sent"] and mine[0]["attempts"] == 0, mine
PY

# An address the server refuses (550) is given up at once, not retried for a day.
"$OKR" user add gone@lumen.example --name Gone >/dev/null 2>&1 || fail "user add"
check "mention gone" 0 "$OKR" comment add --objective growth-first-week "@gone@lumen.example?" --as maya@lumen.example
given_up() {
  "$OKR" mail queue --format json >"$WORK/queue" 2>/dev/null &&
    "$PY" -c 'import json,sys; q=json.load(open(sys.argv[1]))["items"]; sys.exit(0 if any(i["to"]=="gone@lumen.example" and i["given_up"] for i in q) else 1)' "$WORK/queue"
}
wait_until 20 given_up || fail "the refused address was not given up: $(cat "$WORK/queue")"
check "mail queue, text" 0 "$OKR" mail queue
contains "the queue says why" out "given up"

# The password is in no log and no audit entry.
check "audit" 0 curl -sf -H "Authorization: Bearer $MAYA" "$url/api/v1/audit-events?limit=200"
lacks "the audit never holds the password" out "s3cret-smtp-pw"
contains "mail set is audited" out '"entity_type":"mail"'
kill "$server_pid"
wait "$server_pid" 2>/dev/null
lacks "the server log never holds the password" serve.log "s3cret-smtp-pw"

check "mail off" 0 "$OKR" mail off
check "mail show after off" 0 "$OKR" mail show
contains "mail is off again" out "mail is off"
finish "e-mail: set, test, mention with one-click unsubscribe, reminders, digest, quiet hours, refusals"
