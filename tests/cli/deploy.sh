#!/usr/bin/env bash
# docs/deploy.md's procedure ("The procedure, step by step") works as written, twice:
# its ```sh deploy blocks with its ```sh deploy postgres ones run, in order, as one root
# shell script, against a PostgreSQL server this test starts (TCP on loopback, passwords
# required: scram-sha-256); then the same with its ```sh deploy sqlite blocks instead, on
# a SQLite file. Each time with a real unprivileged `okr` account that the procedure
# itself adds (and this test removes before the next run and at the end).
#
# What differs from a real machine, and only this:
# - Paths: the procedure's /usr/local/bin, /var/lib/okr, /var/backups/okr, /etc/systemd
#   and /etc/cron.d live under a folder of this test (the list SUBSTITUTE below), and
#   db.internal:5432 is the test's server, 8080 a free port, and the password "typed" to
#   createuser (on its standard input: the script runs without a terminal) is the test's.
# - systemd is not running here: `systemctl enable --now`/`restart` runs the command line
#   the unit's ExecStart= holds, as its User=, with its Environment= and nothing else of
#   the root shell's environment (as systemd would), and `journalctl -u okr` prints its
#   output. `apt-get install` is checked, not run: each package it names must be installed.
# - cron is not running here: each line of the procedure's /etc/cron.d/okr is then run
#   as cron runs it (its variables, HOME from the account, PATH=/usr/bin:/bin, `\%` as `%`).
source "$(dirname "$0")/lib.sh" "$@" || exit 1
[ -d "${WORK:-}" ] || exit 1  # it runs as root: never on paths outside its folder

if [ "$(id -u)" -ne 0 ]; then
  echo "skipped: the procedure adds a system account, so it runs as root"
  exit 77
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { fail "PostgreSQL's server programs are missing; run scripts/install-deps"; finish; exit 1; }
# One run at a time on this machine: the account is called okr.
exec 9>/tmp/okr-deploy-test.lock
flock -w 600 9 || { fail "another run of this test holds /tmp/okr-deploy-test.lock"; finish; exit 1; }
if id okr >/dev/null 2>&1; then
  fail "an account named okr exists already; this test adds it and removes it (userdel okr)"
  finish
  exit 1
fi

chmod 755 "$WORK"  # the okr and postgres accounts reach their files in it
mkdir -p "$WORK/checkout/build/dev" "$WORK/pg"
ln -s "$OKR" "$WORK/checkout/build/dev/okr"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
password="pw-$RANDOM-$RANDOM-$RANDOM"
RUN=""  # the folder of the run under way: its root, server output and journal

# Stops the server the procedure started and removes the account it added.
remove_service() {
  local pid
  if [ -n "$RUN" ] && [ -f "$RUN/okr.pid" ]; then  # runuser passes the signal on and waits
    pid=$(cat "$RUN/okr.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$RUN/okr.pid"
  fi
  id okr >/dev/null 2>&1 && userdel okr
  getent group okr >/dev/null && groupdel okr 2>/dev/null
  return 0
}
cleanup() {
  remove_service
  [ -f "$WORK/pg/data/postmaster.pid" ] &&
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1
}
AT_EXIT='cleanup'

# The database server: loopback only, a password for every TCP connection.
chown postgres: "$WORK/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$WORK/pg/data" -U postgres --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log" 2>&1 ||
  { cat "$WORK/initdb.log"; fail "initdb"; finish; exit 1; }
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='$WORK/pg' -c fsync=off" \
  start >/dev/null || { cat "$WORK/pg/server.log"; fail "the PostgreSQL server did not start"; finish; exit 1; }

# One run of the procedure, as the document writes it, with the substitutions above:
# its ```sh deploy blocks and those of the variant (postgres or sqlite), in order.
run_procedure() {
variant=$1
RUN=$WORK/$variant
ROOT=$RUN/root
mkdir -p "$ROOT/usr/local/bin" "$ROOT/var/lib" "$ROOT/var/backups" "$ROOT/etc/systemd/system" \
  "$ROOT/etc/cron.d"
chmod 755 "$RUN"
http_port=$(free_port)
SUBSTITUTE=(
  "/usr/local/bin/" "$ROOT/usr/local/bin/"
  "/var/lib/okr" "$ROOT/var/lib/okr"
  "/var/backups/okr" "$ROOT/var/backups/okr"
  "/etc/systemd/system/" "$ROOT/etc/systemd/system/"
  "/etc/cron.d/" "$ROOT/etc/cron.d/"
  "db.internal:5432" "127.0.0.1:$pg_port"
  ":8080" ":$http_port"
  "the-password-you-typed" "$password"
)
python3 - "$SRC/docs/deploy.md" "$variant" "${SUBSTITUTE[@]}" >"$RUN/procedure.sh" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
variant, pairs = sys.argv[2], sys.argv[3:]
blocks = re.findall(r"^```sh deploy( \w+)?\n(.*?)^```", text, re.S | re.M)
if sum(1 for v, _ in blocks if not v) < 5 or not any(v == " " + variant for v, _ in blocks):
    sys.exit("docs/deploy.md: fewer than five ```sh deploy blocks, or none for " + variant)
script = "".join(b for v, b in blocks if not v or v == " " + variant)
for old, new in zip(pairs[::2], pairs[1::2]):
    script = script.replace(old, new)
print(script)
PY
[ -s "$RUN/procedure.sh" ] || { fail "no $variant procedure found in docs/deploy.md"; return 1; }

cat >"$RUN/stand-ins.sh" <<EOF
# The stand-ins for what is not running here (see the top of tests/cli/deploy.sh).
ROOT='$ROOT'; WORK='$RUN'
export PATH="\$ROOT/usr/local/bin:\$PATH"
export PGHOST='$WORK/pg' PGPORT=$pg_port   # the server's socket, for runuser -u postgres
EOF
cat >>"$RUN/stand-ins.sh" <<'EOF'
apt-get() {
  local -; set +x
  local p
  for p in "$@"; do
    case $p in install | -*) ;; *)
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        { echo "apt-get install: package $p is not installed here" >&2; return 1; } ;;
    esac
  done
}
unit_start() {  # the unit's ExecStart=, as its User=, with its Environment= only
  local -; set +x
  local unit="$ROOT/etc/systemd/system/$1.service" user env=() exec_start home
  user=$(sed -n 's/^User=//p' "$unit")
  exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
  while IFS= read -r line; do env+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit")
  home=$(getent passwd "$user" | cut -d: -f6)
  : >"$WORK/serve.out"
  # shellcheck disable=SC2086  # ExecStart= is split on spaces, as systemd splits it
  runuser -u "$user" -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME="$home" USER="$user" LOGNAME="$user" "${env[@]}" $exec_start \
    >>"$WORK/serve.out" 2>>"$WORK/journal" &
  echo $! >"$WORK/okr.pid"
  for _ in $(seq 100); do grep -q serving "$WORK/serve.out" && break; sleep 0.1; done
  cat "$WORK/serve.out" >>"$WORK/journal"
  grep -q serving "$WORK/serve.out"
}
unit_stop() {
  local -; set +x
  local pid
  pid=$(cat "$WORK/okr.pid") && kill -TERM "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sleep 0.2
  cat "$WORK/serve.out" >>"$WORK/journal"
}
systemctl() {
  local -; set +x
  case "$*" in
    daemon-reload) ;;
    "enable --now "* | "start "*) unit_start "${@: -1}" ;;
    "restart "*) unit_stop && unit_start "${@: -1}" ;;
    "stop "*) unit_stop ;;
    *) echo "systemctl $*: not stood in for by the test" >&2; return 1 ;;
  esac
}
journalctl() { cat "$WORK/serve.out" "$WORK/journal"; }
set -ex -o pipefail
EOF

# Without a terminal, createuser --pwprompt reads the password (twice) from standard input.
(cd "$WORK/checkout" && printf '%s\n%s\n' "$password" "$password" |
  setsid bash -c "source '$RUN/stand-ins.sh'; source '$RUN/procedure.sh'" >"$RUN/procedure.out" 2>&1)
status=$?
if [ $status -ne 0 ]; then
  fail "docs/deploy.md's $variant procedure failed (exit $status); its last commands and output:"
  tail -n 30 "$RUN/procedure.out"
  return 1
fi

# The nightly backup, as cron would run each line of /etc/cron.d/okr.
cron_env=()
cron_jobs=0
while IFS= read -r line; do
  case $line in
    '' | '#'*) continue ;;
    [A-Za-z_]*=*) cron_env+=("$line"); continue ;;
  esac
  read -r _ _ _ _ _ user command <<<"$line"
  command=${command//\\%/%}
  home=$(getent passwd "$user" | cut -d: -f6)
  check "cron: $command" 0 runuser -u "$user" -- env -i HOME="$home" LOGNAME="$user" \
    SHELL=/bin/sh PATH=/usr/bin:/bin "${cron_env[@]}" /bin/sh -c "$command"
  cron_jobs=$((cron_jobs + 1))
done <"$ROOT/etc/cron.d/okr"
[ "$cron_jobs" -ge 1 ] || fail "the procedure's /etc/cron.d/okr runs nothing"
backup="$ROOT/var/backups/okr/okr-$(date +%a).db"
[ "$(stat -c %U "$backup" 2>/dev/null)" = okr ] || fail "no backup owned by okr at $backup"
check "$variant: the backup restores" 0 "$OKR" --db "$RUN/restored.db" restore "$backup"
check "$variant: the backup holds the administrator" 0 "$OKR" --db "$RUN/restored.db" user list
contains "$variant: the administrator" out "you@example.com"

contains "$variant: the set-up address while nobody had an account" "$variant/procedure.out" \
  "no user yet: open http://127.0.0.1:$http_port/setup#"
contains "$variant: okr init after the upgrade" "$variant/procedure.out" "already current"
lacks "$variant: no password in what the procedure printed" "$variant/procedure.out" "$password"
lacks "$variant: no password in the server's log" "$variant/journal" "$password"

if [ "$variant" = postgres ]; then
  # What the procedure promised: the account, its password file, tables it owns.
  [ "$(stat -c '%U %a' "$ROOT/var/lib/okr/.pgpass")" = "okr 600" ] ||
    fail ".pgpass: $(stat -c '%U %a' "$ROOT/var/lib/okr/.pgpass")"
  owners=$(command psql -h "$WORK/pg" -p "$pg_port" -U postgres -d okr -XAtc \
    "SELECT tableowner, count(*) FROM pg_tables WHERE schemaname = 'public' GROUP BY 1")
  case $owners in okr\|[1-9]*) ;; *) fail "okr's tables belong to: $owners" ;; esac
  # A URL that requires TLS of a server that does not offer it (this one has no
  # certificate) says so, not "nothing was written" nor libpq's own lines.
  check "TLS required, not offered" 1 "$OKR" --db "postgres://okr@127.0.0.1:$pg_port/okr?sslmode=require" \
    status
  contains "TLS required, not offered" err "requires TLS (sslmode) but the PostgreSQL server does not offer it"
  lacks "TLS required, not offered" err "nothing was written"
  [ "$(grep -c '^$' "$WORK/err")" = 0 ] || fail "TLS required, not offered: an empty line in: $(cat "$WORK/err")"
else
  # The database file the account made, beside nothing of PostgreSQL's.
  [ "$(stat -c %U "$ROOT/var/lib/okr/okr.db" 2>/dev/null)" = okr ] ||
    fail "sqlite: the database file is not the account's: $(ls -l "$ROOT/var/lib/okr")"
  [ ! -e "$ROOT/var/lib/okr/.pgpass" ] || fail "sqlite: the procedure wrote a .pgpass"
  # What the procedure avoids (step 4): a SQLite file root created is read-only to the
  # service, and okr says which file and which account.
  "$OKR" --db "$ROOT/var/lib/okr/made-by-root.db" demo >/dev/null
  check "a root-owned database" 1 runuser -u okr -- "$OKR" --db "$ROOT/var/lib/okr/made-by-root.db" \
    checkin growth-activation 60
  contains "a root-owned database" err "read-only to the user okr runs as"
  contains "a root-owned database" err "'$ROOT/var/lib/okr/made-by-root.db' as user okr"
fi
remove_service
}

run_procedure postgres && run_procedure sqlite
finish "docs/deploy.md's procedure works as written, as the okr account, on PostgreSQL with .pgpass and on SQLite"
